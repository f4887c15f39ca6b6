import { strict as assert } from 'node:assert';
import { createOctokit, OctokitGitHubClient, resolveSettings, splitGraphqlUrl, type OctokitClientOptions } from '../../../src/github/octokitClient';
import { RequestScheduler } from '../../../src/github/scheduler';
import { delay, failure, gqlData, hang, json, networkError, stubFetch, type Handler } from './fakeFetch';

const TOKEN = 'ghp_unitTestToken0123456789abcdef';
const API = 'https://api.github.com';
const ACME_X = { owner: 'acme', name: 'x' };

const USER = { login: 'mona', name: 'Mona Lisa', avatar_url: 'https://avatars.example/mona' };
const EMPTY_DISCUSSIONS = {
	repository: { hasDiscussionsEnabled: true, discussions: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } },
};

/** A client for github.com over `handler`, with fast retries. */
function clientFor(handler: Handler, options: Partial<OctokitClientOptions> = {}, getToken = async (): Promise<string | undefined> => TOKEN) {
	const stub = stubFetch(handler);
	const client = OctokitGitHubClient.create(getToken, {
		restBaseUrl: API,
		graphqlUrl: `${API}/graphql`,
		fetch: stub.fetch,
		retryBaseDelayMs: 5,
		...options,
	});
	return { client, stub };
}

