// Test helpers: a recording fetch stub, JSON response builders and a rejection helper. No network.
import { strict as assert } from 'node:assert';
import { GitHubError } from '../../../src/github/errors';

/** One request as the stub saw it. */
export interface SeenRequest {
	readonly url: string;
	readonly method: string;
	readonly headers: Headers;
	readonly body: string | undefined;
	/** The GraphQL operation name, when the body is a GraphQL request. */
	readonly operation: string | undefined;
	/** GraphQL variables, when the body is a GraphQL request. */
	readonly variables: Record<string, unknown>;
}

/** Answers one request; may wait or throw to simulate the network. */
export type Handler = (request: SeenRequest, index: number) => Response | Promise<Response>;

/** A fetch stub that records every request and the peak number in flight. */
export interface FetchStub {
	readonly fetch: typeof fetch;
	readonly requests: SeenRequest[];
	readonly maxInFlight: number;
}

/** Builds a {@link FetchStub} around `handler`. */
export function stubFetch(handler: Handler): FetchStub {
	const requests: SeenRequest[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const fetchStub = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
		const body = typeof init.body === 'string' ? init.body : undefined;
		const parsed = body ? (JSON.parse(body) as { query?: string; variables?: Record<string, unknown> }) : {};
		const request: SeenRequest = {
			url: String(input instanceof Request ? input.url : input),
			method: init.method ?? 'GET',
			headers: new Headers(init.headers),
			body,
			operation: parsed.query ? /\b(?:query|mutation)\s+(\w+)/.exec(parsed.query)?.[1] : undefined,
			variables: parsed.variables ?? {},
		};
		requests.push(request);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		try {
			return await withAbort(init.signal ?? undefined, Promise.resolve(handler(request, requests.length - 1)));
		} finally {
			inFlight--;
		}
	};
	return { fetch: fetchStub as typeof fetch, requests, get maxInFlight() { return maxInFlight; } };
}

/** Rejects like fetch does when `signal` aborts. */
function withAbort<T>(signal: AbortSignal | undefined, promise: Promise<T>): Promise<T> {
	if (!signal) {
		return promise;
	}
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
		if (signal.aborted) {
			onAbort();
			return;
		}
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** A GraphQL success response. */
export function gqlData(data: unknown, headers: Record<string, string> = {}): Response {
	return json({ data }, 200, headers);
}

/** A promise that never settles unless the request is aborted (a hung server). */
export function hang(): Promise<Response> {
	return new Promise<Response>(() => undefined);
}

/** Resolves after `ms`. */
export function delay(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}

/** A fetch network failure shaped like undici's (`TypeError: fetch failed` with a coded cause). */
export function networkError(code: string): TypeError {
	const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
	return new TypeError('fetch failed', { cause });
}

/** Awaits a rejection and returns it as a GitHubError (fails the test otherwise). */
export async function failure(promise: Promise<unknown>): Promise<GitHubError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(GitHubError.is(error), `expected a GitHubError, got ${String(error)}`);
		return error;
	}
	assert.fail('expected a rejection');
}
