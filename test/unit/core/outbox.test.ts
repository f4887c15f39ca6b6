import { strict as assert } from 'node:assert';
import {
	bodyHash, boxKeyOf, decideSend, embedMarker, extractMarker, isClientId, matchesReply, MAX_ENTRIES, needsReconcile, newEntry, outcomeOf, parseOutboxEntry,
	pruneOutbox, reconcileDelays, SETTLED_TTL_MS, stripMarker, transition, type OutboxEntry,
} from '../../../src/core/outbox';

const UUID = '0b6f7a52-3c1d-4e8f-9a2b-5c6d7e8f9a0b';
const OTHER = '11111111-2222-4333-8444-555555555555';
const entry = (over: Partial<OutboxEntry> = {}): OutboxEntry => ({
	...newEntry({ uuid: UUID, host: 'github.com', repo: 'acme/rocket', kind: 'discussion', number: 5, bodyHash: 'h', sentAt: 1000 }), ...over,
});

describe('outbox marker', () => {
	it('embeds an invisible marker that survives a round trip and is found again', () => {
		const body = embedMarker('Thanks!\n\n', UUID);
		assert.equal(body, `Thanks!\n\n<!-- community-desk:${UUID} -->`);
		assert.equal(extractMarker(body), UUID);
		assert.equal(extractMarker(body.toUpperCase()), UUID);
		assert.equal(extractMarker('no marker'), undefined);
		assert.equal(extractMarker('<!-- community-desk:not-a-uuid -->'), undefined);
		assert.throws(() => embedMarker('x', 'nope'), RangeError);
		assert.ok(isClientId(UUID) && !isClientId('x') && !isClientId(42));
	});

	it('strips the marker from markdown and from escaped HTML for display', () => {
		assert.equal(stripMarker(embedMarker('Hi', UUID)), 'Hi');
		assert.equal(stripMarker(`<p dir="auto">Hi</p>\n<p dir="auto">&lt;!-- community-desk:${UUID} --&gt;</p>`), '<p dir="auto">Hi</p>');
		assert.equal(stripMarker('<!-- other comment -->'), '<!-- other comment -->');
	});

	it('hashes bodies stably', () => {
		assert.equal(bodyHash('abc'), bodyHash('abc'));
		assert.notEqual(bodyHash('abc'), bodyHash('abd'));
		assert.match(bodyHash(''), /^[0-9a-f]{14}$/);
	});

	it('matches a reply by marker, else by exact text, author and time', () => {
		const c = { body: embedMarker('Hi', UUID), author: 'mona', createdAt: '2025-01-01T00:00:10Z' };
		assert.equal(matchesReply(c, { clientId: UUID }), true);
		assert.equal(matchesReply(c, { clientId: OTHER }), false);
		const plain = { body: 'Hi', author: 'Mona', createdAt: '2025-01-01T00:00:10Z' };
		const q = { clientId: UUID, body: ' Hi ', author: 'mona', since: '2025-01-01T00:00:00Z' };
		assert.equal(matchesReply(plain, q), true);
		assert.equal(matchesReply(plain, { ...q, since: '2025-01-01T00:01:00Z' }), false, 'older than the send');
		assert.equal(matchesReply(plain, { ...q, author: 'octocat' }), false);
		assert.equal(matchesReply({ ...plain, body: embedMarker('Hi', OTHER) }, q), false, 'another reply with the same text');
		assert.equal(matchesReply(plain, { clientId: UUID, body: 'Hi' }), false, 'text alone is not enough');
	});
});

