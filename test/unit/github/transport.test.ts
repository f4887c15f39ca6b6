import { strict as assert } from 'node:assert';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { OctokitGitHubClient } from '../../../src/github/octokitClient';
import type { RateLimitInfo } from '../../../src/core/model';
import { createTransport, rateLimitFromHeaders, RequestTimeoutError } from '../../../src/github/transport';
import { hang, json, stubFetch, type Handler } from './fakeFetch';

const API = 'https://api.github.com';

function transportFor(handler: Handler, timeoutMs = 1000) {
	const stub = stubFetch(handler);
	const budgets: RateLimitInfo[] = [];
	const fetch = createTransport({ fetch: stub.fetch, timeoutMs, trustedOrigins: new Set([API]), onRateLimit: info => budgets.push(info) });
	return { fetch, stub, budgets };
}

const redirect = (status: number, location: string) => new Response(null, { status, headers: { location } });

describe('transport', () => {
	it('rewrites POST to GET on 303 and keeps the method and body on 307', async () => {
		const { fetch, stub } = transportFor(request => {
			if (request.url.endsWith('/a')) return redirect(303, '/b');
			if (request.url.endsWith('/c')) return redirect(307, '/d');
			return json({ ok: true });
		});
		await fetch(`${API}/a`, { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json', authorization: 'token t' } });
		await fetch(`${API}/c`, { method: 'POST', body: '{"x":1}', headers: { authorization: 'token t' } });
		assert.deepEqual(stub.requests.map(r => [r.method, new URL(r.url).pathname, r.body ?? null, r.headers.get('authorization')]), [
			['POST', '/a', '{"x":1}', 'token t'],
			['GET', '/b', null, 'token t'],
			['POST', '/c', '{"x":1}', 'token t'],
			['POST', '/d', '{"x":1}', 'token t'],
		]);
	});

	it('strips Authorization for good once a redirect leaves the origin, even if it comes back', async () => {
		const { fetch, stub } = transportFor(request => {
			if (request.url === `${API}/start`) return redirect(302, 'https://cdn.example/hop');
			if (request.url === 'https://cdn.example/hop') return redirect(302, `${API}/back`);
			return json({ ok: true });
		});
		await fetch(`${API}/start`, { headers: { authorization: 'token t' } });
		assert.deepEqual(stub.requests.map(r => r.headers.get('authorization')), ['token t', null, null]);
	});

	it('strips Authorization on an https → http downgrade of the same host', async () => {
		const { fetch, stub } = transportFor(request => request.url.startsWith('https:') ? redirect(301, 'http://api.github.com/x') : json({}));
		await fetch(`${API}/x`, { headers: { authorization: 'token t' } });
		assert.equal(stub.requests[1]!.headers.get('authorization'), null);
	});

	it('never sends Authorization to an untrusted origin, even if a caller set it', async () => {
		const { fetch, stub } = transportFor(() => json({}));
		await fetch('https://elsewhere.example/x', { headers: { authorization: 'token t' } });
		assert.equal(stub.requests[0]!.headers.get('authorization'), null);
	});

	it('gives up after five redirects', async () => {
		const { fetch, stub } = transportFor((_r, i) => redirect(302, `/loop${i}`));
		await assert.rejects(fetch(`${API}/loop`), /Too many redirects/);
		assert.equal(stub.requests.length, 6);
	});

	it('throws RequestTimeoutError (named AbortError, so Octokit does not retry it) when nothing comes back', async () => {
		const { fetch } = transportFor(() => hang(), 30);
		await assert.rejects(fetch(`${API}/user`), (e: unknown) => e instanceof RequestTimeoutError && e.name === 'AbortError' && e.timeoutMs === 30);
	});

	it('passes a caller abort through as is', async () => {
		const { fetch } = transportFor(() => hang(), 5000);
		const controller = new AbortController();
		const pending = fetch(`${API}/user`, { signal: controller.signal });
		controller.abort();
		await assert.rejects(pending, (e: unknown) => !(e instanceof RequestTimeoutError) && (e as Error).name === 'AbortError');
	});

	it('reports the rate-limit budget of each response', async () => {
		const headers = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1700000000' };
		const { fetch, budgets } = transportFor(() => json({}, 200, headers));
		await fetch(`${API}/graphql`, { method: 'POST', body: '{}' });
		await fetch(`${API}/search/issues?q=x`);
		assert.deepEqual(budgets, [
			{ resource: 'graphql', limit: 5000, remaining: 12, resetAt: 1_700_000_000_000 },
			{ resource: 'search', limit: 5000, remaining: 12, resetAt: 1_700_000_000_000 },
		]);
	});

	it('ignores responses without rate-limit headers (GHES with limits off)', () => {
		assert.equal(rateLimitFromHeaders(new Headers(), `${API}/user`), undefined);
		assert.equal(rateLimitFromHeaders(new Headers({ 'x-ratelimit-remaining': 'lots' }), `${API}/user`), undefined);
		assert.equal(rateLimitFromHeaders(new Headers({ 'x-ratelimit-remaining': '1', 'x-ratelimit-limit': '60', 'x-ratelimit-reset': '5', 'x-ratelimit-resource': 'core' }), `${API}/graphql`)?.resource, 'core');
	});

	describe('with the real fetch on loopback (A4)', () => {
		const servers: Server[] = [];
		const listen = (host: string, handler: Parameters<typeof createServer>[1]) => new Promise<string>(resolve => {
			const server = createServer(handler);
			servers.push(server);
			server.listen(0, host, () => resolve(`http://${host}:${(server.address() as { port: number }).port}`));
		});
		after(() => servers.forEach(s => s.close()));

		it('does not carry the token to another host when GitHub redirects there', async () => {
			const seen: IncomingHttpHeaders[] = [];
			const attacker = await listen('127.0.0.2', (req, res) => {
				seen.push(req.headers);
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ login: 'mona', name: null, avatar_url: '' }));
			});
			const github = await listen('127.0.0.1', (_req, res) => res.writeHead(302, { location: `${attacker}/collect` }).end());
			const token = 'ghp_realFetchRedirectTest0123456789';
			const client = OctokitGitHubClient.create(async () => token, { restBaseUrl: `${github}/api/v3`, graphqlUrl: `${github}/api/graphql` });
			assert.equal((await client.getViewer()).login, 'mona');
			assert.equal(seen.length, 1);
			assert.equal(seen[0]!.authorization, undefined);
			assert.ok(!JSON.stringify(seen[0]).includes(token));
		});
	});
});
