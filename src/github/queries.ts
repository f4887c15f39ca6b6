/**
 * GraphQL documents of the GitHub layer, each next to the raw shape it returns. The raw types are
 * nullable exactly where GitHub's schema is (`@octokit/graphql-schema`); `src/github/mappers.ts`
 * turns them into domain types. `test/unit/github/queries.test.ts` validates every document here
 * against the schema and checks its cost.
 *
 * Cost notes use GitHub's formula: for every connection, the requests needed to fill it (the product
 * of the `first` values of the connections around it, variables taken at their maximum of 100); sum,
 * divide by 100, round, minimum 1. A connection asked only for `totalCount` is counted as if it were
 * a request per parent, which over-estimates.
 *
 * Cursor variables are named `$cursor` so `octokit.graphql.paginate` can drive them.
 */

// ---------------------------------------------------------------------------------------------
// Shared raw shapes

/** Raw `PageInfo`. */
export interface RawPageInfo {
	hasNextPage: boolean;
	endCursor: string | null;
}

/** Raw `Actor` (only `login` is asked for). Null when the account was deleted. */
export interface RawActor {
	login: string;
}

/** Raw `Label` as selected by {@link LABEL_FIELDS}. */
export interface RawLabel {
	id: string;
	name: string;
	color: string;
	description: string | null;
}

/** Raw `LabelConnection` with only `nodes`. */
export interface RawLabelConnection {
	nodes: (RawLabel | null)[] | null;
}

/** Raw connection shape: `totalCount`, `pageInfo` and `nodes` (items nullable, as in the schema). */
export interface RawConnection<T> {
	totalCount: number;
	pageInfo: RawPageInfo;
	nodes: (T | null)[] | null;
}

/** Fields of a label as listed on issues and discussions. */
export const LABEL_FIELDS = /* GraphQL */ `
	fragment LabelFields on Label {
		id
		name
		color
		description
	}
`;

// ---------------------------------------------------------------------------------------------
// Viewer

/** The signed-in user. Cost: 1 point (no connections). The client uses REST `GET /user` for scopes. */
export const VIEWER_QUERY = /* GraphQL */ `
	query Viewer {
		viewer {
			login
			name
			avatarUrl
		}
	}
`;

/** Raw result of {@link VIEWER_QUERY}. */
export interface ViewerQueryResult {
	viewer: { login: string; name: string | null; avatarUrl: string };
}

// ---------------------------------------------------------------------------------------------
// Saved replies

/**
 * The viewer's saved replies, most recently updated first (read-only; GitHub has no mutations for
 * them). One page of 100 is all the extension imports. Cost: 1 request → 1 point; at most 100 nodes.
 */
export const SAVED_REPLIES_QUERY = /* GraphQL */ `
	query SavedReplies {
		viewer {
			savedReplies(first: 100) {
				nodes {
					id
					title
					body
				}
			}
		}
	}
`;

/** Raw `SavedReply`. */
export interface RawSavedReply {
	id: string;
	title: string;
	body: string;
}

/** Raw result of {@link SAVED_REPLIES_QUERY}; `savedReplies` is nullable in the schema. */
export interface SavedRepliesQueryResult {
	viewer: { savedReplies: { nodes: (RawSavedReply | null)[] | null } | null };
}

// ---------------------------------------------------------------------------------------------
// Repository

/** Facts about one repository. Cost: 1 point (no connections). */
export const REPOSITORY_QUERY = /* GraphQL */ `
	query RepositoryInfo($owner: String!, $name: String!) {
		repository(owner: $owner, name: $name) {
			id
			name
			owner {
				login
			}
			url
			isPrivate
			hasDiscussionsEnabled
			hasIssuesEnabled
			viewerPermission
		}
	}
`;

/** `RepositoryPermission` values (the schema's enum). */
export type RawRepositoryPermission = 'ADMIN' | 'MAINTAIN' | 'WRITE' | 'TRIAGE' | 'READ';

