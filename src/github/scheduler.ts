import type { RateLimitInfo } from '../core/model';
import { Semaphore } from '../core/semaphore';
import { formatClock, rateLimitedError } from './errorMapping';
import { GitHubError } from './errors';
import type { RequestClass } from './requestPolicy';

// When a request may go out (R1–R3). Reads share a small semaphore; writes go one at a time with
// a gap between them; while GitHub has said "rate limited", new requests wait (up to a minute)
// or fail fast with `rateLimited`. Clock and sleep are injected so tests need no real time.

/** Options of {@link RequestScheduler}. */
export interface SchedulerOptions {
	/** Reads in flight at once (R1: well below GitHub's 100). */
	readonly maxConcurrentReads: number;
	/** Minimum gap between the end of one write and the start of the next (default 1000 ms). */
	readonly writeGapMs?: number;
	/** Minimum gap between two notifying writes such as comments (default 3000 ms). */
	readonly notifyingWriteGapMs?: number;
	/** Longest cooldown a request sits out before failing fast with `rateLimited` (default 60000 ms). */
	readonly maxWaitMs?: number;
	/** Longest secondary-limit cooldown after repeated hits (default 15 minutes). */
	readonly maxSecondaryCooldownMs?: number;
	/** Writes that may start within any minute (default 80, GitHub's content-creation limit). */
	readonly maxWritesPerMinute?: number;
	/** Notifying writes that may start within any hour (default 500, GitHub's hourly content limit). */
	readonly maxNotifyingPerHour?: number;
	readonly now?: () => number;
	readonly sleep?: (ms: number) => Promise<void>;
}

/** Cooldown key that blocks every resource (secondary limits are not per pool). */
const ALL = '*';
/** Secondary-limit hits further apart than this do not count as repeats. */
const STRIKE_MEMORY_MS = 10 * 60_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Decides when each request may go out; one per client (host and account). */
export class RequestScheduler {
	private readonly reads: Semaphore;
	private writeTail: Promise<unknown> = Promise.resolve();
	private lastWriteEnd = Number.NEGATIVE_INFINITY;
	private lastNotifyingEnd = Number.NEGATIVE_INFINITY;
	/** Start times of the writes of the last minute and of the notifying writes of the last hour. */
	private readonly writeStarts: number[] = [];
	private readonly notifyingStarts: number[] = [];
	private readonly cooldowns = new Map<string, { until: number; secondary: boolean }>();
	private strikes = 0;
	private lastStrikeAt = Number.NEGATIVE_INFINITY;
	private readonly now: () => number;
	private readonly sleep: (ms: number) => Promise<void>;

	constructor(private readonly options: SchedulerOptions) {
		this.reads = new Semaphore(options.maxConcurrentReads);
		this.now = options.now ?? Date.now;
		this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
	}

	/** Reads in flight now (for tests and diagnostics). */
	get readsInFlight(): number {
		return this.reads.inFlight;
	}

	/** Runs `task` when the request class allows it. */
	run<T>(request: RequestClass, task: () => Promise<T>): Promise<T> {
		if (request.kind === 'read') {
			// Checked once a slot is free, so reads queued before a limit was hit do not go out during it.
			return this.reads.run(async () => {
				await this.waitOutCooldown(request.resource);
				return task();
			});
		}
		const next = this.writeTail.then(() => this.runWrite(request, task));
		this.writeTail = next.catch(() => undefined);
		return next;
	}

	/** Records a budget seen in response headers: an empty budget blocks its pool until the reset (+1 s). */
	noteBudget(info: RateLimitInfo): void {
		const current = this.cooldowns.get(info.resource);
		if (info.remaining === 0) {
			this.cooldowns.set(info.resource, { until: info.resetAt + 1000, secondary: false });
		} else if (current && !current.secondary) {
			this.cooldowns.delete(info.resource);
		}
	}

