import type { RateLimitInfo, RepoRef } from '../core/model';
import type { IndexItemKind } from '../core/repoIndex';
import { notFoundError } from './errorMapping';
import { compact } from './mappers';
import {
	MAX_CHECK_IDS,
	RECONCILE_CHECK_QUERY,
	RECONCILE_OPEN_IDS_QUERY,
	type ReconcileCheckResult,
	type ReconcileOpenIdsResult,
} from './reconcileQueries';
import { toIdPage, toItemCheck } from './reconcileMappers';
import { toCommentEvent, toItemPage } from './syncMappers';
import {
	buildCommentPagesQuery,
	MAX_COMMENT_PAGES_PER_REQUEST,
	SYNC_CHANGES_QUERY,
	SYNC_DISCUSSIONS_QUERY,
	SYNC_ISSUES_QUERY,
	SYNC_LEAN_ISSUES_QUERY,
	SYNC_REPLIES_QUERY,
	type SyncChangesResult,
	type SyncCommentPagesResult,
	type SyncDiscussionsResult,
	type SyncIssuesResult,
	type SyncRepliesResult,
} from './syncQueries';
import type {
	ChangesRequest, ChangesResult, CommentPageRequest, CommentPageResult, ItemCheck, ItemPage, ItemPageRequest, OpenIdsPage, OpenIdsRequest, ReplyResult, SyncSource,
} from './syncSource';

/** Runs a GraphQL read (in the extension: `OctokitGitHubClient.rawQuery`, so the scheduler applies). */
export interface GraphQLReader {
	/** With `missingNodesAsNull`, NOT_FOUND errors alone (deleted ids in `nodes(ids:)`) do not reject. */
	rawQuery<T>(document: string, variables: Record<string, unknown>, repo?: RepoRef, options?: { readonly missingNodesAsNull?: boolean }): Promise<T>;
	readonly lastRateLimit: RateLimitInfo | undefined;
}

/** Most comment ids per `nodes(ids:)` list, and lists per replies request. */
const IDS_PER_LIST = 100;
const REPLY_LISTS = ['a', 'b', 'c'] as const;

/** {@link SyncSource} over the Octokit client's GraphQL pipeline. */
export class OctokitSyncSource implements SyncSource {
	constructor(private readonly reader: GraphQLReader) {}

	/** @inheritdoc */
	get rateLimit(): RateLimitInfo | undefined {
		return this.reader.lastRateLimit;
	}

	/** @inheritdoc */
	async issuePage(repo: RepoRef, request: ItemPageRequest): Promise<ItemPage> {
		const document = request.detail === 'lean' ? SYNC_LEAN_ISSUES_QUERY : SYNC_ISSUES_QUERY;
		const data = await this.reader.rawQuery<SyncIssuesResult>(document, pageVariables(repo, request), repo);
		if (!data.repository) {
			throw notFoundError(repo);
		}
		return toItemPage(data.repository.issues, 'issue');
	}

	/** @inheritdoc */
	async discussionPage(repo: RepoRef, request: ItemPageRequest): Promise<ItemPage> {
		const data = await this.reader.rawQuery<SyncDiscussionsResult>(SYNC_DISCUSSIONS_QUERY, pageVariables(repo, request), repo);
		if (!data.repository) {
			throw notFoundError(repo);
		}
		return toItemPage(data.repository.discussions, 'discussion');
	}

	/** @inheritdoc */
	async commentPages(kind: IndexItemKind, requests: readonly CommentPageRequest[]): Promise<CommentPageResult[]> {
		if (requests.length === 0) {
			return [];
		}
		if (requests.length > MAX_COMMENT_PAGES_PER_REQUEST) {
			throw new RangeError(`at most ${MAX_COMMENT_PAGES_PER_REQUEST} comment pages per request`);
		}
		const variables: Record<string, unknown> = {};
		requests.forEach((r, i) => {
			variables[`id${i}`] = r.itemId;
			variables[`c${i}`] = r.cursor || null;
		});
		const data = await this.reader.rawQuery<SyncCommentPagesResult>(buildCommentPagesQuery(kind, requests.length), variables);
		return requests.map((r, i) => {
			const page = data[`p${i}`]?.comments;
			const info = page?.pageInfo;
			return {
				itemId: r.itemId,
				comments: compact(page?.nodes).map(c => toCommentEvent(c, r.itemId)),
				nextCursor: info?.hasNextPage && info.endCursor ? info.endCursor : undefined,
			};
		});
	}

