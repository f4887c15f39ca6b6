import type { Translate } from './l10n';
import type { AuthorAssociation } from './model';
import { COMMENT_FLAG_MINIMIZED, INDEX_ASSOCIATIONS, type CommentColumns, type IndexedItem, type IndexItemKind } from './repoIndex';

// The triage queue: what waits on the team across repositories, computed from the compact index in
// two passes over the comment columns (no per-item filtering of comments), plus the pure "done" and
// "snooze" transitions over a small persisted record. Pure: the clock, the team and `t` come in; the
// per-author and per-item facts the scans need are memoised between recomputes, keyed by the index's
// own arrays (B5: a recompute over 13,000 items reads no item object that cannot wait).
//
// Rules (community-metrics.md §6, adapted to what the index keeps):
// - Team: a login in the configured team list, or an OWNER, MEMBER or COLLABORATOR association
//   unless the login is in the configured not-team list (`communityDesk.team`, `communityDesk.notTeam`).
// - Bots (logins ending in `[bot]`, and the configured `communityDesk.bots`) are neither side: their
//   comments are ignored.
// - Minimized (hidden) comments are ignored: they are neither a response nor new activity.
// - Closed and locked items never wait.
// - An item waits when its latest human activity (its opening counts for a human author) is not the team's.
// - The author's own comments are never a response to the item.

/** Why an item is in the queue. */
export type TriageReason = 'authorReplied' | 'noResponse' | 'unansweredQuestion' | 'newActivity';

/** Where an item stands against the response thresholds. */
export type SlaState = 'ok' | 'warn' | 'breach';

/** Hours after which a waiting item warns and breaches. */
export interface SlaHours {
	readonly warn: number;
	readonly breach: number;
}

/** The default thresholds: warn after a day, breach after three. */
export const DEFAULT_SLA_HOURS: SlaHours = { warn: 24, breach: 72 };

/** A discussion category as the queue shows it. */
export interface TriageCategory {
	readonly name: string;
}

/** One repository's part of the input: its items and comment columns (`RepoIndex.items()`, `commentColumns()`). */
export interface TriageRepoInput {
	/** `owner/name`. */
	readonly repo: string;
	readonly items: readonly IndexedItem[];
	readonly comments: CommentColumns;
	/** Discussion categories by id (names only); unknown ids show no name. */
	readonly categories?: ReadonlyMap<string, TriageCategory>;
}

/** Who counts as the team, and the thresholds. */
export interface TriageOptions {
	/** Extra team logins (the `communityDesk.team` setting); compared case-insensitively. */
	readonly team?: readonly string[];
	/** Logins never counted as team, whatever their association (`communityDesk.notTeam`); case-insensitive. */
	readonly notTeam?: readonly string[];
	/** Machine users counted as bots besides `*[bot]` (`communityDesk.bots`); case-insensitive. */
	readonly bots?: readonly string[];
	readonly sla?: SlaHours;
	/** Epoch ms. */
	readonly now: number;
}

/** One item waiting on the team. */
export interface TriageEntry {
	readonly id: string;
	readonly repo: string;
	readonly kind: IndexItemKind;
	readonly number: number;
	readonly title: string;
	readonly author: string;
	/** The author's association says FIRST_TIMER or FIRST_TIME_CONTRIBUTOR. */
	readonly firstTimer: boolean;
	readonly categoryId?: string;
	readonly categoryName?: string;
	readonly labels: readonly string[];
	readonly reason: TriageReason;
	/** Epoch ms since when it has waited: the first non-team activity after the team's last comment. */
	readonly waitingSince: number;
	readonly sla: SlaState;
	readonly commentCount: number;
	/** Epoch ms of the latest non-team human activity (done marks compare against it). */
	readonly lastActivity: number;
	/** Epoch ms of the author's latest activity (the opening or a comment). */
	readonly lastAuthorActivity: number;
}