/** Raw `Repository` as selected by {@link REPOSITORY_QUERY}. */
export interface RawRepository {
	id: string;
	name: string;
	owner: { login: string };
	url: string;
	isPrivate: boolean;
	hasDiscussionsEnabled: boolean;
	hasIssuesEnabled: boolean;
	viewerPermission: RawRepositoryPermission | null;
}

/** Raw result of {@link REPOSITORY_QUERY}. */
export interface RepositoryQueryResult {
	repository: RawRepository | null;
}

// ---------------------------------------------------------------------------------------------
// Discussion categories

/**
 * All discussion categories of a repository (GitHub allows at most 25 per repository, so one page
 * of 100 is always all of them). Cost: 1 request → 1 point; at most 100 nodes.
 */
export const DISCUSSION_CATEGORIES_QUERY = /* GraphQL */ `
	query DiscussionCategories($owner: String!, $name: String!) {
		repository(owner: $owner, name: $name) {
			hasDiscussionsEnabled
			discussionCategories(first: 100) {
				nodes {
					id
					name
					slug
					emoji
					emojiHTML
					description
					isAnswerable
				}
			}
		}
	}
`;

/** Raw `DiscussionCategory`. `emoji` is a shortcode (`:speech_balloon:`); `emojiHTML` is HTML. */
export interface RawDiscussionCategory {
	id: string;
	name: string;
	slug: string;
	emoji: string;
	emojiHTML: string;
	description: string | null;
	isAnswerable: boolean;
}

/** Raw result of {@link DISCUSSION_CATEGORIES_QUERY}. */
export interface DiscussionCategoriesQueryResult {
	repository: {
		hasDiscussionsEnabled: boolean;
		discussionCategories: { nodes: (RawDiscussionCategory | null)[] | null };
	} | null;
}

// ---------------------------------------------------------------------------------------------
// Discussions

/** Fields of a discussion as listed in the tree (no body). */
export const DISCUSSION_SUMMARY_FIELDS = /* GraphQL */ `
	fragment DiscussionSummaryFields on Discussion {
		id
		number
		title
		url
		createdAt
		updatedAt
		closed
		stateReason
		locked
		activeLockReason
		isAnswered
		upvoteCount
		author {
			login
		}
		authorAssociation
		category {
			id
		}
		comments {
			totalCount
		}
		labels(first: 10) {
			nodes {
				...LabelFields
			}
		}
	}
`;

/**
 * One page of discussions, most recently updated first. `hasDiscussionsEnabled` lets the client
 * tell "none yet" from "turned off".
 * Cost: discussions 1 + labels(10) × 100 + comments(totalCount) × 100 = 201 requests → 2 points;
 * at most 1,100 nodes.
 */
export const DISCUSSIONS_QUERY = /* GraphQL */ `
	query DiscussionsPage(
		$owner: String!
		$name: String!
		$first: Int!
		$cursor: String
		$categoryId: ID
		$states: [DiscussionState!]
		$answered: Boolean
	) {
		repository(owner: $owner, name: $name) {
			hasDiscussionsEnabled
			discussions(
				first: $first
				after: $cursor
				categoryId: $categoryId
				states: $states
				answered: $answered
				orderBy: { field: UPDATED_AT, direction: DESC }
			) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...DiscussionSummaryFields
				}
			}
		}
	}
	${DISCUSSION_SUMMARY_FIELDS}
	${LABEL_FIELDS}
`;

/** `CommentAuthorAssociation` values (the schema's enum). */
export type RawAuthorAssociation =
	| 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'FIRST_TIME_CONTRIBUTOR' | 'FIRST_TIMER' | 'MANNEQUIN' | 'NONE';

/** `LockReason` values (the schema's enum). */
export type RawLockReason = 'OFF_TOPIC' | 'TOO_HEATED' | 'RESOLVED' | 'SPAM';

