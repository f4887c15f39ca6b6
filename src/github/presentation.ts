import type { Translate } from '../core/l10n';
import { formatDateTime } from '../core/time';
import { GitHubError } from './errors';

/** What to tell the user about a failure, and what they can do about it. */
export interface ErrorPresentation {
	readonly message: string;
	/** The action that fixes it, if there is one. */
	readonly action?: 'signIn' | 'retry' | 'openSettings';
	/** `info` for a state of the repository rather than a failure (Discussions turned off). */
	readonly severity?: 'info' | 'error';
}

/**
 * A localised, user-facing message for any error from the GitHub layer. `subject` names what was
 * being loaded (e.g. `acme/rocket`). Never includes the token (GitHubError messages are redacted).
 */
export function presentError(error: unknown, t: Translate, locale: string, subject?: string): ErrorPresentation {
	if (!GitHubError.is(error)) {
		return { message: t('Something went wrong: {0}', error instanceof Error ? error.message : String(error)), action: 'retry' };
	}
	const what = subject ?? t('this item');
	switch (error.kind) {
		case 'signedOut':
			return { message: t('Sign in to GitHub to see {0}.', what), action: 'signIn' };
		case 'badCredentials':
			return { message: t('GitHub rejected the token (it may be revoked or expired). Sign in again.'), action: 'signIn' };
		case 'missingScope':
			return { message: t('The token lacks the scope {0}. Sign in again to grant it.', (error.details.missingScopes ?? ['repo']).join(', ')), action: 'signIn' };
		case 'notFound':
			return { message: t('{0} was not found, or your account cannot see it. Check the name; for a private repository turn on the setting communityDesk.github.privateRepositories and sign in again.', what), action: 'openSettings' };
		case 'discussionsDisabled':
			return { message: t('Discussions are turned off for {0}.', what), severity: 'info' };
		case 'rateLimited':
			return {
				message: error.details.resetAt
					? t('GitHub rate limit reached; it resets at {0}.', formatDateTime(new Date(error.details.resetAt).toISOString(), locale))
					: t('GitHub rate limit reached; try again in a minute.'),
				action: 'retry',
			};
		case 'network':
			return { message: t('Cannot reach GitHub. Check your connection or the setting communityDesk.github.serverUrl.'), action: 'retry' };
		case 'server':
			return { message: t('GitHub had a problem answering ({0}). Try again.', error.details.status ?? 'error'), action: 'retry' };
		case 'forbidden':
			return { message: t('GitHub refused access to {0}: {1}', what, error.message), action: 'signIn' };
		case 'invalid':
			return { message: t('GitHub rejected the request: {0}', error.message) };
	}
}
