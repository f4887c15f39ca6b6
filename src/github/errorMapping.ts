import type { RepoRef } from '../core/model';
import { GitHubError } from './errors';
import { redact } from '../core/redact';

// Turns whatever Octokit, fetch or GitHub threw into a GitHubError with a message a user can act
// on. Errors are read by shape (duck typing), not by class, so it works whichever copy of
// @octokit/request-error or @octokit/graphql produced them. Messages never contain a token.

/** What the mapper needs to know about the call that failed. */
export interface ErrorContext {
	/** The repository the call was about, for "not found" and "disabled" messages. */
	readonly repo?: RepoRef;
	/** Host name shown in network messages (e.g. `api.github.com`). */
	readonly host?: string;
	/** Literal secrets (the current token) to remove from any text taken from the error. */
	readonly secrets?: readonly (string | undefined)[];
	/** Client timeout, for the timeout message. */
	readonly timeoutMs?: number;
	/** Clock (epoch ms); injectable for tests. */
	readonly now?: () => number;
}

/** Response headers as Octokit reports them (lower-case names). */
export type HeaderMap = Readonly<Record<string, string | number | undefined>>;

/** One entry of a GraphQL `errors` array. */
export interface GraphQLErrorLike {
	readonly message?: string;
	readonly type?: string;
	readonly path?: readonly (string | number)[];
}

/** Redacts token-shaped text and the literal secrets of the context (A3, A7). */
function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
	return redact(text, secrets.filter((s): s is string => typeof s === 'string'));
}

/** Fallback wait when GitHub signals a secondary limit without `retry-after` (GitHub's advice: 1 minute). */
export const SECONDARY_LIMIT_FALLBACK_MS = 60_000;

/** Maps any error from the GitHub stack to a {@link GitHubError}; a GitHubError passes through. */
export function toGitHubError(error: unknown, context: ErrorContext = {}): GitHubError {
	if (GitHubError.is(error)) {
		return error;
	}
	const graphQLErrors = graphQLErrorsOf(error);
	if (graphQLErrors.length > 0) {
		return fromGraphQLErrors(graphQLErrors, headersOf(error), context);
	}
	const status = numberProp(error, 'status');
	const response = prop(error, 'response');
	if (status !== undefined && status >= 300 && response !== undefined) {
		return fromHttpStatus(status, httpMessage(error), headersOf(error), context);
	}
	return fromNetworkError(error, context);
}

/** Maps an HTTP error status (with GitHub's message and the response headers). */
export function fromHttpStatus(status: number, rawMessage: string, headers: HeaderMap, context: ErrorContext = {}): GitHubError {
	const message = redactSecrets(rawMessage, context.secrets);
	const details = { status, cause: safeCause('HttpError', message) };
	if (status === 401) {
		return new GitHubError('badCredentials', `GitHub rejected the token (${message || 'Bad credentials'}). Sign in again.`, details);
	}
	if (isRateLimit(status, message, headers)) {
		return rateLimitedFromHeaders(status, message, headers, context);
	}
	if (status === 403 || status === 404) {
		const missing = missingScopesFromHeaders(headers);
		if (missing) {
			return missingScopeError(missing, context.repo, status);
		}
	}
	if (status === 403) {
		return forbiddenError(message, status, header(headers, 'x-accepted-github-permissions'));
	}
	if (status === 404 || status === 410) {
		return notFoundError(context.repo, status);
	}
	if (status >= 500 || status === 408) {
		return new GitHubError('server', `GitHub had a problem (HTTP ${status}). Try again in a moment.`, details);
	}
	return new GitHubError('invalid', `GitHub rejected the request (HTTP ${status}): ${message}`, details);
}

