/** HTTP plumbing shared by the endpoints: replies, bodies, GitHub's stock error bodies. */
import { restError } from './errors';

/** A reply an endpoint wants to send; `body` is JSON (omitted for 204/304). */
export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** The serialized body, when already computed (for ETags). */
	raw?: string;
}

/** What an endpoint may do instead of replying. */
export type Outcome = Reply | 'drop' | 'hang';

/** A JSON reply. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
	return { status, body, headers };
}

/** The 404 GitHub sends for unknown routes and invisible resources. */
export function notFound(): Reply {
	return json(404, restError('Not Found'));
}

/** 422 Validation Failed with GitHub's `errors` entries. */
export function validationFailed(resource: string, field: string, code = 'invalid', message?: string): Reply {
	const error: Record<string, string> = { resource, code, field };
	if (message) error['message'] = message;
	return json(422, { message: 'Validation Failed', errors: [error], documentation_url: 'https://docs.github.com/rest' });
}

/** GitHub's body for a 5xx status on REST or GraphQL. */
export function serverErrorBody(kind: 'graphql' | 'rest', status: number, requestId: string): unknown {
	if (kind === 'graphql' && status === 502) {
		return { data: null, errors: [{ message: `Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include \`${requestId}\` when reporting this issue.` }] };
	}
	if (status === 504) return { message: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists." };
	if (status === 503) return { message: 'Service Unavailable' };
	return { message: 'Server Error' };
}

/** The secondary-rate-limit reply (403 by default, or 429), with `retry-after`. */
export function secondaryRateLimit(status: number, retryAfter: number, requestId: string): Reply {
	return json(status, {
		message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
		documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
	}, { 'retry-after': String(retryAfter) });
}

/** Parses a JSON request body (`value` is undefined for an empty body). */
export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false } {
	if (body.length === 0) return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
	} catch {
		return { ok: false };
	}
}

/** The 400 for unparsable JSON. */
export function problemsParsingJson(): Reply {
	return json(400, restError('Problems parsing JSON'));
}
