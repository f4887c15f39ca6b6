import { Octokit } from '@octokit/core';
import { paginateGraphQL } from '@octokit/plugin-paginate-graphql';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import type {
	AddCommentOptions,
	CommentTarget,
	CreatedDiscussion,
	DiscussionCategory,
	DiscussionListRequest,
	DiscussionSummary,
	FindCommentQuery,
	IssueQuery,
	IssueSummary,
	Label,
	NewDiscussion,
	Page,
	PageRequest,
	PostedComment,
	RateLimitInfo,
	RepoRef,
	RepositoryInfo,
	SavedReply,
	Thread,
	ThreadComment,
	ThreadKind,
	ThreadLocator,
	Viewer,
} from '../core/model';
import type { AssignableUser, ModerationAction, ModerationState, ModerationTarget } from '../core/moderation';
import { isLoopbackHost } from '../core/serverUrl';
import type { GitHubClient, TokenProvider } from './client';
import { CREATE_DISCUSSION_MUTATION, createdDiscussionOf, type CreateDiscussionResult } from './createDiscussion';
import { discussionsDisabledError, notFoundError, signedOutError, toGitHubError } from './errorMapping';
import {
	compact, isIssueNode, nextCursor, toCategory, toDiscussionComment, toDiscussionSummary, toDiscussionThread, toIssueSummary, toIssueThread, toPage, toRepositoryInfo, toSavedReplies, toViewer,
} from './mappers';
import {
	DISCUSSION_CATEGORIES_QUERY,
	DISCUSSION_THREAD_QUERY,
	DISCUSSIONS_QUERY,
	ISSUE_SEARCH_QUERY,
	ISSUE_THREAD_QUERY,
	ISSUES_QUERY,
	REPOSITORY_QUERY,
	SAVED_REPLIES_QUERY,
	type DiscussionCategoriesQueryResult,
	type DiscussionsQueryResult,
	type DiscussionThreadQueryResult,
	type IssueSearchQueryResult,
	type IssuesQueryResult,
	type IssueThreadQueryResult,
	type RepositoryQueryResult,
	type RestUser,
	type SavedRepliesQueryResult,
} from './queries';
import * as moderation from './moderationRequests';
import type { GraphQLCall } from './moderationRequests';
import { findPostedComment, postedCommentOf } from './replyMappers';
import { DISCUSSION_REPLIES_PAGE_QUERY, type DiscussionRepliesPageResult } from './threadPageQueries';
import {
	ADD_DISCUSSION_COMMENT_MUTATION,
	ADD_ISSUE_COMMENT_MUTATION,
	RECENT_DISCUSSION_COMMENTS_QUERY,
	RECENT_DISCUSSION_REPLIES_QUERY,
	RECENT_ISSUE_COMMENTS_QUERY,
	type AddDiscussionCommentResult,
	type AddIssueCommentResult,
	type RawPostedComment,
	type RecentDiscussionCommentsResult,
	type RecentDiscussionRepliesResult,
	type RecentIssueCommentsResult,
} from './replyQueries';
import { classifyRequest, DO_NOT_RETRY_STATUSES, mayWaitOutRateLimit, READ_RETRIES } from './requestPolicy';
import { RequestScheduler } from './scheduler';
import { ThrottleLimiter } from './throttleLimiter';
import { createTransport } from './transport';
import { discussionsVariables, issueSearchVariables, issuesVariables } from './variables';

/** Octokit with exactly the plugins the extension needs (the slim build: ~53 KB minified). */
const CommunityDeskOctokit = Octokit.plugin(retry, throttling, paginateGraphQL);
/** An instance of the composed Octokit. */
export type CommunityDeskOctokit = InstanceType<typeof CommunityDeskOctokit>;

