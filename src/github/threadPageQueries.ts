import { DISCUSSION_COMMENT_FIELDS, REACTION_FIELDS, type RawDiscussionComment, type RawPageInfo } from './queries';

/**
 * GraphQL documents of the thread panel's "Load more": the next page of replies to a discussion
 * comment. (The next page of top-level comments reuses the thread queries with their `$cursor`, so
 * each page carries every field the first one has.) Cost notes follow GitHub's formula.
 */

/**
 * The next 50 replies to a discussion comment, after a cursor.
 * Cost: replies 1 + reply reactors 50 = 51 requests → 1 point; at most 50 nodes.
 */
export const DISCUSSION_REPLIES_PAGE_QUERY = /* GraphQL */ `
	query DiscussionRepliesPage($id: ID!, $cursor: String) {
		node(id: $id) {
			... on DiscussionComment {
				replies(first: 50, after: $cursor) {
					totalCount
					pageInfo {
						hasNextPage
						endCursor
					}
					nodes {
						...DiscussionCommentFields
					}
				}
			}
		}
	}
	${DISCUSSION_COMMENT_FIELDS}
	${REACTION_FIELDS}
`;

/** Raw result of {@link DISCUSSION_REPLIES_PAGE_QUERY}. */
export interface DiscussionRepliesPageResult {
	node: {
		replies?: { totalCount: number; pageInfo: RawPageInfo; nodes: (RawDiscussionComment | null)[] | null };
	} | null;
}
