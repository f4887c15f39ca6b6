import type { RawLabel, RawPageInfo } from './queries';

/**
 * GraphQL documents of moderation: one mutation per action (never batched, security checklist R9),
 * each returning the thread's (or the comment's) state afterwards so the caller can confirm what
 * GitHub did; the read-back of that state after an unknown outcome; look-ups of node IDs; and the
 * repository's labels and assignable users for the pickers.
 */

/** An issue's moderation state. `stateReason` is aliased: the two thread types use different enums. */
export const MODERATED_ISSUE_FIELDS = /* GraphQL */ `
	fragment ModeratedIssueFields on Issue {
		id
		closed
		closedAt
		issueStateReason: stateReason
		locked
		labels(first: 100) {
			nodes {
				name
			}
		}
		assignees(first: 100) {
			nodes {
				login
			}
		}
	}
`;

/** A discussion's moderation state, with the answer's ID and when it was chosen. */
export const MODERATED_DISCUSSION_FIELDS = /* GraphQL */ `
	fragment ModeratedDiscussionFields on Discussion {
		id
		closed
		closedAt
		discussionStateReason: stateReason
		locked
		isAnswered
		answerChosenAt
		answer {
			id
		}
		labels(first: 100) {
			nodes {
				name
			}
		}
	}
`;

/** A comment's moderation state. */
export const MODERATED_COMMENT_FIELDS = /* GraphQL */ `
	fragment ModeratedCommentFields on Minimizable {
		isMinimized
		minimizedReason
		... on IssueComment {
			id
		}
		... on DiscussionComment {
			id
			isAnswer
		}
	}
`;

/**
 * Adds labels to an issue or discussion.
 * Cost: 1 point (a mutation).
 */
export const ADD_LABELS_MUTATION = /* GraphQL */ `
	mutation AddLabels($id: ID!, $labelIds: [ID!]!) {
		addLabelsToLabelable(input: { labelableId: $id, labelIds: $labelIds }) {
			labelable {
				...ModeratedIssueFields
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
	${MODERATED_DISCUSSION_FIELDS}
`;

/**
 * Removes labels from an issue or discussion.
 * Cost: 1 point (a mutation).
 */
export const REMOVE_LABELS_MUTATION = /* GraphQL */ `
	mutation RemoveLabels($id: ID!, $labelIds: [ID!]!) {
		removeLabelsFromLabelable(input: { labelableId: $id, labelIds: $labelIds }) {
			labelable {
				...ModeratedIssueFields
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
	${MODERATED_DISCUSSION_FIELDS}
`;

/**
 * Assigns users to an issue.
 * Cost: 1 point (a mutation).
 */
export const ADD_ASSIGNEES_MUTATION = /* GraphQL */ `
	mutation AddAssignees($id: ID!, $assigneeIds: [ID!]!) {
		addAssigneesToAssignable(input: { assignableId: $id, assigneeIds: $assigneeIds }) {
			assignable {
				...ModeratedIssueFields
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
`;

/**
 * Unassigns users from an issue.
 * Cost: 1 point (a mutation).
 */
export const REMOVE_ASSIGNEES_MUTATION = /* GraphQL */ `
	mutation RemoveAssignees($id: ID!, $assigneeIds: [ID!]!) {
		removeAssigneesFromAssignable(input: { assignableId: $id, assigneeIds: $assigneeIds }) {
			assignable {
				...ModeratedIssueFields
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
`;

/**
 * Closes an issue with a reason (`COMPLETED`, `NOT_PLANNED`, or `DUPLICATE` without naming the original).
 * Cost: 1 point (a mutation).
 */
export const CLOSE_ISSUE_MUTATION = /* GraphQL */ `
	mutation CloseIssue($id: ID!, $stateReason: IssueClosedStateReason) {
		closeIssue(input: { issueId: $id, stateReason: $stateReason }) {
			issue {
				...ModeratedIssueFields
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
`;

/**
 * Closes an issue as a duplicate of another. `duplicateIssueId` is newer than the introspection
 * JSON of `@octokit/graphql-schema` (the SDL has it), so it gets a document of its own: closing
 * for any other reason keeps working on servers without it. GitHub reports `DUPLICATE` only when
 * asked (`enableDuplicate`), `NOT_PLANNED` otherwise.
 * Cost: 1 point (a mutation).
 */
export const CLOSE_ISSUE_AS_DUPLICATE_MUTATION = /* GraphQL */ `
	mutation CloseIssueAsDuplicate($id: ID!, $duplicateIssueId: ID!) {
		closeIssue(input: { issueId: $id, stateReason: DUPLICATE, duplicateIssueId: $duplicateIssueId }) {
			issue {
				...ModeratedIssueFields
				duplicateStateReason: stateReason(enableDuplicate: true)
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
`;

