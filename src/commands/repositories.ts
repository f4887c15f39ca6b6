import * as vscode from 'vscode';
import { parseRepoRef, formatRepo } from '../core/repoRef';
import { presentError } from '../github/presentation';
import type { Container } from '../container';
import type { TreeNode } from '../views/treeNode';

/**
 * "Add Repository": asks for `owner/name`, checks it exists on the configured server, then adds it
 * to `communityDesk.repositories`. A malformed or unknown name gets a clear message and changes nothing.
 */
export async function addRepository(c: Container, input?: string): Promise<void> {
	const value = input ?? await vscode.window.showInputBox({
		title: vscode.l10n.t('Add a repository to Community Desk'),
		prompt: vscode.l10n.t('owner/name, e.g. microsoft/vscode'),
		ignoreFocusOut: true,
		validateInput: v => (v.trim() === '' ? undefined : localisedRepoError(v)),
	});
	if (!value?.trim()) return;
	const parsed = parseRepoRef(value, vscode.l10n.t);
	if (!parsed.ok) {
		void vscode.window.showErrorMessage(localisedRepoError(value) ?? parsed.error);
		return;
	}
	const name = formatRepo(parsed.repo);
	try {
		const info = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up {0}…', name) },
			() => c.client.getRepository(parsed.repo));
		await c.repositories.add({ owner: info.owner, name: info.name });
		const note = info.hasDiscussionsEnabled ? '' : ` ${vscode.l10n.t('Discussions are turned off there; only issues will show.')}`;
		void vscode.window.showInformationMessage(vscode.l10n.t('Added {0}.', `${info.owner}/${info.name}`) + note);
	} catch (error) {
		void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not added. {1}', name, presentError(error, vscode.l10n.t, vscode.env.language, name).message));
	}
}

/** "Remove Repository" on a repository row that came from the settings. */
export async function removeRepository(c: Container, node?: TreeNode & { entry?: { repo: { owner: string; name: string }; source: string } }): Promise<void> {
	if (!node?.entry) return;
	if (node.entry.source !== 'settings') {
		void vscode.window.showInformationMessage(vscode.l10n.t('{0} comes from a git remote of the workspace; it cannot be removed here.', formatRepo(node.entry.repo)));
		return;
	}
	await c.repositories.remove(node.entry.repo);
}

function localisedRepoError(value: string): string | undefined {
	const parsed = parseRepoRef(value, vscode.l10n.t);
	return parsed.ok ? undefined : parsed.error;
}
