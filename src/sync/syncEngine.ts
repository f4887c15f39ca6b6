import type { RepoRef } from '../core/model';
import type { IndexedItem, IndexItemKind, RepoIndex, SyncCheckpoint } from '../core/repoIndex';
import { GitHubError } from '../github/errors';
import type { ItemCheck, ItemPage, ItemPageRequest, SyncSource } from '../github/syncSource';
import { checkSuspects, closedSlice, listOpenIds, suspectsOf, type ClosedRotation, type ReconcileChanges } from './reconcile';

// The sync engine (performance.md "Design implications" 3–5): open items first so the views can
// render after the first page, then a resumable backfill of history (closed items, overflow
// comments, discussion replies) with a checkpoint after every page, then cheap incremental
// refreshes. vscode-free: the extension wires progress, focus and persistence around it.

/** A progress event; the first one with `phase: 'openIssues'` means the views can render. */
export interface SyncProgress {
	readonly phase: SyncPass;
	readonly items: number;
	readonly comments: number;
	readonly requests: number;
}

/** Saves the index (in the extension: `RepoIndexStore`, items and comments as two files). */
export interface IndexPersistence {
	save(index: RepoIndex): Promise<unknown>;
}

/** Options of {@link SyncEngine}. */
export interface SyncEngineOptions {
	readonly source: SyncSource;
	readonly index: RepoIndex;
	readonly store?: IndexPersistence;
	readonly now?: () => number;
	readonly onProgress?: (event: SyncProgress) => void;
	/** Background work stops when less than this share of the budget is left (default 0.2). */
	readonly budgetFloor?: number;
	/** Largest page of items (default and maximum 100). */
	readonly pageSize?: number;
	/** Least time between two saves during a sync (default 2000 ms; passes always save at their end). */
	readonly saveIntervalMs?: number;
}

/** How a sync ended. */
export interface SyncOutcome {
	readonly complete: boolean;
	/** Why it stopped early. */
	readonly stopped?: 'aborted' | 'budget';
	readonly requests: number;
	/** After a rate limit: when GitHub said the budget resets (epoch ms); resume `coldSync` then. */
	readonly resumeAt?: number;
}

/** What a refresh found. */
export interface RefreshResult {
	/** Ids of the items that were new or changed. */
	readonly changed: readonly string[];
	readonly requests: number;
}

/** What a reconcile found (see {@link SyncEngine.reconcile}). */
export interface ReconcileResult extends ReconcileChanges {
	/** Ids the refresh that comes first found new or changed. */
	readonly changed: readonly string[];
	/** False when it stopped early (aborted or low budget): not every suspect was checked. */
	readonly complete: boolean;
	/** Requests of the refresh, the listing and the checks together. */
	readonly requests: number;
	/** How many open items the listing of ids held, and how many of the index's it lacked. */
	readonly open: number;
	readonly suspects: number;
	/** Closed items of the index checked this time (a rotating slice, see `closedSlice`). */
	readonly closedChecked: number;
	/** Where the next reconcile's slice of closed items starts (persist it); set when complete. */
	readonly closedCursor?: string;
}

/** Options of {@link SyncEngine.reconcile}. */
export interface ReconcileOptions {
	/** The `closedCursor` of the previous complete reconcile. */
	readonly closedCursor?: string;
	/** How the closed items rotate (defaults: all within 7 reconciles, 100 to 2,000 a time). */
	readonly closedRotation?: ClosedRotation;
}

/** The passes of a cold sync, in order. */
export type SyncPass = 'openIssues' | 'openDiscussions' | 'openOverflow' | 'closedIssues' | 'closedDiscussions' | 'overflow' | 'replies';
const PASSES: readonly SyncPass[] = ['openIssues', 'openDiscussions', 'openOverflow', 'closedIssues', 'closedDiscussions', 'overflow', 'replies'];
/** Passes the user waits for; the rest is background work that yields to a low budget. */
const FOREGROUND: ReadonlySet<string> = new Set<SyncPass>(['openIssues', 'openDiscussions', 'openOverflow']);
const PAGE_PASSES: Record<string, { kind: IndexItemKind; request: Omit<ItemPageRequest, 'first' | 'cursor'> }> = {
	openIssues: { kind: 'issue', request: { states: ['OPEN'], direction: 'DESC', detail: 'full' } },
	openDiscussions: { kind: 'discussion', request: { states: ['OPEN'], direction: 'DESC' } },
	closedIssues: { kind: 'issue', request: { states: ['CLOSED'], direction: 'ASC', detail: 'lean' } },
	closedDiscussions: { kind: 'discussion', request: { states: ['CLOSED'], direction: 'ASC' } },
};
const MAX_PAGE = 100;
const MIN_PAGE = 5;
const PROBE_PAGE = 20;
const COMMENT_BATCH = 49;
const REPLY_BATCH = 300;

