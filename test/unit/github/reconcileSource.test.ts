import { strict as assert } from 'node:assert';
import { GitHubError } from '../../../src/github/errors';
import { OctokitGitHubClient } from '../../../src/github/octokitClient';
import { OctokitSyncSource } from '../../../src/github/octokitSyncSource';
import { startSandbox, type Sandbox } from '../../sandbox/server';

// The reconcile's reads through the real Octokit client: the listing of open ids and the check of
// suspects, where a deleted id comes back as a null entry plus a NOT_FOUND error.

const ROCKET = { owner: 'acme', name: 'rocket' };
const NOW = new Date('2025-06-01T12:00:00Z');

describe('OctokitSyncSource reconcile reads against the sandbox', function () {
	this.timeout(30_000);
	let sb: Sandbox;
	let client: OctokitGitHubClient;
	let source: OctokitSyncSource;
	const id = (ref: string) => sb.store.nodeId(sb.store.thread(ref)!);
	beforeEach(async () => {
		sb = await startSandbox({ port: 0, size: 'demo', now: NOW, secondaryLimits: false });
		client = OctokitGitHubClient.create(async () => sb.token, { restBaseUrl: `${sb.url}/api/v3`, graphqlUrl: `${sb.url}/api/graphql`, retryBaseDelayMs: 10 });
		source = new OctokitSyncSource(client);
	});
	afterEach(() => sb.close());

	it('lists the ids of every open issue and discussion, 100 a page, both kinds in the first request', async () => {
		const repo = sb.store.repo('acme', 'rocket')!;
		const first = await source.openIds(ROCKET, { kinds: ['issue', 'discussion'] });
		assert.equal(first.repositoryId, sb.store.nodeId(repo));
		const ids = { issue: [...first.issues!.ids], discussion: [...first.discussions!.ids] };
		for (const kind of ['issue', 'discussion'] as const) {
			let cursor = (kind === 'issue' ? first.issues : first.discussions)!.nextCursor;
			while (cursor !== undefined) {
				const page = await source.openIds(ROCKET, { kinds: [kind], cursor });
				assert.equal(kind === 'issue' ? page.discussions : page.issues, undefined, 'only the kind asked for');
				const ofKind = (kind === 'issue' ? page.issues : page.discussions)!;
				ids[kind].push(...ofKind.ids);
				cursor = ofKind.nextCursor;
			}
		}
		const open = (list: typeof repo.issues, kind: string) => list.filter(t => t.kind === kind && !t.closed).map(t => sb.store.nodeId(t)).sort();
		assert.deepEqual(ids.issue.sort(), open(repo.issues, 'issue'));
		assert.deepEqual(ids.discussion.sort(), open(repo.discussions, 'discussion'));
		assert.ok(ids.issue.length + ids.discussion.length > 100, 'the demo needs more than one page');
		await assert.rejects(source.openIds(ROCKET, { kinds: ['issue', 'discussion'], cursor: 'x' }), RangeError);
	});

	it('tells deleted, transferred and present items apart in one request', async () => {
		const repositoryId = sb.store.nodeId(sb.store.repo('acme', 'rocket')!);
		const issues = sb.store.repo('acme', 'rocket')!.issues.filter(t => t.kind === 'issue').slice(0, 3);
		const discussion = sb.store.repo('acme', 'rocket')!.discussions[0]!;
		const [deleted, moved, kept] = issues.map(t => sb.store.nodeId(t));
		const discussionId = sb.store.nodeId(discussion);
		sb.store.deleteThread(issues[0]!);
		sb.store.moveThread(issues[1]!, sb.store.repo('acme', 'rocket-docs')!);
		sb.log.clear();
		const checks = await source.checkItems(repositoryId, [deleted!, moved!, kept!], [discussionId, kept!]);
		assert.equal(sb.log.api('graphql').length, 1);
		assert.deepEqual(checks.map(c => [c.id, c.status]), [[deleted, 'gone'], [moved, 'moved'], [kept, 'present'], [discussionId, 'present'], [kept, 'gone']]);
		const present = checks[2]!;
		assert.ok(present.status === 'present');
		assert.deepEqual({ number: present.item.number, kind: present.item.kind, closed: present.item.closed }, { number: issues[2]!.number, kind: 'issue', closed: issues[2]!.closed });
		assert.deepEqual(await source.checkItems(repositoryId, [], []), []);
		await assert.rejects(source.checkItems(repositoryId, Array.from({ length: 101 }, () => kept!), []), RangeError);
	});

	it('keeps the data of a response whose only errors are NOT_FOUND only when asked to', async () => {
		const issue = id('acme/rocket#1');
		sb.store.deleteThread(sb.store.thread('acme/rocket#1')!);
		const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
		assert.deepEqual(await client.rawQuery(query, { ids: [issue] }, undefined, { missingNodesAsNull: true }), { nodes: [null] });
		await assert.rejects(client.rawQuery(query, { ids: [issue] }), (e: unknown) => GitHubError.is(e, 'notFound'));
		sb.faults.add({ mode: 'graphqlError', type: 'FORBIDDEN', message: 'Resource protected by organization SAML enforcement.' });
		await assert.rejects(client.rawQuery(query, { ids: [issue] }, undefined, { missingNodesAsNull: true }), (e: unknown) => GitHubError.is(e, 'forbidden'));
	});
});