/**
 * Reopens an issue.
 * Cost: 1 point (a mutation).
 */
export const REOPEN_ISSUE_MUTATION = /* GraphQL */ `
	mutation ReopenIssue($id: ID!) {
		reopenIssue(input: { issueId: $id }) {
			issue {
				...ModeratedIssueFields
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
`;

/**
 * Closes a discussion with a reason.
 * Cost: 1 point (a mutation).
 */
export const CLOSE_DISCUSSION_MUTATION = /* GraphQL */ `
	mutation CloseDiscussion($id: ID!, $reason: DiscussionCloseReason) {
		closeDiscussion(input: { discussionId: $id, reason: $reason }) {
			discussion {
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_DISCUSSION_FIELDS}
`;

/**
 * Reopens a discussion.
 * Cost: 1 point (a mutation).
 */
export const REOPEN_DISCUSSION_MUTATION = /* GraphQL */ `
	mutation ReopenDiscussion($id: ID!) {
		reopenDiscussion(input: { discussionId: $id }) {
			discussion {
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_DISCUSSION_FIELDS}
`;

/**
 * Locks an issue or discussion, with an optional reason.
 * Cost: 1 point (a mutation).
 */
export const LOCK_MUTATION = /* GraphQL */ `
	mutation Lock($id: ID!, $lockReason: LockReason) {
		lockLockable(input: { lockableId: $id, lockReason: $lockReason }) {
			lockedRecord {
				...ModeratedIssueFields
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
	${MODERATED_DISCUSSION_FIELDS}
`;

/**
 * Unlocks an issue or discussion.
 * Cost: 1 point (a mutation).
 */
export const UNLOCK_MUTATION = /* GraphQL */ `
	mutation Unlock($id: ID!) {
		unlockLockable(input: { lockableId: $id }) {
			unlockedRecord {
				...ModeratedIssueFields
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_ISSUE_FIELDS}
	${MODERATED_DISCUSSION_FIELDS}
`;

/**
 * Marks a discussion comment as the answer (replacing any other).
 * Cost: 1 point (a mutation).
 */
export const MARK_ANSWER_MUTATION = /* GraphQL */ `
	mutation MarkAnswer($commentId: ID!) {
		markDiscussionCommentAsAnswer(input: { id: $commentId }) {
			discussion {
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_DISCUSSION_FIELDS}
`;

/**
 * Unmarks the answer of a discussion.
 * Cost: 1 point (a mutation).
 */
export const UNMARK_ANSWER_MUTATION = /* GraphQL */ `
	mutation UnmarkAnswer($commentId: ID!) {
		unmarkDiscussionCommentAsAnswer(input: { id: $commentId }) {
			discussion {
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_DISCUSSION_FIELDS}
`;

/** A hidden or shown comment's state with its thread's, the payload of hiding and unhiding. */
const MODERATED_COMMENT_WITH_THREAD_FIELDS = /* GraphQL */ `
	fragment ModeratedCommentWithThreadFields on Minimizable {
		...ModeratedCommentFields
		... on IssueComment {
			issue {
				...ModeratedIssueFields
			}
		}
		... on DiscussionComment {
			discussion {
				...ModeratedDiscussionFields
			}
		}
	}
	${MODERATED_COMMENT_FIELDS}
	${MODERATED_ISSUE_FIELDS}
	${MODERATED_DISCUSSION_FIELDS}
`;

/**
 * Hides (minimizes) a comment with a classifier; returns the comment with its thread's state.
 * Cost: 1 point (a mutation).
 */
export const MINIMIZE_MUTATION = /* GraphQL */ `
	mutation MinimizeComment($commentId: ID!, $classifier: ReportedContentClassifiers!) {
		minimizeComment(input: { subjectId: $commentId, classifier: $classifier }) {
			minimizedComment {
				...ModeratedCommentWithThreadFields
			}
		}
	}
	${MODERATED_COMMENT_WITH_THREAD_FIELDS}
`;

/**
 * Shows a hidden comment again.
 * Cost: 1 point (a mutation).
 */
export const UNMINIMIZE_MUTATION = /* GraphQL */ `
	mutation UnminimizeComment($commentId: ID!) {
		unminimizeComment(input: { subjectId: $commentId }) {
			unminimizedComment {
				...ModeratedCommentWithThreadFields
			}
		}
	}
	${MODERATED_COMMENT_WITH_THREAD_FIELDS}
`;

/**
 * The moderation state of a thread and, with `$withComment`, of one of its comments: read back
 * after a write whose outcome is unknown (network error, 5xx) before reporting it failed.
 * Cost: labels 1 + assignees 1 = 2 requests → 1 point; at most 200 nodes.
 */
