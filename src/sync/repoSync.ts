import type { DiscussionCategory, RepoRef } from '../core/model';
import type { RepoIndex } from '../core/repoIndex';
import type { SyncSource } from '../github/syncSource';
import type { CacheStore } from '../storage/cacheStore';
import { RepoIndexStore } from '../storage/indexStore';
import { isReconcileDue } from './reconcile';
import { reopenCommentPasses, SyncEngine } from './syncEngine';

// One repository of one host and account: its index (items read lazily from the disk cache, comments
// attached only when a sync needs them), its discussion categories and last-synced time (a small
// meta entry next to the index), and a single-flight sync: a cold sync until every pass is done,
// incremental refreshes after that. vscode-free; `platform/syncService.ts` adds progress and events.

/** The meta entry of a repository: what the trees need besides the index. */
export interface RepoSyncMeta {
	/** Epoch ms of the last sync that finished. */
	readonly syncedAt?: number;
	/** Epoch ms of the last complete reconcile (or cold sync), so a restart does not redo it. */
	readonly reconciledAt?: number;
	/** Where the next reconcile's rotating check of closed items starts (an item id). */
	readonly closedCursor?: string;
	readonly categories?: readonly DiscussionCategory[];
}

/** How one sync run ended. */
export interface RepoSyncResult {
	/** Items new or changed (a cold sync counts every item it stored). */
	readonly changed: number;
	readonly requests: number;
	/** False when it stopped early (aborted or low budget); the next run resumes. */
	readonly complete: boolean;
	/** The failure, when it failed (the index keeps what was stored). */
	readonly error?: unknown;
	/** Set when the run reconciled: items removed (deleted or transferred) and updated (counted in `changed`). */
	readonly reconciled?: { readonly removed: number; readonly updated: number };
	/**
	 * Set when the stored comments belonged to another write of the items (a torn pair on disk) and
	 * were attached by item id: comment rows left out, items whose comments were fetched again.
	 */
	readonly recovered?: { readonly dropped: number; readonly stale: number };
}

/** Options of {@link RepoSync}. */
export interface RepoSyncOptions {
	readonly repo: RepoRef;
	readonly host: string;
	readonly account: string;
	readonly cache: CacheStore;
	readonly source: SyncSource;
	readonly now?: () => number;
	/** Called after every pass of a cold sync has been saved, with the passes done so far. */
	readonly onPassDone?: (done: readonly string[]) => void;
	/** Whether a due reconcile may run now (in the extension: the window is focused); default yes. */
	readonly mayReconcile?: () => boolean;
}

/** Every pass of a cold sync (the engine's order); an index whose checkpoint has them all is complete. */
const ALL_PASSES = ['openIssues', 'openDiscussions', 'openOverflow', 'closedIssues', 'closedDiscussions', 'overflow', 'replies'];

