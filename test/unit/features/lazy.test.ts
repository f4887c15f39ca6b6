import { strict as assert } from 'node:assert';
import { LazyFeature } from '../../../src/features/lazy';
import type { Logger } from '../../../src/platform/logger';

/** A feature that counts its disposals. */
function feature(): { disposed: number; dispose(): void } {
	return { disposed: 0, dispose() { this.disposed++; } };
}

function logger(): { errors: string[]; logger: Logger } {
	const errors: string[] = [];
	return { errors, logger: { error: (message: string) => void errors.push(message) } as unknown as Logger };
}

describe('LazyFeature', () => {
	it('loads the feature once, on the first get, for concurrent callers too', async () => {
		let loads = 0;
		const lazy = new LazyFeature('stats', async () => { loads++; return feature(); }, logger().logger);
		assert.equal(loads, 0, 'nothing loads before first use');
		assert.equal(lazy.loaded, undefined);
		const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
		assert.equal(a, b);
		assert.equal(await lazy.get(), a);
		assert.equal(loads, 1);
		assert.equal(lazy.loaded, a);
	});

	it('logs a failed load and tries again on the next get', async () => {
		let loads = 0;
		const log = logger();
		const lazy = new LazyFeature('templates', async () => {
			if (++loads === 1) throw new Error('Cannot find module ./templates.js');
			return feature();
		}, log.logger);
		await assert.rejects(lazy.get(), /Cannot find module/);
		assert.deepEqual(log.errors, ['The templates feature could not be loaded']);
		assert.equal(lazy.loaded, undefined);
		const loaded = await lazy.get();
		assert.equal(loads, 2);
		assert.equal(lazy.loaded, loaded);
	});

	it('disposes the loaded feature with itself, and a feature that loads after that at once', async () => {
		const lazy = new LazyFeature('stats', async () => feature(), logger().logger);
		const loaded = await lazy.get();
		lazy.dispose();
		assert.equal(loaded.disposed, 1);
		assert.equal(lazy.loaded, undefined);

		let release: (f: ReturnType<typeof feature>) => void = () => undefined;
		const late = feature();
		const slow = new LazyFeature('stats', () => new Promise<ReturnType<typeof feature>>(resolve => { release = resolve; }), logger().logger);
		const pending = slow.get();
		slow.dispose();
		release(late);
		await assert.rejects(pending, /after the extension was deactivated/);
		assert.equal(late.disposed, 1);
	});
});