const TEAM_ASSOCIATIONS: ReadonlySet<AuthorAssociation> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
const FIRST_TIMERS: ReadonlySet<AuthorAssociation> = new Set(['FIRST_TIMER', 'FIRST_TIME_CONTRIBUTOR']);
const TEAM_ASSOC_CODE = Uint8Array.from(INDEX_ASSOCIATIONS, a => (TEAM_ASSOCIATIONS.has(a) ? 1 : 0));
const HOUR_MS = 3_600_000;

const NO_LOGINS: ReadonlySet<string> = new Set();

/** The configured lists that decide who is who, lower-cased, and one string naming all three. */
export interface PeopleRules {
	readonly team: ReadonlySet<string>;
	readonly notTeam: ReadonlySet<string>;
	readonly bots: ReadonlySet<string>;
	/** Equal keys, equal rules (for caches that depend on the rules). */
	readonly key: string;
}

/** The rules of the `team`, `notTeam` and `bots` options (logins compare case-insensitively). */
export function peopleRules(options: { readonly team?: readonly string[]; readonly notTeam?: readonly string[]; readonly bots?: readonly string[] }): PeopleRules {
	const lower = (list?: readonly string[]) => new Set((list ?? []).map(l => l.toLowerCase()));
	const team = lower(options.team), notTeam = lower(options.notTeam), bots = lower(options.bots);
	return { team, notTeam, bots, key: JSON.stringify([team, notTeam, bots].map(set => [...set].sort())) };
}

/** A bot account: the login ends with `[bot]`, or is one of the configured machine users (lower-cased). */
export function isBot(login: string, bots: ReadonlySet<string> = NO_LOGINS): boolean {
	return login.endsWith('[bot]') || (bots.size > 0 && bots.has(login.toLowerCase()));
}

/**
 * True when a login with this association is on the team: in `team`, or an owner, member or
 * collaborator not in `notTeam`; never a bot (see {@link isBot}). The configured logins are lower-cased.
 */
export function isTeam(login: string, association: AuthorAssociation, team: ReadonlySet<string>, notTeam: ReadonlySet<string> = NO_LOGINS, bots: ReadonlySet<string> = NO_LOGINS): boolean {
	if (isBot(login, bots)) return false;
	if (team.size === 0 && notTeam.size === 0) return TEAM_ASSOCIATIONS.has(association);
	const lower = login.toLowerCase();
	return team.has(lower) || (TEAM_ASSOCIATIONS.has(association) && !notTeam.has(lower));
}

/** The SLA state of an item that has waited since `since`. */
export function slaState(since: number, now: number, sla: SlaHours = DEFAULT_SLA_HOURS): SlaState {
	const hours = (now - since) / HOUR_MS;
	return hours >= sla.breach ? 'breach' : hours >= sla.warn ? 'warn' : 'ok';
}

const MINIMIZED = COMMENT_FLAG_MINIMIZED;
const ROLE_OTHER = 0;
const ROLE_TEAM = 1;
const ROLE_BOT = 2;
/** A human on the not-team list: never team, whatever the association. */
const ROLE_NOT_TEAM = 3;
/** `authorOf` of an item that cannot wait (closed or locked): matches no author code. */
const NO_AUTHOR = -2;

/**
 * Author codes and roles per comment-author table, kept between recomputes: the index's `authors`
 * array only ever grows, so a cache keyed by the array is extended, never rebuilt. Roles depend on
 * the configured lists, so they are rebuilt when those change.
 */
interface AuthorCache {
	readonly codes: Map<string, number>;
	codesFor: number;
	roles: Uint8Array;
	rolesFor: number;
	teamKey: string;
}
const authorCaches = new WeakMap<readonly string[], AuthorCache>();

