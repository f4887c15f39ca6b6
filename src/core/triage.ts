import type { Translate } from './l10n';
import type { AuthorAssociation } from './model';
import { COMMENT_FLAG_MINIMIZED, INDEX_ASSOCIATIONS, type CommentColumns, type IndexedItem, type IndexItemKind } from './repoIndex';

// The triage queue: what waits on the team across repositories, computed from the compact index in
// two passes over the comment columns (no per-item filtering of comments), plus the pure "done" and
// "snooze" transitions over a small persisted record. Pure: the clock, the team and `t` come in.
//
// Rules (community-metrics.md §6, adapted to what the index keeps):
// - Team: OWNER, MEMBER or COLLABORATOR association, or a login in the configured team list.
// - Bots (logins ending in `[bot]`) are neither side: their comments are ignored.
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

/** A bot account: the login ends with `[bot]`. */
export function isBot(login: string): boolean {
	return login.endsWith('[bot]');
}

/** True when a login with this association is on the team (the configured logins are lower-cased). */
export function isTeam(login: string, association: AuthorAssociation, team: ReadonlySet<string>): boolean {
	return !isBot(login) && (TEAM_ASSOCIATIONS.has(association) || (team.size > 0 && team.has(login.toLowerCase())));
}

/** The SLA state of an item that has waited since `since`. */
export function slaState(since: number, now: number, sla: SlaHours = DEFAULT_SLA_HOURS): SlaState {
	const hours = (now - since) / HOUR_MS;
	return hours >= sla.breach ? 'breach' : hours >= sla.warn ? 'warn' : 'ok';
}

/** Author roles per author code: 1 team, 2 bot, 0 anyone else. */
function authorRoles(authors: readonly string[], team: ReadonlySet<string>): Uint8Array {
	const roles = new Uint8Array(authors.length);
	for (let i = 0; i < authors.length; i++) {
		const login = authors[i]!;
		roles[i] = isBot(login) ? 2 : team.has(login.toLowerCase()) ? 1 : 0;
	}
	return roles;
}

/** Per-item facts gathered from the comment columns. */
interface Scan {
	/** Latest team comment (-Infinity: none). */
	readonly lastTeam: Float64Array;
	/** Earliest non-team human comment after the team's last one (Infinity: none). */
	readonly firstAfterTeam: Float64Array;
	/** Latest non-team human comment. */
	readonly lastOther: Float64Array;
	/** Latest comment by the item's author. */
	readonly lastAuthor: Float64Array;
	/** 1 when a human other than the author responded. */
	readonly responded: Uint8Array;
}

const MINIMIZED = COMMENT_FLAG_MINIMIZED;

/** The author code of each item (-1 when the author never commented). */
function itemAuthors(input: TriageRepoInput): Int32Array {
	const codes = new Map<string, number>();
	const authors = input.comments.authors;
	for (let code = 0; code < authors.length; code++) codes.set(authors[code]!, code);
	const out = new Int32Array(input.items.length);
	for (let i = 0; i < out.length; i++) out[i] = codes.get(input.items[i]!.author) ?? -1;
	return out;
}

/** Empty per-item arrays. */
function emptyScan(n: number): Scan {
	return {
		lastTeam: new Float64Array(n).fill(-Infinity), firstAfterTeam: new Float64Array(n).fill(Infinity),
		lastOther: new Float64Array(n).fill(-Infinity), lastAuthor: new Float64Array(n).fill(-Infinity), responded: new Uint8Array(n),
	};
}

/**
 * One pass over the columns. Comments usually arrive oldest first per item, so "the first non-team
 * comment after the team's last one" is kept on the fly; items whose comments arrive out of order
 * are marked and get an exact second pass (returned as true).
 */
