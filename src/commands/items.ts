import * as vscode from 'vscode';
import type { TreeNode } from '../views/treeNode';

/** Opens a node's GitHub page in the browser; only http(s) URLs are ever opened. */
export async function openOnGitHub(node?: TreeNode): Promise<void> {
	const uri = safeUri(node?.url);
	if (!uri) return;
	await vscode.env.openExternal(uri);
}

/** Copies a node's GitHub link to the clipboard. */
export async function copyLink(node?: TreeNode): Promise<void> {
	const uri = safeUri(node?.url);
	if (!uri) return;
	await vscode.env.clipboard.writeText(uri.toString(true));
	vscode.window.setStatusBarMessage(vscode.l10n.t('Link copied'), 2000);
}

function safeUri(url: string | undefined): vscode.Uri | undefined {
	if (!url) return undefined;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? vscode.Uri.parse(parsed.toString(), true) : undefined;
	} catch {
		return undefined;
	}
}
