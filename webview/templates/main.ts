// Entry of the Saved Replies panel: a grouped listbox of templates and a preview, built with DOM APIs
// only (texts as textContent; the previewed body through the thread view's sanitiser). The host
// loads, groups, filters and previews; this page keeps the cursor and the search box, and sends the
// search text and the ids of the rows acted on.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import DOMPurify from 'dompurify';
import {
	parseTemplatesPanelState, parseTemplatesSnapshot, type TemplateErrorDto, type TemplateGroupDto, type TemplatePreviewDto, type TemplateRowDto,
	type TemplatesPanelState, type TemplatesProtocol, type TemplatesSnapshotDto,
} from '../../src/shared/templatesProtocol';
import { button, el, icon } from '../common/dom';
import { connect } from '../common/host';
import { createSanitizer } from '../common/sanitize';

const host = connect<TemplatesProtocol, TemplatesPanelState>();
const sanitizer = createSanitizer(DOMPurify, window);
const root = document.getElementById('root')!;
const saved = parseTemplatesPanelState(host.getState());
/** Search typing is sent after this pause. */
const SEARCH_DEBOUNCE_MS = 150;

let snapshot: TemplatesSnapshotDto | undefined;
/** The row under the keyboard cursor (previewed on Enter or click). */
let cursorId = saved.selectedId;
let searchTimer: number | undefined;

/** Fills `{0}`… in a host string. */
function fmt(template: string | undefined, ...args: string[]): string {
	return (template ?? '').replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}

// ---------------------------------------------------------------------------------------------
// The frame: built once (its controls keep focus and typed text across snapshots)

const heading = el('h1');
const search = el('input');
search.type = 'search';
search.value = saved.query;
const createButton = button('', 'add', () => host.command('templates/create', undefined));
const refreshButton = el('button', 'icon-button');
refreshButton.append(icon('refresh'));
refreshButton.addEventListener('click', () => host.command('templates/refresh', undefined));
const controls = el('div', 'controls');
controls.append(search, createButton, refreshButton);
const summary = el('p', 'summary');
summary.setAttribute('role', 'status');
summary.setAttribute('aria-live', 'polite');
const notices = el('div', 'notices');
const listbox = el('div', 'list');
listbox.setAttribute('role', 'listbox');
const noMatch = el('p', 'empty');
const catalog = el('section', 'catalog');
catalog.append(listbox, noMatch);
const preview = el('section', 'preview');
const layout = el('div', 'layout');
layout.append(catalog, preview);
const shortcuts = el('p', 'shortcuts');

function saveState(): void {
	host.setState({ query: search.value, selectedId: cursorId });
}

search.addEventListener('input', () => {
	saveState();
	window.clearTimeout(searchTimer);
	searchTimer = window.setTimeout(() => host.command('templates/search', { query: search.value }), SEARCH_DEBOUNCE_MS);
});

/** Texts of the frame (strings come with every snapshot). */
function frameTexts(s: TemplatesSnapshotDto): void {
	const x = s.strings;
	heading.textContent = x.title ?? '';
	search.placeholder = x.searchPlaceholder ?? '';
	search.setAttribute('aria-label', x.search ?? '');
	createButton.textContent = x.create ?? '';
	refreshButton.setAttribute('aria-label', x.refresh ?? '');
	refreshButton.title = x.refresh ?? '';
	listbox.setAttribute('aria-label', x.list ?? '');
	preview.setAttribute('aria-label', x.preview ?? '');
	shortcuts.textContent = x.shortcuts ?? '';
	if (document.activeElement !== search && search.value !== s.query) search.value = s.query;
	summary.textContent = s.status === 'loading' ? x.loading ?? '' : s.summary;
	notices.replaceChildren(...s.notices.map(n => {
		const p = el('p', 'notice');
		p.append(icon('warning'), document.createTextNode(` ${n}`));
		return p;
	}));
	if (!root.contains(layout)) root.replaceChildren(heading, controls, summary, notices, layout, shortcuts);
}

// ---------------------------------------------------------------------------------------------
// The list

function rowIds(): string[] {
	return snapshot?.groups.flatMap(g => g.rows.map(r => r.id)) ?? [];
}

function errorList(errors: readonly TemplateErrorDto[], id: string): HTMLElement {
	const list = el('ul', 'errors');
	errors.forEach((e, index) => {
		const item = el('li', e.openable ? 'error openable' : 'error');
		item.append(icon('error'), ' ', el('span', 'where', e.where), ' ', el('span', 'message', e.message));
		// Mouse convenience; the keyboard reaches the same action through the preview's Problems buttons.
		if (e.openable) item.addEventListener('click', event => { event.stopPropagation(); host.command('templates/openError', { id, index }); });
		list.append(item);
	});
	return list;
}

