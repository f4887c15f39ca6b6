/** The `Mutation` root: the writes the extension uses, on top of {@link ./ops}. */
import { SandboxError } from './errors';
import * as ops from './ops';
import { CommentRec, ThreadRec, type CategoryRec, type LabelRec, type RepoRec, type UserRec } from './records';
import { findNode } from './resolvers';
import { View } from './viewBase';
import { ActorView, RepositoryView } from './views';
import { DiscussionCommentView, DiscussionView, IssueCommentView, IssueView, commentView, threadView } from './viewThreads';

type Input<T> = { input: T & { clientMutationId?: string | null } };
type Payload = Record<string, unknown> & { clientMutationId: string | null };

const WRITE_SCOPES = ['repo', 'public_repo'];

/** The `Mutation` root. Unimplemented mutations fail loudly through the field resolver. */
export class MutationRoot extends View {
	get __typename(): string { return 'Mutation'; }

	private _actor(operation: string): ops.Actor {
		const granted = this._c.scopes;
		if (!granted.some(s => WRITE_SCOPES.includes(s))) {
			throw new SandboxError(
				`Your token has not been granted the required scopes to execute this query. The '${operation}' field requires one of the following scopes: ['public_repo', 'repo'], but your token has only been granted the: [${granted.map(s => `'${s}'`).join(', ')}] scopes. Please modify your token's scopes at: https://github.com/settings/tokens.`,
				'INSUFFICIENT_SCOPES');
		}
		return { store: this._store, user: this._c.viewer, operation: operation.charAt(0).toUpperCase() + operation.slice(1) };
	}

	private _node<T>(id: string, what: string, test: (rec: unknown) => rec is T): T {
		const rec = findNode(this._c, id);
		if (!rec || !test(rec)) throw new SandboxError(`Could not resolve to ${what} node with the global id of '${id}'`, 'NOT_FOUND');
		return rec;
	}

	private _thread(id: string, kinds: readonly string[]): ThreadRec {
		return this._node(id, kinds.join(' or '), (r): r is ThreadRec => r instanceof ThreadRec && kinds.includes(r.kind));
	}

	private _comment(id: string, kinds: readonly string[]): CommentRec {
		return this._node(id, 'a comment', (r): r is CommentRec => r instanceof CommentRec && kinds.includes(r.thread.kind));
	}

	private _labels(ids: readonly string[], repo: RepoRec): LabelRec[] {
		return ids.map(id => this._node(id, 'a Label', (r): r is LabelRec => typeof r === 'object' && r !== null && 'color' in r && (r as LabelRec).repo === repo));
	}

	private _users(ids: readonly string[]): UserRec[] {
		return ids.map(id => this._node(id, 'a User', (r): r is UserRec => typeof r === 'object' && r !== null && 'login' in r && (r as UserRec).type === 'User'));
	}

	private _payload(input: { clientMutationId?: string | null }, fields: Record<string, unknown>): Payload {
		return { clientMutationId: input.clientMutationId ?? null, ...fields };
	}

	addDiscussionComment({ input }: Input<{ discussionId: string; body: string; replyToId?: string | null }>): Payload {
		const a = this._actor('addDiscussionComment');
		const t = this._thread(input.discussionId, ['discussion']);
		const replyTo = input.replyToId ? this._comment(input.replyToId, ['discussion']) : null;
		return this._payload(input, { comment: new DiscussionCommentView(this._c, ops.addComment(a, t, input.body, replyTo)) });
	}

	addComment({ input }: Input<{ subjectId: string; body: string }>): Payload {
		const a = this._actor('addComment');
		const t = this._thread(input.subjectId, ['issue', 'pr']);
		const c = ops.addComment(a, t, input.body);
		const edge = { cursor: Buffer.from(`cursor:v2:${c.createdAt}:${c.dbId}`).toString('base64'), node: new IssueCommentView(this._c, c) };
		return this._payload(input, { commentEdge: edge, timelineEdge: edge, subject: threadView(this._c, t) });
	}

