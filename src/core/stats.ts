import { COMMENT_FLAG_ANSWER, INDEX_ASSOCIATIONS, isDroppedByFlags, type CommentColumns, type IndexedItem, type IndexItemKind } from './repoIndex';
import { isBot, isTeam, peopleRules, type PeopleRules } from './triage';

// Community stats over the synced index (issue #7, community-metrics.md §6): first response, time to
// answer, SLA, waiting items, new / returning / lapsed / rising people, helpers, responder shares and
// per-person engagement. Pure and fast (performance.md B6): each item's comment rows are found as runs
// of consecutive rows (one sequential pass), then every item is visited once with its rows; per-person
// numbers live in typed arrays indexed by a person id shared across repositories (what the row loop
// updates on every row, in interleaved per-person records); the people sort on numeric keys, medians
// are selected rather than sorted, and only the entries a short list can hold are built or sorted.
// Little garbage per call (minor collections stay rare and cheap): work arrays are reused, and the
// report's per-person rows are kept as columns and built on first access to `people`. Between calls
// only memos are kept, each refreshed when what it depends on changes: the login registry (ids do not
// depend on the settings; roles are recomputed when the team, not-team or bots lists change), and per
// authors table and items array the person ids and item columns, checked entry by entry.
//
// Rules (community-metrics.md §6, adapted to what the index keeps):
// - Team and bots as the triage queue decides them (`isTeam`, `isBot` from triage.ts), plus the
//   optional `bots` and `notTeam` lists; the current team applies to all history.
// - A qualifying response: a comment or reply by a human other than the item's author, not minimized
//   as spam, abuse or off-topic. A ghost (deleted account) responds as community, never as team, and
//   never to a ghost's item. Ghosts have no per-person numbers; their items stay eligible.
// - Eligible items: created in the window, author not a bot and (by default) not team.
// - "No data" is null, never 0; medians and p90 need at least 5 values.

// ---------------------------------------------------------------------------------------------
// Public types

/** A half-open window `[start, end)` of whole UTC days, in epoch ms. */
export interface StatsWindow {
	readonly start: number;
	readonly end: number;
}

/** The window presets, in days. */
export const STATS_PRESETS = [7, 30, 90, 365] as const;

/** One of {@link STATS_PRESETS}. */
export type StatsPreset = (typeof STATS_PRESETS)[number];

/** One repository's part of the input: `RepoIndex.items()` and `commentColumns()`. */
export interface StatsRepoInput {
	/** `owner/name`. */
	readonly repo: string;
	readonly items: readonly IndexedItem[];
	readonly comments: CommentColumns;
	/**
	 * Epoch ms since when this repository's history is complete in the index; undefined when the whole
	 * history is there (the backfill finished). Decides whether "new" can be verified.
	 */
	readonly historyStart?: number;
}

/** Engagement weights (community-metrics.md §6, "Engagement score"). */
export interface EngagementWeights {
	/** A comment accepted as the answer. */
	readonly acceptedAnswer: number;
	/** A comment or reply on someone else's item. */
	readonly response: number;
	/** Opening an issue or discussion. */
	readonly opened: number;
	/** A comment or reply on one's own item. */
	readonly ownComment: number;
}

/** The default engagement weights. */
export const DEFAULT_ENGAGEMENT_WEIGHTS: EngagementWeights = { acceptedAnswer: 8, response: 4, opened: 3, ownComment: 1 };

/** What to compute and who is who. */
export interface StatsOptions {
	readonly window: StatsWindow;
	/** Epoch ms; ages of pending items and the reference date of lapsed / rising / streaks. */
	readonly now: number;
	/** Extra team logins (the `communityDesk.team` setting, as in the triage queue); case-insensitive. */
	readonly team?: readonly string[];
	/** Logins never counted as team, whatever their association; case-insensitive. */
	readonly notTeam?: readonly string[];
	/** Machine users counted as bots besides `*[bot]`; case-insensitive. */
	readonly bots?: readonly string[];
	/** SLA target for the first team response, hours (default 48). */
	readonly slaHours?: number;
	/** How far before the window "new" looks for earlier activity, days (default: all history; at least 365). */
	readonly lookbackDays?: number;
	/** Count items opened by team members in response, SLA and answer metrics (default false). */
	readonly includeTeamItems?: boolean;
	readonly weights?: Partial<EngagementWeights>;
	/** Longest lists in the report (helpers, people lists, item lists); default 10. Per-person rows are all kept. */
	readonly listLimit?: number;
}

/** A response-time statistic over one kind of item and one kind of responder. Durations in ms. */
export interface ResponseStats {
	/** Eligible items created in the window. */
	readonly eligible: number;
	/** Of those, items with a qualifying response. */
	readonly responded: number;
	/** Of those, items with none yet (never imputed). */
	readonly pending: number;
	/** Null when fewer than 5 responded. */
	readonly median: number | null;
	/** Null when fewer than 5 responded. */
	readonly p90: number | null;
	/** responded ÷ eligible; null when nothing was eligible. */
	readonly rate: number | null;
	/** Age of the oldest pending item at `now`; null when none is pending. */
	readonly oldestPendingAge: number | null;
}

/** First response: team (headline) and community (any human but the author). */
export interface FirstResponseStats {
	readonly team: ResponseStats;
	readonly community: ResponseStats;
}

/** Time to answer, answerable discussions created in the window. Durations in ms. */
export interface AnswerStats {
	readonly answerable: number;
	readonly answered: number;
	/** answered ÷ answerable; null when none is answerable. */
	readonly rate: number | null;
	/** `answerChosenAt − createdAt`; null when fewer than 5. */
	readonly median: number | null;
	readonly p90: number | null;
	/** Who wrote the accepted answers. */
	readonly byTeam: number;
	readonly byCommunity: number;
	/** The item's author answered themselves (answered, but not team). */
	readonly bySelf: number;
	/** The answer comment is not in the index, is by a bot, or is minimized as spam, abuse or off-topic. */
	readonly byUnknown: number;
}

/** The SLA on the first team response, over eligible items created in the window. */
export interface SlaStats {
	readonly hours: number;
	readonly met: number;
	readonly breached: number;
	/** No response and younger than the target: outside the denominator. */
	readonly pending: number;
	/** Closed without any team response (listed apart, outside the denominator). */
	readonly closedWithoutResponse: number;
	/** met ÷ (met + breached), 0–1; null when both are 0. */
	readonly percent: number | null;
}

/** Items waiting for a first team response at the end of one UTC day. */
export interface WaitingPoint {
	/** The day's start, epoch ms UTC. */
	readonly day: number;
	readonly issues: number;
	readonly discussions: number;
}

/** An item, for lists in the report and the digest. */
export interface StatsItemRef {
	readonly repo: string;
	readonly kind: IndexItemKind;
	readonly number: number;
	readonly title: string;
	readonly author: string;
	readonly createdAt: number;
	/** Comments and replies in the window (activity lists). */
	readonly comments: number;
}

/** A person in a people list. */
export interface PersonRef {
	readonly login: string;
	/** Epoch ms of the first activity in the window (new) or the last activity ever (lapsed). */
	readonly at: number;
}

/** New contributors: first activity in the window, none in the lookback before it. */
export interface NewContributorStats {
	/** Null when the window has no activity at all. */
	readonly count: number | null;
	readonly people: readonly PersonRef[];
	/** The history is shorter than the lookback: label the result "new (unverified)". */
	readonly unverified: boolean;
}

/** A helper (top helpers lists). */
export interface HelperRow {
	readonly login: string;
	/** Their comments accepted as answers on others' items, chosen in the window. */
	readonly answersMarked: number;
	/** Distinct items of others they responded to in the window. */
	readonly itemsHelped: number;
	/** Eligible items in the window they responded to first (any responder). */
	readonly firstResponses: number;
}

/** One responder's share of the first team responses. */
export interface ResponderShare {
	readonly login: string;
	readonly count: number;
	/** count ÷ responded items, 0–1. */
	readonly share: number;
}

/** Per-person numbers in the window (humans only; ghosts and bots have none). */
export interface PersonStats {
	readonly login: string;
	readonly team: boolean;
	/** Issues and discussions opened in the window. */
	readonly opened: number;
	/** Comments and replies in the window. */
	readonly comments: number;
	/** Their comments accepted as answers (on anyone's item), chosen in the window. */
	readonly answersMarked: number;
	/** Eligible items in the window they responded to first (any responder). */
	readonly firstResponses: number;
	/** Σ weight × 0.9^months over the 12 months before the reference date (window-independent). */
	readonly score: number;
	/** Distinct UTC days active in the window. */
	readonly activeDays: number;
	/** Epoch ms of the last activity before the reference date; null when none. */
	readonly lastActivity: number | null;
	/** Consecutive active UTC days ending on the reference day or the day before (counted back at most 120 days, or to the window's start). */
	readonly streak: number;
}

/** The numbers of {@link PersonStats} compared in "My engagement". */
export type EngagementNumbers = Pick<PersonStats, 'opened' | 'comments' | 'answersMarked' | 'firstResponses' | 'score' | 'activeDays'>;

