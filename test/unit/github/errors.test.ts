import { strict as assert } from 'node:assert';
import { GraphqlResponseError } from '@octokit/graphql';
import { RequestError } from '@octokit/request-error';
import {
	formatClock,
	fromGraphQLErrors,
	fromHttpStatus,
	missingScopesFromHeaders,
	requiredScopesFromMessage,
	resetAtFromHeaders,
	toGitHubError,
} from '../../../src/github/errorMapping';
import { GitHubError } from '../../../src/github/errors';
import { RequestTimeoutError } from '../../../src/github/transport';
import { networkError } from './fakeFetch';

const NOW = Date.UTC(2025, 4, 6, 12, 0, 0);
const now = () => NOW;
const REPO = { owner: 'acme', name: 'nope' };

/** A RequestError as @octokit/request throws it for an HTTP error status. */
function httpError(status: number, data: unknown, headers: Record<string, string> = {}, authorization = 'token ghp_inRequestHeaders0123456789'): RequestError {
	const message = typeof data === 'object' && data !== null && 'message' in data ? String((data as { message: unknown }).message) : 'error';
	return new RequestError(message, status, {
		request: { method: 'GET', url: 'https://api.github.com/user', headers: { authorization } },
		response: { status, url: 'https://api.github.com/user', headers, data },
	});
}

/** A GraphqlResponseError as @octokit/graphql throws it for a 200 with `errors`. */
function gqlError(errors: object[], headers: Record<string, string> = {}): GraphqlResponseError<unknown> {
	return new GraphqlResponseError({ method: 'POST', url: '/graphql' }, headers, { data: null, errors } as never);
}

