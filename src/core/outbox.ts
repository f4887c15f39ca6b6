/**
 * The reply outbox as pure decisions (security checklist R7, R8, D2, D3): the invisible marker
 * that makes a reply findable, the states an outbox entry goes through, which write errors leave
 * the outcome unknown, when to look for a reply again, and whether "Send" may post. No I/O, no
 * clock: callers pass the time in.
 */
import { hasTemplateActions } from './templateActions';
import type { TemplateActions } from './templates';
import { cyrb53 } from './hash';

/** A client id: `crypto.randomUUID()` output (lower-case hex, version 4 shape not enforced). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The marker as GitHub stores it in the markdown body. */
const MARKER = /<!--\s*community-desk:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*-->/i;
/** The marker in rendered HTML when a renderer escaped it instead of dropping it. */
const MARKER_HTML = /(?:<!--|&lt;!--)\s*community-desk:[0-9a-f-]{36}\s*(?:-->|--&gt;)/gi;

/** True for a well-formed client id. */
export function isClientId(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

/** Appends the invisible marker `<!-- community-desk:UUID -->` to a reply body. */
export function embedMarker(body: string, clientId: string): string {
	if (!isClientId(clientId)) throw new RangeError('Not a client id');
	return `${body.replace(/\s+$/, '')}\n\n<!-- community-desk:${clientId} -->`;
}

/** The client id a body carries, or undefined. */
export function extractMarker(body: string): string | undefined {
	return MARKER.exec(body)?.[1]?.toLowerCase();
}

/** Removes markers from markdown or rendered HTML (for display). */
export function stripMarker(text: string): string {
	if (!text.includes('community-desk:')) return text;
	return text.replace(MARKER_HTML, '').replace(/<p dir="auto">\s*<\/p>/g, '').replace(/\s+$/, '');
}

/** A short, stable, non-cryptographic hash of a body (cyrb53), to tell drafts apart. */
export function bodyHash(text: string): string {
	return cyrb53(text).toString(16).padStart(14, '0');
}

// ---------------------------------------------------------------------------------------------
// Entries and states

/**
 * Where a reply is: `sending` (posted, no answer yet), `unknown` (GitHub may or may not have
 * stored it: being looked for), `sent` (GitHub confirmed it, or the look-up found it), `failed`
 * (not stored, or not found after the look-up window: "Send again" reuses the same client id).
 */
export type OutboxState = 'sending' | 'unknown' | 'sent' | 'failed';

/** One reply in the outbox (kept small: no body). */
export interface OutboxEntry {
	/** The client id embedded in the body. */
	readonly uuid: string;
	/** GitHub host (`github.com`, or a GHES host with port). */
	readonly host: string;
	/** `owner/name`. */
	readonly repo: string;
	readonly kind: 'discussion' | 'issue';
	readonly number: number;
	/** The top-level discussion comment replied to, if any. */
	readonly replyToId?: string;
	readonly bodyHash: string;
	readonly state: OutboxState;
	/** When the latest attempt was posted (epoch ms). */
	readonly sentAt: number;
	/** How many times it was posted. */
	readonly attempts: number;
	/** `updatedAt` of the draft that was sent: drafts edited later are kept when this one is confirmed. */
	readonly draftAt?: number;
	/** The comment's node id once known. */
	readonly commentId?: string;
	/** Why it failed: `rejected` (GitHub said no: not stored) or `notFound` (unknown outcome, not found). */
	readonly failure?: 'rejected' | 'notFound';
	/** A user-facing message for the latest failure. */
	readonly message?: string;
	/** The template actions to run once GitHub has the reply (kept until they ran). */
	readonly actions?: TemplateActions;
	/** True once the actions were started: they never run twice, even after a reload or a look-up. */
	readonly actionsDone?: boolean;
}

/** What happened to an entry. */
export type OutboxEvent =
	| { readonly type: 'post'; readonly at: number; readonly bodyHash: string; readonly draftAt?: number }
	| { readonly type: 'confirmed'; readonly commentId: string }
	| { readonly type: 'ambiguous'; readonly message?: string }
	| { readonly type: 'rejected'; readonly message?: string }
	| { readonly type: 'found'; readonly commentId: string }
	| { readonly type: 'notFound'; readonly message?: string };

/**
 * The outbox state machine. Posting is allowed from `failed` only (a new entry starts by posting);
 * a confirmation or a found marker makes it `sent` from any state; a look-up that gives up makes an
 * `unknown` entry `failed`. Events that do not apply leave the entry unchanged.
 */
export function transition(entry: OutboxEntry, event: OutboxEvent): OutboxEntry {
	switch (event.type) {
		case 'post':
			return entry.state === 'failed'
				? { ...entry, state: 'sending', sentAt: event.at, bodyHash: event.bodyHash, draftAt: event.draftAt, attempts: entry.attempts + 1, failure: undefined, message: undefined }
				: entry;
		case 'confirmed':
		case 'found':
			return { ...entry, state: 'sent', commentId: event.commentId, failure: undefined, message: undefined };
		case 'ambiguous':
			return entry.state === 'sending' ? { ...entry, state: 'unknown', message: event.message } : entry;
		case 'rejected':
			return entry.state === 'sending' ? { ...entry, state: 'failed', failure: 'rejected', message: event.message } : entry;
		case 'notFound':
			return entry.state === 'unknown' ? { ...entry, state: 'failed', failure: 'notFound', message: event.message } : entry;
	}
}

/** A new entry, already in `sending`. */
export function newEntry(fields: Omit<OutboxEntry, 'state' | 'attempts' | 'commentId' | 'failure' | 'message'>): OutboxEntry {
	return { ...fields, state: 'sending', attempts: 1 };
}

/** Whether an entry's template actions should run now: the reply is on GitHub and they never started. */
export function actionsDue(entry: OutboxEntry): boolean {
	return entry.state === 'sent' && entry.actionsDone !== true && hasTemplateActions(entry.actions);
}

/** The key of the reply box an entry belongs to: one entry in flight per box. */
export function boxKeyOf(e: Pick<OutboxEntry, 'host' | 'repo' | 'kind' | 'number' | 'replyToId'>): string {
	return `${`${e.host}/${e.repo}`.toLowerCase()}/${e.kind}/${e.number}/${e.replyToId ?? ''}`;
}

/** Whether an entry still needs a look-up before its box may send (D3). */
export function needsReconcile(entry: OutboxEntry): boolean {
	return entry.state === 'sending' || entry.state === 'unknown';
}

/**
 * What "Send" does for a box, given its latest entry: post with a new client id when there is no
 * open entry, look once and then post with the same id after a failure, and nothing while a reply
 * is in flight or being looked for (R8: two clicks never make two comments).
 */
export type SendDecision =
	| { readonly action: 'post'; readonly reuse?: undefined }
	| { readonly action: 'checkThenPost'; readonly reuse: OutboxEntry }
	| { readonly action: 'wait' };

/** Decides what "Send" does (see {@link SendDecision}). */
export function decideSend(latest: OutboxEntry | undefined): SendDecision {
	if (!latest || latest.state === 'sent') return { action: 'post' };
	if (latest.state === 'failed') return { action: 'checkThenPost', reuse: latest };
	return { action: 'wait' };
}

/**
 * GitHub error kinds after which a write is known not to have been stored: GitHub (or the client,
 * before sending) refused it. Everything else (network, timeout, 5xx, GraphQL errors) leaves the
 * outcome unknown, and the reply is looked for before anyone may send it again.
 */
const REJECTED_KINDS: ReadonlySet<string> = new Set(['signedOut', 'badCredentials', 'missingScope', 'notFound', 'discussionsDisabled', 'rateLimited', 'forbidden']);

/** Whether a failed write (by GitHubError kind) may have been stored anyway. */
export function outcomeOf(errorKind: string | undefined): 'rejected' | 'unknown' {
	return errorKind !== undefined && REJECTED_KINDS.has(errorKind) ? 'rejected' : 'unknown';
}

/** Options of the look-up schedule. */
export interface ReconcileSchedule {
	/** How long to keep looking (default 60 s). */
	readonly windowMs: number;
	/** The first wait after the immediate look (default 1 s); each later wait doubles. */
	readonly firstDelayMs: number;
	/** The longest single wait (default 15 s). */
	readonly maxDelayMs: number;
}

/** The default schedule: look now, then after 1, 2, 4, 8, 15, 15, 15 s (60 s in all). */
export const DEFAULT_SCHEDULE: ReconcileSchedule = { windowMs: 60_000, firstDelayMs: 1000, maxDelayMs: 15_000 };

/** The waits before each look-up: 0 first, then doubling up to the cap, summing to the window. */
export function reconcileDelays(s: ReconcileSchedule = DEFAULT_SCHEDULE): number[] {
	const delays = [0];
	let total = 0;
	let next = s.firstDelayMs;
	while (total < s.windowMs && next > 0) {
		const wait = Math.min(next, s.maxDelayMs, s.windowMs - total);
		delays.push(wait);
		total += wait;
		next *= 2;
	}
	return delays;
}

/** Entries older than this are dropped from the outbox once settled. */
export const SETTLED_TTL_MS = 7 * 86_400_000;
/** The outbox never holds more than this many entries. */
export const MAX_ENTRIES = 100;

/**
 * Keeps the outbox small: drops settled (`sent`) entries older than {@link SETTLED_TTL_MS}, keeps
 * only the newest entry per box, and at most {@link MAX_ENTRIES} (open entries are kept first).
 */
export function pruneOutbox(entries: readonly OutboxEntry[], now: number): OutboxEntry[] {
	const newestPerBox = new Map<string, OutboxEntry>();
	for (const e of entries) {
		const current = newestPerBox.get(boxKeyOf(e));
		if (!current || e.sentAt >= current.sentAt) newestPerBox.set(boxKeyOf(e), e);
	}
	const kept = [...newestPerBox.values()].filter(e => e.state !== 'sent' || now - e.sentAt < SETTLED_TTL_MS);
	kept.sort((a, b) => Number(b.state !== 'sent') - Number(a.state !== 'sent') || b.sentAt - a.sentAt);
	return kept.slice(0, MAX_ENTRIES);
}

/** Validates an entry read back from storage (untrusted: it may be stale or corrupt). */
export function parseOutboxEntry(value: unknown): OutboxEntry | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	const ok = isClientId(v.uuid) && typeof v.host === 'string' && typeof v.repo === 'string' && /^[^/]+\/[^/]+$/.test(v.repo)
		&& (v.kind === 'discussion' || v.kind === 'issue') && Number.isSafeInteger(v.number) && (v.number as number) > 0
		&& (v.replyToId === undefined || (typeof v.replyToId === 'string' && /^[A-Za-z0-9_=-]{1,200}$/.test(v.replyToId)))
		&& typeof v.bodyHash === 'string' && ['sending', 'unknown', 'sent', 'failed'].includes(v.state as string)
		&& typeof v.sentAt === 'number' && Number.isFinite(v.sentAt) && Number.isSafeInteger(v.attempts)
		&& (v.actions === undefined || isStoredActions(v.actions)) && (v.actionsDone === undefined || typeof v.actionsDone === 'boolean');
	return ok ? value as OutboxEntry : undefined;
}