	markDiscussionCommentAsAnswer({ input }: Input<{ id: string }>): Payload {
		const t = ops.markAnswer(this._actor('markDiscussionCommentAsAnswer'), this._comment(input.id, ['discussion']));
		return this._payload(input, { discussion: new DiscussionView(this._c, t) });
	}

	unmarkDiscussionCommentAsAnswer({ input }: Input<{ id: string }>): Payload {
		const t = ops.unmarkAnswer(this._actor('unmarkDiscussionCommentAsAnswer'), this._comment(input.id, ['discussion']));
		return this._payload(input, { discussion: new DiscussionView(this._c, t) });
	}

	closeDiscussion({ input }: Input<{ discussionId: string; reason?: string | null }>): Payload {
		const a = this._actor('closeDiscussion');
		const t = this._thread(input.discussionId, ['discussion']);
		ops.setClosed(a, t, true, input.reason ?? 'RESOLVED');
		return this._payload(input, { discussion: new DiscussionView(this._c, t) });
	}

	reopenDiscussion({ input }: Input<{ discussionId: string }>): Payload {
		const a = this._actor('reopenDiscussion');
		const t = this._thread(input.discussionId, ['discussion']);
		ops.setClosed(a, t, false, null);
		return this._payload(input, { discussion: new DiscussionView(this._c, t) });
	}

	closeIssue({ input }: Input<{ issueId: string; stateReason?: string | null; duplicateIssueId?: string | null }>): Payload {
		const a = this._actor('closeIssue');
		const t = this._thread(input.issueId, ['issue']);
		if (input.duplicateIssueId) this._thread(input.duplicateIssueId, ['issue']);
		ops.setClosed(a, t, true, input.duplicateIssueId ? 'DUPLICATE' : input.stateReason ?? 'COMPLETED');
		return this._payload(input, { issue: new IssueView(this._c, t) });
	}

	reopenIssue({ input }: Input<{ issueId: string }>): Payload {
		const a = this._actor('reopenIssue');
		const t = this._thread(input.issueId, ['issue']);
		ops.setClosed(a, t, false, null);
		return this._payload(input, { issue: new IssueView(this._c, t) });
	}

	lockLockable({ input }: Input<{ lockableId: string; lockReason?: string | null }>): Payload {
		const a = this._actor('lockLockable');
		const t = this._thread(input.lockableId, ['issue', 'pr', 'discussion']);
		ops.setLocked(a, t, true, input.lockReason ?? null);
		return this._payload(input, { actor: new ActorView(this._c, a.user), lockedRecord: threadView(this._c, t) });
	}

	unlockLockable({ input }: Input<{ lockableId: string }>): Payload {
		const a = this._actor('unlockLockable');
		const t = this._thread(input.lockableId, ['issue', 'pr', 'discussion']);
		ops.setLocked(a, t, false, null);
		return this._payload(input, { actor: new ActorView(this._c, a.user), unlockedRecord: threadView(this._c, t) });
	}

	minimizeComment({ input }: Input<{ subjectId: string; classifier: string }>): Payload {
		const a = this._actor('minimizeComment');
		const c = this._comment(input.subjectId, ['issue', 'pr', 'discussion']);
		ops.setMinimized(a, c, input.classifier);
		return this._payload(input, { minimizedComment: commentView(this._c, c) });
	}

	unminimizeComment({ input }: Input<{ subjectId: string }>): Payload {
		const a = this._actor('unminimizeComment');
		const c = this._comment(input.subjectId, ['issue', 'pr', 'discussion']);
		ops.setMinimized(a, c, null);
		return this._payload(input, { unminimizedComment: commentView(this._c, c) });
	}

	addLabelsToLabelable({ input }: Input<{ labelableId: string; labelIds: string[] }>): Payload {
		const a = this._actor('addLabelsToLabelable');
		const t = this._thread(input.labelableId, ['issue', 'pr', 'discussion']);
		ops.addLabels(a, t, this._labels(input.labelIds, t.repo));
		return this._payload(input, { labelable: threadView(this._c, t) });
	}