	/** @inheritdoc */
	async replies(parentIds: readonly string[]): Promise<ReplyResult[]> {
		if (parentIds.length > IDS_PER_LIST * REPLY_LISTS.length) {
			throw new RangeError(`at most ${IDS_PER_LIST * REPLY_LISTS.length} comments per request`);
		}
		const variables = Object.fromEntries(REPLY_LISTS.map((key, i) => [key, parentIds.slice(i * IDS_PER_LIST, (i + 1) * IDS_PER_LIST)]));
		const data = await this.reader.rawQuery<SyncRepliesResult>(SYNC_REPLIES_QUERY, variables);
		return REPLY_LISTS.flatMap(key => compact(data[key])).map(parent => {
			const replies = compact(parent.replies.nodes).map(c => toCommentEvent(c, parent.discussion.id, parent.id));
			return { parentId: parent.id, replies, complete: replies.length >= parent.replies.totalCount };
		});
	}

	/** @inheritdoc */
	async changes(repo: RepoRef, request: ChangesRequest): Promise<ChangesResult> {
		const data = await this.reader.rawQuery<SyncChangesResult>(SYNC_CHANGES_QUERY, {
			owner: repo.owner,
			name: repo.name,
			since: request.issuesSince,
			issueFirst: request.issueFirst,
			discussionFirst: request.discussionFirst,
			cursor: request.issueCursor ?? null,
		}, repo);
		if (!data.repository) {
			throw notFoundError(repo);
		}
		return { issues: toItemPage(data.repository.issues, 'issue'), discussions: toItemPage(data.repository.discussions, 'discussion') };
	}

	/** @inheritdoc */
	async openIds(repo: RepoRef, request: OpenIdsRequest): Promise<OpenIdsPage> {
		const issues = request.kinds.includes('issue');
		const discussions = request.kinds.includes('discussion');
		if (request.cursor !== undefined && issues === discussions) {
			throw new RangeError('a cursor continues exactly one kind');
		}
		const data = await this.reader.rawQuery<ReconcileOpenIdsResult>(RECONCILE_OPEN_IDS_QUERY, {
			owner: repo.owner, name: repo.name, cursor: request.cursor ?? null, issues, discussions,
		}, repo);
		if (!data.repository) {
			throw notFoundError(repo);
		}
		const { id, issues: issuePage, discussions: discussionPage } = data.repository;
		return { repositoryId: id, ...(issuePage ? { issues: toIdPage(issuePage) } : {}), ...(discussionPage ? { discussions: toIdPage(discussionPage) } : {}) };
	}

	/** @inheritdoc */
	async checkItems(repositoryId: string, issueIds: readonly string[], discussionIds: readonly string[]): Promise<ItemCheck[]> {
		if (issueIds.length > MAX_CHECK_IDS || discussionIds.length > MAX_CHECK_IDS) {
			throw new RangeError(`at most ${MAX_CHECK_IDS} ids of each kind per request`);
		}
		if (issueIds.length + discussionIds.length === 0) {
			return [];
		}
		const data = await this.reader.rawQuery<ReconcileCheckResult>(RECONCILE_CHECK_QUERY,
			{ issueIds: [...issueIds], discussionIds: [...discussionIds] }, undefined, { missingNodesAsNull: true });
		return [
			...issueIds.map((id, i) => toItemCheck(id, data.issues[i], 'issue', repositoryId)),
			...discussionIds.map((id, i) => toItemCheck(id, data.discussions[i], 'discussion', repositoryId)),
		];
	}
}

function pageVariables(repo: RepoRef, request: ItemPageRequest): Record<string, unknown> {
	return {
		owner: repo.owner,
		name: repo.name,
		first: Math.max(1, Math.min(100, Math.floor(request.first))),
		cursor: request.cursor ?? null,
		states: request.states?.length ? [...request.states] : null,
		direction: request.direction,
	};
}