/**
 * Marks the comment passes of a cold sync (overflow comments, replies) as not done, so that the next
 * sync fetches the comment pages and replies the index has marked pending (after a torn cache pair).
 * Does nothing to an index that has no checkpoint (its cold sync starts over anyway).
 */
export function reopenCommentPasses(index: RepoIndex): void {
	const checkpoint = index.checkpoint;
	if (!checkpoint) return;
	const reopened: ReadonlySet<string> = new Set<SyncPass>(['overflow', 'replies']);
	index.checkpoint = { ...checkpoint, done: checkpoint.done.filter(p => !reopened.has(p)) };
}

/** Thrown inside a sync to stop it; turned into a {@link SyncOutcome}. */
class Stop extends Error {
	constructor(readonly reason: 'aborted' | 'budget') {
		super(reason);
	}
}

/** A stop request, or a rate limit the client would not wait out: both end a sync with a saved checkpoint. */
function asStop(error: unknown): Stop | undefined {
	if (error instanceof Stop) {
		return error;
	}
	return GitHubError.is(error, 'rateLimited') ? new Stop('budget') : undefined;
}

function resetOf(error: unknown): { resumeAt?: number } {
	const resetAt = GitHubError.is(error, 'rateLimited') ? error.details.resetAt : undefined;
	return resetAt === undefined ? {} : { resumeAt: resetAt };
}

/** Syncs one repository into a {@link RepoIndex}. */
export class SyncEngine {
	private requests = 0;
	private pageSize: number;
	private successes = 0;
	private lastSave = 0;
	private readonly now: () => number;

	constructor(private readonly repo: RepoRef, private readonly options: SyncEngineOptions) {
		this.now = options.now ?? Date.now;
		this.pageSize = this.maxPage;
	}

	private get maxPage(): number {
		return Math.max(MIN_PAGE, Math.min(MAX_PAGE, this.options.pageSize ?? MAX_PAGE));
	}

	private get index(): RepoIndex {
		return this.options.index;
	}

	/** Page size in use now (halved after a 502/504, recovering after successes). */
	get currentPageSize(): number {
		return this.pageSize;
	}

	/**
	 * Runs (or resumes, from the index's checkpoint) the cold sync: open items first, then history.
	 * Never rejects for an abort or a low budget: it saves and reports how far it got.
	 */
	async coldSync(signal?: AbortSignal): Promise<SyncOutcome> {
		return this.stoppable(async () => {
			for (const pass of PASSES) {
				if (!this.checkpoint.done.includes(pass)) {
					await this.runPass(pass, signal);
					this.index.checkpoint = { done: [...this.checkpoint.done, pass] };
					await this.save(true);
				}
			}
		});
	}

	/** Fetches overflow comments and replies that refreshes left pending (background work). */
	async followUp(signal?: AbortSignal): Promise<SyncOutcome> {
		return this.stoppable(async () => {
			await this.overflowPass('overflow', signal);
			await this.repliesPass(signal);
			await this.save(true);
		});
	}

	/**
	 * Runs background work that may be stopped by an abort or a low budget: a stop saves what was
	 * fetched and becomes an incomplete outcome; any other error propagates.
	 */
	private async stoppable(work: () => Promise<void>): Promise<SyncOutcome> {
		this.assertCommentsLoaded();
		const start = this.requests;
		try {
			await work();
			return { complete: true, requests: this.requests - start };
		} catch (error) {
			const stop = asStop(error);
			if (!stop) throw error;
			await this.save(true);
			return { complete: false, stopped: stop.reason, requests: this.requests - start, ...resetOf(error) };
		}
	}

