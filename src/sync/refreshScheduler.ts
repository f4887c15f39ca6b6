// The periodic refresh (performance.md "Design implications" 5, B3): every `intervalMinutes` while
// the window is focused and a view is visible, doubling the wait while nothing changes, up to 30
// minutes; a change or a manual refresh goes back to the base interval. vscode-free: the extension
// reports focus and visibility through `setActive`.

/** The longest wait between two refreshes while nothing changes. */
export const MAX_REFRESH_DELAY_MS = 30 * 60_000;

/**
 * The wait before the next periodic refresh, or undefined when the refresh is off (`baseMinutes` 0).
 * The base interval after a change (or at first); otherwise the previous wait doubled, capped at 30
 * minutes (never below the base, for a base above 30 minutes).
 */
export function nextRefreshDelay(baseMinutes: number, previousMs: number | undefined, changed: boolean): number | undefined {
	if (!Number.isFinite(baseMinutes) || baseMinutes <= 0) return undefined;
	const base = baseMinutes * 60_000;
	if (previousMs === undefined || changed) return base;
	return Math.max(base, Math.min(previousMs * 2, MAX_REFRESH_DELAY_MS));
}

/**
 * True when a repository shown for the first time needs a sync now: never synced, or last synced
 * longer ago than the periodic interval (always, when the periodic refresh is off).
 */
export function isSyncDue(syncedAt: number | undefined, now: number, intervalMinutes: number): boolean {
	if (syncedAt === undefined) return true;
	const interval = Number.isFinite(intervalMinutes) && intervalMinutes > 0 ? intervalMinutes * 60_000 : 0;
	return now - syncedAt >= interval;
}

/** Options of {@link RefreshScheduler}. */
export interface RefreshSchedulerOptions {
	/** The setting, read at every step (0 = off). */
	readonly intervalMinutes: () => number;
	/** Runs one refresh; resolves true when something changed. Must not reject. */
	readonly tick: () => Promise<boolean>;
	readonly now?: () => number;
	readonly setTimer?: (run: () => void, ms: number) => unknown;
	readonly clearTimer?: (handle: unknown) => void;
}

/** Runs {@link RefreshSchedulerOptions.tick} periodically while active, with idle backoff. */
export class RefreshScheduler {
	private active = false;
	private delay: number | undefined;
	private dueAt: number | undefined;
	private timer: unknown;
	private running = false;
	private readonly now: () => number;

	constructor(private readonly options: RefreshSchedulerOptions) {
		this.now = options.now ?? Date.now;
	}

	/** Whether refreshes may run now (window focused and a view visible). */
	setActive(active: boolean): void {
		if (active === this.active) return;
		this.active = active;
		this.arm();
	}

	/** Starts over at the base interval (after a manual refresh, or when the setting changes). */
	reset(): void {
		this.delay = nextRefreshDelay(this.options.intervalMinutes(), undefined, true);
		this.dueAt = this.delay === undefined ? undefined : this.now() + this.delay;
		this.arm();
	}

	/** The current wait (for tests and the log). */
	get currentDelay(): number | undefined {
		return this.delay;
	}

	dispose(): void {
		this.active = false;
		this.disarm();
	}

	private arm(): void {
		this.disarm();
		if (!this.active || this.running) return;
		if (this.dueAt === undefined) {
			this.delay ??= nextRefreshDelay(this.options.intervalMinutes(), undefined, true);
			if (this.delay === undefined) return;
			this.dueAt = this.now() + this.delay;
		}
		const wait = Math.max(0, this.dueAt - this.now());
		this.timer = (this.options.setTimer ?? setTimeout)(() => void this.fire(), wait);
	}

	private disarm(): void {
		if (this.timer !== undefined) (this.options.clearTimer ?? (h => clearTimeout(h as ReturnType<typeof setTimeout>)))(this.timer);
		this.timer = undefined;
	}

	private async fire(): Promise<void> {
		this.timer = undefined;
		this.running = true;
		let changed = false;
		try {
			changed = await this.options.tick();
		} catch {
			changed = false;
		}
		this.running = false;
		this.delay = nextRefreshDelay(this.options.intervalMinutes(), this.delay, changed);
		this.dueAt = this.delay === undefined ? undefined : this.now() + this.delay;
		this.arm();
	}
}