/** Raw `Discussion` as selected by {@link DISCUSSION_SUMMARY_FIELDS}. */
export interface RawDiscussionSummary {
	id: string;
	number: number;
	title: string;
	url: string;
	createdAt: string;
	updatedAt: string;
	closed: boolean;
	stateReason: 'RESOLVED' | 'OUTDATED' | 'DUPLICATE' | 'REOPENED' | null;
	locked: boolean;
	activeLockReason: RawLockReason | null;
	/** Null outside answerable categories. */
	isAnswered: boolean | null;
	upvoteCount: number;
	author: RawActor | null;
	authorAssociation: RawAuthorAssociation;
	category: { id: string };
	comments: { totalCount: number };
	labels: RawLabelConnection | null;
}

/** Raw result of {@link DISCUSSIONS_QUERY}. */
export interface DiscussionsQueryResult {
	repository: {
		hasDiscussionsEnabled: boolean;
		discussions: RawConnection<RawDiscussionSummary>;
	} | null;
}

// ---------------------------------------------------------------------------------------------
// Issues

/** Fields of an issue as listed in the tree (no body). */
export const ISSUE_SUMMARY_FIELDS = /* GraphQL */ `
	fragment IssueSummaryFields on Issue {
		id
		number
		title
		url
		state
		stateReason
		createdAt
		updatedAt
		closedAt
		locked
		activeLockReason
		author {
			login
		}
		authorAssociation
		comments {
			totalCount
		}
		labels(first: 10) {
			nodes {
				...LabelFields
			}
		}
		assignees(first: 10) {
			nodes {
				login
			}
		}
		repository {
			owner {
				login
			}
			name
		}
	}
`;

/**
 * One page of a repository's issues (pull requests are never in `Repository.issues`).
 * Cost: issues 1 + labels(10) × 100 + assignees(10) × 100 + comments(totalCount) × 100 = 301
 * requests → 3 points; at most 2,100 nodes.
 */
export const ISSUES_QUERY = /* GraphQL */ `
	query IssuesPage(
		$owner: String!
		$name: String!
		$first: Int!
		$cursor: String
		$states: [IssueState!]
		$filterBy: IssueFilters
		$orderBy: IssueOrder
	) {
		repository(owner: $owner, name: $name) {
			issues(first: $first, after: $cursor, states: $states, filterBy: $filterBy, orderBy: $orderBy) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...IssueSummaryFields
				}
			}
		}
	}
	${ISSUE_SUMMARY_FIELDS}
	${LABEL_FIELDS}
`;

/**
 * One page of an issue search. The query string must carry `repo:` and `is:issue`; any pull request
 * that still comes back is dropped by the client.
 * Cost: search 1 + labels(10) × 100 + assignees(10) × 100 + comments(totalCount) × 100 = 301
 * requests → 3 points; at most 2,100 nodes. Search is also limited to 30 requests a minute.
 */
export const ISSUE_SEARCH_QUERY = /* GraphQL */ `
	query IssueSearch($q: String!, $first: Int!, $cursor: String) {
		search(query: $q, type: ISSUE, first: $first, after: $cursor) {
			issueCount
			pageInfo {
				hasNextPage
				endCursor
			}
			nodes {
				__typename
				... on Issue {
					...IssueSummaryFields
				}
			}
		}
	}
	${ISSUE_SUMMARY_FIELDS}
	${LABEL_FIELDS}
`;

/** Raw `Issue` as selected by {@link ISSUE_SUMMARY_FIELDS}. */
export interface RawIssueSummary {
	id: string;
	number: number;
	title: string;
	url: string;
	state: 'OPEN' | 'CLOSED';
	/** The JSON schema lists REOPENED, NOT_PLANNED, COMPLETED; live GitHub (and the IDL) add DUPLICATE. */
	stateReason: 'COMPLETED' | 'NOT_PLANNED' | 'REOPENED' | 'DUPLICATE' | null;
	createdAt: string;
	updatedAt: string;
	closedAt: string | null;
	locked: boolean;
	activeLockReason: RawLockReason | null;
	author: RawActor | null;
	authorAssociation: RawAuthorAssociation;
	comments: { totalCount: number };
	labels: RawLabelConnection | null;
	assignees: { nodes: ({ login: string } | null)[] | null };
	repository: { owner: { login: string }; name: string };
}

