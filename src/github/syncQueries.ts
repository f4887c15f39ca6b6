import type { RawActor, RawPageInfo } from './queries';

/**
 * GraphQL documents of the sync engine: bulk pages of issues and discussions with their comments
 * nested, never bodies (performance.md B1). Cost notes follow GitHub's formula with variables at
 * their maximum of 100 (see `src/github/queries.ts`); the engine usually asks for less, and the
 * sandbox charges what is really asked. Each document stays under 5,000 nodes, so comment pages
 * are shorter than 100 and the rest comes through alias-batched overflow pages
 * ({@link buildCommentPagesQuery}).
 */

// ---------------------------------------------------------------------------------------------
// Fragments

/** What the index keeps of an issue comment. */
export const SYNC_ISSUE_COMMENT_FIELDS = /* GraphQL */ `
	fragment SyncIssueComment on IssueComment {
		id
		author {
			__typename
			login
		}
		authorAssociation
		createdAt
		isMinimized
		minimizedReason
	}
`;

/** What the index keeps of a discussion comment or reply. */
export const SYNC_DISCUSSION_COMMENT_FIELDS = /* GraphQL */ `
	fragment SyncDiscussionComment on DiscussionComment {
		id
		author {
			__typename
			login
		}
		authorAssociation
		createdAt
		isAnswer
		isMinimized
		minimizedReason
	}
`;

/** What the index keeps of an issue (labels and assignees are asked for separately). */
export const SYNC_ISSUE_FIELDS = /* GraphQL */ `
	fragment SyncIssue on Issue {
		id
		number
		title
		state
		stateReason
		closedAt
		locked
		createdAt
		updatedAt
		author {
			__typename
			login
		}
		authorAssociation
	}
`;

/** What the index keeps of a discussion. */
export const SYNC_DISCUSSION_FIELDS = /* GraphQL */ `
	fragment SyncDiscussion on Discussion {
		id
		number
		title
		closed
		stateReason
		closedAt
		locked
		createdAt
		updatedAt
		author {
			__typename
			login
		}
		authorAssociation
		category {
			id
		}
		isAnswered
		answerChosenAt
	}
`;

// ---------------------------------------------------------------------------------------------
// Pages

/**
 * A page of issues with labels, assignees and their first 30 comments (the open-items pass).
 * Cost: 1 + 100 × 3 = 301 requests → 3 points; at most 4,600 nodes.
 */
export const SYNC_ISSUES_QUERY = /* GraphQL */ `
	query SyncIssues($owner: String!, $name: String!, $first: Int!, $cursor: String, $states: [IssueState!], $direction: OrderDirection!) {
		repository(owner: $owner, name: $name) {
			issues(first: $first, after: $cursor, states: $states, orderBy: { field: UPDATED_AT, direction: $direction }) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...SyncIssue
					labels(first: 10) {
						nodes {
							name
						}
					}
					assignees(first: 5) {
						nodes {
							login
						}
					}
					comments(first: 30) {
						totalCount
						pageInfo {
							hasNextPage
							endCursor
						}
						nodes {
							...SyncIssueComment
						}
					}
				}
			}
		}
	}
	${SYNC_ISSUE_FIELDS}
	${SYNC_ISSUE_COMMENT_FIELDS}
`;

/**
 * A lean page of issues for the history backfill: no labels or assignees, 49 comments each.
 * Cost: 1 + 100 = 101 requests → 1 point; at most 5,000 nodes.
 */
export const SYNC_LEAN_ISSUES_QUERY = /* GraphQL */ `
	query SyncLeanIssues($owner: String!, $name: String!, $first: Int!, $cursor: String, $states: [IssueState!], $direction: OrderDirection!) {
		repository(owner: $owner, name: $name) {
			issues(first: $first, after: $cursor, states: $states, orderBy: { field: UPDATED_AT, direction: $direction }) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...SyncIssue
					comments(first: 49) {
						totalCount
						pageInfo {
							hasNextPage
							endCursor
						}
						nodes {
							...SyncIssueComment
						}
					}
				}
			}
		}
	}
	${SYNC_ISSUE_FIELDS}
	${SYNC_ISSUE_COMMENT_FIELDS}
`;

/**
 * A page of discussions with labels and their first 40 top-level comments (replies come in a
 * second pass). Cost: 1 + 100 × 2 = 201 requests → 2 points; at most 4,600 nodes.
 */