/** Everything the stats panel, the export and the digest show. */
export interface StatsReport {
	readonly window: StatsWindow;
	readonly repos: readonly string[];
	/** Epoch ms (deleted comments vanish from the API, so figures can shift between runs). */
	readonly computedAt: number;
	/** The reference date of lapsed / rising / streaks / scores: min(now, window end). */
	readonly referenceDate: number;
	/** No item and no comment in the window: every headline is null. */
	readonly empty: boolean;
	readonly firstResponse: Readonly<Record<IndexItemKind, FirstResponseStats>>;
	readonly timeToAnswer: AnswerStats;
	readonly sla: SlaStats;
	/** One point per UTC day of the window (capped at the day of `now`). */
	readonly waitingOverTime: readonly WaitingPoint[];
	readonly newContributors: NewContributorStats;
	/** Active in the window and before it, within the lookback; null when the window has no activity. */
	readonly returning: number | null;
	/** Regulars 60 days before the (monthly) reference with no activity in the last 60 days. */
	readonly lapsedRegulars: readonly PersonRef[];
	/** ≥3 active days in the last 30 and at least twice their monthly average over the 90 before. */
	readonly rising: readonly PersonRef[];
	readonly topHelpers: { readonly team: readonly HelperRow[]; readonly community: readonly HelperRow[] };
	/** Shares of the first team responses, largest first. */
	readonly responders: readonly ResponderShare[];
	/** Smallest number of responders giving over half the first team responses; null below 10 responded. */
	readonly busFactor: number | null;
	/** Every human active in the window, scored in the last 12 months, or credited with a first response or answer in the window; by score. */
	readonly people: readonly PersonStats[];
	/** Median of each number over the community (non-team) people active in the window; null when none. */
	readonly communityMedian: { readonly [K in keyof EngagementNumbers]: number | null };
	/** Discussions with the most comments in the window. */
	readonly topDiscussions: readonly StatsItemRef[];
	/** Open discussions created in the window still without an answer (answerable) or any response, oldest first. */
	readonly unansweredDiscussions: readonly StatsItemRef[];
}

/** A person's numbers beside the community median ("My engagement"). */
export interface PersonEngagement {
	readonly login: string;
	/** Null when the person has no activity in the report. */
	readonly person: PersonStats | null;
	readonly communityMedian: StatsReport['communityMedian'];
	/** 1-based rank by score among everyone in the report; null when absent. */
	readonly rank: number | null;
	readonly of: number;
}

// ---------------------------------------------------------------------------------------------
// Windows

/** One UTC day in ms. */
export const DAY_MS = 86_400_000;
const GHOST = 'ghost';
const NO_TEAM: ReadonlySet<string> = new Set();

/** The last `days` whole UTC days up to and including the day of `now`. */
export function presetWindow(days: number, now: number): StatsWindow {
	const end = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
	return { start: end - Math.max(1, Math.round(days)) * DAY_MS, end };
}

/** A custom window from the UTC day of `first` to the UTC day of `last`, both included; undefined when reversed or invalid. */
export function customWindow(first: number, last: number): StatsWindow | undefined {
	if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return undefined;
	return { start: Math.floor(first / DAY_MS) * DAY_MS, end: (Math.floor(last / DAY_MS) + 1) * DAY_MS };
}

/** True for a non-empty window of whole UTC days. */
export function isStatsWindow(value: unknown): value is StatsWindow {
	const w = value as Partial<StatsWindow> | null;
	return typeof w === 'object' && w !== null && Number.isFinite(w.start) && Number.isFinite(w.end)
		&& w.start! < w.end! && w.start! % DAY_MS === 0 && w.end! % DAY_MS === 0;
}

// ---------------------------------------------------------------------------------------------
// Small statistics

/** Median (mean of the middle two for even n) and nearest-rank p90 of unsorted values; null when fewer than 5. */
export function summarize(values: Float64Array): { median: number | null; p90: number | null } {
	const n = values.length;
	if (n < 5) return { median: null, p90: null };
	const a = scratch(Float64Array, 'summary', n, undefined);
	a.set(values);
	const k90 = Math.ceil(0.9 * n) - 1;
	const p90 = select(a, 0, n - 1, k90);
	return { median: middle(a, k90 > n >> 1 ? k90 - 1 : k90), p90 };
}

/** Median of any number of values (reordered in place); null when empty. */
function medianOf(values: Float64Array): number | null {
	return values.length === 0 ? null : middle(values, values.length - 1);
}

/**
 * The median of `a` when `a[0..hi]` holds its smallest values (unordered) and the rest no smaller ones:
 * two selections instead of a sort.
 */
function middle(a: Float64Array, hi: number): number {
	const n = a.length;
	const k = n >> 1;
	const upper = select(a, 0, hi, k);
	if (n % 2 === 1) return upper;
	let lower = a[0]!;
	for (let i = 1; i < k; i++) if (a[i]! > lower) lower = a[i]!;
	return (lower + upper) / 2;
}

