// The part of Bottleneck's API that @octokit/plugin-throttling uses, for its documented `throttle.Bottleneck`
// option. The plugin needs Bottleneck for two things: limiter groups (concurrency and spacing per kind of
// request) and a retry limiter whose "failed" listeners decide whether and when a request is retried after
// a rate limit. Concurrency and spacing are {@link RequestScheduler}'s job here (it wraps every request,
// outside the plugin), so the groups let jobs through; the retry limiter is implemented as Bottleneck
// does it. Bottleneck itself (23 KB minified) stays out of the extension bundle (see esbuild.mjs).

type Listener = (...args: unknown[]) => unknown;

/** Bottleneck's `Events`: `on` is added to the given object; `trigger` resolves to the first non-null listener result. */
export class LimiterEvents {
	private readonly listeners = new Map<string, Listener[]>();

	constructor(target: object) {
		Object.assign(target, { on: (name: string, listener: Listener) => this.on(name, listener) });
	}

	on(name: string, listener: Listener): void {
		this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
	}

	/** Calls every listener of `name`; a throwing listener is reported as an "error" event and counts as null. */
	async trigger(name: string, ...args: unknown[]): Promise<unknown> {
		const results = await Promise.all((this.listeners.get(name) ?? []).map(async listener => {
			try {
				return await listener(...args);
			} catch (error) {
				if (name !== 'error') void this.trigger('error', error);
				return null;
			}
		}));
		return results.find(r => r !== null && r !== undefined);
	}
}

/** What a "failed" listener receives besides the error. */
export interface FailedJobInfo {
	readonly args: readonly unknown[];
	readonly retryCount: number;
}

type Job = (...args: unknown[]) => unknown;

/** Bottleneck's `Group`: one limiter per key. Ours share a pass-through limiter (the scheduler limits). */
export class LimiterGroup {
	private readonly limiter = new ThrottleLimiter();

	key(_id?: string): ThrottleLimiter {
		return this.limiter;
	}
}

/**
 * A limiter: `schedule([options,] job, ...args)` runs the job at once. When it fails, the "failed" listeners
 * are asked; a number means "retry after that many ms" (as in Bottleneck), anything else rejects with the error.
 */
export class ThrottleLimiter {
	private readonly events = new LimiterEvents({});

	/** The plugin's group API; see {@link LimiterGroup}. */
	static readonly Group = LimiterGroup;
	/** The plugin's events API. */
	static readonly Events = LimiterEvents;

	on(name: string, listener: Listener): void {
		this.events.on(name, listener);
	}

	schedule(...input: unknown[]): Promise<unknown> {
		const [job, ...args] = (typeof input[0] === 'function' ? input : input.slice(1)) as [Job, ...unknown[]];
		return this.run(job, args, 0);
	}

	private async run(job: Job, args: unknown[], retryCount: number): Promise<unknown> {
		try {
			return await job(...args);
		} catch (error) {
			const info: FailedJobInfo = { args, retryCount };
			const retryAfter = await this.events.trigger('failed', error, info);
			if (typeof retryAfter !== 'number') throw error;
			await new Promise(resolve => setTimeout(resolve, Math.max(0, retryAfter)));
			return this.run(job, args, retryCount + 1);
		}
	}
}
