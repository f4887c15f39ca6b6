import { throttling } from '@octokit/plugin-throttling';

// Which requests are reads and which are writes, and what each may retry. Pure; the Octokit
// composition in octokitClient.ts derives its plugin settings from these functions.

/** A GraphQL operation type. */
export type OperationType = 'query' | 'mutation' | 'subscription';

/** Reads (GET/HEAD, GraphQL queries) may be retried; writes (everything else) never are (R6). */
export type RequestKind = 'read' | 'write';

/** What the scheduler and the retry policy need to know about a request. */
export interface RequestClass {
	readonly kind: RequestKind;
	readonly graphql: boolean;
	/** A write that notifies people (a comment, a new issue or discussion): spaced further apart (R1). */
	readonly notifying: boolean;
	/** The rate-limit pool it draws from. */
	readonly resource: 'core' | 'graphql' | 'search';
}

/** How often a read is retried after a 5xx or a network error (so at most 3 attempts). */
export const READ_RETRIES = 2;

/** GraphQL mutations that notify people, like REST routes the throttling plugin lists. */
const NOTIFYING_MUTATIONS = /\b(addComment|addDiscussionComment|createDiscussion|createIssue|addPullRequestReview)\s*\(/;

/**
 * The operation type of a GraphQL document: the first `query`/`mutation`/`subscription` keyword
 * at the top level, or `query` for the `{ … }` shorthand. Fragment definitions, comments and
 * strings are skipped. Undefined when there is no operation (callers treat that as a write).
 */
export function graphQLOperationType(document: string): OperationType | undefined {
	const source = document.replace(/"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|#[^\n\r]*/g, ' ');
	let braces = 0;
	let parens = 0;
	let inFragment = false;
	for (const [token] of source.matchAll(/[{}()]|[_A-Za-z][_0-9A-Za-z]*/g)) {
		if (token === '(' || token === ')') {
			parens += token === '(' ? 1 : -1;
		} else if (parens > 0) {
			continue;
		} else if (token === '{') {
			if (braces === 0 && !inFragment) {
				return 'query';
			}
			braces++;
		} else if (token === '}') {
			braces--;
			inFragment = inFragment && braces > 0;
		} else if (braces === 0 && token === 'fragment') {
			inFragment = true;
		} else if (braces === 0 && !inFragment && (token === 'query' || token === 'mutation' || token === 'subscription')) {
			return token;
		}
	}
	return undefined;
}

/** Classifies a request from its method, URL and (for GraphQL) its document. Unknown means write. */
export function classifyRequest(method: string, url: string, query?: unknown): RequestClass {
	const verb = method.toUpperCase();
	const path = pathnameOf(url);
	if (verb === 'POST' && /\/graphql\/?$/.test(path) && typeof query === 'string') {
		const operation = graphQLOperationType(query);
		const kind: RequestKind = operation === 'query' ? 'read' : 'write';
		return { kind, graphql: true, notifying: kind === 'write' && NOTIFYING_MUTATIONS.test(query), resource: 'graphql' };
	}
	const restPath = path.replace(/^\/api\/v3(?=\/)/, '');
	const kind: RequestKind = verb === 'GET' || verb === 'HEAD' ? 'read' : 'write';
	return {
		kind,
		graphql: false,
		notifying: kind === 'write' && throttling.triggersNotification(restPath),
		resource: restPath.startsWith('/search/') ? 'search' : 'core',
	};
}

/** How many automatic retries a request of this kind gets: reads {@link READ_RETRIES}, writes none. */
export function maxRetries(kind: RequestKind): number {
	return kind === 'read' ? READ_RETRIES : 0;
}

/**
 * Statuses never retried by plugin-retry: every 4xx except 408. 400/401/403/404/410/422 mean
 * "asking again will not help"; 403 and 429 rate limits are left to the throttling plugin.
 */
export const DO_NOT_RETRY_STATUSES: readonly number[] = Array.from({ length: 100 }, (_, i) => 400 + i).filter(s => s !== 408);

/** A failed attempt: an HTTP status, or none for network errors. */
export interface AttemptFailure {
	readonly status?: number;
	/** The client timeout fired: not retried (GitHub may still be working on it, and it counts). */
	readonly timedOut?: boolean;
}

/**
 * The retry policy (R6) as one pure function: may a request of `kind` that failed like this, after
 * `retriesSoFar` retries, be sent again automatically? Writes: never. Reads: on 5xx, 408 or a
 * network error, at most {@link READ_RETRIES} times; never after a timeout or any other 4xx.
 */
export function mayRetry(kind: RequestKind, failure: AttemptFailure, retriesSoFar: number): boolean {
	if (kind === 'write' || retriesSoFar >= maxRetries(kind) || failure.timedOut) {
		return false;
	}
	if (failure.status === undefined) {
		return true;
	}
	return failure.status >= 500 || failure.status === 408;
}

/**
 * Whether to sit out a rate limit and try once more: only reads, only the first time, and only
 * when the wait is at most `maxWaitMs` (default one minute). Otherwise fail fast with `rateLimited`.
 */
export function mayWaitOutRateLimit(kind: RequestKind, waitMs: number, retriesSoFar: number, maxWaitMs = 60_000): boolean {
	return kind === 'read' && retriesSoFar === 0 && waitMs <= maxWaitMs;
}

function pathnameOf(url: string): string {
	try {
		return new URL(url, 'http://relative.invalid').pathname;
	} catch {
		return url;
	}
}
