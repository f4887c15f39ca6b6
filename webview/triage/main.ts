// Entry of the triage panel: controls and a grid built with DOM APIs only (GitHub text as textContent).
// The host sorts and filters; this page keeps the cursor and the selection, and sends the view it
// wants and the ids of the rows acted on (the selection, or else the row under the cursor).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
	allowedRows, type TriageModerationAction, type TriageOptionDto, type TriageProtocol, type TriageRowDto, type TriageSnapshotDto, type TriageViewDto,
	type TriageWebviewState,
} from '../../src/shared/triageProtocol';
import { connect } from '../common/host';
import { button, el, icon } from '../common/dom';

type Action = 'done' | 'snooze' | 'template' | TriageModerationAction;

/** Rows rendered at first and per "Show more" (the host sends the whole queue; the DOM stays small). */
const PAGE = 300;

const host = connect<TriageProtocol, TriageWebviewState>();
const root = document.getElementById('root')!;
const saved = host.getState();
let snapshot: TriageSnapshotDto | undefined;
/** The row under the cursor (focus), and its position to fall back on when it leaves the queue. */
let cursorId = saved?.selectedId;
let cursorIndex = 0;
/** Rows selected for a bulk action. */
let checked = new Set(saved?.checked ?? []);
let limit = PAGE;
let selectionBar: HTMLElement | undefined;
let selectAllBox: HTMLInputElement | undefined;

// One polite live region outside the re-rendered root, so selection counts are announced.
const announcer = el('div', 'visually-hidden');
announcer.setAttribute('role', 'status');
announcer.setAttribute('aria-live', 'polite');
document.body.append(announcer);

/** Fills `{0}`… in a host string. */
function fmt(template: string | undefined, ...args: (string | number)[]): string {
	return (template ?? '').replace(/\{(\d+)\}/g, (m, i: string) => String(args[Number(i)] ?? m));
}

function saveState(): void {
	// the view goes with it so that a panel restored after a reload shows the same filters
	host.setState({ selectedId: cursorId, checked: [...checked], view: snapshot?.view });
}

function setView(change: Partial<TriageViewDto>): void {
	if (!snapshot) return;
	limit = PAGE;
	host.command('triage/setView', { ...snapshot.view, ...change });
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
	const label = el('label', 'control');
	label.append(el('span', 'control-label', text), control);
	return label;
}

function select(value: string, choices: readonly TriageOptionDto[], onChange: (v: string) => void): HTMLSelectElement {
	const s = el('select');
	for (const c of choices) {
		const o = el('option', undefined, c.label);
		o.value = c.value;
		s.append(o);
	}
	s.value = value;
	s.addEventListener('change', () => onChange(s.value));
	return s;
}

function checkbox(checkedNow: boolean, label: string, onChange: (on: boolean) => void): HTMLInputElement {
	const box = el('input');
	box.type = 'checkbox';
	box.checked = checkedNow;
	box.setAttribute('aria-label', label);
	box.addEventListener('change', () => onChange(box.checked));
	return box;
}

function filters(s: TriageSnapshotDto): HTMLElement[] {
	const x = s.strings;
	const v = s.view;
	return [
		labelled(x.sort!, select(v.sort, [{ value: 'sla', label: x.bySla! }, { value: 'age', label: x.byAge! }, { value: 'activity', label: x.byActivity! }], sort => setView({ sort: sort as TriageViewDto['sort'] }))),
		labelled(x.repo!, select(v.repo, [{ value: '', label: x.allRepos! }, ...s.repos], repo => setView({ repo }))),
		labelled(x.kind!, select(v.kind, [{ value: '', label: x.allKinds! }, { value: 'issue', label: x.issues! }, { value: 'discussion', label: x.discussions! }], kind => setView({ kind: kind as TriageViewDto['kind'] }))),
		labelled(x.label!, select(v.label, [{ value: '', label: x.allLabels! }, ...s.labels], label => setView({ label }))),
		labelled(x.category!, select(v.categoryId, [{ value: '', label: x.allCategories! }, ...s.categories], categoryId => setView({ categoryId }))),
		labelled(x.minAge!, select(String(v.minAgeHours), [{ value: '0', label: x.anyAge! }, { value: '24', label: x.day! }, { value: '72', label: x.threeDays! }, { value: '168', label: x.week! }], h => setView({ minAgeHours: Number(h) }))),
	];
}