/** Maps the `errors` array of a GraphQL response (HTTP 200 with errors counts as a failure). */
export function fromGraphQLErrors(errors: readonly GraphQLErrorLike[], headers: HeaderMap, context: ErrorContext = {}): GitHubError {
	const pick = (type: string) => errors.find(e => e.type === type);
	const text = (e: GraphQLErrorLike | undefined) => redactSecrets(e?.message ?? '', context.secrets);
	const rateLimited = pick('RATE_LIMITED');
	if (rateLimited) {
		return rateLimitedError(resetAtFromHeaders(headers, now(context)) ?? now(context) + SECONDARY_LIMIT_FALLBACK_MS, false, 200);
	}
	const scopes = pick('INSUFFICIENT_SCOPES');
	if (scopes) {
		return missingScopeError(requiredScopesFromMessage(scopes.message ?? ''), context.repo);
	}
	const forbidden = pick('FORBIDDEN');
	if (forbidden) {
		return forbiddenError(text(forbidden));
	}
	const notFound = pick('NOT_FOUND') ?? errors.find(e => /^Could not resolve to /.test(e.message ?? ''));
	if (notFound) {
		return notFoundError(context.repo ?? repoFromNotFoundMessage(notFound.message ?? ''));
	}
	const first = errors[0];
	if (/Something went wrong while executing your query/i.test(first?.message ?? '')) {
		return new GitHubError('server', 'GitHub had an internal problem running the query. Try again in a moment.', { cause: safeCause('GraphQLError', text(first)) });
	}
	return new GitHubError('invalid', `GitHub rejected the query: ${text(first) || 'unknown error'}`, { cause: safeCause('GraphQLError', text(first)) });
}

// ---------------------------------------------------------------------------------------------
// Error constructors shared with the client

/** `notFound` for a repository (or a generic item when no repository is known). */
export function notFoundError(repo?: RepoRef, status?: number): GitHubError {
	const message = repo
		? `Repository ${repo.owner}/${repo.name} was not found, or your account cannot see it.`
		: 'GitHub could not find that item, or your account cannot see it.';
	return new GitHubError('notFound', message, status === undefined ? {} : { status });
}

/** `discussionsDisabled` for a repository. */
export function discussionsDisabledError(repo: RepoRef): GitHubError {
	return new GitHubError('discussionsDisabled',
		`Discussions are turned off for ${repo.owner}/${repo.name}. A repository admin can turn them on in the repository settings.`);
}

/** `signedOut`: there is no token to send. */
export function signedOutError(): GitHubError {
	return new GitHubError('signedOut', 'You are not signed in to GitHub. Sign in to continue.');
}

/** `rateLimited` with the time the limit lifts. */
export function rateLimitedError(resetAt: number, secondary: boolean, status?: number): GitHubError {
	const message = secondary
		? `GitHub asked us to slow down (secondary rate limit); try again at ${formatClock(resetAt)}.`
		: `Rate limit reached; it resets at ${formatClock(resetAt)}.`;
	return new GitHubError('rateLimited', message, { status, resetAt });
}

/** `network` for a request that got no answer within the client timeout. */
export function timeoutError(timeoutMs: number, host = 'GitHub'): GitHubError {
	return new GitHubError('network', `${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds. Try again later.`);
}

function missingScopeError(scopes: readonly string[], repo: RepoRef | undefined, status?: number): GitHubError {
	const list = scopes.length > 0 ? scopes.map(s => `"${s}"`).join(' or ') : 'a scope';
	const where = repo && status === 404 ? `Repository ${repo.owner}/${repo.name} is not visible with your token. ` : '';
	return new GitHubError('missingScope',
		`${where}Your GitHub token lacks ${list}, which this needs. Sign in again and grant it.`, { status, missingScopes: scopes });
}

function forbiddenError(message: string, status?: number, acceptedPermissions?: string): GitHubError {
	if (acceptedPermissions) {
		// A fine-grained token without a repository permission: signing in again will not help.
		return new GitHubError('forbidden',
			`Your fine-grained token lacks the permission ${acceptedPermissions}. Edit the token on GitHub to grant it, then try again.`,
			{ status, cause: safeCause('HttpError', message) });
	}
	if (/\bSAML\b|single sign-on/i.test(message)) {
		return new GitHubError('forbidden',
			'Your organization requires SAML single sign-on for this token. Authorize the token for the organization on GitHub, then try again.',
			{ status, cause: safeCause('HttpError', message) });
	}
	return new GitHubError('forbidden', `GitHub denied access${message ? `: ${message}` : '.'}`, { status, cause: safeCause('HttpError', message) });
}

// ---------------------------------------------------------------------------------------------
// Rate limits

function isRateLimit(status: number, message: string, headers: HeaderMap): boolean {
	if (status === 429) {
		return true;
	}
	return status === 403 && (header(headers, 'x-ratelimit-remaining') === '0'
		|| header(headers, 'retry-after') !== undefined || /rate limit/i.test(message));
}