/** Options of {@link OctokitGitHubClient.create}. */
export interface OctokitClientOptions {
	/** `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
	readonly restBaseUrl: string;
	/** `https://api.github.com/graphql`, or `https://HOST/api/graphql` for GitHub Enterprise Server. */
	readonly graphqlUrl: string;
	/** Product token put in front of Octokit's own `User-Agent` (default `community-desk`). */
	readonly userAgent?: string;
	/** Fetch implementation (default: the global fetch). */
	readonly fetch?: typeof fetch;
	/** Per-attempt client timeout (default 30000 ms). */
	readonly timeoutMs?: number;
	/** Reads in flight at once (default 2). */
	readonly maxConcurrentReads?: number;
	/** Base delay of read retries: they wait 1× and then 4× this (default 1000 ms). */
	readonly retryBaseDelayMs?: number;
	/** Longest rate-limit wait a read sits out before retrying once (default 60000 ms). */
	readonly maxRateLimitWaitMs?: number;
	/** Gap between the end of one write and the start of the next (default 1000 ms). */
	readonly writeGapMs?: number;
	/** Gap between two notifying writes such as comments (default 3000 ms). */
	readonly notifyingWriteGapMs?: number;
	/** Clock of the write scheduler (default real time); the benchmark runs queued writes in modelled time. */
	readonly clock?: { readonly now: () => number; readonly sleep: (ms: number) => Promise<void> };
}

/** {@link OctokitClientOptions} with every default applied. */
export type OctokitClientSettings = Required<Omit<OctokitClientOptions, 'fetch' | 'clock'>> & { readonly fetch: typeof fetch; readonly clock?: OctokitClientOptions['clock'] };

/** What {@link createOctokit} wires together. */
export interface OctokitDeps {
	readonly settings: OctokitClientSettings;
	readonly scheduler: RequestScheduler;
	/** Returns the token and remembers it for redaction. */
	readonly getToken: TokenProvider;
	readonly onRateLimit: (info: RateLimitInfo) => void;
}

let instanceCount = 0;

/**
 * Stand-in for plugin-throttling's `write` Bottleneck group that lets every job through at once.
 * The plugin counts every GraphQL request, queries included, as a write and spaces them one second
 * apart; {@link RequestScheduler} serialises the real writes instead.
 */
const passThroughGroup = { key: () => ({ schedule: <T>(_options: unknown, job: () => T) => job() }) };

/** Applies defaults and checks that tokens never travel in clear text (https, or http on loopback only). */
export function resolveSettings(options: OctokitClientOptions): OctokitClientSettings {
	for (const url of [options.restBaseUrl, options.graphqlUrl]) {
		const parsed = new URL(url);
		if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
			throw new TypeError(`GitHub API URLs must use https (got ${parsed.origin})`);
		}
	}
	return {
		restBaseUrl: options.restBaseUrl.replace(/\/+$/, ''),
		graphqlUrl: options.graphqlUrl.replace(/\/+$/, ''),
		userAgent: options.userAgent ?? 'community-desk',
		fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
		timeoutMs: options.timeoutMs ?? 30_000,
		maxConcurrentReads: options.maxConcurrentReads ?? 2,
		retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
		maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
		writeGapMs: options.writeGapMs ?? 1000,
		notifyingWriteGapMs: options.notifyingWriteGapMs ?? 3000,
		clock: options.clock,
	};
}

/**
 * Builds the configured Octokit: transport (timeout, redirects, rate-limit headers), retry for
 * reads only, throttling that waits out short limits for reads only, the scheduler, and the
 * `Authorization` header for the configured origins only. Exported for tests and future writes.
 */
