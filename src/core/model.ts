/**
 * Domain types of Community Desk. Pure: no `vscode`, no Octokit, no DOM.
 * Timestamps are ISO 8601 strings exactly as GitHub sends them; the GitHub layer maps raw
 * responses into these shapes (see `src/github/mappers.ts`).
 */
import type { CommentPermissions, ThreadPermissions } from './moderation';

/** A repository named as `owner/name`. */
export interface RepoRef {
	readonly owner: string;
	readonly name: string;
}

/** How GitHub relates an author to the repository (GraphQL `CommentAuthorAssociation`). */
export type AuthorAssociation =
	| 'OWNER'
	| 'MEMBER'
	| 'COLLABORATOR'
	| 'CONTRIBUTOR'
	| 'FIRST_TIME_CONTRIBUTOR'
	| 'FIRST_TIMER'
	| 'MANNEQUIN'
	| 'NONE';

/** The signed-in user. */
export interface Viewer {
	readonly login: string;
	readonly name?: string;
	readonly avatarUrl?: string;
	/** OAuth scopes the token carries (from `X-OAuth-Scopes`); undefined when GitHub does not say (fine-grained tokens). */
	readonly scopes?: readonly string[];
}

/** One of the viewer's GitHub saved replies (read-only: GitHub has no API to change them). */
export interface SavedReply {
	readonly id: string;
	readonly title: string;
	readonly body: string;
}

/** Facts about a repository the extension needs before browsing it. */
export interface RepositoryInfo {
	readonly id: string;
	readonly owner: string;
	readonly name: string;
	readonly url: string;
	readonly isPrivate: boolean;
	readonly hasDiscussionsEnabled: boolean;
	readonly hasIssuesEnabled: boolean;
	/** `ADMIN`, `MAINTAIN`, `WRITE`, `TRIAGE`, `READ`, or undefined when unknown. */
	readonly viewerPermission?: string;
}

/** A label as shown on issues and discussions. */
export interface Label {
	readonly id: string;
	readonly name: string;
	/** Hex colour without `#`. */
	readonly color: string;
	readonly description?: string;
}

/** A discussion category of a repository. */
export interface DiscussionCategory {
	readonly id: string;
	readonly name: string;
	readonly slug: string;
	/** The category's emoji as a Unicode string ('' when GitHub has none). */
	readonly emoji: string;
	readonly description?: string;
	/** Whether discussions in it can have an answer (Q&A). */
	readonly isAnswerable: boolean;
}

/** Why a discussion is in its current state (GraphQL `DiscussionStateReason`). */
export type DiscussionStateReason = 'RESOLVED' | 'OUTDATED' | 'DUPLICATE' | 'REOPENED';
/** Why an issue is in its current state (GraphQL `IssueStateReason`). */
export type IssueStateReason = 'COMPLETED' | 'NOT_PLANNED' | 'REOPENED' | 'DUPLICATE';
/** Reason given when locking a conversation (GraphQL `LockReason`). */
export type LockReason = 'OFF_TOPIC' | 'TOO_HEATED' | 'RESOLVED' | 'SPAM';

/** A discussion as listed in the tree: no body. */
export interface DiscussionSummary {
	readonly id: string;
	readonly number: number;
	readonly title: string;
	readonly url: string;
	/** Login of the author; `ghost` when the account was deleted. */
	readonly author: string;
	readonly authorAssociation: AuthorAssociation;
	readonly categoryId: string;
	readonly createdAt: string;
	readonly updatedAt: string;
	readonly closed: boolean;
	readonly stateReason?: DiscussionStateReason;
	readonly locked: boolean;
	readonly lockReason?: LockReason;
	/** True or false in answerable categories; undefined elsewhere. */
	readonly isAnswered?: boolean;
	readonly commentCount: number;
	readonly upvoteCount: number;
	readonly labels: readonly Label[];
}