/**
 * Hoare's selection: reorders `a[lo..hi]` so that `a[k]` holds the value a sort would put there, with
 * no larger value before it and no smaller one after it; returns that value. Linear on average.
 */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
	while (lo < hi) {
		const x = a[lo]!, y = a[(lo + hi) >>> 1]!, z = a[hi]!;
		const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
		let i = lo, j = hi;
		while (i <= j) {
			while (a[i]! < pivot) i++;
			while (a[j]! > pivot) j--;
			if (i <= j) {
				const t = a[i]!;
				a[i++] = a[j]!;
				a[j--] = t;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else break;
	}
	return a[k]!;
}

/** Smallest k whose k largest counts sum to more than half of `total`; null when total < 10. */
export function busFactorOf(counts: readonly number[], total: number): number | null {
	if (total < 10) return null;
	const sorted = counts.slice().sort((a, b) => b - a);
	let sum = 0;
	for (let k = 0; k < sorted.length; k++) {
		sum += sorted[k]!;
		if (sum * 2 > total) return k + 1;
	}
	return null;
}

/** A growable list of durations, in a work buffer of its own name (a computation reads it before the next one). */
class Durations {
	private data: Float64Array;
	length = 0;
	constructor(private readonly name: string) {
		this.data = workBuffer(Float64Array, name, 0, 0);
	}
	push(v: number): void {
		if (this.length === this.data.length) this.data = workBuffer(Float64Array, this.name, this.length * 2, this.length);
		this.data[this.length++] = v;
	}
	values(): Float64Array {
		return this.data.subarray(0, this.length);
	}
}

/** Accumulates one {@link ResponseStats}. */
class ResponseAcc {
	eligible = 0;
	responded = 0;
	pending = 0;
	oldestPending = -1;
	readonly times: Durations;
	constructor(name: string) {
		this.times = new Durations(name);
	}
	add(created: number, response: number, closed: boolean, now: number): void {
		this.eligible++;
		if (response < Infinity) {
			this.responded++;
			this.times.push(Math.max(0, response - created));
		} else if (!closed) {
			this.pending++;
			this.oldestPending = Math.max(this.oldestPending, now - created);
		}
	}
	result(): ResponseStats {
		return {
			eligible: this.eligible, responded: this.responded, pending: this.pending, ...summarize(this.times.values()),
			rate: this.eligible ? this.responded / this.eligible : null, oldestPendingAge: this.pending ? this.oldestPending : null,
		};
	}
}

// ---------------------------------------------------------------------------------------------
// Who is who

/** 1 for each association code the triage queue counts as team. */
const TEAM_ASSOC: Uint8Array = Uint8Array.from(INDEX_ASSOCIATIONS, a => (isTeam('-', a, NO_TEAM) ? 1 : 0));

/** Role bits of a person under the configured lists: bot, ghost, on the team list, on the not-team list. */
const ROLE_BOT = 1;
const ROLE_GHOST = 2;
const ROLE_TEAM = 4;
const ROLE_NOT_TEAM = 8;
/** The person id of every ghost (deleted account): no per-person numbers. */
const GHOST_ID = -1;

/** The role bits of a login under the rules (as `isBot` and `isTeam` decide, given the lower-cased login). */
function roleOf(login: string, lower: string, rules: PeopleRules): number {
	if (isBot(login) || rules.bots.has(lower)) return ROLE_BOT;
	return (rules.team.has(lower) ? ROLE_TEAM : 0) | (rules.notTeam.has(lower) ? ROLE_NOT_TEAM : 0);
}

/** True when this role and association count as team (lists override the association both ways). */
function teamBy(role: number, assocCode: number): boolean {
	return (role & ROLE_TEAM) !== 0 || ((role & (ROLE_BOT | ROLE_GHOST | ROLE_NOT_TEAM)) === 0 && TEAM_ASSOC[assocCode] === 1);
}

const ASSOC_CODE = new Map(INDEX_ASSOCIATIONS.map((a, i) => [a, i]));
const ASSOC_NONE = ASSOC_CODE.get('NONE')!;

/**
 * Interns logins across repositories and computations: one id per login, bots included (who is a bot
 * depends on the `bots` list), ghosts {@link GHOST_ID}. The ids do not depend on the configured lists,
 * so a team change keeps them (and the id caches of the indexes); only the roles are recomputed.
 */
class People {
	readonly ids = new Map<string, number>();
	readonly logins: string[] = [];
	/** Lower-cased logins (the configured lists and lookups compare case-insensitively). */
	readonly lower: string[] = [];
	private roleBits = new Uint8Array(1024);
	private rolesFor = 0;
	private rulesKey = '';

	/** The person id of a login (interned on first sight), or {@link GHOST_ID}. */
	idOf(login: string): number {
		let id = this.ids.get(login);
		if (id === undefined) {
			id = login === GHOST || login === '' ? GHOST_ID : this.logins.length;
			if (id >= 0) {
				this.logins.push(login);
				this.lower.push(login.toLowerCase());
			}
			this.ids.set(login, id);
		}
		return id;
	}

	/**
	 * Role bits of every id under these rules, indexed by id: recomputed when the rules change (a team
	 * setting change), extended for people interned since. Call it after interning the inputs' logins.
	 */
	roles(rules: PeopleRules): Uint8Array {
		const n = this.logins.length;
		if (rules.key !== this.rulesKey) {
			this.rulesKey = rules.key;
			this.rolesFor = 0;
		}
		if (this.roleBits.length < n) {
			const bigger = new Uint8Array(Math.max(n, this.roleBits.length * 2));
			bigger.set(this.roleBits.subarray(0, this.rolesFor));
			this.roleBits = bigger;
		}
		for (let p = this.rolesFor; p < n; p++) this.roleBits[p] = roleOf(this.logins[p]!, this.lower[p]!, rules);
		this.rolesFor = n;
		return this.roleBits;
	}

	private sorted: number[] = [];
	private rankOf = new Int32Array(0);
	/**
	 * The ids in login order ({@link compareText}) and each id's position in it: lists sort on the rank
	 * instead of comparing strings. People added since the last call are sorted alone and merged in.
	 */
	loginOrder(): { readonly ids: readonly number[]; readonly rank: Int32Array } {
		const { logins, sorted } = this;
		const n = logins.length;
		if (sorted.length === n) return { ids: sorted, rank: this.rankOf };
		// The default sort compares UTF-16 code units, as compareText does, without a call per comparison.
		const fresh = logins.slice(sorted.length).sort();
		const merged: number[] = [];
		let i = 0, j = 0;
		while (i < sorted.length || j < fresh.length) {
			const takeOld = j === fresh.length || (i < sorted.length && compareText(logins[sorted[i]!]!, fresh[j]!) < 0);
			merged.push(takeOld ? sorted[i++]! : this.ids.get(fresh[j++]!)!);
		}
		this.sorted = merged;
		this.rankOf = new Int32Array(n);
		for (let k = 0; k < n; k++) this.rankOf[merged[k]!] = k;
		return { ids: merged, rank: this.rankOf };
	}
}

/** Everyone seen so far, across repositories and computations (a memo: results never depend on what it saw before). */
const PEOPLE = new People();

/** Person ids of an authors table, with the logins they were computed from. */
interface AuthorIdCache {
	readonly seen: string[];
	ids: Int32Array;
}

const authorIdCaches = new WeakMap<readonly string[], AuthorIdCache>();

function grown<T extends Int32Array | Uint8Array | Float64Array>(array: T, n: number, make: (n: number) => T): T {
	if (array.length >= n) return array;
	const bigger = make(Math.max(n, array.length * 2));
	bigger.set(array);
	return bigger;
}

/**
 * The person id of each author code of a comment table. Kept per table and checked entry by entry
 * (the index's interned strings compare by pointer), so a changed or grown table is brought up to date.
 */
function authorIds(authors: readonly string[]): Int32Array {
	const n = authors.length;
	let cache = authorIdCaches.get(authors);
	if (!cache) {
		cache = { seen: [], ids: new Int32Array(n) };
		authorIdCaches.set(authors, cache);
	}
	const ids = cache.ids = grown(cache.ids, n, k => new Int32Array(k));
	const seen = cache.seen;
	for (let code = 0; code < n; code++) {
		const login = authors[code]!;
		if (seen[code] !== login) {
			seen[code] = login;
			ids[code] = PEOPLE.idOf(login);
		}
	}
	return ids;
}

/**
 * What the pass reads of every item, as columns: the item objects come in many shapes, so reading
 * them in the loop is slow. Kept per items array and refreshed for each replaced item object (the
 * index replaces an item on upsert and never changes one), so a changed index is never read stale.
 */
interface ItemColumns {
	readonly seen: (IndexedItem | undefined)[];
	/** Person id of the author. */
	author: Int32Array;
	/** Association code ({@link INDEX_ASSOCIATIONS}). */
	assoc: Uint8Array;
	createdAt: Float64Array;
	/** 1 when closed. */
	closed: Uint8Array;
}

const itemColumnCaches = new WeakMap<readonly IndexedItem[], ItemColumns>();

/** The up-to-date {@link ItemColumns} of an items array. */
function itemColumns(items: readonly IndexedItem[]): ItemColumns {
	const n = items.length;
	let c = itemColumnCaches.get(items);
	if (!c) {
		c = { seen: [], author: new Int32Array(n), assoc: new Uint8Array(n), createdAt: new Float64Array(n), closed: new Uint8Array(n) };
		itemColumnCaches.set(items, c);
	}
	c.author = grown(c.author, n, k => new Int32Array(k));
	c.assoc = grown(c.assoc, n, k => new Uint8Array(k));
	c.createdAt = grown(c.createdAt, n, k => new Float64Array(k));
	c.closed = grown(c.closed, n, k => new Uint8Array(k));
	const { seen, author, assoc, createdAt, closed } = c;
	for (let i = 0; i < n; i++) {
		const it = items[i]!;
		if (seen[i] === it) continue;
		seen[i] = it;
		author[i] = PEOPLE.idOf(it.author);
		assoc[i] = ASSOC_CODE.get(it.association) ?? ASSOC_NONE;
		createdAt[i] = it.createdAt;
		closed[i] = it.closed ? 1 : 0;
	}
	return c;
}

// ---------------------------------------------------------------------------------------------
// The pass

const MONTH_DECAY = Array.from({ length: 14 }, (_, m) => 0.9 ** m);
/** Scores count the last 365 UTC days up to the reference day. */
const SCORE_DAYS = 365;
const LAPSE_MS = 60 * DAY_MS;
/** Days of the per-day tables before the reference day: scores (12 months) and regulars (6 months before 60 days ago). */
const HISTORY_DAYS = 400;
/** Days of activity kept per person before the reference day at least: rising members look back 120 days. */
const RECENT_DAYS = 120;

function monthIndexOf(ms: number): number {
	const d = new Date(ms);
	return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthStart(monthIndex: number): number {
	return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1);
}

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Resolved options and the fixed instants of one computation. */
interface Frame {
	readonly start: number;
	readonly end: number;
	readonly now: number;
	/** min(now, end): lapsed, rising, streaks and scores are as of this instant. */
	readonly ref: number;
	readonly refDay: number;
	readonly slaMs: number;
	readonly lookbackMs: number;
	readonly includeTeamItems: boolean;
	readonly weights: EngagementWeights;
	readonly limit: number;
	/** First day of the per-person day bitsets, and how many days they hold. */
	readonly fromDay: number;
	readonly nDays: number;
	/**
	 * First day of the per-person activity bitsets and how many days they hold: the window and the
	 * 120 days before the reference day (rising members); streaks count back as far.
	 */
	readonly bitFrom: number;
	readonly nBits: number;
	/** Per bitset day: the bit of a "regular" month (0 outside those 6 months) and the score decay (0 outside the last 365 days). */
	readonly regularBit: Uint8Array;
	readonly decay: Float64Array;
	/** The monthly reference date of "lapsed". */
	readonly lapseRef: number;
	/** Points of the waiting series and the instant of each. */
	readonly nPoints: number;
}

function frameOf(options: StatsOptions): Frame {
	const { start, end } = options.window;
	const now = options.now;
	const ref = Math.min(now, end);
	const refDay = Math.floor((ref - 1) / DAY_MS);
	const fromDay = Math.min(Math.floor(start / DAY_MS), refDay - HISTORY_DAYS);
	const nDays = Math.max(Math.ceil(end / DAY_MS), refDay + 1) - fromDay;
	const monthOfDay = scratch(Int32Array, 'monthOfDay', nDays, undefined);
	for (let d = 0, month = monthIndexOf(fromDay * DAY_MS), next = monthStart(month + 1); d < nDays; d++) {
		if ((fromDay + d) * DAY_MS >= next) next = monthStart(++month + 1);
		monthOfDay[d] = month;
	}
	const refMonth = monthOfDay[refDay - fromDay]!;
	const lapseRef = monthStart(refMonth);
	const regularFirstMonth = monthIndexOf(lapseRef - LAPSE_MS) - 6;
	const regularBit = scratch(Uint8Array, 'regularBit', nDays, undefined);
	const decay = scratch(Float64Array, 'decay', nDays, undefined);
	for (let d = 0; d < nDays; d++) {
		const m = monthOfDay[d]!;
		regularBit[d] = m >= regularFirstMonth && m < regularFirstMonth + 6 ? 1 << (m - regularFirstMonth) : 0;
		decay[d] = d > refDay - fromDay - SCORE_DAYS && d <= refDay - fromDay ? MONTH_DECAY[refMonth - m]! : 0;
	}
	const lastPointEnd = Math.min(end, (Math.floor(now / DAY_MS) + 1) * DAY_MS);
	return {
		start, end, now, ref, refDay, fromDay, nDays, regularBit, decay, lapseRef,
		bitFrom: Math.min(Math.floor(start / DAY_MS), refDay - RECENT_DAYS + 1),
		nBits: Math.max(Math.ceil(end / DAY_MS), refDay + 1) - Math.min(Math.floor(start / DAY_MS), refDay - RECENT_DAYS + 1),
		slaMs: (options.slaHours ?? 48) * 3_600_000,
		lookbackMs: options.lookbackDays === undefined ? Infinity : Math.max(365, options.lookbackDays) * DAY_MS,
		includeTeamItems: options.includeTeamItems === true,
		weights: { ...DEFAULT_ENGAGEMENT_WEIGHTS, ...options.weights },
		limit: Math.max(0, Math.floor(options.listLimit ?? 10)) || 0,
		nPoints: Math.max(0, Math.round((lastPointEnd - start) / DAY_MS)),
	};
}

/** Field offsets of the per-person records the row loop writes: doubles (stride 4) and integers (stride 8). */
const F_LAST_BEFORE = 0, F_FIRST_IN = 1, F_LAST_REF = 2, F_SCORE = 3;
/** The score cap's state is `item stamp × 4 + activities scored on that item`. */
const I_COMMENTS = 0, I_HELP_STAMP = 1, I_HELPED = 2, I_CAP = 3, I_MONTHS = 4, I_TEAM = 5;

/**
 * Per-person accumulators, indexed by person id. The row loop writes what it touches on every row into
 * two interleaved records per person (`hotF`, `hotI`: two cache lines a row instead of up to ten,
 * one per array); {@link settle} then copies them into the plain arrays the report reads.
 */
class PersonAcc {
	readonly opened: Int32Array;
	readonly comments: Int32Array;
	readonly answers: Int32Array;
	readonly helperAnswers: Int32Array;
	readonly firstResponses: Int32Array;
	readonly teamFirst: Int32Array;
	readonly itemsHelped: Int32Array;
	readonly teamSeen: Uint8Array;
	readonly months: Uint8Array;
	readonly score: Float64Array;
	readonly lastBefore: Float64Array;
	readonly firstIn: Float64Array;
	readonly lastRef: Float64Array;
	readonly hotF: Float64Array;
	readonly hotI: Int32Array;
	readonly words: number;
	readonly days: Uint32Array;

	constructor(readonly n: number, nBits: number) {
		this.opened = scratch(Int32Array, 'opened', n, 0);
		this.comments = scratch(Int32Array, 'comments', n, undefined);
		this.answers = scratch(Int32Array, 'answers', n, 0);
		this.helperAnswers = scratch(Int32Array, 'helperAnswers', n, 0);
		this.firstResponses = scratch(Int32Array, 'firstResponses', n, 0);
		this.teamFirst = scratch(Int32Array, 'teamFirst', n, 0);
		this.itemsHelped = scratch(Int32Array, 'itemsHelped', n, undefined);
		this.teamSeen = scratch(Uint8Array, 'teamSeen', n, undefined);
		this.months = scratch(Uint8Array, 'months', n, undefined);
		this.score = scratch(Float64Array, 'score', n, undefined);
		this.lastBefore = scratch(Float64Array, 'lastBefore', n, undefined);
		this.firstIn = scratch(Float64Array, 'firstIn', n, undefined);
		this.lastRef = scratch(Float64Array, 'lastRef', n, undefined);
		this.hotF = scratch(Float64Array, 'hotF', n * 4, undefined);
		this.hotI = scratch(Int32Array, 'hotI', n * 8, 0);
		for (let p = 0; p < n; p++) {
			const fp = p * 4;
			this.hotF[fp + F_LAST_BEFORE] = -Infinity;
			this.hotF[fp + F_FIRST_IN] = Infinity;
			this.hotF[fp + F_LAST_REF] = -Infinity;
			this.hotF[fp + F_SCORE] = 0;
			this.hotI[p * 8 + I_HELP_STAMP] = -1;
			this.hotI[p * 8 + I_CAP] = -1;
		}
		this.words = (nBits + 31) >>> 5;
		this.days = scratch(Uint32Array, 'days', n * this.words, 0);
	}

	/**
	 * Records one activity of person `p` at `times[i]` on item stamp `g` with an engagement weight (the
	 * row loop inlines the same, except that it leaves the last activity before the window to
	 * {@link settle}). The time is read here, not passed: a double argument would be boxed on every call.
	 */
	record(f: Frame, p: number, times: Float64Array, i: number, weight: number, g: number): void {
		const { hotF, hotI } = this;
		const at = times[i]!;
		const fp = p * 4, ip = p * 8;
		if (at < f.end) {
			if (at < f.start) {
				if (at > hotF[fp + F_LAST_BEFORE]!) hotF[fp + F_LAST_BEFORE] = at;
			} else if (at < hotF[fp + F_FIRST_IN]!) {
				hotF[fp + F_FIRST_IN] = at;
			}
		}
		if (at >= f.ref) return;
		if (at > hotF[fp + F_LAST_REF]!) hotF[fp + F_LAST_REF] = at;
		const day = Math.floor(at / DAY_MS);
		const b = day - f.bitFrom;
		if (b >= 0) this.days[p * this.words + (b >>> 5)]! |= 1 << (b & 31);
		const d = day - f.fromDay;
		if (d < 0) return;
		hotI[ip + I_MONTHS]! |= f.regularBit[d]!;
		const decay = f.decay[d]!;
		if (decay === 0) return;
		const cap = hotI[ip + I_CAP]!;
		if (cap >> 2 !== g) hotI[ip + I_CAP] = g * 4 + 1;
		else if ((cap & 3) < 3) hotI[ip + I_CAP] = cap + 1;
		else return;
		hotF[fp + F_SCORE]! += weight * decay;
	}

	/**
	 * Copies the row loop's records into the plain arrays. The last activity before the reference date
	 * takes the last one before the window too: when the window starts by then, the row loop skips it.
	 */
	settle(f: Frame): void {
		const { hotF, hotI } = this;
		const late = f.start > f.ref;
		for (let p = 0; p < this.n; p++) {
			const fp = p * 4, ip = p * 8;
			const before = hotF[fp + F_LAST_BEFORE]!, last = hotF[fp + F_LAST_REF]!;
			this.lastBefore[p] = before;
			this.firstIn[p] = hotF[fp + F_FIRST_IN]!;
			this.lastRef[p] = late || last > before ? last : before;
			this.score[p] = hotF[fp + F_SCORE]!;
			this.comments[p] = hotI[ip + I_COMMENTS]!;
			this.itemsHelped[p] = hotI[ip + I_HELPED]!;
			this.months[p] = hotI[ip + I_MONTHS]!;
			this.teamSeen[p] = hotI[ip + I_TEAM]!;
		}
	}

	/** Active days of person `p` between two bitset days (inclusive, clamped). */
	countDays(p: number, from: number, to: number): number {
		const lo = Math.max(0, from);
		const hi = Math.min(to, this.words * 32 - 1);
		let count = 0;
		for (let d = lo; d <= hi;) {
			const word = this.days[p * this.words + (d >>> 5)]!;
			const first = d & 31;
			const last = Math.min(31, first + (hi - d));
			const width = last - first + 1;
			const mask = width === 32 ? 0xffffffff : ((1 << width) - 1) << first;
			count += popcount((word & mask) >>> 0);
			d += width;
		}
		return count;
	}

	/** True when person `p` was active on bitset day `d`. */
	activeOn(p: number, d: number): boolean {
		return d >= 0 && d < this.words * 32 && (this.days[p * this.words + (d >>> 5)]! & (1 << (d & 31))) !== 0;
	}
}

/** 1 for each flags value whose comment is minimized as spam, abuse or off-topic. */
const DROPPED = Uint8Array.from({ length: 256 }, (_, flags) => (isDroppedByFlags(flags) ? 1 : 0));
/** A module-local copy: imported bindings are property reads in the bundled code, too slow for the row loop. */
const ANSWER = COMMENT_FLAG_ANSWER;

/** What one item's rows tell, handed from the row loop to the item's own metrics (one object, reused). */
class ItemFacts {
	/** Earliest qualifying team response (Infinity: none), and who gave it (person id, -1: none). */
	firstTeam = Infinity;
	teamBy = -1;
	/** Earliest qualifying response by anyone, and who (negative: a ghost or none). */
	firstAny = Infinity;
	anyBy = -1;
	/** The comment row of the accepted answer (-1: none, or by a bot, or minimized as spam, abuse or off-topic). */
	answerRow = -1;
	/** Human, non-dropped comments in the window. */
	inWindow = 0;
	/** The item's `createdAt` and `closed` (read once: the item objects come in many shapes). */
	createdAt = 0;
	closed = false;
}

/**
 * The first `limit` items in the order (key, tie, arrival), kept while items stream in: an item that
 * cannot make the list is never built (the lists of the report are short, the candidates many).
 */
class TopItems {
	private readonly keys: number[] = [];
	private readonly ties: number[] = [];
	readonly refs: StatsItemRef[] = [];
	constructor(private readonly limit: number) {}

	/** True when an item ranked `key`, then `tie` (smaller first) would enter the list now. */
	accepts(key: number, tie: number): boolean {
		const n = this.refs.length;
		if (n < this.limit) return true;
		if (n === 0) return false;
		const worst = this.keys[n - 1]!;
		return key < worst || (key === worst && tie < this.ties[n - 1]!);
	}

	/** Adds an item that {@link accepts} let in, after every item ranked the same as or before it. */
	add(key: number, tie: number, ref: StatsItemRef): void {
		const { keys, ties, refs } = this;
		let lo = 0, hi = refs.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (keys[mid]! < key || (keys[mid] === key && ties[mid]! <= tie)) lo = mid + 1; else hi = mid;
		}
		keys.splice(lo, 0, key);
		ties.splice(lo, 0, tie);
		refs.splice(lo, 0, ref);
		if (refs.length > this.limit) {
			keys.pop();
			ties.pop();
			refs.pop();
		}
	}
}

