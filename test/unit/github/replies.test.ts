import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { CommentTarget, Thread } from '../../../src/core/model';
import { embedMarker, extractMarker } from '../../../src/core/outbox';
import { GitHubError } from '../../../src/github/errors';
import { OctokitGitHubClient } from '../../../src/github/octokitClient';
import { OUTBOX_KEY, ReplyService, type ReplyBox, type ReplyStorage } from '../../../src/webviews/replies';
import type { FaultMode } from '../../sandbox/faults';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const ROCKET = { owner: 'acme', name: 'rocket' };

/** Memento-shaped storage over a Map (survives a "crash": a new service on the same map). */
function memoryStorage(): ReplyStorage & { data: Map<string, unknown> } {
	const data = new Map<string, unknown>();
	return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => { data.set(k, JSON.parse(JSON.stringify(v ?? null))); } };
}

describe('replies against the GitHub sandbox', function () {
	this.timeout(30_000);
	let sb: Sandbox;
	let client: OctokitGitHubClient;
	const host = () => new URL(sb.url).host;

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

	const target = (t: Thread): CommentTarget => ({ repo: ROCKET, kind: t.kind, number: t.number, id: t.id });
	const boxOf = (t: Thread, replyToId?: string): ReplyBox => ({ host: host(), repo: 'acme/rocket', kind: t.kind, number: t.number, replyToId });
	const service = (storage = memoryStorage()) => new ReplyService({
		client, storage, host, now: Date.now, sleep: ms => new Promise(r => setTimeout(r, Math.min(ms, 150))),
		schedule: { windowMs: 3000, firstDelayMs: 100, maxDelayMs: 1000 },
	});
	const count = (t: Thread) => sb.store.countComments(`acme/rocket#${t.number}`);

	describe('write methods', () => {
		it('posts to an issue, a discussion and within a discussion comment, and finds each by its marker', async () => {
			const issue = await client.getThread(ROCKET, 'issue', 1);
			const discussion = await client.getThread(ROCKET, 'discussion', 2);
			const top = discussion.comments[0]!;
			for (const [t, replyToId] of [[issue, undefined], [discussion, undefined], [discussion, top.id]] as const) {
				const uuid = randomUUID();
				const before = count(t);
				const posted = await client.addComment(target(t), embedMarker('Hello from the test', uuid), { clientId: uuid, replyToId });
				assert.equal(count(t), before + 1);
				assert.equal(extractMarker(posted.body), uuid);
				assert.equal(posted.author, 'mona');
				const found = await client.findComment(t, { clientId: uuid, replyToId });
				assert.equal(found?.id, posted.id);
				assert.equal(await client.findComment(t, { clientId: randomUUID(), replyToId }), undefined);
			}
			const again = await client.getThread(ROCKET, 'discussion', 2);
			const nested = again.comments.find(c => c.id === top.id)!.replies.at(-1)!;
			assert.equal(nested.body, 'Hello from the test', 'the marker is not shown');
		});

		it('sends a comment mutation once even when GitHub answers 502 (never retried, R6)', async () => {
			const issue = await client.getThread(ROCKET, 'issue', 3);
			sb.log.clear();
			const uuid = randomUUID();
			sb.faults.add({ mode: 'storeThen502', mutation: 'addComment' });
			const error = await client.addComment(target(issue), embedMarker('x', uuid), { clientId: uuid }).then(() => undefined, (e: unknown) => e);
			assert.ok(GitHubError.is(error, 'server'), String(error));
			assert.equal(sb.log.api('graphql').filter(e => e.mutations.includes('addComment')).length, 1, 'never retried (R6)');
		});
	});

	const faults: [FaultMode, boolean][] = [['storeThen502', true], ['storeThenDrop', true], ['storeHideFromReads', true], ['failWithoutStore', false]];
	for (const [mode, stores] of faults) {
		it(`${mode}: exactly one comment per reply, also when "Send again" is pressed twice`, async () => {
			const discussion = await client.getThread(ROCKET, 'discussion', 5);
			const replies = service();
			const box = boxOf(discussion);
			const before = count(discussion);
			sb.faults.add({ mode, mutation: 'addDiscussionComment', ms: 1500 });
			const first = await replies.send(box, target(discussion), `Reply under ${mode}`, 1);
			if (mode === 'storeHideFromReads') {
				assert.equal(first?.state, 'sent', 'a normal answer is a confirmation');
			} else {
				assert.equal(first?.state, 'unknown');
				assert.equal(replies.isBusy(box), true, 'Send stays disabled while the reply is looked for');
				assert.equal((await replies.send(box, target(discussion), 'double click', 2))?.state, 'unknown', 'a second click does nothing');
			}
			const settled = await replies.reconcile(first!.uuid);
			assert.equal(settled?.state, stores ? 'sent' : 'failed');
			if (!stores) {
				const [a, b] = await Promise.all([replies.send(box, target(discussion), `Reply under ${mode}`, 3), replies.send(box, target(discussion), `Reply under ${mode}`, 3)]);
				assert.equal(a?.uuid, first!.uuid, 'Send again reuses the client id');
				assert.equal(b?.uuid, first!.uuid);
				assert.equal(a?.state, 'sent');
			}
			assert.equal(count(discussion), before + 1);
			if (mode === 'storeHideFromReads') await new Promise(r => setTimeout(r, 1600));
			const t = await client.getThread(ROCKET, 'discussion', 5);
			assert.equal(t.comments.filter(c => c.body === `Reply under ${mode}`).length, 1);
			assert.equal(replies.latest(box)?.state, 'sent');
		});
	}

	it('a look-up that fails is tried again within the window', async () => {
		const discussion = await client.getThread(ROCKET, 'discussion', 6);
		const replies = service();
		const box = boxOf(discussion);
		const before = count(discussion);
		sb.faults.add({ mode: 'storeThen502', mutation: 'addDiscussionComment' });
		sb.faults.add({ mode: 'status', status: 502, operationName: 'RecentDiscussionComments', times: 3 });
		const posted = await replies.send(box, target(discussion), 'looked for twice', 10);
		assert.equal(posted?.state, 'unknown');
		assert.equal((await replies.reconcile(posted!.uuid))?.state, 'sent');
		assert.equal(count(discussion), before + 1);
	});

	it('keeps the draft while the outcome is unknown and clears it when the look-up finds the reply (D2)', async () => {
		const discussion = await client.getThread(ROCKET, 'discussion', 8);
		const replies = service();
		const box = boxOf(discussion);
		await replies.saveDraft(box, { body: 'draft kept', updatedAt: 20 });
		sb.faults.add({ mode: 'storeThen502', mutation: 'addDiscussionComment' });
		const first = await replies.send(box, target(discussion), 'draft kept', 20);
		assert.equal(first?.state, 'unknown');
		assert.equal(replies.draftsOf(box).get('')?.body, 'draft kept');
		assert.equal((await replies.reconcile(first!.uuid))?.state, 'sent');
		assert.equal(replies.draftsOf(box).size, 0);
	});

	it('a crash after GitHub stored the reply: the next activation finds it (D3), count stays 1', async () => {
		const issue = await client.getThread(ROCKET, 'issue', 7);
		const storage = memoryStorage();
		const box = boxOf(issue);
		const before = count(issue);
		// The first "extension host" persisted the entry and posted; GitHub stored it; the host died before the answer.
		const uuid = randomUUID();
		await storage.update(OUTBOX_KEY, [{ uuid, host: host(), repo: 'acme/rocket', kind: 'issue', number: issue.number, bodyHash: 'h', state: 'sending', sentAt: Date.now(), attempts: 1 }]);
		await client.addComment(target(issue), embedMarker('posted before the crash', uuid), { clientId: uuid });
		const revived = service(storage);
		assert.equal(revived.isBusy(box), true, 'Send is disabled until reconciled');
		await revived.resumePending();
		assert.equal(revived.latest(box)?.state, 'sent');
		assert.equal(revived.isBusy(box), false);
		assert.equal(count(issue), before + 1);
		assert.ok((await client.getThread(ROCKET, 'issue', issue.number)).comments.some(c => c.body === 'posted before the crash'));
	});

	it('a rejected write (a token without write scope) fails at once, without a look-up', async () => {
		const contributor = OctokitGitHubClient.create(async () => sb.tokens.readOnly, { restBaseUrl: `${sb.url}/api/v3`, graphqlUrl: `${sb.url}/api/graphql`, writeGapMs: 0, notifyingWriteGapMs: 0 });
		const discussion = await client.getThread(ROCKET, 'discussion', 10);
		const replies = new ReplyService({ client: contributor, storage: memoryStorage(), host, describeError: e => (e as Error).message });
		const before = count(discussion);
		const result = await replies.send(boxOf(discussion), target(discussion), 'no scope', 1);
		assert.equal(result?.state, 'failed');
		assert.equal(result?.failure, 'rejected');
		assert.match(result?.message ?? '', /public_repo/);
		assert.equal(count(discussion), before);
	});
});