/** An issue as listed in the tree: no body. Pull requests are never issues here. */
export interface IssueSummary {
	readonly id: string;
	readonly number: number;
	readonly title: string;
	readonly url: string;
	readonly repo: RepoRef;
	readonly author: string;
	readonly authorAssociation: AuthorAssociation;
	readonly state: 'OPEN' | 'CLOSED';
	readonly stateReason?: IssueStateReason;
	readonly createdAt: string;
	readonly updatedAt: string;
	readonly closedAt?: string;
	readonly locked: boolean;
	readonly lockReason?: LockReason;
	readonly commentCount: number;
	readonly labels: readonly Label[];
	readonly assignees: readonly string[];
}

/** One page of a GitHub connection. */
export interface Page<T> {
	readonly items: readonly T[];
	/** Total number of items in the connection (for search, capped by GitHub at 1,000). */
	readonly totalCount: number;
	/** Cursor to pass as `after` for the next page; undefined on the last page. */
	readonly nextCursor?: string;
}

/** Paging options for list calls. */
export interface PageRequest {
	/** Page size, 1..100. */
	readonly first?: number;
	/** Cursor from a previous {@link Page.nextCursor}. */
	readonly after?: string;
}

/** Filters for `Repository.issues` (cheap, exact, not capped at 1,000 results). */
export interface IssueFilter {
	readonly states?: readonly ('OPEN' | 'CLOSED')[];
	readonly assignee?: string;
	readonly mentioned?: string;
	readonly createdBy?: string;
	readonly labels?: readonly string[];
	/** ISO 8601: only issues updated at or after this time. */
	readonly since?: string;
	readonly orderBy?: 'CREATED_AT' | 'UPDATED_AT' | 'COMMENTS';
}

/**
 * An issue query of the Issues tree: either a repository filter (the defaults) or a GitHub
 * search string (user-defined queries, already expanded and scoped to one repository).
 */
export type IssueQuery =
	| { readonly kind: 'filter'; readonly filter: IssueFilter }
	| { readonly kind: 'search'; readonly q: string };

/** Options for listing discussions. */
export interface DiscussionListRequest extends PageRequest {
	readonly categoryId?: string;
	readonly states?: readonly ('OPEN' | 'CLOSED')[];
	readonly answered?: boolean;
}

/**
 * A primary rate-limit budget as last reported by GitHub in `x-ratelimit-*` headers. GitHub keeps
 * separate pools per `resource` (`core` for REST, `graphql`, `search`); GHES with rate limits off
 * sends no headers at all.
 */
export interface RateLimitInfo {
	/** `core`, `graphql`, `search`, … (inferred from the request when GitHub does not say). */
	readonly resource: string;
	readonly limit: number;
	readonly remaining: number;
	/** When the budget refills (epoch ms). */
	readonly resetAt: number;
}

/** Which kind of conversation a thread panel shows. */
export type ThreadKind = 'discussion' | 'issue';

/** The reaction contents GitHub knows (GraphQL `ReactionContent`). */
export type ReactionContent = 'THUMBS_UP' | 'THUMBS_DOWN' | 'LAUGH' | 'HOORAY' | 'CONFUSED' | 'HEART' | 'ROCKET' | 'EYES';

/** How many people reacted with one emoji (only non-zero counts are kept). */
export interface ReactionCount {
	readonly content: ReactionContent;
	readonly count: number;
}

/** A comment of a thread, or a threaded reply to a discussion comment. */
export interface ThreadComment {
	readonly id: string;
	readonly url: string;
	/** Login of the author; `ghost` when the account was deleted. */
	readonly author: string;
	readonly authorAssociation: AuthorAssociation;
	readonly createdAt: string;
	/** Markdown as written. */
	readonly body: string;
	/** GitHub's rendered HTML (images through its camo proxy). Untrusted: sanitise before display. */
	readonly bodyHTML: string;
	readonly isAnswer: boolean;
	readonly isMinimized: boolean;
	/** GitHub's reason in lower case with dashes (`off-topic`, `spam`, …) when minimized. */
	readonly minimizedReason?: string;
	readonly reactions: readonly ReactionCount[];
	/** Discussion comments and replies only. */
	readonly upvoteCount?: number;
	/** Threaded replies (discussions only; always empty for issue comments). */
	readonly replies: readonly ThreadComment[];
	/** True when GitHub has more replies than the first page holds. */
	readonly hasMoreReplies: boolean;
	/** Cursor of the next page of replies (when `hasMoreReplies`). */
	readonly repliesCursor?: string;
	/** What the viewer may do with the comment (GitHub's viewerCan* fields); absent: unknown, nothing offered. */
	readonly permissions?: CommentPermissions;
}