	removeLabelsFromLabelable({ input }: Input<{ labelableId: string; labelIds: string[] }>): Payload {
		const a = this._actor('removeLabelsFromLabelable');
		const t = this._thread(input.labelableId, ['issue', 'pr', 'discussion']);
		ops.removeLabels(a, t, this._labels(input.labelIds, t.repo));
		return this._payload(input, { labelable: threadView(this._c, t) });
	}

	addAssigneesToAssignable({ input }: Input<{ assignableId: string; assigneeIds: string[] }>): Payload {
		const a = this._actor('addAssigneesToAssignable');
		const t = this._thread(input.assignableId, ['issue', 'pr']);
		ops.addAssignees(a, t, this._users(input.assigneeIds));
		return this._payload(input, { assignable: threadView(this._c, t) });
	}

	removeAssigneesFromAssignable({ input }: Input<{ assignableId: string; assigneeIds: string[] }>): Payload {
		const a = this._actor('removeAssigneesFromAssignable');
		const t = this._thread(input.assignableId, ['issue', 'pr']);
		ops.removeAssignees(a, t, this._users(input.assigneeIds));
		return this._payload(input, { assignable: threadView(this._c, t) });
	}

	createDiscussion({ input }: Input<{ repositoryId: string; categoryId: string; title: string; body: string }>): Payload {
		const a = this._actor('createDiscussion');
		const repo = this._node(input.repositoryId, 'a Repository', (r): r is RepoRec => typeof r === 'object' && r !== null && 'byNumber' in r);
		const category = this._node(input.categoryId, 'a DiscussionCategory', (r): r is CategoryRec => typeof r === 'object' && r !== null && 'isAnswerable' in r && (r as CategoryRec).repo === repo);
		if (!repo.hasDiscussionsEnabled) throw new SandboxError('Discussions are disabled for this repository', 'UNPROCESSABLE');
		return this._payload(input, { discussion: new DiscussionView(this._c, ops.createDiscussion(a, category, input.title, input.body)) });
	}

	deleteIssue({ input }: Input<{ issueId: string }>): Payload {
		const a = this._actor('deleteIssue');
		const t = this._thread(input.issueId, ['issue']);
		const repo = t.repo;
		ops.deleteThread(a, t);
		return this._payload(input, { repository: new RepositoryView(this._c, repo) });
	}

	deleteDiscussion({ input }: Input<{ id: string }>): Payload {
		const a = this._actor('deleteDiscussion');
		const t = this._thread(input.id, ['discussion']);
		ops.deleteThread(a, t);
		return this._payload(input, { discussion: new DiscussionView(this._c, t) });
	}

	transferIssue({ input }: Input<{ issueId: string; repositoryId: string; createLabelsIfMissing?: boolean | null }>): Payload {
		const a = this._actor('transferIssue');
		const t = this._thread(input.issueId, ['issue']);
		const target = this._node(input.repositoryId, 'a Repository', (r): r is RepoRec => typeof r === 'object' && r !== null && 'byNumber' in r);
		ops.transferIssue(a, t, target, input.createLabelsIfMissing ?? false);
		return this._payload(input, { issue: new IssueView(this._c, t) });
	}

	updateIssue({ input }: Input<{ id: string; title?: string | null; body?: string | null; state?: string | null; labelIds?: string[] | null; assigneeIds?: string[] | null }>): Payload {
		const a = this._actor('updateIssue');
		const t = this._thread(input.id, ['issue']);
		if (input.title != null || input.body != null) ops.editIssue(a, t, input.title ?? null, input.body ?? null);
		if (input.state) ops.setClosed(a, t, input.state === 'CLOSED', null);
		if (input.labelIds) ops.setLabels(a, t, this._labels(input.labelIds, t.repo));
		if (input.assigneeIds) ops.setAssignees(a, t, this._users(input.assigneeIds));
		return this._payload(input, { actor: new ActorView(this._c, a.user), issue: new IssueView(this._c, t) });
	}
}