/** The cached codes and roles (1 team, 2 bot, 3 not team, 0 anyone else) of an authors table, brought up to date. */
function authorCache(authors: readonly string[], rules: PeopleRules): AuthorCache {
	const teamKey = rules.key;
	let cache = authorCaches.get(authors);
	if (!cache) {
		cache = { codes: new Map(), codesFor: 0, roles: new Uint8Array(0), rolesFor: 0, teamKey };
		authorCaches.set(authors, cache);
	}
	for (; cache.codesFor < authors.length; cache.codesFor++) cache.codes.set(authors[cache.codesFor]!, cache.codesFor);
	if (cache.teamKey !== teamKey) {
		cache.teamKey = teamKey;
		cache.rolesFor = 0;
	}
	if (cache.rolesFor < authors.length) {
		const roles = new Uint8Array(authors.length);
		roles.set(cache.roles.subarray(0, cache.rolesFor));
		for (let i = cache.rolesFor; i < authors.length; i++) {
			const login = authors[i]!;
			roles[i] = roleOf(login, rules);
		}
		cache.roles = roles;
		cache.rolesFor = authors.length;
	}
	return cache;
}

/** The role of a comment author under the configured lists (the team list wins over the not-team list). */
function roleOf(login: string, rules: PeopleRules): number {
	if (isBot(login, rules.bots)) return ROLE_BOT;
	const lower = login.toLowerCase();
	return rules.team.has(lower) ? ROLE_TEAM : rules.notTeam.has(lower) ? ROLE_NOT_TEAM : ROLE_OTHER;
}

/** Per-item facts gathered from the comment columns. */
interface Scan {
	/** Latest team comment (-Infinity: none). */
	readonly lastTeam: Float64Array;
	/** Earliest non-team human comment after the team's last one (Infinity: none); only for candidates. */
	readonly firstAfterTeam: Float64Array;
	/** Latest non-team human comment. */
	readonly lastOther: Float64Array;
	/** Latest comment by the item's author. */
	readonly lastAuthor: Float64Array;
	/** 1 when a human other than the author responded. */
	readonly responded: Uint8Array;
}

/** How an item's opening counts: its author is a bot (neither side), on the team, or someone else. */
const OPENS_AS_NEITHER = 0;
const OPENS_AS_TEAM = 1;
const OPENS_AS_OTHER = 2;

/**
 * What the scan needs of each item, kept between recomputes in typed arrays so the hot loops read
 * no item objects (they come in several shapes). Keyed by the items array; an entry is refreshed
 * when the object at its index changed (the index replaces items on upsert), when its author was
 * unknown and the authors table grew, or when the configured lists changed.
 */
interface ItemFacts {
	refs: (IndexedItem | undefined)[];
	/** Author code; -1: never commented; {@link NO_AUTHOR}: closed or locked (cannot wait). */
	authorOf: Int32Array;
	opening: Uint8Array;
	createdAt: Float64Array;
	authorsSeen: number;
	teamKey: string;
	/** Scratch arrays of the scans, reused (refilled) by every recompute rather than reallocated. */
	scratch?: { readonly s: Scan; readonly candidate: Uint8Array };
}
const itemFactsCache = new WeakMap<readonly IndexedItem[], ItemFacts>();

function grow<T extends Int32Array | Uint8Array | Float64Array>(array: T, n: number, make: (n: number) => T): T {
	if (array.length >= n) return array;
	const bigger = make(Math.max(n, array.length * 2));
	bigger.set(array);
	return bigger;
}

/** The facts of item `i`, written into the cache. */
function setFacts(f: ItemFacts, i: number, item: IndexedItem, codes: ReadonlyMap<string, number>, rules: PeopleRules): void {
	f.refs[i] = item;
	f.createdAt[i] = item.createdAt;
	if (item.closed || item.locked) {
		f.authorOf[i] = NO_AUTHOR;
		return;
	}
	f.authorOf[i] = codes.get(item.author) ?? -1;
	f.opening[i] = isTeam(item.author, item.association, rules.team, rules.notTeam, rules.bots) ? OPENS_AS_TEAM
		: isBot(item.author, rules.bots) ? OPENS_AS_NEITHER : OPENS_AS_OTHER;
}

