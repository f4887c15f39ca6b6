/**
 * Saved-reply templates (security checklist W12): one markdown file per template with a small,
 * strict front matter, a fixed set of `{{variables}}` filled by plain substitution (never evaluated),
 * and an applicability filter. Pure: no `vscode`; messages go through the injected `t`.
 *
 * ```markdown
 * ---
 * title: Needs more information
 * description: Ask for a reproduction
 * appliesTo: issue            # issue | discussion | both (default both)
 * labels: [bug, "needs triage"]
 * actions:
 *   addLabels: [needs-info]
 *   close: { reason: NOT_PLANNED }
 * ---
 * Hi @{{author}}, could you share {{input:What is missing}}?
 * ```
 */
import type { Translate } from './l10n';
import type { LockReason, ThreadKind } from './model';
import { describeReplyActions } from './templateActions';

/** Which threads a template is for. */
export type TemplateAppliesTo = ThreadKind | 'both';

/** Where a template comes from. */
export type TemplateSource = 'team' | 'personal' | 'github';

/** A problem of a template file, with where it is. */
export interface TemplateError {
	readonly file: string;
	/** 1-based line in the file. */
	readonly line: number;
	readonly message: string;
}

/** Moderation steps a template takes once its reply is posted (see `templateActions.ts`; the user may drop them). */
export interface TemplateActions {
	readonly addLabels?: readonly string[];
	readonly removeLabels?: readonly string[];
	readonly close?: { readonly reason: string };
	readonly lock?: { readonly reason: LockReason };
	readonly markAnswer?: boolean;
	readonly assign?: readonly string[];
}

/** One template; `errors` non-empty means it is broken and must not be used. */
export interface ReplyTemplate {
	/** Stable id: `source:file`. */
	readonly id: string;
	readonly source: TemplateSource;
	/** File name or path the errors refer to (for GitHub saved replies: their title). */
	readonly file: string;
	readonly title: string;
	readonly description?: string;
	readonly appliesTo: TemplateAppliesTo;
	readonly categories: readonly string[];
	readonly labels: readonly string[];
	readonly actions: TemplateActions;
	readonly body: string;
	readonly errors: readonly TemplateError[];
}

/** Close reasons GitHub accepts per kind. */
export const CLOSE_REASONS: Readonly<Record<ThreadKind, readonly string[]>> = {
	discussion: ['RESOLVED', 'OUTDATED', 'DUPLICATE'],
	issue: ['COMPLETED', 'NOT_PLANNED', 'DUPLICATE'],
};

/** Lock reasons GitHub accepts. */
export const LOCK_REASONS: readonly LockReason[] = ['OFF_TOPIC', 'TOO_HEATED', 'RESOLVED', 'SPAM'];

/** Variables filled from the thread and the viewer. */
export const TEMPLATE_VARIABLES = ['author', 'me', 'repo', 'number', 'title', 'category', 'days_open', 'duplicate_of'] as const;

/** Prefix of variables the user types in (`{{input:Question}}`). */
export const INPUT_PREFIX = 'input:';

const MAX_INPUT_LABEL = 100;
const VARIABLE = /\{\{([^{}]*)\}\}/g;
const TOP_LEVEL_KEYS = ['title', 'description', 'appliesTo', 'categories', 'labels', 'actions'];
const ACTION_KEYS = ['addLabels', 'removeLabels', 'close', 'lock', 'markAnswer', 'assign'];

// ---------------------------------------------------------------------------------------------
// Front matter: a strict subset of YAML

/** A front-matter value: a string, a boolean, a list of strings or a map. */
export type FrontValue = string | boolean | readonly string[] | FrontMap;

/** A front-matter map; every entry keeps its line for error messages. */
export type FrontMap = ReadonlyMap<string, { readonly value: FrontValue; readonly line: number }>;

interface Line {
	readonly no: number;
	readonly indent: number;
	readonly text: string;
}

type Report = (line: number, message: string) => void;

