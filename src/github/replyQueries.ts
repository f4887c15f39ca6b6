import type { RawActor } from './queries';

/**
 * GraphQL documents of replies: the two comment mutations and the read-backs that find a reply by
 * its marker when a write's outcome is unknown (security checklist R7). One mutation per request
 * (R9); cost notes follow GitHub's formula (see `src/github/queries.ts`).
 */

/** Fields of a posted comment as the outbox needs them. */
export const POSTED_COMMENT_FIELDS = /* GraphQL */ `
	fragment PostedCommentFields on Comment {
		id
		createdAt
		body
		author {
			login
		}
	}
`;

/**
 * Replies to a discussion, or (with `replyToId`) within one of its top-level comments.
 * Cost: 1 point (no connections).
 */
export const ADD_DISCUSSION_COMMENT_MUTATION = /* GraphQL */ `
	mutation AddDiscussionComment($discussionId: ID!, $body: String!, $replyToId: ID, $clientMutationId: String) {
		addDiscussionComment(input: { discussionId: $discussionId, body: $body, replyToId: $replyToId, clientMutationId: $clientMutationId }) {
			clientMutationId
			comment {
				...PostedCommentFields
				url
			}
		}
	}
	${POSTED_COMMENT_FIELDS}
`;

/**
 * Comments on an issue.
 * Cost: 1 point (no connections).
 */
export const ADD_ISSUE_COMMENT_MUTATION = /* GraphQL */ `
	mutation AddIssueComment($subjectId: ID!, $body: String!, $clientMutationId: String) {
		addComment(input: { subjectId: $subjectId, body: $body, clientMutationId: $clientMutationId }) {
			clientMutationId
			commentEdge {
				node {
					...PostedCommentFields
					url
				}
			}
		}
	}
	${POSTED_COMMENT_FIELDS}
`;

/**
 * The 100 newest top-level comments of a discussion (read-back after an unknown outcome).
 * Cost: comments 1 request → 1 point; at most 100 nodes.
 */
export const RECENT_DISCUSSION_COMMENTS_QUERY = /* GraphQL */ `
	query RecentDiscussionComments($owner: String!, $name: String!, $number: Int!) {
		repository(owner: $owner, name: $name) {
			discussion(number: $number) {
				comments(last: 100) {
					nodes {
						...PostedCommentFields
						url
					}
				}
			}
		}
	}
	${POSTED_COMMENT_FIELDS}
`;

/**
 * The 100 newest replies to a discussion comment (read-back of a nested reply).
 * Cost: replies 1 request → 1 point; at most 100 nodes.
 */
export const RECENT_DISCUSSION_REPLIES_QUERY = /* GraphQL */ `
	query RecentDiscussionReplies($id: ID!) {
		node(id: $id) {
			... on DiscussionComment {
				replies(last: 100) {
					nodes {
						...PostedCommentFields
						url
					}
				}
			}
		}
	}
	${POSTED_COMMENT_FIELDS}
`;

/**
 * The 100 newest comments of an issue (read-back after an unknown outcome).
 * Cost: comments 1 request → 1 point; at most 100 nodes.
 */
export const RECENT_ISSUE_COMMENTS_QUERY = /* GraphQL */ `
	query RecentIssueComments($owner: String!, $name: String!, $number: Int!) {
		repository(owner: $owner, name: $name) {
			issue(number: $number) {
				comments(last: 100) {
					nodes {
						...PostedCommentFields
						url
					}
				}
			}
		}
	}
	${POSTED_COMMENT_FIELDS}
`;

/** Raw comment as selected by {@link POSTED_COMMENT_FIELDS} plus `url`. */
export interface RawPostedComment {
	id: string;
	url: string;
	createdAt: string;
	body: string;
	author: RawActor | null;
}

/** Raw result of {@link ADD_DISCUSSION_COMMENT_MUTATION}. */
export interface AddDiscussionCommentResult {
	addDiscussionComment: { clientMutationId: string | null; comment: RawPostedComment | null } | null;
}

/** Raw result of {@link ADD_ISSUE_COMMENT_MUTATION}. */
export interface AddIssueCommentResult {
	addComment: { clientMutationId: string | null; commentEdge: { node: RawPostedComment | null } | null } | null;
}

/** Raw result of {@link RECENT_DISCUSSION_COMMENTS_QUERY}. */
export interface RecentDiscussionCommentsResult {
	repository: { discussion: { comments: { nodes: (RawPostedComment | null)[] | null } } | null } | null;
}

/** Raw result of {@link RECENT_DISCUSSION_REPLIES_QUERY}. */
export interface RecentDiscussionRepliesResult {
	node: { replies?: { nodes: (RawPostedComment | null)[] | null } } | null;
}

/** Raw result of {@link RECENT_ISSUE_COMMENTS_QUERY}. */
export interface RecentIssueCommentsResult {
	repository: { issue: { comments: { nodes: (RawPostedComment | null)[] | null } } | null } | null;
}
