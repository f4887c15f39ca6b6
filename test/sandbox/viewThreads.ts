/** Resolver views for discussions, issues, pull requests and their comments. */
import { keysetConnection, listConnection, sortByKey, type ConnectionValue, type PageArgs } from './connection';
import type { CommentRec, ThreadRec } from './records';
import { associationOf } from './store';
import { iso, isoOrNull } from './time';
import { View, commentUrl, threadUrl, type GqlContext } from './viewBase';
import { ActorView, CategoryView, RepositoryView, actorView, labelConnection, reactionGroups, type LabelView, type ReactionGroupView } from './views';

type OrderArgs = { orderBy?: { field: string; direction: string } | null };

/** Fields every thread (Discussion, Issue, PullRequest) shares. */
abstract class ThreadView extends View {
	constructor(c: GqlContext, readonly _t: ThreadRec) {
		super(c);
	}
	protected get _isAuthor(): boolean { return this._t.author === this._c.viewer; }
	get id(): string { return this._store.nodeId(this._t); }
	get databaseId(): number { return this._t.dbId; }
	get number(): number { return this._t.number; }
	get title(): string { return this._t.title; }
	get body(): string { return this._store.bodyOf(this._t); }
	get bodyHTML(): string { return this._store.bodyHtmlOf(this._t); }
	get bodyText(): string { return this._store.bodyTextOf(this._t); }
	get url(): string { return threadUrl(this._store, this._t); }
	get resourcePath(): string { return new URL(this.url).pathname; }
	get author(): ActorView | null { return actorView(this._c, this._t.author); }
	get editor(): ActorView | null { return this._t.lastEditedAt ? this.author : null; }
	get authorAssociation(): string { return associationOf(this._t.author); }
	get createdAt(): string { return iso(this._t.createdAt); }
	get publishedAt(): string { return iso(this._t.createdAt); }
	get updatedAt(): string { return iso(this._t.updatedAt); }
	get lastEditedAt(): string | null { return isoOrNull(this._t.lastEditedAt); }
	get includesCreatedEdit(): boolean { return this._t.lastEditedAt > 0; }
	get createdViaEmail(): boolean { return false; }
	get closed(): boolean { return this._t.closed; }
	get closedAt(): string | null { return isoOrNull(this._t.closedAt); }
	get locked(): boolean { return this._t.locked; }
	get activeLockReason(): string | null { return this._t.locked ? this._t.lockReason : null; }
	get repository(): RepositoryView { return new RepositoryView(this._c, this._t.repo); }
	get reactionGroups(): ReactionGroupView[] { return reactionGroups(this._c, this._t); }
	labels(args: PageArgs & OrderArgs): ConnectionValue<LabelView> { return labelConnection(this._c, this._store.seeList(this._t.labels), args); }
	get viewerDidAuthor(): boolean { return this._isAuthor; }
	get viewerCanUpdate(): boolean { return this._triager || this._isAuthor; }
	get viewerCanClose(): boolean { return !this._t.closed && (this._triager || this._isAuthor); }
	get viewerCanReopen(): boolean { return this._t.closed && (this._triager || this._isAuthor); }
	get viewerCanDelete(): boolean { return this._c.viewer.role === 'owner'; }
	get viewerCanReact(): boolean { return !this._t.locked || this._triager; }
	get viewerCanLabel(): boolean { return this._triager; }
	get viewerCanSubscribe(): boolean { return true; }
	get viewerSubscription(): string { return this._isAuthor ? 'SUBSCRIBED' : 'UNSUBSCRIBED'; }
	get viewerCannotUpdateReasons(): string[] { return this.viewerCanUpdate ? [] : ['INSUFFICIENT_ACCESS']; }
}

