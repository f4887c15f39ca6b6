// Moderation inside a real extension host, against the GitHub sandbox (demo size): every command of
// the moderation contract with presets (no prompts), checked three ways: the outcome, GitHub's state
// read independently over GraphQL, and the optimistic update of the in-memory index. Every test puts
// its item back as it found it, because the later suites browse the same sandbox.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommunityDeskApi } from '../../src/extension';
import type { ModerationChange, ModerationOutcome, ModerationTarget } from '../../src/core/moderation';
import type { IndexedItem, RepoIndex } from '../../src/core/repoIndex';
import { eventually, EXTENSION_ID, sandboxToken, sandboxUrl } from './helpers';

const ROCKET = { owner: 'acme', name: 'rocket' };
const DOCS = { owner: 'acme', name: 'rocket-docs' };

/** GitHub's view of a thread (and a comment), read with the sandbox token, not through the extension. */
interface GitHubView {
	closed: boolean;
	reason: string | null;
	locked: boolean;
	lockReason: string | null;
	labels: string[];
	assignees: string[];
	answerId: string | null;
	comment?: { isMinimized: boolean; minimizedReason: string | null };
}

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
	const res = await fetch(`${sandboxUrl}/graphql`, {
		method: 'POST', headers: { authorization: `token ${sandboxToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
	});
	const body = await res.json() as { data?: T; errors?: { message: string }[] };
	assert.ok(body.data && !body.errors, JSON.stringify(body.errors));
	return body.data;
}

const VIEW_QUERY = `query View($id: ID!, $commentId: ID!, $withComment: Boolean!) {
	node(id: $id) {
		... on Issue { closed issueReason: stateReason(enableDuplicate: true) locked activeLockReason labels(first: 50) { nodes { name } } assignees(first: 20) { nodes { login } } }
		... on Discussion { closed discussionReason: stateReason locked activeLockReason labels(first: 50) { nodes { name } } answer { id } }
	}
	comment: node(id: $commentId) @include(if: $withComment) { ... on Minimizable { isMinimized minimizedReason } }
}`;

interface RawView {
	node: {
		closed: boolean; issueReason?: string | null; discussionReason?: string | null; locked: boolean; activeLockReason: string | null;
		labels: { nodes: { name: string }[] }; assignees?: { nodes: { login: string }[] }; answer?: { id: string } | null;
	};
	comment?: { isMinimized: boolean; minimizedReason: string | null };
}

async function onGitHub(id: string, commentId?: string): Promise<GitHubView> {
	const { node, comment } = await graphql<RawView>(VIEW_QUERY, { id, commentId: commentId ?? '', withComment: commentId !== undefined });
	return {
		closed: node.closed, reason: node.issueReason ?? node.discussionReason ?? null, locked: node.locked, lockReason: node.activeLockReason,
		labels: node.labels.nodes.map(l => l.name), assignees: (node.assignees?.nodes ?? []).map(a => a.login), answerId: node.answer?.id ?? null,
		...(comment ? { comment } : {}),
	};
}

async function control(path: string, body: unknown, method = 'POST'): Promise<void> {
	const res = await fetch(`${sandboxUrl}/_sandbox/${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'DELETE' ? undefined : JSON.stringify(body) });
	assert.ok(res.ok, `sandbox control ${path}: ${res.status}`);
}

describe('Moderation commands', function () {
	this.timeout(120_000);
	let api: CommunityDeskApi;
	let changes: ModerationChange[];
	let subscription: vscode.Disposable;

	const index = async (repo: typeof ROCKET): Promise<RepoIndex> => (await api.container.sync.repo(repo)).load();
	const indexed = async (t: ModerationTarget): Promise<IndexedItem> => (await index(t.repo)).items().find(i => i.kind === t.kind && i.number === t.number)!;
	const run = (command: string, subject: unknown, presets: Record<string, unknown>) =>
		vscode.commands.executeCommand<ModerationOutcome>(`communityDesk.moderation.${command}`, subject, { confirmed: true, ...presets });
	const targetOf = (repo: typeof ROCKET, item: IndexedItem): ModerationTarget => ({ repo, kind: item.kind, number: item.number, id: item.id });
	const phases = () => changes.map(c => `${c.action.kind}:${c.phase}`);

	/** An item of the index matching `ok` (after the sync has filled it). */
	async function pick(repo: typeof ROCKET, ok: (i: IndexedItem) => boolean, what: string, skip: readonly number[] = []): Promise<IndexedItem> {
		const found = await eventually(async () => (await index(repo)).items().find(i => ok(i) && !skip.includes(i.number)), i => i !== undefined, `no ${what} in ${repo.name}`, { timeoutMs: 60_000, intervalMs: 500 });
		return found!;
	}

	async function firstComment(t: ModerationTarget): Promise<string> {
		const thread = await api.container.client.getThread(t.repo, t.kind, t.number);
		assert.ok(thread.comments.length > 0, `#${t.number} has no comments`);
		return thread.comments[0]!.id;
	}

	before(async () => {
		api = await vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID)!.activate();
		if ((await api.container.auth.state()).kind !== 'signedIn' && sandboxToken) await api.container.auth.storeToken(sandboxToken);
		await vscode.commands.executeCommand('communityDesk.issues.refresh');
		await eventually(async () => (await index(ROCKET)).commentsLoaded && (await index(DOCS)).commentsLoaded, ok => ok, 'the indexes have no comments yet', { timeoutMs: 60_000, intervalMs: 500 });
	});

	beforeEach(() => {
		changes = [];
		subscription = api.container.moderation.onDidChange(e => changes.push(e));
	});

	afterEach(async () => {
		subscription.dispose();
		await control('faults', undefined, 'DELETE');
	});

	it('adds and removes a label, in the index at once and on GitHub', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && !i.closed && !(i.labels ?? []).includes('question'), 'issue without "question"');
		const target = targetOf(DOCS, item);
		const docs = await index(DOCS);
		const seen: string[][] = [];
		const watch = api.container.moderation.onDidChange(e => { if (e.phase === 'optimistic') seen.push([...(docs.item(item.id)?.labels ?? [])]); });
		const outcome = await run('labels', target, { labels: ['question'] });
		watch.dispose();
		assert.ok(seen[0]?.includes('question'), `the index shows the label when the change is sent: ${JSON.stringify(seen)}`);
		assert.deepEqual([outcome.cancelled, outcome.applied.length, outcome.failed], [false, 1, []]);
		assert.ok((await onGitHub(item.id)).labels.includes('question'));
		assert.deepEqual(phases(), ['addLabels:optimistic', 'addLabels:confirmed']);
		await run('labels', target, { removeLabels: ['question'] });
		assert.ok(!(await onGitHub(item.id)).labels.includes('question'));
		assert.ok(!((await indexed(target)).labels ?? []).includes('question'));
	});

	it('refuses an unknown label with a message and changes nothing', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && !i.closed, 'open issue');
		const before = await onGitHub(item.id);
		const outcome = await run('labels', targetOf(DOCS, item), { labels: ['no-such-label'] });
		assert.equal(outcome.applied.length, 0);
		assert.match(outcome.failed[0]?.message ?? '', /no label "no-such-label" in acme\/rocket-docs/);
		assert.deepEqual(changes, []);
		assert.deepEqual((await onGitHub(item.id)).labels, before.labels);
	});

	it('assigns and unassigns an issue', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && !i.closed && !(i.assignees ?? []).includes('hubot'), 'issue not assigned to hubot');
		const target = targetOf(DOCS, item);
		const outcome = await run('assign', target, { assignees: ['hubot'] });
		assert.equal(outcome.applied.length, 1, JSON.stringify(outcome));
		assert.ok((await onGitHub(item.id)).assignees.includes('hubot'));
		assert.ok(((await indexed(target)).assignees ?? []).includes('hubot'));
		await run('assign', target, { removeAssignees: ['hubot'] });
		assert.ok(!(await onGitHub(item.id)).assignees.includes('hubot'));
	});

	it('closes an issue as not planned (closed in the index at once) and reopens it', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && !i.closed && !i.locked, 'open issue');
		const target = targetOf(DOCS, item);
		const docs = await index(DOCS);
		const seen: (string | undefined)[] = [];
		const sent = Date.now();
		let closedAt: number | undefined;
		const watch = api.container.moderation.onDidChange(e => {
			if (e.phase !== 'optimistic') return;
			seen.push(docs.item(item.id)?.closed ? docs.item(item.id)?.stateReason : 'open');
			closedAt = docs.item(item.id)?.closedAt;
		});
		assert.equal((await run('close', target, { reason: 'NOT_PLANNED' })).applied.length, 1);
		watch.dispose();
		assert.deepEqual(seen, ['NOT_PLANNED'], 'closed in the index when the change is sent');
		assert.ok(closedAt !== undefined && closedAt >= sent - 1000, `closedAt set at once: ${closedAt}`);
		assert.deepEqual([(await onGitHub(item.id)).closed, (await onGitHub(item.id)).reason], [true, 'NOT_PLANNED']);
		assert.equal((await run('reopen', target, {})).applied.length, 1);
		assert.equal((await onGitHub(item.id)).closed, false);
		assert.deepEqual([(await indexed(target)).closed, (await indexed(target)).closedAt], [false, undefined]);
	});

	it('closes an issue as a duplicate of another, and refuses a duplicate of an issue that does not exist', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && !i.closed && !i.locked, 'open issue');
		const original = await pick(DOCS, i => i.kind === 'issue', 'another issue', [item.number]);
		const target = targetOf(DOCS, item);
		const missing = await run('close', target, { reason: 'DUPLICATE', duplicateOf: '#99999' });
		assert.equal(missing.applied.length, 0);
		assert.match(missing.failed[0]?.message ?? '', /#99999/);
		assert.equal((await onGitHub(item.id)).closed, false);
		assert.equal((await indexed(target)).closed, false, 'rolled back');
		const outcome = await run('close', target, { reason: 'DUPLICATE', duplicateOf: `#${original.number}` });
		assert.equal(outcome.applied.length, 1, JSON.stringify(outcome));
		assert.deepEqual([(await onGitHub(item.id)).closed, (await onGitHub(item.id)).reason], [true, 'DUPLICATE']);
		await run('reopen', target, {});
		assert.equal((await onGitHub(item.id)).closed, false);
	});

	it('closes a discussion as outdated and reopens it', async () => {
		const item = await pick(ROCKET, i => i.kind === 'discussion' && !i.closed && !i.locked, 'open discussion');
		const target = targetOf(ROCKET, item);
		assert.equal((await run('close', target, { reason: 'OUTDATED' })).applied.length, 1);
		assert.deepEqual([(await onGitHub(item.id)).closed, (await onGitHub(item.id)).reason], [true, 'OUTDATED']);
		assert.equal((await indexed(target)).stateReason, 'OUTDATED');
		await run('reopen', target, {});
		assert.equal((await onGitHub(item.id)).closed, false);
	});

	it('locks as spam and unlocks', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && !i.locked, 'unlocked issue');
		const target = targetOf(DOCS, item);
		assert.equal((await run('lock', target, { lockReason: 'SPAM' })).applied.length, 1);
		assert.deepEqual([(await onGitHub(item.id)).locked, (await onGitHub(item.id)).lockReason], [true, 'SPAM']);
		assert.equal((await indexed(target)).locked, true);
		assert.equal((await run('unlock', target, {})).applied.length, 1);
		assert.equal((await onGitHub(item.id)).locked, false);
		assert.equal((await indexed(target)).locked, false);
	});

	it('marks and unmarks a comment as the answer', async () => {
		const item = await pick(ROCKET, i => i.kind === 'discussion' && i.isAnswered === false && !i.closed && !i.locked && i.commentCount > 0, 'unanswered Q&A discussion');
		const target = targetOf(ROCKET, item);
		const commentId = await firstComment(target);
		assert.equal((await run('markAnswer', { target, commentId }, {})).applied.length, 1);
		assert.equal((await onGitHub(item.id)).answerId, commentId);
		assert.equal((await indexed(target)).isAnswered, true);
		assert.ok(Number.isFinite((await indexed(target)).answerChosenAt), 'the answer time is in the index');
		assert.equal((await index(ROCKET)).comment(commentId)?.isAnswer, true);
		assert.equal((await run('unmarkAnswer', { target, commentId }, {})).applied.length, 1);
		assert.equal((await onGitHub(item.id)).answerId, null);
		assert.deepEqual([(await indexed(target)).isAnswered, (await indexed(target)).answerChosenAt], [false, undefined]);
	});

	it('hides a comment as off-topic and unhides it', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && i.commentCount > 0 && !i.locked, 'issue with comments');
		const target = targetOf(DOCS, item);
		const commentId = await firstComment(target);
		assert.equal((await run('hideComment', { target, commentId }, { classifier: 'OFF_TOPIC' })).applied.length, 1);
		assert.deepEqual((await onGitHub(item.id, commentId)).comment, { isMinimized: true, minimizedReason: 'off-topic' });
		const hidden = (await index(DOCS)).comment(commentId);
		assert.deepEqual([hidden?.minimized, hidden?.minimizedReason], [true, 'off-topic'], 'the reason decides whether it still counts as a response');
		assert.equal((await run('unhideComment', { target, commentId }, {})).applied.length, 1);
		assert.equal((await onGitHub(item.id, commentId)).comment?.isMinimized, false);
		const shown = (await index(DOCS)).comment(commentId);
		assert.deepEqual([shown?.minimized, shown?.minimizedReason], [false, undefined]);
	});

	it('rolls the index back with a message when GitHub refuses', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && !i.locked, 'unlocked issue');
		const target = targetOf(DOCS, item);
		await control('faults', { mode: 'graphqlError', mutation: 'lockLockable', type: 'FORBIDDEN', message: 'mona does not have the correct permissions to execute `LockLockable`' });
		const outcome = await run('lock', target, { lockReason: 'TOO_HEATED' });
		assert.deepEqual([outcome.applied.length, outcome.failed.length], [0, 1]);
		assert.match(outcome.failed[0]!.message, /permission/);
		assert.deepEqual(phases(), ['lock:optimistic', 'lock:rolledBack']);
		assert.equal((await indexed(target)).locked, false);
		assert.equal((await onGitHub(item.id)).locked, false);
	});

	it('reads the state back when the outcome is unknown instead of retrying', async () => {
		const item = await pick(DOCS, i => i.kind === 'issue' && !i.locked, 'unlocked issue');
		const target = targetOf(DOCS, item);
		await control('faults', { mode: 'storeThen502', mutation: 'lockLockable' });
		const stored = await run('lock', target, { lockReason: 'RESOLVED' });
		assert.equal(stored.applied.length, 1, 'stored, then 502: the read-back finds it locked');
		assert.equal((await indexed(target)).locked, true);
		await control('faults', { mode: 'failWithoutStore', mutation: 'unlockLockable' });
		const lost = await run('unlock', target, {});
		assert.equal(lost.failed.length, 1, 'a 502 without storing: the read-back finds it still locked');
		assert.equal((await indexed(target)).locked, true, 'rolled back to locked');
		assert.equal((await run('unlock', target, {})).applied.length, 1);
		assert.equal((await onGitHub(item.id)).locked, false);
	});

	it('offers "Open on GitHub for…" for what the API cannot do, and nothing for bad input', async () => {
		const item = await pick(ROCKET, i => i.kind === 'discussion', 'discussion');
		const outcome = await run('openOnGitHubFor', targetOf(ROCKET, item), { action: 'convertToDiscussion' });
		assert.deepEqual([outcome.applied.length, outcome.failed.length, outcome.cancelled], [0, 1, false], 'a discussion cannot be converted: nothing opened');
		assert.match(outcome.failed[0]!.message, /convertToDiscussion/);
		assert.deepEqual(await vscode.commands.executeCommand('communityDesk.moderation.close', { bogus: true }), { cancelled: false, applied: [], failed: [] });
	});
});