/** The up-to-date facts of every item of an input. */
function itemFacts(items: readonly IndexedItem[], authors: AuthorCache, authorCount: number, rules: PeopleRules): ItemFacts {
	const n = items.length;
	const teamKey = rules.key;
	let f = itemFactsCache.get(items);
	if (!f || f.teamKey !== teamKey) {
		f = { refs: [], authorOf: new Int32Array(n), opening: new Uint8Array(n), createdAt: new Float64Array(n), authorsSeen: authorCount, teamKey };
		itemFactsCache.set(items, f);
	}
	f.authorOf = grow(f.authorOf, n, k => new Int32Array(k));
	f.opening = grow(f.opening, n, k => new Uint8Array(k));
	f.createdAt = grow(f.createdAt, n, k => new Float64Array(k));
	const authorsGrew = f.authorsSeen !== authorCount;
	f.authorsSeen = authorCount;
	const { refs, authorOf } = f;
	for (let i = 0; i < n; i++) {
		const item = items[i]!;
		if (refs[i] !== item || (authorsGrew && authorOf[i] === -1)) setFacts(f, i, item, authors.codes, rules);
	}
	return f;
}

/**
 * Pass 1 over the columns: the order-independent maxima (latest team, other and author comment;
 * whether anyone else responded). Comments of closed or locked items, hidden comments and bots are skipped.
 */
function maximaPass(c: CommentColumns, roles: Uint8Array, authorOf: Int32Array, s: Scan): void {
	const { length, item, author, assoc, created, flags } = c;
	const { lastTeam, lastOther, lastAuthor, responded } = s;
	const teamAssoc = TEAM_ASSOC_CODE;
	for (let row = 0; row < length; row++) {
		const i = item[row]!;
		const itemAuthor = authorOf[i]!;
		if (itemAuthor === NO_AUTHOR) continue;
		const code = author[row]!;
		const role = roles[code]!;
		if (role === ROLE_BOT || (flags[row]! & MINIMIZED) !== 0) continue;
		const at = created[row]!;
		if (code === itemAuthor) {
			if (at > lastAuthor[i]!) lastAuthor[i] = at;
		} else {
			responded[i] = 1;
		}
		if (role === ROLE_TEAM || (role === ROLE_OTHER && teamAssoc[assoc[row]!] === 1)) {
			if (at > lastTeam[i]!) lastTeam[i] = at;
		} else if (at > lastOther[i]!) {
			lastOther[i] = at;
		}
	}
}

/** Pass 2, only for candidate items: the earliest non-team human comment after the team's last one. */
function firstAfterTeamPass(c: CommentColumns, roles: Uint8Array, candidate: Uint8Array, s: Scan): void {
	const { length, item, author, assoc, created, flags } = c;
	const { lastTeam, firstAfterTeam } = s;
	const teamAssoc = TEAM_ASSOC_CODE;
	for (let row = 0; row < length; row++) {
		const i = item[row]!;
		if (candidate[i] === 0) continue;
		const role = roles[author[row]!]!;
		if (role === ROLE_TEAM || role === ROLE_BOT || (flags[row]! & MINIMIZED) !== 0 || (role === ROLE_OTHER && teamAssoc[assoc[row]!] === 1)) continue;
		const at = created[row]!;
		if (at > lastTeam[i]! && at < firstAfterTeam[i]!) firstAfterTeam[i] = at;
	}
}

