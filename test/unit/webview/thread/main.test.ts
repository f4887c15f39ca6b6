// The shipped thread webview bundle in jsdom: it takes the VS Code API exactly once and keeps it out
// of reach of page script (security checklist W8), then talks to the host only through it.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { build } from 'esbuild';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { ThreadSnapshot, ThreadStrings } from '../../../../src/shared/threadProtocol';

const ROOT = join(__dirname, '../../../..');

describe('thread webview entry (bundled, in jsdom)', function () {
	this.timeout(30_000);
	let code: string;

	before(async () => {
		const out = await build({
			entryPoints: [join(ROOT, 'webview/thread/main.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022',
			tsconfig: join(ROOT, 'webview/tsconfig.json'), logLevel: 'silent',
		});
		code = out.outputFiles[0]!.text;
	});

	it('calls acquireVsCodeApi once, keeps the API off window, and renders a snapshot', async () => {
		// The components' adopted style sheets make jsdom complain on the console; keep its output to the test.
		const virtualConsole = new VirtualConsole();
		const uncaught: string[] = [];
		virtualConsole.on('jsdomError', e => { if (/uncaught/i.test(e.message)) uncaught.push(e.message); });
		const dom = new JSDOM('<!DOCTYPE html><html><body><div id="root"></div></body></html>', { runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole });
		const w = dom.window as unknown as Record<string, unknown> & { eval(code: string): unknown };
		const posted: { method?: string }[] = [];
		let calls = 0;
		const api = Object.freeze({ postMessage: (m: { method?: string }) => { posted.push(m); }, getState: () => undefined, setState: () => {} });
		w.acquireVsCodeApi = () => {
			calls++;
			if (calls > 1) throw new Error('An instance of the VS Code API has already been acquired');
			return api;
		};
		// jsdom's ElementInternals lacks the form-value half the VS Code Elements text area uses.
		const internals = (w.ElementInternals as { prototype: Record<string, unknown> } | undefined)?.prototype;
		for (const name of ['setFormValue', 'setValidity']) if (internals && typeof internals[name] !== 'function') internals[name] = () => {};
		const css = (w.CSS ??= {}) as { escape?: (s: string) => string };
		css.escape ??= (v: string) => v.replace(/["\\\]]/g, c => `\\${c}`);
		w.eval(code);
		const strings = new Proxy({}, { get: (_t, key) => (key === 'afterPosting' ? 'After posting: {0}' : String(key)) }) as ThreadStrings;
		const snapshot: ThreadSnapshot = {
			status: 'ready', locale: 'en', strings, now: '2024-03-04T00:00:00Z', target: { host: 'github.com', owner: 'acme', repo: 'rocket', kind: 'issue', number: 3 },
			thread: {
				kind: 'issue', repo: { owner: 'acme', name: 'rocket' }, id: 'I_3', number: 3, title: 'Rendered title', url: 'https://github.com/acme/rocket/issues/3',
				state: 'OPEN', labels: [], author: 'mona', authorAssociation: 'OWNER', createdAt: '2024-03-01T00:00:00Z', updatedAt: '2024-03-01T00:00:00Z',
				body: 'b', bodyHTML: '', locked: false, reactions: [], comments: [], commentCount: 0, hasMoreComments: false, actions: ['close'], gitHubOnly: true,
			},
		};
		dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data: { kind: 'notification', method: 'thread/didChange', params: snapshot } }));
		await new Promise(r => setTimeout(r, 50));
		assert.equal(dom.window.document.querySelector('h1 .title-text')?.textContent, 'Rendered title');
		const close = dom.window.document.querySelector('[data-action="close"]') as HTMLButtonElement;
		close.focus();
		close.click();
		// A new snapshot replaces the DOM; focus comes back to the same control, not to the page.
		dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data: { kind: 'notification', method: 'thread/didChange', params: { ...snapshot, now: '2024-03-05T00:00:00Z' } } }));
		await new Promise(r => setTimeout(r, 20));
		const again = dom.window.document.querySelector('[data-action="close"]');
		assert.notEqual(again, close, 're-rendered');
		assert.equal(dom.window.document.activeElement, again);
		assert.equal(calls, 1, 'acquireVsCodeApi is called exactly once');
		assert.deepEqual(posted.map(m => m.method).filter(m => m !== 'draft/save'), ['webview/ready', 'moderation/run']);
		// A template's actions are listed under the thread's box as text, and "Do not apply" asks the host to drop them.
		const replies = (pendingActions: string[]) => dom.window.dispatchEvent(new dom.window.MessageEvent('message', {
			data: { kind: 'notification', method: 'reply/didChange', params: { drafts: [], boxes: [], pendingActions } },
		}));
		replies(['add label <img src=x onerror="window.__pwn=1">', 'close']);
		await new Promise(r => setTimeout(r, 20));
		const pending = dom.window.document.querySelector('.reply-box:not(.inline) .reply-pending') as HTMLElement;
		assert.equal(pending.hidden, false);
		assert.equal(pending.querySelector('p')?.textContent, 'After posting: add label <img src=x onerror="window.__pwn=1">; close');
		assert.equal(pending.querySelector('img'), null, 'inert text');
		(pending.querySelector('vscode-button') as HTMLElement).click();
		assert.equal(posted.at(-1)?.method, 'reply/dropActions');
		replies([]);
		await new Promise(r => setTimeout(r, 20));
		assert.equal(pending.hidden, true);
		const holders = Object.getOwnPropertyNames(dom.window).filter(n => {
			try {
				return n !== 'acquireVsCodeApi' && w[n] === api;
			} catch {
				return false;
			}
		});
		assert.deepEqual(holders, [], 'nothing on window holds the API');
		assert.deepEqual(uncaught, []);
		dom.window.close();
	});

	it('offers a template in a comment\'s reply box and lists that box\'s waiting actions under it', async () => {
		const dom = new JSDOM('<!DOCTYPE html><html><body><div id="root"></div></body></html>', { runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole: new VirtualConsole() });
		const w = dom.window as unknown as Record<string, unknown> & { eval(code: string): unknown };
		const posted: { method?: string; params?: unknown }[] = [];
		// Messages come from the page's realm: copy them into this one to compare.
		w.acquireVsCodeApi = () => Object.freeze({ postMessage: (m: { method?: string }) => { posted.push(JSON.parse(JSON.stringify(m)) as typeof m); }, getState: () => undefined, setState: () => {} });
		const internals = (w.ElementInternals as { prototype: Record<string, unknown> } | undefined)?.prototype;
		for (const name of ['setFormValue', 'setValidity']) if (internals && typeof internals[name] !== 'function') internals[name] = () => {};
		const css = (w.CSS ??= {}) as { escape?: (s: string) => string };
		css.escape ??= (v: string) => v.replace(/["\\\]]/g, c => `\\${c}`);
		w.eval(code);
		const strings = new Proxy({}, { get: (_t, key) => (key === 'afterPosting' ? 'After posting: {0}' : key === 'replyToLabel' ? 'Reply to {0}' : String(key)) }) as ThreadStrings;
		const comment = {
			id: 'DC_1', url: 'https://github.com/acme/rocket/discussions/3#DC_1', author: 'octo', authorAssociation: 'NONE' as const, createdAt: '2024-03-02T00:00:00Z',
			body: 'q', bodyHTML: '<p>q</p>', isAnswer: false, isMinimized: false, reactions: [], replies: [], hasMoreReplies: false, actions: ['markAnswer' as const],
		};
		const snapshot: ThreadSnapshot = {
			status: 'ready', locale: 'en', strings, now: '2024-03-04T00:00:00Z', target: { host: 'github.com', owner: 'acme', repo: 'rocket', kind: 'discussion', number: 3 },
			thread: {
				kind: 'discussion', repo: { owner: 'acme', name: 'rocket' }, id: 'D_3', number: 3, title: 'Question', url: 'https://github.com/acme/rocket/discussions/3',
				state: 'OPEN', labels: [], author: 'mona', authorAssociation: 'OWNER', createdAt: '2024-03-01T00:00:00Z', updatedAt: '2024-03-01T00:00:00Z',
				body: 'b', bodyHTML: '', locked: false, reactions: [], comments: [comment], commentCount: 1, hasMoreComments: false, actions: [], gitHubOnly: true,
			},
		};
		const send = (method: string, params: unknown) => dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data: { kind: 'notification', method, params } }));
		send('thread/didChange', snapshot);
		await new Promise(r => setTimeout(r, 50));
		(dom.window.document.querySelector('[data-reply-to="DC_1"]') as HTMLElement).click();
		await new Promise(r => setTimeout(r, 20));
		const nested = dom.window.document.querySelector('section.reply-box.inline[data-reply="DC_1"]') as HTMLElement;
		assert.ok(nested, 'the comment\'s box is open');
		(nested.querySelector('[data-template="DC_1"]') as HTMLElement).click();
		assert.deepEqual(posted.at(-1), { kind: 'command', method: 'template/pick', params: { replyToId: 'DC_1' } });
		(dom.window.document.querySelector('section.reply-box[data-reply="main"] [data-template="main"]') as HTMLElement).click();
		assert.deepEqual(posted.at(-1), { kind: 'command', method: 'template/pick', params: { replyToId: null } });
		send('reply/didChange', { drafts: [{ replyToId: 'DC_1', body: 'Thanks!', updatedAt: 1 }], boxes: [], pendingActions: [], nestedActions: [{ replyToId: 'DC_1', steps: ['Mark the comment by @octo as the answer'] }] });
		await new Promise(r => setTimeout(r, 20));
		const pending = dom.window.document.querySelector('section.reply-box.inline[data-reply="DC_1"] .reply-pending') as HTMLElement;
		assert.equal(pending.hidden, false);
		assert.equal(pending.querySelector('p')?.textContent, 'After posting: Mark the comment by @octo as the answer');
		assert.equal((dom.window.document.querySelector('section.reply-box[data-reply="main"] .reply-pending') as HTMLElement).hidden, true, 'the thread\'s box has none');
		(pending.querySelector('vscode-button') as HTMLElement).click();
		assert.deepEqual(posted.at(-1), { kind: 'command', method: 'reply/dropActions', params: { replyToId: 'DC_1' } });
		dom.window.close();
	});
});