describe('errorMapping', () => {
	describe('HTTP statuses', () => {
		it('401 → badCredentials with GitHub\'s wording', () => {
			const e = toGitHubError(httpError(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }));
			assert.equal(e.kind, 'badCredentials');
			assert.equal(e.message, 'GitHub rejected the token (Bad credentials). Sign in again.');
			assert.equal(e.details.status, 401);
		});

		it('403 with an empty budget → rateLimited at x-ratelimit-reset', () => {
			const reset = Math.floor(NOW / 1000) + 3900;
			const e = toGitHubError(httpError(403, { message: 'API rate limit exceeded for user ID 1.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }), { now });
			assert.equal(e.kind, 'rateLimited');
			assert.equal(e.details.resetAt, reset * 1000);
			assert.equal(e.message, `Rate limit reached; it resets at ${formatClock(reset * 1000)}.`);
		});

		it('403 secondary limit → rateLimited at retry-after, or a minute when GitHub does not say', () => {
			const withHeader = toGitHubError(httpError(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '30' }), { now });
			assert.equal(withHeader.kind, 'rateLimited');
			assert.equal(withHeader.details.resetAt, NOW + 30_000);
			assert.match(withHeader.message, /secondary rate limit.*try again at \d\d:\d\d\./);
			const without = toGitHubError(httpError(403, { message: 'You have exceeded a secondary rate limit.' }), { now });
			assert.equal(without.details.resetAt, NOW + 60_000);
		});

		it('429 → rateLimited', () => {
			assert.equal(toGitHubError(httpError(429, { message: 'Too Many Requests' }, { 'retry-after': '5' }), { now }).details.resetAt, NOW + 5000);
		});

		it('403/404 with an accepted scope the token lacks → missingScope', () => {
			const e403 = toGitHubError(httpError(403, { message: 'Resource not accessible by integration' }, { 'x-accepted-oauth-scopes': 'repo', 'x-oauth-scopes': 'public_repo, read:org' }));
			assert.equal(e403.kind, 'missingScope');
			assert.deepEqual(e403.details.missingScopes, ['repo']);
			assert.match(e403.message, /lacks "repo"/);
			const e404 = toGitHubError(httpError(404, { message: 'Not Found' }, { 'x-accepted-oauth-scopes': 'repo', 'x-oauth-scopes': 'public_repo' }), { repo: REPO });
			assert.equal(e404.kind, 'missingScope');
			assert.match(e404.message, /acme\/nope/);
		});

		it('a broader granted scope satisfies a narrower accepted one', () => {
			assert.equal(missingScopesFromHeaders({ 'x-accepted-oauth-scopes': 'read:org', 'x-oauth-scopes': 'admin:org' }), undefined);
			assert.equal(missingScopesFromHeaders({ 'x-accepted-oauth-scopes': 'public_repo, repo', 'x-oauth-scopes': 'repo' }), undefined);
			assert.equal(missingScopesFromHeaders({ 'x-accepted-oauth-scopes': 'repo' }), undefined, 'fine-grained tokens report no scopes');
			assert.deepEqual(missingScopesFromHeaders({ 'x-accepted-oauth-scopes': 'repo', 'x-oauth-scopes': '' }), ['repo']);
		});

		it('404 → notFound naming the repository', () => {
			const e = toGitHubError(httpError(404, { message: 'Not Found' }, { 'x-accepted-oauth-scopes': 'repo', 'x-oauth-scopes': 'repo' }), { repo: REPO });
			assert.equal(e.kind, 'notFound');
			assert.equal(e.message, 'Repository acme/nope was not found, or your account cannot see it.');
			assert.equal(toGitHubError(httpError(410, { message: 'Issues are disabled for this repo' })).kind, 'notFound');
		});

		it('403 SAML enforcement → forbidden with single sign-on advice', () => {
			const e = toGitHubError(httpError(403, { message: 'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.' }));
			assert.equal(e.kind, 'forbidden');
			assert.match(e.message, /single sign-on/);
			assert.equal(toGitHubError(httpError(403, { message: 'Repository access blocked' })).message, 'GitHub denied access: Repository access blocked');
		});

		it('403 with x-accepted-github-permissions → forbidden naming the permission (fine-grained token)', () => {
			const e = toGitHubError(httpError(403, { message: 'Resource not accessible by personal access token' }, { 'x-accepted-github-permissions': 'discussions=write' }));
			assert.equal(e.kind, 'forbidden');
			assert.match(e.message, /permission discussions=write/);
		});

		it('400/422 → invalid, 5xx → server', () => {
			assert.equal(toGitHubError(httpError(422, { message: 'Validation Failed', errors: [{ code: 'invalid' }] })).kind, 'invalid');
			assert.equal(toGitHubError(httpError(400, { message: 'Problems parsing JSON' })).kind, 'invalid');
			for (const status of [500, 502, 503, 504]) {
				const e = toGitHubError(httpError(status, 'upstream error'));
				assert.equal(e.kind, 'server');
				assert.equal(e.message, `GitHub had a problem (HTTP ${status}). Try again in a moment.`);
			}
		});
	});

	describe('GraphQL errors', () => {
		it('NOT_FOUND → notFound, naming the repository from the message', () => {
			const e = toGitHubError(gqlError([{ type: 'NOT_FOUND', path: ['repository'], message: 'Could not resolve to a Repository with the name \'acme/nope\'.' }]));
			assert.equal(e.kind, 'notFound');
			assert.equal(e.message, 'Repository acme/nope was not found, or your account cannot see it.');
		});

		it('recognises the message even without a type', () => {
			assert.equal(fromGraphQLErrors([{ message: 'Could not resolve to a Repository with the name \'acme/nope\'.' }], {}).kind, 'notFound');
		});

		it('FORBIDDEN → forbidden', () => {
			const e = toGitHubError(gqlError([{ type: 'FORBIDDEN', message: 'Resource protected by organization SAML enforcement.' }]));
			assert.equal(e.kind, 'forbidden');
			assert.match(e.message, /SAML single sign-on/);
		});

		it('RATE_LIMITED → rateLimited at x-ratelimit-reset', () => {
			const reset = Math.floor(NOW / 1000) + 600;
			const e = toGitHubError(gqlError([{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }], { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }), { now });
			assert.equal(e.kind, 'rateLimited');
			assert.equal(e.details.resetAt, reset * 1000);
		});

		it('the throttling plugin\'s RATE_LIMITED error (data + response) maps the same way', () => {
			const reset = Math.floor(NOW / 1000) + 600;
			const data = { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] };
			const error = Object.assign(new Error('GraphQL Rate Limit Exceeded'), { data, response: { status: 200, headers: { 'x-ratelimit-reset': String(reset) }, data } });
			assert.equal(toGitHubError(error, { now }).details.resetAt, reset * 1000);
		});

		it('INSUFFICIENT_SCOPES → missingScope with the scopes GitHub names', () => {
			const message = 'Your token has not been granted the required scopes to execute this query. The \'login\' field requires one of the following scopes: [\'read:org\'], but your token has only been granted the: [\'repo\'] scopes. Please modify your token\'s scopes at: https://github.com/settings/tokens.';
			const e = toGitHubError(gqlError([{ type: 'INSUFFICIENT_SCOPES', message }]));
			assert.equal(e.kind, 'missingScope');
			assert.deepEqual(e.details.missingScopes, ['read:org']);
			assert.deepEqual(requiredScopesFromMessage('requires one of the following scopes: [\'repo\', "read:discussion"]'), ['repo', 'read:discussion']);
		});

		it('"Something went wrong" → server; anything else → invalid', () => {
			assert.equal(toGitHubError(gqlError([{ message: 'Something went wrong while executing your query. Please try again.' }])).kind, 'server');
			const e = toGitHubError(gqlError([{ message: 'Field \'bogus\' doesn\'t exist on type \'Repository\'' }]));
			assert.equal(e.kind, 'invalid');
			assert.equal(e.message, 'GitHub rejected the query: Field \'bogus\' doesn\'t exist on type \'Repository\'');
		});

		it('prefers the most actionable error when several come back', () => {
			const e = fromGraphQLErrors([{ type: 'NOT_FOUND', message: 'x' }, { type: 'RATE_LIMITED', message: 'y' }], {}, { now });
			assert.equal(e.kind, 'rateLimited');
		});
	});

	describe('network errors', () => {
		/** A network failure as @octokit/request reports it: RequestError 500 with the fetch error as cause. */
		function octokitNetworkError(code: string): RequestError {
			const fetchError = networkError(code);
			const error = new RequestError(String((fetchError.cause as Error).message), 500, { request: { method: 'GET', url: 'https://api.github.com/user', headers: {} } });
			error.cause = fetchError;
			return error;
		}

		const cases: [string, RegExp][] = [
			['ECONNREFUSED', /^Could not connect to api\.github\.com \(connection refused\)/],
			['ENOTFOUND', /^Could not find api\.github\.com \(DNS lookup failed\)/],
			['ECONNRESET', /^The connection to api\.github\.com was interrupted/],
			['ETIMEDOUT', /did not answer within 30 seconds/],
			['SELF_SIGNED_CERT_IN_CHAIN', /TLS certificate/],
			['EWHATEVER', /^Could not reach api\.github\.com \(EWHATEVER\)\.$/],
		];
		for (const [code, pattern] of cases) {
			it(`${code} → network`, () => {
				const e = toGitHubError(octokitNetworkError(code), { host: 'api.github.com' });
				assert.equal(e.kind, 'network');
				assert.match(e.message, pattern);
			});
		}

		it('client timeout and cancellation → network', () => {
			const timeout = toGitHubError(Object.assign(new RequestTimeoutError(15_000), { status: 500 }), { host: 'ghe.example' });
			assert.equal(timeout.kind, 'network');
			assert.equal(timeout.message, 'ghe.example did not answer within 15 seconds. Try again later.');
			assert.equal(toGitHubError(new DOMException('signal timed out', 'TimeoutError'), { timeoutMs: 30_000 }).kind, 'network');
			assert.equal(toGitHubError(new DOMException('aborted', 'AbortError')).message, 'The request to GitHub was cancelled.');
		});

		it('does not blame the network for an unexpected error', () => {
			const e = toGitHubError(new TypeError('Cannot read properties of undefined (reading \'nodes\')'));
			assert.equal(e.kind, 'server');
			assert.match(e.message, /^Unexpected error while talking to GitHub: Cannot read properties/);
			assert.equal(toGitHubError(networkError('ECONNRESET')).kind, 'network', 'a bare fetch failure is still network');
		});

		it('passes a GitHubError through unchanged', () => {
			const original = new GitHubError('discussionsDisabled', 'off');
			assert.equal(toGitHubError(original), original);
		});
	});

	describe('headers', () => {
		it('reads retry-after as seconds or an HTTP date, else x-ratelimit-reset', () => {
			assert.equal(resetAtFromHeaders({ 'retry-after': '12' }, NOW), NOW + 12_000);
			assert.equal(resetAtFromHeaders({ 'retry-after': new Date(NOW + 90_000).toUTCString() }, NOW), NOW + 90_000);
			assert.equal(resetAtFromHeaders({ 'x-ratelimit-reset': '1700000000' }, NOW), 1_700_000_000_000);
			assert.equal(resetAtFromHeaders({}, NOW), undefined);
		});

		it('formats the reset as local HH:MM', () => {
			const at = new Date(2025, 0, 2, 14, 5, 59).getTime();
			assert.equal(formatClock(at), '14:05');
		});
	});

	describe('secrets (A3, A7)', () => {
		const SECRETS = [
			'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
			'gho_abcdefghijklmnopqrstuvwxyz0123456789',
			'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
			'sandbox-token-of-mona-42',
		];
		const leaky = `Bad credentials for ${SECRETS[0]} / ${SECRETS[1]} / ${SECRETS[2]} / Authorization: token ${SECRETS[3]}`;

		const errors: [string, unknown][] = [
			['401', httpError(401, { message: leaky }, {}, `token ${SECRETS[3]}`)],
			['403', httpError(403, { message: leaky })],
			['403 SAML', httpError(403, { message: `SAML enforcement ${leaky}` })],
			['422', httpError(422, { message: leaky })],
			['404', httpError(404, { message: leaky })],
			['GraphQL FORBIDDEN', gqlError([{ type: 'FORBIDDEN', message: leaky }])],
			['GraphQL other', gqlError([{ message: leaky }])],
			['GraphQL NOT_FOUND', gqlError([{ type: 'NOT_FOUND', message: leaky }])],
			['network', Object.assign(new Error(leaky), { cause: { code: 'ECONNRESET' } })],
			['unknown', new Error(leaky)],
		];
		for (const [name, error] of errors) {
			it(`keeps tokens out of the message and cause: ${name}`, () => {
				const e = toGitHubError(error, { secrets: [SECRETS[3]] });
				const text = `${e.message} ${String(e.details.cause)} ${JSON.stringify(e.details)}`;
				for (const secret of SECRETS) {
					assert.ok(!text.includes(secret), `${name} leaked ${secret}: ${text}`);
				}
			});
		}

		it('never keeps the raw request (with its Authorization header) as the cause', () => {
			const e = toGitHubError(httpError(500, 'boom', {}, 'token ghp_inRequestHeaders0123456789'));
			assert.ok(e.details.cause instanceof Error);
			assert.equal((e.details.cause as { request?: unknown }).request, undefined);
		});
	});

	it('fromHttpStatus can be used directly with plain headers', () => {
		assert.equal(fromHttpStatus(401, '', {}).message, 'GitHub rejected the token (Bad credentials). Sign in again.');
	});
});
