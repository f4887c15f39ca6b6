import { strict as assert } from 'node:assert';
import { LimiterEvents, ThrottleLimiter, type FailedJobInfo } from '../../../src/github/throttleLimiter';

describe('ThrottleLimiter (the Bottleneck subset plugin-throttling uses)', () => {
	it('runs a job with its arguments, with or without job options first', async () => {
		const limiter = new ThrottleLimiter();
		assert.equal(await limiter.schedule((a: unknown, b: unknown) => `${a}-${b}`, 1, 2), '1-2');
		assert.equal(await limiter.schedule({ priority: 0 }, (a: unknown) => `got ${a}`, 'x'), 'got x');
	});

	it('retries after the milliseconds a "failed" listener returns, passing the args and the retry count', async () => {
		const limiter = new ThrottleLimiter();
		const seen: FailedJobInfo[] = [];
		limiter.on('failed', async (_error: unknown, info: unknown) => {
			seen.push(info as FailedJobInfo);
			return seen.length < 3 ? 1 : undefined;
		});
		let calls = 0;
		const job = async (arg: unknown) => { calls++; if (calls < 3) throw new Error(`fail ${calls}`); return arg; };
		assert.equal(await limiter.schedule(job, 'ok'), 'ok');
		assert.equal(calls, 3);
		assert.deepEqual(seen.map(i => [i.args, i.retryCount]), [[['ok'], 0], [['ok'], 1]]);
	});

	it('rejects with the job\'s own error when no listener asks for a retry', async () => {
		const limiter = new ThrottleLimiter();
		limiter.on('failed', () => undefined);
		const error = new Error('boom');
		await assert.rejects(limiter.schedule(async () => { throw error; }), e => e === error);
	});

	it('gives groups a limiter per key that lets jobs through', async () => {
		const group = new ThrottleLimiter.Group();
		const results = await Promise.all([1, 2, 3].map(n => group.key('id').schedule({}, async (x: unknown) => x, n)));
		assert.deepEqual(results, [1, 2, 3]);
	});
});

describe('LimiterEvents', () => {
	it('adds on() to the target and resolves trigger() to the first non-null listener result', async () => {
		const target: { on?: (name: string, cb: (...a: unknown[]) => unknown) => void } = {};
		const events = new LimiterEvents(target);
		target.on?.('rate-limit', () => undefined);
		target.on?.('rate-limit', async (retryAfter: unknown) => Number(retryAfter) < 60);
		assert.equal(await events.trigger('rate-limit', 5), true);
		assert.equal(await events.trigger('nobody-listens'), undefined);
	});

	it('reports a throwing listener as an "error" event and goes on', async () => {
		const target: { on?: (name: string, cb: (...a: unknown[]) => unknown) => void } = {};
		const events = new LimiterEvents(target);
		const errors: unknown[] = [];
		target.on?.('error', e => { errors.push(e); });
		target.on?.('secondary-limit', () => { throw new Error('handler broke'); });
		assert.equal(await events.trigger('secondary-limit', 1), undefined);
		await new Promise(resolve => setImmediate(resolve));
		assert.equal(errors.length, 1);
	});
});

describe('bottleneck/light.js in the unit tests', () => {
	it('resolves to our subset, as in the bundles (test/unit/bottleneckAlias.ts, loaded by .mocharc.json)', () => {
		assert.match(require.resolve('bottleneck/light.js'), /src[\\/]github[\\/]bottleneckLight\.ts$/);
	});
});
