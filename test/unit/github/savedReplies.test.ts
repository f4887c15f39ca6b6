import { strict as assert } from 'node:assert';
import { toSavedReplies } from '../../../src/github/mappers';
import { OctokitGitHubClient } from '../../../src/github/octokitClient';
import { startSandbox, type Sandbox } from '../../sandbox/server';

describe('saved replies', () => {
	it('maps a null connection and null nodes to what is there', () => {
		assert.deepEqual(toSavedReplies({ viewer: { savedReplies: null } }), []);
		assert.deepEqual(toSavedReplies({ viewer: { savedReplies: { nodes: [null, { id: 'SR_1', title: 't', body: 'b' }] } } }), [{ id: 'SR_1', title: 't', body: 'b' }]);
	});

	describe('against the sandbox', function () {
		this.timeout(20_000);
		let sb: Sandbox;
		const client = (token: string) => OctokitGitHubClient.create(async () => token, { restBaseUrl: `${sb.url}/api/v3`, graphqlUrl: `${sb.url}/api/graphql` });

		before(async () => {
			sb = await startSandbox({ port: 0, size: 'tiny' });
		});
		after(async () => {
			await sb?.close();
		});

		it("lists the viewer's saved replies, newest first, in one request", async () => {
			sb.log.clear();
			const replies = await client(sb.tokens.mona).listSavedReplies();
			const expected = sb.store.savedReplies.filter(r => r.user.login === 'mona').sort((a, b) => b.updatedAt - a.updatedAt);
			assert.ok(expected.length > 0);
			assert.deepEqual(replies.map(r => [r.title, r.body]), expected.map(r => [r.title, r.body]));
			assert.ok(replies.every(r => r.id.length > 0));
			assert.equal(sb.log.api().length, 1);
		});

		it('gives another user only their own (none here)', async () => {
			assert.deepEqual(await client(sb.tokens.contributor).listSavedReplies(), []);
		});
	});
});
