/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order.
 * Pure (no timers, no I/O), so it is usable from any zone.
 */
export class Semaphore {
	private active = 0;
	private readonly waiters: (() => void)[] = [];

	/** @param limit how many tasks may run at once (an integer ≥ 1). */
	constructor(readonly limit: number) {
		if (!Number.isInteger(limit) || limit < 1) {
			throw new RangeError(`Semaphore limit must be an integer ≥ 1, got ${limit}`);
		}
	}

	/** How many tasks are running now. */
	get inFlight(): number {
		return this.active;
	}

	/** How many tasks are waiting for a slot. */
	get waiting(): number {
		return this.waiters.length;
	}

	/** Runs `task` once a slot is free and releases the slot when it settles. */
	async run<T>(task: () => Promise<T>): Promise<T> {
		await this.acquire();
		try {
			return await task();
		} finally {
			this.release();
		}
	}

	private acquire(): Promise<void> {
		if (this.active < this.limit) {
			this.active++;
			return Promise.resolve();
		}
		// The slot is handed over directly by release(), so `active` stays unchanged.
		return new Promise(resolve => this.waiters.push(resolve));
	}

	private release(): void {
		const next = this.waiters.shift();
		if (next) {
			next();
		} else {
			this.active--;
		}
	}
}
