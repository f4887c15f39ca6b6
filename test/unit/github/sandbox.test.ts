import { strict as assert } from 'node:assert';
import { OctokitGitHubClient, type OctokitClientOptions } from '../../../src/github/octokitClient';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { failure } from './fakeFetch';

// The real client against the GitHub sandbox (test/sandbox), treated like a GitHub Enterprise
// Server at http://127.0.0.1:PORT: REST under /api/v3, GraphQL at /api/graphql.

const ROCKET = { owner: 'acme', name: 'rocket' };
const DOCS = { owner: 'acme', name: 'rocket-docs' };

describe('OctokitGitHubClient against the GitHub sandbox', function () {
	this.timeout(30_000);
	let sb: Sandbox;
	let token: string;

	const client = (options: Partial<OctokitClientOptions> = {}) => OctokitGitHubClient.create(async () => token, {
		restBaseUrl: `${sb.url}/api/v3`,
		graphqlUrl: `${sb.url}/api/graphql`,
		retryBaseDelayMs: 10,
		...options,
	});

	before(async () => {
		sb = await startSandbox({ port: 0, size: 'demo' });
	});

	after(async () => {
		await sb?.close();
	});

	beforeEach(() => {
		token = sb.token;
		sb.log.clear();
		sb.faults.clear();
		sb.resetBudgets();
	});

	it('knows the viewer, with the token\'s scopes', async () => {
		const viewer = await client().getViewer();
		assert.equal(viewer.login, 'mona');
		assert.ok(viewer.scopes?.includes('repo'), String(viewer.scopes));
		assert.deepEqual(sb.log.api().map(e => `${e.method} ${e.path} ${e.tokenId}`), ['GET /api/v3/user mona']);
	});

	it('reads acme/rocket', async () => {
		const repo = await client().getRepository(ROCKET);
		assert.deepEqual([repo.owner, repo.name, repo.hasDiscussionsEnabled, repo.hasIssuesEnabled], ['acme', 'rocket', true, true]);
		assert.match(repo.id, /\S/);
	});

	it('lists the categories of acme/rocket, including an answerable Q&A with its emoji', async () => {
		const categories = await client().listDiscussionCategories(ROCKET);
		const qa = categories.find(c => c.name === 'Q&A');
		assert.ok(qa, categories.map(c => c.name).join(', '));
		assert.equal(qa.isAnswerable, true);
		assert.equal(qa.emoji, '🙏');
		assert.ok(categories.filter(c => c.name !== 'Q&A').every(c => !c.isAnswerable));
		assert.ok(categories.every(c => !/[<>]/.test(c.emoji)));
	});

	it('pages through discussions, most recently updated first', async () => {
		const c = client();
		const first = await c.listDiscussions(ROCKET, { first: 20 });
		assert.equal(first.items.length, 20);
		assert.ok(first.totalCount > 20, String(first.totalCount));
		assert.ok(first.nextCursor);
		const second = await c.listDiscussions(ROCKET, { first: 20, after: first.nextCursor });
		assert.equal(second.items.length, 20);
		const ids = new Set([...first.items, ...second.items].map(d => d.id));
		assert.equal(ids.size, 40, 'pages do not overlap');
		const updated = [...first.items, ...second.items].map(d => d.updatedAt);
		assert.deepEqual(updated, [...updated].sort().reverse());
	});

	it('filters discussions by category and answered state', async () => {
		const c = client();
		const qa = (await c.listDiscussionCategories(ROCKET)).find(x => x.isAnswerable)!;
		const page = await c.listDiscussions(ROCKET, { categoryId: qa.id, answered: false, states: ['OPEN'], first: 100 });
		assert.ok(page.items.length > 0);
		for (const d of page.items) {
			assert.equal(d.categoryId, qa.id);
			assert.equal(d.isAnswered, false);
			assert.equal(d.closed, false);
		}
	});

	it('lists issues by filter, with a next page', async () => {
		const c = client();
		const open = await c.listIssues(ROCKET, { kind: 'filter', filter: { states: ['OPEN'] } }, { first: 30 });
		assert.equal(open.items.length, 30);
		assert.ok(open.items.every(i => i.state === 'OPEN' && i.repo.name === 'rocket'));
		const next = await c.listIssues(ROCKET, { kind: 'filter', filter: { states: ['OPEN'] } }, { first: 30, after: open.nextCursor });
		assert.ok(next.items.length > 0);
		assert.ok(next.items.every(i => !open.items.some(o => o.id === i.id)));
		const all = await c.listIssues(ROCKET, { kind: 'filter', filter: {} }, { first: 1 });
		assert.ok(all.totalCount >= open.totalCount);
	});

	it('filters issues by label', async () => {
		const c = client();
		const labelled = await c.listIssues(ROCKET, { kind: 'filter', filter: { labels: ['bug'] } }, { first: 50 });
		assert.ok(labelled.items.length > 0);
		assert.ok(labelled.items.every(i => i.labels.some(l => l.name === 'bug')));
	});

	it('searches issues, never returning pull requests', async () => {
		const c = client();
		const page = await c.listIssues(ROCKET, { kind: 'search', q: 'repo:acme/rocket is:open' }, { first: 50 });
		assert.ok(page.items.length > 0);
		assert.ok(page.items.every(i => i.state === 'OPEN' && i.url.includes('/issues/')), 'issues only');
		const labelled = await c.listIssues(ROCKET, { kind: 'search', q: 'repo:acme/rocket label:bug' }, { first: 50 });
		assert.ok(labelled.items.every(i => i.labels.some(l => l.name === 'bug')));
	});

	it('reports an unknown repository as notFound', async () => {
		const error = await failure(client().getRepository({ owner: 'acme', name: 'nope' }));
		assert.equal(error.kind, 'notFound');
		assert.equal(error.message, 'Repository acme/nope was not found, or your account cannot see it.');
		assert.equal((await failure(client().listDiscussions({ owner: 'acme', name: 'nope' }, {}))).kind, 'notFound');
	});

	it('reports a revoked token as badCredentials after exactly one request', async () => {
		sb.revokeToken(sb.token);
		try {
			const error = await failure(client().getViewer());
			assert.equal(error.kind, 'badCredentials');
			assert.ok(!error.message.includes(sb.token));
			assert.equal(sb.log.api().length, 1);
		} finally {
			sb.restoreToken(sb.token);
		}
	});

	it('reports discussionsDisabled when a repository turns Discussions off', async () => {
		const repo = sb.store.repo('acme', 'rocket-docs')!;
		repo.hasDiscussionsEnabled = false;
		try {
			const error = await failure(client().listDiscussionCategories(DOCS));
			assert.equal(error.kind, 'discussionsDisabled');
			assert.match(error.message, /acme\/rocket-docs/);
		} finally {
			repo.hasDiscussionsEnabled = true;
		}
	});

	it('retries a read once after a 502 from the server', async () => {
		sb.faults.add({ mode: 'status', status: 502, kind: 'graphql', operationName: 'DiscussionsPage', times: 1 });
		const page = await client().listDiscussions(ROCKET, { first: 5 });
		assert.equal(page.items.length, 5);
		assert.deepEqual(sb.log.api().map(e => e.status), [502, 200]);
	});

	it('times out a hung request and does not resend it', async () => {
		sb.faults.add({ mode: 'hang', kind: 'graphql', times: 1 });
		const error = await failure(client({ timeoutMs: 300 }).getRepository(ROCKET));
		assert.equal(error.kind, 'network');
		assert.match(error.message, /did not answer/);
		assert.equal(sb.log.api().length, 1);
	});

	it('waits out a short secondary rate limit for a read', async () => {
		sb.faults.add({ mode: 'secondaryRateLimit', retryAfter: 1, kind: 'graphql', times: 1 });
		const started = Date.now();
		await client().getRepository(ROCKET);
		assert.ok(Date.now() - started >= 900);
		assert.equal(sb.log.api().length, 2);
	});

	it('fails fast with rateLimited when the budget is spent, and remembers it', async () => {
		sb.exhaustBudget(sb.token, 'graphql');
		const c = client();
		const error = await failure(c.listDiscussions(ROCKET, {}));
		assert.equal(error.kind, 'rateLimited');
		assert.ok(error.details.resetAt! > Date.now());
		assert.equal(sb.log.api().length, 1);
		assert.equal((await failure(c.getRepository(ROCKET))).kind, 'rateLimited');
		assert.equal(sb.log.api().length, 1, 'no request while the budget is spent');
		assert.equal((await c.getViewer()).login, 'mona', 'REST has its own budget');
	});

	it('keeps at most two reads in flight', async () => {
		sb.setLatency(40);
		try {
			const c = client();
			await Promise.all(Array.from({ length: 6 }, () => c.listDiscussions(ROCKET, { first: 5 })));
			assert.equal(sb.log.api().length, 6);
			assert.ok(Math.max(...sb.log.api().map(e => e.inFlight)) <= 2);
		} finally {
			sb.setLatency(0);
		}
	});

	it('exposes the GraphQL budget the server reported', async () => {
		const c = client();
		await c.getRepository(ROCKET);
		assert.equal(c.lastRateLimit?.resource, 'graphql');
		assert.ok((c.lastRateLimit?.remaining ?? 0) > 0);
	});
});