describe('outbox state machine', () => {
	it('goes sending → sent on a confirmation and clears failures', () => {
		const sent = transition(entry(), { type: 'confirmed', commentId: 'C1' });
		assert.deepEqual([sent.state, sent.commentId], ['sent', 'C1']);
	});

	it('goes sending → unknown → sent when the look-up finds it, or → failed when it does not', () => {
		const unknown = transition(entry(), { type: 'ambiguous', message: '502' });
		assert.equal(unknown.state, 'unknown');
		assert.equal(transition(unknown, { type: 'found', commentId: 'C2' }).state, 'sent');
		const failed = transition(unknown, { type: 'notFound' });
		assert.deepEqual([failed.state, failed.failure], ['failed', 'notFound']);
	});

	it('goes sending → failed (rejected), and posts again from failed only, keeping the client id', () => {
		const rejected = transition(entry(), { type: 'rejected', message: 'no' });
		assert.deepEqual([rejected.state, rejected.failure, rejected.message], ['failed', 'rejected', 'no']);
		const again = transition(rejected, { type: 'post', at: 5000, bodyHash: 'h2', draftAt: 7 });
		assert.deepEqual([again.state, again.uuid, again.attempts, again.sentAt, again.draftAt, again.failure], ['sending', UUID, 2, 5000, 7, undefined]);
		for (const state of ['sending', 'unknown', 'sent'] as const) {
			assert.equal(transition(entry({ state }), { type: 'post', at: 1, bodyHash: 'x' }).state, state, `no post from ${state}`);
		}
	});

	it('ignores events that do not apply', () => {
		const sent = entry({ state: 'sent' });
		for (const e of [{ type: 'ambiguous' }, { type: 'rejected' }, { type: 'notFound' }] as const) assert.equal(transition(sent, e), sent);
		assert.equal(transition(entry(), { type: 'notFound' }).state, 'sending');
	});

	it('decides what Send does: post, check then post with the same id, or wait', () => {
		assert.deepEqual(decideSend(undefined), { action: 'post' });
		assert.deepEqual(decideSend(entry({ state: 'sent' })), { action: 'post' });
		assert.deepEqual(decideSend(entry({ state: 'sending' })), { action: 'wait' });
		assert.deepEqual(decideSend(entry({ state: 'unknown' })), { action: 'wait' });
		const failed = entry({ state: 'failed' });
		assert.deepEqual(decideSend(failed), { action: 'checkThenPost', reuse: failed });
		assert.equal(needsReconcile(entry()), true);
		assert.equal(needsReconcile(failed), false);
	});

	it('treats network, server and GraphQL errors as unknown outcomes, refusals as rejected', () => {
		for (const k of ['network', 'server', 'invalid', undefined]) assert.equal(outcomeOf(k), 'unknown', String(k));
		for (const k of ['signedOut', 'badCredentials', 'missingScope', 'forbidden', 'notFound', 'rateLimited']) assert.equal(outcomeOf(k), 'rejected', k);
	});
});

describe('reconcile schedule and outbox bounds', () => {
	it('looks now, then with doubling waits capped, for the whole window', () => {
		assert.deepEqual(reconcileDelays(), [0, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
		const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
		assert.equal(sum(reconcileDelays()), 60_000);
		assert.deepEqual(reconcileDelays({ windowMs: 1000, firstDelayMs: 300, maxDelayMs: 500 }), [0, 300, 500, 200]);
	});

	it('keeps the newest entry per box, open ones first, drops old settled ones, and stays bounded', () => {
		const now = 10 * SETTLED_TTL_MS;
		const old = entry({ state: 'sent', sentAt: now - SETTLED_TTL_MS - 1, number: 1 });
		const fresh = entry({ state: 'sent', sentAt: now - 1, number: 2 });
		const open = entry({ state: 'unknown', sentAt: 1, number: 3, uuid: OTHER });
		const older = entry({ state: 'failed', sentAt: 0, number: 2 });
		assert.deepEqual(pruneOutbox([old, fresh, open, older], now).map(e => e.number), [3, 2]);
		const many = Array.from({ length: MAX_ENTRIES + 20 }, (_, i) => entry({ number: i + 1, sentAt: now }));
		assert.equal(pruneOutbox(many, now).length, MAX_ENTRIES);
		assert.notEqual(boxKeyOf(entry({ replyToId: 'DC_a' })), boxKeyOf(entry({ replyToId: 'DC_A' })), 'node ids are case-sensitive');
		assert.equal(boxKeyOf(entry({ repo: 'ACME/Rocket' })), boxKeyOf(entry()));
	});

	it('reads back only well-formed entries', () => {
		assert.deepEqual(parseOutboxEntry(entry()), entry());
		for (const bad of [null, 'x', { ...entry(), uuid: 'x' }, { ...entry(), state: 'odd' }, { ...entry(), number: 0 }, { ...entry(), replyToId: '<x>' }, { ...entry(), repo: 'x' }]) {
			assert.equal(parseOutboxEntry(bad), undefined, JSON.stringify(bad));
		}
	});
});
