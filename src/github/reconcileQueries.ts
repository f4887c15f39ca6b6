import type { RawPageInfo } from './queries';
import type { RawSyncItem } from './syncQueries';
import { SYNC_DISCUSSION_FIELDS, SYNC_ISSUE_FIELDS } from './syncQueries';

/**
 * GraphQL documents of the periodic reconcile (issue #3): what `updatedAt` never reports, i.e.
 * items deleted, transferred or converted on GitHub. A cheap listing of the ids of open items, and
 * a check of the ids the listing lacks through `nodes(ids:)` (null for a deleted item).
 */

/**
 * The ids of open issues and open discussions, 100 a page. The first request asks for both
 * (`$issues` and `$discussions` true); later ones page on through one kind with its `$cursor`.
 * The repository id tells a transferred item (another repository) from a moved-back one.
 * Cost: 2 requests → 1 point; at most 200 nodes.
 */
export const RECONCILE_OPEN_IDS_QUERY = /* GraphQL */ `
	query ReconcileOpenIds($owner: String!, $name: String!, $cursor: String, $issues: Boolean!, $discussions: Boolean!) {
		repository(owner: $owner, name: $name) {
			id
			issues(first: 100, after: $cursor, states: [OPEN]) @include(if: $issues) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					id
				}
			}
			discussions(first: 100, after: $cursor, states: [OPEN]) @include(if: $discussions) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					id
				}
			}
		}
	}
`;

/**
 * What became of up to 100 issues and 100 discussions (two lists, since the two `stateReason`
 * fields differ in type): null entries for deleted items (with a NOT_FOUND error each), the
 * repository id for transferred ones, and the sync fields of the rest so they can be stored
 * (e.g. closed). A `nodes(ids:)` list is not a connection: each nested connection counts once.
 * Cost: 5 requests → 1 point; 20 nodes by GitHub's formula, at most 2,200 in fact.
 */
export const RECONCILE_CHECK_QUERY = /* GraphQL */ `
	query ReconcileCheck($issueIds: [ID!]!, $discussionIds: [ID!]!) {
		issues: nodes(ids: $issueIds) {
			... on Issue {
				...SyncIssue
				repository {
					id
				}
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
				comments {
					totalCount
				}
			}
		}
		discussions: nodes(ids: $discussionIds) {
			... on Discussion {
				...SyncDiscussion
				repository {
					id
				}
				labels(first: 5) {
					nodes {
						name
					}
				}
				comments {
					totalCount
				}
			}
		}
	}
	${SYNC_ISSUE_FIELDS}
	${SYNC_DISCUSSION_FIELDS}
`;

/** Most ids per list of {@link RECONCILE_CHECK_QUERY} (GitHub's limit for `nodes(ids:)`). */
export const MAX_CHECK_IDS = 100;

/** Raw id page of {@link RECONCILE_OPEN_IDS_QUERY}. */
export interface RawIdConnection {
	totalCount: number;
	pageInfo: RawPageInfo;
	nodes: ({ id: string } | null)[] | null;
}

/** Raw result of {@link RECONCILE_OPEN_IDS_QUERY} (a connection is absent when not asked for). */
export interface ReconcileOpenIdsResult {
	repository: { id: string; issues?: RawIdConnection; discussions?: RawIdConnection } | null;
}

/** Raw node of {@link RECONCILE_CHECK_QUERY}: an item with its repository, or `{}` for another type. */
export type RawCheckedNode = (RawSyncItem & { repository: { id: string } }) | Record<string, never>;

/** Raw result of {@link RECONCILE_CHECK_QUERY}. */
export interface ReconcileCheckResult {
	issues: (RawCheckedNode | null)[];
	discussions: (RawCheckedNode | null)[];
}
