import { strict as assert } from 'node:assert';
import type { ModerationTarget } from '../../../src/core/moderation';
import { OctokitGitHubClient, type OctokitClientOptions } from '../../../src/github/octokitClient';
import { mutationFor } from '../../../src/github/moderationRequests';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { failure, gqlData, json, stubFetch, type Handler } from './fakeFetch';

// Moderation through the real client: against the in-process GitHub sandbox (tiny scenario, a fresh
// one per test so every action starts from the same state) and, for what the sandbox cannot show
// (retries, exact requests), against a recording fetch stub.

const ROCKET = { owner: 'acme', name: 'rocket' };
const issue = (number: number, id?: string): ModerationTarget => ({ repo: ROCKET, kind: 'issue', number, id });
const discussion = (number: number): ModerationTarget => ({ repo: ROCKET, kind: 'discussion', number });

describe('moderation against the GitHub sandbox', function () {
	this.timeout(30_000);
	let sb: Sandbox;

	const client = (token = sb.token, options: Partial<OctokitClientOptions> = {}) => OctokitGitHubClient.create(async () => token, {
		restBaseUrl: `${sb.url}/api/v3`, graphqlUrl: `${sb.url}/api/graphql`, writeGapMs: 0, notifyingWriteGapMs: 0, retryBaseDelayMs: 5, ...options,
	});
	const label = async (name: string) => (await client().listLabels(ROCKET)).find(l => l.name === name)!;
	const user = async (login: string) => (await client().listAssignableUsers(ROCKET, login)).find(u => u.login === login)!;

	beforeEach(async () => {
		sb = await startSandbox({ port: 0, size: 'tiny' });
	});

	afterEach(async () => {
		await sb?.close();
	});

	it('lists every label with colour and description, and the assignable users', async () => {
		const labels = await client().listLabels(ROCKET);
		const bug = labels.find(l => l.name === 'bug');
		assert.ok(bug, labels.map(l => l.name).join(', '));
		assert.match(bug.color, /^[0-9a-f]{6}$/i);
		assert.ok(bug.description);
		assert.deepEqual(labels.map(l => l.name), [...labels.map(l => l.name)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
		const users = await client().listAssignableUsers(ROCKET);
		assert.ok(users.some(u => u.login === 'mona') && users.some(u => u.login === 'hubot'), users.map(u => u.login).join(', '));
		assert.ok(!users.some(u => u.login === 'octocat'), 'a contributor cannot be assigned');
		assert.deepEqual((await client().listAssignableUsers(ROCKET, 'hub')).map(u => u.login), ['hubot']);
	});

	it('adds and removes labels on an issue and a discussion', async () => {
		const docs = await label('documentation');
		const added = await client().moderate(issue(9), { kind: 'addLabels', labels: [docs] });
		assert.deepEqual(added.labels, ['documentation']);
		const onDiscussion = await client().moderate(discussion(6), { kind: 'addLabels', labels: [docs] });
		assert.deepEqual(onDiscussion.labels, ['documentation']);
		const removed = await client().moderate(issue(1), { kind: 'removeLabels', labels: [await label('bug')] });
		assert.deepEqual(removed.labels, []);
		assert.deepEqual((await client().getModerationState(issue(1))).labels, []);
	});

	it('assigns and unassigns on an issue', async () => {
		const hubot = await user('hubot');
		const state = await client().moderate(issue(9), { kind: 'addAssignees', assignees: [hubot] });
		assert.deepEqual(state.assignees, ['hubot']);
		const after = await client().moderate(issue(1), { kind: 'removeAssignees', assignees: [await user('mona')] });
		assert.deepEqual(after.assignees, []);
	});

	it('closes an issue as not planned and reopens it', async () => {
		const closed = await client().moderate(issue(9), { kind: 'close', reason: 'NOT_PLANNED' });
		assert.deepEqual([closed.closed, closed.stateReason], [true, 'NOT_PLANNED']);
		assert.ok(Number.isFinite(closed.closedAt), 'GitHub says when it was closed');
		const reopened = await client().moderate(issue(9), { kind: 'reopen' });
		assert.deepEqual([reopened.closed, reopened.stateReason, reopened.closedAt], [false, 'REOPENED', undefined]);
	});

	it('closes an issue as a duplicate of another, named by number', async () => {
		const state = await client().moderate(issue(9), { kind: 'close', reason: 'DUPLICATE', duplicateOf: 1 });
		assert.deepEqual([state.closed, state.stateReason], [true, 'DUPLICATE']);
		const sent = sb.log.api().map(e => e.operationName);
		assert.ok(sent.includes('CloseIssueAsDuplicate'), sent.join(', '));
	});

	it('refuses a duplicate of an issue that does not exist, or of itself, and changes nothing', async () => {
		const missing = await failure(client().moderate(issue(9), { kind: 'close', reason: 'DUPLICATE', duplicateOf: 999 }));
		assert.equal(missing.kind, 'notFound');
		assert.match(missing.message, /no issue #999 in acme\/rocket/);
		const itself = await failure(client().moderate(issue(9), { kind: 'close', reason: 'DUPLICATE', duplicateOf: 9 }));
		assert.equal(itself.kind, 'invalid');
		assert.equal((await client().getModerationState(issue(9))).closed, false);
	});

	it('closes a discussion as outdated and reopens it', async () => {
		const closed = await client().moderate(discussion(6), { kind: 'close', reason: 'OUTDATED' });
		assert.deepEqual([closed.closed, closed.stateReason], [true, 'OUTDATED']);
		assert.equal((await client().moderate(discussion(6), { kind: 'reopen' })).closed, false);
	});

	it('locks with a reason and unlocks, issues and discussions', async () => {
		assert.equal((await client().moderate(issue(9), { kind: 'lock', reason: 'SPAM' })).locked, true);
		assert.equal((await client().getThread(ROCKET, 'issue', 9)).lockReason, 'SPAM');
		assert.equal((await client().moderate(issue(9), { kind: 'unlock' })).locked, false);
		assert.equal((await client().moderate(discussion(5), { kind: 'unlock' })).locked, false);
	});

	it('marks and unmarks a discussion comment as the answer', async () => {
		const thread = await client().getThread(ROCKET, 'discussion', 6);
		const commentId = thread.comments[0]!.id;
		assert.equal(thread.comments[0]!.permissions?.canMarkAsAnswer, true);
		const marked = await client().moderate(discussion(6), { kind: 'markAnswer', commentId });
		assert.deepEqual([marked.isAnswered, marked.comment], [true, { id: commentId, isMinimized: false, isAnswer: true }]);
		assert.ok(Number.isFinite(marked.answerChosenAt), 'GitHub says when the answer was chosen');
		const unmarked = await client().moderate(discussion(6), { kind: 'unmarkAnswer', commentId });
		assert.deepEqual([unmarked.isAnswered, unmarked.comment?.isAnswer, unmarked.answerChosenAt], [false, false, undefined]);
	});

	it('hides a comment as off-topic and shows it again', async () => {
		const thread = await client().getThread(ROCKET, 'issue', 1);
		const commentId = thread.comments[0]!.id;
		const hidden = await client().moderate(issue(1), { kind: 'hide', commentId, classifier: 'OFF_TOPIC' });
		assert.deepEqual(hidden.comment, { id: commentId, isMinimized: true, minimizedReason: 'off-topic', isAnswer: undefined });
		assert.equal((await client().getThread(ROCKET, 'issue', 1)).comments[0]!.minimizedReason, 'off-topic');
		const shown = await client().moderate(issue(1), { kind: 'unhide', commentId });
		assert.equal(shown.comment?.isMinimized, false);
		assert.equal((await client().getModerationState(issue(1), commentId)).comment?.isMinimized, false);
	});

	it('gives a thread its permissions: everything for a maintainer, only what GitHub allows for a contributor', async () => {
		const mine = await client().getThread(ROCKET, 'issue', 1);
		assert.deepEqual(mine.permissions, { canLabel: true, canAssign: true, canClose: true, canReopen: false, canLock: true });
		assert.equal(mine.comments[0]!.permissions?.canMinimize, true);
		const theirs = await client(sb.tokens.contributor).getThread(ROCKET, 'issue', 1);
		assert.deepEqual(theirs.permissions, { canLabel: false, canAssign: false, canClose: true, canReopen: false, canLock: false }, 'octocat wrote #1');
		assert.equal(theirs.comments[0]!.permissions?.canMinimize, false);
	});

	it('reports a refusal in the user\'s terms and changes nothing (a contributor locking, hiding, labelling)', async () => {
		const contributor = client(sb.tokens.contributor);
		const lock = await failure(contributor.moderate(issue(9), { kind: 'lock', reason: 'SPAM' }));
		assert.equal(lock.kind, 'forbidden');
		assert.match(lock.message, /You do not have permission to lock issue #9 of acme\/rocket/);
		const commentId = (await client().getThread(ROCKET, 'issue', 1)).comments[0]!.id;
		assert.equal((await failure(contributor.moderate(issue(1), { kind: 'hide', commentId, classifier: 'SPAM' }))).kind, 'forbidden');
		assert.equal((await failure(contributor.moderate(issue(9), { kind: 'addLabels', labels: [await label('bug')] }))).kind, 'forbidden');
		const state = await client().getModerationState(issue(9), undefined);
		assert.deepEqual([state.locked, state.labels], [false, []]);
	});

	it('refuses an unknown label, and bad input without sending anything', async () => {
		const unknown = await failure(client().moderate(issue(9), { kind: 'addLabels', labels: [{ id: 'LA_doesNotExist', name: 'nope' }] }));
		assert.equal(unknown.kind, 'notFound');
		assert.match(unknown.message, /label was not found/i);
		assert.deepEqual((await client().getModerationState(issue(9))).labels, []);
		const before = sb.log.api().length;
		const bad = await failure(client().moderate(issue(9), { kind: 'close', reason: 'OUTDATED' }));
		assert.equal(bad.kind, 'invalid');
		assert.equal((await failure(client().moderate(discussion(6), { kind: 'addAssignees', assignees: [{ id: 'U_x', login: 'hubot' }] }))).kind, 'invalid');
		assert.equal(sb.log.api().length, before, 'nothing was sent');
		assert.equal((await failure(client().moderate(issue(404), { kind: 'reopen' }))).kind, 'notFound');
	});
});

describe('moderation requests (fetch stub)', () => {
	const API = 'https://api.github.com';
	const clientFor = (handler: Handler) => {
		const stub = stubFetch(handler);
		const client = OctokitGitHubClient.create(async () => 'ghp_unitTestToken0123456789abcdef', {
			restBaseUrl: API, graphqlUrl: `${API}/graphql`, fetch: stub.fetch, retryBaseDelayMs: 1, writeGapMs: 0,
		});
		return { client, stub };
	};
	const issueState = { id: 'I_9', closed: true, closedAt: '2026-11-25T12:00:00Z', issueStateReason: 'NOT_PLANNED', locked: false, labels: { nodes: [{ name: 'bug' }] }, assignees: { nodes: [] } };

	it('sends one mutation with the node ID it was given, and maps GitHub\'s answer', async () => {
		const { client, stub } = clientFor(() => gqlData({ closeIssue: { issue: issueState } }));
		const state = await client.moderate(issue(9, 'I_9'), { kind: 'close', reason: 'NOT_PLANNED' });
		assert.deepEqual(stub.requests.map(r => [r.operation, r.variables]), [['CloseIssue', { id: 'I_9', stateReason: 'NOT_PLANNED' }]]);
		assert.deepEqual(state, {
			id: 'I_9', closed: true, closedAt: Date.parse('2026-11-25T12:00:00Z'), stateReason: 'NOT_PLANNED', locked: false, labels: ['bug'], assignees: [],
			isAnswered: undefined, answerChosenAt: undefined, comment: undefined,
		});
	});

	it('never retries a mutation after a 502 (the outcome is unknown: `server`)', async () => {
		const { client, stub } = clientFor(() => json({ message: 'Bad gateway' }, 502));
		const error = await failure(client.moderate(issue(9, 'I_9'), { kind: 'lock', reason: 'SPAM' }));
		assert.equal(error.kind, 'server');
		assert.equal(stub.requests.length, 1);
	});

	it('maps a refusal to `forbidden` in the user\'s terms', async () => {
		const { client } = clientFor(() => json({ data: null, errors: [{ type: 'FORBIDDEN', message: 'octocat does not have the correct permissions to execute `MinimizeComment`' }] }));
		const error = await failure(client.moderate(issue(9, 'I_9'), { kind: 'hide', commentId: 'IC_1', classifier: 'SPAM' }));
		assert.equal(error.kind, 'forbidden');
		assert.equal(error.message, 'You do not have permission to hide comments in issue #9 of acme/rocket on GitHub.');
	});

	it('reads a hidden comment and its thread from the minimize payload', async () => {
		const { client } = clientFor(() => gqlData({ minimizeComment: { minimizedComment: { id: 'IC_1', isMinimized: true, minimizedReason: 'spam', issue: issueState } } }));
		const state = await client.moderate(issue(9, 'I_9'), { kind: 'hide', commentId: 'IC_1', classifier: 'SPAM' });
		assert.deepEqual([state.id, state.closed, state.comment], ['I_9', true, { id: 'IC_1', isMinimized: true, minimizedReason: 'spam', isAnswer: undefined }]);
	});

	it('looks the node ID up by number when the target has none', async () => {
		const { client, stub } = clientFor((r) => r.operation === 'ThreadId'
			? gqlData({ repository: { issue: { id: 'I_9' } } })
			: gqlData({ reopenIssue: { issue: { ...issueState, closed: false, issueStateReason: 'REOPENED' } } }));
		const state = await client.moderate(issue(9), { kind: 'reopen' });
		assert.deepEqual(stub.requests.map(r => r.operation), ['ThreadId', 'ReopenIssue']);
		assert.deepEqual(stub.requests[1]!.variables, { id: 'I_9' });
		assert.equal(state.closed, false);
	});

	it('maps every action to its mutation', () => {
		const names = ([
			{ kind: 'addLabels', labels: [{ id: 'L', name: 'l' }] }, { kind: 'removeLabels', labels: [{ id: 'L', name: 'l' }] },
			{ kind: 'addAssignees', assignees: [{ id: 'U', login: 'u' }] }, { kind: 'removeAssignees', assignees: [{ id: 'U', login: 'u' }] },
			{ kind: 'close', reason: 'COMPLETED' }, { kind: 'reopen' }, { kind: 'lock' }, { kind: 'unlock' },
			{ kind: 'markAnswer', commentId: 'C' }, { kind: 'unmarkAnswer', commentId: 'C' }, { kind: 'hide', commentId: 'C', classifier: 'SPAM' }, { kind: 'unhide', commentId: 'C' },
		] as const).map(a => mutationFor('issue', 'I', a).mutation);
		assert.deepEqual(names, ['addLabelsToLabelable', 'removeLabelsFromLabelable', 'addAssigneesToAssignable', 'removeAssigneesFromAssignable', 'closeIssue', 'reopenIssue',
			'lockLockable', 'unlockLockable', 'markDiscussionCommentAsAnswer', 'unmarkDiscussionCommentAsAnswer', 'minimizeComment', 'unminimizeComment']);
		assert.equal(mutationFor('discussion', 'D', { kind: 'close', reason: 'OUTDATED' }).mutation, 'closeDiscussion');
		assert.equal(mutationFor('discussion', 'D', { kind: 'reopen' }).mutation, 'reopenDiscussion');
		assert.deepEqual(mutationFor('issue', 'I', { kind: 'close', reason: 'DUPLICATE', duplicateOf: 3 }, 'I_3').variables, { id: 'I', duplicateIssueId: 'I_3' });
	});
});