	/**
	 * Records a rate-limit answer. Secondary limits block every pool, and repeated hits back off
	 * exponentially (R2); primary limits block their own pool until `resetAt` (R3).
	 */
	noteRateLimited(resource: string, resetAt: number, secondary: boolean): void {
		const now = this.now();
		if (!secondary) {
			this.extend(resource, resetAt, false);
			return;
		}
		this.strikes = now - this.lastStrikeAt > STRIKE_MEMORY_MS ? 1 : this.strikes + 1;
		this.lastStrikeAt = now;
		const base = Math.max(resetAt - now, 0);
		const backoff = Math.min(base * 2 ** (this.strikes - 1), this.options.maxSecondaryCooldownMs ?? 15 * 60_000);
		this.extend(ALL, now + Math.max(base, backoff), true);
	}

	/** When requests to `resource` may go out again (epoch ms), or undefined when they may now. */
	cooldownUntil(resource: string): number | undefined {
		const until = Math.max(this.cooldowns.get(resource)?.until ?? 0, this.cooldowns.get(ALL)?.until ?? 0);
		return until > this.now() ? until : undefined;
	}

	/** Whether any pool is cooling down now. */
	isCoolingDown(): boolean {
		const now = this.now();
		return [...this.cooldowns.values()].some(c => c.until > now);
	}

	private extend(key: string, until: number, secondary: boolean): void {
		const current = this.cooldowns.get(key);
		if (!current || current.until < until) {
			this.cooldowns.set(key, { until, secondary });
		}
	}

	private async waitOutCooldown(resource: string): Promise<void> {
		const until = this.cooldownUntil(resource);
		if (until === undefined) {
			return;
		}
		const wait = until - this.now();
		if (wait > (this.options.maxWaitMs ?? 60_000)) {
			throw rateLimitedError(until, this.cooldowns.get(ALL)?.until === until);
		}
		await this.sleep(wait);
	}

	private async runWrite<T>(request: RequestClass, task: () => Promise<T>): Promise<T> {
		await this.waitOutCooldown(request.resource);
		const gap = this.options.writeGapMs ?? 1000;
		const notifyingGap = this.options.notifyingWriteGapMs ?? 3000;
		const earliest = Math.max(
			this.lastWriteEnd + gap,
			request.notifying ? this.lastNotifyingEnd + notifyingGap : 0,
			this.windowFreeAt(request.notifying),
		);
		const wait = earliest - this.now();
		if (wait > (this.options.maxWaitMs ?? 60_000)) {
			throw new GitHubError('rateLimited', `Community Desk keeps under GitHub's limits on how many comments and changes may be sent; try again at ${formatClock(earliest)}.`, { resetAt: earliest });
		}
		if (wait > 0) {
			await this.sleep(wait);
		}
		this.recordStart(request.notifying);
		try {
			return await task();
		} finally {
			this.lastWriteEnd = this.now();
			if (request.notifying) {
				this.lastNotifyingEnd = this.lastWriteEnd;
			}
		}
	}

	/**
	 * When the per-minute write window (and, for notifying writes, the hourly one) has room for one
	 * more: the client keeps under GitHub's secondary limits instead of finding them.
	 */
	private windowFreeAt(notifying: boolean): number {
		const now = this.now();
		prune(this.writeStarts, now - MINUTE_MS);
		prune(this.notifyingStarts, now - HOUR_MS);
		const perMinute = this.options.maxWritesPerMinute ?? 80;
		const perHour = this.options.maxNotifyingPerHour ?? 500;
		let at = 0;
		if (this.writeStarts.length >= perMinute) at = this.writeStarts[this.writeStarts.length - perMinute]! + MINUTE_MS;
		if (notifying && this.notifyingStarts.length >= perHour) at = Math.max(at, this.notifyingStarts[this.notifyingStarts.length - perHour]! + HOUR_MS);
		return at;
	}

	private recordStart(notifying: boolean): void {
		const now = this.now();
		this.writeStarts.push(now);
		if (notifying) this.notifyingStarts.push(now);
	}
}

/** Drops the times at or before `cutoff` from the front of an ascending list. */
function prune(times: number[], cutoff: number): void {
	let n = 0;
	while (n < times.length && times[n]! <= cutoff) n++;
	if (n) times.splice(0, n);
}
