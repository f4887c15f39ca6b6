/** The record types of the in-memory store. Times are epoch ms in whole seconds; 0 means "not set". */

/** How a user relates to the acme repositories; decides the author association and permissions. */
export type Role = 'owner' | 'member' | 'collaborator' | 'contributor' | 'firstTimeContributor' | 'firstTimer' | 'none' | 'bot';

/** A user, bot or organization. */
export interface UserRec {
	readonly dbId: number;
	readonly login: string;
	readonly name: string | null;
	readonly type: 'User' | 'Bot' | 'Organization';
	readonly role: Role;
	readonly createdAt: number;
}

/** A repository and its per-repository indexes. */
export interface RepoRec {
	readonly dbId: number;
	readonly owner: UserRec;
	readonly name: string;
	description: string;
	isPrivate: boolean;
	hasDiscussionsEnabled: boolean;
	hasIssuesEnabled: boolean;
	readonly createdAt: number;
	readonly labels: LabelRec[];
	readonly categories: CategoryRec[];
	/** Issues and pull requests in number order. */
	readonly issues: ThreadRec[];
	/** Discussions in number order. */
	readonly discussions: ThreadRec[];
	readonly byNumber: Map<number, ThreadRec>;
	nextNumber: number;
}

/** A repository label. */
export interface LabelRec {
	readonly dbId: number;
	readonly repo: RepoRec;
	name: string;
	color: string;
	description: string | null;
	readonly isDefault: boolean;
	readonly createdAt: number;
}

/** A discussion category. */
export interface CategoryRec {
	readonly dbId: number;
	readonly repo: RepoRec;
	readonly name: string;
	readonly slug: string;
	/** GitHub's shortcode form, e.g. `:mega:`. */
	readonly emoji: string;
	/** The emoji character, used for `emojiHTML`. */
	readonly emojiChar: string;
	readonly description: string;
	readonly isAnswerable: boolean;
	readonly createdAt: number;
}

/** A saved reply of a user. */
export interface SavedReplyRec {
	readonly dbId: number;
	readonly user: UserRec;
	readonly title: string;
	readonly body: string;
	readonly updatedAt: number;
}

/** Which kind of thread a {@link ThreadRec} is. */
export type ThreadKind = 'issue' | 'pr' | 'discussion';

/** The 8 reaction contents in GitHub's order, matching the counts in `reactions` arrays. */
export const REACTIONS = ['THUMBS_UP', 'THUMBS_DOWN', 'LAUGH', 'HOORAY', 'CONFUSED', 'HEART', 'ROCKET', 'EYES'] as const;

/** An issue, pull request or discussion. One class keeps every thread the same shape (compact, fast). */
export class ThreadRec {
	dbId = 0;
	number = 0;
	title = '';
	/** What the generated body talks about (bug, feature, question, …). */
	flavor = 'general';
	author: UserRec | null = null;
	createdAt = 0;
	updatedAt = 0;
	lastEditedAt = 0;
	closedAt = 0;
	/** The GraphQL enum value (`COMPLETED`, `NOT_PLANNED`, `RESOLVED`, …) or null. */
	stateReason: string | null = null;
	locked = false;
	/** The GraphQL `LockReason` value or null. */
	lockReason: string | null = null;
	labels: LabelRec[] = [];
	assignees: UserRec[] = [];
	/** Issue comments, or a discussion's top-level comments, oldest first. */
	comments: CommentRec[] = [];
	/** A user the body mentions. */
	mention: UserRec | null = null;
	/** Counts per {@link REACTIONS} entry, or null for none. */
	reactions: number[] | null = null;
	/** Text set by a mutation; null means "generate from the seed". */
	bodyOverride: string | null = null;
	/** `bodyHTML` as served, bypassing the renderer (the security corpus); null means "render the body". */
	bodyHtmlOverride: string | null = null;
	category: CategoryRec | null = null;
	answer: CommentRec | null = null;
	answerChosenAt = 0;
	answerChosenBy: UserRec | null = null;
	upvotes = 0;
	/** When the thread was deleted (its node ID and its comments' IDs then resolve to nothing). */
	deletedAt = 0;
	/** The repository its node ID was minted in, when it has since been transferred (IDs stay stable). */
	idRepo: RepoRec | null = null;

	/** Creates a thread of a kind in a repository (`repo` changes when an issue is transferred). */
	constructor(
		readonly kind: ThreadKind,
		public repo: RepoRec,
	) {}

	/** True when closed (or merged, for pull requests). */
	get closed(): boolean {
		return this.closedAt > 0;
	}
}

/** An issue comment or a discussion comment / reply. */
export class CommentRec {
	dbId = 0;
	author: UserRec | null = null;
	createdAt = 0;
	updatedAt = 0;
	lastEditedAt = 0;
	/** For discussion replies: the top-level comment replied to. */
	replyTo: CommentRec | null = null;
	/** For top-level discussion comments: the replies, oldest first. */
	replies: CommentRec[] | null = null;
	/** The `ReportedContentClassifiers` value the comment was minimized with, or null. */
	minimizedReason: string | null = null;
	deletedAt = 0;
	upvotes = 0;
	reactions: number[] | null = null;
	bodyOverride: string | null = null;
	/** `bodyHTML` as served, bypassing the renderer (the security corpus); null means "render the body". */
	bodyHtmlOverride: string | null = null;

	/** Creates a comment on a thread. */
	constructor(readonly thread: ThreadRec) {}
}
