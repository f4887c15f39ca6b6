/**
 * Reply drafts as pure data (security checklist D1, D4): keyed by (host, repo, kind, number,
 * replyToId), newest wins, bounded, validated when read back from storage. Kept in workspace
 * state only; never synced across machines.
 */

/** A saved draft. */
export interface Draft {
	readonly body: string;
	/** When it was last edited (epoch ms, from the webview's clock). */
	readonly updatedAt: number;
}

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

/** Validates a stored draft. */
export function parseDraft(value: unknown): Draft | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	return typeof v.body === 'string' && v.body.length <= MAX_BODY_CHARS && typeof v.updatedAt === 'number' && Number.isFinite(v.updatedAt)
		? { body: v.body, updatedAt: v.updatedAt }
		: undefined;
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
 * Stores a draft under `key` unless a newer one is already there; an empty body removes it.
 * Keeps at most {@link MAX_DRAFTS}, dropping the oldest. Returns a new table.
 */
export function putDraft(table: Readonly<Record<string, Draft>>, key: string, draft: Draft): Record<string, Draft> {
	const current = table[key];
	if (current && current.updatedAt > draft.updatedAt) return { ...table };
	const next: Record<string, Draft> = { ...table };
	if (draft.body.trim() === '') delete next[key];
	else next[key] = draft;
	const keys = Object.keys(next);
	if (keys.length <= MAX_DRAFTS) return next;
	keys.sort((a, b) => next[a]!.updatedAt - next[b]!.updatedAt);
	for (const k of keys.slice(0, keys.length - MAX_DRAFTS)) delete next[k];
	return next;
}

/** Removes a draft if it was last edited at or before `before` (a newer one is a new draft). */
export function clearDraft(table: Readonly<Record<string, Draft>>, key: string, before: number): Record<string, Draft> {
	const next: Record<string, Draft> = { ...table };
	if (next[key] && next[key]!.updatedAt <= before) delete next[key];
	return next;
}
