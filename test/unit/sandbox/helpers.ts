/** Small HTTP helpers for the sandbox tests (plain fetch, no client library). */
import type { Sandbox } from '../../sandbox/server';

/** A decoded response. */
export interface Answer<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

/** Fixed "now" so the data is byte-identical between runs. */
export const NOW = new Date('2025-06-01T12:00:00Z');

/** POSTs a GraphQL document. */
export async function gql<T = Record<string, unknown>>(sb: Sandbox, query: string, variables: Record<string, unknown> = {}, token: string | null = sb.token): Promise<Answer<T>> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (token !== null) headers['authorization'] = `bearer ${token}`;
	const res = await fetch(sb.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** Calls a REST route. */
export async function rest<T = unknown>(
	sb: Sandbox, method: string, path: string, options: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
	const headers: Record<string, string> = { accept: 'application/vnd.github+json', ...options.headers };
	const token = options.token === undefined ? sb.token : options.token;
	if (token !== null) headers['authorization'] = `token ${token}`;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(`${sb.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** Reads a nested property by dotted path (test convenience). */
export function at(value: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((v, k) => (v === null || v === undefined ? v : (v as Record<string, unknown>)[k]), value);
}