/** Raw result of {@link ISSUES_QUERY}. */
export interface IssuesQueryResult {
	repository: { issues: RawConnection<RawIssueSummary> } | null;
}

/** A search hit: an issue, or another `SearchResultItem` type carrying only `__typename`. */
export type RawSearchNode = ({ __typename: 'Issue' } & RawIssueSummary) | { __typename: Exclude<RawSearchTypename, 'Issue'> };

/** Member types of the `SearchResultItem` union. */
export type RawSearchTypename =
	| 'App' | 'Discussion' | 'Issue' | 'MarketplaceListing' | 'Organization' | 'PullRequest' | 'Repository' | 'User';

/** Raw result of {@link ISSUE_SEARCH_QUERY}. */
export interface IssueSearchQueryResult {
	search: {
		issueCount: number;
		pageInfo: RawPageInfo;
		nodes: (RawSearchNode | null)[] | null;
	};
}

// ---------------------------------------------------------------------------------------------
// REST

/** The fields of REST `GET /user` the client reads. */
export interface RestUser {
	login: string;
	name: string | null;
	avatar_url: string;
}

// ---------------------------------------------------------------------------------------------
// Threads (the thread panel)

/** Reaction counts of a reactable: the 8 groups, each with its number of reactors. */
export const REACTION_FIELDS = /* GraphQL */ `
	fragment ReactionFields on ReactionGroup {
		content
		reactors {
			totalCount
		}
	}
`;

/** Fields of a discussion comment or reply as the thread panel shows it. */
export const DISCUSSION_COMMENT_FIELDS = /* GraphQL */ `
	fragment DiscussionCommentFields on DiscussionComment {
		id
		url
		createdAt
		body
		bodyHTML
		author {
			login
		}
		authorAssociation
		isAnswer
		isMinimized
		minimizedReason
		upvoteCount
		viewerCanMinimize
		viewerCanMarkAsAnswer
		viewerCanUnmarkAsAnswer
		reactionGroups {
			...ReactionFields
		}
	}
`;

/**
 * One discussion with its first 100 comments and their first 50 replies each.
 * Cost: labels 1 + reactors 1 + comments 1 + comment reactors 100 + replies 100 + reply reactors
 * 100 × 50 = 5,203 requests → 52 points; at most 5,120 nodes. Opened one thread at a time, on demand.
 */
export const DISCUSSION_THREAD_QUERY = /* GraphQL */ `
	query DiscussionThread($owner: String!, $name: String!, $number: Int!, $cursor: String) {
		repository(owner: $owner, name: $name) {
			viewerPermission
			discussion(number: $number) {
				id
				number
				title
				url
				createdAt
				updatedAt
				closed
				stateReason
				locked
				activeLockReason
				isAnswered
				upvoteCount
				viewerCanReact
				viewerCanClose
				viewerCanReopen
				body
				bodyHTML
				author {
					login
				}
				authorAssociation
				category {
					name
					emojiHTML
					isAnswerable
				}
				answer {
					id
				}
				labels(first: 20) {
					nodes {
						...LabelFields
					}
				}
				reactionGroups {
					...ReactionFields
				}
				comments(first: 100, after: $cursor) {
					totalCount
					pageInfo {
						hasNextPage
						endCursor
					}
					nodes {
						...DiscussionCommentFields
						replies(first: 50) {
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
		}
	}
	${DISCUSSION_COMMENT_FIELDS}
	${REACTION_FIELDS}
	${LABEL_FIELDS}
`;

/**
 * One issue with its first 100 comments.
 * Cost: labels 1 + reactors 1 + comments 1 + comment reactors 100 = 103 requests → 1 point;
 * at most 120 nodes.
 */