export const SYNC_DISCUSSIONS_QUERY = /* GraphQL */ `
	query SyncDiscussions($owner: String!, $name: String!, $first: Int!, $cursor: String, $states: [DiscussionState!], $direction: OrderDirection!) {
		repository(owner: $owner, name: $name) {
			discussions(first: $first, after: $cursor, states: $states, orderBy: { field: UPDATED_AT, direction: $direction }) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...SyncDiscussion
					labels(first: 5) {
						nodes {
							name
						}
					}
					comments(first: 40) {
						totalCount
						pageInfo {
							hasNextPage
							endCursor
						}
						nodes {
							...SyncDiscussionComment
						}
					}
				}
			}
		}
	}
	${SYNC_DISCUSSION_FIELDS}
	${SYNC_DISCUSSION_COMMENT_FIELDS}
`;

/**
 * The incremental probe: issues updated since the watermark (oldest first, `$cursor` pages on)
 * and the most recently updated discussions, with their latest 10 comments, in one request. The engine asks for about
 * 20 of each, which the sandbox charges as 1 point. Cost at page size 100:
 * 1 + 100 × 3 + 1 + 100 × 2 = 502 requests → 5 points; at most 4,000 nodes.
 */
export const SYNC_CHANGES_QUERY = /* GraphQL */ `
	query SyncChanges($owner: String!, $name: String!, $since: DateTime, $issueFirst: Int!, $discussionFirst: Int!, $cursor: String) {
		repository(owner: $owner, name: $name) {
			issues(first: $issueFirst, after: $cursor, filterBy: { since: $since }, orderBy: { field: UPDATED_AT, direction: ASC }) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...SyncIssue
					labels(first: 10) {
						nodes {
							name
						}
					}
					assignees(first: 3) {
						nodes {
							login
						}
					}
					comments(last: 10) {
						totalCount
						nodes {
							...SyncIssueComment
						}
					}
				}
			}
			discussions(first: $discussionFirst, orderBy: { field: UPDATED_AT, direction: DESC }) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...SyncDiscussion
					labels(first: 5) {
						nodes {
							name
						}
					}
					comments(last: 10) {
						totalCount
						nodes {
							...SyncDiscussionComment
						}
					}
				}
			}
		}
	}
	${SYNC_ISSUE_FIELDS}
	${SYNC_ISSUE_COMMENT_FIELDS}
	${SYNC_DISCUSSION_FIELDS}
	${SYNC_DISCUSSION_COMMENT_FIELDS}
`;

/**
 * Replies of up to 3 × 100 top-level discussion comments (the second discussions pass). A
 * `nodes(ids:)` list is not a connection, so each alias counts one connection.
 * Cost: 3 requests → 1 point; at most 300 nodes by GitHub's formula.
 */
export const SYNC_REPLIES_QUERY = /* GraphQL */ `
	query SyncReplies($a: [ID!]!, $b: [ID!]!, $c: [ID!]!) {
		a: nodes(ids: $a) {
			...SyncReplies
		}
		b: nodes(ids: $b) {
			...SyncReplies
		}
		c: nodes(ids: $c) {
			...SyncReplies
		}
	}
	fragment SyncReplies on DiscussionComment {
		id
		discussion {
			id
		}
		replies(first: 100) {
			totalCount
			nodes {
				...SyncDiscussionComment
			}
		}
	}
	${SYNC_DISCUSSION_COMMENT_FIELDS}
`;

/**
 * The next page of one item's comments (the single-item form of {@link buildCommentPagesQuery},
 * kept as a static document so the schema test validates the selections the batch repeats).
 * Cost: 2 requests → 1 point; at most 200 nodes.
 */
export const SYNC_COMMENT_PAGE_QUERY = /* GraphQL */ `
	query SyncCommentPage($id: ID!, $cursor: String) {
		node(id: $id) {
			... on Issue {
				comments(first: 100, after: $cursor) {
					pageInfo {
						hasNextPage
						endCursor
					}
					nodes {
						...SyncIssueComment
					}
				}
			}
			... on Discussion {
				comments(first: 100, after: $cursor) {
					pageInfo {
						hasNextPage
						endCursor
					}
					nodes {
						...SyncDiscussionComment
					}
				}
			}
		}
	}
	${SYNC_ISSUE_COMMENT_FIELDS}
	${SYNC_DISCUSSION_COMMENT_FIELDS}
`;

/** Most items in one alias-batched overflow request: 49 connections of 100 stay at 1 point and under 5,000 nodes. */
export const MAX_COMMENT_PAGES_PER_REQUEST = 49;

/**
 * Builds an alias-batched overflow query: the next 100 comments of up to
 * {@link MAX_COMMENT_PAGES_PER_REQUEST} items of one kind, each after its own cursor (`$idN`,
 * `$cN`). Cost: one request per alias → 1 point for up to 49 aliases. The selections are those of
 * {@link SYNC_COMMENT_PAGE_QUERY}; `test/unit/github/syncQueries.test.ts` validates the output.
 */
