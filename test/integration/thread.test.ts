// The thread panel inside a real extension host, against the GitHub sandbox (demo size).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommunityDeskApi } from '../../src/extension';
import type { ModerationChange } from '../../src/core/moderation';
import type { GitHubClient } from '../../src/github/client';
import type { ThreadSnapshot } from '../../src/shared/threadProtocol';
import { panelOptions } from '../../src/webviews/page';
import { THREAD_VIEW_TYPE, ThreadPanels } from '../../src/webviews/threadPanel';
import { eventually, EXTENSION_ID, sandboxUrl } from './helpers';

async function control(path: string, body?: unknown, method = 'POST'): Promise<void> {
	const res = await fetch(`${sandboxUrl}/_sandbox/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	assert.ok(res.ok, `sandbox control ${path}: ${res.status}`);
}

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
		api.container.threads.closeAll();
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
		assert.equal(panelOptions(api.container.context.extensionUri).retainContextWhenHidden, false);
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

	describe('moderation from the panel', () => {
		const target = () => ({ host: api.container.config.serverOrDefault().host, owner: 'acme', repo: 'rocket', kind: 'issue' as const, number: issue });

		afterEach(async () => {
			await control('faults', undefined, 'DELETE');
		});

		it('offers what the permissions allow, shows the change at once, and refetches once GitHub confirms', async () => {
			const panel = api.container.threads.open(target());
			await panel.load();
			assert.deepEqual(panel.current.thread?.actions, ['labels', 'assign', 'close', 'lock'], 'mona owns acme/rocket; the issue is open and unlocked');
			const seen: (ThreadSnapshot['thread'] | undefined)[] = [];
			const listener = api.container.moderation.onDidChange((c: ModerationChange) => { if (c.phase === 'optimistic') seen.push(panel.current.thread); });
			try {
				const outcome = await panel.moderate({ action: 'lock' }, { lockReason: 'TOO_HEATED', confirmed: true });
				assert.deepEqual([outcome?.cancelled, outcome?.applied.length, outcome?.failed], [false, 1, []]);
			} finally {
				listener.dispose();
			}
			assert.deepEqual(seen.map(t => [t?.locked, t?.pending]), [[true, 'lock']], 'locked at once, marked as on its way');
			const after = panel.current.thread!;
			assert.deepEqual([after.locked, after.lockReason, after.pending, after.actions?.includes('unlock')], [true, 'TOO_HEATED', undefined, true], 'refetched from GitHub');
			assert.equal(after.canReply, true, 'a maintainer may still reply to a locked thread');
			assert.equal(panel.current.running, undefined);
			await panel.moderate({ action: 'unlock' }, { confirmed: true });
			assert.equal(panel.current.thread?.locked, false);
		});

		it('lets a maintainer reply to a locked thread through the panel', async () => {
			const panel = api.container.threads.open(target());
			await panel.load();
			await panel.moderate({ action: 'lock' }, { lockReason: 'RESOLVED', confirmed: true });
			try {
				assert.equal(panel.current.thread?.locked, true);
				const text = `Locked-thread reply ${Date.now()}`;
				await panel.receive({ kind: 'command', method: 'reply/send', params: { replyToId: null, body: text, updatedAt: Date.now() } });
				const onGitHub = await api.container.client.getThread({ owner: 'acme', name: 'rocket' }, 'issue', issue);
				assert.equal(onGitHub.comments.filter(c => c.body === text).length, 1);
			} finally {
				await panel.moderate({ action: 'unlock' }, { confirmed: true });
			}
		});

		it('undoes the change with a message when GitHub refuses it', async () => {
			const panel = api.container.threads.open(target());
			await panel.load();
			await control('faults', { mode: 'graphqlError', mutation: 'closeIssue', type: 'FORBIDDEN', message: 'Resource not accessible by integration' });
			const outcome = await panel.moderate({ action: 'close' }, { reason: 'NOT_PLANNED', confirmed: true });
			assert.equal(outcome?.failed.length, 1);
			const t = panel.current.thread!;
			assert.deepEqual([t.state, t.pending, t.actions?.includes('close')], ['OPEN', undefined, true], 'rolled back');
			assert.ok(panel.current.notice && panel.current.notice.length > 0, 'a message in the panel');
			const onGitHub = await api.container.client.getThread({ owner: 'acme', name: 'rocket' }, 'issue', issue);
			assert.equal(onGitHub.state, 'OPEN');
		});

		it('hides and unhides a discussion comment, and refuses what is not offered or not in this thread', async () => {
			const host = api.container.config.serverOrDefault().host;
			const panel = api.container.threads.open({ host, owner: 'acme', repo: 'rocket', kind: 'discussion', number: discussion });
			await panel.load();
			const c = panel.current.thread!.comments.find(x => !x.isMinimized)!;
			assert.ok(c.actions?.includes('hide'), JSON.stringify(c.actions));
			assert.equal(await panel.moderate({ action: 'unhide', commentId: c.id }), undefined, 'not offered for a visible comment');
			assert.equal(await panel.moderate({ action: 'hide', commentId: 'DC_not_in_this_thread' }), undefined);
			assert.equal(await panel.moderate({ action: 'assign' }), undefined, 'discussions have no assignees');
			await panel.receive({ kind: 'command', method: 'moderation/run', params: { action: 'delete' } });
			await panel.moderate({ action: 'hide', commentId: c.id }, { classifier: 'OFF_TOPIC', confirmed: true });
			const hidden = panel.current.thread!.comments.find(x => x.id === c.id)!;
			assert.deepEqual([hidden.isMinimized, hidden.minimizedReason, hidden.actions?.includes('unhide'), hidden.actions?.includes('hide')], [true, 'off-topic', true, false]);
			await panel.moderate({ action: 'unhide', commentId: c.id }, { confirmed: true });
			assert.equal(panel.current.thread!.comments.find(x => x.id === c.id)!.isMinimized, false);
		});
	});

	it('loads comments past the first page on "Load more"', async () => {
		let found: { repo: string; number: number } | undefined;
		for (const name of ['rocket', 'rocket-docs']) {
			const page = await api.container.client.listIssues({ owner: 'acme', name }, { kind: 'filter', filter: { states: ['OPEN', 'CLOSED'], orderBy: 'COMMENTS' } }, { first: 1 });
			const top = page.items[0];
			if (top && top.commentCount > 100) found = { repo: name, number: top.number };
			if (found) break;
		}
		assert.ok(found, 'the demo data has an issue with more than 100 comments');
		const host = api.container.config.serverOrDefault().host;
		const panel = api.container.threads.open({ host, owner: 'acme', repo: found.repo, kind: 'issue', number: found.number });
		await panel.load();
		const first = panel.current.thread!;
		assert.deepEqual([first.comments.length, first.hasMoreComments], [100, true]);
		await panel.receive({ kind: 'command', method: 'comments/loadMore', params: { replyToId: null } });
		const more = panel.current.thread!;
		assert.equal(more.comments.length, Math.min(200, first.commentCount));
		assert.equal(new Set(more.comments.map(c => c.id)).size, more.comments.length);
		assert.equal(more.hasMoreComments, first.commentCount > 200);
		await panel.load(true, true);
		assert.equal(panel.current.thread!.comments.length, more.comments.length, 'a refetch keeps the loaded pages');
	});

	it('opens the thread as a read-only Markdown text document', async () => {
		const host = api.container.config.serverOrDefault().host;
		const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('communityDesk.thread.openAsText', { host, owner: 'acme', repo: 'rocket', kind: 'discussion', number: discussion });
		assert.ok(editor, 'an editor');
		const doc = editor.document;
		assert.equal(doc.uri.scheme, 'communityDesk-thread');
		assert.equal(doc.languageId, 'markdown');
		const thread = await api.container.client.getThread({ owner: 'acme', name: 'rocket' }, 'discussion', discussion);
		assert.match(doc.getText(), new RegExp(`^# Discussion ${discussion}: `));
		assert.ok(doc.getText().includes(thread.comments[0]!.body.split('\n')[0]!), 'the first comment is there');
		const before = doc.getText();
		await vscode.window.showTextDocument(doc);
		await vscode.commands.executeCommand('type', { text: 'tampered' });
		assert.equal(doc.getText(), before, 'typing changes nothing: the editor is read-only');
		assert.equal(doc.isDirty, false);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	it('reopens an unchanged thread from the body LRU with no request, and fetches it again after a reply', async () => {
		const repo = { owner: 'acme', name: 'rocket' };
		const host = api.container.config.serverOrDefault().host;
		const pick = (await api.container.client.listIssues(repo, { kind: 'filter', filter: {} }, { first: 3 })).items.at(-1)!;
		const ref = { repo, kind: 'issue' as const, number: pick.number };
		await api.container.sync.repo(repo);
		await eventually(() => api.container.sync.freshness(ref), f => f !== undefined, 'the index knows the issue', { timeoutMs: 60_000, intervalMs: 250 });
		const target = { host, owner: 'acme', repo: 'rocket', kind: 'issue' as const, number: pick.number };
		// Requests for the first page of an issue thread since a mark in the sandbox's log.
		const log = async (since: number) => (await (await fetch(`${sandboxUrl}/_sandbox/log?since=${since}`)).json() as { entries: { seq: number; operationName: string | null }[] }).entries;
		const mark = async () => (await log(0)).at(-1)?.seq ?? 0;
		const threadRequests = async (since: number) => (await log(since)).filter(e => e.operationName === 'IssueThread').length;

		const start = await mark();
		const first = api.container.threads.open(target);
		await first.load();
		assert.equal(first.current.status, 'ready', first.current.error);
		first.dispose();
		const again = api.container.threads.open(target);
		await again.load();
		assert.equal(again.current.thread?.number, pick.number);
		assert.equal(await threadRequests(start), 1, 'opened twice, fetched once');
		const thread = again.current.thread!;
		again.dispose();

		// A reply from this extension (bulk replies send theirs the same way: through the panels' reply service).
		const text = `Body LRU reply ${Date.now()}`;
		const box = { host, repo: 'acme/rocket', kind: 'issue' as const, number: pick.number };
		const entry = await api.container.threads.replies.send(box, { repo, kind: 'issue', number: pick.number, id: thread.id }, text, Date.now());
		assert.equal(entry?.state, 'sent');
		const afterReply = await mark();
		const third = api.container.threads.open(target);
		await third.load();
		assert.equal(await threadRequests(afterReply), 1, 'the next open fetched again');
		assert.equal(third.current.thread?.comments.filter(c => c.body === text).length, 1);
	});

	it('stops the reply service when the panels are disposed (deactivation)', async () => {
		const store = new Map<string, unknown>();
		let posts = 0;
		let looks = 0;
		// Only the reply service's two calls exist: no panel is opened here.
		const client = {
			addComment: async () => { posts++; return { id: 'C', url: 'u', createdAt: new Date().toISOString(), author: 'mona', body: 'x' }; },
			findComment: async () => { looks++; return undefined; },
		} as unknown as GitHubClient;
		const panels = new ThreadPanels({
			extensionUri: api.container.context.extensionUri, client, logger: api.container.logger, host: () => 'example.test',
			storage: { get: <T>(k: string) => store.get(k) as T | undefined, update: async (k, v) => { store.set(k, v); } },
		});
		let fired = 0;
		panels.replies.onDidChange(() => fired++);
		const box = { host: 'example.test', repo: 'acme/rocket', kind: 'issue' as const, number: 1 };
		await panels.replies.send(box, { repo: { owner: 'acme', name: 'rocket' }, kind: 'issue', number: 1, id: 'I_1' }, 'before', 1);
		assert.ok(fired > 0 && posts === 1);
		panels.dispose();
		fired = 0;
		await panels.replies.send(box, { repo: { owner: 'acme', name: 'rocket' }, kind: 'issue', number: 1, id: 'I_1' }, 'after', 2);
		assert.equal(fired, 0, 'no listener is called after dispose');
		const unknown = panels.replies.entries()[0]!;
		store.set('communityDesk.outbox', [{ ...unknown, state: 'unknown' }]);
		await panels.replies.reconcile(unknown.uuid);
		assert.equal(looks, 0, 'no look-up runs after dispose');
	});
});
