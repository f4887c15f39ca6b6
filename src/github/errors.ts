/** What went wrong talking to GitHub, in terms a user can act on. */
export type GitHubErrorKind =
	/** The token was rejected (401 Bad credentials): sign in again. */
	| 'badCredentials'
	/** No token at all: sign in. */
	| 'signedOut'
	/** The token lacks a scope the call needs (`missingScopes` says which). */
	| 'missingScope'
	/** The repository or item does not exist or the token cannot see it. */
	| 'notFound'
	/** The repository has Discussions turned off. */
	| 'discussionsDisabled'
	/** Primary or secondary rate limit; `resetAt` says when to try again. */
	| 'rateLimited'
	/** GitHub could not be reached (DNS, refused, reset, timeout). */
	| 'network'
	/** GitHub answered with a 5xx or an internal GraphQL error. */
	| 'server'
	/** GitHub rejected the request as invalid (422, GraphQL validation). */
	| 'invalid'
	/** Access denied for another reason (SAML SSO, blocked, forbidden). */
	| 'forbidden';

/** A domain error raised by every {@link import('./client').GitHubClient} method. */
export class GitHubError extends Error {
	override readonly name = 'GitHubError';
	constructor(
		readonly kind: GitHubErrorKind,
		message: string,
		readonly details: {
			readonly status?: number;
			/** When a rate limit lifts (epoch ms). */
			readonly resetAt?: number;
			readonly missingScopes?: readonly string[];
			readonly cause?: unknown;
		} = {},
	) {
		super(message);
	}

	/** Type guard, optionally for one kind: `GitHubError.is(e, 'rateLimited')`. */
	static is(error: unknown, kind?: GitHubErrorKind): error is GitHubError {
		return error instanceof GitHubError && (kind === undefined || error.kind === kind);
	}
}
