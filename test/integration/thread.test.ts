// The thread panel inside a real extension host, against the GitHub sandbox (demo size).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommunityDeskApi } from '../../src/extension';
import { THREAD_VIEW_TYPE, threadPanelOptions } from '../../src/webviews/threadPanel';
import { eventually, EXTENSION_ID } from './helpers';

describe('Thread panel', () => {
	let api: CommunityDeskApi;
	let discussion: number;
	let issue: number;

	before(async () => {
		api = await vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID)!.activate();
		const repo = { owner: 'acme', name: 'rocket' };
		discussion = (await api.container.client.listDiscussions(repo, { first: 1 })).items[0]!.number;
		issue = (await api.container.client.listIssues(repo, { kind: 'filter', filter: {} }, { first: 1 })).items[0]!.number;
	});

	afterEach(() => {
		api.container.threads.dispose();
	});

	it('opens a discussion from owner/repo#N in a panel with the required CSP and options', async () => {
		await vscode.commands.executeCommand('communityDesk.thread.open', `acme/rocket#${discussion}`);
		const host = api.container.config.serverOrDefault().host;
		const target = { host, owner: 'acme', repo: 'rocket', kind: 'discussion' as const, number: discussion };
		const panel = await eventually(() => api.container.threads.get(target), p => p !== undefined, 'no panel opened', { intervalMs: 100 });
		const { webview } = panel!.panel;
		assert.equal(panel!.panel.viewType, THREAD_VIEW_TYPE);
		const csp = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(webview.html)?.[1]?.replace(/&#39;/g, '\'');
		assert.ok(csp, 'the CSP meta comes first in head');
		assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/]{22}=='/);
		const src = webview.cspSource;
		assert.equal(csp.replace(/nonce-[^']+/, 'nonce-N'),
			`default-src 'none'; img-src ${src} https: data:; style-src ${src}; font-src ${src}; script-src 'nonce-N'; base-uri 'none'; form-action 'none'`);
		assert.equal(webview.options.enableScripts, true);
		assert.notEqual(webview.options.enableCommandUris, true);
		assert.equal(webview.options.enableForms, false);
		const roots = (webview.options.localResourceRoots ?? []).map(u => u.path.replace(/.*\//, '')).sort();
		assert.deepEqual(roots, ['dist', 'media']);
		assert.equal(threadPanelOptions(api.container.context.extensionUri).retainContextWhenHidden, false);
		await panel!.load();
		assert.equal(panel!.current.status, 'ready', panel!.current.error);
		assert.equal(panel!.current.thread?.number, discussion);
		assert.match(panel!.panel.title, new RegExp(`^#${discussion} `));
	});

	it('reuses one panel per thread', async () => {
		const host = api.container.config.serverOrDefault().host;
		const target = { host, owner: 'acme', repo: 'rocket', kind: 'issue' as const, number: issue };
		await vscode.commands.executeCommand('communityDesk.thread.open', `http://${host}/acme/rocket/issues/${issue}`);
		const first = await eventually(() => api.container.threads.get(target), p => p !== undefined, 'no panel', { intervalMs: 100 });
		await vscode.commands.executeCommand('communityDesk.thread.open', `acme/rocket#${issue}`);
		assert.equal(api.container.threads.get(target), first);
	});

	it('rejects bad input without opening anything', async () => {
		assert.equal(api.container.threads.size, 0);
		await vscode.commands.executeCommand('communityDesk.thread.open', 'command:workbench.action.terminal.new');
		await vscode.commands.executeCommand('communityDesk.thread.open', 'https://elsewhere.example/acme/rocket/issues/1');
		await vscode.commands.executeCommand('communityDesk.thread.open', '#0');
		assert.equal(api.container.threads.size, 0);
	});

	it('revives a panel from {host, owner, repo, kind, number} alone and refuses anything else', async () => {
		const host = api.container.config.serverOrDefault().host;
		const state = { host, owner: 'acme', repo: 'rocket', kind: 'discussion' as const, number: discussion };
		const panel = vscode.window.createWebviewPanel(THREAD_VIEW_TYPE, 'restored', vscode.ViewColumn.Active, {});
		await api.container.threads.serializer().deserializeWebviewPanel(panel, state);
		const revived = api.container.threads.get(state);
		assert.ok(revived, 'revived');
		assert.equal(revived.panel, panel);
		assert.equal(revived.panel.webview.options.enableScripts, true);
		assert.equal(revived.panel.webview.options.enableCommandUris, false);
		await revived.load();
		assert.equal(revived.current.thread?.number, discussion);

		const junk = vscode.window.createWebviewPanel(THREAD_VIEW_TYPE, 'junk', vscode.ViewColumn.Active, {});
		let disposed = false;
		junk.onDidDispose(() => { disposed = true; });
		await api.container.threads.serializer().deserializeWebviewPanel(junk, { ...state, number: 'x' });
		assert.equal(disposed, true);
	});

	it('sends a reply through the panel\'s host handler: it lands on GitHub once, and a foreign target is dropped', async () => {
		const host = api.container.config.serverOrDefault().host;
		const target = { host, owner: 'acme', repo: 'rocket', kind: 'discussion' as const, number: discussion };
		const panel = api.container.threads.open(target);
		await panel.load();
		const thread = panel.current.thread!;
		const text = `Host test reply ${Date.now()}`;
		await panel.receive({ kind: 'command', method: 'reply/send', params: { replyToId: 'DC_not_in_this_thread', body: 'foreign', updatedAt: 1 } });
		await panel.receive({ kind: 'command', method: 'reply/send', params: { replyToId: null, body: text, updatedAt: Date.now() } });
		const box = { host, repo: 'acme/rocket', kind: 'discussion' as const, number: discussion };
		assert.equal(api.container.threads.replies.latest(box)?.state, 'sent');
		const after = await api.container.client.getThread({ owner: 'acme', name: 'rocket' }, 'discussion', discussion);
		assert.equal(after.comments.filter(c => c.body === text).length, 1);
		assert.equal(after.comments.some(c => c.body === 'foreign'), false);
		assert.equal(after.commentCount, thread.commentCount + 1);
		await eventually(() => panel.current.thread?.comments.some(c => c.body === text), ok => ok === true, 'the panel shows the reply', { intervalMs: 100 });
	});

	it('restores a draft saved in workspaceState when the thread is opened again', async () => {
		const host = api.container.config.serverOrDefault().host;
		const target = { host, owner: 'acme', repo: 'rocket', kind: 'issue' as const, number: issue };
		const first = api.container.threads.open(target);
		await first.load();
		const text = `Draft ${Date.now()}`;
		await first.receive({ kind: 'command', method: 'draft/save', params: { replyToId: null, body: text, updatedAt: Date.now() } });
		first.dispose();
		const stored = api.container.context.workspaceState.get<Record<string, { body: string }>>('communityDesk.drafts') ?? {};
		assert.ok(Object.values(stored).some(d => d.body === text), 'the draft is in workspaceState');
		const again = api.container.threads.open(target);
		await again.load();
		assert.deepEqual(again.replySnapshot().drafts.map(d => [d.replyToId, d.body]), [[null, text]]);
		await again.receive({ kind: 'command', method: 'draft/save', params: { replyToId: null, body: '', updatedAt: Date.now() } });
		assert.deepEqual(again.replySnapshot().drafts, []);
	});
});
