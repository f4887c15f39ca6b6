import { strict as assert } from 'node:assert';
import createDOMPurify, { type WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';
import { ALLOWED_TAGS, createSanitizer, isGitHubImageHost, type Sanitizer } from '../../../../webview/common/sanitize';

/** The hostile corpus: each entry goes through both the HTML and the markdown path. */
export const HOSTILE: readonly string[] = [
	'<script>window.__pwn=1</script>',
	'<img src=x onerror="window.__pwn=1">',
	'<div onclick="window.__pwn=1" onmouseover="window.__pwn=1">hover</div>',
	'<a href="javascript:window.__pwn=1">js</a>',
	'<a href="JaVaScRiPt:window.__pwn=1">case</a>',
	'<a href=" &#14;javascript:alert(1)">ws</a>',
	'<a href="java&#x09;script:alert(1)">tab entity</a>',
	'<a href="javascript&colon;alert(1)">named entity</a>',
	'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>',
	'<a href="command:workbench.action.terminal.new">cmd</a>',
	'<a href="COMMAND:workbench.extensions.installExtension?%5B%22evil.ext%22%5D">cmd upper</a>',
	'<a href="vscode://vscode.git/clone?url=-x">vscode</a>',
	'<a href="vbscript:msgbox(1)">vb</a>',
	'<a href="data:text/html,<script>alert(1)</script>">data</a>',
	'<a href="file:///etc/passwd">file</a>',
	'[md js](javascript:alert(1)) [md cmd](command:workbench.action.terminal.new) [md data](data:text/html;base64,PHNjcmlwdD4=)',
	'[entity](&#x6A;avascript:alert(1))',
	'![img](http://127.0.0.2/track.png) ![data](data:image/png;base64,iVBORw0KGgo=)',
	'<img src="http://127.0.0.2/t.png"><img src="data:image/svg+xml,<svg onload=alert(1)>">',
	'<svg><script>window.__pwn=1</script><circle onload="alert(1)"/></svg>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<style>body{background:url(https://127.0.0.2/x)}</style><p style="background:url(https://127.0.0.2/y)">styled</p>',
	'<iframe src="https://127.0.0.2/"></iframe><iframe srcdoc="<script>parent.__pwn=1</script>"></iframe>',
	'<link rel=prefetch href="https://127.0.0.2/p"><link rel=dns-prefetch href="//127.0.0.2">',
	'<base href="https://127.0.0.2/">',
	'<form action="https://127.0.0.2/"><input name=x><button formaction="javascript:alert(1)">go</button></form>',
	'<object data="x"></object><embed src="x"><video src=x onerror=alert(1)></video><audio src=x></audio>',
	'<meta http-equiv="refresh" content="0;url=https://127.0.0.2/">',
	'<template><img src=x onerror=alert(1)></template><noscript><img src=x onerror=alert(1)></noscript>',
	'<a id="root" name="host">clobber</a><img name="getElementById">',
	'<details open ontoggle="window.__pwn=1"><summary>s</summary>d</details>',
	'<a href="https://example.com/" target="_blank" ping="https://127.0.0.2/">ok link</a> <a href="/acme/rocket/issues/1">rel</a> <a href="#x">frag</a> <a href="mailto:a@b.c">mail</a>',
];

const FORBIDDEN_TAGS = ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'meta', 'link',
	'base', 'svg', 'math', 'video', 'audio', 'source', 'template', 'noscript'];
const LINK_SCHEMES = ['http:', 'https:', 'mailto:'];

/** Asserts that a sanitised fragment holds nothing forbidden (tags, attributes, schemes). */
function assertInert(window: JSDOM['window'], fragment: DocumentFragment, input: string): void {
	const holder = window.document.createElement('div');
	holder.append(fragment);
	for (const e of holder.querySelectorAll('*')) {
		const tag = e.tagName.toLowerCase();
		assert.ok(!FORBIDDEN_TAGS.includes(tag), `${tag} survived in ${input}`);
		assert.ok(ALLOWED_TAGS.includes(tag), `${tag} is not allowlisted (${input})`);
		for (const a of e.getAttributeNames()) {
			assert.ok(!/^on/i.test(a) && !['style', 'srcdoc', 'formaction', 'xlink:href', 'id', 'name', 'class', 'ping', 'target'].includes(a), `${tag}[${a}] survived in ${input}`);
		}
		const href = e.getAttribute('href');
		if (href !== null) {
			const url = new URL(href, 'https://github.com/acme/rocket/discussions/1');
			assert.ok(LINK_SCHEMES.includes(url.protocol), `href ${href} survived in ${input}`);
		}
		const src = e.getAttribute('src');
		if (src !== null) assert.equal(new URL(src).protocol, 'https:', `src ${src} survived in ${input}`);
	}
}