export const MODERATION_STATE_QUERY = /* GraphQL */ `
	query ModerationState($id: ID!, $commentId: ID!, $withComment: Boolean!) {
		node(id: $id) {
			...ModeratedIssueFields
			...ModeratedDiscussionFields
		}
		comment: node(id: $commentId) @include(if: $withComment) {
			...ModeratedCommentFields
		}
	}
	${MODERATED_ISSUE_FIELDS}
	${MODERATED_DISCUSSION_FIELDS}
	${MODERATED_COMMENT_FIELDS}
`;

/**
 * The node ID of an issue or a discussion by number (moderation targets from the tree carry the
 * number; "duplicate of #N" names the original by number).
 * Cost: 1 point (no connections).
 */
export const THREAD_ID_QUERY = /* GraphQL */ `
	query ThreadId($owner: String!, $name: String!, $number: Int!, $issue: Boolean!) {
		repository(owner: $owner, name: $name) {
			issue(number: $number) @include(if: $issue) {
				id
			}
			discussion(number: $number) @skip(if: $issue) {
				id
			}
		}
	}
`;

/**
 * One page of a repository's labels, by name (the label picker pages through all of them).
 * Cost: labels 1 request → 1 point; at most 100 nodes.
 */
export const REPOSITORY_LABELS_QUERY = /* GraphQL */ `
	query RepositoryLabels($owner: String!, $name: String!, $cursor: String) {
		repository(owner: $owner, name: $name) {
			labels(first: 100, after: $cursor, orderBy: { field: NAME, direction: ASC }) {
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					id
					name
					color
					description
				}
			}
		}
	}
`;

/**
 * Up to 100 users who can be assigned to issues, optionally matching a login or name.
 * Cost: assignableUsers 1 request → 1 point; at most 100 nodes.
 */
export const ASSIGNABLE_USERS_QUERY = /* GraphQL */ `
	query AssignableUsers($owner: String!, $name: String!, $filter: String) {
		repository(owner: $owner, name: $name) {
			assignableUsers(first: 100, query: $filter) {
				nodes {
					id
					login
					name
				}
			}
		}
	}
`;

/** Raw thread state as selected by the moderated-thread fragments (either type; absent fields undefined). */
export interface RawModeratedThread {
	id?: string;
	closed?: boolean;
	closedAt?: string | null;
	issueStateReason?: string | null;
	/** Closing as a duplicate asks for the reason with `enableDuplicate` (GitHub says `NOT_PLANNED` otherwise). */
	duplicateStateReason?: string | null;
	discussionStateReason?: string | null;
	locked?: boolean;
	isAnswered?: boolean | null;
	answerChosenAt?: string | null;
	answer?: { id: string } | null;
	labels?: { nodes: ({ name: string } | null)[] | null } | null;
	assignees?: { nodes: ({ login: string } | null)[] | null } | null;
}

/** Raw comment state as selected by {@link MODERATED_COMMENT_FIELDS}. */
export interface RawModeratedComment {
	id?: string;
	isMinimized: boolean;
	minimizedReason?: string | null;
	isAnswer?: boolean;
}

/** A mutation's payload object: a thread, or (hide/unhide) a comment with its thread. */
export type RawModerationPayload = RawModeratedThread & Partial<RawModeratedComment> & { issue?: RawModeratedThread | null; discussion?: RawModeratedThread | null };

/** Raw result of any moderation mutation: `{ <mutation>: { <payload field>: … } }`. */
export type RawModerationResult = Record<string, Record<string, RawModerationPayload | null | undefined> | null>;

/** Raw result of {@link MODERATION_STATE_QUERY}. */
export interface ModerationStateResult {
	node: RawModeratedThread | null;
	comment?: RawModeratedComment | null;
}

/** Raw result of {@link THREAD_ID_QUERY}. */
export interface ThreadIdResult {
	repository: { issue?: { id: string } | null; discussion?: { id: string } | null } | null;
}

/** Raw result of {@link REPOSITORY_LABELS_QUERY}. */
export interface RepositoryLabelsResult {
	repository: { labels: { pageInfo: RawPageInfo; nodes: (RawLabel | null)[] | null } | null } | null;
}

/** Raw `User` of {@link ASSIGNABLE_USERS_QUERY}. */
export interface RawAssignableUser {
	id: string;
	login: string;
	name: string | null;
}

/** Raw result of {@link ASSIGNABLE_USERS_QUERY}. */
export interface AssignableUsersResult {
	repository: { assignableUsers: { nodes: (RawAssignableUser | null)[] | null } } | null;
}
