import { strict as assert } from 'node:assert';
import { Semaphore } from '../../../src/core/semaphore';
import { GitHubError } from '../../../src/github/errors';
import type { RequestClass } from '../../../src/github/requestPolicy';
import { RequestScheduler } from '../../../src/github/scheduler';

const READ: RequestClass = { kind: 'read', graphql: true, notifying: false, resource: 'graphql' };
const REST_READ: RequestClass = { kind: 'read', graphql: false, notifying: false, resource: 'core' };
const WRITE: RequestClass = { kind: 'write', graphql: true, notifying: false, resource: 'graphql' };
const COMMENT: RequestClass = { kind: 'write', graphql: true, notifying: true, resource: 'graphql' };

/** A fake clock: `sleep` advances time instantly and records each wait. */
function fakeClock(start = 1_000_000) {
	let now = start;
	const waits: number[] = [];
	return {
		now: () => now,
		sleep: async (ms: number) => {
			waits.push(ms);
			now += ms;
		},
		advance: (ms: number) => {
			now += ms;
		},
		waits,
	};
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('Semaphore', () => {
	it('runs at most `limit` tasks at once, in FIFO order', async () => {
		const semaphore = new Semaphore(2);
		const started: number[] = [];
		const releases: (() => void)[] = [];
		const tasks = [0, 1, 2, 3].map(i => semaphore.run(() => new Promise<number>(resolve => {
			started.push(i);
			releases[i] = () => resolve(i);
		})));
		await tick();
		assert.deepEqual(started, [0, 1]);
		assert.equal(semaphore.inFlight, 2);
		assert.equal(semaphore.waiting, 2);
		releases[1]!();
		await tick();
		assert.deepEqual(started, [0, 1, 2]);
		releases[0]!();
		releases[2]!();
		await tick();
		releases[3]!();
		assert.deepEqual(await Promise.all(tasks), [0, 1, 2, 3]);
		assert.equal(semaphore.inFlight, 0);
	});

	it('releases the slot when a task fails', async () => {
		const semaphore = new Semaphore(1);
		await assert.rejects(semaphore.run(() => Promise.reject(new Error('x'))));
		assert.equal(await semaphore.run(async () => 'ok'), 'ok');
	});

	it('rejects a limit below 1', () => {
		assert.throws(() => new Semaphore(0), RangeError);
		assert.throws(() => new Semaphore(1.5), RangeError);
	});
});

describe('RequestScheduler', () => {
	it('lets reads run concurrently up to the limit', async () => {
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2 });
		let inFlight = 0;
		let peak = 0;
		const read = () => scheduler.run(READ, async () => {
			peak = Math.max(peak, ++inFlight);
			await tick();
			inFlight--;
		});
		await Promise.all([read(), read(), read(), read(), read()]);
		assert.equal(peak, 2);
	});

	it('sends writes one at a time, 1 s apart, and comments 3 s apart (R1)', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2, now: clock.now, sleep: clock.sleep });
		const log: [string, number][] = [];
		let inFlight = 0;
		const write = (name: string, kind: RequestClass) => scheduler.run(kind, async () => {
			assert.equal(++inFlight, 1, 'one write at a time');
			log.push([name, clock.now()]);
			clock.advance(100); // the request takes 100 ms
			await tick();
			inFlight--;
		});
		await Promise.all([write('label', WRITE), write('reply1', COMMENT), write('reply2', COMMENT), write('lock', WRITE)]);
		const start = log[0]![1];
		assert.deepEqual(log.map(([n, t]) => [n, t - start]), [['label', 0], ['reply1', 1100], ['reply2', 4200], ['lock', 5300]]);
	});

	it('keeps the write queue going after a failed write', async () => {
		const scheduler = new RequestScheduler({ maxConcurrentReads: 1, writeGapMs: 0 });
		await assert.rejects(scheduler.run(WRITE, () => Promise.reject(new Error('boom'))));
		assert.equal(await scheduler.run(WRITE, async () => 'next'), 'next');
	});

	it('blocks a pool with an empty budget until reset + 1 s (R3)', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2, now: clock.now, sleep: clock.sleep });
		scheduler.noteBudget({ resource: 'graphql', limit: 5000, remaining: 0, resetAt: clock.now() + 20_000 });
		assert.equal(scheduler.cooldownUntil('core'), undefined, 'REST has its own pool');
		await scheduler.run(READ, async () => undefined);
		assert.deepEqual(clock.waits, [21_000]);
	});

	it('fails fast with rateLimited when the wait is longer than a minute', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2, now: clock.now, sleep: clock.sleep });
		const resetAt = clock.now() + 3_600_000;
		scheduler.noteBudget({ resource: 'core', limit: 5000, remaining: 0, resetAt });
		let ran = false;
		await assert.rejects(scheduler.run(REST_READ, async () => { ran = true; }), (e: unknown) => GitHubError.is(e, 'rateLimited') && e.details.resetAt === resetAt + 1000);
		assert.equal(ran, false);
		await assert.rejects(scheduler.run({ ...WRITE, resource: 'core' }, async () => undefined), (e: unknown) => GitHubError.is(e, 'rateLimited'));
	});

	it('lifts a primary cooldown when a later response shows budget again', () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2, now: clock.now, sleep: clock.sleep });
		scheduler.noteBudget({ resource: 'core', limit: 5000, remaining: 0, resetAt: clock.now() + 10_000 });
		scheduler.noteBudget({ resource: 'core', limit: 5000, remaining: 4999, resetAt: clock.now() + 3_600_000 });
		assert.equal(scheduler.cooldownUntil('core'), undefined);
	});

	it('pauses every pool on a secondary limit and backs off on repeats (R2)', () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2, now: clock.now, sleep: clock.sleep });
		scheduler.noteRateLimited('core', clock.now() + 60_000, true);
		assert.equal(scheduler.cooldownUntil('graphql'), clock.now() + 60_000);
		clock.advance(61_000);
		scheduler.noteRateLimited('core', clock.now() + 60_000, true);
		assert.equal(scheduler.cooldownUntil('core'), clock.now() + 120_000);
		clock.advance(121_000);
		scheduler.noteRateLimited('core', clock.now() + 60_000, true);
		assert.equal(scheduler.cooldownUntil('core'), clock.now() + 240_000);
		clock.advance(30 * 60_000);
		scheduler.noteRateLimited('core', clock.now() + 60_000, true);
		assert.equal(scheduler.cooldownUntil('core'), clock.now() + 60_000, 'an old strike is forgotten');
	});

	it('makes a queued write wait out a cooldown instead of failing when it is short', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2, now: clock.now, sleep: clock.sleep });
		scheduler.noteRateLimited('graphql', clock.now() + 5000, true);
		await scheduler.run(WRITE, async () => undefined);
		assert.deepEqual(clock.waits, [5000]);
		assert.equal(scheduler.isCoolingDown(), false);
	});

	it('keeps writes under 80 a minute even with no gap configured', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2, writeGapMs: 0, now: clock.now, sleep: clock.sleep });
		const starts: number[] = [];
		for (let i = 0; i < 200; i++) await scheduler.run(WRITE, async () => void starts.push(clock.now()));
		const worstMinute = Math.max(...starts.map(t => starts.filter(u => u >= t && u < t + 60_000).length));
		assert.equal(worstMinute, 80);
		assert.equal(starts.at(-1)! - starts[0]!, 120_000, '200 writes take two full windows and a bit');
	});

	it('keeps comments under 500 an hour and refuses, rather than hangs, past the longest wait', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler({ maxConcurrentReads: 2, writeGapMs: 0, notifyingWriteGapMs: 0, maxWritesPerMinute: 1000, maxWaitMs: 60_000, now: clock.now, sleep: clock.sleep });
		for (let i = 0; i < 500; i++) await scheduler.run(COMMENT, async () => undefined);
		const refused = await scheduler.run(COMMENT, async () => 'sent').catch((e: unknown) => e);
		assert.ok(refused instanceof GitHubError && refused.kind === 'rateLimited', String(refused));
		assert.equal(refused.details.resetAt, 1_000_000 + 3_600_000);
		assert.equal(await scheduler.run(WRITE, async () => 'label'), 'label', 'other writes still go');
		clock.advance(3_600_000);
		assert.equal(await scheduler.run(COMMENT, async () => 'sent'), 'sent', 'the window frees after an hour');
	});
});
