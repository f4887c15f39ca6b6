import * as vscode from 'vscode';
import { renderWebviewHtml } from './html';

/**
 * The HTML of a webview entry (`webview/<entry>/main.ts` → `dist/webview/<entry>.js`, styles in
 * `media/webview/<entry>.css`), through the single CSP/nonce writer in `html.ts`.
 */
export function entryHtml(webview: vscode.Webview, extensionUri: vscode.Uri, entry: 'thread' | 'triage' | 'stats' | 'engagement' | 'templates', title: string): string {
	const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
	return renderWebviewHtml({
		cspSource: webview.cspSource,
		scriptUri: uri('dist', 'webview', `${entry}.js`),
		codiconUri: uri('dist', 'webview', 'codicon.css'),
		styleUris: [uri('media', 'webview', `${entry}.css`)],
		lang: vscode.env.language,
		title,
	});
}

/** Webview options of every panel and view (security checklist W3): scripts, no command URIs, only our own files. */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
	return {
		enableScripts: true,
		enableCommandUris: false,
		enableForms: false,
		localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
		retainContextWhenHidden: false,
		enableFindWidget: true,
	};
}