	/**
	 * Incremental refresh: one probe for issues updated since the watermark and the latest
	 * discussions; more requests only when more changed than the probe holds.
	 */
	async refresh(signal?: AbortSignal): Promise<RefreshResult> {
		this.assertCommentsLoaded();
		const start = this.requests;
		const changed = new Set<string>();
		const discussionMark = this.index.watermark('discussion');
		// Inclusive of the watermark's second (GitHub's `since` counts whole seconds): a change made in
		// the same second as the last stored one must not be missed. Items already stored come back
		// and are recognised as unchanged by `isFresh`.
		const issueMark = this.index.watermark('issue');
		const issuesSince = new Date(Math.floor(issueMark / 1000) * 1000).toISOString();
		this.checkAbort(signal);
		this.requests++;
		const probe = await this.options.source.changes(this.repo, { issuesSince, issueFirst: PROBE_PAGE, discussionFirst: PROBE_PAGE });
		this.applyChanges(probe.issues, changed);
		this.applyChanges(probe.discussions, changed);
		await this.moreChangedIssues(issuesSince, probe.issues, changed, signal);
		await this.moreChangedDiscussions(discussionMark, probe.discussions, changed, signal);
		const changedDiscussions = new Set([...changed].filter(id => this.index.item(id)?.kind === 'discussion'));
		if (changedDiscussions.size) {
			this.index.resetReplies(changedDiscussions);
		}
		await this.save(true);
		return { changed: [...changed], requests: this.requests - start };
	}

	/**
	 * The periodic reconcile for what `updatedAt` never reports (issue #3): a refresh, then the ids
	 * of every open item (100 a page) and a check through `nodes(ids:)` of the items open in the
	 * index that the listing lacks, together with a rotating slice of the closed items (after
	 * `options.closedCursor`; every closed item within `CLOSED_CHECK_DAYS` reconciles). Deleted,
	 * converted and transferred ones leave the index with their comments; changed ones (e.g. closed)
	 * are stored. Background work: it stops, saving what it applied, on an abort or a low budget.
	 * Requests: the refresh's + ceil(open / 100) + 1 + ceil((suspects + closed slice) / 100) at most.
	 */
	async reconcile(signal?: AbortSignal, options: ReconcileOptions = {}): Promise<ReconcileResult> {
		const refreshed = await this.refresh(signal);
		const start = this.requests;
		const removed: string[] = [];
		const updated: string[] = [];
		let open = 0;
		let suspects = 0;
		let closed: { readonly items: readonly IndexedItem[]; readonly cursor?: string } = { items: [] };
		const result = (complete: boolean): ReconcileResult => ({
			changed: refreshed.changed, removed, updated, complete, open, suspects, requests: refreshed.requests + this.requests - start,
			closedChecked: closed.items.length, ...(complete && closed.cursor !== undefined ? { closedCursor: closed.cursor } : {}),
		});
		const beforeRequest = () => {
			this.checkBeforeRequest('reconcile', signal);
			this.requests++;
		};
		try {
			const listing = await listOpenIds(this.options.source, this.repo, beforeRequest);
			open = listing.open.size;
			const suspect = suspectsOf(this.index.items(), listing.open);
			suspects = suspect.length;
			closed = closedSlice(this.index.items(), listing.open, options.closedCursor, options.closedRotation);
			await checkSuspects(this.options.source, listing.repositoryId, [...suspect, ...closed.items], beforeRequest, checks => this.applyChecks(checks, removed, updated));
		} catch (error) {
			if (!asStop(error)) throw error;
			await this.save(true);
			return result(false);
		}
		await this.save(true);
		return result(true);
	}

	/** Removes what is gone or moved, and stores what changed (fetching its comments later when they grew). */
	private applyChecks(checks: readonly ItemCheck[], removed: string[], updated: string[]): void {
		const gone = checks.filter(c => c.status !== 'present').map(c => c.id);
		this.index.removeItems(gone);
		removed.push(...gone);
		const fresh = new Set<string>();
		for (const check of checks) {
			if (check.status === 'present' && isFresh(this.index.item(check.id), check.item)) {
				this.index.upsertItem(check.item);
				fresh.add(check.id);
				if (this.index.topLevelCount(check.id) < check.item.commentCount) this.index.setCommentCursor(check.id, '');
			}
		}
		const discussions = new Set([...fresh].filter(id => this.index.item(id)?.kind === 'discussion'));
		if (discussions.size) this.index.resetReplies(discussions);
		updated.push(...fresh);
	}