function controls(s: TriageSnapshotDto): HTMLElement {
	const x = s.strings;
	const bar = el('div', 'controls');
	const search = el('input');
	search.type = 'search';
	search.value = s.view.text;
	search.placeholder = x.search!;
	search.setAttribute('aria-label', x.search!);
	search.addEventListener('change', () => setView({ text: search.value }));
	search.addEventListener('keydown', e => { if (e.key === 'Enter') setView({ text: search.value }); });
	const firstTimers = labelled(x.firstTimers!, checkbox(s.view.firstTimersOnly, x.firstTimers!, on => setView({ firstTimersOnly: on })));
	const refresh = el('button', 'icon-button');
	refresh.append(icon('refresh'));
	refresh.setAttribute('aria-label', x.refresh!);
	refresh.title = x.refresh!;
	refresh.addEventListener('click', () => host.command('triage/refresh', undefined));
	bar.append(search, ...filters(s), firstTimers, refresh);
	return bar;
}

// ---------------------------------------------------------------------------------------------
// Selection and actions

function rowIds(): string[] {
	return snapshot?.rows.map(r => r.id) ?? [];
}

/** The rows an action applies to: the selection (in queue order), or else the row under the cursor. */
function targets(): string[] {
	if (checked.size > 0) return rowIds().filter(id => checked.has(id));
	return cursorId ? [cursorId] : [];
}

function act(action: Action): void {
	const ids = targets();
	if (ids.length === 0) return;
	if (action === 'done' || action === 'snooze') {
		// the rows leave the queue: keep the cursor on the first row after them
		const gone = new Set(ids);
		const list = rowIds();
		const from = Math.max(0, list.indexOf(cursorId ?? ''));
		cursorId = list.slice(from).find(id => !gone.has(id)) ?? list.slice(0, from).reverse().find(id => !gone.has(id));
		checked = new Set();
		saveState();
	}
	if (action === 'done') host.command('triage/done', { ids });
	else if (action === 'snooze') host.command('triage/snooze', { ids });
	else if (action === 'template') host.command('triage/template', { ids });
	else host.command('triage/moderate', { ids, action });
}

/**
 * A moderation action, unless the viewer may not take it on any target (read access only): then
 * nothing is sent and the reason is announced. A selection the action allows in part goes to the
 * host, which leaves the other rows out and says how many.
 */
function moderate(action: TriageModerationAction): void {
	const ids = targets();
	if (!snapshot || ids.length === 0) return;
	if (allowedRows(snapshot.rows, ids, action).ids.length > 0) {
		act(action);
		return;
	}
	const x = snapshot.strings;
	const r = checked.size === 0 ? snapshot.rows.find(row => row.id === ids[0]) : undefined;
	announcer.textContent = r ? fmt(x.readOnly, `${r.repo}#${r.number}`, r.repo) : x.readOnlySelection ?? '';
}

function setChecked(ids: readonly string[], on: boolean): void {
	for (const id of ids) {
		if (on) checked.add(id);
		else checked.delete(id);
	}
	saveState();
	updateSelection();
	announcer.textContent = fmt(snapshot?.strings.selected, checked.size);
}

function actionButton(text: string, codicon: string, onClick: () => void): HTMLButtonElement {
	const b = el('button', 'icon-button');
	b.append(icon(codicon));
	b.setAttribute('aria-label', text);
	b.title = text;
	b.tabIndex = -1;
	b.addEventListener('click', e => { e.stopPropagation(); onClick(); });
	return b;
}

/** Runs an action on one row from its buttons: the row becomes the cursor and the only target. */
function rowAction(id: string, action: Action): () => void {
	return () => {
		if (checked.size > 0) setChecked([...checked], false);
		moveTo(id, false);
		act(action);
	};
}

function selectionBarContent(s: TriageSnapshotDto): void {
	if (!selectionBar) return;
	const x = s.strings;
	const ids = targets();
	const rowsById = new Map(s.rows.map(r => [r.id, r]));
	const anyIssue = ids.some(id => rowsById.get(id)?.kind === 'issue');
	selectionBar.hidden = checked.size === 0;
	if (checked.size === 0) {
		selectionBar.replaceChildren();
		return;
	}
	// a moderation action is disabled when no selected row allows it (assigning: no issue among them)
	const moderation = (text: string, codicon: string, action: TriageModerationAction, offered: boolean): HTMLElement => {
		const b = button(text, codicon, () => moderate(action), true);
		if (!offered || allowedRows(s.rows, ids, action).ids.length === 0) b.setAttribute('disabled', '');
		return b;
	};
	selectionBar.replaceChildren(
		el('span', 'selection-count', fmt(x.selected, checked.size)),
		button(x.template!, 'note', () => act('template'), true),
		moderation(x.labels!, 'tag', 'labels', true), moderation(x.assign!, 'person-add', 'assign', anyIssue), moderation(x.close!, 'issue-closed', 'close', true),
		button(x.done!, 'check', () => act('done'), true), button(x.snooze!, 'clock', () => act('snooze'), true),
		button(x.clearSelection!, 'close', () => setChecked([...checked], false), true),
	);
}

