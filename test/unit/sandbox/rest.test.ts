import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { NOW, rest } from './helpers';

type Issue = { number: number; pull_request?: { url: string }; labels: { name: string }[]; state: string; state_reason: string | null; locked: boolean; active_lock_reason: string | null; assignees: { login: string }[] };

function links(header: string | null): Record<string, string> {
	const out: Record<string, string> = {};
	for (const part of (header ?? '').split(', ').filter(Boolean)) {
		const m = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!;
		out[m[2]!] = m[1]!;
	}
	return out;
}

describe('sandbox REST', () => {
	let sb: Sandbox;
	before(async () => (sb = await startSandbox({ size: 'demo', seed: 7, now: NOW })));
	after(() => sb.close());
	beforeEach(() => sb.resetBudgets());

	it('GET /user reports the login and the token scopes', async () => {
		const r = await rest<{ login: string; id: number; node_id: string; type: string }>(sb, 'GET', '/user');
		assert.equal(r.status, 200);
		assert.equal(r.body.login, 'mona');
		assert.match(r.body.node_id, /^U_kgDO/);
		assert.equal(r.headers.get('x-oauth-scopes'), 'repo, read:user');
		assert.equal((await rest(sb, 'GET', '/api/v3/user', { token: sb.tokens.publicOnly })).headers.get('x-oauth-scopes'), 'public_repo');
		assert.equal(r.headers.get('x-ratelimit-resource'), 'core');
	});

	it('answers 401 Bad credentials and 404 for unknown routes and repositories', async () => {
		const bad = await rest(sb, 'GET', '/user', { token: 'ghp_wrong' });
		assert.deepEqual([bad.status, bad.body], [401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }]);
		const route = await rest(sb, 'GET', '/nope/nope');
		assert.deepEqual([route.status, route.body], [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }]);
		assert.equal((await rest(sb, 'GET', '/repos/acme/nope/issues')).status, 404);
		assert.equal((await rest(sb, 'GET', '/user', { token: null })).status, 401);
	});

	it('paginates issues with Link headers, including pull-request items', async () => {
		const seen: Issue[] = [];
		let url: string | undefined = '/repos/acme/rocket/issues?state=all&per_page=100&sort=created&direction=asc';
		let first: Record<string, string> = {};
		while (url) {
			const r: { status: number; headers: Headers; body: Issue[] } = await rest<Issue[]>(sb, 'GET', url.replace(sb.url, ''));
			assert.equal(r.status, 200);
			seen.push(...r.body);
			const l = links(r.headers.get('link'));
			if (!Object.keys(first).length) first = l;
			url = l['next'];
		}
		assert.deepEqual(Object.keys(first).sort(), ['last', 'next']);
		assert.match(first['last']!, /[?&]page=2(&|$)/);
		const repo = sb.store.repo('acme', 'rocket')!;
		assert.equal(seen.length, repo.issues.length);
		assert.deepEqual(seen.map(i => i.number), repo.issues.map(t => t.number));
		const prs = seen.filter(i => i.pull_request);
		assert.equal(prs.length, repo.issues.filter(t => t.kind === 'pr').length);
		assert.ok(prs.length >= 3);
		const middle = await rest<Issue[]>(sb, 'GET', '/api/v3/repos/acme/rocket/issues?state=all&per_page=50&page=2');
		const rels = links(middle.headers.get('link'));
		assert.deepEqual(Object.keys(rels).sort(), ['first', 'last', 'next', 'prev']);
		assert.ok(rels['next']!.startsWith(`${sb.url}/api/v3/repos/acme/rocket/issues?`));
	});

	it('filters issues by state, labels, assignee, creator and since', async () => {
		const repo = sb.store.repo('acme', 'rocket')!;
		const bugs = await rest<Issue[]>(sb, 'GET', '/repos/acme/rocket/issues?labels=bug&state=all&per_page=100');
		assert.ok(bugs.body.length > 0 && bugs.body.every(i => i.labels.some(l => l.name === 'bug')));
		const mine = await rest<Issue[]>(sb, 'GET', '/repos/acme/rocket/issues?assignee=mona&per_page=100');
		assert.equal(mine.body.length, repo.issues.filter(t => !t.closed && t.assignees.some(a => a.login === 'mona')).length);
		const since = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();
		const recent = await rest<Issue[]>(sb, 'GET', `/repos/acme/rocket/issues?state=all&since=${since}&per_page=100`);
		assert.equal(recent.body.length, repo.issues.filter(t => t.updatedAt >= Date.parse(since)).length);
		assert.equal((await rest(sb, 'GET', '/repos/acme/rocket/issues?state=bogus')).status, 422);
	});

	it('answers 304 to a matching If-None-Match, without spending budget', async () => {
		const first = await rest(sb, 'GET', '/repos/acme/rocket/issues?per_page=5');
		const etag = first.headers.get('etag')!;
		assert.match(etag, /^W\/"[0-9a-f]{64}"$/);
		const remaining = Number(first.headers.get('x-ratelimit-remaining'));
		for (let i = 0; i < 3; i++) {
			const again = await rest(sb, 'GET', '/repos/acme/rocket/issues?per_page=5', { headers: { 'if-none-match': etag } });
			assert.equal(again.status, 304);
			assert.equal(again.body, null);
			assert.equal(Number(again.headers.get('x-ratelimit-remaining')), remaining);
		}
		assert.equal(sb.log.entries.at(-1)!.etagHit, true);
		assert.equal(sb.log.entries.at(-1)!.cost, 0);
		const other = await rest(sb, 'GET', '/repos/acme/rocket/issues?per_page=5', { token: sb.tokens.contributor, headers: { 'if-none-match': etag } });
		assert.equal(other.status, 200, 'ETags are tied to the token');
	});

	it('lists and creates issue comments', async () => {
		const t = sb.store.repo('acme', 'rocket')!.issues.find(x => x.kind === 'issue' && x.comments.length > 3 && !x.locked)!;
		const list = await rest<{ id: number; body: string }[]>(sb, 'GET', `/repos/acme/rocket/issues/${t.number}/comments?per_page=2`);
		assert.equal(list.body.length, 2);
		assert.ok(links(list.headers.get('link'))['next']);
		const created = await rest<{ id: number; body: string; user: { login: string }; author_association: string }>(sb, 'POST', `/repos/acme/rocket/issues/${t.number}/comments`, { body: { body: 'Thanks!' } });
		assert.equal(created.status, 201);
		assert.deepEqual([created.body.body, created.body.user.login, created.body.author_association], ['Thanks!', 'mona', 'OWNER']);
		const since = new Date(sb.store.clock()).toISOString();
		const after = await rest<{ id: number }[]>(sb, 'GET', `/repos/acme/rocket/issues/${t.number}/comments?since=${since}`);
		assert.deepEqual(after.body.map(c => c.id), [created.body.id]);
		assert.equal((await rest(sb, 'POST', `/repos/acme/rocket/issues/${t.number}/comments`, { body: {} })).status, 422);
	});

	it('adds and removes labels by name, and lists repository labels', async () => {
		const labels = await rest<{ name: string; color: string; node_id: string }[]>(sb, 'GET', '/repos/acme/rocket/labels?per_page=100');
		assert.ok(labels.body.some(l => l.name === 'good first issue' && l.color === '7057ff' && l.node_id.startsWith('LA_kwDO')));
		const t = sb.store.repo('acme', 'rocket')!.issues.find(x => x.kind === 'issue' && x.labels.length === 0)!;
		const added = await rest<{ name: string }[]>(sb, 'POST', `/repos/acme/rocket/issues/${t.number}/labels`, { body: { labels: ['bug', 'help wanted'] } });
		assert.deepEqual(added.body.map(l => l.name), ['bug', 'help wanted']);
		const removed = await rest<{ name: string }[]>(sb, 'DELETE', `/repos/acme/rocket/issues/${t.number}/labels/help%20wanted`);
		assert.deepEqual(removed.body.map(l => l.name), ['bug']);
		assert.equal((await rest(sb, 'DELETE', `/repos/acme/rocket/issues/${t.number}/labels/nope`)).status, 404);
		assert.equal((await rest(sb, 'POST', `/repos/acme/rocket/issues/${t.number}/labels`, { body: { labels: ['x'] }, token: sb.tokens.contributor })).status, 403);
	});

	it('locks with a reason (204), rejects a bad reason with 422, and unlocks', async () => {
		const t = sb.store.repo('acme', 'rocket')!.issues.find(x => x.kind === 'issue' && !x.locked)!;
		const bad = await rest<{ message: string }>(sb, 'PUT', `/repos/acme/rocket/issues/${t.number}/lock`, { body: { lock_reason: 'boring' } });
		assert.deepEqual([bad.status, bad.body.message], [422, 'Validation Failed']);
		assert.equal((await rest(sb, 'PUT', `/repos/acme/rocket/issues/${t.number}/lock`, { body: { lock_reason: 'too heated' } })).status, 204);
		const locked = await rest<Issue>(sb, 'GET', `/repos/acme/rocket/issues/${t.number}`);
		assert.deepEqual([locked.body.locked, locked.body.active_lock_reason], [true, 'too heated']);
		assert.equal((await rest(sb, 'DELETE', `/repos/acme/rocket/issues/${t.number}/lock`)).status, 204);
		assert.equal(t.locked, false);
	});

	it('closes with a state_reason, reopens, and validates PATCH input', async () => {
		const t = sb.store.repo('acme', 'rocket')!.issues.find(x => x.kind === 'issue' && !x.closed && x.updatedAt < NOW.getTime())!;
		const before = t.updatedAt;
		const closed = await rest<Issue>(sb, 'PATCH', `/repos/acme/rocket/issues/${t.number}`, { body: { state: 'closed', state_reason: 'not_planned' } });
		assert.deepEqual([closed.status, closed.body.state, closed.body.state_reason], [200, 'closed', 'not_planned']);
		assert.ok(t.updatedAt > before && t.updatedAt >= NOW.getTime(), "PATCH bumps updatedAt to the sandbox clock");
		const reopened = await rest<Issue>(sb, 'PATCH', `/repos/acme/rocket/issues/${t.number}`, { body: { state: 'open', state_reason: 'reopened' } });
		assert.deepEqual([reopened.body.state, reopened.body.state_reason], ['open', 'reopened']);
		assert.equal((await rest(sb, 'PATCH', `/repos/acme/rocket/issues/${t.number}`, { body: { state_reason: 'meh' } })).status, 422);
		assert.equal((await rest(sb, 'PATCH', `/repos/acme/rocket/issues/${t.number}`, { body: { title: '' } })).status, 422);
	});

	it('adds and removes assignees', async () => {
		const t = sb.store.repo('acme', 'rocket')!.issues.find(x => x.kind === 'issue' && x.assignees.length === 0)!;
		const added = await rest<Issue>(sb, 'POST', `/repos/acme/rocket/issues/${t.number}/assignees`, { body: { assignees: ['mona', 'hubot'] } });
		assert.deepEqual([added.status, added.body.assignees.map(a => a.login)], [201, ['mona', 'hubot']]);
		const removed = await rest<Issue>(sb, 'DELETE', `/repos/acme/rocket/issues/${t.number}/assignees`, { body: { assignees: ['hubot'] } });
		assert.deepEqual(removed.body.assignees.map(a => a.login), ['mona']);
	});

	it('searches issues on the search pool, and reports every pool for free at /rate_limit', async () => {
		const r = await rest<{ total_count: number; items: Issue[] }>(sb, 'GET', `/search/issues?q=${encodeURIComponent('repo:acme/rocket is:issue is:open label:bug')}&per_page=5`);
		assert.equal(r.status, 200);
		assert.ok(r.body.total_count > 5 && r.body.items.length === 5);
		assert.ok(r.body.items.every(i => i.state === 'open' && !i.pull_request && i.labels.some(l => l.name === 'bug')));
		assert.equal(r.headers.get('x-ratelimit-resource'), 'search');
		assert.equal(r.headers.get('x-ratelimit-limit'), '30');
		const limits = await rest<{ resources: Record<string, { used: number }> }>(sb, 'GET', '/rate_limit');
		assert.equal(limits.body.resources['search']!.used, 1);
		assert.equal((await rest<{ resources: Record<string, { used: number }> }>(sb, 'GET', '/rate_limit')).body.resources['core']!.used, 0);
	});

	it('serves GraphQL at /api/graphql as well', async () => {
		const res = await fetch(`${sb.url}/api/graphql`, { method: 'POST', headers: { authorization: `bearer ${sb.token}` }, body: JSON.stringify({ query: '{ viewer { login } }' }) });
		assert.deepEqual(await res.json(), { data: { viewer: { login: 'mona' } } });
	});

	it('answers 403 with remaining 0 once the REST budget is spent, and 304s still work', async () => {
		const ok = await rest(sb, 'GET', '/repos/acme/rocket');
		sb.exhaustBudget(sb.token, 'core');
		const r = await rest<{ message: string; documentation_url: string }>(sb, 'GET', '/repos/acme/rocket/labels');
		assert.equal(r.status, 403);
		assert.equal(r.body.message, `API rate limit exceeded for user ID ${sb.store.user('mona')!.dbId}.`);
		assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
		assert.equal((await rest(sb, 'GET', '/repos/acme/rocket', { headers: { 'if-none-match': ok.headers.get('etag')! } })).status, 304);
	});
});