	/** Pages on through changed issues when the probe did not hold them all. */
	private async moreChangedIssues(issuesSince: string, first: ItemPage, changed: Set<string>, signal?: AbortSignal): Promise<void> {
		let seen = first.items.length;
		for (let cursor = first.nextCursor; cursor !== undefined;) {
			this.checkAbort(signal);
			this.requests++;
			const issueFirst = Math.min(MAX_PAGE, Math.max(1, first.totalCount - seen));
			const { issues } = await this.options.source.changes(this.repo, { issuesSince, issueFirst, discussionFirst: 1, issueCursor: cursor });
			this.applyChanges(issues, changed);
			seen += issues.items.length;
			cursor = issues.nextCursor;
		}
	}

	/** Pages on through discussions (newest first) while they are newer than the watermark. */
	private async moreChangedDiscussions(mark: number, first: ItemPage, changed: Set<string>, signal?: AbortSignal): Promise<void> {
		let page = first;
		while (page.nextCursor !== undefined && (page.items.at(-1)?.updatedAt ?? 0) >= mark) {
			this.checkAbort(signal);
			this.requests++;
			page = await this.options.source.discussionPage(this.repo, { direction: 'DESC', first: 50, cursor: page.nextCursor });
			this.applyChanges(page, changed);
		}
	}

	private get checkpoint(): SyncCheckpoint {
		return this.index.checkpoint ?? { done: [] };
	}

	private async runPass(pass: SyncPass, signal?: AbortSignal): Promise<void> {
		if (pass === 'openOverflow' || pass === 'overflow') {
			await this.overflowPass(pass, signal);
		} else if (pass === 'replies') {
			await this.repliesPass(signal);
		} else {
			await this.pagePass(pass, signal);
		}
	}

	private async pagePass(pass: SyncPass, signal?: AbortSignal): Promise<void> {
		const { kind, request } = PAGE_PASSES[pass]!;
		const current = this.checkpoint.current;
		if (current?.pass === pass && current.cursor === undefined) {
			return; // its last page is stored; only the "done" mark was missing
		}
		let cursor = current?.pass === pass ? current.cursor : undefined;
		do {
			this.checkBeforeRequest(pass, signal);
			const page = await this.adaptive(first => kind === 'issue'
				? this.options.source.issuePage(this.repo, { ...request, first, cursor })
				: this.options.source.discussionPage(this.repo, { ...request, first, cursor }));
			this.applyPage(page);
			cursor = page.nextCursor;
			this.index.checkpoint = { done: this.checkpoint.done, current: { pass, cursor } };
			this.progress(pass);
			await this.save(false);
		} while (cursor !== undefined);
	}

	private async overflowPass(pass: SyncPass, signal?: AbortSignal): Promise<void> {
		for (let pending = this.index.pendingCommentPages(); pending.length; pending = this.index.pendingCommentPages()) {
			for (const kind of ['issue', 'discussion'] as const) {
				const ofKind = pending.filter(p => p.kind === kind);
				for (let i = 0; i < ofKind.length; i += COMMENT_BATCH) {
					this.checkBeforeRequest(pass, signal);
					this.requests++;
					const results = await this.options.source.commentPages(kind, ofKind.slice(i, i + COMMENT_BATCH));
					for (const result of results) {
						result.comments.forEach(c => this.index.upsertComment(c));
						this.index.setCommentCursor(result.itemId, result.nextCursor);
					}
					this.progress(pass);
					await this.save(false);
				}
			}
		}
	}

	private async repliesPass(signal?: AbortSignal): Promise<void> {
		const pending = this.index.pendingReplyParents();
		for (let i = 0; i < pending.length; i += REPLY_BATCH) {
			this.checkBeforeRequest('replies', signal);
			const batch = pending.slice(i, i + REPLY_BATCH);
			this.requests++;
			const results = await this.options.source.replies(batch);
			for (const result of results) {
				result.replies.forEach(r => this.index.upsertComment(r));
			}
			batch.forEach(id => this.index.markRepliesFetched(id));
			this.progress('replies');
			await this.save(false);
		}
	}

