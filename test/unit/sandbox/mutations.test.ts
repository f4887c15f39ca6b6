import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { at, gql, NOW } from './helpers';

describe('sandbox mutations', () => {
	let sb: Sandbox;
	const id = (ref: string) => sb.store.nodeId(sb.store.thread(ref)!);
	const labelId = (name: string) => sb.store.nodeId(sb.store.repo('acme', 'rocket')!.labels.find(l => l.name === name)!);
	beforeEach(async () => (sb = await startSandbox({ size: 'tiny', now: NOW })));
	afterEach(() => sb.close());

	it('adds a threaded reply with replyToId that appears under its parent', async () => {
		const discussionId = id('acme/rocket#6');
		const parent = sb.store.thread('acme/rocket#6')!.comments[0]!;
		const parentId = sb.store.nodeId(parent);
		const r = await gql(sb, `mutation Reply($d: ID!, $c: ID!, $body: String!) {
			addDiscussionComment(input: { discussionId: $d, replyToId: $c, body: $body, clientMutationId: "m1" }) { clientMutationId comment { id body replyTo { id } author { login } } } }`,
		{ d: discussionId, c: parentId, body: 'Try the nightly build.' });
		assert.equal(r.body['errors'], undefined, JSON.stringify(r.body['errors']));
		assert.equal(at(r.body, 'data.addDiscussionComment.clientMutationId'), 'm1');
		assert.equal(at(r.body, 'data.addDiscussionComment.comment.replyTo.id'), parentId);
		const newId = at(r.body, 'data.addDiscussionComment.comment.id');
		assert.match(String(newId), /^DC_kwDO/);
		const read = await gql(sb, `{ repository(owner: "acme", name: "rocket") { discussion(number: 6) { updatedAt comments(first: 10) { totalCount nodes { id replies(last: 1) { totalCount nodes { id body } } } } } } }`);
		const d = at(read.body, 'data.repository.discussion') as Record<string, unknown>;
		assert.equal(at(d, 'comments.totalCount'), 1, 'a reply is not a top-level comment');
		assert.deepEqual(at(d, 'comments.nodes.0.replies'), { totalCount: 3, nodes: [{ id: newId, body: 'Try the nightly build.' }] });
		assert.ok(Date.parse(String(d['updatedAt'])) >= NOW.getTime(), 'the mutation bumps updatedAt');
		assert.equal(sb.store.countComments('acme/rocket#6'), 4);
	});

	it('refuses a reply to a reply', async () => {
		const reply = sb.store.thread('acme/rocket#6')!.comments[0]!.replies![0]!;
		const r = await gql(sb, 'mutation($d: ID!, $c: ID!) { addDiscussionComment(input: { discussionId: $d, replyToId: $c, body: "x" }) { comment { id } } }',
			{ d: id('acme/rocket#6'), c: sb.store.nodeId(reply) });
		assert.equal(at(r.body, 'errors.0.type'), 'UNPROCESSABLE');
	});

	it('closes and reopens a discussion with a reason', async () => {
		const q = 'mutation($id: ID!, $reason: DiscussionCloseReason) { closeDiscussion(input: { discussionId: $id, reason: $reason }) { discussion { closed closedAt stateReason } } }';
		const r = await gql(sb, q, { id: id('acme/rocket#6'), reason: 'OUTDATED' });
		assert.deepEqual([at(r.body, 'data.closeDiscussion.discussion.closed'), at(r.body, 'data.closeDiscussion.discussion.stateReason')], [true, 'OUTDATED']);
		const reopened = await gql(sb, 'mutation($id: ID!) { reopenDiscussion(input: { discussionId: $id }) { discussion { closed stateReason } } }', { id: id('acme/rocket#6') });
		assert.deepEqual(at(reopened.body, 'data.reopenDiscussion.discussion'), { closed: false, stateReason: 'REOPENED' });
	});

	it('closes an issue with a state reason and reopens it', async () => {
		const r = await gql(sb, 'mutation($id: ID!) { closeIssue(input: { issueId: $id, stateReason: NOT_PLANNED }) { issue { state stateReason closedAt } } }', { id: id('acme/rocket#9') });
		assert.deepEqual([at(r.body, 'data.closeIssue.issue.state'), at(r.body, 'data.closeIssue.issue.stateReason')], ['CLOSED', 'NOT_PLANNED']);
		assert.ok(at(r.body, 'data.closeIssue.issue.closedAt'));
		const back = await gql(sb, 'mutation($id: ID!) { reopenIssue(input: { issueId: $id }) { issue { state stateReason closedAt } } }', { id: id('acme/rocket#9') });
		assert.deepEqual(at(back.body, 'data.reopenIssue.issue'), { state: 'OPEN', stateReason: 'REOPENED', closedAt: null });
	});

	it('locks with a reason and unlocks', async () => {
		const r = await gql(sb, 'mutation($id: ID!) { lockLockable(input: { lockableId: $id, lockReason: SPAM }) { actor { login } lockedRecord { locked activeLockReason } } }', { id: id('acme/rocket#1') });
		assert.deepEqual(at(r.body, 'data.lockLockable'), { actor: { login: 'mona' }, lockedRecord: { locked: true, activeLockReason: 'SPAM' } });
		const u = await gql(sb, 'mutation($id: ID!) { unlockLockable(input: { lockableId: $id }) { unlockedRecord { locked activeLockReason } } }', { id: id('acme/rocket#1') });
		assert.deepEqual(at(u.body, 'data.unlockLockable.unlockedRecord'), { locked: false, activeLockReason: null });
	});

	it('marks and unmarks an answer', async () => {
		const comment = sb.store.nodeId(sb.store.thread('acme/rocket#6')!.comments[0]!);
		const r = await gql(sb, 'mutation($id: ID!) { markDiscussionCommentAsAnswer(input: { id: $id }) { discussion { isAnswered answer { id isAnswer } answerChosenBy { login } answerChosenAt } } }', { id: comment });
		const d = at(r.body, 'data.markDiscussionCommentAsAnswer.discussion') as Record<string, unknown>;
		assert.deepEqual([d['isAnswered'], at(d, 'answer.id'), at(d, 'answer.isAnswer'), at(d, 'answerChosenBy.login')], [true, comment, true, 'mona']);
		const un = await gql(sb, 'mutation($id: ID!) { unmarkDiscussionCommentAsAnswer(input: { id: $id }) { discussion { isAnswered answer { id } } } }', { id: comment });
		assert.deepEqual(at(un.body, 'data.unmarkDiscussionCommentAsAnswer.discussion'), { isAnswered: false, answer: null });
		const general = sb.store.nodeId(sb.store.thread('acme/rocket#5')!.comments[0]!);
		const refused = await gql(sb, 'mutation($id: ID!) { markDiscussionCommentAsAnswer(input: { id: $id }) { discussion { id } } }', { id: general });
		assert.equal(at(refused.body, 'errors.0.type'), 'UNPROCESSABLE');
	});

	it('minimizes with a classifier and unminimizes', async () => {
		const c = sb.store.nodeId(sb.store.thread('acme/rocket#1')!.comments[1]!);
		const r = await gql(sb, 'mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OFF_TOPIC }) { minimizedComment { isMinimized minimizedReason } } }', { id: c });
		assert.deepEqual(at(r.body, 'data.minimizeComment.minimizedComment'), { isMinimized: true, minimizedReason: 'off-topic' });
		const u = await gql(sb, 'mutation($id: ID!) { unminimizeComment(input: { subjectId: $id }) { unminimizedComment { isMinimized minimizedReason } } }', { id: c });
		assert.deepEqual(at(u.body, 'data.unminimizeComment.unminimizedComment'), { isMinimized: false, minimizedReason: null });
	});

	it('adds and removes labels by node ID, and assignees', async () => {
		const q = 'mutation($id: ID!, $labels: [ID!]!) { addLabelsToLabelable(input: { labelableId: $id, labelIds: $labels }) { labelable { labels(first: 20) { nodes { name } } } } }';
		const r = await gql(sb, q, { id: id('acme/rocket#9'), labels: [labelId('bug'), labelId('help wanted')] });
		assert.deepEqual(at(r.body, 'data.addLabelsToLabelable.labelable.labels.nodes'), [{ name: 'bug' }, { name: 'help wanted' }]);
		const rm = await gql(sb, 'mutation($id: ID!, $labels: [ID!]!) { removeLabelsFromLabelable(input: { labelableId: $id, labelIds: $labels }) { labelable { labels(first: 20) { nodes { name } } } } }',
			{ id: id('acme/rocket#9'), labels: [labelId('bug')] });
		assert.deepEqual(at(rm.body, 'data.removeLabelsFromLabelable.labelable.labels.nodes'), [{ name: 'help wanted' }]);
		const hubot = sb.store.nodeId(sb.store.user('hubot')!);
		const a = await gql(sb, 'mutation($id: ID!, $u: [ID!]!) { addAssigneesToAssignable(input: { assignableId: $id, assigneeIds: $u }) { assignable { ... on Issue { assignees(first: 10) { nodes { login } } } } } }', { id: id('acme/rocket#9'), u: [hubot] });
		assert.deepEqual(at(a.body, 'data.addAssigneesToAssignable.assignable.assignees.nodes'), [{ login: 'hubot' }]);
		const d = await gql(sb, 'mutation($id: ID!, $u: [ID!]!) { removeAssigneesFromAssignable(input: { assignableId: $id, assigneeIds: $u }) { assignable { ... on Issue { assignees(first: 10) { totalCount } } } } }', { id: id('acme/rocket#9'), u: [hubot] });
		assert.equal(at(d.body, 'data.removeAssigneesFromAssignable.assignable.assignees.totalCount'), 0);
	});

	it('comments on an issue, creates a discussion and updates an issue', async () => {
		const c = await gql(sb, 'mutation($id: ID!) { addComment(input: { subjectId: $id, body: "On it" }) { commentEdge { node { id body url authorAssociation } } subject { id } } }', { id: id('acme/rocket#9') });
		assert.match(String(at(c.body, 'data.addComment.commentEdge.node.id')), /^IC_kwDO/);
		assert.equal(at(c.body, 'data.addComment.commentEdge.node.authorAssociation'), 'OWNER');
		const repoId = sb.store.nodeId(sb.store.repo('acme', 'rocket')!);
		const general = sb.store.nodeId(sb.store.repo('acme', 'rocket')!.categories.find(x => x.name === 'General')!);
		const d = await gql(sb, 'mutation($r: ID!, $c: ID!) { createDiscussion(input: { repositoryId: $r, categoryId: $c, title: "Hello", body: "World" }) { discussion { number title body category { name } } } }', { r: repoId, c: general });
		assert.deepEqual(at(d.body, 'data.createDiscussion.discussion'), { number: 11, title: 'Hello', body: 'World', category: { name: 'General' } });
		const u = await gql(sb, 'mutation($id: ID!) { updateIssue(input: { id: $id, title: "Renamed", state: CLOSED }) { issue { title state lastEditedAt } } }', { id: id('acme/rocket#9') });
		assert.deepEqual([at(u.body, 'data.updateIssue.issue.title'), at(u.body, 'data.updateIssue.issue.state')], ['Renamed', 'CLOSED']);
	});

	it('refuses triage mutations from a contributor, and writes from a token without repo scopes', async () => {
		const r = await gql(sb, 'mutation Lock($id: ID!) { lockLockable(input: { lockableId: $id }) { lockedRecord { locked } } }', { id: id('acme/rocket#1') }, sb.tokens.contributor);
		assert.equal(at(r.body, 'errors.0.type'), 'FORBIDDEN');
		assert.equal(at(r.body, 'errors.0.message'), 'octocat does not have the correct permissions to execute `LockLockable`');
		assert.equal(sb.store.thread('acme/rocket#1')!.locked, false);
		const scoped = await gql(sb, 'mutation($id: ID!) { addComment(input: { subjectId: $id, body: "x" }) { subject { id } } }', { id: id('acme/rocket#1') }, sb.tokens.readOnly);
		assert.equal(at(scoped.body, 'errors.0.type'), 'INSUFFICIENT_SCOPES');
		const allowed = await gql(sb, 'mutation($id: ID!) { addComment(input: { subjectId: $id, body: "x" }) { subject { id } } }', { id: id('acme/rocket#1') }, sb.tokens.publicOnly);
		assert.equal(allowed.body['errors'], undefined);
	});

	it('charges mutations 1 point and fails loudly for mutations the sandbox lacks', async () => {
		const r = await gql(sb, 'mutation($id: ID!) { addComment(input: { subjectId: $id, body: "x" }) { commentEdge { node { reactionGroups { reactors(first: 100) { totalCount } } } } } }', { id: id('acme/rocket#1') });
		assert.equal(r.headers.get('x-ratelimit-used'), '1');
		const missing = await gql(sb, 'mutation($id: ID!) { pinIssue(input: { issueId: $id }) { clientMutationId } }', { id: id('acme/rocket#1') });
		assert.equal(at(missing.body, 'errors.0.message'), "Field 'Mutation.pinIssue' is not implemented by the GitHub sandbox");
	});
});