/** Item-level accumulators of the whole computation. */
class ItemAcc {
	readonly firstResponse = {
		issue: { team: new ResponseAcc('issueTeam'), community: new ResponseAcc('issueCommunity') },
		discussion: { team: new ResponseAcc('discussionTeam'), community: new ResponseAcc('discussionCommunity') },
	};
	readonly answers = { answerable: 0, answered: 0, byTeam: 0, byCommunity: 0, bySelf: 0, byUnknown: 0, times: new Durations('answerTimes') };
	readonly sla = { met: 0, breached: 0, pending: 0, closedWithoutResponse: 0 };
	readonly waitIssues: Int32Array;
	readonly waitDiscussions: Int32Array;
	windowEvents = 0;
	/** Discussions by comments in the window (most first), then creation. */
	readonly active: TopItems;
	/** Open discussions without an answer or response, oldest first. */
	readonly unanswered: TopItems;
	constructor(nPoints: number, limit: number) {
		this.waitIssues = scratch(Int32Array, 'waitIssues', nPoints + 1, 0);
		this.waitDiscussions = scratch(Int32Array, 'waitDiscussions', nPoints + 1, 0);
		this.active = new TopItems(limit);
		this.unanswered = new TopItems(limit);
	}
}

/** The one pass: visits every item once with its rows ({@link runsByItem}). */
class StatsPass {
	readonly items: ItemAcc;
	private stamp = 0;
	private readonly facts = new ItemFacts();