/** A `Discussion`. */
export class DiscussionView extends ThreadView {
	get __typename(): string { return 'Discussion'; }
	get category(): CategoryView { return new CategoryView(this._c, this._t.category!); }
	get stateReason(): string | null { return this._t.stateReason; }
	get upvoteCount(): number { return this._t.upvotes; }
	get viewerCanUpvote(): boolean { return !this._t.locked; }
	get viewerHasUpvoted(): boolean { return false; }
	/** Null in categories that cannot have answers (GitHub's behaviour). */
	get isAnswered(): boolean | null { return this._t.category!.isAnswerable ? this._t.answer !== null : null; }
	get answer(): DiscussionCommentView | null {
		const a = this._t.answer && this._store.see(this._t.answer);
		return a ? new DiscussionCommentView(this._c, a) : null;
	}
	get answerChosenAt(): string | null { return this._t.answer ? isoOrNull(this._t.answerChosenAt) : null; }
	get answerChosenBy(): ActorView | null { return this._t.answer ? actorView(this._c, this._t.answerChosenBy) : null; }
	comments(args: PageArgs): ConnectionValue<DiscussionCommentView> {
		const list = this._store.seeList(this._t.comments);
		return keysetConnection(list, args, x => [x.createdAt, x.dbId], false, x => new DiscussionCommentView(this._c, x));
	}
}

