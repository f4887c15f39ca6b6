// Entry of the Community Stats panel: controls, headline cards with their definitions, charts each
// with a table alternative, people lists and a contributor card, built with DOM APIs only (GitHub
// text as textContent). The host computes everything; this page sends the window it wants and the
// id of the person or link acted on.
import type {
	StatsCardDto, StatsChartDto, StatsPeopleDto, StatsPersonCardDto, StatsPresetDto, StatsProtocol, StatsSnapshotDto, StatsViewDto,
} from '../../src/shared/statsProtocol';
import { el, icon } from '../common/dom';
import { connect } from '../common/host';
import { destroyCharts, drawChart, followTheme } from './charts';
import { restoreState, toggleTable, withCustomDates, withPreset, type StatsWebviewState } from './model';

const host = connect<StatsProtocol, StatsWebviewState>();
const root = document.getElementById('root')!;
let snapshot: StatsSnapshotDto | undefined;
let state = restoreState(host.getState());
/** Where focus goes back to when the contributor card closes. */
let cardOpener: string | undefined;

function saveState(next: StatsWebviewState): void {
	state = next;
	host.setState(state);
}

function setView(view: StatsViewDto): void {
	host.command('stats/setView', view);
}

function toolButton(label: string, codicon: string, key: string, onClick: () => void): HTMLButtonElement {
	const b = el('button', 'icon-button');
	b.append(icon(codicon));
	b.setAttribute('aria-label', label);
	b.title = label;
	b.dataset.focus = key;
	b.addEventListener('click', onClick);
	return b;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
	const label = el('label', 'control');
	label.append(el('span', 'control-label', text), control);
	return label;
}

function select(value: string, choices: readonly { value: string; label: string }[], key: string, onChange: (v: string) => void): HTMLSelectElement {
	const s = el('select');
	for (const c of choices) {
		const o = el('option', undefined, c.label);
		o.value = c.value;
		s.append(o);
	}
	s.value = value;
	s.dataset.focus = key;
	s.addEventListener('change', () => onChange(s.value));
	return s;
}

function dateInput(value: string, key: string): HTMLInputElement {
	const input = el('input');
	input.type = 'date';
	input.value = value;
	input.dataset.focus = key;
	return input;
}

function controls(s: StatsSnapshotDto): HTMLElement {
	const x = s.strings;
	const v = s.view;
	const bar = el('div', 'controls');
	bar.setAttribute('role', 'toolbar');
	bar.setAttribute('aria-label', x.title!);
	const presets = [
		{ value: '7', label: x.last7! }, { value: '30', label: x.last30! }, { value: '90', label: x.last90! }, { value: '365', label: x.last365! }, { value: 'custom', label: x.custom! },
	];
	bar.append(labelled(x.window!, select(v.preset, presets, 'preset', p => setView(withPreset(v, p as StatsPresetDto, Date.now())))));
	if (v.preset === 'custom') {
		const from = dateInput(v.from, 'from');
		const to = dateInput(v.to, 'to');
		const apply = el('button', 'text-button', x.apply);
		apply.dataset.focus = 'apply';
		apply.addEventListener('click', () => { const next = withCustomDates(v, from.value, to.value); if (next) setView(next); });
		bar.append(labelled(x.from!, from), labelled(x.to!, to), apply);
	}
	bar.append(
		labelled(x.repo!, select(v.repo, [{ value: '', label: x.allRepos! }, ...s.repos], 'repo', repo => setView({ ...v, repo }))),
		toolButton(x.refresh!, 'refresh', 'refresh', () => host.command('stats/refresh', undefined)),
		toolButton(x.exportMarkdown!, 'markdown', 'exportMarkdown', () => host.command('stats/exportMarkdown', undefined)),
		toolButton(x.exportCsv!, 'table', 'exportCsv', () => host.command('stats/exportCsv', undefined)),
		toolButton(x.digest!, 'note', 'digest', () => host.command('stats/digest', undefined)),
	);
	return bar;
}

function cardView(c: StatsCardDto): HTMLElement {
	const card = el('section', 'card');
	card.title = c.definition;
	const labelId = `card-${c.id}`;
	card.setAttribute('aria-labelledby', labelId);
	const label = el('h3', 'card-label', c.label);
	label.id = labelId;
	card.append(label, el('p', 'card-value', c.value));
	if (c.detail) card.append(el('p', 'card-detail', c.detail));
	if (state.definitions) card.append(el('p', 'definition', c.definition));
	return card;
}

