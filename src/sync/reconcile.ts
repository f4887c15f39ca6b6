import type { RepoRef } from '../core/model';
import type { IndexedItem, IndexItemKind } from '../core/repoIndex';
import type { ItemCheck, SyncSource } from '../github/syncSource';

// The reconcile's reads (issue #3): what `updatedAt` never reports. An incremental refresh sees
// items that changed, but an item deleted, transferred or converted to a discussion on GitHub simply
// stops appearing, and would stay in the index for ever (a ghost open item in the triage queue). So,
// at most daily, list the ids of open items (100 a page, ids only) and check the open items of the
// index that the listing lacks through `nodes(ids:)`. Closed items cannot be listed that cheaply
// (there are many more of them), so each reconcile also checks a rotating slice of them, in the
// same `nodes(ids:)` batches: every closed item is checked once within `CLOSED_CHECK_DAYS` daily
// reconciles, from a cursor the caller persists. vscode-free; the engine applies the outcome.

/** Least time between two reconciles of a repository. */
export const RECONCILE_INTERVAL_MS = 24 * 60 * 60_000;

/** True when a repository has never been reconciled, or not within {@link RECONCILE_INTERVAL_MS}. */
export function isReconcileDue(reconciledAt: number | undefined, now: number): boolean {
	return reconciledAt === undefined || !(now - reconciledAt < RECONCILE_INTERVAL_MS);
}

/** Ids of what a reconcile changed in the index. */
export interface ReconcileChanges {
	/** Deleted, converted or transferred on GitHub: removed with their comments. */
	readonly removed: readonly string[];
	/** Still there but changed without the refresh noticing (e.g. closed): stored again. */
	readonly updated: readonly string[];
}

/** Called before every request (counts it; throws to stop). */
export type BeforeRequest = () => void;

/** Most ids of one kind per check request (GitHub's limit for `nodes(ids:)`). */
const CHECK_BATCH = 100;

/** Reconciles (daily) within which every closed item of the index is checked once. */
export const CLOSED_CHECK_DAYS = 7;
/** Bounds of the closed items checked per reconcile: at least one full batch, at most 20 batches. */
const MIN_CLOSED_SLICE = CHECK_BATCH;
const MAX_CLOSED_SLICE = 20 * CHECK_BATCH;

/** How the closed items are rotated: checked within `days` reconciles, `min` to `max` a time. */
export interface ClosedRotation {
	/** Default {@link CLOSED_CHECK_DAYS}. */
	readonly days?: number;
	/** Default 100 (one batch: a small repository has all its closed items checked every time). */
	readonly min?: number;
	/** Default 2,000 (20 batches). */
	readonly max?: number;
}

/** The closed items one reconcile checks, and the cursor the next one starts after. */
export interface ClosedSlice {
	readonly items: readonly IndexedItem[];
	/** The id of the last item of the slice (undefined: no closed item). */
	readonly cursor?: string;
}

/**
 * The next slice of closed items in id order after `cursor`, wrapping around to the first: the
 * closed items divided by `days` (at least 100, at most 2,000), so `days` slices cover them all
 * (more when they grow). Items the listing of open ids holds (reopened) are left out.
 */
export function closedSlice(items: readonly IndexedItem[], open: ReadonlySet<string>, cursor: string | undefined, rotation: ClosedRotation = {}): ClosedSlice {
	const closed = items.filter(i => i.closed && !open.has(i.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const perDay = Math.ceil(closed.length / Math.max(1, rotation.days ?? CLOSED_CHECK_DAYS));
	const size = Math.max(1, Math.min(rotation.max ?? MAX_CLOSED_SLICE, Math.max(rotation.min ?? MIN_CLOSED_SLICE, perDay)));
	if (closed.length <= size) return { items: closed, cursor: closed.at(-1)?.id };
	const start = cursor === undefined ? 0 : closed.findIndex(i => i.id > cursor);
	const from = start < 0 ? 0 : start;
	const slice = closed.slice(from, from + size);
	if (slice.length < size) slice.push(...closed.slice(0, size - slice.length));
	return { items: slice, cursor: slice.at(-1)?.id };
}

/**
 * Lists the ids of open issues and discussions: one request for the first page of both, then one
 * per further page of either. Returns the repository's node id with the ids.
 */
export async function listOpenIds(source: SyncSource, repo: RepoRef, beforeRequest: BeforeRequest): Promise<{ repositoryId: string; open: Set<string> }> {
	beforeRequest();
	const first = await source.openIds(repo, { kinds: ['issue', 'discussion'] });
	const open = new Set<string>();
	for (const [kind, page] of [['issue', first.issues], ['discussion', first.discussions]] as const) {
		page?.ids.forEach(id => open.add(id));
		for (let cursor = page?.nextCursor; cursor !== undefined;) {
			beforeRequest();
			const next = (await source.openIds(repo, { kinds: [kind], cursor }))[kind === 'issue' ? 'issues' : 'discussions'];
			next?.ids.forEach(id => open.add(id));
			cursor = next?.nextCursor;
		}
	}
	return { repositoryId: first.repositoryId, open };
}

/** Open items of the index that the listing lacks: closed, deleted or moved since the index saw them. */
export function suspectsOf(items: readonly IndexedItem[], open: ReadonlySet<string>): IndexedItem[] {
	return items.filter(i => !i.closed && !open.has(i.id));
}

/**
 * Checks suspects in requests of up to 100 issues and 100 discussions, handing each batch's results
 * to `apply` as they come (so a stop keeps what was checked).
 */
export async function checkSuspects(
	source: SyncSource, repositoryId: string, suspects: readonly IndexedItem[], beforeRequest: BeforeRequest, apply: (checks: ItemCheck[]) => void,
): Promise<void> {
	const ofKind = (kind: IndexItemKind) => suspects.filter(i => i.kind === kind).map(i => i.id);
	const issues = ofKind('issue');
	const discussions = ofKind('discussion');
	for (let i = 0; i < Math.max(issues.length, discussions.length); i += CHECK_BATCH) {
		beforeRequest();
		apply(await source.checkItems(repositoryId, issues.slice(i, i + CHECK_BATCH), discussions.slice(i, i + CHECK_BATCH)));
	}
}