function option(r: TemplateRowDto, s: TemplatesSnapshotDto): HTMLElement {
	const x = s.strings;
	const o = el('div', r.errors.length > 0 ? 'option broken' : 'option');
	o.setAttribute('role', 'option');
	o.id = `option-${r.id}`;
	o.dataset.id = r.id;
	o.setAttribute('aria-selected', String(r.id === cursorId));
	o.setAttribute('aria-label', r.label);
	o.tabIndex = r.id === cursorId ? 0 : -1;
	const line = el('div', 'option-title');
	line.append(icon(r.errors.length > 0 ? 'error' : r.readOnly ? 'github' : 'note'), el('span', 'title', r.title));
	if (r.errors.length > 0) line.append(el('span', 'badge badge-broken', x.broken));
	if (r.readOnly) line.append(el('span', 'badge', x.readOnly));
	o.append(line);
	if (r.description) o.append(el('div', 'description', r.description));
	o.append(el('div', 'meta', [fmt(x.appliesTo, r.appliesTo), r.filters].filter(Boolean).join(' · ')));
	if (r.actions.length > 0) o.append(el('div', 'meta actions', `${x.afterPosting}: ${r.actions.join('; ')}`));
	if (r.errors.length > 0) o.append(errorList(r.errors, r.id));
	o.addEventListener('click', () => { moveTo(r.id, true); showPreview(r.id); });
	return o;
}

function group(g: TemplateGroupDto, index: number, s: TemplatesSnapshotDto): HTMLElement {
	const box = el('div', `group group-${g.source}`);
	box.setAttribute('role', 'group');
	const title = el('div', 'group-title');
	title.id = `group-${index}`;
	title.append(icon(g.source === 'team' ? 'organization' : g.source === 'personal' ? 'person' : 'github'), ' ', el('span', undefined, g.title), ' ',
		el('span', 'group-detail', g.detail));
	box.setAttribute('aria-labelledby', title.id);
	box.append(title, ...g.rows.map(r => option(r, s)));
	if (g.rows.length === 0 && g.empty) box.append(el('div', 'group-empty', g.empty));
	return box;
}

function renderList(s: TemplatesSnapshotDto): void {
	const ids = rowIds();
	if (!ids.includes(cursorId)) cursorId = s.selectedId || ids[0] || '';
	listbox.replaceChildren(...s.groups.map((g, i) => group(g, i, s)));
	listbox.hidden = s.groups.length === 0;
	noMatch.textContent = s.groups.length === 0 && s.status === 'ready' ? s.strings.noMatch ?? '' : '';
}

// ---------------------------------------------------------------------------------------------
// The preview

function section(title: string, ...content: Node[]): HTMLElement {
	const s = el('section', 'preview-section');
	s.append(el('h3', undefined, title), ...content);
	return s;
}

function problems(p: TemplatePreviewDto, s: TemplatesSnapshotDto): HTMLElement {
	const list = el('ul', 'errors');
	p.errors.forEach((e, index) => {
		const item = el('li', 'error');
		if (e.openable) {
			const open = el('button', 'link');
			open.dataset.action = `error-${index}`;
			open.append(icon('error'), ' ', el('span', 'where', e.where), ' ', el('span', 'message', e.message));
			open.title = fmt(s.strings.openProblem, e.where);
			open.addEventListener('click', () => host.command('templates/openError', { id: p.id, index }));
			item.append(open);
		} else {
			item.append(icon('error'), ' ', el('span', 'where', e.where), ' ', el('span', 'message', e.message));
		}
		list.append(item);
	});
	return section(s.strings.problems ?? '', list);
}

function variables(p: TemplatePreviewDto, s: TemplatesSnapshotDto): HTMLElement {
	if (p.variables.length === 0) return section(s.strings.variables ?? '', el('p', 'empty', s.strings.noVariables));
	const list = el('ul', 'variables');
	for (const v of p.variables) {
		const item = el('li', `variable variable-${v.kind}`);
		if (v.kind === 'unknown') item.append(icon('warning'), ' ', el('span', 'badge badge-broken', s.strings.unknown), ' ');
		item.append(el('code', undefined, v.name), ` ${v.text}`);
		list.append(item);
	}
	return section(s.strings.variables ?? '', list);
}

