/**
 * GitHub's secondary rate limits, enforced per token: concurrent requests, content creation per
 * minute/hour and (optionally) points per minute. Answers are 403 "secondary rate limit" with
 * `retry-after`, like GitHub.
 */

/** Which secondary limits to enforce; a missing value means "not enforced". */
export interface SecondaryLimits {
	/** Requests in flight at once (GitHub: 100). */
	readonly maxConcurrent?: number;
	/** Content-creating requests (comments, discussions) per minute (GitHub: 80). */
	readonly contentPerMinute?: number;
	/** Content-creating requests per hour (GitHub: 500). */
	readonly contentPerHour?: number;
	/** REST points per minute, GET = 1, writes = 5 (GitHub: 900). Off by default: a local client is far faster than GitHub. */
	readonly restPointsPerMinute?: number;
	/** GraphQL points per minute, query = 1, mutation = 5 (GitHub: 2,000). Off by default for the same reason. */
	readonly graphqlPointsPerMinute?: number;
}

/** The defaults: the limits a well-behaved client never meets even against a zero-latency server. */
export const DEFAULT_SECONDARY_LIMITS: SecondaryLimits = { maxConcurrent: 100, contentPerMinute: 80, contentPerHour: 500 };

/** GraphQL mutations that create content. */
export const CONTENT_MUTATIONS: ReadonlySet<string> = new Set(['addComment', 'addDiscussionComment', 'createDiscussion', 'createIssue']);

/** What the limiter needs to know about a request. */
export interface SecondaryRequest {
	readonly tokenName: string;
	readonly kind: 'graphql' | 'rest';
	readonly isWrite: boolean;
	readonly createsContent: boolean;
	readonly inFlight: number;
}

/** Sliding-window counters per token. */
export class SecondaryLimiter {
	private readonly events = new Map<string, { at: number; weight: number }[]>();

	/** Creates a limiter; pass `{}` to enforce nothing. `now` lets a benchmark run in modelled time. */
	constructor(private readonly limits: SecondaryLimits = DEFAULT_SECONDARY_LIMITS, private readonly now: () => number = Date.now) {}

	private window(key: string, spanMs: number, now: number): { at: number; weight: number }[] {
		const list = (this.events.get(key) ?? []).filter(e => e.at > now - 3_600_000);
		this.events.set(key, list);
		return list.filter(e => e.at > now - spanMs);
	}

	private over(key: string, limit: number | undefined, spanMs: number, weight: number, now: number): number | null {
		if (limit === undefined) return null;
		const recent = this.window(key, spanMs, now);
		if (recent.reduce((n, e) => n + e.weight, 0) + weight <= limit) return null;
		return Math.max(1, Math.ceil((recent[0]!.at + spanMs - now) / 1000));
	}

	/** Returns the `retry-after` seconds when the request must be refused, or null (and records it). */
	check(r: SecondaryRequest): number | null {
		const now = this.now();
		if (this.limits.maxConcurrent !== undefined && r.inFlight > this.limits.maxConcurrent) return 60;
		const points = r.isWrite ? 5 : 1;
		const pointsLimit = r.kind === 'rest' ? this.limits.restPointsPerMinute : this.limits.graphqlPointsPerMinute;
		const pointsKey = `${r.tokenName}\u0000${r.kind}`;
		const contentKey = `${r.tokenName}\u0000content`;
		const wait = this.over(pointsKey, pointsLimit, 60_000, points, now)
			?? (r.createsContent ? this.over(contentKey, this.limits.contentPerMinute, 60_000, 1, now) ?? this.over(contentKey, this.limits.contentPerHour, 3_600_000, 1, now) : null);
		if (wait !== null) return wait;
		if (pointsLimit !== undefined) this.events.get(pointsKey)!.push({ at: now, weight: points });
		if (r.createsContent) (this.events.get(contentKey) ?? this.events.set(contentKey, []).get(contentKey)!).push({ at: now, weight: 1 });
		return null;
	}

	/** Forgets all counters. */
	reset(): void {
		this.events.clear();
	}
}
