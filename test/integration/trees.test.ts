// The Discussions and Issues trees inside a real extension host, filled from the GitHub sandbox
// (demo size). Also the bad-input paths a new user meets: a wrong repository name, an unknown
// repository, a revoked token, an unreachable API, signing out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommunityDeskApi } from '../../src/extension';
import { child, eventually, EXTENSION_ID, labels, sandboxToken, sandboxUrl } from './helpers';

async function control(path: string, body: unknown): Promise<void> {
	const res = await fetch(`${sandboxUrl}/_sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	assert.ok(res.ok, `sandbox control ${path}: ${res.status}`);
}

describe('Browse trees against the sandbox', () => {
	let api: CommunityDeskApi;

	before(async () => {
		const ext = vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID);
		assert.ok(ext);
		api = await ext.activate();
		assert.ok(sandboxUrl && sandboxToken, 'start through the harness launcher');
	});

	it('lists acme/rocket with its categories and discussions', async () => {
		const tree = api.container.discussions;
		const roots = await labels(tree);
		assert.ok(roots.includes('acme/rocket') && roots.includes('acme/rocket-docs'), JSON.stringify(roots));
		const repo = await child(tree, undefined, /^acme\/rocket$/);
		const categories = await labels(tree, repo);
		assert.ok(categories.some(c => /Q&A$/.test(c)), JSON.stringify(categories));
		assert.ok(categories.some(c => /Announcements$/.test(c)), JSON.stringify(categories));
		const qa = await child(tree, repo, /Q&A$/);
		assert.equal(tree.getTreeItem(qa).contextValue, 'category:answerable');
		const discussions = await tree.getChildren(qa);
		const first = tree.getTreeItem(discussions[0]!);
		assert.match(String(first.label), /^#\d+ /);
		assert.match(String(first.contextValue), /^discussion:(open|closed):(answered|unanswered)/);
		const tooltip = first.tooltip as vscode.MarkdownString;
		assert.equal(tooltip.isTrusted, false);
		assert.ok(first.accessibilityInformation?.label.startsWith('Discussion '));
	});

	it('pages with "Load more" without repeating items', async () => {
		const tree = api.container.discussions;
		await vscode.workspace.getConfiguration('communityDesk').update('tree.pageSize', 5, vscode.ConfigurationTarget.Global);
		try {
			tree.refresh();
			const repo = await child(tree, undefined, /^acme\/rocket$/);
			const general = await child(tree, repo, /General$/);
			const firstPage = await tree.getChildren(general);
			assert.equal(firstPage.length, 6, 'five discussions and a Load more row');
			const more = firstPage[5]!;
			assert.equal(tree.getTreeItem(more).command?.command, 'communityDesk.tree.loadMore');
			await vscode.commands.executeCommand('communityDesk.tree.loadMore', ...(tree.getTreeItem(more).command?.arguments ?? []));
			const twoPages = (await tree.getChildren(general)).map(n => String(tree.getTreeItem(n).label)).filter(l => l.startsWith('#'));
			assert.equal(twoPages.length, 10);
			assert.equal(new Set(twoPages).size, 10);
		} finally {
			await vscode.workspace.getConfiguration('communityDesk').update('tree.pageSize', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('lists issue queries and their issues with labels', async () => {
		const tree = api.container.issues;
		tree.refresh();
		const repo = await child(tree, undefined, /^acme\/rocket$/);
		assert.deepEqual((await labels(tree, repo)).slice(0, 4), ['Open', 'Assigned to me', 'Mentioning me', 'Recently updated']);
		const open = await child(tree, repo, /^Open$/);
		const issues = await tree.getChildren(open);
		assert.ok(issues.length > 1);
		const item = tree.getTreeItem(issues[0]!);
		assert.match(String(item.label), /^#\d+ /);
		assert.equal(item.contextValue, 'issue:open');
		const withLabels = issues.map(i => tree.getTreeItem(i)).filter(i => ((i.tooltip as vscode.MarkdownString).value ?? '').includes('Labels:'));
		assert.ok(withLabels.length > 0, 'some open issue shows its labels');
	});

	it('runs a user-defined search query with ${user}', async () => {
		const tree = api.container.issues;
		await vscode.workspace.getConfiguration('communityDesk').update('issueQueries', [{ label: 'Mine', query: 'is:open author:${user}' }, { label: 'Broken' }], vscode.ConfigurationTarget.Global);
		try {
			const repo = await eventually(() => child(tree, undefined, /^acme\/rocket$/), () => true, 'repo');
			const queries = await eventually(() => labels(tree, repo), l => l.includes('Mine'), 'custom query shown');
			assert.ok(queries.some(q => /issueQueries\[1\]/.test(q)), 'the malformed entry is reported');
			const mine = await child(tree, repo, /^Mine$/);
			const rows = await tree.getChildren(mine);
			assert.ok(rows.length >= 1);
		} finally {
			await vscode.workspace.getConfiguration('communityDesk').update('issueQueries', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('rejects a malformed or unknown repository name and changes nothing', async () => {
		const before = vscode.workspace.getConfiguration('communityDesk').get<string[]>('repositories');
		await vscode.commands.executeCommand('communityDesk.repositories.add', 'not a repo');
		await vscode.commands.executeCommand('communityDesk.repositories.add', 'acme/does-not-exist');
		assert.deepEqual(vscode.workspace.getConfiguration('communityDesk').get<string[]>('repositories'), before);
	});

	it('explains a revoked token and recovers when it is restored', async () => {
		const tree = api.container.discussions;
		await control('tokens/revoke', { token: sandboxToken });
		try {
			// The tree renders from the local copy without asking GitHub; the refresh button's sync meets the revoked token.
			await vscode.commands.executeCommand('communityDesk.discussions.refresh');
			const repo = await child(tree, undefined, /^acme\/rocket$/);
			const rows = await labels(tree, repo);
			assert.ok(rows.some(r => /rejected the token/.test(r)), JSON.stringify(rows));
		} finally {
			await control('tokens/restore', { token: sandboxToken });
		}
		tree.refresh();
		const repo = await child(tree, undefined, /^acme\/rocket$/);
		assert.ok((await labels(tree, repo)).some(c => /Q&A$/.test(c)));
	});

	it('explains an unreachable API', async () => {
		const config = vscode.workspace.getConfiguration('communityDesk');
		const original = config.inspect<string>('github.serverUrl')?.globalValue;
		await config.update('github.serverUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
		try {
			const tree = api.container.discussions;
			const rows = await eventually(async () => {
				tree.refresh();
				const roots = await tree.getChildren();
				if (roots.length === 0) return ['(signed out)'];
				return labels(tree, roots[0]);
			}, r => r.some(x => /Cannot reach GitHub/.test(x)), 'network error row');
			assert.ok(rows.length >= 1);
		} finally {
			await config.update('github.serverUrl', original, vscode.ConfigurationTarget.Global);
		}
	});

	it('shows nothing (the "Add Repository" welcome) without repositories', async () => {
		const config = vscode.workspace.getConfiguration('communityDesk');
		const original = config.inspect<string[]>('repositories')?.globalValue;
		await config.update('repositories', [], vscode.ConfigurationTarget.Global);
		try {
			await eventually(() => api.container.discussions.getChildren(), r => r.length === 0, 'empty roots without repositories');
		} finally {
			await config.update('repositories', original, vscode.ConfigurationTarget.Global);
		}
		await eventually(() => labels(api.container.discussions), r => r.includes('acme/rocket'), 'roots restored');
	});

	it('reports an invalid server URL instead of sending the token elsewhere', async () => {
		const config = vscode.workspace.getConfiguration('communityDesk');
		const original = config.inspect<string>('github.serverUrl')?.globalValue;
		await config.update('github.serverUrl', 'http://github.example.com', vscode.ConfigurationTarget.Global);
		try {
			const tree = api.container.discussions;
			const rows = await eventually(async () => { tree.refresh(); return labels(tree); }, r => r.some(x => /must use https/.test(x)), 'server URL error row');
			assert.equal(rows.length, 1);
		} finally {
			await config.update('github.serverUrl', original, vscode.ConfigurationTarget.Global);
		}
	});

	it('shows nothing (the welcome view) when signed out, and the tree again after a token sign-in', async () => {
		const tree = api.container.discussions;
		await vscode.commands.executeCommand('communityDesk.auth.signOut');
		await eventually(() => tree.getChildren(), r => r.length === 0, 'empty roots after sign-out');
		await api.container.auth.storeToken(sandboxToken);
		const roots = await eventually(() => labels(tree), r => r.includes('acme/rocket'), 'roots after sign-in');
		assert.ok(roots.length >= 2);
	});
});