	/** Runs a page request, halving the page size after a server error (502/504) and recovering after successes. */
	private async adaptive(request: (first: number) => Promise<ItemPage>): Promise<ItemPage> {
		for (;;) {
			this.requests++;
			try {
				const page = await request(this.pageSize);
				if (++this.successes >= 3 && this.pageSize < this.maxPage) {
					this.pageSize = Math.min(this.maxPage, this.pageSize * 2);
					this.successes = 0;
				}
				return page;
			} catch (error) {
				if (!GitHubError.is(error, 'server') || this.pageSize <= MIN_PAGE) {
					throw error;
				}
				this.pageSize = Math.max(MIN_PAGE, Math.floor(this.pageSize / 2));
				this.successes = 0;
			}
		}
	}

	private applyPage(page: ItemPage): void {
		page.items.forEach(item => this.index.upsertItem(item));
		page.comments.forEach(c => this.index.upsertComment(c));
		page.overflow.forEach(o => this.index.setCommentCursor(o.itemId, o.cursor));
	}

	/** Applies a probe page: only items that are new or newer than the stored copy count as changed. */
	private applyChanges(page: ItemPage, changed: Set<string>): void {
		const fresh = new Set(page.items.filter(i => isFresh(this.index.item(i.id), i)).map(i => i.id));
		page.items.filter(i => fresh.has(i.id)).forEach(i => this.index.upsertItem(i));
		page.comments.filter(c => fresh.has(c.itemId)).forEach(c => this.index.upsertComment(c));
		for (const id of fresh) {
			changed.add(id);
			if (this.index.topLevelCount(id) < (this.index.item(id)?.commentCount ?? 0)) {
				this.index.setCommentCursor(id, '');
			}
		}
	}

	private checkBeforeRequest(pass: SyncPass | 'reconcile', signal?: AbortSignal): void {
		this.checkAbort(signal);
		const budget = this.options.source.rateLimit;
		if (!FOREGROUND.has(pass) && budget && budget.limit > 0 && budget.remaining < budget.limit * (this.options.budgetFloor ?? 0.2)) {
			throw new Stop('budget');
		}
	}

	/** A sync on an items-only index would mix new comments into ones still on disk. */
	private assertCommentsLoaded(): void {
		if (!this.index.commentsLoaded) {
			throw new Error('the index comments are still on disk: load or discard them before syncing');
		}
	}

	private checkAbort(signal?: AbortSignal): void {
		if (signal?.aborted) {
			throw new Stop('aborted');
		}
	}

	private progress(phase: SyncPass): void {
		this.options.onProgress?.({ phase, items: this.index.itemCount, comments: this.index.commentCount, requests: this.requests });
	}

	private async save(force: boolean): Promise<void> {
		if (!this.options.store || (!force && this.now() - this.lastSave < (this.options.saveIntervalMs ?? 2000))) {
			return;
		}
		this.lastSave = this.now();
		await this.options.store.save(this.index);
	}
}

/**
 * Whether a delivered item is news to the index: unknown, updated later, or updated within the same
 * second (GitHub's timestamps have whole seconds) with a visible difference.
 */
export function isFresh(stored: IndexedItem | undefined, delivered: IndexedItem): boolean {
	if (!stored || stored.updatedAt < delivered.updatedAt) return true;
	if (stored.updatedAt > delivered.updatedAt) return false;
	return stored.closed !== delivered.closed || stored.stateReason !== delivered.stateReason || stored.locked !== delivered.locked
		|| stored.title !== delivered.title || stored.commentCount !== delivered.commentCount || stored.isAnswered !== delivered.isAnswered
		|| !sameList(stored.labels, delivered.labels) || !sameList(stored.assignees, delivered.assignees);
}

/**
 * Lists compare equal when either side does not know them: a lean page leaves them out of the
 * delivery, and a lean backfill leaves them out of the index (that is no change on GitHub).
 */
function sameList(stored: readonly string[] | undefined, delivered: readonly string[] | undefined): boolean {
	return delivered === undefined || stored === undefined || (stored.length === delivered.length && stored.every((v, i) => v === delivered[i]));
}
