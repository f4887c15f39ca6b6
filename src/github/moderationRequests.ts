import type { Label, RepoRef } from '../core/model';
import { validateAction, type AssignableUser, type ModerationAction, type ModerationState, type ModerationTarget } from '../core/moderation';
import { notFoundError, toGitHubError } from './errorMapping';
import { GitHubError } from './errors';
import { moderationError, payloadOf, stateOfPayload, toAssignableUsers, toLabelList, toModerationState } from './moderationMappers';
import {
	ADD_ASSIGNEES_MUTATION, ADD_LABELS_MUTATION, ASSIGNABLE_USERS_QUERY, CLOSE_DISCUSSION_MUTATION, CLOSE_ISSUE_AS_DUPLICATE_MUTATION, CLOSE_ISSUE_MUTATION,
	LOCK_MUTATION, MARK_ANSWER_MUTATION, MINIMIZE_MUTATION, MODERATION_STATE_QUERY, REMOVE_ASSIGNEES_MUTATION, REMOVE_LABELS_MUTATION,
	REOPEN_DISCUSSION_MUTATION, REOPEN_ISSUE_MUTATION, REPOSITORY_LABELS_QUERY, THREAD_ID_QUERY, UNLOCK_MUTATION, UNMARK_ANSWER_MUTATION,
	UNMINIMIZE_MUTATION, type AssignableUsersResult, type ModerationStateResult, type RawModerationResult, type RepositoryLabelsResult, type ThreadIdResult,
} from './moderationQueries';

// The moderation calls of the GitHub client, over a GraphQL function that already runs through the
// client's pipeline (scheduler, retry policy: mutations are never retried). Kept apart from
// octokitClient.ts so the client only delegates.

/** A GraphQL call through the client's pipeline (queries may be retried; mutations never are). */
export type GraphQLCall = <T>(document: string, variables: Record<string, unknown>) => Promise<T>;

/** Labels are paged 100 at a time; a repository with more than this many is cut off (GitHub caps far lower in practice). */
const MAX_LABEL_PAGES = 20;