export const ISSUE_THREAD_QUERY = /* GraphQL */ `
	query IssueThread($owner: String!, $name: String!, $number: Int!, $cursor: String) {
		repository(owner: $owner, name: $name) {
			viewerPermission
			issue(number: $number) {
				id
				number
				title
				url
				createdAt
				updatedAt
				state
				stateReason
				locked
				activeLockReason
				viewerCanReact
				viewerCanClose
				viewerCanReopen
				body
				bodyHTML
				author {
					login
				}
				authorAssociation
				labels(first: 20) {
					nodes {
						...LabelFields
					}
				}
				reactionGroups {
					...ReactionFields
				}
				comments(first: 100, after: $cursor) {
					totalCount
					pageInfo {
						hasNextPage
						endCursor
					}
					nodes {
						id
						url
						createdAt
						body
						bodyHTML
						author {
							login
						}
						authorAssociation
						isMinimized
						minimizedReason
						viewerCanMinimize
						reactionGroups {
							...ReactionFields
						}
					}
				}
			}
		}
	}
	${REACTION_FIELDS}
	${LABEL_FIELDS}
`;

/** Raw `ReactionGroup` as selected by {@link REACTION_FIELDS}. */
export interface RawReactionGroup {
	content: string;
	reactors: { totalCount: number };
}

/** Raw comment fields shared by issue and discussion comments. */
export interface RawThreadCommentBase {
	id: string;
	url: string;
	createdAt: string;
	body: string;
	bodyHTML: string;
	author: RawActor | null;
	authorAssociation: RawAuthorAssociation;
	isMinimized: boolean;
	minimizedReason: string | null;
	reactionGroups: RawReactionGroup[] | null;
	viewerCanMinimize?: boolean;
}

/** Raw `DiscussionComment` as selected by {@link DISCUSSION_COMMENT_FIELDS}. */
export interface RawDiscussionComment extends RawThreadCommentBase {
	isAnswer: boolean;
	upvoteCount: number;
	viewerCanMarkAsAnswer?: boolean;
	viewerCanUnmarkAsAnswer?: boolean;
}

/** A top-level discussion comment with its first page of replies. */
export interface RawDiscussionTopComment extends RawDiscussionComment {
	replies: RawConnection<RawDiscussionComment>;
}

/** Raw `Discussion` as selected by {@link DISCUSSION_THREAD_QUERY}. */
export interface RawDiscussionThread {
	id: string;
	number: number;
	title: string;
	url: string;
	createdAt: string;
	updatedAt: string;
	closed: boolean;
	stateReason: string | null;
	locked: boolean;
	activeLockReason: RawLockReason | null;
	isAnswered: boolean | null;
	upvoteCount: number;
	viewerCanReact: boolean;
	viewerCanClose?: boolean;
	viewerCanReopen?: boolean;
	body: string;
	bodyHTML: string;
	author: RawActor | null;
	authorAssociation: RawAuthorAssociation;
	category: { name: string; emojiHTML: string; isAnswerable: boolean };
	answer: { id: string } | null;
	labels: RawLabelConnection | null;
	reactionGroups: RawReactionGroup[] | null;
	comments: RawConnection<RawDiscussionTopComment>;
}

/** Raw result of {@link DISCUSSION_THREAD_QUERY}. */
export interface DiscussionThreadQueryResult {
	repository: { viewerPermission?: RawRepositoryPermission | null; discussion: RawDiscussionThread | null } | null;
}

/** Raw `Issue` as selected by {@link ISSUE_THREAD_QUERY}. */
export interface RawIssueThread {
	id: string;
	number: number;
	title: string;
	url: string;
	createdAt: string;
	updatedAt: string;
	state: 'OPEN' | 'CLOSED';
	stateReason: string | null;
	locked: boolean;
	activeLockReason: RawLockReason | null;
	viewerCanReact: boolean;
	viewerCanClose?: boolean;
	viewerCanReopen?: boolean;
	body: string;
	bodyHTML: string;
	author: RawActor | null;
	authorAssociation: RawAuthorAssociation;
	labels: RawLabelConnection | null;
	reactionGroups: RawReactionGroup[] | null;
	comments: RawConnection<RawThreadCommentBase>;
}

/** Raw result of {@link ISSUE_THREAD_QUERY}. */
export interface IssueThreadQueryResult {
	repository: { viewerPermission?: RawRepositoryPermission | null; issue: RawIssueThread | null } | null;
}