/** Splits a file into front-matter lines and body; undefined when it has no front matter. */
function splitFrontMatter(text: string): { lines: string[]; body: string; bodyLine: number } | undefined {
	const all = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	if (all[0]?.trim() !== '---') return undefined;
	const end = all.findIndex((l, i) => i > 0 && l.trim() === '---');
	if (end < 0) return undefined;
	return { lines: all.slice(1, end), body: all.slice(end + 1).join('\n').replace(/^\n+/, '').replace(/\s+$/, ''), bodyLine: end + 2 };
}

/** Parses the supported front-matter subset; problems are reported, never thrown. */
export function parseFrontMatter(lines: readonly string[], firstLine: number, report: Report, t: Translate): FrontMap {
	const meaningful: Line[] = [];
	lines.forEach((raw, i) => {
		const no = firstLine + i;
		if (raw.trim() === '' || raw.trim().startsWith('#')) return;
		const indentText = /^[ \t]*/.exec(raw)![0];
		if (indentText.includes('\t')) {
			report(no, t('Indent with spaces, not tabs.'));
			return;
		}
		meaningful.push({ no, indent: indentText.length, text: stripComment(raw.trim()) });
	});
	return parseBlock(meaningful, { i: 0 }, 0, report, t);
}

function parseBlock(lines: readonly Line[], pos: { i: number }, indent: number, report: Report, t: Translate): FrontMap {
	const out = new Map<string, { value: FrontValue; line: number }>();
	while (pos.i < lines.length) {
		const line = lines[pos.i]!;
		if (line.indent < indent) break;
		pos.i++;
		if (line.indent > indent) {
			report(line.no, t('Unexpected indentation.'));
			continue;
		}
		const match = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$/.exec(line.text);
		if (!match) {
			report(line.no, t('Expected "key: value".'));
			continue;
		}
		const [, key, rest = ''] = match as unknown as [string, string, string | undefined];
		const next = lines[pos.i];
		const value: FrontValue = rest.trim() === '' && next && next.indent > indent
			? parseBlock(lines, pos, next.indent, report, t)
			: parseScalar(rest.trim(), line.no, report, t);
		if (out.has(key)) report(line.no, t('"{0}" is given twice.', key));
		else out.set(key, { value, line: line.no });
	}
	return out;
}

/** Drops a ` # comment` outside quotes. */
function stripComment(text: string): string {
	let quote: string | undefined;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = undefined;
		} else if (c === '"' || c === '\'') {
			quote = c;
		} else if (c === '#' && (i === 0 || text[i - 1] === ' ')) {
			return text.slice(0, i).trimEnd();
		}
	}
	return text;
}

function parseScalar(text: string, line: number, report: Report, t: Translate): FrontValue {
	if (text.startsWith('[')) return parseFlowList(text, line, report, t);
	if (text.startsWith('{')) return parseFlowMap(text, line, report, t);
	if (text === 'true' || text === 'false') return text === 'true';
	return parseString(text, line, report, t);
}

