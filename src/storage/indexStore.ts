import { createHash, randomBytes } from 'node:crypto';
import type { RepoRef } from '../core/model';
import { isSerializedIndexComments } from '../core/indexComments';
import { isSerializedIndexItems, RepoIndex, type AttachOutcome, type IndexAttach } from '../core/repoIndex';
import type { CacheSaveResult, CacheStore } from './cacheStore';

// One repository's index on disk as two cache entries (performance.md B4, B7): a small items file
// the trees read first, and the comment columns, loaded lazily and attached afterwards in time slices
// that yield to the event loop (nothing sees the comments before the last slice adopts them all).
// Both carry the same generation; a torn pair (a crash between the two writes) is attached by item id
// (see `indexComments.ts`): comments of items the items file lacks are dropped, and items changed
// since the comments were written get their comments fetched again. Comments that are missing or
// unreadable are discarded: the index keeps its items and its checkpoint is cleared (a cold sync).

/** Outcome of {@link RepoIndexStore.loadItems}. */
export interface ItemsLoadResult {
	/** The items-only index (empty and complete when nothing usable was stored). */
	readonly index: RepoIndex;
	/** True when there was no usable items file and a cold sync must run. */
	readonly needsRefetch: boolean;
	/** Where an unusable file was moved to. */
	readonly movedAside?: string;
}

/** Outcome of {@link RepoIndexStore.loadComments}. */
export interface CommentsLoadResult {
	/** True when the stored comments were attached. */
	readonly attached: boolean;
	/** True when the comments were missing or unusable and have to be fetched again (a cold sync). */
	readonly needsRefetch: boolean;
	readonly movedAside?: string;
	/** Set when the comments belonged to another write of the items file and were attached by item id. */
	readonly torn?: Omit<AttachOutcome, 'torn'>;
}

/** How {@link RepoIndexStore.loadComments} shares the event loop. */
export interface AttachPacing {
	/** Longest stretch of work between two yields (default 6 ms; a step may overrun it by one chunk of rows). */
	readonly sliceMs?: number;
	/** Yields to the event loop (default `setImmediate`). */
	readonly pause?: () => Promise<void>;
	readonly now?: () => number;
}

const yieldToLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/** Runs an attach to its end, yielding between slices. */
async function runAttach(attach: IndexAttach, pacing: AttachPacing): Promise<AttachOutcome | undefined> {
	const now = pacing.now ?? (() => performance.now());
	const pause = pacing.pause ?? yieldToLoop;
	for (;;) {
		const state = attach.step(now() + (pacing.sliceMs ?? 6), now);
		if (state.done) return state.outcome;
		await pause();
	}
}

/** Outcome of {@link RepoIndexStore.save}: the comments are written first, the items only after them. */
export interface IndexSaveResult {
	readonly comments: CacheSaveResult;
	/** Undefined when the comments could not be written (the previous pair is kept whole). */
	readonly items?: CacheSaveResult;
}

/** The cache entry names of a repository: `<base>.items` and `<base>.comments`. */
export function indexEntryNames(repo: RepoRef): { items: string; comments: string } {
	const id = `${repo.owner}/${repo.name}`.toLowerCase();
	const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
	const base = `index-${id.replace(/[^a-z0-9._-]+/g, '_').slice(0, 80)}-${hash}`;
	return { items: `${base}.items`, comments: `${base}.comments` };
}

/** Persists one repository's {@link RepoIndex} for one host and account. */
export class RepoIndexStore {
	private readonly names: { items: string; comments: string };

	constructor(private readonly cache: CacheStore, private readonly host: string, private readonly account: string, repo: RepoRef) {
		this.names = indexEntryNames(repo);
	}

	/** Writes both parts with a fresh generation: comments first, then items. */
	async save(index: RepoIndex): Promise<IndexSaveResult> {
		const generation = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
		const items = index.toItemsJSON(generation);
		const comments = await this.cache.save(this.host, this.account, this.names.comments, index.toCommentsJSON(generation));
		if (!comments.written) {
			return { comments };
		}
		return { comments, items: await this.cache.save(this.host, this.account, this.names.items, items) };
	}

	/** Reads the items part alone: enough for the trees' first render. Never throws. */
	async loadItems(): Promise<ItemsLoadResult> {
		const loaded = await this.cache.load(this.host, this.account, this.names.items, isSerializedIndexItems);
		if (!loaded.data) {
			return { index: new RepoIndex(), needsRefetch: true, ...(loaded.movedAside ? { movedAside: loaded.movedAside } : {}) };
		}
		return { index: RepoIndex.fromItemsJSON(loaded.data), needsRefetch: false };
	}

	/**
	 * Attaches the comments part to an index from {@link loadItems}, in slices that yield to the event
	 * loop; a torn pair is attached by item id. When the comments are missing or unusable, discards
	 * them instead (the index then needs a cold sync; an unusable file is moved aside). Never throws.
	 */
	async loadComments(index: RepoIndex, pacing: AttachPacing = {}): Promise<CommentsLoadResult> {
		if (index.commentsLoaded) {
			return { attached: false, needsRefetch: false };
		}
		const loaded = await this.cache.load(this.host, this.account, this.names.comments, isSerializedIndexComments);
		if (loaded.data) {
			// The read and the parse just blocked for a moment: let the loop breathe before the rows.
			await (pacing.pause ?? yieldToLoop)();
			const outcome = await runAttach(index.startAttach(loaded.data), pacing);
			if (outcome) {
				const { torn, ...rest } = outcome;
				return { attached: true, needsRefetch: false, ...(torn ? { torn: rest } : {}) };
			}
		}
		if (index.commentsLoaded) {
			return { attached: false, needsRefetch: false }; // another load attached them meanwhile
		}
		index.discardComments();
		const movedAside = loaded.movedAside ?? (loaded.data ? await this.cache.moveAsideEntry(this.host, this.account, this.names.comments) : undefined);
		return { attached: false, needsRefetch: true, ...(movedAside ? { movedAside } : {}) };
	}
}