	/** `roles`: role bits by person id ({@link People.roles}); `ghostRole`: the role of {@link GHOST_ID}. */
	constructor(private readonly f: Frame, private readonly roles: Uint8Array, private readonly ghostRole: number, readonly acc: PersonAcc) {
		this.items = new ItemAcc(f.nPoints, f.limit);
	}

	/** Role bits of a person id ({@link GHOST_ID} included). */
	private roleOfId(p: number): number {
		return p >= 0 ? this.roles[p]! : this.ghostRole;
	}

	/** Scans one repository, given the person id of each author code and of each item's author. */
	repo(input: StatsRepoInput, personOf: Int32Array, itemCols: ItemColumns): void {
		const codes = input.comments.authors.length;
		const roleOf = scratch(Uint8Array, 'roleOf', codes, undefined);
		for (let code = 0; code < codes; code++) roleOf[code] = this.roleOfId(personOf[code]!);
		this.scan(input, personOf, roleOf, itemCols, runsByItem(input.comments, input.items.length));
		this.stamp += input.items.length;
	}

	/**
	 * The hot loop: every item's opening, then its rows, once, then the item's own metrics. Keeps first
	 * responses, the answer row and the per-person activity (the same as {@link PersonAcc.record}, inlined).
	 */
	private scan(input: StatsRepoInput, personOf: Int32Array, roleOf: Uint8Array, itemCols: ItemColumns, runs: Runs): void {
		const { f, acc, facts } = this;
		const { author, assoc, created, flags } = input.comments;
		const { first, next, from, to } = runs;
		const { author: itemAuthor, createdAt: itemCreated, closed: itemClosed, assoc: itemAssoc } = itemCols;
		const { start, end, ref, fromDay, bitFrom, regularBit, decay } = f;
		const { hotF, hotI, days, words } = acc, late = start > ref;
		const { ownComment, acceptedAnswer, response, opened } = f.weights;
		const dropped = DROPPED, teamAssoc = TEAM_ASSOC, answer = ANSWER;
		for (let i = 0, n = input.items.length; i < n; i++) {
			const g = this.stamp + i;
			const authorP = itemAuthor[i]!;
			const authorRole = this.roleOfId(authorP);
			const createdAt = itemCreated[i]!;
			if ((authorRole & (ROLE_BOT | ROLE_GHOST)) === 0) acc.record(f, authorP, itemCreated, i, opened, g);
			let ft = Infinity, fa = Infinity, tb = -1, ab = -1, ans = -1, win = 0;
			for (let r = first[i]!; r >= 0; r = next[r]!) for (let row = from[r]!, stop = to[r]!; row < stop; row++) {
				const fl = flags[row]!;
				const code = author[row]!;
				const role = roleOf[code]!;
				if (role & ROLE_BOT || dropped[fl] === 1) continue;
				if (fl & answer) ans = row;
				const p = personOf[code]!;
				const at = created[row]!;
				const self = p === authorP;
				const team = (role & ROLE_TEAM) !== 0 || ((role & (ROLE_GHOST | ROLE_NOT_TEAM)) === 0 && teamAssoc[assoc[row]!] === 1);
				if (!self && at < fa) { fa = at; ab = p; }
				if (!self && team && at < ft) { ft = at; tb = p; }
				if (at >= start && at < end) win++;
				if (p < 0) continue;
				const fp = p * 4, ip = p * 8;
				if (team) hotI[ip + I_TEAM] = 1;
				if (at < start) {
					if (at > hotF[fp + F_LAST_BEFORE]!) hotF[fp + F_LAST_BEFORE] = at;
				} else if (at < end) {
					if (at < hotF[fp + F_FIRST_IN]!) hotF[fp + F_FIRST_IN] = at;
					hotI[ip + I_COMMENTS]!++;
					if (!self && hotI[ip + I_HELP_STAMP] !== g) { hotI[ip + I_HELP_STAMP] = g; hotI[ip + I_HELPED]!++; }
				}
				if (at >= ref) continue;
				if ((at >= start || late) && at > hotF[fp + F_LAST_REF]!) hotF[fp + F_LAST_REF] = at;
				const day = Math.floor(at / DAY_MS);
				const b = day - bitFrom;
				if (b >= 0) days[p * words + (b >>> 5)]! |= 1 << (b & 31);
				const d = day - fromDay;
				if (d < 0) continue;
				const bit = regularBit[d]!;
				if (bit !== 0) hotI[ip + I_MONTHS]! |= bit;
				const fade = decay[d]!;
				if (fade === 0) continue;
				const cap = hotI[ip + I_CAP]!;
				if (cap >> 2 === g && (cap & 3) === 3) continue;
				hotI[ip + I_CAP] = cap >> 2 === g ? cap + 1 : g * 4 + 1;
				hotF[fp + F_SCORE]! += (self ? ownComment : fl & answer ? acceptedAnswer : response) * fade;
			}
			facts.firstTeam = ft; facts.teamBy = tb; facts.firstAny = fa; facts.anyBy = ab; facts.answerRow = ans; facts.inWindow = win;
			facts.createdAt = createdAt; facts.closed = itemClosed[i] === 1;
			this.item(input, input.items[i]!, authorP, authorRole, itemAssoc[i]!, personOf, roleOf);
		}
	}