/** A discussion or issue with its first page of comments, as a thread panel shows it. */
export interface Thread {
	readonly kind: ThreadKind;
	readonly repo: RepoRef;
	readonly id: string;
	readonly number: number;
	readonly title: string;
	readonly url: string;
	readonly state: 'OPEN' | 'CLOSED';
	readonly stateReason?: DiscussionStateReason | IssueStateReason;
	/** Discussions only. */
	readonly category?: { readonly name: string; readonly emoji: string; readonly isAnswerable: boolean };
	readonly labels: readonly Label[];
	readonly author: string;
	readonly authorAssociation: AuthorAssociation;
	readonly createdAt: string;
	readonly updatedAt: string;
	readonly body: string;
	readonly bodyHTML: string;
	readonly locked: boolean;
	readonly lockReason?: LockReason;
	/** Discussions in answerable categories only. */
	readonly isAnswered?: boolean;
	/** ID of the comment chosen as the answer. */
	readonly answerId?: string;
	readonly upvoteCount?: number;
	readonly reactions: readonly ReactionCount[];
	readonly comments: readonly ThreadComment[];
	/** Total number of top-level comments on GitHub. */
	readonly commentCount: number;
	/** True when GitHub has more top-level comments than the first page holds. */
	readonly hasMoreComments: boolean;
	/** Cursor of the next page of top-level comments (when `hasMoreComments`). */
	readonly commentsCursor?: string;
	/**
	 * GitHub's `viewerCanReact`. Locking takes commenting and reacting away from everyone without
	 * write access together, so on a locked thread this says whether the viewer may still reply.
	 */
	readonly viewerCanReact?: boolean;
	/** What the viewer may do with the thread (viewerCan* fields and repository permission); absent: unknown. */
	readonly permissions?: ThreadPermissions;
}

/** Which thread a write or a look-up is about. */
export interface ThreadLocator {
	readonly repo: RepoRef;
	readonly kind: ThreadKind;
	readonly number: number;
}

/** A thread a comment can be posted to: its locator plus its node ID (from a fetched {@link Thread}). */
export interface CommentTarget extends ThreadLocator {
	readonly id: string;
}

/** A comment as a write returns it, or as a look-up finds it. */
export interface PostedComment {
	readonly id: string;
	readonly url: string;
	readonly createdAt: string;
	readonly author: string;
	/** Markdown as stored, marker included. */
	readonly body: string;
}

/** Options of a reply. */
export interface AddCommentOptions {
	/** Discussions only: the top-level comment to reply within. */
	readonly replyToId?: string;
	/** The reply's client id, also sent as `clientMutationId`. Its marker must already be in the body. */
	readonly clientId: string;
}

/** What a look-up for a reply matches on: the client id's marker first, else the exact body by the author since a time. */
export interface FindCommentQuery {
	readonly clientId: string;
	/** The reply's text without the marker. */
	readonly body?: string;
	/** ISO 8601: only comments created at or after this. */
	readonly since?: string;
	readonly author?: string;
	/** Discussions only: look among this top-level comment's replies. */
	readonly replyToId?: string;
}

/** A discussion to start (the weekly digest): the repository's and category's node IDs, title and Markdown body. */
export interface NewDiscussion {
	readonly repositoryId: string;
	readonly categoryId: string;
	readonly title: string;
	readonly body: string;
}

/** A discussion a write created. */
export interface CreatedDiscussion {
	readonly id: string;
	readonly number: number;
	readonly url: string;
}