/** The meta entry name of a repository. */
export function metaEntryName(repo: RepoRef): string {
	return `meta-${`${repo.owner}/${repo.name}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '_').slice(0, 80)}`;
}

/** Checks the shape of a stored {@link RepoSyncMeta}. */
export function isRepoSyncMeta(data: unknown): data is RepoSyncMeta {
	const d = data as Partial<RepoSyncMeta> | null;
	const isCategory = (c: Partial<DiscussionCategory> | null): boolean => !!c && typeof c.id === 'string' && typeof c.name === 'string'
		&& typeof c.slug === 'string' && typeof c.emoji === 'string' && typeof c.isAnswerable === 'boolean';
	return typeof d === 'object' && d !== null && (d.syncedAt === undefined || Number.isFinite(d.syncedAt))
		&& (d.reconciledAt === undefined || Number.isFinite(d.reconciledAt)) && (d.closedCursor === undefined || typeof d.closedCursor === 'string')
		&& (d.categories === undefined || (Array.isArray(d.categories) && d.categories.every(isCategory)));
}

/** True when a cold sync has finished every pass. */
export function isColdSyncComplete(index: RepoIndex): boolean {
	const done = index.checkpoint?.done ?? [];
	return ALL_PASSES.every(p => done.includes(p));
}

/** The index, categories and sync of one repository. */
export class RepoSync {
	private readonly store: RepoIndexStore;
	private loading: Promise<RepoIndex> | undefined;
	private loaded: RepoIndex | undefined;
	private meta: RepoSyncMeta = {};
	/** Settles when every run started so far has ended. */
	private tail: Promise<unknown> = Promise.resolve();
	/** A run that waits for the current one (later requests join it). */
	private pending: Promise<RepoSyncResult> | undefined;
	/** A user asked for the pending run (a due reconcile then runs whatever `mayReconcile` says). */
	private pendingManual = false;
	private active = 0;
	private controller = new AbortController();
	private readonly now: () => number;
	/** The failure of the last run, cleared by a successful one. */
	lastError: unknown;

	constructor(private readonly options: RepoSyncOptions) {
		this.store = new RepoIndexStore(options.cache, options.host, options.account, options.repo);
		this.now = options.now ?? Date.now;
	}

	get repo(): RepoRef {
		return this.options.repo;
	}

	/** Epoch ms of the last finished sync, once loaded. */
	get syncedAt(): number | undefined {
		return this.meta.syncedAt;
	}

	/** True while a sync runs or waits. */
	get syncing(): boolean {
		return this.active > 0;
	}

	/** The index (items only until a sync attaches the comments); read from disk once. Never rejects. */
	load(): Promise<RepoIndex> {
		this.loading ??= Promise.all([
			this.store.loadItems(),
			this.options.cache.load(this.options.host, this.options.account, metaEntryName(this.repo), isRepoSyncMeta),
		]).then(([items, meta]) => {
			this.meta = meta.data ?? {};
			this.loaded = items.index;
			return items.index;
		});
		return this.loading;
	}

	/** The index once {@link load} has resolved (no disk read). */
	get loadedIndex(): RepoIndex | undefined {
		return this.loaded;
	}

	/** The discussion categories: from memory, the disk cache, or else `fetch` (then stored). */
	async categories(fetch: () => Promise<DiscussionCategory[]>): Promise<readonly DiscussionCategory[]> {
		await this.load();
		if (this.meta.categories) return this.meta.categories;
		const categories = await fetch();
		await this.saveMeta({ ...this.meta, categories });
		return categories;
	}

	/**
	 * Syncs: a cold sync (resumed from its checkpoint) until it has finished once, then incremental
	 * refreshes, a reconcile in place of one at most daily (see `reconcile.ts`; background runs only
	 * when `mayReconcile` allows, `manual` ones whenever due). One run at a time; a request during a
	 * run queues one more run after it. Never rejects.
	 */
	sync(manual = false): Promise<RepoSyncResult> {
		this.pendingManual ||= manual;
		if (this.pending) return this.pending;
		const run = this.tail.then(() => {
			this.pending = undefined;
			const asked = this.pendingManual;
			this.pendingManual = false;
			return this.run(asked);
		});
		this.pending = run;
		this.active++;
		this.tail = run.finally(() => { this.active--; });
		return run;
	}

	/** Stops the current run (it saves what it has) and waits for it and any queued run. */
	async abort(): Promise<void> {
		this.controller.abort();
		await this.tail;
		this.controller = new AbortController();
	}

	private async run(manual: boolean): Promise<RepoSyncResult> {
		const signal = this.controller.signal;
		if (signal.aborted) return { changed: 0, requests: 0, complete: false };
		const index = await this.load();
		try {
			const { torn } = await this.store.loadComments(index);
			// A torn pair keeps the items' checkpoint; items changed since the comments were written
			// had their comments marked for a refetch, which the overflow and replies passes do.
			if (torn?.stale) reopenCommentPasses(index);
			const result = await this.runEngine(index, signal, manual);
			this.lastError = undefined;
			if (result.complete) await this.finish(index);
			return torn ? { ...result, recovered: torn } : result;
		} catch (error) {
			if (signal.aborted) return { changed: 0, requests: 0, complete: false };
			this.lastError = error;
			return { changed: 0, requests: 0, complete: false, error };
		}
	}

	private async runEngine(index: RepoIndex, signal: AbortSignal, manual: boolean): Promise<RepoSyncResult> {
		const engine = new SyncEngine(this.repo, { source: this.options.source, index, store: this.passAware(), now: this.now });
		let changed = 0;
		let requests = 0;
		let reconciled: RepoSyncResult['reconciled'];
		if (index.itemCount > 0 && this.reconcileDue(index, manual)) {
			const result = await engine.reconcile(signal, { closedCursor: this.meta.closedCursor });
			if (result.complete) await this.saveMeta({ ...this.meta, reconciledAt: this.now(), closedCursor: result.closedCursor });
			reconciled = { removed: result.removed.length, updated: result.updated.length };
			changed += result.changed.length + result.removed.length + result.updated.length;
			requests += result.requests;
		} else if (index.itemCount > 0) {
			const refreshed = await engine.refresh(signal);
			changed += refreshed.changed.length;
			requests += refreshed.requests;
		}
		if (!isColdSyncComplete(index)) {
			const before = index.itemCount;
			const outcome = await engine.coldSync(signal);
			// A complete cold sync has just listed everything: nothing to reconcile for a day.
			if (outcome.complete) await this.saveMeta({ ...this.meta, reconciledAt: this.now() });
			return { changed: changed + Math.max(1, index.itemCount - before), requests: requests + outcome.requests, complete: outcome.complete };
		}
		if (changed > 0) {
			const followUp = await engine.followUp(signal);
			requests += followUp.requests;
		}
		return { changed, requests, complete: true, ...(reconciled ? { reconciled } : {}) };
	}

	/** A reconcile runs in place of a refresh once a day, on a fully synced index, when asked for or allowed now. */
	private reconcileDue(index: RepoIndex, manual: boolean): boolean {
		return isColdSyncComplete(index) && isReconcileDue(this.meta.reconciledAt, this.now()) && (manual || (this.options.mayReconcile?.() ?? true));
	}

	/** The store, plus a callback whenever a save finds a new pass done. */
	private passAware(): { save(index: RepoIndex): Promise<unknown> } {
		let seen = -1;
		return {
			save: async (index: RepoIndex) => {
				const result = await this.store.save(index);
				const done = index.checkpoint?.done ?? [];
				if (seen >= 0 && done.length > seen) this.options.onPassDone?.(done);
				seen = done.length;
				return result;
			},
		};
	}

	/** Records the time and forgets categories when a discussion refers to one not known yet. */
	private async finish(index: RepoIndex): Promise<void> {
		const known = new Set((this.meta.categories ?? []).map(c => c.id));
		const unknown = index.items().some(i => i.kind === 'discussion' && i.categoryId !== undefined && !known.has(i.categoryId));
		const { categories, ...rest } = this.meta;
		await this.saveMeta({ ...rest, ...(categories && !unknown ? { categories } : {}), syncedAt: this.now() });
	}

	private async saveMeta(meta: RepoSyncMeta): Promise<void> {
		this.meta = meta;
		await this.options.cache.save(this.options.host, this.options.account, metaEntryName(this.repo), meta);
	}
}