/** Every label of a repository, by name. */
export async function listLabels(gql: GraphQLCall, repo: RepoRef): Promise<Label[]> {
	const labels: Label[] = [];
	let cursor: string | null = null;
	for (let page = 0; page < MAX_LABEL_PAGES; page++) {
		const data: RepositoryLabelsResult = await gql<RepositoryLabelsResult>(REPOSITORY_LABELS_QUERY, { owner: repo.owner, name: repo.name, cursor });
		if (!data.repository) throw notFoundError(repo);
		const connection = data.repository.labels;
		labels.push(...toLabelList(connection?.nodes));
		if (!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
		cursor = connection.pageInfo.endCursor;
	}
	return labels;
}

/** Up to 100 users who can be assigned to the repository's issues, matching `query` when given. */
export async function listAssignableUsers(gql: GraphQLCall, repo: RepoRef, query?: string): Promise<AssignableUser[]> {
	const data = await gql<AssignableUsersResult>(ASSIGNABLE_USERS_QUERY, { owner: repo.owner, name: repo.name, filter: query?.trim() || null });
	if (!data.repository) throw notFoundError(repo);
	return toAssignableUsers(data.repository.assignableUsers.nodes);
}

/** The node ID of an issue or discussion by number; `notFound` naming it when there is none. */
export async function threadId(gql: GraphQLCall, repo: RepoRef, kind: 'issue' | 'discussion', number: number): Promise<string> {
	const missing = () => new GitHubError('notFound', `There is no ${kind} #${number} in ${repo.owner}/${repo.name}.`);
	let data: ThreadIdResult;
	try {
		data = await gql<ThreadIdResult>(THREAD_ID_QUERY, { owner: repo.owner, name: repo.name, number, issue: kind === 'issue' });
	} catch (error) {
		// GitHub answers an unknown number with a NOT_FOUND error rather than null.
		if (toGitHubError(error, { repo }).kind === 'notFound' && /\b(Issue|Discussion)\b/.test(messageOf(error))) throw missing();
		throw error;
	}
	if (!data.repository) throw notFoundError(repo);
	const node = kind === 'issue' ? data.repository.issue : data.repository.discussion;
	if (!node) throw missing();
	return node.id;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The moderation state of a thread (and of one comment), read back after an unknown outcome. */
export async function moderationState(gql: GraphQLCall, target: ModerationTarget, commentId?: string): Promise<ModerationState> {
	const id = target.id ?? await threadId(gql, target.repo, target.kind, target.number);
	const data = await gql<ModerationStateResult>(MODERATION_STATE_QUERY, { id, commentId: commentId ?? '', withComment: commentId !== undefined });
	if (!data.node) throw new GitHubError('notFound', `${target.kind} #${target.number} was not found on GitHub.`);
	if (commentId !== undefined && !data.comment) throw new GitHubError('notFound', 'The comment was not found on GitHub; it may have been deleted.');
	return toModerationState(data.node, data.comment, commentId);
}

/** One mutation: its document, variables, and where its payload is. */
interface MutationCall {
	readonly document: string;
	readonly variables: Record<string, unknown>;
	readonly mutation: string;
	readonly field: string;
}

/**
 * Runs one moderation action and returns GitHub's state afterwards. Bad input is refused before
 * anything is sent (`invalid`); refusals come back in the user's terms. Never retried.
 */
export async function moderate(gql: GraphQLCall, target: ModerationTarget, action: ModerationAction): Promise<ModerationState> {
	const problem = validateAction(target.kind, action);
	if (problem) throw new GitHubError('invalid', problem);
	try {
		const id = target.id ?? await threadId(gql, target.repo, target.kind, target.number);
		const duplicateId = action.kind === 'close' && action.duplicateOf !== undefined
			? await threadId(gql, target.repo, 'issue', action.duplicateOf) : undefined;
		if (duplicateId !== undefined && duplicateId === id) throw new GitHubError('invalid', 'An issue cannot be a duplicate of itself.');
		const call = mutationFor(target.kind, id, action, duplicateId);
		const raw = await gql<RawModerationResult>(call.document, call.variables);
		return stateOfPayload(payloadOf(raw, call.mutation, call.field), 'commentId' in action ? action.commentId : undefined);
	} catch (error) {
		const mapped = toGitHubError(error, { repo: target.repo });
		throw mapped.message.startsWith('There is no ') ? mapped : moderationError(mapped, target, action);
	}
}

/** The mutation for an action (`id` is the thread's node ID). */
export function mutationFor(kind: 'issue' | 'discussion', id: string, action: ModerationAction, duplicateId?: string): MutationCall {
	const m = (document: string, mutation: string, field: string, variables: Record<string, unknown>): MutationCall => ({ document, mutation, field, variables });
	switch (action.kind) {
		case 'addLabels': return m(ADD_LABELS_MUTATION, 'addLabelsToLabelable', 'labelable', { id, labelIds: action.labels.map(l => l.id) });
		case 'removeLabels': return m(REMOVE_LABELS_MUTATION, 'removeLabelsFromLabelable', 'labelable', { id, labelIds: action.labels.map(l => l.id) });
		case 'addAssignees': return m(ADD_ASSIGNEES_MUTATION, 'addAssigneesToAssignable', 'assignable', { id, assigneeIds: action.assignees.map(a => a.id) });
		case 'removeAssignees': return m(REMOVE_ASSIGNEES_MUTATION, 'removeAssigneesFromAssignable', 'assignable', { id, assigneeIds: action.assignees.map(a => a.id) });
		case 'close':
			if (kind === 'discussion') return m(CLOSE_DISCUSSION_MUTATION, 'closeDiscussion', 'discussion', { id, reason: action.reason });
			return duplicateId !== undefined
				? m(CLOSE_ISSUE_AS_DUPLICATE_MUTATION, 'closeIssue', 'issue', { id, duplicateIssueId: duplicateId })
				: m(CLOSE_ISSUE_MUTATION, 'closeIssue', 'issue', { id, stateReason: action.reason });
		case 'reopen':
			return kind === 'discussion' ? m(REOPEN_DISCUSSION_MUTATION, 'reopenDiscussion', 'discussion', { id }) : m(REOPEN_ISSUE_MUTATION, 'reopenIssue', 'issue', { id });
		case 'lock': return m(LOCK_MUTATION, 'lockLockable', 'lockedRecord', { id, lockReason: action.reason ?? null });
		case 'unlock': return m(UNLOCK_MUTATION, 'unlockLockable', 'unlockedRecord', { id });
		case 'markAnswer': return m(MARK_ANSWER_MUTATION, 'markDiscussionCommentAsAnswer', 'discussion', { commentId: action.commentId });
		case 'unmarkAnswer': return m(UNMARK_ANSWER_MUTATION, 'unmarkDiscussionCommentAsAnswer', 'discussion', { commentId: action.commentId });
		case 'hide': return m(MINIMIZE_MUTATION, 'minimizeComment', 'minimizedComment', { commentId: action.commentId, classifier: action.classifier });
		case 'unhide': return m(UNMINIMIZE_MUTATION, 'unminimizeComment', 'unminimizedComment', { commentId: action.commentId });
	}
}
