// The sync engine and the disk cache inside a real extension host, against the GitHub sandbox (demo
// size): the trees show the same items from the local copy as GitHub lists; a new window renders
// from the disk cache without a single request (the sandbox's request log says so); a change made
// on GitHub shows after the refresh command; signing out deletes the cache partition.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CommunityDeskApi } from '../../src/extension';
import type { CommunityTree } from '../../src/views/communityTree';
import type { PagedNode } from '../../src/views/pagedNode';
import type { TreeNode } from '../../src/views/treeNode';
import { isColdSyncComplete } from '../../src/sync/repoSync';
import { child, eventually, EXTENSION_ID, sandboxToken, sandboxUrl } from './helpers';

const ROCKET = { owner: 'acme', name: 'rocket' };

interface LogEntry { seq: number; kind: string; operationName: string | null; method: string; path: string; cost: number }

/** Every item number under a paged node, pressing "Load more" until the end. */
async function allNumbers(tree: CommunityTree, node: TreeNode): Promise<number[]> {
	for (let i = 0; i < 50; i++) {
		const rows = await tree.getChildren(node);
		const more = rows.find(r => tree.getTreeItem(r).command?.command === 'communityDesk.tree.loadMore');
		if (!more) return rows.map(r => /^#(\d+) /.exec(String(tree.getTreeItem(r).label))?.[1]).filter((n): n is string => !!n).map(Number);
		await (node as PagedNode<unknown>).loadMore();
	}
	assert.fail('too many pages');
}

async function sandboxLog(since = 0): Promise<LogEntry[]> {
	const res = await fetch(`${sandboxUrl}/_sandbox/log?since=${since}`);
	assert.ok(res.ok, `sandbox log: ${res.status}`);
	return ((await res.json()) as { entries: LogEntry[] }).entries;
}

/** The sequence number of the last logged request (the log includes control requests). */
async function logMark(): Promise<number> {
	return (await sandboxLog()).reduce((max, e) => Math.max(max, e.seq), 0);
}

/** GitHub API requests (not control calls) since a mark. */
async function apiRequestsSince(mark: number): Promise<LogEntry[]> {
	return (await sandboxLog(mark)).filter(e => e.kind !== 'control');
}

/** Runs a GraphQL document against the sandbox as mona (mutations the extension never sends). */
async function sandboxGraphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
	const res = await fetch(`${sandboxUrl}/graphql`, {
		method: 'POST', headers: { authorization: `token ${sandboxToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
	});
	const body = await res.json() as { data: T; errors?: unknown[] };
	assert.equal(body.errors, undefined, JSON.stringify(body.errors));
	return body.data;
}

async function faults(body?: unknown): Promise<void> {
	const res = await fetch(`${sandboxUrl}/_sandbox/faults`, { method: body === undefined ? 'DELETE' : 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	assert.ok(res.ok, `sandbox faults: ${res.status}`);
}

async function patchIssue(number: number, body: Record<string, unknown>): Promise<void> {
	const res = await fetch(`${sandboxUrl}/api/v3/repos/acme/rocket/issues/${number}`, {
		method: 'PATCH', headers: { authorization: `token ${sandboxToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
	});
	assert.ok(res.ok, `PATCH issue ${number}: ${res.status}`);
}

describe('Sync and the disk cache against the sandbox', function () {
	this.timeout(90_000);
	let api: CommunityDeskApi;

	before(async () => {
		const ext = vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID);
		assert.ok(ext);
		api = await ext.activate();
		assert.ok(sandboxUrl && sandboxToken, 'start through the harness launcher');
		await vscode.workspace.getConfiguration('communityDesk').update('tree.pageSize', 100, vscode.ConfigurationTarget.Global);
	});

	after(async () => {
		await vscode.workspace.getConfiguration('communityDesk').update('tree.pageSize', undefined, vscode.ConfigurationTarget.Global);
	});

	it('after a sync the trees show the same discussions and open issues as GitHub', async () => {
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
		const status = api.container.sync.status(ROCKET);
		assert.ok(status?.syncedAt !== undefined && status.error === undefined, JSON.stringify(status));
		const issues = api.container.issues;
		// A sync started by the views becoming visible may still be running: wait for the row to settle.
		const description = await eventually(async () => {
			issues.rerender();
			return String(issues.getTreeItem(await child(issues, undefined, /^acme\/rocket$/)).description);
		}, d => /synced /.test(d), 'the repository row shows its last-synced time');
		assert.match(description, /synced /);
		const repoRow = await child(issues, undefined, /^acme\/rocket$/);
		const open = await allNumbers(issues, await child(issues, repoRow, /^Open$/));
		const live: number[] = [];
		for (let after: string | undefined, i = 0; i === 0 || after; i++) {
			const page = await api.container.client.listIssues(ROCKET, { kind: 'filter', filter: { states: ['OPEN'], orderBy: 'UPDATED_AT' } }, { first: 100, after });
			live.push(...page.items.map(x => x.number));
			after = page.nextCursor;
		}
		assert.ok(open.length > 1);
		assert.deepEqual([...open].sort((a, b) => a - b), [...live].sort((a, b) => a - b), 'the same open issues');
		const discussions = api.container.discussions;
		const repo = await child(discussions, undefined, /^acme\/rocket$/);
		const categories = await discussions.getChildren(repo);
		assert.ok(categories.length >= 2);
		for (const category of categories) {
			const categoryId = (category as unknown as { category: { id: string } }).category.id;
			const fromTree = await allNumbers(discussions, category);
			const fromGitHub = (await api.container.client.listDiscussions(ROCKET, { categoryId, first: 100 })).items.map(d => d.number);
			assert.deepEqual([...fromTree].sort((a, b) => a - b), [...fromGitHub].sort((a, b) => a - b), String(discussions.getTreeItem(category).label));
		}
	});

	it('renders from the disk cache in a new window without any GitHub request', async () => {
		const dir = api.container.sync.cacheDir();
		assert.ok(dir && existsSync(dir), 'the cache partition exists');
		assert.ok(readdirSync(dir).some(f => f.includes('.items')), JSON.stringify(readdirSync(dir)));
		await api.container.sync.unload();
		api.container.refreshAll();
		const mark = await logMark();
		const discussions = api.container.discussions;
		const repo = await child(discussions, undefined, /^acme\/rocket$/);
		let rows = 0;
		for (const category of await discussions.getChildren(repo)) rows += (await allNumbers(discussions, category)).length;
		const issues = api.container.issues;
		const issueRepo = await child(issues, undefined, /^acme\/rocket$/);
		for (const query of [/^Open$/, /^Assigned to me$/, /^Recently updated$/]) rows += (await allNumbers(issues, await child(issues, issueRepo, query))).length;
		assert.ok(rows > 10, `rows rendered: ${rows}`);
		const requests = await apiRequestsSince(mark);
		assert.deepEqual(requests.map(e => e.operationName ?? `${e.method} ${e.path}`), [], 'no request on a warm start');
		console.log(`      warm start: ${rows} rows rendered, ${requests.length} GitHub requests`);
	});

	it('shows an issue closed on GitHub after the refresh command, with one request per idle repository', async () => {
		const issues = api.container.issues;
		const openNode = async () => child(issues, await child(issues, undefined, /^acme\/rocket$/), /^Open$/);
		const before = await allNumbers(issues, await openNode());
		const target = before[before.length - 1]!;
		await patchIssue(target, { state: 'closed' });
		try {
			let mark = await logMark();
			await vscode.commands.executeCommand('communityDesk.issues.refresh');
			assert.ok(!(await allNumbers(issues, await openNode())).includes(target), `#${target} is closed`);
			const changed = (await apiRequestsSince(mark)).filter(e => e.operationName?.startsWith('Sync'));
			assert.ok(changed.length <= 4, JSON.stringify(changed.map(e => e.operationName)));
			mark = await logMark();
			await vscode.commands.executeCommand('communityDesk.issues.refresh');
			const idle = (await apiRequestsSince(mark)).filter(e => e.operationName?.startsWith('Sync'));
			assert.deepEqual(idle.map(e => e.operationName), ['SyncChanges', 'SyncChanges'], 'one probe per repository');
			console.log(`      refresh after one change: ${changed.length} requests; idle refresh of two repositories: ${idle.length}`);
		} finally {
			// Reopened within the same second as the close on purpose: the refresh must still see it.
			await patchIssue(target, { state: 'open' });
			await vscode.commands.executeCommand('communityDesk.issues.refresh');
		}
		assert.ok((await allNumbers(issues, await openNode())).includes(target), `#${target} is open again`);
	});

	it('drops a discussion deleted on GitHub at the first manual refresh once the daily reconcile is due', async () => {
		const { repository } = await sandboxGraphql<{ repository: { id: string; discussionCategories: { nodes: { id: string; name: string }[] } } }>(
			'{ repository(owner: "acme", name: "rocket") { id discussionCategories(first: 10) { nodes { id name } } } }');
		const category = repository.discussionCategories.nodes.find(c => c.name === 'General')!;
		const { createDiscussion } = await sandboxGraphql<{ createDiscussion: { discussion: { id: string; number: number } } }>(
			'mutation($r: ID!, $c: ID!) { createDiscussion(input: { repositoryId: $r, categoryId: $c, title: "Soon deleted", body: "x" }) { discussion { id number } } }',
			{ r: repository.id, c: category.id });
		const { number } = createDiscussion.discussion;
		const discussions = api.container.discussions;
		const general = async () => child(discussions, await child(discussions, undefined, /^acme\/rocket$/), /General/);
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
		assert.ok((await allNumbers(discussions, await general())).includes(number), `#${number} is listed after the refresh`);

		await sandboxGraphql('mutation($id: ID!) { deleteDiscussion(input: { id: $id }) { clientMutationId } }', { id: createDiscussion.discussion.id });
		let mark = await logMark();
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
		assert.ok((await allNumbers(discussions, await general())).includes(number), 'a refresh cannot see a deletion');
		assert.ok(!(await apiRequestsSince(mark)).some(e => e.operationName?.startsWith('Reconcile')), 'not due: reconciled by the cold sync');

		// A day later (the last reconcile time lives next to the index): a restart reads it from disk.
		const metaPath = join(api.container.sync.cacheDir()!, 'meta-acme_rocket.json');
		const envelope = JSON.parse(readFileSync(metaPath, 'utf8')) as { data: { reconciledAt?: number } };
		assert.ok(envelope.data.reconciledAt, 'the cold sync recorded a reconcile');
		envelope.data.reconciledAt -= 25 * 60 * 60_000;
		writeFileSync(metaPath, JSON.stringify(envelope));
		await api.container.sync.unload();
		mark = await logMark();
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
		const reconcile = (await apiRequestsSince(mark)).map(e => e.operationName).filter(n => n?.startsWith('Reconcile'));
		assert.deepEqual(reconcile.filter(n => n === 'ReconcileCheck'), ['ReconcileCheck'], JSON.stringify(reconcile));
		assert.ok(reconcile.length <= 4, `a few pages of ids: ${JSON.stringify(reconcile)}`);
		assert.ok(!(await allNumbers(discussions, await general())).includes(number), `#${number} left the tree`);
		console.log(`      reconcile: ${reconcile.length} requests beyond the refresh`);
	});

	it('Cancel Sync stops a cold sync with no further request, and the next refresh resumes it', async () => {
		const index = async () => (await api.container.sync.repo(ROCKET)).load();
		const whole = await index();
		assert.ok(whole.commentsLoaded && isColdSyncComplete(whole));
		const expected = { items: whole.itemCount, comments: whole.commentCount };
		// A window with no cache, and a slow GitHub: a cold sync that can be stopped midway.
		const dir = api.container.sync.cacheDir()!;
		await api.container.sync.unload();
		for (const file of readdirSync(dir)) rmSync(join(dir, file), { force: true });
		await faults({ mode: 'latency', ms: 250, kind: 'graphql', times: null });
		try {
			const mark = await logMark();
			const refresh = vscode.commands.executeCommand('communityDesk.discussions.refresh');
			await eventually(async () => (await apiRequestsSince(mark)).filter(e => e.operationName?.startsWith('Sync')).length, n => n >= 2, 'the cold sync is under way', { intervalMs: 50 });
			assert.equal(api.container.sync.syncing, true);
			await vscode.commands.executeCommand('communityDesk.sync.cancel');
			await refresh;
			await eventually(() => api.container.sync.syncing, s => !s, 'no sync runs');
			const stopped = await logMark();
			await new Promise(r => setTimeout(r, 1000));
			// The trees re-render after the refresh command (e.g. the discussion categories); the sync sends nothing more.
			const synced = (await apiRequestsSince(stopped)).map(e => e.operationName).filter(n => /^(Sync|Reconcile)/.test(n ?? ''));
			assert.deepEqual(synced, [], 'no sync request after Cancel Sync');
			const partial = await index();
			assert.ok(partial.itemCount > 0 && !isColdSyncComplete(partial), `stopped midway with ${partial.itemCount} items`);
		} finally {
			await faults();
		}
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
		const resumed = await index();
		assert.ok(isColdSyncComplete(resumed), 'the refresh finished the cold sync');
		assert.deepEqual({ items: resumed.itemCount, comments: resumed.commentCount }, expected, 'nothing lost or doubled');
	});

	it('deletes the cache partition on sign-out and syncs again after sign-in', async () => {
		const dir = api.container.sync.cacheDir();
		assert.ok(dir && existsSync(dir));
		await vscode.commands.executeCommand('communityDesk.auth.signOut');
		assert.equal(existsSync(dir), false, 'the partition is gone');
		await eventually(() => api.container.discussions.getChildren(), r => r.length === 0, 'empty roots after sign-out');
		await api.container.auth.storeToken(sandboxToken);
		await eventually(async () => (await api.container.discussions.getChildren()).map(n => String(api.container.discussions.getTreeItem(n).label)), r => r.includes('acme/rocket'), 'roots after sign-in');
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
		assert.ok(existsSync(dir), 'synced again into the same partition');
	});
});