	/** Item-level metrics of one item, from {@link facts}. */
	private item(input: StatsRepoInput, it: IndexedItem, authorP: number, authorRole: number, authorAssoc: number, personOf: Int32Array, roleOf: Uint8Array): void {
		const { f, facts } = this;
		const authorTeam = teamBy(authorRole, authorAssoc);
		const inWindow = facts.createdAt >= f.start && facts.createdAt < f.end;
		if ((authorRole & (ROLE_BOT | ROLE_GHOST)) === 0) {
			if (authorTeam) this.acc.hotI[authorP * 8 + I_TEAM] = 1;
			if (inWindow) this.acc.opened[authorP]!++;
		}
		const humanAuthor = (authorRole & ROLE_BOT) === 0;
		const comments = facts.inWindow;
		if (humanAuthor && inWindow) this.items.windowEvents++;
		this.items.windowEvents += comments;
		this.answerMarked(it, input.comments, facts.answerRow, personOf, authorP);
		if (!humanAuthor || (authorTeam && !f.includeTeamItems)) return;
		const kind = it.kind;
		this.waiting(it, kind);
		if (inWindow) this.eligible(input, it, kind, personOf, roleOf, authorP);
		const active = this.items.active;
		if (kind === 'discussion' && comments > 0 && active.accepts(-comments, facts.createdAt)) active.add(-comments, facts.createdAt, refOf(input.repo, it, comments));
	}

	/** Answers marked: the answer's author, when the answer was chosen in the window. */
	private answerMarked(it: IndexedItem, cols: CommentColumns, row: number, personOf: Int32Array, authorP: number): void {
		if (row < 0) return;
		const p = personOf[cols.author[row]!]!;
		const at = it.answerChosenAt ?? cols.created[row]!;
		if (p < 0 || at < this.f.start || at >= this.f.end) return;
		this.acc.answers[p]!++;
		if (p !== authorP) this.acc.helperAnswers[p]!++;
	}

	/** An eligible item created in the window: response times, SLA, answers, people's first responses. */
	private eligible(input: StatsRepoInput, it: IndexedItem, kind: IndexItemKind, personOf: Int32Array, roleOf: Uint8Array, authorP: number): void {
		const { f, items, acc, facts } = this;
		const fr = items.firstResponse[kind];
		const { firstTeam, anyBy, teamBy, createdAt, closed } = facts;
		fr.team.add(createdAt, firstTeam, closed, f.now);
		fr.community.add(createdAt, facts.firstAny, closed, f.now);
		if (anyBy >= 0) acc.firstResponses[anyBy]!++;
		if (teamBy >= 0) acc.teamFirst[teamBy]!++;
		const sla = items.sla;
		if (firstTeam < Infinity) {
			if (firstTeam - createdAt <= f.slaMs) sla.met++; else sla.breached++;
		} else if (closed) {
			sla.closedWithoutResponse++;
		} else if (f.now - createdAt > f.slaMs) {
			sla.breached++;
		} else {
			sla.pending++;
		}
		if (kind !== 'discussion') return;
		const answered = it.isAnswered;
		if (answered !== undefined) this.answerable(it, input.comments, facts.answerRow, personOf, roleOf, authorP);
		const unanswered = answered === undefined ? facts.firstAny === Infinity : !answered;
		if (!closed && unanswered && items.unanswered.accepts(createdAt, 0)) items.unanswered.add(createdAt, 0, refOf(input.repo, it, facts.inWindow));
	}

	private answerable(it: IndexedItem, cols: CommentColumns, row: number, personOf: Int32Array, roleOf: Uint8Array, authorP: number): void {
		const a = this.items.answers;
		a.answerable++;
		if (!it.isAnswered) return;
		a.answered++;
		const chosen = it.answerChosenAt ?? (row >= 0 ? cols.created[row]! : undefined);
		if (chosen !== undefined) a.times.push(Math.max(0, chosen - it.createdAt));
		const code = row >= 0 ? cols.author[row]! : -1;
		if (code < 0 || roleOf[code]! & ROLE_BOT) a.byUnknown++;
		else if (personOf[code] === authorP) a.bySelf++;
		else if (teamBy(roleOf[code]!, cols.assoc[row]!)) a.byTeam++;
		else a.byCommunity++;
	}

	/** Adds an item to the waiting series: waiting from its creation until the first team response or its close. */
	private waiting(it: IndexedItem, kind: IndexItemKind): void {
		const { f, facts } = this;
		if (f.nPoints === 0) return;
		const closedAt = facts.closed ? (it.closedAt ?? it.updatedAt) : Infinity;
		const from = this.point(facts.createdAt);
		const to = this.point(Math.min(facts.firstTeam, closedAt));
		if (from >= to) return;
		const diff = kind === 'issue' ? this.items.waitIssues : this.items.waitDiscussions;
		diff[from]!++;
		diff[to]!--;
	}

	/** The first point whose instant (the day's end, or `now` for today) is at or after `t`. */
	private point(t: number): number {
		const { f } = this;
		if (t === Infinity) return f.nPoints;
		let k = Math.max(0, Math.ceil((t - f.start) / DAY_MS) - 1);
		if (k < f.nPoints && Math.min(f.start + (k + 1) * DAY_MS, f.now) < t) k++;
		return Math.min(k, f.nPoints);
	}
}

type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;

/** Work arrays reused across calls, by name (computeStats is synchronous and no result keeps one). */
const SCRATCH = new Map<string, TypedArray>();

/**
 * The whole work buffer `name`, at least `n` elements, reusing the last call's when it is large
 * enough; a new one keeps the first `keep` elements of the old. Reused rather than allocated per call,
 * because per-call typed arrays are memory outside the heap that brings on full garbage collections.
 */
function workBuffer<T extends TypedArray>(type: new (n: number) => T, name: string, n: number, keep: number): T {
	const old = SCRATCH.get(name) as T | undefined;
	if (old && old.length >= n && old instanceof type) return old;
	const buffer = new type(Math.max(n, 1024, 2 * (old?.length ?? 0)));
	if (old && keep > 0) buffer.set(old.subarray(0, keep) as never);
	SCRATCH.set(name, buffer);
	return buffer;
}

/** A work array of `n` elements set to `value` (or left as the last call left it) in the buffer `name`. */
function scratch<T extends TypedArray>(type: new (n: number) => T, name: string, n: number, value: number | undefined): T {
	const view = workBuffer(type, name, n, 0).subarray(0, n) as T;
	if (value !== undefined) view.fill(value);
	return view;
}

/**
 * Each item's rows as runs of consecutive rows, in stored order (the index stores an item's comments
 * together, so an item has a run or two): item `i`'s runs are `first[i]`, `next[first[i]]`, … up to -1,
 * run `r` holding rows `from[r]` to `to[r]` (excluded). One sequential pass; no row is moved.
 */
interface Runs {
	readonly first: Int32Array;
	readonly next: Int32Array;
	readonly from: Int32Array;
	readonly to: Int32Array;
}

function runsByItem(cols: CommentColumns, n: number): Runs {
	const { item, length } = cols;
	const first = scratch(Int32Array, 'first', n, -1);
	const tail = scratch(Int32Array, 'tail', n, undefined);
	const next = scratch(Int32Array, 'next', length, undefined);
	const from = scratch(Int32Array, 'from', length, undefined);
	const to = scratch(Int32Array, 'to', length, undefined);
	for (let row = 0, r = 0; row < length; r++) {
		const i = item[row]!;
		from[r] = row;
		while (++row < length && item[row] === i);
		to[r] = row;
		next[r] = -1;
		if (first[i]! < 0) first[i] = r; else next[tail[i]!] = r;
		tail[i] = r;
	}
	return { first, next, from, to };
}

function refOf(repo: string, it: IndexedItem, comments: number): StatsItemRef {
	return { repo, kind: it.kind, number: it.number, title: it.title, author: it.author, createdAt: it.createdAt, comments };
}

// ---------------------------------------------------------------------------------------------
// The report

/**
 * Computes the report over the indexes of one or more repositories (pass one input for a single
 * repository); throws a RangeError for a window that {@link isStatsWindow} refuses. One pass: each
 * repository's comment rows are found by item as runs of consecutive rows, then every item is visited
 * once (performance.md B6). The per-person rows of `people` are built on first access (see {@link peopleOf}).
 */
export function computeStats(inputs: readonly StatsRepoInput[], options: StatsOptions): StatsReport {
	if (!isStatsWindow(options.window) || !Number.isFinite(options.now)) {
		throw new RangeError('the stats window must be whole UTC days with start before end, and now a finite time');
	}
	const f = frameOf(options);
	const personOf = inputs.map(input => authorIds(input.comments.authors));
	const itemCols = inputs.map(input => itemColumns(input.items));
	const rules = peopleRules(options);
	const roles = PEOPLE.roles(rules);
	// A ghost is a bot only when the bots list names it (as `isBot` would).
	const ghostRole = rules.bots.has(GHOST) || rules.bots.has('') ? ROLE_BOT : ROLE_GHOST;
	const pass = new StatsPass(f, roles, ghostRole, new PersonAcc(PEOPLE.logins.length, f.nBits));
	inputs.forEach((input, r) => pass.repo(input, personOf[r]!, itemCols[r]!));
	pass.acc.settle(f);
	return report(f, inputs, roles, pass);
}

/**
 * The key of the people table behind each report of {@link computeStats} (`people`, {@link peopleOf}):
 * a non-enumerable property of the report.
 */