/** The scan arrays for `n` items, reset: reused from the last recompute when large enough. */
function scratch(f: ItemFacts, n: number): { s: Scan; candidate: Uint8Array } {
	if (!f.scratch || f.scratch.candidate.length < n) {
		const size = Math.max(n, (f.scratch?.candidate.length ?? 0) * 2);
		f.scratch = {
			s: { lastTeam: new Float64Array(size), firstAfterTeam: new Float64Array(size), lastOther: new Float64Array(size), lastAuthor: new Float64Array(size), responded: new Uint8Array(size) },
			candidate: new Uint8Array(size),
		};
	}
	const { s, candidate } = f.scratch;
	s.lastTeam.fill(-Infinity, 0, n);
	s.firstAfterTeam.fill(Infinity, 0, n);
	s.lastOther.fill(-Infinity, 0, n);
	s.lastAuthor.fill(-Infinity, 0, n);
	s.responded.fill(0, 0, n);
	candidate.fill(0, 0, n);
	return f.scratch;
}

/** The latest team activity of item `i`, its opening included. */
function lastTeamOf(f: ItemFacts, s: Scan, i: number): number {
	const t = s.lastTeam[i]!;
	return f.opening[i] === OPENS_AS_TEAM && f.createdAt[i]! > t ? f.createdAt[i]! : t;
}

/** The latest non-team human activity of item `i`, its opening included. */
function lastOtherOf(f: ItemFacts, s: Scan, i: number): number {
	const t = s.lastOther[i]!;
	return f.opening[i] === OPENS_AS_OTHER && f.createdAt[i]! > t ? f.createdAt[i]! : t;
}

/**
 * Scans one repository: the maxima of every item, then the items that wait (open, unlocked, the
 * latest human activity not the team's), then the exact "first comment after the team" of those only.
 * Returns the facts, the scan and the waiting items' indexes.
 */
function scan(input: TriageRepoInput, rules: PeopleRules): { f: ItemFacts; s: Scan; waiting: number[] } {
	const n = input.items.length;
	const authors = authorCache(input.comments.authors, rules);
	const f = itemFacts(input.items, authors, input.comments.authors.length, rules);
	const { s, candidate } = scratch(f, n);
	maximaPass(input.comments, authors.roles, f.authorOf, s);
	const waiting: number[] = [];
	for (let i = 0; i < n; i++) {
		if (f.authorOf[i] === NO_AUTHOR) continue;
		const lastOther = lastOtherOf(f, s, i);
		if (lastOther === -Infinity || lastOther <= lastTeamOf(f, s, i)) continue;
		candidate[i] = 1;
		waiting.push(i);
	}
	if (waiting.length > 0) firstAfterTeamPass(input.comments, authors.roles, candidate, s);
	return { f, s, waiting };
}

/** The queue entry of waiting item `i`. */
function entryOf(input: TriageRepoInput, i: number, f: ItemFacts, s: Scan, options: TriageOptions): TriageEntry {
	const item = input.items[i]!;
	const opensAsOther = f.opening[i] === OPENS_AS_OTHER;
	const lastTeam = lastTeamOf(f, s, i);
	const lastOther = lastOtherOf(f, s, i);
	const firstAfter = opensAsOther && item.createdAt > lastTeam ? Math.min(item.createdAt, s.firstAfterTeam[i]!) : s.firstAfterTeam[i]!;
	const reason = reasonOf(item, s, i, opensAsOther, lastTeam);
	const waitingSince = reason === 'noResponse' ? item.createdAt : firstAfter;
	const categoryId = item.categoryId;
	return {
		id: item.id, repo: input.repo, kind: item.kind, number: item.number, title: item.title, author: item.author,
		firstTimer: FIRST_TIMERS.has(item.association),
		categoryId, categoryName: categoryId === undefined ? undefined : input.categories?.get(categoryId)?.name,
		labels: item.labels ?? [], reason, waitingSince, sla: slaState(waitingSince, options.now, options.sla),
		commentCount: item.commentCount, lastActivity: lastOther,
		lastAuthorActivity: Math.max(s.lastAuthor[i]!, item.createdAt),
	};
}

function reasonOf(item: IndexedItem, s: Scan, i: number, opensAsOther: boolean, lastTeam: number): TriageReason {
	if (opensAsOther && lastTeam > -Infinity && s.lastAuthor[i]! > lastTeam) return 'authorReplied';
	if (opensAsOther && !s.responded[i]) return 'noResponse';
	if (item.kind === 'discussion' && item.isAnswered === false) return 'unansweredQuestion';
	return 'newActivity';
}