function scanPass(input: TriageRepoInput, roles: Uint8Array, authorOf: Int32Array, s: Scan, unordered: Uint8Array): boolean {
	const { length, item, author, assoc, created, flags } = input.comments;
	const { lastTeam, firstAfterTeam, lastOther, lastAuthor, responded } = s;
	const teamAssoc = TEAM_ASSOC_CODE;
	const latest = new Float64Array(input.items.length).fill(-Infinity);
	let anyUnordered = false;
	for (let row = 0; row < length; row++) {
		const code = author[row]!;
		const role = roles[code]!;
		if ((flags[row]! & MINIMIZED) !== 0 || role === 2) continue;
		const i = item[row]!;
		const at = created[row]!;
		if (at < latest[i]!) {
			unordered[i] = 1;
			anyUnordered = true;
		} else {
			latest[i] = at;
		}
		if (code === authorOf[i]) {
			if (at > lastAuthor[i]!) lastAuthor[i] = at;
		} else {
			responded[i] = 1;
		}
		if (role === 1 || teamAssoc[assoc[row]!] === 1) {
			if (at > lastTeam[i]!) {
				lastTeam[i] = at;
				if (firstAfterTeam[i]! <= at) firstAfterTeam[i] = Infinity;
			}
		} else {
			if (at > lastOther[i]!) lastOther[i] = at;
			if (at > lastTeam[i]! && at < firstAfterTeam[i]!) firstAfterTeam[i] = at;
		}
	}
	return anyUnordered;
}

/** The exact "first non-team comment after the team's last one" of the items marked unordered. */
function fixUnordered(input: TriageRepoInput, roles: Uint8Array, s: Scan, unordered: Uint8Array): void {
	const { length, item, author, assoc, created, flags } = input.comments;
	const { lastTeam, firstAfterTeam } = s;
	for (let i = 0; i < unordered.length; i++) if (unordered[i]) firstAfterTeam[i] = Infinity;
	for (let row = 0; row < length; row++) {
		const i = item[row]!;
		if (!unordered[i]) continue;
		const role = roles[author[row]!]!;
		if ((flags[row]! & MINIMIZED) !== 0 || role === 2 || role === 1 || TEAM_ASSOC_CODE[assoc[row]!] === 1) continue;
		const at = created[row]!;
		if (at > lastTeam[i]! && at < firstAfterTeam[i]!) firstAfterTeam[i] = at;
	}
}

/** The per-item facts of one repository: one pass, plus an exact pass only for out-of-order items. */
function scan(input: TriageRepoInput, roles: Uint8Array): Scan {
	const n = input.items.length;
	const s = emptyScan(n);
	const unordered = new Uint8Array(n);
	if (scanPass(input, roles, itemAuthors(input), s, unordered)) fixUnordered(input, roles, s, unordered);
	return s;
}

/** The queue entry of item `i`, or undefined when it does not wait on the team. */
function entryOf(input: TriageRepoInput, i: number, s: Scan, team: ReadonlySet<string>, options: TriageOptions): TriageEntry | undefined {
	const item = input.items[i]!;
	if (item.closed || item.locked) return undefined;
	const authorIsBot = isBot(item.author);
	const authorIsTeam = isTeam(item.author, item.association, team);
	const opensAsOther = !authorIsBot && !authorIsTeam;
	const lastTeam = Math.max(s.lastTeam[i]!, authorIsTeam ? item.createdAt : -Infinity);
	const lastOther = Math.max(s.lastOther[i]!, opensAsOther ? item.createdAt : -Infinity);
	if (lastOther === -Infinity || lastOther <= lastTeam) return undefined;
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
	const team = new Set((options.team ?? []).map(l => l.toLowerCase()));
	const out: TriageEntry[] = [];
	for (const input of inputs) {
		const s = scan(input, authorRoles(input.comments.authors, team));
		for (let i = 0; i < input.items.length; i++) {
			const entry = entryOf(input, i, s, team, options);
			if (entry) out.push(entry);
		}
	}
	return out;
}

/** The orders of the queue. */
export type TriageSort = 'sla' | 'age' | 'activity';

const SLA_RANK: Readonly<Record<SlaState, number>> = { breach: 0, warn: 1, ok: 2 };

const COMPARE: Readonly<Record<TriageSort, (a: TriageEntry, b: TriageEntry) => number>> = {
	sla: (a, b) => SLA_RANK[a.sla] - SLA_RANK[b.sla] || a.waitingSince - b.waitingSince,
	age: (a, b) => a.waitingSince - b.waitingSince,
	activity: (a, b) => b.lastActivity - a.lastActivity,
};

/** A sorted copy: `sla` (breaches first, then oldest), `age` (oldest first) or `activity` (latest first); ties by repo and number. */
export function sortTriage(entries: readonly TriageEntry[], by: TriageSort = 'sla'): TriageEntry[] {
	const compare = COMPARE[by];
	return [...entries].sort((a, b) => compare(a, b) || (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : a.number - b.number));
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
