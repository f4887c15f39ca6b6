import { strict as assert } from 'node:assert';
import { isLoopbackHost, parseServerUrl } from '../../../src/core/serverUrl';

describe('parseServerUrl', () => {
	it('treats empty as github.com', () => {
		const r = parseServerUrl('');
		assert.ok(r.ok);
		assert.equal(r.server.restBaseUrl, 'https://api.github.com');
		assert.equal(r.server.graphqlUrl, 'https://api.github.com/graphql');
		assert.equal(r.server.kind, 'dotcom');
	});

	it('maps a GitHub Enterprise Server host to /api/v3 and /api/graphql', () => {
		const r = parseServerUrl('https://github.example.com/');
		assert.ok(r.ok);
		assert.deepEqual([r.server.restBaseUrl, r.server.graphqlUrl, r.server.kind, r.server.host],
			['https://github.example.com/api/v3', 'https://github.example.com/api/graphql', 'enterprise', 'github.example.com']);
	});

	it('adds https to a bare host and tolerates an /api/v3 suffix', () => {
		const r = parseServerUrl('ghe.corp.io/api/v3');
		assert.ok(r.ok);
		assert.equal(r.server.webUrl, 'https://ghe.corp.io');
	});

	it('allows plain http only for loopback hosts', () => {
		const local = parseServerUrl('http://127.0.0.1:4567');
		assert.ok(local.ok);
		assert.equal(local.server.isLoopback, true);
		assert.equal(local.server.graphqlUrl, 'http://127.0.0.1:4567/api/graphql');
		const remote = parseServerUrl('http://github.example.com');
		assert.equal(remote.ok, false);
	});

	it('rejects credentials, queries, other schemes and garbage', () => {
		for (const bad of ['https://user:pw@ghe.io', 'https://ghe.io/?x=1', 'ftp://ghe.io', 'https://', 'javascript:alert(1)']) {
			assert.equal(parseServerUrl(bad).ok, false, bad);
		}
	});

	it('recognises loopback hosts', () => {
		assert.ok(isLoopbackHost('127.0.0.2'));
		assert.ok(isLoopbackHost('[::1]'));
		assert.ok(isLoopbackHost('localhost'));
		assert.ok(!isLoopbackHost('127.example.com'));
		assert.ok(!isLoopbackHost('10.0.0.1'));
	});
});
