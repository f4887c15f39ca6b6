import type { RateLimitInfo } from '../core/model';

// The fetch that Octokit is given. It owns what must hold for every single HTTP attempt:
// - a client timeout (R10) that also covers reading the body;
// - redirects followed by hand, so `Authorization` never leaves the trusted origin (A4);
// - rate-limit headers reported to the client (`lastRateLimit`, the scheduler's cooldown).

/** Options of {@link createTransport}. */
export interface TransportOptions {
	/** The underlying fetch (global fetch in production, a stub in tests). */
	readonly fetch: typeof fetch;
	/** Per-attempt timeout in ms, covering redirects and the response body. */
	readonly timeoutMs: number;
	/** Origins (`https://api.github.com`) that may receive the `Authorization` header. */
	readonly trustedOrigins: ReadonlySet<string>;
	/** Redirect hops followed before giving up (default 5). */
	readonly maxRedirects?: number;
	/** Called with the rate-limit budget of every response that reports one. */
	readonly onRateLimit?: (info: RateLimitInfo) => void;
}

/**
 * Thrown when the client timeout fires. Named `AbortError` on purpose: @octokit/request rethrows
 * such errors unchanged and @octokit/plugin-retry does not retry them, so a timed-out request is
 * never sent again automatically (GitHub may still be running it, and it counts against limits).
 */
export class RequestTimeoutError extends Error {
	override readonly name = 'AbortError';
	constructor(readonly timeoutMs: number) {
		super(`No answer within ${timeoutMs} ms`);
	}
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Builds the fetch wrapper described at the top of this file. */
export function createTransport(options: TransportOptions): typeof fetch {
	return async (input, init = {}) => {
		const timeout = AbortSignal.timeout(options.timeoutMs);
		const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
		const url = new URL(input instanceof Request ? input.url : String(input));
		try {
			const { response, finalUrl } = await untilAborted(followRedirects(options, url, { ...init, signal }), signal);
			reportRateLimit(options, response, finalUrl);
			return await untilAborted(buffered(response, finalUrl), signal);
		} catch (error) {
			if (timeout.aborted && !init.signal?.aborted) {
				throw new RequestTimeoutError(options.timeoutMs);
			}
			throw error;
		}
	};
}

/**
 * Rejects as soon as `signal` aborts, even if `promise` ignores it (an injected fetch, or a body
 * stream that is not tied to the signal).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		if (signal.aborted) {
			onAbort();
			return;
		}
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}

/** Sends the request, following redirects itself; drops `Authorization` when the origin changes. */
async function followRedirects(options: TransportOptions, start: URL, init: RequestInit): Promise<{ response: Response; finalUrl: URL }> {
	let url = start;
	let request: RequestInit = { ...init, headers: authorizedHeaders(options, url, url, init.headers) };
	for (let hop = 0; ; hop++) {
		const response = await options.fetch(url.href, { ...request, redirect: 'manual' });
		const location = response.headers.get('location');
		if (!REDIRECT_STATUSES.has(response.status) || location === null) {
			return { response, finalUrl: url };
		}
		await response.body?.cancel().catch(() => undefined);
		if (hop >= (options.maxRedirects ?? 5)) {
			throw new TypeError(`Too many redirects (more than ${options.maxRedirects ?? 5})`);
		}
		const next = new URL(location, url);
		request = redirectedRequest(request, response.status);
		request = { ...request, headers: authorizedHeaders(options, url, next, request.headers) };
		url = next;
	}
}

/** Keeps `Authorization` only for a trusted origin that equals the previous hop's origin. */
function authorizedHeaders(options: TransportOptions, from: URL, to: URL, headers: ConstructorParameters<typeof Headers>[0]): Headers {
	const copy = new Headers(headers);
	if (from.origin !== to.origin || !options.trustedOrigins.has(to.origin)) {
		copy.delete('authorization');
	}
	return copy;
}

/** Fetch-spec method rewriting: 303 (and 301/302 after POST) become a GET without a body. */
function redirectedRequest(request: RequestInit, status: number): RequestInit {
	const method = (request.method ?? 'GET').toUpperCase();
	const toGet = (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
	if (!toGet) {
		return request;
	}
	const headers = new Headers(request.headers);
	headers.delete('content-type');
	headers.delete('content-length');
	return { ...request, method: 'GET', body: undefined, headers };
}

/** Reads the whole body inside the timeout, so a stalled body is a timeout and not a half answer. */
async function buffered(response: Response, finalUrl: URL): Promise<Response> {
	const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
	const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
	Object.defineProperty(copy, 'url', { value: response.url || finalUrl.href });
	return copy;
}

function reportRateLimit(options: TransportOptions, response: Response, finalUrl: URL): void {
	const info = rateLimitFromHeaders(response.headers, finalUrl.href);
	if (info && options.onRateLimit) {
		options.onRateLimit(info);
	}
}

/**
 * The budget in `x-ratelimit-limit/remaining/reset` (and `x-ratelimit-resource`), or undefined
 * when GitHub sends none (GHES with rate limits off). The resource is inferred from the URL when
 * the header is missing.
 */
export function rateLimitFromHeaders(headers: Headers, url: string): RateLimitInfo | undefined {
	const limit = Number(headers.get('x-ratelimit-limit'));
	const remaining = Number(headers.get('x-ratelimit-remaining'));
	const reset = Number(headers.get('x-ratelimit-reset'));
	if (headers.get('x-ratelimit-remaining') === null || ![limit, remaining, reset].every(Number.isFinite)) {
		return undefined;
	}
	const resource = headers.get('x-ratelimit-resource') ?? inferResource(url);
	return { resource, limit, remaining, resetAt: reset * 1000 };
}

function inferResource(url: string): string {
	const path = new URL(url, 'http://relative.invalid').pathname;
	if (/\/graphql\/?$/.test(path)) {
		return 'graphql';
	}
	return /^(\/api\/v3)?\/search\//.test(path) ? 'search' : 'core';
}