function rateLimitedFromHeaders(status: number, message: string, headers: HeaderMap, context: ErrorContext): GitHubError {
	const secondary = /secondary rate limit|abuse/i.test(message)
		|| (header(headers, 'x-ratelimit-remaining') !== '0' && header(headers, 'retry-after') !== undefined);
	const resetAt = resetAtFromHeaders(headers, now(context)) ?? now(context) + SECONDARY_LIMIT_FALLBACK_MS;
	return rateLimitedError(resetAt, secondary, status);
}

/**
 * When a limit lifts (epoch ms): `retry-after` (seconds or an HTTP date) wins, then
 * `x-ratelimit-reset` (epoch seconds) when the budget is spent; undefined when neither says.
 */
export function resetAtFromHeaders(headers: HeaderMap, nowMs: number): number | undefined {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) {
			return nowMs + Math.max(0, seconds) * 1000;
		}
		const date = Date.parse(retryAfter);
		if (Number.isFinite(date)) {
			return date;
		}
	}
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	return header(headers, 'x-ratelimit-reset') !== undefined && Number.isFinite(reset) ? reset * 1000 : undefined;
}

/** Local wall-clock time as `HH:MM`. */
export function formatClock(epochMs: number): string {
	const d = new Date(epochMs);
	return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Scopes

/** Scopes that include others (GitHub's OAuth scope hierarchy). */
const IMPLIED_SCOPES: Readonly<Record<string, readonly string[]>> = {
	'repo': ['repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events'],
	'admin:org': ['write:org', 'read:org', 'manage_runners:org'],
	'write:org': ['read:org'],
	'user': ['read:user', 'user:email', 'user:follow'],
	'admin:repo_hook': ['write:repo_hook', 'read:repo_hook'],
	'write:repo_hook': ['read:repo_hook'],
	'admin:public_key': ['write:public_key', 'read:public_key'],
	'write:public_key': ['read:public_key'],
	'admin:gpg_key': ['write:gpg_key', 'read:gpg_key'],
	'write:gpg_key': ['read:gpg_key'],
	'write:discussion': ['read:discussion'],
	'write:packages': ['read:packages'],
	'project': ['read:project'],
};

/**
 * The scopes to ask for when `X-Accepted-OAuth-Scopes` names scopes and `X-OAuth-Scopes` grants
 * none of them (directly or through a broader scope); undefined when nothing is missing or the
 * headers do not say (fine-grained tokens send no `X-OAuth-Scopes`).
 */
export function missingScopesFromHeaders(headers: HeaderMap): string[] | undefined {
	const accepted = splitScopes(header(headers, 'x-accepted-oauth-scopes'));
	const grantedHeader = header(headers, 'x-oauth-scopes');
	if (accepted.length === 0 || grantedHeader === undefined) {
		return undefined;
	}
	const granted = new Set<string>();
	for (const scope of splitScopes(grantedHeader)) {
		granted.add(scope);
		for (const implied of IMPLIED_SCOPES[scope] ?? []) {
			granted.add(implied);
		}
	}
	return accepted.some(s => granted.has(s)) ? undefined : accepted;
}

function splitScopes(value: string | undefined): string[] {
	return (value ?? '').split(',').map(s => s.trim()).filter(s => s.length > 0);
}

/** Scopes named in an INSUFFICIENT_SCOPES message ("…requires one of the following scopes: ['read:org']…"). */
export function requiredScopesFromMessage(message: string): string[] {
	const list = /requires one of the following scopes: \[([^\]]*)\]/i.exec(message)?.[1] ?? '';
	return [...list.matchAll(/'([^']+)'|"([^"]+)"/g)].map(m => m[1] ?? m[2] ?? '').filter(s => s.length > 0);
}