export function createOctokit(deps: OctokitDeps): CommunityDeskOctokit {
	const { settings } = deps;
	const trustedOrigins = new Set([new URL(settings.restBaseUrl).origin, new URL(settings.graphqlUrl).origin]);
	const octokit = new CommunityDeskOctokit({
		baseUrl: settings.restBaseUrl,
		userAgent: settings.userAgent,
		request: {
			fetch: createTransport({ fetch: settings.fetch, timeoutMs: settings.timeoutMs, trustedOrigins, onRateLimit: deps.onRateLimit }),
		},
		retry: { retries: READ_RETRIES, doNotRetry: [...DO_NOT_RETRY_STATUSES], retryAfterBaseValue: settings.retryBaseDelayMs },
		throttle: throttleOptions(deps),
	});
	octokit.hook.wrap('request', (request, options) => {
		const requestClass = classifyRequest(options.method, options.url, (options as { query?: unknown }).query);
		// A per-request copy: plugin-retry writes its counters into `options.request`, which may
		// otherwise be the object shared by every request. Writes get a retry budget of 0 (R6);
		// reads keep the plugin default, which it spends only on retryable failures.
		options.request = requestClass.kind === 'write' ? { ...options.request, retries: 0 } as typeof options.request : { ...options.request };
		return deps.scheduler.run(requestClass, async () => request(options));
	});
	octokit.hook.before('request', async options => {
		delete options.headers.authorization;
		const { url } = octokit.request.endpoint.parse(options);
		if (!trustedOrigins.has(new URL(url).origin)) {
			return; // A4: the token only ever goes to the configured GitHub.
		}
		const token = await deps.getToken();
		if (!token) {
			throw signedOutError();
		}
		options.headers.authorization = `token ${token}`;
	});
	return octokit;
}

/** plugin-throttling settings: our own id (its limiters are global, keyed by id) and read-only waits. */
function throttleOptions(deps: OctokitDeps): ThrottlingOptions {
	const onLimit = (secondary: boolean) => (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
		const requestClass = classifyRequest(options.method, options.url, (options as { query?: unknown }).query);
		deps.scheduler.noteRateLimited(requestClass.resource, Date.now() + retryAfter * 1000, secondary);
		return mayWaitOutRateLimit(requestClass.kind, retryAfter * 1000, retryCount, deps.settings.maxRateLimitWaitMs);
	};
	return {
		id: `community-desk-${++instanceCount}`,
		// Our own Bottleneck subset (the scheduler does the limiting); the plugin's default import is not bundled.
		Bottleneck: ThrottleLimiter as unknown as NonNullable<ThrottlingOptions['Bottleneck']>,
		write: passThroughGroup as unknown as NonNullable<ThrottlingOptions['write']>,
		onRateLimit: onLimit(false),
		onSecondaryRateLimit: onLimit(true),
	};
}

/** {@link GitHubClient} over Octokit: REST for the viewer, GraphQL for everything else. */
export class OctokitGitHubClient implements GitHubClient {
	private readonly octokit: CommunityDeskOctokit;
	private readonly scheduler: RequestScheduler;
	private readonly gql: ReturnType<CommunityDeskOctokit['graphql']['defaults']>;
	private lastToken: string | undefined;
	private rateLimit: RateLimitInfo | undefined;

	/** Creates a client for one GitHub host; `getToken` is asked before every request. */
	static create(getToken: TokenProvider, options: OctokitClientOptions): OctokitGitHubClient {
		return new OctokitGitHubClient(getToken, resolveSettings(options));
	}

	private constructor(getToken: TokenProvider, private readonly settings: OctokitClientSettings) {
		this.scheduler = new RequestScheduler({
			maxConcurrentReads: settings.maxConcurrentReads,
			maxWaitMs: settings.maxRateLimitWaitMs,
			writeGapMs: settings.writeGapMs,
			notifyingWriteGapMs: settings.notifyingWriteGapMs,
			now: settings.clock?.now,
			sleep: settings.clock?.sleep,
		});
		this.octokit = createOctokit({
			settings,
			scheduler: this.scheduler,
			getToken: async () => (this.lastToken = await getToken()),
			onRateLimit: info => {
				this.rateLimit = info;
				this.scheduler.noteBudget(info);
			},
		});
		this.gql = this.octokit.graphql.defaults(splitGraphqlUrl(settings.graphqlUrl));
	}

	/** The rate-limit budget from the most recent response that reported one (any pool). */
	get lastRateLimit(): RateLimitInfo | undefined {
		return this.rateLimit;
	}

