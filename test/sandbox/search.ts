/** GitHub search syntax (the subset the extension uses) over the store, for `search(type: ISSUE | DISCUSSION)`. */
import { threadKey } from './queries';
import { sortByKey } from './connection';
import type { ThreadRec } from './records';
import type { Store } from './store';
import { DAY_MS, parseIso } from './time';

type Test = (t: ThreadRec, store: Store) => boolean;

/** A parsed query: tests that must all pass, free-text terms, where text is looked for and the order. */
export interface ParsedSearch {
	readonly tests: Test[];
	readonly text: string[];
	inTitle: boolean;
	inBody: boolean;
	sort: { field: string; desc: boolean };
	/** `is:issue` / `is:pr` restrictions (ISSUE searches). */
	kinds: Set<'issue' | 'pr'> | null;
}

const TOKEN = /(-?)([a-zA-Z-]+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g;

function unquote(v: string): string {
	return v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** Parses `>=2024-01-01`, `<2024-01-01`, `2024-01-01..2024-02-01` or a bare day into a time test. */
function dateTest(spec: string, pick: (t: ThreadRec) => number): Test | null {
	const range = /^(\S+)\.\.(\S+)$/.exec(spec);
	if (range) {
		const lo = range[1] === '*' ? -Infinity : parseIso(range[1]!);
		const hi = range[2] === '*' ? Infinity : parseIso(range[2]!) + (range[2]!.length === 10 ? DAY_MS - 1 : 0);
		return Number.isNaN(lo) || Number.isNaN(hi) ? null : t => pick(t) >= lo && pick(t) <= hi;
	}
	const m = /^(>=|<=|>|<)?(.+)$/.exec(spec)!;
	const at = parseIso(m[2]!);
	if (Number.isNaN(at)) return null;
	const dayEnd = m[2]!.length === 10 ? at + DAY_MS - 1 : at;
	switch (m[1]) {
		case '>=': return t => pick(t) >= at;
		case '>': return t => pick(t) > dayEnd;
		case '<=': return t => pick(t) <= dayEnd;
		case '<': return t => pick(t) < at;
		default: return t => pick(t) >= at && pick(t) <= dayEnd;
	}
}

function same(a: string | undefined, b: string): boolean {
	return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

function stateTest(value: string): Test | null {
	switch (value) {
		case 'open': return t => !t.closed;
		case 'closed': return t => t.closed;
		case 'locked': return t => t.locked;
		case 'unlocked': return t => !t.locked;
		case 'answered': return t => t.answer !== null;
		case 'unanswered': return t => t.category?.isAnswerable === true && t.answer === null;
		default: return null;
	}
}

/** Builds the test for one `key:value` qualifier, or null when it is not one the sandbox knows. */
function qualifier(p: ParsedSearch, key: string, value: string): Test | null {
	switch (key) {
		case 'repo': return t => same(`${t.repo.owner.login}/${t.repo.name}`, value);
		case 'org': case 'user': return t => same(t.repo.owner.login, value);
		case 'author': return t => same(t.author?.login, value);
		case 'assignee': return t => t.assignees.some(a => same(a.login, value));
		case 'mentions': return t => same(t.mention?.login, value);
		case 'label': {
			const any = value.split(',').map(v => unquote(v).toLowerCase());
			return t => t.labels.some(l => any.includes(l.name.toLowerCase()));
		}
		case 'no': return value === 'label' ? t => t.labels.length === 0 : value === 'assignee' ? t => t.assignees.length === 0 : null;
		case 'state': return value === 'open' || value === 'closed' ? stateTest(value) : null;
		case 'reason': return t => (t.stateReason ?? '').toLowerCase().replace('_', ' ') === value.toLowerCase();
		case 'category': return t => same(t.category?.name, value) || same(t.category?.slug, value);
		case 'updated': return dateTest(value, t => t.updatedAt);
		case 'created': return dateTest(value, t => t.createdAt);
		case 'closed': return dateTest(value, t => t.closedAt);
		case 'is': case 'type': return isQualifier(p, value);
		case 'in': return inQualifier(p, value);
		case 'sort': return sortQualifier(p, value);
		default: return null;
	}
}

const ALWAYS: Test = () => true;

function isQualifier(p: ParsedSearch, value: string): Test | null {
	if (value === 'issue' || value === 'pr' || value === 'pull-request') {
		p.kinds ??= new Set();
		p.kinds.add(value === 'issue' ? 'issue' : 'pr');
		return ALWAYS;
	}
	return stateTest(value);
}

function inQualifier(p: ParsedSearch, value: string): Test {
	const where = value.split(',');
	p.inTitle = where.includes('title');
	p.inBody = where.includes('body');
	return ALWAYS;
}

function sortQualifier(p: ParsedSearch, value: string): Test | null {
	const m = /^(created|updated|comments)(?:-(asc|desc))?$/.exec(value);
	if (!m) return null;
	p.sort = { field: m[1] === 'created' ? 'CREATED_AT' : m[1] === 'updated' ? 'UPDATED_AT' : 'COMMENTS', desc: m[2] !== 'asc' };
	return ALWAYS;
}

/** Parses a search string. Unknown qualifiers are treated as text, as GitHub does. */
export function parseSearch(query: string): ParsedSearch {
	const p: ParsedSearch = { tests: [], text: [], inTitle: true, inBody: true, sort: { field: 'CREATED_AT', desc: true }, kinds: null };
	for (const m of query.matchAll(TOKEN)) {
		if (m[2]) {
			const test = qualifier(p, m[2].toLowerCase(), unquote(m[3]!));
			if (test) p.tests.push(m[1] ? (t, s) => !test(t, s) : test);
			else p.text.push(m[0].toLowerCase());
		} else {
			p.text.push((m[4] ?? m[5]!).toLowerCase());
		}
	}
	return p;
}

function matchesText(p: ParsedSearch, t: ThreadRec, store: Store): boolean {
	if (p.text.length === 0) return true;
	const haystack = `${p.inTitle ? t.title : ''}\n${p.inBody ? store.bodyOf(t) : ''}`.toLowerCase();
	return p.text.every(term => haystack.includes(term));
}

/** Runs a search; returns every match in the requested order (the caller caps what is reachable). */
export function runSearch(store: Store, type: 'ISSUE' | 'DISCUSSION', query: string): ThreadRec[] {
	const p = parseSearch(query);
	const pool: ThreadRec[] = [];
	for (const repo of store.repos) pool.push(...store.seeList(type === 'ISSUE' ? repo.issues : repo.discussions));
	const hits = pool.filter(t => (!p.kinds || p.kinds.has(t.kind as 'issue' | 'pr')) && p.tests.every(test => test(t, store)) && matchesText(p, t, store));
	return sortByKey(hits, threadKey(p.sort.field), p.sort.desc);
}