function cards(s: StatsSnapshotDto): HTMLElement {
	const x = s.strings;
	const section = el('section', 'cards-section');
	section.setAttribute('aria-label', x.headlines!);
	const toggle = el('button', 'text-button', state.definitions ? x.hideDefinitions : x.showDefinitions);
	toggle.setAttribute('aria-pressed', String(state.definitions));
	toggle.dataset.focus = 'definitions';
	toggle.addEventListener('click', () => { saveState({ ...state, definitions: !state.definitions }); render(); });
	const grid = el('div', 'cards');
	grid.append(...s.cards.map(cardView));
	section.append(toggle, grid);
	return section;
}

function chartTable(c: StatsChartDto): HTMLTableElement {
	const table = el('table', 'data');
	table.append(el('caption', 'visually-hidden', c.title));
	const head = el('tr');
	for (const col of c.table.columns) {
		const th = el('th', undefined, col);
		th.scope = 'col';
		head.append(th);
	}
	const thead = el('thead');
	thead.append(head);
	const body = el('tbody');
	for (const r of c.table.rows) {
		const tr = el('tr');
		r.forEach((cell, i) => {
			const td = i === 0 ? el('th', undefined, cell) : el('td', 'number', cell);
			if (i === 0) (td as HTMLTableCellElement).scope = 'row';
			tr.append(td);
		});
		body.append(tr);
	}
	table.append(thead, body);
	return table;
}

function chartView(c: StatsChartDto, s: StatsSnapshotDto, canvases: [HTMLCanvasElement, StatsChartDto][]): HTMLElement {
	const x = s.strings;
	const asTable = state.tables.includes(c.id);
	const figure = el('figure', 'chart');
	figure.dataset.chart = c.id;
	const caption = el('figcaption');
	const title = el('h3', 'chart-title', c.title);
	title.title = c.definition;
	const toggle = el('button', 'text-button', asTable ? x.showChart : x.showTable);
	toggle.setAttribute('aria-pressed', String(asTable));
	toggle.dataset.focus = `table-${c.id}`;
	toggle.addEventListener('click', () => { saveState(toggleTable(state, c.id)); render(); });
	caption.append(title, toggle);
	figure.append(caption);
	if (state.definitions) figure.append(el('p', 'definition', c.definition));
	if (asTable) {
		const scroll = el('div', 'table-scroll');
		scroll.append(chartTable(c));
		figure.append(scroll);
	} else {
		const box = el('div', 'chart-box');
		const canvas = el('canvas');
		canvas.setAttribute('role', 'img');
		canvas.setAttribute('aria-label', `${c.title}. ${c.summary}`);
		canvas.textContent = c.summary;
		box.append(canvas);
		figure.append(box);
		canvases.push([canvas, c]);
	}
	return figure;
}

function personButton(id: string, login: string, team: boolean, x: StatsSnapshotDto['strings']): HTMLElement {
	const b = el('button', 'link', login);
	b.dataset.focus = `person-${id}`;
	b.setAttribute('aria-label', x.openCard!.replace('{0}', login));
	b.addEventListener('click', () => { cardOpener = b.dataset.focus; host.command('stats/showPerson', { id }); });
	const cell = el('th');
	cell.scope = 'row';
	cell.append(b);
	if (team) cell.append(' ', el('span', 'badge', x.team));
	return cell;
}

function peopleView(list: StatsPeopleDto, s: StatsSnapshotDto): HTMLElement {
	const x = s.strings;
	const section = el('section', 'people');
	section.dataset.list = list.id;
	const title = el('h3', undefined, list.title);
	title.title = list.definition;
	section.append(title);
	if (state.definitions) section.append(el('p', 'definition', list.definition));
	if (list.people.length === 0) {
		section.append(el('p', 'empty', list.empty));
		return section;
	}
	const table = el('table', 'data');
	table.setAttribute('aria-label', list.title);
	const head = el('tr');
	for (const col of [...list.columns, ...(list.action ? [''] : [])]) {
		const th = el('th', undefined, col);
		th.scope = 'col';
		head.append(th);
	}
	const thead = el('thead');
	thead.append(head);
	const body = el('tbody');
	for (const p of list.people) {
		const tr = el('tr');
		tr.append(personButton(p.id, p.login, p.team, x), ...p.cells.map(cell => el('td', 'number', cell)));
		if (list.action) {
			const label = list.action === 'thank' ? x.thank! : x.checkIn!;
			const action = el('button', 'text-button', label);
			action.setAttribute('aria-label', `${label} ${p.login}`);
			action.dataset.focus = `${list.action}-${list.id}-${p.id}`;
			action.addEventListener('click', () => host.command(list.action === 'thank' ? 'stats/thank' : 'stats/checkIn', { id: p.id }));
			const td = el('td', 'actions');
			td.append(action);
			tr.append(td);
		}
		body.append(tr);
	}
	table.append(thead, body);
	const scroll = el('div', 'table-scroll');
	scroll.append(table);
	section.append(scroll);
	return section;
}