/** Reflects the selection in the rows, the select-all box and the selection bar (no re-render). */
function updateSelection(): void {
	for (const tr of rows()) {
		const on = checked.has(tr.dataset.id ?? '');
		tr.setAttribute('aria-selected', String(on));
		const box = tr.querySelector<HTMLInputElement>('input.select');
		if (box) box.checked = on;
	}
	const total = snapshot?.rows.length ?? 0;
	if (selectAllBox) {
		selectAllBox.checked = total > 0 && checked.size === total;
		selectAllBox.indeterminate = checked.size > 0 && checked.size < total;
	}
	if (snapshot) selectionBarContent(snapshot);
}

// ---------------------------------------------------------------------------------------------
// Rendering

function rowActions(r: TriageRowDto, s: TriageSnapshotDto): HTMLElement {
	const x = s.strings;
	const cell = el('td', 'actions');
	// moderation buttons only where the viewer may use them (read access: none, but closing their own item)
	cell.append(actionButton(x.template!, 'note', rowAction(r.id, 'template')));
	if (r.allowed.includes('labels')) cell.append(actionButton(x.labels!, 'tag', rowAction(r.id, 'labels')));
	if (r.kind === 'issue' && r.allowed.includes('assign')) cell.append(actionButton(x.assign!, 'person-add', rowAction(r.id, 'assign')));
	if (r.allowed.includes('close')) cell.append(actionButton(x.close!, 'issue-closed', rowAction(r.id, 'close')));
	cell.append(
		actionButton(x.done!, 'check', rowAction(r.id, 'done')),
		actionButton(x.snooze!, 'clock', rowAction(r.id, 'snooze')),
	);
	return cell;
}

function row(r: TriageRowDto, s: TriageSnapshotDto, index: number): HTMLTableRowElement {
	const x = s.strings;
	const tr = el('tr', `row sla-${r.sla}`);
	tr.tabIndex = r.id === cursorId ? 0 : -1;
	tr.dataset.id = r.id;
	tr.setAttribute('aria-selected', String(checked.has(r.id)));
	tr.setAttribute('aria-rowindex', String(index + 2));
	const pick = el('td', 'check');
	const box = checkbox(checked.has(r.id), fmt(x.select, `${r.repo}#${r.number}`), on => { setChecked([r.id], on); moveTo(r.id, true); });
	box.classList.add('select');
	box.tabIndex = -1;
	box.addEventListener('click', e => e.stopPropagation());
	pick.append(box);
	const title = el('td', 'title');
	const open = el('button', 'link');
	open.tabIndex = -1;
	open.append(icon(r.kind === 'discussion' ? 'comment-discussion' : 'issues'), document.createTextNode(` ${r.repo}#${r.number} `), el('span', 'title-text', r.title));
	open.addEventListener('click', () => host.command('triage/open', { id: r.id }));
	title.append(open);
	const author = el('td', 'author', r.author);
	if (r.firstTimer) author.append(' ', el('span', 'badge', x.firstTimer));
	const waiting = el('td');
	const time = el('time', undefined, r.age);
	time.dateTime = r.waitingSince;
	time.title = r.waitingSince;
	waiting.append(time);
	tr.append(pick, title, author, el('td', undefined, r.tags), el('td', 'reason', r.reason), waiting, el('td', `sla sla-${r.sla}`, r.slaText),
		el('td', 'number', String(r.commentCount)), rowActions(r, s));
	tr.addEventListener('click', () => moveTo(r.id, true));
	return tr;
}

function table(s: TriageSnapshotDto): HTMLElement {
	const x = s.strings;
	if (s.rows.length === 0) return el('p', 'empty', s.status === 'loading' ? x.loading : x.empty);
	const t = el('table', 'queue');
	t.setAttribute('role', 'grid');
	t.setAttribute('aria-multiselectable', 'true');
	t.setAttribute('aria-label', x.title!);
	t.setAttribute('aria-rowcount', String(s.rows.length + 1));
	const head = el('tr');
	head.setAttribute('aria-rowindex', '1');
	const all = el('th', 'check');
	selectAllBox = checkbox(false, x.selectAll!, on => setChecked(on ? rowIds() : [...checked], on));
	all.append(selectAllBox);
	head.append(all);
	for (const h of [x.item, x.author, x.tags, x.reason, x.waiting, x.sla, x.comments, x.actions]) head.append(el('th', undefined, h));
	const thead = el('thead');
	thead.append(head);
	const body = el('tbody');
	body.append(...s.rows.slice(0, limit).map((r, i) => row(r, s, i)));
	t.append(thead, body);
	return t;
}