	/** @inheritdoc */
	getViewer(): Promise<Viewer> {
		return this.call(undefined, async () => {
			const response = await this.octokit.request('GET /user');
			const scopes = response.headers['x-oauth-scopes'];
			return toViewer(response.data as RestUser, scopes === undefined ? undefined : String(scopes));
		});
	}

	/** @inheritdoc */
	getRepository(repo: RepoRef): Promise<RepositoryInfo> {
		return this.call(repo, async () => {
			const data = await this.graphql<RepositoryQueryResult>(REPOSITORY_QUERY, { owner: repo.owner, name: repo.name });
			if (!data.repository) {
				throw notFoundError(repo);
			}
			return toRepositoryInfo(data.repository);
		});
	}

	/** @inheritdoc */
	listDiscussionCategories(repo: RepoRef): Promise<DiscussionCategory[]> {
		return this.call(repo, async () => {
			const data = await this.graphql<DiscussionCategoriesQueryResult>(DISCUSSION_CATEGORIES_QUERY, { owner: repo.owner, name: repo.name });
			if (!data.repository) {
				throw notFoundError(repo);
			}
			if (!data.repository.hasDiscussionsEnabled) {
				throw discussionsDisabledError(repo);
			}
			return compact(data.repository.discussionCategories.nodes).map(toCategory);
		});
	}

	/** @inheritdoc */
	listDiscussions(repo: RepoRef, request: DiscussionListRequest): Promise<Page<DiscussionSummary>> {
		return this.call(repo, async () => {
			const data = await this.graphql<DiscussionsQueryResult>(DISCUSSIONS_QUERY, discussionsVariables(repo, request));
			if (!data.repository) {
				throw notFoundError(repo);
			}
			if (!data.repository.hasDiscussionsEnabled) {
				throw discussionsDisabledError(repo);
			}
			return toPage(data.repository.discussions, toDiscussionSummary);
		});
	}

	/** @inheritdoc */
	listIssues(repo: RepoRef, query: IssueQuery, page: PageRequest): Promise<Page<IssueSummary>> {
		return this.call(repo, () => query.kind === 'filter' ? this.filterIssues(repo, query.filter, page) : this.searchIssues(repo, query.q, page));
	}

	/** @inheritdoc */
	getThread(repo: RepoRef, kind: ThreadKind, number: number): Promise<Thread> {
		return this.call(repo, () => kind === 'discussion' ? this.discussionThread(repo, number) : this.issueThread(repo, number));
	}

	/** @inheritdoc */
	getThreadComments(thread: ThreadLocator, page: { readonly after: string; readonly replyToId?: string }): Promise<Page<ThreadComment>> {
		return this.call(thread.repo, async () => {
			if (page.replyToId !== undefined) return this.discussionReplies(page.replyToId, page.after);
			const t = thread.kind === 'discussion'
				? await this.discussionThread(thread.repo, thread.number, page.after)
				: await this.issueThread(thread.repo, thread.number, page.after);
			return { items: t.comments, totalCount: t.commentCount, nextCursor: t.commentsCursor };
		});
	}

	private async discussionReplies(id: string, cursor: string): Promise<Page<ThreadComment>> {
		const data = await this.graphql<DiscussionRepliesPageResult>(DISCUSSION_REPLIES_PAGE_QUERY, { id, cursor });
		if (!data.node?.replies) throw notFoundError();
		return toPage(data.node.replies, toDiscussionComment);
	}

	private async discussionThread(repo: RepoRef, number: number, cursor?: string): Promise<Thread> {
		const data = await this.graphql<DiscussionThreadQueryResult>(DISCUSSION_THREAD_QUERY, { owner: repo.owner, name: repo.name, number, cursor: cursor ?? null });
		if (!data.repository) throw notFoundError(repo);
		if (!data.repository.discussion) throw notFoundError();
		return toDiscussionThread(repo, data.repository.discussion, data.repository.viewerPermission);
	}