function linkButton(text: string, url: string, key: string): HTMLButtonElement {
	const b = el('button', 'link', text);
	b.dataset.focus = key;
	b.addEventListener('click', () => host.command('stats/openUrl', { url }));
	return b;
}

function closeCard(): void {
	host.command('stats/closePerson', undefined);
}

function personCardView(c: StatsPersonCardDto, s: StatsSnapshotDto): HTMLElement {
	const x = s.strings;
	const card = el('section', 'person-card');
	card.setAttribute('role', 'dialog');
	card.setAttribute('aria-labelledby', 'person-card-title');
	card.tabIndex = -1;
	const title = el('h2', undefined, c.login);
	title.id = 'person-card-title';
	const close = toolButton(x.close!, 'close', 'card-close', closeCard);
	const header = el('div', 'card-header');
	header.append(title, el('span', 'badge', c.role), close);
	const facts = el('dl', 'facts');
	for (const f of c.facts) facts.append(el('dt', undefined, f.label), el('dd', undefined, f.value));
	const threads = el('ul', 'threads');
	c.threads.forEach((th, i) => {
		const li = el('li');
		li.append(linkButton(th.title, th.url, `card-thread-${i}`), el('span', 'thread-detail', th.detail));
		threads.append(li);
	});
	card.append(header, facts, el('h3', undefined, x.recentThreads), c.threads.length > 0 ? threads : el('p', 'empty', x.noThreads),
		linkButton(x.profile!, c.profileUrl, 'card-profile'));
	card.addEventListener('keydown', e => { if (e.key === 'Escape') { e.stopPropagation(); closeCard(); } });
	return card;
}

function render(): void {
	const s = snapshot;
	if (!s) return;
	const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focus;
	const hadCard = document.querySelector('.person-card') !== null;
	destroyCharts();
	const x = s.strings;
	const status = el('p', 'summary', [s.windowLabel, s.pending].filter(Boolean).join(' · '));
	status.setAttribute('role', 'status');
	status.setAttribute('aria-live', 'polite');
	const parts: HTMLElement[] = [el('h1', undefined, x.title), controls(s), status];
	if (s.error) {
		const error = el('p', 'error', s.error);
		error.setAttribute('role', 'alert');
		parts.push(error);
	}
	if (s.card) parts.push(personCardView(s.card, s));
	const canvases: [HTMLCanvasElement, StatsChartDto][] = [];
	if (s.status === 'loading') {
		parts.push(el('p', 'empty', x.loading));
	} else if (s.cards.length > 0) {
		const charts = el('section', 'charts');
		charts.setAttribute('aria-label', x.charts!);
		charts.append(...s.charts.map(c => chartView(c, s, canvases)));
		const people = el('section', 'lists');
		people.setAttribute('aria-label', x.people!);
		people.append(...s.lists.map(l => peopleView(l, s)));
		parts.push(cards(s), charts, people, el('p', 'note', s.note));
	}
	root.replaceChildren(...parts);
	root.setAttribute('aria-busy', String(s.status === 'loading'));
	for (const [canvas, dto] of canvases) drawChart(canvas, dto);
	restoreFocus(s, focusKey, hadCard);
}

/** Keeps keyboard focus across re-renders: the same control, the card when it opens, its opener when it closes. */
function restoreFocus(s: StatsSnapshotDto, focusKey: string | undefined, hadCard: boolean): void {
	const byKey = (key: string | undefined) => (key ? document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`) : null);
	if (s.card && !hadCard) {
		document.querySelector<HTMLElement>('.person-card')?.focus();
	} else if (!s.card && hadCard) {
		byKey(cardOpener)?.focus();
	} else {
		byKey(focusKey)?.focus();
	}
}

document.addEventListener('keydown', event => {
	if (event.key === 'Escape' && snapshot?.card) {
		event.preventDefault();
		closeCard();
	}
});

host.onNotification('stats/didChange', s => {
	snapshot = s;
	render();
});

followTheme();
host.command('webview/ready', undefined);
