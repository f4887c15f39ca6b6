import type { Thread, ThreadComment } from './model';

// The thread bodies the panel fetched, kept in a small LRU (issue #3: "Bodies are fetched when a
// thread is opened, kept in a small LRU"; performance.md "Design implications" 6). The index holds no
// bodies, only each item's `updatedAt`; a cached first page is served only while the index knows of
// no update later than the page's own `updatedAt`, and only to the account that fetched it. Writes of
// this extension invalidate the entry of their thread. Bounded by entries and by the characters of
// the bodies it holds. Pure: the caller fetches and says what the index knows.

/** What the index says about a thread now. */
export interface ThreadFreshness {
	/** Whose cache this is (host and account): entries of another scope are never served. */
	readonly scope: string;
	/** The index's `updatedAt` of the item (epoch ms). */
	readonly updatedAt: number;
}

/** Options of {@link ThreadCache}. */
export interface ThreadCacheOptions {
	/** Most threads kept (default 30). */
	readonly maxEntries?: number;
	/** Most characters of bodies kept over all threads (default 1,000,000, about 2 MB). */
	readonly maxChars?: number;
}

interface Entry {
	readonly key: string;
	readonly scope: string;
	readonly thread: Thread;
	readonly chars: number;
}

/** The characters a thread's texts take (bodies as Markdown and HTML, titles, comments, replies). */
export function threadChars(thread: Thread): number {
	const comment = (c: ThreadComment): number => c.body.length + c.bodyHTML.length + c.replies.reduce((n, r) => n + comment(r), 0);
	return thread.title.length + thread.body.length + thread.bodyHTML.length + thread.comments.reduce((n, c) => n + comment(c), 0);
}

/**
 * First pages of threads by node id, least recently used first out. Looked up by a locator key
 * (e.g. `host/owner/repo/kind/number`), since a panel knows the number before the id.
 */
export class ThreadCache {
	/** By node id; Map order is recency (oldest first). */
	private readonly entries = new Map<string, Entry>();
	/** Locator key → node id. */
	private readonly ids = new Map<string, string>();
	private chars = 0;
	private readonly maxEntries: number;
	private readonly maxChars: number;

	constructor(options: ThreadCacheOptions = {}) {
		this.maxEntries = Math.max(1, options.maxEntries ?? 30);
		this.maxChars = Math.max(1, options.maxChars ?? 1_000_000);
	}

	/** Threads kept. */
	get size(): number {
		return this.entries.size;
	}

	/** Characters kept. */
	get totalChars(): number {
		return this.chars;
	}

	/**
	 * The cached first page of a thread when it is still good: fetched for this scope, and the index
	 * knows of no update after the page's own `updatedAt`. A stale entry is dropped. Undefined when
	 * the index does not know the thread (nothing to validate against).
	 */
	get(key: string, freshness: ThreadFreshness | undefined): Thread | undefined {
		const id = this.ids.get(key);
		const entry = id === undefined ? undefined : this.entries.get(id);
		if (!entry || !freshness) return undefined;
		const fetched = Date.parse(entry.thread.updatedAt);
		if (entry.scope !== freshness.scope || !(freshness.updatedAt <= fetched)) {
			this.delete(entry);
			return undefined;
		}
		this.entries.delete(entry.thread.id);
		this.entries.set(entry.thread.id, entry);
		return entry.thread;
	}

	/** Keeps a fetched first page (replacing the thread's previous one), then evicts the least recently used over the bounds. */
	put(key: string, scope: string, thread: Thread): void {
		this.invalidate(key);
		this.invalidate(thread.id);
		const chars = threadChars(thread);
		if (chars > this.maxChars) return;
		this.entries.set(thread.id, { key, scope, thread, chars });
		this.ids.set(key, thread.id);
		this.chars += chars;
		for (const oldest of this.entries.values()) {
			if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
			this.delete(oldest);
		}
	}

	/** Forgets a thread, by locator key or node id (after a write to it). */
	invalidate(keyOrId: string): void {
		const entry = this.entries.get(this.ids.get(keyOrId) ?? keyOrId);
		if (entry) this.delete(entry);
	}

	/** Forgets everything (sign-out, another account or server). */
	clear(): void {
		this.entries.clear();
		this.ids.clear();
		this.chars = 0;
	}

	private delete(entry: Entry): void {
		this.entries.delete(entry.thread.id);
		if (this.ids.get(entry.key) === entry.thread.id) this.ids.delete(entry.key);
		this.chars -= entry.chars;
	}
}