export function buildCommentPagesQuery(kind: 'issue' | 'discussion', count: number): string {
	if (!Number.isInteger(count) || count < 1 || count > MAX_COMMENT_PAGES_PER_REQUEST) {
		throw new RangeError(`between 1 and ${MAX_COMMENT_PAGES_PER_REQUEST} items per request (got ${count})`);
	}
	const [type, fragment, fragmentText] = kind === 'issue'
		? ['Issue', 'SyncIssueComment', SYNC_ISSUE_COMMENT_FIELDS]
		: ['Discussion', 'SyncDiscussionComment', SYNC_DISCUSSION_COMMENT_FIELDS];
	const indexes = Array.from({ length: count }, (_, i) => i);
	const variables = indexes.map(i => `$id${i}: ID!, $c${i}: String`).join(', ');
	const aliases = indexes.map(i => `p${i}: node(id: $id${i}) { ... on ${type} { comments(first: 100, after: $c${i}) { pageInfo { hasNextPage endCursor } nodes { ...${fragment} } } } }`);
	return `query SyncCommentPages(${variables}) {\n${aliases.join('\n')}\n}\n${fragmentText}`;
}

// ---------------------------------------------------------------------------------------------
// Raw shapes

/** Raw author as selected by the sync fragments (`__typename` tells bots apart). */
export interface RawSyncActor extends RawActor {
	__typename?: string;
}

/** Raw comment of either kind as selected by the fragments above. */
export interface RawSyncComment {
	id: string;
	author: RawSyncActor | null;
	authorAssociation: string;
	createdAt: string;
	isMinimized: boolean;
	/** Lower case with dashes (`off-topic`); null when not minimized. Absent in older fixtures. */
	minimizedReason?: string | null;
	/** Discussion comments only. */
	isAnswer?: boolean;
}

/** Raw comment page (`totalCount` absent in overflow pages, `pageInfo` absent in the probe). */
export interface RawSyncCommentPage {
	totalCount?: number;
	pageInfo?: RawPageInfo;
	nodes: (RawSyncComment | null)[] | null;
}

/** Raw issue or discussion as selected by the sync documents. */
export interface RawSyncItem {
	id: string;
	number: number;
	title: string;
	/** Issues. */
	state?: 'OPEN' | 'CLOSED';
	/** Discussions. */
	closed?: boolean;
	stateReason: string | null;
	/** Absent in older fixtures. */
	closedAt?: string | null;
	locked: boolean;
	createdAt: string;
	updatedAt: string;
	author: RawSyncActor | null;
	authorAssociation: string;
	category?: { id: string };
	isAnswered?: boolean | null;
	/** Discussions. */
	answerChosenAt?: string | null;
	labels?: { nodes: ({ name: string } | null)[] | null } | null;
	assignees?: { nodes: (RawActor | null)[] | null };
	comments: RawSyncCommentPage;
}

/** Raw item connection. */
export interface RawSyncItemConnection {
	totalCount: number;
	pageInfo: RawPageInfo;
	nodes: (RawSyncItem | null)[] | null;
}

/** Raw result of {@link SYNC_ISSUES_QUERY} and {@link SYNC_LEAN_ISSUES_QUERY}. */
export interface SyncIssuesResult {
	repository: { issues: RawSyncItemConnection } | null;
}

/** Raw result of {@link SYNC_DISCUSSIONS_QUERY}. */
export interface SyncDiscussionsResult {
	repository: { discussions: RawSyncItemConnection } | null;
}

/** Raw result of {@link SYNC_CHANGES_QUERY}. */
export interface SyncChangesResult {
	repository: { issues: RawSyncItemConnection; discussions: RawSyncItemConnection } | null;
}

/** Raw top-level discussion comment with its replies, from {@link SYNC_REPLIES_QUERY}. */
export interface RawReplyParent {
	id: string;
	discussion: { id: string };
	replies: { totalCount: number; nodes: (RawSyncComment | null)[] | null };
}

/** Raw result of {@link SYNC_REPLIES_QUERY}. */
export interface SyncRepliesResult {
	a: (RawReplyParent | null)[];
	b: (RawReplyParent | null)[];
	c: (RawReplyParent | null)[];
}

/** Raw result of {@link buildCommentPagesQuery}: `pN` per item, null when it is gone. */
export type SyncCommentPagesResult = Record<string, { comments?: RawSyncCommentPage } | null>;
