import type { CommentTarget, Thread, ThreadLocator } from '../core/model';
import { ThreadCache, type ThreadFreshness } from '../core/threadCache';
import type { GitHubClient } from '../github/client';

// How thread panels fetch a thread's first page: through the body LRU (`core/threadCache.ts`), so
// reopening an unchanged thread costs no request, and with one request in flight per thread (a
// panel's own load and the webview's "ready" share it). Replies sent through the panels' reply
// service and moderation changes invalidate their thread's entry.

/** What {@link ThreadFetcher} needs. */
export interface ThreadFetcherDeps {
	readonly client: Pick<GitHubClient, 'getThread'>;
	/** The configured host (part of every key). */
	readonly host: () => string;
	/** What the index knows of a thread now (undefined: nothing, so the cache is not used). */
	readonly freshness?: (ref: ThreadLocator) => ThreadFreshness | undefined;
	readonly cache?: ThreadCache;
}

/** Fetches thread first pages through the body LRU. */
export class ThreadFetcher {
	private readonly cache: ThreadCache;
	private readonly inFlight = new Map<string, Promise<Thread>>();
	/** Bumped by every invalidation of a key, so a fetch that began before it is not cached. */
	private readonly epochs = new Map<string, number>();

	constructor(private readonly deps: ThreadFetcherDeps) {
		this.cache = deps.cache ?? new ThreadCache();
	}

	/** The first page of a thread: from the cache while the index vouches for it, else from GitHub (`force`: always). */
	fetch(ref: ThreadLocator, force = false): Promise<Thread> {
		const key = this.key(ref);
		const freshness = this.deps.freshness?.(ref);
		const cached = force ? undefined : this.cache.get(key, freshness);
		if (cached) return Promise.resolve(cached);
		const running = this.inFlight.get(key);
		if (running && !force) return running;
		const epoch = this.epochs.get(key) ?? 0;
		const request = this.deps.client.getThread(ref.repo, ref.kind, ref.number).then(thread => {
			if (freshness && (this.epochs.get(key) ?? 0) === epoch) this.cache.put(key, freshness.scope, thread);
			return thread;
		}).finally(() => {
			if (this.inFlight.get(key) === request) this.inFlight.delete(key);
		});
		this.inFlight.set(key, request);
		return request;
	}

	/** Forgets a thread (a write to it, from any surface). */
	invalidate(ref: ThreadLocator & { readonly id?: string }): void {
		const key = this.key(ref);
		this.epochs.set(key, (this.epochs.get(key) ?? 0) + 1);
		this.inFlight.delete(key);
		this.cache.invalidate(key);
		if (ref.id) this.cache.invalidate(ref.id);
	}

	/** Forgets every thread. */
	clear(): void {
		this.cache.clear();
		this.inFlight.clear();
		this.epochs.clear();
	}

	/** `client` whose `addComment` invalidates the thread it writes to (before and after the write). */
	invalidatingWrites<C extends Pick<GitHubClient, 'addComment' | 'findComment'>>(client: C): Pick<GitHubClient, 'addComment' | 'findComment'> {
		return {
			addComment: async (thread: CommentTarget, body, options) => {
				this.invalidate(thread);
				try {
					return await client.addComment(thread, body, options);
				} finally {
					this.invalidate(thread);
				}
			},
			findComment: (thread, query) => client.findComment(thread, query),
		};
	}

	private key(ref: ThreadLocator): string {
		return `${this.deps.host()}/${ref.repo.owner}/${ref.repo.name}/${ref.kind}/${ref.number}`.toLowerCase();
	}
}
