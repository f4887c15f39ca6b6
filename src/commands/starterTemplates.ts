import * as vscode from 'vscode';
import type { Logger } from '../platform/logger';
import { TEAM_TEMPLATE_DIR } from '../platform/templateSources';
import { exists } from '../platform/files';

/** Languages the starter set ships in (`media/saved-replies/<lang>/`). */
const STARTER_LANGUAGES = ['en', 'ru'] as const;

/** What "Add Starter Templates" needs (it runs in the lazily loaded templates bundle). */
export interface StarterSetDeps {
	readonly extensionUri: vscode.Uri;
	readonly logger: Logger;
}

/** What "Add Starter Templates" did. */
export interface StarterSetResult {
	readonly added: readonly string[];
	/** Files that already existed and were left alone. */
	readonly skipped: readonly string[];
}

/** The starter-set language for a UI language (`ru`, `ru-RU` → ru; anything else → en). */
export function starterLanguage(uiLanguage: string): (typeof STARTER_LANGUAGES)[number] {
	return STARTER_LANGUAGES.find(l => uiLanguage.toLowerCase().split('-')[0] === l) ?? 'en';
}

/**
 * "Add Starter Templates": copies the starter set for the UI language into `.github/saved-replies/`
 * of a workspace folder (the one given, the only one, or the one the user picks). Never overwrites
 * a file; reports what it skipped.
 */
export async function addStarterSet(c: StarterSetDeps, folderUri?: unknown): Promise<StarterSetResult | undefined> {
	const folder = await chooseFolder(folderUri);
	if (!folder) return undefined;
	const source = vscode.Uri.joinPath(c.extensionUri, 'media', 'saved-replies', starterLanguage(vscode.env.language));
	const target = vscode.Uri.joinPath(folder.uri, ...TEAM_TEMPLATE_DIR);
	try {
		const result = await copyMissing(source, target);
		report(result, `${folder.name}/${TEAM_TEMPLATE_DIR.join('/')}`);
		return result;
	} catch (error) {
		c.logger.error('Starter templates could not be copied.', error);
		void vscode.window.showErrorMessage(vscode.l10n.t('The starter templates could not be copied to {0}.', folder.name));
		return undefined;
	}
}

async function chooseFolder(folderUri: unknown): Promise<vscode.WorkspaceFolder | undefined> {
	const folders = vscode.workspace.workspaceFolders ?? [];
	if (folders.length === 0) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: starter templates are added to its {0}.', TEAM_TEMPLATE_DIR.join('/')));
		return undefined;
	}
	if (folderUri instanceof vscode.Uri) return vscode.workspace.getWorkspaceFolder(folderUri);
	if (folders.length === 1) return folders[0];
	return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Add the starter templates to which folder?') });
}

async function copyMissing(source: vscode.Uri, target: vscode.Uri): Promise<StarterSetResult> {
	const names = (await vscode.workspace.fs.readDirectory(source)).filter(([n, type]) => type === vscode.FileType.File && n.endsWith('.md')).map(([n]) => n).sort();
	await vscode.workspace.fs.createDirectory(target);
	const added: string[] = [];
	const skipped: string[] = [];
	for (const name of names) {
		const to = vscode.Uri.joinPath(target, name);
		if (await exists(to)) {
			skipped.push(name);
			continue;
		}
		await vscode.workspace.fs.writeFile(to, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(source, name)));
		added.push(name);
	}
	return { added, skipped };
}

function report(result: StarterSetResult, where: string): void {
	const added = result.added.length > 0 ? vscode.l10n.t('Added to {0}: {1}.', where, result.added.join(', ')) : vscode.l10n.t('Nothing was added to {0}.', where);
	const skipped = result.skipped.length > 0 ? ` ${vscode.l10n.t('Skipped because they already exist: {0}.', result.skipped.join(', '))}` : '';
	void vscode.window.showInformationMessage(added + skipped);
}
