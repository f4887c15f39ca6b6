import { strict as assert } from 'node:assert';
import { contentSecurityPolicy, createNonce, renderWebviewHtml } from '../../../src/webviews/html';

const page = {
	cspSource: 'https://*.vscode-cdn.net', scriptUri: 'https://x.vscode-cdn.net/dist/webview/thread.js',
	codiconUri: 'https://x.vscode-cdn.net/dist/webview/codicon.css', styleUris: ['https://x.vscode-cdn.net/media/webview/thread.css'],
	lang: 'ru', title: 'Thread',
};

/** Parses a CSP into directive → source tokens. */
function parseCsp(csp: string): Map<string, string[]> {
	return new Map(csp.split(';').map(d => d.trim()).filter(Boolean).map(d => {
		const [name, ...values] = d.split(/\s+/);
		return [name!, values];
	}));
}

describe('webview HTML', () => {
	it('puts exactly the required CSP first in <head>', () => {
		const html = renderWebviewHtml({ ...page, nonce: 'abc123' });
		const head = /<head>\s*(<meta[^>]*>)/.exec(html);
		assert.ok(head, 'the first child of head is a meta');
		const content = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(head[1]!)?.[1];
		assert.ok(content, 'the first meta is the CSP');
		const csp = parseCsp(content.replace(/&#39;/g, '\''));
		assert.deepEqual([...csp.keys()].sort(), ['base-uri', 'default-src', 'font-src', 'form-action', 'img-src', 'script-src', 'style-src']);
		assert.deepEqual(csp.get('default-src'), ['\'none\'']);
		assert.deepEqual(csp.get('script-src'), ['\'nonce-abc123\'']);
		assert.deepEqual(csp.get('style-src'), [page.cspSource]);
		assert.deepEqual(csp.get('font-src'), [page.cspSource]);
		assert.deepEqual(csp.get('img-src'), [page.cspSource, 'https:', 'data:']);
		assert.deepEqual(csp.get('base-uri'), ['\'none\'']);
		assert.deepEqual(csp.get('form-action'), ['\'none\'']);
		assert.doesNotMatch(content, /unsafe-|connect-src|frame-src|object-src/);
	});

	it('loads only the nonce\'d entry script and sets the page language', () => {
		const html = renderWebviewHtml({ ...page, nonce: 'n0nce' });
		const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map(m => m[1]);
		assert.deepEqual(scripts, [` nonce="n0nce" src="${page.scriptUri}"`]);
		assert.match(html, /<html lang="ru">/);
		assert.match(html, /<link rel="stylesheet" id="vscode-codicon-stylesheet" href="[^"]+codicon\.css">/);
		assert.match(renderWebviewHtml({ ...page, lang: '"><script>' }), /<html lang="en">/);
		assert.doesNotMatch(renderWebviewHtml({ ...page, title: '</title><script>x</script>' }), /<script>x/);
	});

	it('draws a fresh 128-bit nonce for every render', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 10_000; i++) seen.add(createNonce());
		assert.equal(seen.size, 10_000);
		assert.equal(Buffer.from([...seen][0]!, 'base64').length, 16);
		const a = /nonce="([^"]+)"/.exec(renderWebviewHtml(page))![1];
		const b = /nonce="([^"]+)"/.exec(renderWebviewHtml(page))![1];
		assert.notEqual(a, b);
		assert.match(contentSecurityPolicy('src', 'x'), /script-src 'nonce-x'/);
	});
});