	private async issueThread(repo: RepoRef, number: number, cursor?: string): Promise<Thread> {
		const data = await this.graphql<IssueThreadQueryResult>(ISSUE_THREAD_QUERY, { owner: repo.owner, name: repo.name, number, cursor: cursor ?? null });
		if (!data.repository) throw notFoundError(repo);
		if (!data.repository.issue) throw notFoundError();
		return toIssueThread(repo, data.repository.issue, data.repository.viewerPermission);
	}

	/** @inheritdoc */
	addComment(thread: CommentTarget, body: string, options: AddCommentOptions): Promise<PostedComment> {
		return this.call(thread.repo, async () => {
			const raw = thread.kind === 'discussion'
				? (await this.graphql<AddDiscussionCommentResult>(ADD_DISCUSSION_COMMENT_MUTATION, {
					discussionId: thread.id, body, replyToId: options.replyToId ?? null, clientMutationId: options.clientId,
				})).addDiscussionComment?.comment
				: (await this.graphql<AddIssueCommentResult>(ADD_ISSUE_COMMENT_MUTATION, { subjectId: thread.id, body, clientMutationId: options.clientId }))
					.addComment?.commentEdge?.node;
			return postedCommentOf(raw);
		});
	}

	/** @inheritdoc */
	findComment(thread: ThreadLocator, query: FindCommentQuery): Promise<PostedComment | undefined> {
		return this.call(thread.repo, async () => findPostedComment(await this.recentComments(thread, query.replyToId), query));
	}

	/** @inheritdoc */
	listSavedReplies(): Promise<SavedReply[]> {
		return this.call(undefined, async () => toSavedReplies(await this.graphql<SavedRepliesQueryResult>(SAVED_REPLIES_QUERY, {})));
	}

	/** @inheritdoc */
	createDiscussion(discussion: NewDiscussion): Promise<CreatedDiscussion> {
		return this.call(undefined, async () => createdDiscussionOf(await this.graphql<CreateDiscussionResult>(CREATE_DISCUSSION_MUTATION, { ...discussion })));
	}

	/** @inheritdoc */
	listLabels(repo: RepoRef): Promise<Label[]> {
		return this.call(repo, () => moderation.listLabels(this.gqlCall, repo));
	}

	/** @inheritdoc */
	listAssignableUsers(repo: RepoRef, query?: string): Promise<AssignableUser[]> {
		return this.call(repo, () => moderation.listAssignableUsers(this.gqlCall, repo, query));
	}

	/** @inheritdoc */
	moderate(target: ModerationTarget, action: ModerationAction): Promise<ModerationState> {
		return this.call(target.repo, () => moderation.moderate(this.gqlCall, target, action));
	}

	/** @inheritdoc */
	getModerationState(target: ModerationTarget, commentId?: string): Promise<ModerationState> {
		return this.call(target.repo, () => moderation.moderationState(this.gqlCall, target, commentId));
	}

	private readonly gqlCall: GraphQLCall = (document, variables) => this.graphql(document, variables);

	private async recentComments(thread: ThreadLocator, replyToId: string | undefined): Promise<readonly (RawPostedComment | null)[]> {
		const { repo, number } = thread;
		if (thread.kind === 'issue') {
			const data = await this.graphql<RecentIssueCommentsResult>(RECENT_ISSUE_COMMENTS_QUERY, { owner: repo.owner, name: repo.name, number });
			if (!data.repository?.issue) throw notFoundError(data.repository ? undefined : repo);
			return data.repository.issue.comments.nodes ?? [];
		}
		if (replyToId) {
			const data = await this.graphql<RecentDiscussionRepliesResult>(RECENT_DISCUSSION_REPLIES_QUERY, { id: replyToId });
			if (!data.node?.replies) throw notFoundError();
			return data.node.replies.nodes ?? [];
		}
		const data = await this.graphql<RecentDiscussionCommentsResult>(RECENT_DISCUSSION_COMMENTS_QUERY, { owner: repo.owner, name: repo.name, number });
		if (!data.repository?.discussion) throw notFoundError(data.repository ? undefined : repo);
		return data.repository.discussion.comments.nodes ?? [];
	}

