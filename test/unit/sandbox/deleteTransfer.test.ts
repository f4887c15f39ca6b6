import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { at, gql, NOW } from './helpers';

// deleteIssue, deleteDiscussion and transferIssue as GitHub runs them: who may, what the payload
// holds, and what reads see afterwards (null nodes with NOT_FOUND, new numbers, stable node IDs).

const DELETE_ISSUE = 'mutation($id: ID!) { deleteIssue(input: { issueId: $id, clientMutationId: "d1" }) { clientMutationId repository { nameWithOwner } } }';
const DELETE_DISCUSSION = 'mutation($id: ID!) { deleteDiscussion(input: { id: $id }) { discussion { id number title } } }';
const TRANSFER = `mutation($id: ID!, $repo: ID!, $create: Boolean) {
	transferIssue(input: { issueId: $id, repositoryId: $repo, createLabelsIfMissing: $create }) { issue { id number repository { nameWithOwner } labels(first: 10) { nodes { name } } } } }`;
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Issue { number repository { nameWithOwner } } ... on Discussion { number } } }';

describe('sandbox deletions and transfers', () => {
	let sb: Sandbox;
	const id = (ref: string) => sb.store.nodeId(sb.store.thread(ref)!);
	const repoId = (name: string) => sb.store.nodeId(sb.store.repo('acme', name)!);
	beforeEach(async () => (sb = await startSandbox({ size: 'tiny', now: NOW })));
	afterEach(() => sb.close());

	it('deletes an issue: its node, its comments and its number are gone, and listings leave it out', async () => {
		const issueId = id('acme/rocket#1');
		const commentId = sb.store.nodeId(sb.store.thread('acme/rocket#1')!.comments[0]!);
		const r = await gql(sb, DELETE_ISSUE, { id: issueId });
		assert.equal(r.body['errors'], undefined, JSON.stringify(r.body['errors']));
		assert.deepEqual(at(r.body, 'data.deleteIssue'), { clientMutationId: 'd1', repository: { nameWithOwner: 'acme/rocket' } });
		const read = await gql(sb, NODES, { ids: [issueId, commentId, id('acme/rocket#3')] });
		assert.deepEqual(at(read.body, 'data.nodes'), [null, null, { id: id('acme/rocket#3'), number: 3, repository: { nameWithOwner: 'acme/rocket' } }]);
		const errors = read.body['errors'] as { type: string; path: unknown[]; message: string }[];
		assert.deepEqual(errors.map(e => [e.type, e.path]), [['NOT_FOUND', ['nodes', 0]], ['NOT_FOUND', ['nodes', 1]]]);
		assert.equal(errors[0]!.message, `Could not resolve to a node with the global id of '${issueId}'`);
		const list = await gql(sb, '{ repository(owner: "acme", name: "rocket") { issues(first: 20) { totalCount nodes { number } } } }');
		assert.deepEqual((at(list.body, 'data.repository.issues.nodes') as { number: number }[]).map(n => n.number), [3, 7, 9]);
		const byNumber = await gql(sb, '{ repository(owner: "acme", name: "rocket") { issue(number: 1) { id } } }');
		assert.equal(at(byNumber.body, 'errors.0.type'), 'NOT_FOUND');
	});

	it('lets only repository admins delete an issue', async () => {
		const hubot = sb.addToken({ login: 'hubot' });
		const r = await gql(sb, DELETE_ISSUE, { id: id('acme/rocket#1') }, hubot);
		assert.equal(at(r.body, 'errors.0.type'), 'FORBIDDEN');
		assert.equal(at(r.body, 'errors.0.message'), 'hubot does not have the correct permissions to execute `DeleteIssue`');
		assert.ok(sb.store.thread('acme/rocket#1'), 'nothing changed');
	});

	it('deletes a discussion (write access is enough) and returns it one last time', async () => {
		const discussionId = id('acme/rocket#6');
		const reader = await gql(sb, DELETE_DISCUSSION, { id: discussionId }, sb.tokens['contributor']!);
		assert.equal(at(reader.body, 'errors.0.type'), 'FORBIDDEN');
		const r = await gql(sb, DELETE_DISCUSSION, { id: discussionId }, sb.addToken({ login: 'hubot' }));
		assert.equal(r.body['errors'], undefined, JSON.stringify(r.body['errors']));
		assert.deepEqual(at(r.body, 'data.deleteDiscussion.discussion'), { id: discussionId, number: 6, title: 'Is it possible to stream telemetry data on WSL2?' });
		const read = await gql(sb, NODES, { ids: [discussionId] });
		assert.deepEqual(at(read.body, 'data.nodes'), [null]);
		assert.equal(sb.store.thread('acme/rocket#6'), undefined);
		const again = await gql(sb, DELETE_DISCUSSION, { id: discussionId });
		assert.equal(at(again.body, 'errors.0.type'), 'NOT_FOUND');
	});

	it('transfers an issue: the next number of the target, the same node ID, labels matched by name', async () => {
		const rocket = sb.store.repo('acme', 'rocket')!;
		const issue = sb.store.thread('acme/rocket#3')!;
		issue.labels.push(sb.store.addLabel(rocket, 'cli', 'aaaaaa', null, false));
		const issueId = id('acme/rocket#3');
		const r = await gql(sb, TRANSFER, { id: issueId, repo: repoId('rocket-docs'), create: false });
		assert.equal(r.body['errors'], undefined, JSON.stringify(r.body['errors']));
		assert.deepEqual(at(r.body, 'data.transferIssue.issue'), {
			id: issueId, number: 3, repository: { nameWithOwner: 'acme/rocket-docs' }, labels: { nodes: [{ name: 'enhancement' }, { name: 'wontfix' }] },
		});
		const read = await gql(sb, NODES, { ids: [issueId] });
		assert.deepEqual(at(read.body, 'data.nodes.0.repository'), { nameWithOwner: 'acme/rocket-docs' });
		const old = await gql(sb, '{ repository(owner: "acme", name: "rocket") { issues(first: 20) { nodes { number } } } }');
		assert.deepEqual((at(old.body, 'data.repository.issues.nodes') as { number: number }[]).map(n => n.number), [1, 7, 9]);
		const comments = await gql(sb, '{ repository(owner: "acme", name: "rocket-docs") { issue(number: 3) { comments { totalCount } } } }');
		assert.equal(at(comments.body, 'data.repository.issue.comments.totalCount'), issue.comments.length);
	});

	it('creates missing labels in the target when asked', async () => {
		const rocket = sb.store.repo('acme', 'rocket')!;
		sb.store.thread('acme/rocket#9')!.labels.push(sb.store.addLabel(rocket, 'cli', 'aaaaaa', null, false));
		const r = await gql(sb, TRANSFER, { id: id('acme/rocket#9'), repo: repoId('rocket-docs'), create: true });
		assert.deepEqual(at(r.body, 'data.transferIssue.issue.labels.nodes'), [{ name: 'cli' }]);
		assert.ok(sb.store.repo('acme', 'rocket-docs')!.labels.some(l => l.name === 'cli'));
	});

	it('refuses a transfer without write access, into the same repository, or of a pull request', async () => {
		const reader = await gql(sb, TRANSFER, { id: id('acme/rocket#3'), repo: repoId('rocket-docs') }, sb.tokens['contributor']!);
		assert.equal(at(reader.body, 'errors.0.type'), 'FORBIDDEN');
		const same = await gql(sb, TRANSFER, { id: id('acme/rocket#3'), repo: repoId('rocket') });
		assert.equal(at(same.body, 'errors.0.type'), 'UNPROCESSABLE');
		const pr = await gql(sb, TRANSFER, { id: id('acme/rocket#4'), repo: repoId('rocket-docs') });
		assert.equal(at(pr.body, 'errors.0.type'), 'NOT_FOUND');
		sb.store.repo('acme', 'rocket')!.isPrivate = true;
		const leak = await gql(sb, TRANSFER, { id: id('acme/rocket#3'), repo: repoId('rocket-docs') });
		assert.equal(at(leak.body, 'errors.0.type'), 'UNPROCESSABLE');
		assert.equal(sb.store.thread('acme/rocket#3')!.repo.name, 'rocket', 'nothing moved');
	});
});
