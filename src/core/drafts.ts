/**
 * Reply drafts as pure data (security checklist D1, D4): keyed by (host, repo, kind, number,
 * replyToId), newest wins, bounded, validated when read back from storage. Kept in workspace
 * state only; never synced across machines.
 *
 * Stored format: a table `key → draft`. Format 1 drafts are `{ body, updatedAt }`; format 2 adds
 * `v: 2` and the template actions waiting for the reply (`actions`). Format 1 drafts still load
 * (without actions), and an extension that knows only format 1 still reads the text of format 2.
 */
import { parseReplyActions, type ReplyActions } from './templateActions';

/** A saved draft. */
export interface Draft {
	readonly body: string;
	/** When it was last edited (epoch ms, from the webview's clock). */
	readonly updatedAt: number;
	/** A template's actions that go with this reply once it is posted (listed under its box as "After posting: …"). */
	readonly actions?: ReplyActions;
}

/** The stored format written now (see the file comment). */
export const DRAFT_FORMAT = 2;

/** The longest reply body GitHub accepts (and the longest draft kept). */
export const MAX_BODY_CHARS = 65_536;
/** At most this many drafts are kept; the oldest go first. */
export const MAX_DRAFTS = 200;

/** Where a draft belongs. */
export interface DraftLocation {
	readonly host: string;
	/** `owner/name`. */
	readonly repo: string;
	readonly kind: 'discussion' | 'issue';
	readonly number: number;
	/** The top-level discussion comment replied to; undefined for the thread's own reply box. */
	readonly replyToId?: string;
}

/** The storage key of a draft (case-insensitive in host and repo, as GitHub is; node IDs are not). */
export function draftKey(l: DraftLocation): string {
	return `${`${l.host}/${l.repo}`.toLowerCase()}/${l.kind}/${l.number}/${l.replyToId ?? ''}`;
}

/** The prefix shared by every draft of one thread. */
export function threadDraftPrefix(l: Omit<DraftLocation, 'replyToId'>): string {
	return draftKey({ ...l, replyToId: undefined });
}

/** Newest wins; on a tie the first. Undefined loses to anything. */
export function newestDraft(a: Draft | undefined, b: Draft | undefined): Draft | undefined {
	if (!a) return b;
	if (!b) return a;
	return b.updatedAt > a.updatedAt ? b : a;
}

/**
 * Validates a stored draft of any format: the text always; the actions only from format 2, and
 * only when well-formed (malformed actions are dropped, the text is kept).
 */
export function parseDraft(value: unknown): Draft | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	if (typeof v.body !== 'string' || v.body.length > MAX_BODY_CHARS || typeof v.updatedAt !== 'number' || !Number.isFinite(v.updatedAt)) return undefined;
	const actions = v.v === DRAFT_FORMAT ? parseReplyActions(v.actions) : undefined;
	return actions ? { body: v.body, updatedAt: v.updatedAt, actions } : { body: v.body, updatedAt: v.updatedAt };
}

/** A draft table as it is stored (format {@link DRAFT_FORMAT}). */
export function serializeDrafts(table: Readonly<Record<string, Draft>>): Record<string, Draft & { readonly v: number }> {
	const out: Record<string, Draft & { v: number }> = {};
	for (const [key, d] of Object.entries(table)) out[key] = d.actions ? { v: DRAFT_FORMAT, body: d.body, updatedAt: d.updatedAt, actions: d.actions } : { v: DRAFT_FORMAT, body: d.body, updatedAt: d.updatedAt };
	return out;
}

/** Validates a stored draft table, dropping what is malformed. */
export function parseDrafts(value: unknown): Record<string, Draft> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	const out: Record<string, Draft> = {};
	for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
		const d = parseDraft(raw);
		if (d && key.length <= 600) out[key] = d;
	}
	return out;
}

/**
 * Stores a draft under `key` unless a newer one is already there; an empty body removes it (and
 * its actions). A draft without an `actions` key keeps those already stored (typing never drops a
 * template's actions), `actions: undefined` drops them, as {@link setDraftActions} does. Keeps at most {@link MAX_DRAFTS}, dropping the oldest.
 * Returns a new table.
 */
export function putDraft(table: Readonly<Record<string, Draft>>, key: string, draft: Draft): Record<string, Draft> {
	const current = table[key];
	if (current && current.updatedAt > draft.updatedAt) return { ...table };
	const next: Record<string, Draft> = { ...table };
	const actions = 'actions' in draft ? draft.actions : current?.actions;
	if (draft.body.trim() === '') delete next[key];
	else next[key] = actions ? { body: draft.body, updatedAt: draft.updatedAt, actions } : { body: draft.body, updatedAt: draft.updatedAt };
	const keys = Object.keys(next);
	if (keys.length <= MAX_DRAFTS) return next;
	keys.sort((a, b) => next[a]!.updatedAt - next[b]!.updatedAt);
	for (const k of keys.slice(0, keys.length - MAX_DRAFTS)) delete next[k];
	return next;
}

/** Sets (or with undefined, drops) the actions of a stored draft; nothing happens without a draft. Returns a new table. */
export function setDraftActions(table: Readonly<Record<string, Draft>>, key: string, actions: ReplyActions | undefined): Record<string, Draft> {
	const next: Record<string, Draft> = { ...table };
	const current = next[key];
	if (current) next[key] = actions ? { body: current.body, updatedAt: current.updatedAt, actions } : { body: current.body, updatedAt: current.updatedAt };
	return next;
}

/** Removes a draft if it was last edited at or before `before` (a newer one is a new draft). */
export function clearDraft(table: Readonly<Record<string, Draft>>, key: string, before: number): Record<string, Draft> {
	const next: Record<string, Draft> = { ...table };
	if (next[key] && next[key]!.updatedAt <= before) delete next[key];
	return next;
}