const TABLE = Symbol('people table');

function report(f: Frame, inputs: readonly StatsRepoInput[], roles: Uint8Array, pass: StatsPass): StatsReport {
	const { items, acc } = pass;
	const empty = items.windowEvents === 0;
	const table = peopleTable(f, acc, roles);
	const lists = personLists(f, acc, table);
	const fr = items.firstResponse;
	const teamResponded = fr.issue.team.responded + fr.discussion.team.responded;
	const { logins } = PEOPLE;
	const responders = lists.responders.map(p => ({ login: logins[p]!, count: acc.teamFirst[p]!, share: acc.teamFirst[p]! / teamResponded }));
	const a = items.answers;
	const result: Omit<StatsReport, 'people'> = {
		window: { start: f.start, end: f.end },
		repos: inputs.map(i => i.repo),
		computedAt: f.now,
		referenceDate: f.ref,
		empty,
		firstResponse: {
			issue: { team: fr.issue.team.result(), community: fr.issue.community.result() },
			discussion: { team: fr.discussion.team.result(), community: fr.discussion.community.result() },
		},
		timeToAnswer: {
			answerable: a.answerable, answered: a.answered, rate: a.answerable ? a.answered / a.answerable : null, ...summarize(a.times.values()),
			byTeam: a.byTeam, byCommunity: a.byCommunity, bySelf: a.bySelf, byUnknown: a.byUnknown,
		},
		sla: { hours: f.slaMs / 3_600_000, ...items.sla, percent: items.sla.met + items.sla.breached ? items.sla.met / (items.sla.met + items.sla.breached) : null },
		waitingOverTime: waitingSeries(f, items),
		...growth(f, inputs, acc, lists.community, empty),
		lapsedRegulars: lists.lapsed.map(p => ({ login: logins[p]!, at: acc.lastRef[p]! })),
		rising: lists.rising.map(p => ({ login: logins[p]!, at: acc.lastRef[p]! })),
		topHelpers: { team: helperRows(acc, lists.teamHelpers), community: helperRows(acc, lists.communityHelpers) },
		responders,
		busFactor: busFactorOf(responders.map(r => r.count), teamResponded),
		communityMedian: medians(acc, table, lists.community),
		topDiscussions: items.active.refs,
		unansweredDiscussions: items.unanswered.refs,
	};
	Object.defineProperty(result, TABLE, { value: table });
	Object.defineProperty(result, 'people', { get: peopleRows, enumerable: true });
	return result as StatsReport;
}

/**
 * `report.people`: every row of the report's table, built on first access. One function for every
 * report, reading the table from `this`: a closure per report would be kept alive by the accessor
 * (V8 allocates accessors in the old generation), and the table with it, until a full collection.
 */
function peopleRows(this: { readonly [TABLE]: PeopleTable }): readonly PersonStats[] {
	return this[TABLE].all();
}

/**
 * The report's people in report order, as columns (about 45 bytes a person instead of a
 * {@link PersonStats} object each): rows are built when asked for, all of them on the first access to
 * `report.people`. It owns its numbers (the computation's work arrays are reused by the next call), in
 * plain arrays: short-lived young objects cost a minor collection nothing, where typed arrays of this
 * size would be memory outside the heap that brings on full collections.
 */
class PeopleTable {
	/** Person ids. */
	readonly ids: number[];
	readonly opened: number[];
	readonly comments: number[];
	readonly answers: number[];
	readonly firstResponses: number[];
	readonly activeDays: number[];
	readonly streak: number[];
	/** 1 for a team member. */
	readonly team: number[];
	/** Scores in hundredths (integers: no boxed numbers). */
	readonly cents: number[];
	/** The last activity before the reference date (-Infinity: none). */
	readonly last: number[];
	private rows: PersonStats[] | undefined;
	private position: Int32Array | undefined;

	constructor(readonly length: number) {
		const column = () => new Array<number>(length);
		this.ids = column(); this.opened = column(); this.comments = column(); this.answers = column(); this.firstResponses = column();
		this.activeDays = column(); this.streak = column(); this.team = column(); this.cents = column(); this.last = column();
	}

	/** Row `k`. */
	at(k: number): PersonStats {
		const built = this.rows?.[k];
		if (built) return built;
		const last = this.last[k]!;
		return {
			login: PEOPLE.logins[this.ids[k]!]!, team: this.team[k] === 1,
			opened: this.opened[k]!, comments: this.comments[k]!, answersMarked: this.answers[k]!, firstResponses: this.firstResponses[k]!,
			score: this.cents[k]! / 100, activeDays: this.activeDays[k]!, lastActivity: last > -Infinity ? last : null, streak: this.streak[k]!,
		};
	}

	/** Every row (built once). */
	all(): readonly PersonStats[] {
		if (!this.rows) {
			const rows = new Array<PersonStats>(this.length);
			for (let k = 0; k < this.length; k++) rows[k] = this.at(k);
			this.rows = rows;
		}
		return this.rows;
	}

	/** The row of a login, or -1: exactly, or else the first whose login matches ignoring case. */
	indexOf(login: string, ignoreCase: boolean): number {
		const id = PEOPLE.ids.get(login);
		const exact = id === undefined || id < 0 ? -1 : this.positionOf(id);
		if (!ignoreCase) return exact;
		const key = login.toLowerCase();
		const { ids } = this, { lower } = PEOPLE;
		// The exact row is the answer unless another login with the same lower case comes before it.
		for (let k = 0, stop = exact >= 0 ? exact : this.length; k < stop; k++) if (lower[ids[k]!] === key) return k;
		return exact;
	}

	private positionOf(id: number): number {
		if (!this.position) {
			this.position = new Int32Array(PEOPLE.logins.length).fill(-1);
			for (let k = 0; k < this.length; k++) this.position[this.ids[k]!] = k;
		}
		return id < this.position.length ? this.position[id]! : -1;
	}
}

/**
 * The report's people: everyone active in the window, scored in the last 12 months or credited in the
 * window (a first response or answer given later), by score, then login.
 */
function peopleTable(f: Frame, acc: PersonAcc, roles: Uint8Array): PeopleTable {
	const ranked = rankByScore(acc);
	const m = ranked.length;
	const t = new PeopleTable(m);
	const startDay = Math.floor(f.start / DAY_MS) - f.bitFrom;
	const endDay = Math.ceil(f.end / DAY_MS) - 1 - f.bitFrom;
	for (let k = 0; k < m; k++) {
		const p = ranked[k]!;
		t.ids[k] = p;
		t.opened[k] = acc.opened[p]!;
		t.comments[k] = acc.comments[p]!;
		t.answers[k] = acc.answers[p]!;
		t.firstResponses[k] = acc.firstResponses[p]!;
		t.activeDays[k] = acc.countDays(p, startDay, endDay);
		t.streak[k] = streakOf(f, acc, p);
		t.team[k] = acc.teamSeen[p] === 1 || (roles[p]! & ROLE_TEAM) !== 0 ? 1 : 0;
		t.cents[k] = Math.round(acc.score[p]! * 100);
		t.last[k] = acc.lastRef[p]!;
	}
	return t;
}

/**
 * The report's people ranked by rounded score (highest first), then login, in a work array. One
 * numeric sort of keys `(top − score) × n + login rank`, or a comparison sort when the keys would not
 * be exact.
 */
function rankByScore(acc: PersonAcc): Int32Array {
	const { rank, ids: byLogin } = PEOPLE.loginOrder();
	const n = acc.n;
	const cents = scratch(Float64Array, 'cents', n, undefined);
	const ranked = scratch(Int32Array, 'ranked', n, undefined);
	let m = 0, top = 0, bottom = 0;
	for (let p = 0; p < n; p++) {
		const counted = acc.firstResponses[p]! > 0 || acc.teamFirst[p]! > 0 || acc.answers[p]! > 0;
		if (acc.firstIn[p] === Infinity && acc.score[p] === 0 && !counted) continue;
		const c = Math.round(acc.score[p]! * 100);
		cents[p] = c;
		if (c > top) top = c;
		if (c < bottom) bottom = c;
		if (Number.isNaN(c)) top = NaN;
		ranked[m++] = p;
	}
	const out = ranked.subarray(0, m);
	if (!((top - bottom + 1) * n <= Number.MAX_SAFE_INTEGER)) {
		return out.sort((x, y) => cents[y]! - cents[x]! || rank[x]! - rank[y]!);
	}
	const keys = scratch(Float64Array, 'keys', m, undefined);
	for (let k = 0; k < m; k++) keys[k] = (top - cents[out[k]!]!) * n + rank[out[k]!]!;
	keys.sort();
	for (let k = 0; k < m; k++) out[k] = byLogin[keys[k]! % n]!;
	return out;
}

/** The people lists of the report, as person ids, each in its final order. */
interface PeopleLists {
	/** Community people active in the window, in report order (a work array: read it before the next computation). */
	readonly community: Int32Array;
	readonly lapsed: number[];
	readonly rising: number[];
	readonly responders: number[];
	readonly teamHelpers: number[];
	readonly communityHelpers: number[];
}

