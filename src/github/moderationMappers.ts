import type { Label } from '../core/model';
import { minimizedReasonOf, type AssignableUser, type ModerationAction, type ModerationState, type ModerationTarget } from '../core/moderation';
import { GitHubError } from './errors';
import { compact, toLabels } from './mappers';
import type { RawAssignableUser, RawModeratedComment, RawModeratedThread, RawModerationPayload, RawModerationResult } from './moderationQueries';
import type { RawLabel } from './queries';

// Raw moderation results → domain, and the user messages of refused moderation writes. Pure.

/**
 * Maps a thread's raw moderation state (and, when asked, a comment's). With `commentId` but no
 * raw comment, the comment's answer flag is derived from the discussion's `answer`.
 */
export function toModerationState(raw: RawModeratedThread, comment?: RawModeratedComment | null, commentId?: string): ModerationState {
	if (!raw.id || raw.closed === undefined || raw.locked === undefined) {
		throw new GitHubError('server', 'GitHub answered without the state of the conversation.');
	}
	const stateReason = raw.duplicateStateReason ?? raw.issueStateReason ?? raw.discussionStateReason ?? undefined;
	const answerId = raw.answer === undefined ? undefined : raw.answer?.id ?? null;
	return {
		id: raw.id,
		closed: raw.closed,
		closedAt: raw.closed ? epochMs(raw.closedAt) : undefined,
		stateReason,
		locked: raw.locked,
		labels: compact(raw.labels?.nodes).map(l => l.name),
		assignees: raw.assignees ? compact(raw.assignees.nodes).map(a => a.login) : undefined,
		isAnswered: raw.isAnswered ?? undefined,
		answerChosenAt: raw.isAnswered ? epochMs(raw.answerChosenAt) : undefined,
		comment: toCommentState(comment, commentId, answerId),
	};
}

function epochMs(iso: string | null | undefined): number | undefined {
	const t = iso ? Date.parse(iso) : NaN;
	return Number.isFinite(t) ? t : undefined;
}

function toCommentState(comment: RawModeratedComment | null | undefined, commentId: string | undefined, answerId: string | null | undefined): ModerationState['comment'] {
	if (comment?.id) {
		const minimizedReason = comment.isMinimized && comment.minimizedReason ? minimizedReasonOf(comment.minimizedReason) : undefined;
		const isAnswer = comment.isAnswer ?? (answerId === undefined ? undefined : answerId === comment.id);
		return { id: comment.id, isMinimized: comment.isMinimized, ...(minimizedReason ? { minimizedReason } : {}), isAnswer };
	}
	if (commentId && answerId !== undefined) return { id: commentId, isMinimized: false, isAnswer: answerId === commentId };
	return undefined;
}

/** The payload object of a moderation mutation's raw result, or a `server` error when it is missing. */
export function payloadOf(raw: RawModerationResult, mutation: string, field: string): RawModerationPayload {
	const payload = raw[mutation]?.[field];
	if (!payload) throw new GitHubError('server', 'GitHub answered without the changed conversation.');
	return payload;
}

/**
 * The state after a mutation: the payload is the thread, or (hide/unhide) the comment with its
 * thread; `commentId` asks for the comment's state too.
 */
export function stateOfPayload(payload: RawModerationPayload, commentId?: string): ModerationState {
	const thread = payload.issue ?? payload.discussion;
	if (thread) return toModerationState(thread, payload.isMinimized === undefined ? undefined : { id: payload.id, isMinimized: payload.isMinimized, minimizedReason: payload.minimizedReason, isAnswer: payload.isAnswer }, commentId);
	return toModerationState(payload, undefined, commentId);
}

/** Maps a page of raw labels (colours without `#`). */
export function toLabelList(nodes: readonly (RawLabel | null)[] | null | undefined): Label[] {
	return toLabels({ nodes: nodes ? [...nodes] : null });
}

/** Maps raw assignable users. */
export function toAssignableUsers(nodes: readonly (RawAssignableUser | null)[] | null | undefined): AssignableUser[] {
	return compact(nodes).map(u => ({ id: u.id, login: u.login, name: u.name || undefined }));
}

const VERBS: Readonly<Record<ModerationAction['kind'], string>> = {
	addLabels: 'label', removeLabels: 'unlabel', addAssignees: 'assign', removeAssignees: 'unassign', close: 'close', reopen: 'reopen',
	lock: 'lock', unlock: 'unlock', markAnswer: 'mark answers in', unmarkAnswer: 'unmark answers in', hide: 'hide comments in', unhide: 'unhide comments in',
};

/**
 * Rewrites GitHub's refusal of a moderation write in the user's terms (the kind stays, the
 * original is kept as the cause): "You do not have permission to lock issue #3 of acme/rocket".
 */
export function moderationError(error: GitHubError, target: ModerationTarget, action: ModerationAction): GitHubError {
	const what = `${target.kind} #${target.number} of ${target.repo.owner}/${target.repo.name}`;
	if (error.kind === 'forbidden') {
		return new GitHubError('forbidden', `You do not have permission to ${VERBS[action.kind]} ${what} on GitHub.`, { ...error.details, cause: error });
	}
	if (error.kind === 'notFound') {
		const subject = 'commentId' in action ? 'The comment' : action.kind === 'addLabels' || action.kind === 'removeLabels' ? 'A label' : action.kind === 'addAssignees' || action.kind === 'removeAssignees' ? 'A user' : 'It';
		return new GitHubError('notFound', `${subject} was not found on GitHub (${what}); it may have been deleted.`, { ...error.details, cause: error });
	}
	if (error.kind === 'invalid') {
		return new GitHubError('invalid', `GitHub refused to ${VERBS[action.kind]} ${what}: ${error.message.replace(/^GitHub rejected the query: /, '')}`, { ...error.details, cause: error });
	}
	return error;
}
