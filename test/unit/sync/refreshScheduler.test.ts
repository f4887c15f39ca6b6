import { strict as assert } from 'node:assert';
import { isSyncDue, MAX_REFRESH_DELAY_MS, nextRefreshDelay, RefreshScheduler } from '../../../src/sync/refreshScheduler';

const MIN = 60_000;

/** Fake timers: one pending timer at most, fired by hand. */
function fakeClock() {
	let now = 0;
	let pending: { run: () => void; at: number } | undefined;
	return {
		now: () => now,
		setTimer: (run: () => void, ms: number) => (pending = { run, at: now + ms }),
		clearTimer: () => { pending = undefined; },
		get pendingAt() { return pending?.at; },
		/** Advances to the pending timer and runs it. */
		async fire() {
			assert.ok(pending, 'a timer is pending');
			const p = pending;
			pending = undefined;
			now = p.at;
			p.run();
			for (let i = 0; i < 5; i++) await Promise.resolve();
		},
	};
}

describe('refresh schedule', () => {
	it('doubles the wait while nothing changes, up to 30 minutes, and starts over after a change', () => {
		const waits: number[] = [];
		let wait: number | undefined;
		for (let i = 0; i < 6; i++) waits.push((wait = nextRefreshDelay(5, wait, false)!));
		assert.deepEqual(waits.map(w => w / MIN), [5, 10, 20, 30, 30, 30]);
		assert.equal(nextRefreshDelay(5, 30 * MIN, true), 5 * MIN);
		assert.equal(nextRefreshDelay(0, 10 * MIN, false), undefined, '0 turns it off');
		assert.equal(nextRefreshDelay(45, 45 * MIN, false), 45 * MIN, 'never below the base');
		assert.equal(MAX_REFRESH_DELAY_MS, 30 * MIN);
	});

	it('says when a repository shown for the first time needs a sync', () => {
		assert.equal(isSyncDue(undefined, 1000, 5), true, 'never synced');
		assert.equal(isSyncDue(0, 4 * MIN, 5), false, 'fresher than the interval');
		assert.equal(isSyncDue(0, 5 * MIN, 5), true);
		assert.equal(isSyncDue(0, 1, 0), true, 'periodic refresh off: sync on first show');
	});

	it('runs only while active, backs off while idle and resets to the base', async () => {
		const clock = fakeClock();
		let changed = false;
		let ticks = 0;
		const s = new RefreshScheduler({ intervalMinutes: () => 5, tick: async () => { ticks++; return changed; }, ...clock });
		assert.equal(clock.pendingAt, undefined, 'inactive: no timer');
		s.setActive(true);
		assert.equal(clock.pendingAt, 5 * MIN);
		await clock.fire();
		assert.equal(ticks, 1);
		assert.equal(clock.pendingAt, 15 * MIN, 'nothing changed: 10 minutes');
		s.setActive(false);
		assert.equal(clock.pendingAt, undefined, 'hidden or unfocused: paused');
		s.setActive(true);
		assert.equal(clock.pendingAt, 15 * MIN, 'resumes at the same due time');
		changed = true;
		await clock.fire();
		assert.equal(clock.pendingAt, 20 * MIN, 'a change: back to 5 minutes');
		s.reset();
		assert.equal(clock.pendingAt, 20 * MIN);
		s.dispose();
		assert.equal(clock.pendingAt, undefined);
	});

	it('does nothing while the setting is 0 and survives a failing tick', async () => {
		const clock = fakeClock();
		let minutes = 0;
		const s = new RefreshScheduler({ intervalMinutes: () => minutes, tick: async () => { throw new Error('boom'); }, ...clock });
		s.setActive(true);
		assert.equal(clock.pendingAt, undefined);
		minutes = 1;
		s.reset();
		assert.equal(clock.pendingAt, MIN);
		await clock.fire();
		assert.equal(clock.pendingAt, 3 * MIN, 'a failure counts as no change');
	});
});
