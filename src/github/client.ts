import type {
	AddCommentOptions,
	CommentTarget,
	CreatedDiscussion,
	DiscussionCategory,
	DiscussionListRequest,
	DiscussionSummary,
	FindCommentQuery,
	IssueQuery,
	IssueSummary,
	Label,
	NewDiscussion,
	Page,
	PageRequest,
	PostedComment,
	RepoRef,
	RepositoryInfo,
	SavedReply,
	Thread,
	ThreadComment,
	ThreadKind,
	ThreadLocator,
	Viewer,
} from '../core/model';
import type { AssignableUser, ModerationAction, ModerationState, ModerationTarget } from '../core/moderation';

/**
 * The GitHub port. Callers get domain types only and never see Octokit or GraphQL shapes.
 * Every method rejects with a {@link import('./errors').GitHubError} whose `kind` says what went
 * wrong in terms a user understands.
 */
export interface GitHubClient {
	/** The user the token belongs to, with the token's OAuth scopes when GitHub reports them. */
	getViewer(): Promise<Viewer>;
	/** Facts about a repository; rejects with kind `notFound` when it does not exist or is not visible. */
	getRepository(repo: RepoRef): Promise<RepositoryInfo>;
	/** All discussion categories of a repository; rejects with `discussionsDisabled` when they are off. */
	listDiscussionCategories(repo: RepoRef): Promise<DiscussionCategory[]>;
	/** One page of discussions, most recently updated first. */
	listDiscussions(repo: RepoRef, request: DiscussionListRequest): Promise<Page<DiscussionSummary>>;
	/** One page of issues matching a query, pull requests excluded. */
	listIssues(repo: RepoRef, query: IssueQuery, page: PageRequest): Promise<Page<IssueSummary>>;
	/**
	 * One discussion or issue with its first 100 comments (and, for discussions, their first 50
	 * replies); `hasMoreComments`/`hasMoreReplies` say when GitHub has more. Rejects with `notFound`
	 * when there is no such thread of that kind.
	 */
	getThread(repo: RepoRef, kind: ThreadKind, number: number): Promise<Thread>;
	/**
	 * The next page of a thread's top-level comments after `page.after` (a `commentsCursor`), or,
	 * with `replyToId`, of the replies to that discussion comment (a `repliesCursor`). Rejects with
	 * `notFound` when the thread or comment is gone.
	 */
	getThreadComments(thread: ThreadLocator, page: { readonly after: string; readonly replyToId?: string }): Promise<Page<ThreadComment>>;
	/**
	 * Posts a comment on an issue (`addComment`) or a discussion (`addDiscussionComment`, with
	 * `replyToId` for a reply within a top-level comment) and returns it. A write: never retried
	 * automatically; a rejection of kind `network` or `server` means the outcome is unknown, so look
	 * for it with {@link findComment} before posting again.
	 */
	addComment(thread: CommentTarget, body: string, options: AddCommentOptions): Promise<PostedComment>;
	/**
	 * Looks among the newest comments of a thread (or the replies to `query.replyToId`) for the
	 * reply with this client id; undefined when it is not there (yet).
	 */
	findComment(thread: ThreadLocator, query: FindCommentQuery): Promise<PostedComment | undefined>;
	/**
	 * The signed-in user's GitHub saved replies (up to 100, most recently updated first); empty when
	 * GitHub returns none. Read-only: GitHub has no API to create or change them.
	 */
	listSavedReplies(): Promise<SavedReply[]>;
	/**
	 * Starts a discussion (`createDiscussion`) and returns its number and link. A notifying write:
	 * never retried automatically; a `network` or `server` rejection means the outcome is unknown.
	 */
	createDiscussion(discussion: NewDiscussion): Promise<CreatedDiscussion>;
	/** Every label of a repository (all pages), by name, with colour and description. */
	listLabels(repo: RepoRef): Promise<Label[]>;
	/** Up to 100 users who can be assigned to the repository's issues, matching `query` (login or name) when given. */
	listAssignableUsers(repo: RepoRef, query?: string): Promise<AssignableUser[]>;
	/**
	 * Runs one moderation action (one mutation through the write queue) and returns GitHub's state
	 * afterwards. Bad input (wrong reason for the kind, duplicate of an issue that does not exist) is
	 * refused with `invalid`/`notFound` before anything changes; refusals come back as `forbidden`.
	 * A write: never retried; a `network` or `server` rejection means the outcome is unknown, so read
	 * {@link getModerationState} before reporting failure.
	 */
	moderate(target: ModerationTarget, action: ModerationAction): Promise<ModerationState>;
	/** The moderation state of a thread, and with `commentId` of one of its comments. */
	getModerationState(target: ModerationTarget, commentId?: string): Promise<ModerationState>;
}

/**
 * Supplies the current token, or undefined when signed out. Implemented by `platform/auth.ts`;
 * called before every request so a new sign-in takes effect at once.
 */
export type TokenProvider = () => Promise<string | undefined>;
