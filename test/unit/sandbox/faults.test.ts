import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { at, gql, NOW, rest } from './helpers';

const REPLY = 'mutation Reply($d: ID!, $body: String!) { addDiscussionComment(input: { discussionId: $d, body: $body }) { comment { id } } }';
const READ = 'query Read { repository(owner: "acme", name: "rocket") { discussion(number: 6) { comments(first: 50) { totalCount } } } }';

describe('sandbox fault injection', () => {
	let sb: Sandbox;
	let discussionId: string;
	beforeEach(async () => {
		sb = await startSandbox({ size: 'tiny', now: NOW });
		discussionId = sb.store.nodeId(sb.store.thread('acme/rocket#6')!);
	});
	afterEach(() => sb.close());

	it('storeThen502 stores exactly one comment and answers 502', async () => {
		const before = sb.store.countComments('acme/rocket#6');
		sb.faults.add({ mode: 'storeThen502', mutation: 'addDiscussionComment' });
		const r = await gql(sb, REPLY, { d: discussionId, body: 'hello' });
		assert.equal(r.status, 502);
		assert.match(String(at(r.body, 'errors.0.message')), /^Something went wrong while executing your query/);
		assert.equal(sb.store.countComments('acme/rocket#6'), before + 1);
		assert.equal(sb.log.entries.at(-1)!.fault, 'storeThen502');
		const retry = await gql(sb, REPLY, { d: discussionId, body: 'hello' });
		assert.equal(retry.status, 200, 'the fault fires once by default');
		assert.equal(sb.store.countComments('acme/rocket#6'), before + 2);
	});

	it('failWithoutStore answers 502 and stores nothing', async () => {
		const before = sb.store.countComments('acme/rocket#6');
		sb.faults.add({ mode: 'failWithoutStore', kind: 'graphql', times: 2 });
		assert.equal((await gql(sb, READ)).status, 200, 'write faults ignore reads');
		assert.equal((await gql(sb, REPLY, { d: discussionId, body: 'a' }, 'ghp_wrong')).status, 401, 'and writes refused before storing');
		assert.equal((await gql(sb, REPLY, { d: discussionId, body: 'a' })).status, 502);
		assert.equal((await gql(sb, REPLY, { d: discussionId, body: 'b' })).status, 502);
		assert.equal((await gql(sb, REPLY, { d: discussionId, body: 'c' })).status, 200);
		assert.equal(sb.store.countComments('acme/rocket#6'), before + 1);
	});

	it('storeThenDrop stores the write and destroys the socket', async () => {
		const before = sb.store.countComments('acme/rocket#1');
		sb.faults.add({ mode: 'storeThenDrop', method: 'POST', path: '/issues/\\d+/comments$' });
		await assert.rejects(rest(sb, 'POST', '/repos/acme/rocket/issues/1/comments', { body: { body: 'dropped?' } }));
		assert.equal(sb.store.countComments('acme/rocket#1'), before + 1);
	});

	it('storeHideFromReads keeps a stored write invisible to reads for a while', async () => {
		sb.faults.add({ mode: 'storeHideFromReads', mutation: 'addDiscussionComment', ms: 300 });
		const count = async () => Number(at((await gql(sb, READ)).body, 'data.repository.discussion.comments.totalCount'));
		const before = await count();
		const r = await gql(sb, REPLY, { d: discussionId, body: 'eventually' });
		assert.equal(r.status, 200);
		const newId = String(at(r.body, 'data.addDiscussionComment.comment.id'));
		assert.equal(await count(), before, 'hidden right after the write');
		assert.equal(at((await gql(sb, 'query($id: ID!) { node(id: $id) { id } }', { id: newId })).body, 'errors.0.type'), 'NOT_FOUND');
		assert.equal(sb.store.countComments('acme/rocket#6'), before + 1 + 2, 'but stored');
		await new Promise(res => setTimeout(res, 350));
		assert.equal(await count(), before + 1, 'visible after the delay');
	});

	it('storeHideFromReads also hides state changes (close) from REST reads', async () => {
		sb.faults.add({ mode: 'storeHideFromReads', method: 'PATCH', ms: 300 });
		const patched = await rest<{ state: string }>(sb, 'PATCH', '/repos/acme/rocket/issues/1', { body: { state: 'closed' } });
		assert.equal(patched.body.state, 'closed');
		assert.equal((await rest<{ state: string }>(sb, 'GET', '/repos/acme/rocket/issues/1')).body.state, 'open');
		await new Promise(res => setTimeout(res, 350));
		assert.equal((await rest<{ state: string }>(sb, 'GET', '/repos/acme/rocket/issues/1')).body.state, 'closed');
	});

	it('answers a secondary rate limit with retry-after, by operation name', async () => {
		sb.faults.add({ mode: 'secondaryRateLimit', operationName: 'Read', retryAfter: 42 });
		const r = await gql(sb, READ);
		assert.equal(r.status, 403);
		assert.equal(r.headers.get('retry-after'), '42');
		assert.match(String(r.body['message']), /^You have exceeded a secondary rate limit/);
		assert.equal((await gql(sb, READ)).status, 200);
	});

	it('answers 5xx statuses, drops sockets, and adds latency', async () => {
		sb.faults.add({ mode: 'status', status: 504, kind: 'rest' });
		const r = await rest<{ message: string }>(sb, 'GET', '/repos/acme/rocket');
		assert.equal(r.status, 504);
		sb.faults.add({ mode: 'drop', path: '^/user$' });
		await assert.rejects(rest(sb, 'GET', '/user'));
		sb.faults.add({ mode: 'latency', ms: 120, kind: 'graphql' });
		const t0 = Date.now();
		await gql(sb, READ);
		assert.ok(Date.now() - t0 >= 110);
	});

	it('hangs until the client gives up, and close() still returns', async () => {
		sb.faults.add({ mode: 'hang', kind: 'graphql' });
		await assert.rejects(fetch(sb.graphqlUrl, { method: 'POST', headers: { authorization: `bearer ${sb.token}` }, body: '{}', signal: AbortSignal.timeout(150) }));
		sb.faults.add({ mode: 'hang', kind: 'rest' });
		const pending = fetch(`${sb.url}/user`, { headers: { authorization: `token ${sb.token}` } }).catch(() => 'closed');
		await new Promise(res => setTimeout(res, 50));
		await sb.close();
		assert.equal(await pending, 'closed');
		sb = await startSandbox({ size: 'tiny', now: NOW });
	});

	it('answers a GraphQL error with a type', async () => {
		sb.faults.add({ mode: 'graphqlError', operationName: 'Read', type: 'SERVICE_UNAVAILABLE', message: 'Try again later' });
		const r = await gql(sb, READ);
		assert.deepEqual([r.status, r.body], [200, { errors: [{ type: 'SERVICE_UNAVAILABLE', message: 'Try again later' }] }]);
	});

	it('enforces the content-creation secondary limit (80 a minute) on its own', async () => {
		let last = 0;
		for (let i = 0; i < 81; i++) last = (await gql(sb, REPLY, { d: discussionId, body: `n${i}` })).status;
		assert.equal(last, 403);
		assert.ok(Number(sb.log.entries.at(-1)!.status) === 403 && sb.log.entries.at(-1)!.fault === 'secondaryRateLimit:auto');
		assert.equal((await gql(sb, READ)).status, 200, 'reads are not content creation');
		sb.resetBudgets();
		assert.equal((await gql(sb, REPLY, { d: discussionId, body: 'again' })).status, 200);
	});

	it('exhausts the primary budget on demand', async () => {
		sb.faults.add({ mode: 'exhaustBudget', kind: 'graphql' });
		const r = await gql(sb, READ);
		assert.equal(at(r.body, 'errors.0.type'), 'RATE_LIMITED');
		assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
	});

	it('fires by probability deterministically and can fire forever', async () => {
		sb.faults.add({ mode: 'status', status: 502, kind: 'graphql', times: null, probability: 0.5 });
		const statuses: number[] = [];
		for (let i = 0; i < 20; i++) statuses.push((await gql(sb, READ)).status);
		const failures = statuses.filter(s => s === 502).length;
		assert.ok(failures > 3 && failures < 17, `got ${failures} failures`);
		sb.faults.clear();
		assert.equal((await gql(sb, READ)).status, 200);
	});

	it('is controllable out of process through /_sandbox/', async () => {
		const control = (method: string, path: string, body?: unknown, secret: string | null = sb.controlSecret) =>
			fetch(`${sb.url}/_sandbox/${path}`, { method, headers: { 'content-type': 'application/json', ...(secret ? { 'x-sandbox-control': secret } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
		assert.equal((await control('GET', 'log', undefined, null)).status, 403, 'the control secret is required');
		assert.equal((await control('POST', 'faults', { mode: 'failWithoutStore', mutation: 'addDiscussionComment' })).status, 201);
		assert.equal((await gql(sb, REPLY, { d: discussionId, body: 'x' })).status, 502);
		assert.equal((await control('POST', 'faults', [{ mode: 'status', status: 500 }])).status, 201);
		assert.equal((await control('DELETE', 'faults')).status, 204);
		assert.equal((await gql(sb, READ)).status, 200);
		assert.equal((await control('POST', 'tokens/revoke', { token: sb.token })).status, 204);
		assert.equal((await gql(sb, READ)).status, 401);
		assert.equal((await control('POST', 'tokens/restore', { token: sb.token })).status, 204);
		assert.equal((await gql(sb, READ)).status, 200);
		const log = (await (await control('GET', 'log')).json()) as { entries: { kind: string; operationName: string | null; status: number }[] };
		assert.ok(log.entries.some(e => e.kind === 'graphql' && e.operationName === 'Reply' && e.status === 502));
		const count = (await (await control('GET', `comments/count?thread=${encodeURIComponent('acme/rocket#6')}`)).json()) as { count: number };
		assert.equal(count.count, sb.store.countComments('acme/rocket#6'));
	});

	it('logs requests with cost, node count, token and timing', async () => {
		sb.log.clear();
		await gql(sb, READ);
		await gql(sb, REPLY, { d: discussionId, body: 'x' }, sb.tokens.contributor);
		await rest(sb, 'GET', '/user');
		const [a, b, c] = sb.log.entries;
		assert.deepEqual([a!.kind, a!.operationName, a!.mutation, a!.cost, a!.nodeCount, a!.tokenId, a!.status], ['graphql', 'Read', false, 1, 50, 'mona', 200]);
		assert.deepEqual([b!.mutation, b!.mutations, b!.tokenId], [true, ['addDiscussionComment'], 'contributor']);
		assert.deepEqual([c!.kind, c!.path, c!.cost], ['rest', '/user', 1]);
		assert.ok(a!.bytes > 0 && a!.durationMs >= 0 && b!.seq === a!.seq + 1);
		assert.equal(sb.log.maxInFlight(), 1);
		assert.equal(a!.headers['authorization'], 'bearer …0000', 'credentials are shortened in the log');
		assert.equal(a!.headers['content-type'], 'application/json');
		assert.ok(sb.log.minGapMs(e => e.kind !== 'control') >= 0);
	});
});
