// The only place that writes webview HTML (security checklist W1, W2). Deliberately vscode-free:
// the panel passes in the URIs it has already made with `asWebviewUri`, so this is unit-tested in Node.
import { randomBytes } from 'node:crypto';

/** What a webview page is made of. Every value is escaped before it reaches the markup. */
export interface WebviewPage {
	/** `webview.cspSource`. */
	readonly cspSource: string;
	/** The entry script (`dist/webview/<name>.js`) as a webview URI. */
	readonly scriptUri: string;
	/** Stylesheets as webview URIs; the codicon sheet first. */
	readonly codiconUri: string;
	readonly styleUris: readonly string[];
	/** `vscode.env.language`. */
	readonly lang: string;
	readonly title: string;
	/** Only for tests; a fresh nonce is drawn otherwise. */
	readonly nonce?: string;
}

/** A fresh 128-bit nonce from the operating system's CSPRNG (never `Math.random`). */
export function createNonce(): string {
	return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every webview: nothing by default; scripts only with the nonce;
 * styles and fonts only from the extension; images from the extension, https and data.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
	return [
		`default-src 'none'`,
		`img-src ${cspSource} https: data:`,
		`style-src ${cspSource}`,
		`font-src ${cspSource}`,
		`script-src 'nonce-${nonce}'`,
		`base-uri 'none'`,
		`form-action 'none'`,
	].join('; ');
}

/** Escapes text for a double-quoted attribute or element content. */
export function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A BCP 47 tag, or `en` when the value does not look like one. */
function safeLang(lang: string): string {
	return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : 'en';
}

/** The page: the CSP meta first in `<head>`, then styles, then one nonce'd script at the end of the body. */
export function renderWebviewHtml(page: WebviewPage): string {
	const nonce = page.nonce ?? createNonce();
	const styles = page.styleUris.map(u => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n');
	return `<!DOCTYPE html>
<html lang="${escapeHtml(safeLang(page.lang))}">
<head>
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.cspSource, nonce))}">
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeHtml(page.codiconUri)}">
${styles}
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="root" aria-busy="true"></div>
<script nonce="${nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}
