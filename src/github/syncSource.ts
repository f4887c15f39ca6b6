import type { RateLimitInfo, RepoRef } from '../core/model';
import type { CommentEvent, IndexedItem, IndexItemKind } from '../core/repoIndex';

/** Items of one page plus the comments that came with them. */
export interface ItemPage {
	readonly items: readonly IndexedItem[];
	readonly comments: readonly CommentEvent[];
	/** Items whose comments continue after the nested page, with the cursor to continue from. */
	readonly overflow: readonly { readonly itemId: string; readonly cursor: string }[];
	/** Items whose latest comments were fetched but earlier ones may be missing (probe pages). */
	readonly partial: readonly string[];
	readonly nextCursor?: string;
	readonly totalCount: number;
}

/** One page of issues or discussions in `updatedAt` order. */
export interface ItemPageRequest {
	readonly states?: readonly ('OPEN' | 'CLOSED')[];
	readonly direction: 'ASC' | 'DESC';
	/** 1..100. */
	readonly first: number;
	readonly cursor?: string;
	/** Issues only: `lean` leaves out labels and assignees (1 point a page instead of 3). */
	readonly detail?: 'full' | 'lean';
}

/** The next comments of one item. An empty cursor starts from the first comment. */
export interface CommentPageRequest {
	readonly itemId: string;
	readonly cursor: string;
}

/** The outcome of one {@link CommentPageRequest}. */
export interface CommentPageResult {
	readonly itemId: string;
	readonly comments: readonly CommentEvent[];
	/** Set when more comments follow; undefined when the item is complete (or gone). */
	readonly nextCursor?: string;
}

/** Replies of one top-level discussion comment. */
export interface ReplyResult {
	readonly parentId: string;
	readonly replies: readonly CommentEvent[];
	/** False when the comment has more replies than one page (not fetched yet). */
	readonly complete: boolean;
}

/** The incremental probe. */
export interface ChangesRequest {
	/** ISO 8601 watermark of issues (inclusive, as GitHub's `since`). */
	readonly issuesSince: string;
	readonly issueFirst: number;
	readonly discussionFirst: number;
	/** Continues the issues after a previous probe's `issues.nextCursor`. */
	readonly issueCursor?: string;
}

/** What the probe found: issues updated since the watermark, and the latest discussions. */
export interface ChangesResult {
	readonly issues: ItemPage;
	readonly discussions: ItemPage;
}

/** One page of the ids of open items of one kind. */
export interface IdPage {
	readonly ids: readonly string[];
	readonly nextCursor?: string;
	readonly totalCount: number;
}

/** A page of the reconcile's listing of open ids: the kinds asked for, and the repository's node id. */
export interface OpenIdsPage {
	readonly repositoryId: string;
	readonly issues?: IdPage;
	readonly discussions?: IdPage;
}

/** What the reconcile asks of the listing: both kinds at first, then one kind after its cursor. */
export interface OpenIdsRequest {
	readonly kinds: readonly IndexItemKind[];
	/** Continues the only kind asked for. */
	readonly cursor?: string;
}

/**
 * What became of an item the listing of open ids lacked: `gone` (deleted, converted, or no longer
 * visible: GitHub answers null), `moved` (now in another repository) or `present` with its sync
 * fields (e.g. closed), to be stored.
 */
export type ItemCheck =
	| { readonly id: string; readonly status: 'gone' | 'moved' }
	| { readonly id: string; readonly status: 'present'; readonly item: IndexedItem };

/**
 * The GitHub port of the sync engine: bulk, body-free reads into index records. Implemented by
 * {@link import('./octokitSyncSource').OctokitSyncSource}; rejects with a GitHubError.
 */
export interface SyncSource {
	/** One page of issues with comments nested. */
	issuePage(repo: RepoRef, request: ItemPageRequest): Promise<ItemPage>;
	/** One page of discussions with top-level comments nested (no replies). */
	discussionPage(repo: RepoRef, request: ItemPageRequest): Promise<ItemPage>;
	/** The next comments of several items of one kind in one request (at most 49). */
	commentPages(kind: IndexItemKind, requests: readonly CommentPageRequest[]): Promise<CommentPageResult[]>;
	/** Replies of up to 300 top-level discussion comments in one request. */
	replies(parentIds: readonly string[]): Promise<ReplyResult[]>;
	/** The incremental probe: changed issues and latest discussions in one request. */
	changes(repo: RepoRef, request: ChangesRequest): Promise<ChangesResult>;
	/** The reconcile's listing: one page of the ids of open issues and/or open discussions (100 a page). */
	openIds(repo: RepoRef, request: OpenIdsRequest): Promise<OpenIdsPage>;
	/**
	 * The reconcile's check of up to 100 issues and 100 discussions of the repository with node id
	 * `repositoryId`, in one request; one result per id, in order (issues first).
	 */
	checkItems(repositoryId: string, issueIds: readonly string[], discussionIds: readonly string[]): Promise<ItemCheck[]>;
	/** The GraphQL budget as last reported, if any. */
	readonly rateLimit: RateLimitInfo | undefined;
}
