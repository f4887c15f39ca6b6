import { strict as assert } from 'node:assert';
import { createdDiscussionOf } from '../../../src/github/createDiscussion';
import { GitHubError } from '../../../src/github/errors';
import { OctokitGitHubClient } from '../../../src/github/octokitClient';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const ROCKET = { owner: 'acme', name: 'rocket' };

describe('createDiscussion against the GitHub sandbox', function () {
	this.timeout(30_000);
	let sb: Sandbox;
	let client: OctokitGitHubClient;

	before(async () => {
		sb = await startSandbox({ port: 0, size: 'tiny' });
		client = OctokitGitHubClient.create(async () => sb.token, {
			restBaseUrl: `${sb.url}/api/v3`, graphqlUrl: `${sb.url}/api/graphql`, writeGapMs: 0, notifyingWriteGapMs: 0, timeoutMs: 5000, retryBaseDelayMs: 10,
		});
	});
	after(async () => {
		await sb?.close();
	});
	afterEach(() => sb.faults.clear());

	it('starts a discussion in a category and returns its number and link', async () => {
		const repo = await client.getRepository(ROCKET);
		const general = (await client.listDiscussionCategories(ROCKET)).find(c => c.slug === 'general')!;
		const created = await client.createDiscussion({ repositoryId: repo.id, categoryId: general.id, title: 'Digest', body: 'Numbers of the week' });
		assert.match(created.url, new RegExp(`/acme/rocket/discussions/${created.number}$`));
		const thread = await client.getThread(ROCKET, 'discussion', created.number);
		assert.deepEqual([thread.id, thread.title, thread.body, thread.category?.name], [created.id, 'Digest', 'Numbers of the week', 'General']);
	});

	it('is sent once even when GitHub answers 502 after storing it (never retried, R6)', async () => {
		const repo = await client.getRepository(ROCKET);
		const general = (await client.listDiscussionCategories(ROCKET)).find(c => c.slug === 'general')!;
		sb.log.clear();
		sb.faults.add({ mode: 'storeThen502', mutation: 'createDiscussion' });
		const error = await client.createDiscussion({ repositoryId: repo.id, categoryId: general.id, title: 'Once', body: 'x' }).then(() => undefined, (e: unknown) => e);
		assert.ok(GitHubError.is(error, 'server'), String(error));
		assert.equal(sb.log.api('graphql').filter(e => e.mutations.includes('createDiscussion')).length, 1);
	});

	it('rejects an answer without the discussion', () => {
		assert.throws(() => createdDiscussionOf({ createDiscussion: { discussion: null } }), (e: unknown) => GitHubError.is(e, 'server'));
		assert.throws(() => createdDiscussionOf({ createDiscussion: null }), (e: unknown) => GitHubError.is(e, 'server'));
	});
});
