import { strict as assert } from 'node:assert';
import { englishT } from '../../../src/core/l10n';
import { GitHubError } from '../../../src/github/errors';
import { presentError } from '../../../src/github/presentation';

describe('presentError', () => {
	const present = (e: unknown) => presentError(e, englishT, 'en', 'acme/rocket');

	it('tells the user what to do for each kind', () => {
		assert.deepEqual(present(new GitHubError('badCredentials', 'x')).action, 'signIn');
		assert.deepEqual(present(new GitHubError('signedOut', 'x')), { message: 'Sign in to GitHub to see acme/rocket.', action: 'signIn' });
		assert.match(present(new GitHubError('notFound', 'x')).message, /^acme\/rocket was not found/);
		assert.equal(present(new GitHubError('notFound', 'x')).action, 'openSettings');
		assert.deepEqual(present(new GitHubError('discussionsDisabled', 'x')), { message: 'Discussions are turned off for acme/rocket.', severity: 'info' });
		assert.match(present(new GitHubError('network', 'x')).message, /Cannot reach GitHub/);
		assert.match(present(new GitHubError('server', 'x', { status: 502 })).message, /\(502\)/);
		assert.match(present(new GitHubError('missingScope', 'x', { missingScopes: ['repo'] })).message, /scope repo/);
	});

	it('gives the reset time of a rate limit', () => {
		const resetAt = Date.UTC(2026, 10, 25, 14, 5);
		const p = present(new GitHubError('rateLimited', 'x', { resetAt }));
		assert.match(p.message, /resets at/);
		assert.equal(p.action, 'retry');
		assert.match(present(new GitHubError('rateLimited', 'x')).message, /try again in a minute/);
	});

	it('wraps unknown errors without losing their text', () => {
		assert.deepEqual(present(new Error('boom')), { message: 'Something went wrong: boom', action: 'retry' });
	});
});