/** A growable work list of person ids. */
class IdList {
	private data: Int32Array;
	length = 0;
	constructor(name: string, capacity: number) {
		this.data = scratch(Int32Array, name, capacity, undefined);
	}
	push(p: number): void {
		this.data[this.length++] = p;
	}
	view(): Int32Array {
		return this.data.subarray(0, this.length);
	}
	/** The ids sorted by `before`, as a plain array. */
	sorted(before: (x: number, y: number) => number): number[] {
		const ids = this.view().sort(before);
		const out = new Array<number>(ids.length);
		for (let k = 0; k < ids.length; k++) out[k] = ids[k]!;
		return out;
	}
}

/** One walk over the report's people for every people list; only the top helpers are kept. */
function personLists(f: Frame, acc: PersonAcc, table: PeopleTable): PeopleLists {
	const { rank } = PEOPLE.loginOrder();
	const { lastRef, teamFirst, helperAnswers, itemsHelped, firstResponses } = acc;
	const m = table.length;
	const community = new IdList('community', m), lapsed = new IdList('lapsed', m), rising = new IdList('rising', m);
	const responders = new IdList('responders', m), teamHelpers = new IdList('teamHelpers', m), communityHelpers = new IdList('communityHelpers', m);
	for (let k = 0; k < m; k++) {
		const p = table.ids[k]!;
		const team = table.team[k] === 1;
		if (teamFirst[p]! > 0) responders.push(p);
		if (helperAnswers[p]! > 0 || itemsHelped[p]! >= 2 || firstResponses[p]! > 0) (team ? teamHelpers : communityHelpers).push(p);
		if (team) continue;
		if (acc.firstIn[p]! < Infinity) community.push(p);
		if (isLapsed(f, acc, p)) lapsed.push(p);
		if (isRising(f, acc, p)) rising.push(p);
	}
	const latest = (x: number, y: number) => lastRef[y]! - lastRef[x]! || rank[x]! - rank[y]!;
	const helper = (x: number, y: number) => helperAnswers[y]! - helperAnswers[x]! || itemsHelped[y]! - itemsHelped[x]!
		|| firstResponses[y]! - firstResponses[x]! || rank[x]! - rank[y]!;
	return {
		community: community.view(),
		lapsed: lapsed.sorted(latest),
		rising: rising.sorted(latest),
		responders: responders.sorted((x, y) => teamFirst[y]! - teamFirst[x]! || rank[x]! - rank[y]!),
		teamHelpers: topOf(teamHelpers.view(), f.limit, helper),
		communityHelpers: topOf(communityHelpers.view(), f.limit, helper),
	};
}

/** The first `limit` of `ids` in the order of `before` (a total order): a sort only of what can make the list. */
function topOf(ids: Int32Array, limit: number, before: (x: number, y: number) => number): number[] {
	const top: number[] = [];
	if (ids.length <= limit) {
		for (let k = 0; k < ids.length; k++) top.push(ids[k]!);
		return top.sort(before);
	}
	for (let k = 0; k < ids.length; k++) {
		const p = ids[k]!;
		if (top.length >= limit && before(p, top[top.length - 1]!) >= 0) continue;
		let at = top.length;
		while (at > 0 && before(p, top[at - 1]!) < 0) at--;
		top.splice(at, 0, p);
		if (top.length > limit) top.pop();
	}
	return top;
}

function helperRows(acc: PersonAcc, ids: readonly number[]): HelperRow[] {
	return ids.map(p => ({ login: PEOPLE.logins[p]!, answersMarked: acc.helperAnswers[p]!, itemsHelped: acc.itemsHelped[p]!, firstResponses: acc.firstResponses[p]! }));
}

function streakOf(f: Frame, acc: PersonAcc, p: number): number {
	if (acc.lastRef[p]! < (f.refDay - 1) * DAY_MS) return 0;
	let d = f.refDay - f.bitFrom;
	if (!acc.activeOn(p, d)) d--;
	let streak = 0;
	while (acc.activeOn(p, d - streak)) streak++;
	return streak;
}

function isLapsed(f: Frame, acc: PersonAcc, p: number): boolean {
	return popcount(acc.months[p]!) >= 3 && acc.lastRef[p]! < f.lapseRef - LAPSE_MS;
}

function isRising(f: Frame, acc: PersonAcc, p: number): boolean {
	if (acc.lastRef[p]! < (f.refDay - 29) * DAY_MS) return false;
	const d = f.refDay - f.bitFrom;
	const recent = acc.countDays(p, d - 29, d);
	return recent >= 3 && recent >= (2 * acc.countDays(p, d - 119, d - 30)) / 3;
}

/** New contributors and returning people (community: person ids). */
function growth(f: Frame, inputs: readonly StatsRepoInput[], acc: PersonAcc, community: Int32Array, noData: boolean): Pick<StatsReport, 'newContributors' | 'returning'> {
	const since = f.start - f.lookbackMs;
	const { rank } = PEOPLE.loginOrder();
	const { lastBefore, firstIn } = acc;
	const fresh = new IdList('fresh', community.length);
	for (let k = 0; k < community.length; k++) {
		const p = community[k]!;
		if (lastBefore[p]! < since || lastBefore[p] === -Infinity) fresh.push(p);
	}
	const ids = fresh.view().sort((x, y) => firstIn[x]! - firstIn[y]! || rank[x]! - rank[y]!);
	const people = new Array<PersonRef>(ids.length);
	for (let k = 0; k < ids.length; k++) people[k] = { login: PEOPLE.logins[ids[k]!]!, at: firstIn[ids[k]!]! };
	return {
		newContributors: {
			count: noData ? null : ids.length, people,
			unverified: inputs.some(i => i.historyStart !== undefined && i.historyStart > since),
		},
		returning: noData ? null : community.length - ids.length,
	};
}

/** Medians of the community people's numbers (`community`: person ids, all in `table`). */
function medians(acc: PersonAcc, table: PeopleTable, community: Int32Array): StatsReport['communityMedian'] {
	const n = community.length;
	const values = scratch(Float64Array, 'median', n, undefined);
	const median = (value: (p: number) => number) => {
		for (let i = 0; i < n; i++) values[i] = value(community[i]!);
		return medianOf(values);
	};
	const rowOf = scratch(Int32Array, 'rowOf', acc.n, undefined);
	for (let k = 0; k < table.length; k++) rowOf[table.ids[k]!] = k;
	return {
		opened: median(p => acc.opened[p]!),
		comments: median(p => acc.comments[p]!),
		answersMarked: median(p => acc.answers[p]!),
		firstResponses: median(p => acc.firstResponses[p]!),
		score: median(p => table.cents[rowOf[p]!]! / 100),
		activeDays: median(p => table.activeDays[rowOf[p]!]!),
	};
}

function waitingSeries(f: Frame, items: ItemAcc): WaitingPoint[] {
	const out: WaitingPoint[] = [];
	let issues = 0;
	let discussions = 0;
	for (let k = 0; k < f.nPoints; k++) {
		issues += items.waitIssues[k]!;
		discussions += items.waitDiscussions[k]!;
		out.push({ day: f.start + k * DAY_MS, issues, discussions });
	}
	return out;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Read access to a report's people that builds only the rows it returns. */
export interface PeopleView {
	/** `report.people.length`. */
	readonly length: number;
	/** `report.people[index]`. */
	at(index: number): PersonStats;
	/**
	 * The index in `report.people` of a login, or -1; with `ignoreCase`, the first whose login matches
	 * ignoring case (as "My engagement" and the contributor card look people up).
	 */
	indexOf(login: string, ignoreCase?: boolean): number;
}

/**
 * The people of a report without building every row: a report of {@link computeStats} builds its
 * `people` rows on first access, and the panel's lists, the card and "My engagement" need only a few.
 * Any other report (a copy, a test double) is read through its `people` array.
 */
export function peopleOf(report: StatsReport): PeopleView {
	const table = (report as { [TABLE]?: PeopleTable })[TABLE];
	if (table) return { length: table.length, at: k => table.at(k), indexOf: (login, ignoreCase = false) => table.indexOf(login, ignoreCase) };
	const people = report.people;
	return {
		length: people.length,
		at: k => people[k]!,
		indexOf: (login, ignoreCase = false) => {
			const key = ignoreCase ? login.toLowerCase() : login;
			return people.findIndex(p => (ignoreCase ? p.login.toLowerCase() : p.login) === key);
		},
	};
}

/** A person's numbers beside the community median, for "My engagement" (logins compare case-insensitively). */
export function personEngagement(report: StatsReport, login: string): PersonEngagement {
	const people = peopleOf(report);
	const index = people.indexOf(login, true);
	return {
		login,
		person: index >= 0 ? people.at(index) : null,
		communityMedian: report.communityMedian,
		rank: index >= 0 ? index + 1 : null,
		of: people.length,
	};
}