const isNames = (v: unknown) => v === undefined || (Array.isArray(v) && v.length <= 100 && v.every(n => typeof n === 'string' && n.length <= 100));
const isReason = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && typeof (v as { reason?: unknown }).reason === 'string');

/** Whether stored template actions have the shape {@link TemplateActions} (they are untrusted). */
function isStoredActions(value: unknown): value is TemplateActions {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const a = value as Record<string, unknown>;
	return isNames(a.addLabels) && isNames(a.removeLabels) && isNames(a.assign) && isReason(a.close) && isReason(a.lock)
		&& (a.markAnswer === undefined || typeof a.markAnswer === 'boolean');
}

/** A comment as a look-up sees it. */
export interface ReplyCandidate {
	readonly body: string;
	readonly author: string;
	readonly createdAt: string;
}

/** What identifies a reply (see `FindCommentQuery` in the model). */
export interface ReplyIdentity {
	readonly clientId: string;
	readonly body?: string;
	readonly since?: string;
	readonly author?: string;
}

/**
 * Whether a comment is the reply: it carries the reply's marker, or (if GitHub ever dropped the
 * marker) it has exactly the reply's text, by the same author, created since the reply was sent.
 */
export function matchesReply(c: ReplyCandidate, q: ReplyIdentity): boolean {
	if (extractMarker(c.body) === q.clientId.toLowerCase()) return true;
	if (q.body === undefined || q.author === undefined || q.since === undefined) return false;
	if (extractMarker(c.body) !== undefined || stripMarker(c.body).trim() !== q.body.trim()) return false;
	if (c.author.toLowerCase() !== q.author.toLowerCase()) return false;
	const created = Date.parse(c.createdAt);
	const since = Date.parse(q.since);
	return Number.isFinite(created) && Number.isFinite(since) && created >= since;
}
