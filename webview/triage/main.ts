// Entry of the triage panel: controls and a table built with DOM APIs only (GitHub text as textContent).
// The host sorts and filters; this page sends the view it wants and the id of the row acted on.
import type { TriageOptionDto, TriageProtocol, TriageRowDto, TriageSnapshotDto, TriageViewDto } from '../../src/shared/triageProtocol';
import { connect } from '../common/host';
import { el, icon } from '../common/dom';

interface TriageWebviewState {
	readonly selectedId?: string;
}

const host = connect<TriageProtocol, TriageWebviewState>();
const root = document.getElementById('root')!;
let snapshot: TriageSnapshotDto | undefined;
let selectedId = host.getState()?.selectedId;

function setView(change: Partial<TriageViewDto>): void {
	if (!snapshot) return;
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

function controls(s: TriageSnapshotDto): HTMLElement {
	const x = s.strings;
	const v = s.view;
	const bar = el('div', 'controls');
	const search = el('input');
	search.type = 'search';
	search.value = v.text;
	search.placeholder = x.search!;
	search.setAttribute('aria-label', x.search!);
	search.addEventListener('change', () => setView({ text: search.value }));
	search.addEventListener('keydown', e => { if (e.key === 'Enter') setView({ text: search.value }); });
	const firstTimers = el('input');
	firstTimers.type = 'checkbox';
	firstTimers.checked = v.firstTimersOnly;
	firstTimers.addEventListener('change', () => setView({ firstTimersOnly: firstTimers.checked }));
	const refresh = el('button', 'icon-button');
	refresh.append(icon('refresh'));
	refresh.setAttribute('aria-label', x.refresh!);
	refresh.title = x.refresh!;
	refresh.addEventListener('click', () => host.command('triage/refresh', undefined));
	bar.append(
		search,
		labelled(x.sort!, select(v.sort, [{ value: 'sla', label: x.bySla! }, { value: 'age', label: x.byAge! }, { value: 'activity', label: x.byActivity! }], sort => setView({ sort: sort as TriageViewDto['sort'] }))),
		labelled(x.repo!, select(v.repo, [{ value: '', label: x.allRepos! }, ...s.repos], repo => setView({ repo }))),
		labelled(x.kind!, select(v.kind, [{ value: '', label: x.allKinds! }, { value: 'issue', label: x.issues! }, { value: 'discussion', label: x.discussions! }], kind => setView({ kind: kind as TriageViewDto['kind'] }))),
		labelled(x.label!, select(v.label, [{ value: '', label: x.allLabels! }, ...s.labels], label => setView({ label }))),
		labelled(x.category!, select(v.categoryId, [{ value: '', label: x.allCategories! }, ...s.categories], categoryId => setView({ categoryId }))),
		labelled(x.minAge!, select(String(v.minAgeHours), [{ value: '0', label: x.anyAge! }, { value: '24', label: x.day! }, { value: '72', label: x.threeDays! }, { value: '168', label: x.week! }], h => setView({ minAgeHours: Number(h) }))),
		labelled(x.firstTimers!, firstTimers),
		refresh,
	);
	return bar;
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

function row(r: TriageRowDto, s: TriageSnapshotDto): HTMLTableRowElement {
	const x = s.strings;
	const tr = el('tr', `row sla-${r.sla}`);
	tr.tabIndex = r.id === selectedId ? 0 : -1;
	tr.dataset.id = r.id;
	tr.setAttribute('aria-selected', String(r.id === selectedId));
	const title = el('td', 'title');
	const open = el('button', 'link');
	open.tabIndex = -1;
	open.append(icon(r.kind === 'discussion' ? 'comment-discussion' : 'issues'), document.createTextNode(` ${r.repo}#${r.number} `), el('span', 'title-text', r.title));
	open.addEventListener('click', () => host.command('triage/open', { id: r.id }));
	title.append(open);
	const author = el('td', undefined, r.author);
	if (r.firstTimer) author.append(' ', el('span', 'badge', x.firstTimer));
	const waiting = el('td');
	const time = el('time', undefined, r.age);
	time.dateTime = r.waitingSince;
	time.title = r.waitingSince;
	waiting.append(time);
	const actions = el('td', 'actions');
	actions.append(actionButton(x.done!, 'check', () => host.command('triage/done', { id: r.id })), actionButton(x.snooze!, 'clock', () => host.command('triage/snooze', { id: r.id })));
	tr.append(title, author, el('td', undefined, r.tags), el('td', undefined, r.reason), waiting, el('td', `sla sla-${r.sla}`, r.slaText), el('td', 'number', String(r.commentCount)), actions);
	tr.addEventListener('click', () => select_(r.id));
	return tr;
}

function table(s: TriageSnapshotDto): HTMLElement {
	const x = s.strings;
	if (s.rows.length === 0) return el('p', 'empty', s.status === 'loading' ? x.loading : x.empty);
	const t = el('table', 'queue');
	t.setAttribute('aria-label', x.title!);
	const head = el('tr');
	for (const h of [x.item, x.author, x.tags, x.reason, x.waiting, x.sla, x.comments, '']) head.append(el('th', undefined, h));
	const thead = el('thead');
	thead.append(head);
	const body = el('tbody');
	body.append(...s.rows.map(r => row(r, s)));
	t.append(thead, body);
	return t;
}

function render(): void {
	const s = snapshot;
	if (!s) return;
	if (selectedId === undefined || !s.rows.some(r => r.id === selectedId)) selectedId = s.rows[0]?.id;
	const hadFocus = document.activeElement?.closest('tr.row') !== null && document.activeElement?.closest('tr.row') !== undefined;
	const status = el('p', 'summary', s.summary);
	status.setAttribute('role', 'status');
	status.setAttribute('aria-live', 'polite');
	const parts: HTMLElement[] = [el('h1', undefined, s.strings.title), controls(s), status];
	if (s.pending) parts.push(el('p', 'pending', s.pending));
	parts.push(table(s), el('p', 'shortcuts', s.strings.shortcuts));
	root.replaceChildren(...parts);
	root.setAttribute('aria-busy', String(s.status === 'loading'));
	if (hadFocus) focusSelected();
}

function rows(): HTMLTableRowElement[] {
	return [...document.querySelectorAll<HTMLTableRowElement>('tr.row')];
}

function focusSelected(): void {
	const tr = rows().find(r => r.dataset.id === selectedId);
	tr?.focus();
}

function select_(id: string | undefined): void {
	selectedId = id;
	host.setState({ selectedId: id });
	for (const tr of rows()) {
		const on = tr.dataset.id === id;
		tr.tabIndex = on ? 0 : -1;
		tr.setAttribute('aria-selected', String(on));
	}
	focusSelected();
}

document.addEventListener('keydown', event => {
	if ((event.target as Element).closest('input, select, textarea') || event.ctrlKey || event.metaKey || event.altKey) return;
	const list = rows();
	const i = list.findIndex(r => r.dataset.id === selectedId);
	const move = (delta: number) => {
		const next = list[Math.min(list.length - 1, Math.max(0, i + delta))];
		if (next) select_(next.dataset.id);
	};
	const id = selectedId;
	switch (event.key) {
		case 'j': case 'ArrowDown': move(1); break;
		case 'k': case 'ArrowUp': move(-1); break;
		case 'Enter': if (id) host.command('triage/open', { id }); break;
		case 'x': if (id) { move(1); host.command('triage/done', { id }); } break;
		case 's': if (id) { move(1); host.command('triage/snooze', { id }); } break;
		default: return;
	}
	event.preventDefault();
});

host.onNotification('triage/didChange', s => {
	snapshot = s;
	render();
});

host.command('webview/ready', undefined);