/** Everything waiting on the team in these repositories, unsorted and unfiltered (see {@link sortTriage}). */
export function computeTriage(inputs: readonly TriageRepoInput[], options: TriageOptions): TriageEntry[] {
	const rules = peopleRules(options);
	const out: TriageEntry[] = [];
	for (const input of inputs) {
		const { f, s, waiting } = scan(input, rules);
		for (const i of waiting) out.push(entryOf(input, i, f, s, options));
	}
	return out;
}

/** The orders of the queue. */
export type TriageSort = 'sla' | 'age' | 'activity';

const SLA_RANK: Readonly<Record<SlaState, number>> = { breach: 0, warn: 1, ok: 2 };


/** The sort keys of each entry: primary and secondary (ascending), then repository rank and number. */
function sortKeys(entries: readonly TriageEntry[], by: TriageSort): { first: Float64Array; second: Float64Array; repo: Uint32Array; number: Float64Array } {
	const n = entries.length;
	const first = new Float64Array(n);
	const second = new Float64Array(n);
	const repo = new Uint32Array(n);
	const number = new Float64Array(n);
	const repos = [...new Set(entries.map(e => e.repo))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const rank = new Map(repos.map((r, i) => [r, i]));
	for (let i = 0; i < n; i++) {
		const e = entries[i]!;
		first[i] = by === 'sla' ? SLA_RANK[e.sla] : by === 'age' ? e.waitingSince : -e.lastActivity;
		second[i] = by === 'sla' ? e.waitingSince : 0;
		repo[i] = rank.get(e.repo)!;
		number[i] = e.number;
	}
	return { first, second, repo, number };
}

/**
 * A sorted copy: `sla` (breaches first, then oldest), `age` (oldest first) or `activity` (latest
 * first); ties by repo and number. Sorts indexes over numeric keys read once per entry.
 */
export function sortTriage(entries: readonly TriageEntry[], by: TriageSort = 'sla'): TriageEntry[] {
	const { first, second, repo, number } = sortKeys(entries, by);
	const order = new Uint32Array(entries.length);
	for (let i = 0; i < order.length; i++) order[i] = i;
	order.sort((a, b) => first[a]! - first[b]! || second[a]! - second[b]! || repo[a]! - repo[b]! || number[a]! - number[b]!);
	return Array.from(order, i => entries[i]!);
}

/** Filters of the queue; every one given must match. */
export interface TriageFilter {
	readonly repo?: string;
	readonly kind?: IndexItemKind;
	readonly label?: string;
	readonly categoryId?: string;
	readonly firstTimersOnly?: boolean;
	/** Minimum hours waited. */
	readonly minAgeHours?: number;
	/** Case-insensitive text in the title, author, repository or `#number`. */
	readonly text?: string;
}

/** The entries matching every filter given. */
export function filterTriage(entries: readonly TriageEntry[], filter: TriageFilter, now: number): TriageEntry[] {
	const text = filter.text?.trim().toLowerCase() ?? '';
	const repo = filter.repo?.toLowerCase();
	const label = filter.label?.toLowerCase();
	const maxSince = filter.minAgeHours ? now - filter.minAgeHours * HOUR_MS : Infinity;
	return entries.filter(e => (!repo || e.repo.toLowerCase() === repo)
		&& (!filter.kind || e.kind === filter.kind)
		&& (!label || e.labels.some(l => l.toLowerCase() === label))
		&& (!filter.categoryId || e.categoryId === filter.categoryId)
		&& (!filter.firstTimersOnly || e.firstTimer)
		&& e.waitingSince <= maxSince
		&& (!text || matchesText(e, text)));
}

function matchesText(e: TriageEntry, text: string): boolean {
	return e.title.toLowerCase().includes(text) || e.author.toLowerCase().includes(text)
		|| e.repo.toLowerCase().includes(text) || `#${e.number}` === text || String(e.number) === text;
}

/** The user's marks on one item: done until new activity, or snoozed. Times are epoch ms. */
export interface TriageMark {
	/** Done: hidden until non-team activity newer than this arrives. */
	readonly done?: number;
	/** Snoozed until this moment (new non-team activity does not end it). */
	readonly snoozeUntil?: number;
	/** Snoozed until the author's activity is newer than this. */
	readonly untilAuthorReplies?: number;
}

/** The persisted marks, by item id. */
export type TriageMarks = Readonly<Record<string, TriageMark>>;

/** Marks an entry done until new non-team activity. */
export function markDone(marks: TriageMarks, entry: TriageEntry): TriageMarks {
	return { ...marks, [entry.id]: { done: entry.lastActivity } };
}

/** Snoozes an entry until a moment (epoch ms). */
export function snoozeUntil(marks: TriageMarks, entry: TriageEntry, until: number): TriageMarks {
	return { ...marks, [entry.id]: { snoozeUntil: until } };
}

/** Snoozes an entry until its author is active again. */
export function snoozeUntilAuthorReplies(marks: TriageMarks, entry: TriageEntry): TriageMarks {
	return { ...marks, [entry.id]: { untilAuthorReplies: entry.lastAuthorActivity } };
}

/** How long to snooze: some hours, until a moment (epoch ms), or until the author is active again. */
export type SnoozeChoice =
	| { readonly kind: 'hours'; readonly hours: number }
	| { readonly kind: 'until'; readonly until: number }
	| { readonly kind: 'authorReplies' };

/** Marks every entry done until new non-team activity (bulk {@link markDone}). */
export function markAllDone(marks: TriageMarks, entries: readonly TriageEntry[]): TriageMarks {
	return entries.reduce(markDone, marks);
}

/** Snoozes every entry the same way; `now` turns hours into a moment. */
export function snoozeAll(marks: TriageMarks, entries: readonly TriageEntry[], choice: SnoozeChoice, now: number): TriageMarks {
	switch (choice.kind) {
		case 'hours': return entries.reduce((m, e) => snoozeUntil(m, e, now + choice.hours * HOUR_MS), marks);
		case 'until': return entries.reduce((m, e) => snoozeUntil(m, e, choice.until), marks);
		case 'authorReplies': return entries.reduce(snoozeUntilAuthorReplies, marks);
	}
}

/** The latest snooze date accepted: a year ahead. */
const MAX_SNOOZE_MS = 366 * 24 * HOUR_MS;

/**
 * Parses "snooze until" input: a date `YYYY-MM-DD` (the item returns at the start of that day, local
 * time). It must be a real date, after now and at most a year ahead; otherwise a message says why.
 */
export function parseSnoozeDate(text: string, now: number, t: Translate): { until: number } | { error: string } {
	const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
	if (!m) return { error: t('Enter a date as YYYY-MM-DD, for example {0}.', isoDay(now + 7 * 24 * HOUR_MS)) };
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(year, month - 1, day);
	if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return { error: t('{0} is not a date.', text.trim()) };
	const until = date.getTime();
	if (until <= now) return { error: t('Choose a day after today.') };
	if (until > now + MAX_SNOOZE_MS) return { error: t('Choose a day within a year.') };
	return { until };
}

/** `YYYY-MM-DD` of a moment, local time. */
export function isoDay(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Removes the mark of an item (undo). */
export function clearMark(marks: TriageMarks, id: string): TriageMarks {
	if (!(id in marks)) return marks;
	const { [id]: _removed, ...rest } = marks;
	return rest;
}

/** True while a mark hides the entry. */
export function isHidden(mark: TriageMark | undefined, entry: TriageEntry, now: number): boolean {
	if (!mark) return false;
	return (mark.done !== undefined && entry.lastActivity <= mark.done)
		|| (mark.snoozeUntil !== undefined && now < mark.snoozeUntil)
		|| (mark.untilAuthorReplies !== undefined && entry.lastAuthorActivity <= mark.untilAuthorReplies);
}

/** The entries no mark hides. */
export function visibleTriage(entries: readonly TriageEntry[], marks: TriageMarks, now: number): TriageEntry[] {
	return entries.filter(e => !isHidden(marks[e.id], e, now));
}

/**
 * Drops marks that no longer hide anything (the item came back, left the queue, or the snooze ended),
 * so the persisted record stays small. Returns the same object when nothing changed.
 */
export function pruneMarks(marks: TriageMarks, entries: readonly TriageEntry[], now: number): TriageMarks {
	const byId = new Map(entries.map(e => [e.id, e]));
	const keep = Object.entries(marks).filter(([id, mark]) => {
		const entry = byId.get(id);
		return entry !== undefined && isHidden(mark, entry, now);
	});
	return keep.length === Object.keys(marks).length ? marks : Object.fromEntries(keep);
}

/** Checks the shape of persisted marks (anything else is dropped). */
export function isTriageMarks(value: unknown): value is TriageMarks {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const finite = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
	return Object.values(value).every(m => typeof m === 'object' && m !== null
		&& finite((m as TriageMark).done) && finite((m as TriageMark).snoozeUntil) && finite((m as TriageMark).untilAuthorReplies));
}

/**
 * SLA breaches to notify about. `known` holds the ids of the entries that were past the SLA at the
 * previous look (undefined before the first one: everything already breached then is taken as known,
 * so nothing old is announced at start-up). An entry is announced once when it becomes breached or
 * comes back breached (after leaving the queue, or being done or snoozed); the returned `known`
 * replaces the old one.
 */
export function newBreaches(entries: readonly TriageEntry[], known: ReadonlySet<string> | undefined): { fresh: TriageEntry[]; known: Set<string> } {
	const breached = entries.filter(e => e.sla === 'breach');
	return { fresh: known ? breached.filter(e => !known.has(e.id)) : [], known: new Set(breached.map(e => e.id)) };
}

/** The next moment (epoch ms, after `now`) an entry crosses a threshold, or undefined when none will. */
export function nextSlaChange(entries: readonly TriageEntry[], now: number, sla: SlaHours = DEFAULT_SLA_HOURS): number | undefined {
	let next = Infinity;
	for (const e of entries) {
		for (const hours of [sla.warn, sla.breach]) {
			const at = e.waitingSince + hours * HOUR_MS;
			if (at > now && at < next) next = at;
		}
	}
	return next === Infinity ? undefined : next;
}

/** The earliest end of a timed snooze after `now`, or undefined when none is pending. */
export function nextSnoozeEnd(marks: TriageMarks, now: number): number | undefined {
	let next = Infinity;
	for (const mark of Object.values(marks)) {
		if (mark.snoozeUntil !== undefined && mark.snoozeUntil > now && mark.snoozeUntil < next) next = mark.snoozeUntil;
	}
	return next === Infinity ? undefined : next;
}

/** Counts for the status bar: entries waiting and how many breach. */
export function triageCounts(entries: readonly TriageEntry[]): { waiting: number; breaches: number } {
	return { waiting: entries.length, breaches: entries.filter(e => e.sla === 'breach').length };
}

/** The reason as a short phrase. */
export function describeReason(reason: TriageReason, t: Translate): string {
	switch (reason) {
		case 'authorReplied': return t('Author replied');
		case 'noResponse': return t('No response yet');
		case 'unansweredQuestion': return t('Unanswered question');
		case 'newActivity': return t('New activity');
	}
}

/** The SLA state as a short phrase. */
export function describeSla(state: SlaState, t: Translate): string {
	switch (state) {
		case 'breach': return t('SLA breached');
		case 'warn': return t('SLA at risk');
		case 'ok': return t('Within SLA');
	}
}
