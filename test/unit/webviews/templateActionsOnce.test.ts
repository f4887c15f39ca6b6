import { strict as assert } from 'node:assert';
import type { CommentTarget, PostedComment } from '../../../src/core/model';
import { embedMarker, type OutboxEntry } from '../../../src/core/outbox';
import { GitHubError } from '../../../src/github/errors';
import { ReplyService, type ReplyBox, type ReplyStorage } from '../../../src/webviews/replies';

const UUID = '0b6f7a52-3c1d-4e8f-9a2b-5c6d7e8f9a0b';
const box: ReplyBox = { host: 'github.com', repo: 'acme/rocket', kind: 'issue', number: 7 };
const target: CommentTarget = { repo: { owner: 'acme', name: 'rocket' }, kind: 'issue', number: 7, id: 'I_7' };
const ACTIONS = { addLabels: ['needs-info'], close: { reason: 'NOT_PLANNED' } };

function memoryStorage(): ReplyStorage {
	const data = new Map<string, unknown>();
	return { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => { data.set(k, JSON.parse(JSON.stringify(v ?? null))); } };
}

/** A client whose post fails `failWith` times in a row, and whose look-up finds what was posted (or not). */
function fakeClient(opts: { failWith?: unknown; stored?: boolean } = {}) {
	const posted: PostedComment[] = [];
	return {
		posted,
		addComment: async (_t: CommentTarget, body: string): Promise<PostedComment> => {
			const comment = { id: `IC_${posted.length + 1}`, body, author: 'mona', createdAt: new Date().toISOString() } as PostedComment;
			if (opts.failWith) {
				if (opts.stored) posted.push(comment);
				const error = opts.failWith;
				opts.failWith = undefined;
				throw error;
			}
			posted.push(comment);
			return comment;
		},
		findComment: async (): Promise<PostedComment | undefined> => posted[0],
	};
}

describe('template actions of a sent reply', () => {
	const service = (client: ReturnType<typeof fakeClient>, storage: ReplyStorage, ran: OutboxEntry[]) => new ReplyService({
		client, storage, host: () => 'github.com', newId: () => UUID, sleep: async () => undefined,
		schedule: { windowMs: 30, firstDelayMs: 10, maxDelayMs: 10 },
		runActions: async entry => { ran.push(entry); },
	});

	it('run once after GitHub confirms the post, and not again after a reload, a look-up or a second Send', async () => {
		const storage = memoryStorage();
		const client = fakeClient();
		const ran: OutboxEntry[] = [];
		const first = service(client, storage, ran);
		const entry = await first.send(box, target, 'Could you share more?', 1, ACTIONS);
		assert.equal(entry?.state, 'sent');
		assert.equal(entry?.actionsDone, true);
		assert.equal(ran.length, 1);
		assert.deepEqual(ran[0]!.actions, ACTIONS);
		assert.equal(ran[0]!.commentId, 'IC_1');
		// A reload: a new service over the same storage resumes and reconciles; nothing runs again.
		const reloaded = service(client, storage, ran);
		await reloaded.resumePending();
		await reloaded.reconcile(UUID);
		assert.equal(reloaded.latest(box)?.actionsDone, true);
		assert.equal(ran.length, 1);
		// A new reply without a template runs nothing.
		const other = service(client, storage, ran);
		await other.send(box, target, 'Thanks', 2);
		assert.equal(ran.length, 1);
	});

	it('never run when GitHub refuses the post', async () => {
		const ran: OutboxEntry[] = [];
		const client = fakeClient({ failWith: new GitHubError('forbidden', 'no') });
		const entry = await service(client, memoryStorage(), ran).send(box, target, 'x', 1, ACTIONS);
		assert.equal(entry?.state, 'failed');
		assert.equal(ran.length, 0);
		assert.equal(client.posted.length, 0);
	});

	it('run once when a post with an unknown outcome is found by the look-up', async () => {
		const ran: OutboxEntry[] = [];
		const client = fakeClient({ failWith: new GitHubError('network', 'reset'), stored: true });
		const s = service(client, memoryStorage(), ran);
		const entry = await s.send(box, target, 'x', 1, ACTIONS);
		assert.equal(entry?.state, 'unknown');
		assert.equal(ran.length, 0, 'not before the reply is known to be on GitHub');
		const found = await s.reconcile(UUID);
		assert.equal(found?.state, 'sent');
		assert.equal(client.posted[0]!.body, embedMarker('x', UUID));
		await s.reconcile(UUID);
		assert.equal(ran.length, 1);
	});
});

describe('template actions waiting in a draft', () => {
	const service = (storage: ReplyStorage, client = fakeClient()) => new ReplyService({ client, storage, host: () => 'github.com', newId: () => UUID, sleep: async () => undefined });

	it('survive a reload with the draft text, and "Do not apply" drops only them', async () => {
		const storage = memoryStorage();
		await service(storage).saveDraft(box, { body: 'Could you share more?', updatedAt: 1, actions: ACTIONS });
		await service(storage).saveDraft(box, { body: 'Could you share more logs?', updatedAt: 2 });
		const reloaded = service(storage).draftsOf(box).get('');
		assert.deepEqual(reloaded, { body: 'Could you share more logs?', updatedAt: 2, actions: ACTIONS });
		await service(storage).setDraftActions(box, undefined);
		assert.deepEqual(service(storage).draftsOf(box).get(''), { body: 'Could you share more logs?', updatedAt: 2 });
	});

	it('a reply posted without a draft (draftAt 0, as a bulk reply) leaves the box\'s draft and its actions alone', async () => {
		const storage = memoryStorage();
		const replies = service(storage);
		await replies.saveDraft(box, { body: 'My own words', updatedAt: 1, actions: ACTIONS });
		const entry = await replies.send(box, target, 'A bulk reply', 0, { close: { reason: 'NOT_PLANNED' } });
		assert.equal(entry?.state, 'sent');
		assert.deepEqual(replies.draftsOf(box).get(''), { body: 'My own words', updatedAt: 1, actions: ACTIONS });
	});
});
