import * as vscode from 'vscode';
import { GitHubError } from '../github/errors';
import { presentError } from '../github/presentation';
import type { Container } from '../container';
import { octokitFactory } from '../container';

/**
 * "Sign In to GitHub": VS Code's account provider when it is available; otherwise (code-server
 * offline, a GHES host VS Code is not set up for, a loopback sandbox) the token path.
 */
export async function signIn(c: Container): Promise<void> {
	const server = c.config.server();
	if (!server.ok) {
		void vscode.window.showErrorMessage(vscode.l10n.t('Invalid GitHub server URL: {0}', server.error));
		return;
	}
	if (await c.auth.signInWithProvider()) {
		await reportSignedIn(c);
		return;
	}
	await signInWithToken(c);
}

/** "Sign In with a Token": asks for a personal access token, checks it against GitHub, then stores it. */
export async function signInWithToken(c: Container): Promise<void> {
	const parsed = c.config.server();
	if (!parsed.ok) {
		void vscode.window.showErrorMessage(vscode.l10n.t('Invalid GitHub server URL: {0}', parsed.error));
		return;
	}
	const server = parsed.server;
	const token = await vscode.window.showInputBox({
		title: vscode.l10n.t('Sign in to {0} with a personal access token', server.host),
		prompt: vscode.l10n.t('Scopes needed: {0}. The token is kept in VS Code\'s secret storage only.', c.scopes().join(', ')),
		password: true,
		ignoreFocusOut: true,
		validateInput: v => (v.trim() === '' ? vscode.l10n.t('Paste a token.') : /\s/.test(v.trim()) ? vscode.l10n.t('A token has no spaces.') : undefined),
	});
	if (!token) return;
	const candidate = token.trim();
	const probe = octokitFactory('check')(server, async () => candidate);
	try {
		const viewer = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with {0}…', server.host) },
			() => probe.getViewer());
		await c.auth.storeToken(candidate);
		void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {0} as {1}.', server.host, viewer.login));
	} catch (error) {
		const p = presentError(error, vscode.l10n.t, vscode.env.language, server.host);
		const message = GitHubError.is(error, 'badCredentials')
			? vscode.l10n.t('GitHub rejected this token. Nothing was saved; check the token and try again.')
			: vscode.l10n.t('Could not check the token; nothing was saved. {0}', p.message);
		void vscode.window.showErrorMessage(message);
	}
}

/** "Sign Out": forgets the token for this server and deletes its disk cache. */
export async function signOut(c: Container): Promise<void> {
	await c.auth.signOut();
	await c.sync.purge();
	void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of {0}.', c.config.serverOrDefault().host));
}

async function reportSignedIn(c: Container): Promise<void> {
	try {
		const viewer = await c.viewer();
		void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {0} as {1}.', c.config.serverOrDefault().host, viewer.login));
	} catch (error) {
		void vscode.window.showErrorMessage(presentError(error, vscode.l10n.t, vscode.env.language).message);
	}
}