function showMore(s: TriageSnapshotDto): HTMLElement[] {
	const left = s.rows.length - limit;
	if (left <= 0) return [];
	return [button(fmt(s.strings.showMore, left), 'chevron-down', () => { limit += PAGE; render(); focusCursor(); }, true)];
}

function render(): void {
	const s = snapshot;
	if (!s) return;
	const ids = new Set(s.rows.map(r => r.id));
	checked = new Set([...checked].filter(id => ids.has(id)));
	if (cursorId === undefined || !ids.has(cursorId)) cursorId = s.rows[Math.min(cursorIndex, s.rows.length - 1)]?.id;
	cursorIndex = Math.max(0, s.rows.findIndex(r => r.id === cursorId));
	if (cursorIndex >= limit) limit = Math.ceil((cursorIndex + 1) / PAGE) * PAGE;
	// keep keyboard focus on the cursor across re-renders, without ever pulling focus into an unfocused panel
	const hadFocus = document.hasFocus() && (document.activeElement?.closest('tr.row') != null || document.activeElement === document.body);
	const status = el('p', 'summary', s.summary);
	status.setAttribute('role', 'status');
	status.setAttribute('aria-live', 'polite');
	selectionBar = el('div', 'selection-bar');
	selectionBar.setAttribute('role', 'toolbar');
	selectionBar.setAttribute('aria-label', s.strings.selectionActions!);
	const parts: HTMLElement[] = [el('h1', undefined, s.strings.title), controls(s), status];
	if (s.pending) parts.push(el('p', 'pending', s.pending));
	parts.push(selectionBar, table(s), ...showMore(s), el('p', 'shortcuts', s.strings.shortcuts));
	root.replaceChildren(...parts);
	root.setAttribute('aria-busy', String(s.status === 'loading'));
	updateSelection();
	saveState();
	if (hadFocus) focusCursor();
}

// ---------------------------------------------------------------------------------------------
// Cursor and keyboard

function rows(): HTMLTableRowElement[] {
	return [...document.querySelectorAll<HTMLTableRowElement>('tr.row')];
}

function focusCursor(): void {
	rows().find(r => r.dataset.id === cursorId)?.focus();
}

/** Moves the cursor to a row (rendering more rows when it is past the shown ones). */
function moveTo(id: string | undefined, focus: boolean): void {
	if (id === undefined) return;
	cursorId = id;
	cursorIndex = Math.max(0, rowIds().indexOf(id));
	saveState();
	if (cursorIndex >= limit) {
		limit = Math.ceil((cursorIndex + 1) / PAGE) * PAGE;
		render();
	}
	for (const tr of rows()) tr.tabIndex = tr.dataset.id === id ? 0 : -1;
	if (focus) focusCursor();
}

/** Moves the cursor by `delta` rows; with `extend`, the rows passed over join the selection. */
function move(delta: number, extend: boolean): void {
	const list = rowIds();
	if (list.length === 0) return;
	const i = Math.max(0, list.indexOf(cursorId ?? ''));
	const next = list[Math.min(list.length - 1, Math.max(0, i + delta))];
	if (extend && cursorId) setChecked([cursorId, ...(next ? [next] : [])], true);
	moveTo(next, true);
}

const KEYS: Readonly<Record<string, (shift: boolean) => void>> = {
	j: shift => move(1, shift), arrowdown: shift => move(1, shift),
	k: shift => move(-1, shift), arrowup: shift => move(-1, shift),
	home: () => moveTo(rowIds()[0], true), end: () => moveTo(rowIds().at(-1), true),
	' ': () => { if (cursorId) setChecked([cursorId], !checked.has(cursorId)); },
	escape: () => setChecked([...checked], false),
	enter: () => { if (cursorId) host.command('triage/open', { id: cursorId }); },
	t: () => act('template'), l: () => moderate('labels'), a: () => moderate('assign'), c: () => moderate('close'), x: () => act('done'), s: () => act('snooze'),
};

function onKey(event: KeyboardEvent): void {
	const target = event.target as Element;
	if (target.closest('input:not([type=checkbox]), select, textarea') || event.altKey) return;
	if ((event.key === 'Enter' || event.key === ' ') && target.closest('button, vscode-button, input')) return;
	if (event.ctrlKey || event.metaKey) {
		if (event.key.toLowerCase() !== 'a' || !snapshot) return;
		setChecked(rowIds(), true);
	} else {
		const handler = KEYS[event.key.toLowerCase()];
		if (!handler) return;
		handler(event.shiftKey);
	}
	event.preventDefault();
}

document.addEventListener('keydown', onKey);

host.onNotification('triage/didChange', s => {
	snapshot = s;
	render();
});

host.command('webview/ready', undefined);
