import type {
	AddCommentOptions, CommentTarget, DiscussionListRequest, NewDiscussion, FindCommentQuery, IssueQuery, PageRequest, RateLimitInfo, RepoRef, ThreadKind, ThreadLocator,
} from '../core/model';
import type { ModerationAction, ModerationTarget } from '../core/moderation';
import type { GitHubServer, ServerParseResult } from '../core/serverUrl';
import type { GitHubClient, TokenProvider } from './client';
import type { GraphQLReader } from './octokitSyncSource';
import { GitHubError } from './errors';

/** Builds a concrete client for one server. */
export type ClientFactory = (server: GitHubServer, getToken: TokenProvider) => GitHubClient;

/**
 * The client the extension uses: follows the configured server (a new concrete client when the
 * setting changes), refuses to call GitHub without a token (`signedOut`) and reports an invalid
 * server setting as `invalid` instead of silently falling back to another host.
 */
export class SessionGitHubClient implements GitHubClient {
	private cached: { key: string; client: GitHubClient } | undefined;

	constructor(
		private readonly server: () => ServerParseResult,
		private readonly getToken: TokenProvider,
		private readonly factory: ClientFactory,
	) {}

	getViewer() {
		return this.call(c => c.getViewer());
	}

	getRepository(repo: RepoRef) {
		return this.call(c => c.getRepository(repo));
	}

	listDiscussionCategories(repo: RepoRef) {
		return this.call(c => c.listDiscussionCategories(repo));
	}

	listDiscussions(repo: RepoRef, request: DiscussionListRequest) {
		return this.call(c => c.listDiscussions(repo, request));
	}

	listIssues(repo: RepoRef, query: IssueQuery, page: PageRequest) {
		return this.call(c => c.listIssues(repo, query, page));
	}

	getThread(repo: RepoRef, kind: ThreadKind, number: number) {
		return this.call(c => c.getThread(repo, kind, number));
	}

	getThreadComments(thread: ThreadLocator, page: { readonly after: string; readonly replyToId?: string }) {
		return this.call(c => c.getThreadComments(thread, page));
	}

	addComment(thread: CommentTarget, body: string, options: AddCommentOptions) {
		return this.call(c => c.addComment(thread, body, options));
	}

	findComment(thread: ThreadLocator, query: FindCommentQuery) {
		return this.call(c => c.findComment(thread, query));
	}

	listSavedReplies() {
		return this.call(c => c.listSavedReplies());
	}

	createDiscussion(discussion: NewDiscussion) {
		return this.call(c => c.createDiscussion(discussion));
	}

	listLabels(repo: RepoRef) {
		return this.call(c => c.listLabels(repo));
	}

	listAssignableUsers(repo: RepoRef, query?: string) {
		return this.call(c => c.listAssignableUsers(repo, query));
	}

	moderate(target: ModerationTarget, action: ModerationAction) {
		return this.call(c => c.moderate(target, action));
	}

	getModerationState(target: ModerationTarget, commentId?: string) {
		return this.call(c => c.getModerationState(target, commentId));
	}

	/**
	 * A GraphQL read through the current concrete client's pipeline (for the sync engine's
	 * `OctokitSyncSource`); rejects with `invalid` when that client cannot run raw queries.
	 */
	rawQuery<T>(document: string, variables: Record<string, unknown>, repo?: RepoRef, options?: { readonly missingNodesAsNull?: boolean }): Promise<T> {
		return this.call(c => {
			if (!isGraphQLReader(c)) throw new GitHubError('invalid', 'This GitHub client cannot run sync queries.');
			return c.rawQuery<T>(document, variables, repo, options);
		});
	}

	/** The GraphQL budget the current concrete client last saw. */
	get lastRateLimit(): RateLimitInfo | undefined {
		const c = this.cached?.client;
		return c && isGraphQLReader(c) ? c.lastRateLimit : undefined;
	}

	private async call<T>(fn: (client: GitHubClient) => Promise<T>): Promise<T> {
		const parsed = this.server();
		if (!parsed.ok) throw new GitHubError('invalid', parsed.error);
		if (!(await this.getToken())) throw new GitHubError('signedOut', 'Not signed in to GitHub.');
		return fn(this.clientFor(parsed.server));
	}

	private clientFor(server: GitHubServer): GitHubClient {
		const key = `${server.restBaseUrl}|${server.graphqlUrl}`;
		if (this.cached?.key !== key) this.cached = { key, client: this.factory(server, this.getToken) };
		return this.cached.client;
	}
}

function isGraphQLReader(client: GitHubClient): client is GitHubClient & GraphQLReader {
	return typeof (client as Partial<GraphQLReader>).rawQuery === 'function';
}