	private async filterIssues(repo: RepoRef, filter: Extract<IssueQuery, { kind: 'filter' }>['filter'], page: PageRequest): Promise<Page<IssueSummary>> {
		const data = await this.graphql<IssuesQueryResult>(ISSUES_QUERY, issuesVariables(repo, filter, page));
		if (!data.repository) {
			throw notFoundError(repo);
		}
		return toPage(data.repository.issues, toIssueSummary);
	}

	private async searchIssues(repo: RepoRef, q: string, page: PageRequest): Promise<Page<IssueSummary>> {
		const { search } = await this.graphql<IssueSearchQueryResult>(ISSUE_SEARCH_QUERY, issueSearchVariables(repo, q, page));
		return {
			items: compact(search.nodes).filter(isIssueNode).map(toIssueSummary),
			totalCount: search.issueCount,
			nextCursor: nextCursor(search.pageInfo),
		};
	}

	/**
	 * Runs a GraphQL read through the same scheduler, retries, rate-limit handling and error
	 * mapping as every other call (used by `OctokitSyncSource`). Rejects with a GitHubError.
	 * With `missingNodesAsNull`, a response whose only errors are NOT_FOUND (GitHub's answer for
	 * a deleted id in `nodes(ids:)`: a null entry plus an error) resolves with its data.
	 */
	rawQuery<T>(document: string, variables: Record<string, unknown>, repo?: RepoRef, options?: { readonly missingNodesAsNull?: boolean }): Promise<T> {
		return this.call(repo, async () => {
			try {
				return await this.graphql<T>(document, variables);
			} catch (error) {
				const data = options?.missingNodesAsNull ? dataDespiteMissingNodes(error) : undefined;
				if (data === undefined) throw error;
				return data as T;
			}
		});
	}

	private graphql<T>(document: string, variables: Record<string, unknown>): Promise<T> {
		return this.gql<T>(document, variables);
	}

	/** Runs a call and turns every failure into a GitHubError (redacted, with the repository for context). */
	private async call<T>(repo: RepoRef | undefined, task: () => Promise<T>): Promise<T> {
		try {
			return await task();
		} catch (error) {
			const mapped = toGitHubError(error, {
				repo,
				host: new URL(this.settings.restBaseUrl).host,
				secrets: [this.lastToken],
				timeoutMs: this.settings.timeoutMs,
			});
			if (mapped.kind === 'rateLimited' && mapped.details.resetAt !== undefined && !this.scheduler.isCoolingDown()) {
				// A limit the throttling plugin did not report (e.g. a bare 429): hold everything until it lifts.
				this.scheduler.noteRateLimited('*', mapped.details.resetAt, false);
			}
			throw mapped;
		}
	}
}

/** The partial data of a GraphQL response whose every error is NOT_FOUND, else undefined. */
function dataDespiteMissingNodes(error: unknown): object | undefined {
	const { data, errors } = (typeof error === 'object' && error !== null ? error : {}) as { data?: unknown; errors?: unknown };
	const onlyNotFound = Array.isArray(errors) && errors.length > 0 && errors.every(e => (e as { type?: unknown } | null)?.type === 'NOT_FOUND');
	return onlyNotFound && typeof data === 'object' && data !== null ? data : undefined;
}

/**
 * Splits `…/graphql` into a base URL and the path `/graphql`, so plugin-throttling recognises
 * GraphQL on GHES (`/api/graphql`) as it does on github.com and sees `RATE_LIMITED` errors.
 */
export function splitGraphqlUrl(graphqlUrl: string): { baseUrl: string; url: string } {
	const match = /^(.*)(\/graphql)$/.exec(graphqlUrl);
	return match ? { baseUrl: match[1], url: match[2] } : { baseUrl: graphqlUrl, url: graphqlUrl };
}