function repoFromNotFoundMessage(message: string): RepoRef | undefined {
	const match = /Could not resolve to a Repository with the name '([^'/]+)\/([^']+)'/.exec(message);
	return match ? { owner: match[1], name: match[2] } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Network

const NETWORK_MESSAGES: Readonly<Record<string, (host: string) => string>> = {
	ECONNREFUSED: host => `Could not connect to ${host} (connection refused). Check the GitHub server address and your network.`,
	ENOTFOUND: host => `Could not find ${host} (DNS lookup failed). Check your network or the GitHub server address.`,
	EAI_AGAIN: host => `Could not look up ${host} (DNS not answering). Check your network.`,
	ECONNRESET: host => `The connection to ${host} was interrupted. Try again.`,
	EPIPE: host => `The connection to ${host} was interrupted. Try again.`,
	UND_ERR_SOCKET: host => `The connection to ${host} was interrupted. Try again.`,
	ENETUNREACH: host => `${host} is unreachable from this network.`,
	EHOSTUNREACH: host => `${host} is unreachable from this network.`,
};

/** Maps errors where no HTTP answer arrived (refused, DNS, reset, TLS, timeout, cancelled); anything else is `server`. */
export function fromNetworkError(error: unknown, context: ErrorContext = {}): GitHubError {
	const host = context.host ?? 'GitHub';
	const chain = causeChain(error);
	const code = chain.map(e => prop(e, 'code')).find((c): c is string => typeof c === 'string');
	const names = chain.map(e => prop(e, 'name'));
	const cause = safeCause(String(names[0] ?? 'Error'), redactSecrets(String(prop(error, 'message') ?? error), context.secrets));
	const timeoutMs = chain.map(e => numberProp(e, 'timeoutMs')).find(t => t !== undefined);
	if (timeoutMs !== undefined || names.includes('TimeoutError') || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
		return new GitHubError('network', timeoutError(timeoutMs ?? context.timeoutMs ?? 30_000, host).message, { cause });
	}
	if (names.includes('AbortError')) {
		return new GitHubError('network', 'The request to GitHub was cancelled.', { cause });
	}
	if (code && NETWORK_MESSAGES[code]) {
		return new GitHubError('network', NETWORK_MESSAGES[code](host), { cause });
	}
	if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
		return new GitHubError('network', `Could not verify the TLS certificate of ${host} (${code}).`, { cause });
	}
	if (code || isTransportFailure(error)) {
		const detail = code ?? cause.message;
		return new GitHubError('network', `Could not reach ${host}${detail ? ` (${detail})` : ''}.`, { cause });
	}
	// Not a network failure at all (a bug, or a shape nobody expected): say so instead of blaming the network.
	return new GitHubError('server', `Unexpected error while talking to GitHub: ${cause.message || cause.name}`, { cause });
}

/** Octokit's wrapper for a failed fetch (status 500, a request, no response) or fetch's own TypeError. */
function isTransportFailure(error: unknown): boolean {
	const wrapped = numberProp(error, 'status') === 500 && prop(error, 'request') !== undefined && prop(error, 'response') === undefined;
	return wrapped || (prop(error, 'name') === 'TypeError' && /fetch failed|network/i.test(String(prop(error, 'message'))));
}

// ---------------------------------------------------------------------------------------------
// Shape helpers

function prop(value: unknown, key: string): unknown {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function numberProp(value: unknown, key: string): number | undefined {
	const v = prop(value, key);
	return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function causeChain(error: unknown): unknown[] {
	const chain: unknown[] = [];
	for (let e = error; e !== undefined && e !== null && chain.length < 6; e = prop(e, 'cause')) {
		chain.push(e);
	}
	return chain;
}

/** GraphQL `errors` from a GraphqlResponseError, the throttling plugin's error or a response body. */
function graphQLErrorsOf(error: unknown): GraphQLErrorLike[] {
	const candidates = [prop(error, 'errors'), prop(prop(error, 'data'), 'errors'), prop(prop(prop(error, 'response'), 'data'), 'errors')];
	const found = candidates.find(c => Array.isArray(c) && c.length > 0) as unknown[] | undefined;
	return (found ?? []).filter((e): e is GraphQLErrorLike => typeof e === 'object' && e !== null);
}

function headersOf(error: unknown): HeaderMap {
	const h = prop(error, 'headers') ?? prop(prop(error, 'response'), 'headers');
	return typeof h === 'object' && h !== null ? (h as HeaderMap) : {};
}

function header(headers: HeaderMap, name: string): string | undefined {
	const v = headers[name] ?? headers[name.toLowerCase()];
	return v === undefined ? undefined : String(v);
}

/** GitHub's own message from the response body, else the error's message. */
function httpMessage(error: unknown): string {
	const bodyMessage = prop(prop(prop(error, 'response'), 'data'), 'message');
	if (typeof bodyMessage === 'string') {
		return bodyMessage;
	}
	const message = prop(error, 'message');
	return typeof message === 'string' ? message : '';
}

/** A cause that is safe to log: name and redacted message only, never request headers. */
function safeCause(name: string, message: string): Error {
	const e = new Error(message);
	e.name = name;
	return e;
}

function now(context: ErrorContext): number {
	return (context.now ?? Date.now)();
}