function previewToolbar(p: TemplatePreviewDto, s: TemplatesSnapshotDto): HTMLElement {
	const x = s.strings;
	const bar = el('div', 'toolbar');
	bar.setAttribute('role', 'toolbar');
	bar.setAttribute('aria-label', x.actions ?? '');
	const add = (label: string | undefined, codicon: string, action: string, run: () => void) => {
		const b = button(label ?? '', codicon, run, action !== 'edit');
		b.dataset.action = action;
		bar.append(b);
	};
	if (!p.readOnly) add(x.edit, 'edit', 'edit', () => host.command('templates/edit', { id: p.id }));
	add(x.duplicate, 'copy', 'duplicate', () => host.command('templates/duplicate', { id: p.id }));
	if (!p.readOnly) add(x.delete, 'trash', 'delete', () => host.command('templates/delete', { id: p.id }));
	return bar;
}

function renderPreview(s: TemplatesSnapshotDto): void {
	const p = s.preview;
	if (!p) {
		preview.replaceChildren(el('p', 'empty', s.status === 'loading' ? s.strings.loading : s.strings.select));
		return;
	}
	const x = s.strings;
	const parts: HTMLElement[] = [el('h2', undefined, p.title), el('p', 'file', p.file), previewToolbar(p, s)];
	if (p.errors.length > 0) parts.push(problems(p, s));
	const actions = p.actions.length > 0 ? el('ul', 'actions') : el('p', 'empty', x.noActions);
	for (const a of p.actions) actions.append(el('li', undefined, a));
	parts.push(section(x.afterPosting ?? '', actions), variables(p, s), el('p', 'note', x.sampleNote));
	const body = el('div', 'markdown-body');
	body.append(sanitizer.markdown(p.markdown));
	parts.push(body);
	preview.replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------------
// Cursor, keyboard and rendering

function options(): HTMLElement[] {
	return [...listbox.querySelectorAll<HTMLElement>('[role="option"]')];
}

function moveTo(id: string | undefined, focus: boolean): void {
	if (!id) return;
	cursorId = id;
	for (const o of options()) {
		const on = o.dataset.id === id;
		o.tabIndex = on ? 0 : -1;
		o.setAttribute('aria-selected', String(on));
		if (on && focus) o.focus();
	}
	saveState();
}

function showPreview(id: string): void {
	if (id) host.command('templates/preview', { id });
}

function move(delta: number | 'first' | 'last'): void {
	const ids = rowIds();
	if (ids.length === 0) return;
	const i = Math.max(0, ids.indexOf(cursorId));
	const next = delta === 'first' ? 0 : delta === 'last' ? ids.length - 1 : Math.min(ids.length - 1, Math.max(0, i + delta));
	moveTo(ids[next], true);
}

const LIST_KEYS: Readonly<Record<string, () => void>> = {
	ArrowDown: () => move(1), ArrowUp: () => move(-1), Home: () => move('first'), End: () => move('last'),
	Enter: () => showPreview(cursorId), ' ': () => showPreview(cursorId),
};

document.addEventListener('keydown', event => {
	const target = event.target as Element;
	if (event.ctrlKey || event.metaKey || event.altKey) return;
	if (target === search) {
		if (event.key === 'ArrowDown' && rowIds().length > 0) {
			event.preventDefault();
			moveTo(cursorId || rowIds()[0], true);
		}
		return;
	}
	if (event.key === '/' && !target.closest('input, textarea')) {
		event.preventDefault();
		search.focus();
		search.select();
		return;
	}
	const handler = target.closest('[role="option"]') ? LIST_KEYS[event.key] : undefined;
	if (!handler) return;
	event.preventDefault();
	handler();
});

// Links of a previewed body are not followed: the preview shows what a reply would look like.
for (const type of ['click', 'auxclick'] as const) {
	preview.addEventListener(type, event => {
		if ((event.target as Element | null)?.closest?.('a')) {
			event.preventDefault();
			event.stopPropagation();
		}
	}, true);
}

/** Which control had focus, to find it again after a render. */
function focusedKey(): { option?: string; action?: string } {
	const active = document.activeElement;
	const optionId = active?.closest?.<HTMLElement>('[role="option"]')?.dataset.id;
	if (optionId) return { option: optionId };
	const action = active?.closest?.<HTMLElement>('[data-action]')?.dataset.action;
	return action ? { action } : {};
}

function render(s: TemplatesSnapshotDto): void {
	const focused = focusedKey();
	frameTexts(s);
	renderList(s);
	renderPreview(s);
	root.setAttribute('aria-busy', String(s.status === 'loading'));
	if (focused.option) moveTo(rowIds().includes(focused.option) ? focused.option : cursorId, true);
	else if (focused.action) preview.querySelector<HTMLElement>(`[data-action="${CSS.escape(focused.action)}"]`)?.focus();
	saveState();
}

host.onNotification('templates/didChange', params => {
	const s = parseTemplatesSnapshot(params);
	if (!s) return;
	snapshot = s;
	render(s);
});

host.command('webview/ready', { query: saved.query, selectedId: saved.selectedId });
