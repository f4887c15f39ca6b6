import * as vscode from 'vscode';

/** Whether a file or folder exists (any error of `stat`, such as no permission, counts as "no"). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}