describe('thread body sanitiser (DOMPurify in jsdom)', () => {
	let dom: JSDOM;
	let sanitizer: Sanitizer;

	before(() => {
		dom = new JSDOM('<!DOCTYPE html><div id="root"></div>');
		sanitizer = createSanitizer(createDOMPurify, dom.window as unknown as WindowLike);
	});

	for (const input of HOSTILE) {
		it(`renders inert: ${input.slice(0, 60)}`, () => {
			assertInert(dom.window, sanitizer.html(input), input);
			assertInert(dom.window, sanitizer.markdown(input), input);
		});
	}

	it('keeps ordinary GitHub markup and safe links', () => {
		const holder = dom.window.document.createElement('div');
		holder.append(sanitizer.html(HOSTILE.at(-1)!), sanitizer.markdown('# Title\n\n**bold** `code`\n\n- a\n- b\n\n![ok](https://camo.githubusercontent.com/x.png)'));
		assert.deepEqual([...holder.querySelectorAll('a')].map(a => a.getAttribute('href')), ['https://example.com/', '/acme/rocket/issues/1', '#x', 'mailto:a@b.c']);
		assert.ok(holder.querySelector('h1') && holder.querySelector('strong') && holder.querySelector('code') && holder.querySelectorAll('li').length === 2);
		const img = holder.querySelector('img')!;
		assert.equal(img.getAttribute('src'), 'https://camo.githubusercontent.com/x.png');
		assert.equal(img.getAttribute('referrerpolicy'), 'no-referrer');
	});

	it('keeps the text of a dropped link and drops non-https images entirely', () => {
		const holder = dom.window.document.createElement('div');
		holder.append(sanitizer.html('<a href="command:x">click me</a><img src="http://127.0.0.2/t.png" alt="t">'));
		assert.equal(holder.textContent, 'click me');
		assert.equal(holder.querySelector('a')!.hasAttribute('href'), false);
		assert.equal(holder.querySelector('img')!.hasAttribute('src'), false);
	});

	it('keeps images only from the image hosts of GitHub, or from hosts the panel allows (W9)', () => {
		const html = '<img src="https://tracker.example/pixel.png" alt="t"><img src="https://user-images.githubusercontent.com/1/a.png">'
			+ '<img src="https://github.com/acme/rocket/assets/1/b.png"><img src="https://ghe.corp.example/storage/c.png">';
		const srcs = (s: Sanitizer) => {
			const holder = dom.window.document.createElement('div');
			holder.append(s.html(html), s.markdown('![md](https://tracker.example/md.png)'));
			return [...holder.querySelectorAll('img')].map(i => i.getAttribute('src'));
		};
		assert.deepEqual(srcs(sanitizer), [null, 'https://user-images.githubusercontent.com/1/a.png', 'https://github.com/acme/rocket/assets/1/b.png', null, null]);
		const ghes = createSanitizer(createDOMPurify, dom.window as unknown as WindowLike, { imageHostAllowed: h => isGitHubImageHost(h) || h === 'ghe.corp.example' });
		assert.deepEqual(srcs(ghes), [null, 'https://user-images.githubusercontent.com/1/a.png', 'https://github.com/acme/rocket/assets/1/b.png', 'https://ghe.corp.example/storage/c.png', null]);
		assert.equal(isGitHubImageHost('evilgithubusercontent.com'), false);
	});

	it('never runs script while sanitising', () => {
		for (const input of HOSTILE) sanitizer.html(input);
		assert.equal((dom.window as unknown as { __pwn?: number }).__pwn, undefined);
	});
});