/** An `Issue`. */
export class IssueView extends ThreadView {
	get __typename(): string { return 'Issue'; }
	get state(): string { return this._t.closed ? 'CLOSED' : 'OPEN'; }
	/** DUPLICATE is only reported when asked for (`enableDuplicate: true`), otherwise NOT_PLANNED. */
	stateReason(args: { enableDuplicate?: boolean | null }): string | null {
		const r = this._t.stateReason;
		return r === 'DUPLICATE' && !args.enableDuplicate ? 'NOT_PLANNED' : r;
	}
	get titleHTML(): string { return this._t.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
	get isPinned(): boolean { return false; }
	get milestone(): null { return null; }
	assignees(args: PageArgs): ConnectionValue<ActorView> { return listConnection(this._t.assignees, args, u => new ActorView(this._c, u)); }
	comments(args: PageArgs & OrderArgs): ConnectionValue<IssueCommentView> {
		return issueComments(this._c, this._t, args);
	}
}

function issueComments(c: GqlContext, t: ThreadRec, args: PageArgs & OrderArgs): ConnectionValue<IssueCommentView> {
	const byUpdate = args.orderBy?.field === 'UPDATED_AT';
	const desc = args.orderBy?.direction === 'DESC';
	const key = (x: CommentRec) => [byUpdate ? x.updatedAt : x.createdAt, x.dbId] as const;
	const list = c.store.seeList(t.comments);
	return keysetConnection(byUpdate || desc ? sortByKey(list, key, desc) : list, args, key, desc, x => new IssueCommentView(c, x));
}

/** A `PullRequest` (only what lists of issues need; closed pull requests are mostly merged). */
export class PullRequestView extends ThreadView {
	get __typename(): string { return 'PullRequest'; }
	get merged(): boolean { return this._t.closed && this._t.dbId % 5 !== 0; }
	get mergedAt(): string | null { return this.merged ? iso(this._t.closedAt) : null; }
	get state(): string { return this.merged ? 'MERGED' : this._t.closed ? 'CLOSED' : 'OPEN'; }
	get isDraft(): boolean { return false; }
	assignees(args: PageArgs): ConnectionValue<ActorView> { return listConnection(this._t.assignees, args, u => new ActorView(this._c, u)); }
	comments(args: PageArgs & OrderArgs): ConnectionValue<IssueCommentView> {
		return issueComments(this._c, this._t, args);
	}
}

/** The view of a thread of any kind. */
export function threadView(c: GqlContext, t: ThreadRec): DiscussionView | IssueView | PullRequestView {
	if (t.kind === 'discussion') return new DiscussionView(c, t);
	return t.kind === 'pr' ? new PullRequestView(c, t) : new IssueView(c, t);
}

/** GitHub reports `minimizedReason` in lower case with dashes (`off-topic`), unlike the mutation input. */
function minimizedReason(classifier: string | null): string | null {
	return classifier ? classifier.toLowerCase().replace(/_/g, '-') : null;
}

/** Fields issue and discussion comments share. */
abstract class CommentView extends View {
	constructor(c: GqlContext, readonly _x: CommentRec) {
		super(c);
	}
	protected get _isAuthor(): boolean { return this._x.author === this._c.viewer; }
	get id(): string { return this._store.nodeId(this._x); }
	get databaseId(): number { return this._x.dbId; }
	get body(): string { return this._store.bodyOf(this._x); }
	get bodyHTML(): string { return this._store.bodyHtmlOf(this._x); }
	get bodyText(): string { return this._store.bodyTextOf(this._x); }
	get author(): ActorView | null { return actorView(this._c, this._x.author); }
	get editor(): ActorView | null { return this._x.lastEditedAt ? this.author : null; }
	get authorAssociation(): string { return associationOf(this._x.author); }
	get createdAt(): string { return iso(this._x.createdAt); }
	get publishedAt(): string { return iso(this._x.createdAt); }
	get updatedAt(): string { return iso(this._x.updatedAt); }
	get lastEditedAt(): string | null { return isoOrNull(this._x.lastEditedAt); }
	get includesCreatedEdit(): boolean { return this._x.lastEditedAt > 0; }
	get createdViaEmail(): boolean { return false; }
	get isMinimized(): boolean { return this._x.minimizedReason !== null; }
	get minimizedReason(): string | null { return minimizedReason(this._x.minimizedReason); }
	get url(): string { return commentUrl(this._store, this._x); }
	get resourcePath(): string { return new URL(this.url).pathname + new URL(this.url).hash; }
	get reactionGroups(): ReactionGroupView[] { return reactionGroups(this._c, this._x); }
	get viewerDidAuthor(): boolean { return this._isAuthor; }
	get viewerCanUpdate(): boolean { return this._isAuthor || this._triager; }
	get viewerCanDelete(): boolean { return this._isAuthor || this._triager; }
	get viewerCanMinimize(): boolean { return this._triager; }
	get viewerCanReact(): boolean { return !this._x.thread.locked || this._triager; }
	get viewerCannotUpdateReasons(): string[] { return this.viewerCanUpdate ? [] : ['INSUFFICIENT_ACCESS']; }
}

/** A `DiscussionComment` (top-level comment or threaded reply). */
export class DiscussionCommentView extends CommentView {
	get __typename(): string { return 'DiscussionComment'; }
	private get _thread(): ThreadRec { return this._store.see(this._x.thread) ?? this._x.thread; }
	private get _canChoose(): boolean {
		return this._thread.category!.isAnswerable && this._x.replyTo === null && (this._triager || this._thread.author === this._c.viewer);
	}
	get deletedAt(): string | null { return isoOrNull(this._x.deletedAt); }
	get discussion(): DiscussionView { return new DiscussionView(this._c, this._thread); }
	get isAnswer(): boolean { return this._thread.answer === this._x; }
	get upvoteCount(): number { return this._x.upvotes; }
	get viewerCanUpvote(): boolean { return !this._x.thread.locked; }
	get viewerHasUpvoted(): boolean { return false; }
	get viewerCanMarkAsAnswer(): boolean { return this._canChoose && !this.isAnswer; }
	get viewerCanUnmarkAsAnswer(): boolean { return this._canChoose && this.isAnswer; }
	get replyTo(): DiscussionCommentView | null {
		const parent = this._x.replyTo && this._store.see(this._x.replyTo);
		return parent ? new DiscussionCommentView(this._c, parent) : null;
	}
	replies(args: PageArgs): ConnectionValue<DiscussionCommentView> {
		const list = this._store.seeList(this._x.replies ?? []);
		return keysetConnection(list, args, x => [x.createdAt, x.dbId], false, x => new DiscussionCommentView(this._c, x));
	}
}

/** An `IssueComment`. */
export class IssueCommentView extends CommentView {
	get __typename(): string { return 'IssueComment'; }
	get fullDatabaseId(): string { return String(this._x.dbId); }
	get issue(): IssueView | PullRequestView { return threadView(this._c, this._x.thread) as IssueView | PullRequestView; }
	get pullRequest(): PullRequestView | null { return this._x.thread.kind === 'pr' ? new PullRequestView(this._c, this._x.thread) : null; }
	get repository(): RepositoryView { return new RepositoryView(this._c, this._x.thread.repo); }
}

/** The view of a comment of any kind. */
export function commentView(c: GqlContext, x: CommentRec): DiscussionCommentView | IssueCommentView {
	return x.thread.kind === 'discussion' ? new DiscussionCommentView(c, x) : new IssueCommentView(c, x);
}