function parseString(text: string, line: number, report: Report, t: Translate): string {
	const quote = text[0];
	if (quote !== '"' && quote !== '\'') return text;
	if (text.length < 2 || text[text.length - 1] !== quote) {
		report(line, t('A quoted string is not closed.'));
		return text.slice(1);
	}
	const inner = text.slice(1, -1);
	if (quote === '\'') return inner.replace(/''/g, '\'');
	return inner.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** Splits on commas outside quotes. */
function splitItems(inner: string): string[] {
	const items: string[] = [];
	let quote: string | undefined;
	let current = '';
	for (let i = 0; i < inner.length; i++) {
		const c = inner[i]!;
		if (quote && c === '\\' && quote === '"') {
			current += c + (inner[++i] ?? '');
			continue;
		}
		if (quote && c === quote) quote = undefined;
		else if (!quote && (c === '"' || c === '\'')) quote = c;
		if (!quote && c === ',') {
			items.push(current.trim());
			current = '';
		} else {
			current += c;
		}
	}
	if (current.trim() !== '' || items.length > 0) items.push(current.trim());
	return items;
}

function parseFlowList(text: string, line: number, report: Report, t: Translate): string[] {
	if (!text.endsWith(']')) {
		report(line, t('A list must end with "]".'));
		return [];
	}
	const items = splitItems(text.slice(1, -1));
	if (items.some(i => i === '')) report(line, t('A list has an empty item.'));
	return items.filter(i => i !== '').map(i => parseString(i, line, report, t));
}

function parseFlowMap(text: string, line: number, report: Report, t: Translate): FrontMap {
	const out = new Map<string, { value: FrontValue; line: number }>();
	if (!text.endsWith('}')) {
		report(line, t('A map must end with "}".'));
		return out;
	}
	for (const item of splitItems(text.slice(1, -1))) {
		const match = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(item);
		if (!match) {
			report(line, t('Expected "key: value".'));
			continue;
		}
		const value = match[2]!.trim();
		out.set(match[1]!, { value: value === 'true' || value === 'false' ? value === 'true' : parseString(value, line, report, t), line });
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Validation

function isMap(value: FrontValue | undefined): value is FrontMap {
	return value instanceof Map;
}

/** Reads front-matter fields into a template's settings, reporting every problem. */
class FieldReader {
	constructor(private readonly report: Report, private readonly t: Translate) {}

	string(map: FrontMap, key: string): string | undefined {
		const entry = map.get(key);
		if (!entry) return undefined;
		if (typeof entry.value === 'string') return entry.value;
		this.report(entry.line, this.t('"{0}" must be text.', key));
		return undefined;
	}

	list(map: FrontMap, key: string): string[] {
		const entry = map.get(key);
		if (!entry) return [];
		if (typeof entry.value === 'string') return entry.value === '' ? [] : [entry.value];
		if (Array.isArray(entry.value)) return [...entry.value as readonly string[]];
		this.report(entry.line, this.t('"{0}" must be a list such as [a, b].', key));
		return [];
	}

	unknownKeys(map: FrontMap, allowed: readonly string[]): void {
		for (const [key, entry] of map) if (!allowed.includes(key)) this.report(entry.line, this.t('Unknown setting "{0}".', key));
	}

	reason(map: FrontMap, key: string, allowed: readonly string[]): string | undefined {
		const entry = map.get(key);
		if (!entry) return undefined;
		const reason = isMap(entry.value) ? entry.value.get('reason')?.value : entry.value;
		if (typeof reason !== 'string' || !allowed.includes(reason)) {
			this.report(entry.line, this.t('"{0}" needs a reason: one of {1}.', key, allowed.join(', ')));
			return undefined;
		}
		if (isMap(entry.value)) this.unknownKeys(entry.value, ['reason']);
		return reason;
	}
}

/** Close reasons allowed for a template's kinds (both kinds: only those they share). */
function closeReasonsFor(appliesTo: TemplateAppliesTo): readonly string[] {
	if (appliesTo !== 'both') return CLOSE_REASONS[appliesTo];
	return CLOSE_REASONS.issue.filter(r => CLOSE_REASONS.discussion.includes(r));
}

function readActions(map: FrontMap, appliesTo: TemplateAppliesTo, read: FieldReader, report: Report, t: Translate): TemplateActions {
	const entry = map.get('actions');
	if (!entry) return {};
	if (!isMap(entry.value)) {
		report(entry.line, t('"actions" must be a map of actions.'));
		return {};
	}
	const a = entry.value;
	read.unknownKeys(a, ACTION_KEYS);
	const actions: { -readonly [K in keyof TemplateActions]: TemplateActions[K] } = {};
	for (const key of ['addLabels', 'removeLabels', 'assign'] as const) {
		const list = read.list(a, key);
		if (list.length > 0) actions[key] = list;
	}
	const close = read.reason(a, 'close', closeReasonsFor(appliesTo));
	if (close) actions.close = { reason: close };
	const lock = read.reason(a, 'lock', LOCK_REASONS);
	if (lock) actions.lock = { reason: lock as LockReason };
	const markAnswer = a.get('markAnswer');
	if (markAnswer) {
		if (markAnswer.value !== true) report(markAnswer.line, t('"markAnswer" can only be true.'));
		else if (appliesTo !== 'discussion') report(markAnswer.line, t('"markAnswer" needs "appliesTo: discussion".'));
		else actions.markAnswer = true;
	}
	return actions;
}

/** Checks every `{{…}}` of a body; reports unknown variables with their line. */
function checkBodyVariables(body: string, firstLine: number, report: Report, t: Translate): void {
	body.split('\n').forEach((text, i) => {
		for (const name of unknownVariables(text)) report(firstLine + i, t('Unknown variable {0}.', `{{${name}}}`));
	});
}

/**
 * Parses one template file. Never throws: a malformed file comes back with `errors` (file and
 * line each) so the user sees it as broken instead of it silently disappearing.
 */
export function parseTemplate(text: string, file: string, source: TemplateSource, t: Translate): ReplyTemplate {
	const errors: TemplateError[] = [];
	const report: Report = (line, message) => errors.push({ file, line, message });
	const split = splitFrontMatter(text);
	if (!split) {
		report(1, t('A template starts with front matter between two "---" lines.'));
		return { id: `${source}:${file}`, source, file, title: file, appliesTo: 'both', categories: [], labels: [], actions: {}, body: text, errors };
	}
	const map = parseFrontMatter(split.lines, 2, report, t);
	const read = new FieldReader(report, t);
	read.unknownKeys(map, TOP_LEVEL_KEYS);
	const title = read.string(map, 'title')?.trim();
	if (!title) report(map.get('title')?.line ?? 1, t('"title" is required.'));
	const appliesTo = readAppliesTo(map, report, t);
	const actions = readActions(map, appliesTo, read, report, t);
	if (split.body.trim() === '') report(split.bodyLine, t('The template has no text.'));
	checkBodyVariables(split.body, split.bodyLine, report, t);
	return {
		id: `${source}:${file}`, source, file, title: title || file, description: read.string(map, 'description'), appliesTo,
		categories: read.list(map, 'categories'), labels: read.list(map, 'labels'), actions, body: split.body, errors,
	};
}

function readAppliesTo(map: FrontMap, report: Report, t: Translate): TemplateAppliesTo {
	const entry = map.get('appliesTo');
	if (!entry) return 'both';
	if (entry.value === 'issue' || entry.value === 'discussion' || entry.value === 'both') return entry.value;
	report(entry.line, t('"appliesTo" must be issue, discussion or both.'));
	return 'both';
}

/** A GitHub saved reply as a template: any kind, no filters or actions; read-only. */
export function fromSavedReply(id: string, title: string, body: string, t: Translate): ReplyTemplate {
	const errors: TemplateError[] = [];
	checkBodyVariables(body, 1, (line, message) => errors.push({ file: title, line, message }), t);
	return { id: `github:${id}`, source: 'github', file: title, title, appliesTo: 'both', categories: [], labels: [], actions: {}, body, errors };
}

// ---------------------------------------------------------------------------------------------
// Variables and rendering

/** Whether a variable name is one this extension fills. */
function isKnownVariable(name: string): boolean {
	if (name.startsWith(INPUT_PREFIX)) {
		const label = name.slice(INPUT_PREFIX.length).trim();
		return label !== '' && label.length <= MAX_INPUT_LABEL;
	}
	return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** The distinct `{{…}}` names of a text, trimmed, in order of appearance. */
export function variablesOf(text: string): string[] {
	return [...new Set([...text.matchAll(VARIABLE)].map(m => normalizeName(m[1]!)))];
}

/** `{{ input: Q }}` and `{{input:Q}}` name the same prompt. */
function normalizeName(raw: string): string {
	const name = raw.trim();
	return name.startsWith(INPUT_PREFIX) ? INPUT_PREFIX + name.slice(INPUT_PREFIX.length).trim() : name;
}

/** The names in a text that are not known variables (reported before anything is sent). */
export function unknownVariables(text: string): string[] {
	return variablesOf(text).filter(n => !isKnownVariable(n));
}

/** What the user has to type in: the labels of `{{input:…}}` and, when used, `duplicate_of`. */
export function promptsOf(text: string): string[] {
	return variablesOf(text).flatMap(n => (n.startsWith(INPUT_PREFIX) && isKnownVariable(n) ? [n] : n === 'duplicate_of' ? [n] : []));
}

/** The label to show for a prompt from {@link promptsOf}. */
export function promptLabel(prompt: string): string {
	return prompt.startsWith(INPUT_PREFIX) ? prompt.slice(INPUT_PREFIX.length).trim() : prompt;
}

/** The thread and viewer facts variables are filled from. */
export interface TemplateContext {
	readonly author: string;
	readonly me: string;
	/** `owner/name`. */
	readonly repo: string;
	readonly number: number;
	readonly title: string;
	readonly category?: string;
	readonly createdAt: string;
	/** Milliseconds since the epoch. */
	readonly now: number;
}

/** The values of the fixed variables (not `duplicate_of`, which is asked for). */
export function contextValues(ctx: TemplateContext): Map<string, string> {
	const created = Date.parse(ctx.createdAt);
	const days = Number.isFinite(created) ? Math.max(0, Math.floor((ctx.now - created) / 86_400_000)) : 0;
	return new Map([
		['author', ctx.author], ['me', ctx.me], ['repo', ctx.repo], ['number', String(ctx.number)],
		['title', ctx.title], ['category', ctx.category ?? ''], ['days_open', String(days)],
	]);
}

/** The thread facts the fixed variables come from (a synced thread or its panel DTO). */
export interface TemplateThread {
	readonly author: string;
	readonly repo: { readonly owner: string; readonly name: string };
	readonly number: number;
	readonly title: string;
	readonly category?: { readonly name: string } | null;
	readonly createdAt: string;
}

/**
 * Renders a template for one thread: its fixed variables, `{{me}}`, and the answers to its prompts
 * (`{{input:…}}`, `duplicate_of`), as {@link renderTemplate} does.
 */
export function renderForThread(body: string, thread: TemplateThread, input: { readonly me: string; readonly now: number; readonly answers: ReadonlyMap<string, string> }): RenderResult {
	const values = contextValues({
		author: thread.author, me: input.me, repo: `${thread.repo.owner}/${thread.repo.name}`, number: thread.number, title: thread.title,
		category: thread.category?.name, createdAt: thread.createdAt, now: input.now,
	});
	for (const [k, v] of input.answers) values.set(k, v);
	return renderTemplate(body, values);
}

/** A rendered text, or why there is none. */
export type RenderResult =
	| { readonly ok: true; readonly text: string }
	| { readonly ok: false; readonly unknown: readonly string[]; readonly missing: readonly string[] };

/**
 * Fills `{{name}}` in one pass by plain lookup in `values` (a Map, so `{{constructor}}` or
 * `{{__proto__}}` find nothing). Values are inserted as text and never scanned again; nothing is
 * evaluated. Unknown names or prompts without an answer give no text at all.
 */
export function renderTemplate(body: string, values: ReadonlyMap<string, string>): RenderResult {
	const unknown = unknownVariables(body);
	const missing = variablesOf(body).filter(n => isKnownVariable(n) && !values.has(n));
	if (unknown.length > 0 || missing.length > 0) return { ok: false, unknown, missing };
	return { ok: true, text: body.replace(VARIABLE, (_m, name: string) => values.get(normalizeName(name)) ?? '') };
}

// ---------------------------------------------------------------------------------------------
// Applicability

/** What decides whether a template fits a thread. */
export interface TemplateTarget {
	readonly kind: ThreadKind;
	readonly category?: string;
	readonly labels: readonly string[];
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Whether a (working) template fits a thread: its kind, and its category and label filters if any. */
export function appliesTo(template: ReplyTemplate, target: TemplateTarget): boolean {
	if (template.appliesTo !== 'both' && template.appliesTo !== target.kind) return false;
	if (template.categories.length > 0 && !template.categories.some(c => target.category !== undefined && same(c, target.category))) return false;
	if (template.labels.length > 0 && !template.labels.some(l => target.labels.some(x => same(l, x)))) return false;
	return true;
}

/** The templates to offer for a thread: the ones that fit, then the broken ones (shown disabled). */
export function applicableTemplates(templates: readonly ReplyTemplate[], target: TemplateTarget): ReplyTemplate[] {
	const working = templates.filter(tp => tp.errors.length === 0 && appliesTo(tp, target));
	return [...working, ...templates.filter(tp => tp.errors.length > 0)];
}

/** One line per action, as a template states them (the preview, the quick pick, the bulk reply). */
export function describeActions(actions: TemplateActions, t: Translate): string[] {
	return describeReplyActions(actions, undefined, t);
}