describe('OctokitGitHubClient', () => {
	describe('authorization (A4)', () => {
		it('sends `token …` to the configured origin', async () => {
			const { client, stub } = clientFor(() => json(USER));
			await client.getViewer();
			assert.equal(stub.requests.length, 1);
			assert.equal(stub.requests[0]!.url, `${API}/user`);
			assert.equal(stub.requests[0]!.headers.get('authorization'), `token ${TOKEN}`);
			assert.match(stub.requests[0]!.headers.get('user-agent') ?? '', /^community-desk /);
		});

		it('never sends it to another origin, and does not even ask for the token', async () => {
			let asked = 0;
			const stub = stubFetch(() => json({ ok: true }));
			const settings = resolveSettings({ restBaseUrl: API, graphqlUrl: `${API}/graphql`, fetch: stub.fetch });
			const octokit = createOctokit({
				settings,
				scheduler: new RequestScheduler({ maxConcurrentReads: 2 }),
				getToken: async () => (asked++, TOKEN),
				onRateLimit: () => undefined,
			});
			await octokit.request('GET https://evil.example/collect');
			await octokit.request('GET https://api.github.com.evil.example/collect');
			await octokit.request('GET http://api.github.com/user'); // other scheme, other origin
			assert.equal(stub.requests.length, 3);
			for (const r of stub.requests) {
				assert.equal(r.headers.get('authorization'), null, r.url);
			}
			assert.equal(asked, 0);
		});

		it('drops it when a redirect leaves the origin, keeps it on same-origin hops', async () => {
			const { client, stub } = clientFor(request => {
				if (request.url === `${API}/user`) {
					return new Response(null, { status: 307, headers: { location: '/user/moved' } });
				}
				if (request.url === `${API}/user/moved`) {
					return new Response(null, { status: 302, headers: { location: 'https://attacker.example/steal' } });
				}
				return json(USER);
			});
			const viewer = await client.getViewer();
			assert.equal(viewer.login, 'mona');
			assert.deepEqual(stub.requests.map(r => [r.url, r.headers.get('authorization')]), [
				[`${API}/user`, `token ${TOKEN}`],
				[`${API}/user/moved`, `token ${TOKEN}`],
				['https://attacker.example/steal', null],
			]);
		});

		it('rejects with signedOut and sends nothing when there is no token', async () => {
			const { client, stub } = clientFor(() => json(USER), {}, async () => undefined);
			const error = await failure(client.getViewer());
			assert.equal(error.kind, 'signedOut');
			assert.equal(stub.requests.length, 0);
		});

		it('refuses plain http except on loopback', () => {
			assert.throws(() => OctokitGitHubClient.create(async () => TOKEN, { restBaseUrl: 'http://ghe.example/api/v3', graphqlUrl: 'http://ghe.example/api/graphql' }), /https/);
			assert.doesNotThrow(() => OctokitGitHubClient.create(async () => TOKEN, { restBaseUrl: 'http://127.0.0.1:9/api/v3', graphqlUrl: 'http://127.0.0.1:9/api/graphql' }));
		});
	});

	describe('endpoints', () => {
		it('uses /api/v3 and /api/graphql on GitHub Enterprise Server', async () => {
			const base = 'http://127.0.0.1:4567';
			const { client, stub } = clientFor(request => request.url.endsWith('/user') ? json(USER) : gqlData(EMPTY_DISCUSSIONS), {
				restBaseUrl: `${base}/api/v3`,
				graphqlUrl: `${base}/api/graphql`,
			});
			await client.getViewer();
			await client.listDiscussions(ACME_X, {});
			assert.deepEqual(stub.requests.map(r => `${r.method} ${r.url}`), [`GET ${base}/api/v3/user`, `POST ${base}/api/graphql`]);
			assert.ok(stub.requests.every(r => r.headers.get('authorization') === `token ${TOKEN}`));
		});

		it('splits the GraphQL URL so the throttling plugin recognises GraphQL on every host', () => {
			assert.deepEqual(splitGraphqlUrl('https://ghe.example/api/graphql'), { baseUrl: 'https://ghe.example/api', url: '/graphql' });
			assert.deepEqual(splitGraphqlUrl('https://api.github.com/graphql'), { baseUrl: 'https://api.github.com', url: '/graphql' });
		});
	});

	describe('getViewer', () => {
		it('reads the login and the OAuth scopes header', async () => {
			const { client } = clientFor(() => json(USER, 200, { 'x-oauth-scopes': 'repo, read:org' }));
			assert.deepEqual(await client.getViewer(), { login: 'mona', name: 'Mona Lisa', avatarUrl: USER.avatar_url, scopes: ['repo', 'read:org'] });
		});

		it('leaves scopes undefined for tokens that report none (fine-grained)', async () => {
			const { client } = clientFor(() => json(USER));
			assert.equal((await client.getViewer()).scopes, undefined);
		});
	});

	describe('retries (R6)', () => {
		it('retries a read after 502 and succeeds on the third request', async () => {
			const { client, stub } = clientFor((_r, i) => i < 2 ? json({ message: 'Bad Gateway' }, 502) : json(USER));
			assert.equal((await client.getViewer()).login, 'mona');
			assert.equal(stub.requests.length, 3);
		});

		it('retries a GraphQL query after a network error', async () => {
			const { client, stub } = clientFor((_r, i) => {
				if (i === 0) {
					throw networkError('ECONNRESET');
				}
				return gqlData(EMPTY_DISCUSSIONS);
			});
			assert.equal((await client.listDiscussions(ACME_X, {})).totalCount, 0);
			assert.equal(stub.requests.length, 2);
		});

		it('gives up after two retries with a server error', async () => {
			const { client, stub } = clientFor(() => json({ message: 'Service Unavailable' }, 503));
			const error = await failure(client.getViewer());
			assert.equal(error.kind, 'server');
			assert.equal(error.details.status, 503);
			assert.equal(stub.requests.length, 3);
		});

		it('sends 401 exactly once and reports badCredentials without the token', async () => {
			const { client, stub } = clientFor(() => json({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }, 401));
			const error = await failure(client.getViewer());
			assert.equal(error.kind, 'badCredentials');
			assert.equal(error.message, 'GitHub rejected the token (Bad credentials). Sign in again.');
			assert.equal(stub.requests.length, 1);
			assert.ok(!JSON.stringify({ m: error.message, c: String(error.details.cause) }).includes(TOKEN));
		});

		for (const status of [400, 403, 404, 410, 422]) {
			it(`never retries ${status}`, async () => {
				const { client, stub } = clientFor(() => json({ message: 'nope' }, status));
				await failure(client.getViewer());
				assert.equal(stub.requests.length, 1);
			});
		}

		it('never retries a REST write or a GraphQL mutation, even on 502', async () => {
			const stub = stubFetch(() => json({ message: 'Bad Gateway' }, 502));
			const octokit = createOctokit({
				settings: resolveSettings({ restBaseUrl: API, graphqlUrl: `${API}/graphql`, fetch: stub.fetch, retryBaseDelayMs: 5, writeGapMs: 0 }),
				scheduler: new RequestScheduler({ maxConcurrentReads: 2, writeGapMs: 0, notifyingWriteGapMs: 0 }),
				getToken: async () => TOKEN,
				onRateLimit: () => undefined,
			});
			await assert.rejects(octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: 'acme', repo: 'x', issue_number: 1, body: 'hi' }));
			await assert.rejects(octokit.graphql('mutation Reply($id: ID!) { addDiscussionComment(input: {discussionId: $id, body: "hi"}) { comment { id } } }', { id: 'D_1' }));
			await assert.rejects(octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: 'acme', repo: 'x', issue_number: 1, state: 'closed' }));
			assert.deepEqual(stub.requests.map(r => r.method), ['POST', 'POST', 'PATCH']);
			// The same stack retries a query: the difference is the operation type alone.
			await assert.rejects(octokit.graphql('query Q { viewer { login } }'));
			assert.equal(stub.requests.length, 6);
		});

		it('never waits out a rate limit for a write', async () => {
			const stub = stubFetch(() => json({ message: 'You have exceeded a secondary rate limit.' }, 403, { 'retry-after': '1' }));
			const octokit = createOctokit({
				settings: resolveSettings({ restBaseUrl: API, graphqlUrl: `${API}/graphql`, fetch: stub.fetch }),
				scheduler: new RequestScheduler({ maxConcurrentReads: 2 }),
				getToken: async () => TOKEN,
				onRateLimit: () => undefined,
			});
			await assert.rejects(octokit.request('PUT /repos/{owner}/{repo}/issues/{issue_number}/lock', { owner: 'acme', repo: 'x', issue_number: 1 }));
			assert.equal(stub.requests.length, 1);
		});

		it('counts a GraphQL 200 with errors as a failure (R9)', async () => {
			const { client, stub } = clientFor(() => json({
				data: { repository: { id: 'R_1', name: 'x', owner: { login: 'acme' } } },
				errors: [{ message: 'Field \'bogus\' doesn\'t exist on type \'Repository\'' }],
			}));
			const error = await failure(client.getRepository(ACME_X));
			assert.equal(error.kind, 'invalid');
			assert.equal(stub.requests.length, 1);
		});
	});

	describe('timeouts (R10)', () => {
		it('aborts a hung request at the timeout, reports network and does not retry it', async () => {
			const { client, stub } = clientFor(() => hang(), { timeoutMs: 60 });
			const started = Date.now();
			const error = await failure(client.getViewer());
			assert.equal(error.kind, 'network');
			assert.match(error.message, /did not answer within/);
			assert.equal(stub.requests.length, 1);
			assert.ok(Date.now() - started < 2000);
		});

		it('also times out a body that stalls after the headers', async () => {
			const stalled = () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"data":')); } }), {
				headers: { 'content-type': 'application/json' },
			});
			const { client } = clientFor(stalled, { timeoutMs: 60 });
			assert.equal((await failure(client.listDiscussions(ACME_X, {}))).kind, 'network');
		});
	});

	describe('network errors', () => {
		it('maps a refused connection after the retries', async () => {
			const { client, stub } = clientFor(() => { throw networkError('ECONNREFUSED'); });
			const error = await failure(client.getViewer());
			assert.equal(error.kind, 'network');
			assert.match(error.message, /connection refused/);
			assert.match(error.message, /api\.github\.com/);
			assert.equal(stub.requests.length, 3);
		});
	});

	describe('concurrency (R1)', () => {
		it('keeps at most two reads in flight by default', async () => {
			const { client, stub } = clientFor(async () => (await delay(25), gqlData(EMPTY_DISCUSSIONS)));
			await Promise.all(Array.from({ length: 7 }, () => client.listDiscussions(ACME_X, {})));
			assert.equal(stub.requests.length, 7);
			assert.equal(stub.maxInFlight, 2);
		});

		it('does not space GraphQL queries a second apart (plugin-throttling would treat them as writes)', async () => {
			const { client, stub } = clientFor(() => gqlData(EMPTY_DISCUSSIONS));
			const started = Date.now();
			for (let i = 0; i < 4; i++) {
				await client.listDiscussions(ACME_X, {});
			}
			assert.equal(stub.requests.length, 4);
			assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
		});

		it('follows maxConcurrentReads', async () => {
			const { client, stub } = clientFor(async () => (await delay(25), gqlData(EMPTY_DISCUSSIONS)), { maxConcurrentReads: 3 });
			await Promise.all(Array.from({ length: 7 }, () => client.listDiscussions(ACME_X, {})));
			assert.equal(stub.maxInFlight, 3);
		});
	});

	describe('rate limits (R2, R3)', function () {
		this.timeout(10_000); // GitHub's reset header has one-second resolution: these tests wait 1–2 s.
		const inSeconds = (s: number) => String(Math.ceil(Date.now() / 1000) + s);

		it('waits out a short primary limit once for a read', async () => {
			const { client, stub } = clientFor((_r, i) => i === 0
				? json({ message: 'API rate limit exceeded for user ID 1.' }, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': inSeconds(0) })
				: json(USER, 200, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': inSeconds(3600) }));
			assert.equal((await client.getViewer()).login, 'mona');
			assert.equal(stub.requests.length, 2);
		});

		it('fails fast with resetAt when the wait is long, then holds further requests back', async () => {
			const reset = inSeconds(7200);
			const { client, stub } = clientFor(() => json({ message: 'API rate limit exceeded for user ID 1.' }, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': reset }));
			const error = await failure(client.getViewer());
			assert.equal(error.kind, 'rateLimited');
			assert.equal(error.details.resetAt, Number(reset) * 1000);
			assert.match(error.message, /^Rate limit reached; it resets at \d\d:\d\d\.$/);
			assert.equal(stub.requests.length, 1);
			assert.equal((await failure(client.getViewer())).kind, 'rateLimited');
			assert.equal(stub.requests.length, 1, 'no request before the reset');
		});

		it('honours retry-after on a secondary limit for a read', async () => {
			const { client, stub } = clientFor((_r, i) => i === 0
				? json({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, 403, { 'retry-after': '1' })
				: json(USER));
			const started = Date.now();
			await client.getViewer();
			assert.equal(stub.requests.length, 2);
			assert.ok(Date.now() - started >= 900, 'waited for retry-after');
		});

		it('fails fast on a long secondary limit', async () => {
			const { client, stub } = clientFor(() => json({ message: 'You have exceeded a secondary rate limit.' }, 403, { 'retry-after': '600' }));
			const error = await failure(client.getViewer());
			assert.equal(error.kind, 'rateLimited');
			assert.match(error.message, /secondary rate limit/);
			assert.ok(Math.abs(error.details.resetAt! - (Date.now() + 600_000)) < 5000);
			assert.equal(stub.requests.length, 1);
		});

		it('treats GraphQL RATE_LIMITED in a 200 as a rate limit and waits it out once', async () => {
			const { client, stub } = clientFor((_r, i) => i === 0
				? json({ errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] }, 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inSeconds(0) })
				: gqlData(EMPTY_DISCUSSIONS));
			await client.listDiscussions(ACME_X, {});
			assert.equal(stub.requests.length, 2);
		});

		it('does not retry a bare 429', async () => {
			const { client, stub } = clientFor(() => json({ message: 'Too Many Requests' }, 429, { 'retry-after': '1' }));
			const error = await failure(client.getViewer());
			assert.equal(error.kind, 'rateLimited');
			assert.equal(stub.requests.length, 1);
		});

		it('exposes the last budget seen', async () => {
			const { client } = clientFor(() => gqlData(EMPTY_DISCUSSIONS, { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4321', 'x-ratelimit-reset': '1700000000', 'x-ratelimit-resource': 'graphql' }));
			assert.equal(client.lastRateLimit, undefined);
			await client.listDiscussions(ACME_X, {});
			assert.deepEqual(client.lastRateLimit, { resource: 'graphql', limit: 5000, remaining: 4321, resetAt: 1_700_000_000_000 });
		});
	});

	describe('repositories and discussions', () => {
		it('maps a repository and reports an unknown one as notFound', async () => {
			const { client } = clientFor(request => request.variables['name'] === 'x'
				? gqlData({ repository: { id: 'R_1', name: 'x', owner: { login: 'acme' }, url: 'https://github.com/acme/x', isPrivate: false, hasDiscussionsEnabled: true, hasIssuesEnabled: true, viewerPermission: 'WRITE' } })
				: json({ data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: 'Could not resolve to a Repository with the name \'acme/nope\'.' }] }));
			assert.equal((await client.getRepository(ACME_X)).viewerPermission, 'WRITE');
			const error = await failure(client.getRepository({ owner: 'acme', name: 'nope' }));
			assert.equal(error.kind, 'notFound');
			assert.equal(error.message, 'Repository acme/nope was not found, or your account cannot see it.');
		});

		it('reports discussionsDisabled with a helpful message', async () => {
			const { client } = clientFor(() => gqlData({ repository: { hasDiscussionsEnabled: false, discussionCategories: { nodes: [] } } }));
			const error = await failure(client.listDiscussionCategories(ACME_X));
			assert.equal(error.kind, 'discussionsDisabled');
			assert.match(error.message, /^Discussions are turned off for acme\/x\./);
		});

		it('sends discussion filters and clamps the page size', async () => {
			const { client, stub } = clientFor(() => gqlData(EMPTY_DISCUSSIONS));
			await client.listDiscussions(ACME_X, { first: 500, after: 'Y3Vyc29y', categoryId: 'DIC_1', states: ['OPEN'], answered: false });
			await client.listDiscussions(ACME_X, { first: 0 });
			await client.listDiscussions(ACME_X, {});
			assert.deepEqual(stub.requests[0]!.variables, { owner: 'acme', name: 'x', first: 100, cursor: 'Y3Vyc29y', categoryId: 'DIC_1', states: ['OPEN'], answered: false });
			assert.equal(stub.requests[1]!.variables['first'], 1);
			assert.deepEqual(stub.requests[2]!.variables, { owner: 'acme', name: 'x', first: 50 });
			assert.equal(stub.requests[0]!.operation, 'DiscussionsPage');
		});
	});

	describe('issues', () => {
		const issue = (n: number, typename = 'Issue') => ({
			__typename: typename, id: `I_${n}`, number: n, title: `Issue ${n}`, url: `https://github.com/acme/x/issues/${n}`,
			state: 'OPEN', stateReason: null, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-02T00:00:00Z', closedAt: null,
			locked: false, activeLockReason: null, author: null, authorAssociation: 'NONE', comments: { totalCount: 0 },
			labels: { nodes: [] }, assignees: { nodes: [] }, repository: { owner: { login: 'acme' }, name: 'x' },
		});

		it('maps a filter to states, filterBy and orderBy', async () => {
			const { client, stub } = clientFor(() => gqlData({ repository: { issues: { totalCount: 1, pageInfo: { hasNextPage: true, endCursor: 'c2' }, nodes: [issue(1)] } } }));
			const page = await client.listIssues(ACME_X, { kind: 'filter', filter: { states: ['OPEN'], assignee: 'mona', labels: ['bug'], orderBy: 'COMMENTS' } }, { first: 20 });
			assert.equal(page.nextCursor, 'c2');
			assert.equal(page.items[0]!.author, 'ghost');
			assert.equal(stub.requests[0]!.operation, 'IssuesPage');
			assert.deepEqual(stub.requests[0]!.variables, {
				owner: 'acme', name: 'x', first: 20, states: ['OPEN'],
				filterBy: { assignee: 'mona', labels: ['bug'] }, orderBy: { field: 'COMMENTS', direction: 'DESC' },
			});
		});

		it('searches with is:issue added and drops pull requests', async () => {
			const { client, stub } = clientFor(() => gqlData({ search: {
				issueCount: 3, pageInfo: { hasNextPage: false, endCursor: 'c' },
				nodes: [issue(1), { __typename: 'PullRequest' }, null, issue(3)],
			} }));
			const page = await client.listIssues(ACME_X, { kind: 'search', q: 'repo:acme/x label:bug' }, {});
			assert.deepEqual(page.items.map(i => i.number), [1, 3]);
			assert.equal(page.nextCursor, undefined);
			assert.equal(stub.requests[0]!.operation, 'IssueSearch');
			assert.deepEqual(stub.requests[0]!.variables, { q: 'repo:acme/x label:bug is:issue', first: 50 });
		});
	});
});
