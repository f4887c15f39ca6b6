import * as vscode from 'vscode';
import { renderWebviewHtml } from './html';

/**
 * The HTML of a webview entry (`webview/<entry>/main.ts` → `dist/webview/<entry>.js`, styles in
 * `media/webview/<entry>.css`), through the single CSP/nonce writer in `html.ts`.
 */
export function entryHtml(webview: vscode.Webview, extensionUri: vscode.Uri, entry: 'thread' | 'triage' | 'stats' | 'engagement', title: string): string {
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
