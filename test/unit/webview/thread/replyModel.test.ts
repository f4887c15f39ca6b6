import { strict as assert } from 'node:assert';
import type { ReplyStatusDto, ThreadDto, ThreadStrings } from '../../../../src/shared/threadProtocol';
import { debounce, DRAFT_DEBOUNCE_MS, type Timers } from '../../../../webview/thread/debounce';
import { boxKey, boxView, canReply, clearSentDrafts, isSendShortcut, mergeDrafts } from '../../../../webview/thread/replyModel';

const strings = new Proxy({}, { get: (_t, key) => `${String(key)}:{0}` }) as ThreadStrings;
const status = (over: Partial<ReplyStatusDto>): ReplyStatusDto => ({ replyToId: null, state: 'sending', sentAt: 100, ...over });

/** Fake timers: time moves only when the test says so. */
function fakeTimers(): Timers & { advance(ms: number): void; count(): number } {
	let now = 0;
	let next = 1;
	const queue = new Map<number, { at: number; fn: () => void }>();
	return {
		set: (fn, ms) => { queue.set(next, { at: now + ms, fn }); return next++; },
		clear: h => { queue.delete(h as number); },
		advance(ms) {
			now += ms;
			for (const [h, t] of [...queue].sort((a, b) => a[1].at - b[1].at)) {
				if (t.at <= now) { queue.delete(h); t.fn(); }
			}
		},
		count: () => queue.size,
	};
}

describe('draft debounce', () => {
	it('saves once, at most 500 ms after the last keystroke', () => {
		assert.ok(DRAFT_DEBOUNCE_MS <= 500);
		const timers = fakeTimers();
		let saves = 0;
		const d = debounce(() => saves++, DRAFT_DEBOUNCE_MS, timers);
		for (let i = 0; i < 10; i++) { d.schedule(); timers.advance(100); }
		assert.equal(saves, 0);
		assert.equal(timers.count(), 1, 'one timer at a time');
		timers.advance(DRAFT_DEBOUNCE_MS);
		assert.equal(saves, 1);
		assert.equal(d.pending(), false);
	});

	it('flushes at once on blur, and does nothing when nothing is pending', () => {
		const timers = fakeTimers();
		let saves = 0;
		const d = debounce(() => saves++, DRAFT_DEBOUNCE_MS, timers);
		d.flush();
		assert.equal(saves, 0);
		d.schedule();
		d.flush();
		assert.equal(saves, 1);
		timers.advance(1000);
		assert.equal(saves, 1, 'the scheduled save was replaced by the flush');
		d.schedule();
		d.cancel();
		timers.advance(1000);
		assert.equal(saves, 1);
	});
});

describe('reply box model', () => {
	it('merges drafts: the newest wins per box; empty ones are dropped', () => {
		const local = { '': { body: 'mine', updatedAt: 5 }, C1: { body: 'old', updatedAt: 1 } };
		const merged = mergeDrafts(local, [
			{ replyToId: null, body: 'host older', updatedAt: 4 }, { replyToId: 'C1', body: 'host newer', updatedAt: 2 }, { replyToId: 'C2', body: ' ', updatedAt: 9 },
		]);
		assert.deepEqual(merged, { '': { body: 'mine', updatedAt: 5 }, C1: { body: 'host newer', updatedAt: 2 } });
		assert.equal(boxKey(null), '');
		assert.equal(boxKey('C1'), 'C1');
	});

	it('clears only drafts GitHub has (sent, edited at or before the sent draft)', () => {
		const local = { '': { body: 'a', updatedAt: 5 }, C1: { body: 'b', updatedAt: 9 } };
		const cleared = clearSentDrafts(local, [status({ state: 'sent', draftAt: 5 }), status({ replyToId: 'C1', state: 'sent', draftAt: 8 })]);
		assert.deepEqual(cleared, { C1: { body: 'b', updatedAt: 9 } });
		assert.deepEqual(clearSentDrafts(local, [status({ state: 'unknown', draftAt: 5 })]), local, 'unknown keeps the draft (D2)');
	});

	it('disables Send while sending or checking, announces a post once, offers Send again after a failure', () => {
		assert.deepEqual(boxView(undefined, undefined, strings), { busy: false, sendLabel: strings.send, justSent: false });
		assert.equal(boxView(status({}), undefined, strings).busy, true);
		const checking = boxView(status({ state: 'unknown' }), 'sending', strings);
		assert.deepEqual([checking.busy, checking.status?.text], [true, strings.checking]);
		const sent = boxView(status({ state: 'sent' }), 'unknown', strings);
		assert.deepEqual([sent.busy, sent.justSent, sent.status?.text], [false, true, strings.sent]);
		assert.equal(boxView(status({ state: 'sent' }), undefined, strings).status, undefined, 'an old post is not announced on reopen');
		const lost = boxView(status({ state: 'failed', failure: 'notFound' }), 'unknown', strings);
		assert.deepEqual([lost.busy, lost.sendLabel, lost.status], [false, strings.sendAgain, { text: strings.notConfirmed, alert: true }]);
		const refused = boxView(status({ state: 'failed', failure: 'rejected', message: 'locked' }), 'sending', strings);
		assert.equal(refused.status?.text, 'sendFailed:locked');
	});

	it('sends on Ctrl+Enter or Cmd+Enter only, and offers no box on locked threads', () => {
		const key = (over: object) => ({ key: 'Enter', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });
		assert.equal(isSendShortcut(key({ ctrlKey: true })), true);
		assert.equal(isSendShortcut(key({ metaKey: true })), true);
		assert.equal(isSendShortcut(key({})), false);
		assert.equal(isSendShortcut(key({ ctrlKey: true, shiftKey: true })), false);
		assert.equal(isSendShortcut(key({ key: 'a', ctrlKey: true })), false);
		assert.equal(canReply({ locked: true } as ThreadDto), false);
		assert.equal(canReply({ locked: false } as ThreadDto), true);
	});
});
