// Saved-reply templates inside a real extension host, against the GitHub sandbox: the starter set is
// copied into the fixture workspace (and removed afterwards), every source is listed, and a template
// is rendered from a sandbox thread into the thread panel's reply box as a draft (nothing is posted), and
// a template's actions (a label, close as not planned) run once after its reply is posted and confirmed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StarterSetResult } from '../../src/commands/starterTemplates';
import { contextValues, promptsOf, renderTemplate } from '../../src/core/templates';
import type { CommunityDeskApi } from '../../src/extension';
import { PERSONAL_TEMPLATE_DIR } from '../../src/platform/templateSources';
import { eventually, EXTENSION_ID } from './helpers';

const EXISTING = '---\ntitle: Our own duplicate text\nappliesTo: issue\n---\nKeep me, {{author}}.\n';

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

describe('Saved-reply templates', () => {
	let api: CommunityDeskApi;
	let folder: vscode.WorkspaceFolder;
	let github: vscode.Uri;
	let personal: vscode.Uri;
	let createdGithubFolder = false;

	before(async () => {
		api = await vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID)!.activate();
		folder = vscode.workspace.workspaceFolders![0]!;
		github = vscode.Uri.joinPath(folder.uri, '.github');
		assert.equal(await exists(vscode.Uri.joinPath(github, 'saved-replies')), false, 'the fixture workspace has no templates of its own');
		createdGithubFolder = !(await exists(github));
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(github, 'saved-replies', 'duplicate.md'), new TextEncoder().encode(EXISTING));
		personal = vscode.Uri.joinPath(api.container.context.globalStorageUri, PERSONAL_TEMPLATE_DIR, 'integration-test.md');
		await vscode.workspace.fs.writeFile(personal, new TextEncoder().encode('---\ntitle: My personal note\n---\nThanks {{me}}!\n'));
	});

	after(async () => {
		const target = createdGithubFolder ? github : vscode.Uri.joinPath(github, 'saved-replies');
		await vscode.workspace.fs.delete(target, { recursive: true, useTrash: false });
		await vscode.workspace.fs.delete(personal, { useTrash: false });
		api.container.threads.closeAll();
	});

	it('copies the starter set without overwriting an existing file', async () => {
		const result = await vscode.commands.executeCommand<StarterSetResult | undefined>('communityDesk.templates.addStarterSet', folder.uri);
		assert.ok(result);
		assert.deepEqual(result.skipped, ['duplicate.md']);
		assert.equal(result.added.length, 5);
		const kept = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(github, 'saved-replies', 'duplicate.md')));
		assert.equal(kept, EXISTING);
		const again = await vscode.commands.executeCommand<StarterSetResult | undefined>('communityDesk.templates.addStarterSet', folder.uri);
		assert.deepEqual([again?.added, again?.skipped.length], [[], 6]);
	});

	it('lists team, personal and GitHub saved-reply templates', async () => {
		const load = await (await api.container.templates.get()).loadTemplates();
		assert.deepEqual(load.notLoaded, []);
		const team = load.templates.filter(t => t.source === 'team');
		assert.equal(team.length, 6);
		assert.ok(team.every(t => t.errors.length === 0), JSON.stringify(team.flatMap(t => t.errors)));
		assert.ok(team.some(t => t.title === 'Our own duplicate text'));
		assert.deepEqual(load.templates.filter(t => t.source === 'personal').map(t => t.title), ['My personal note']);
		const saved = load.templates.filter(t => t.source === 'github');
		assert.ok(saved.length > 0, 'the sandbox viewer has saved replies');
		assert.ok(saved.every(t => t.errors.length === 0 && t.appliesTo === 'both'));
	});

	it('renders a template from a sandbox thread into the reply box as a draft', async () => {
		const repo = { owner: 'acme', name: 'rocket' };
		const number = (await api.container.client.listIssues(repo, { kind: 'filter', filter: {} }, { first: 1 })).items[0]!.number;
		const thread = await api.container.client.getThread(repo, 'issue', number);
		const host = api.container.config.serverOrDefault().host;
		const panel = api.container.threads.open({ host, owner: 'acme', repo: 'rocket', kind: 'issue', number }, thread);
		await panel.load();
		assert.equal(panel.current.status, 'ready', panel.current.error);

		const load = await (await api.container.templates.get()).loadTemplates();
		const template = load.templates.find(t => t.id.endsWith('needs-more-information.md'))!;
		assert.deepEqual(promptsOf(template.body), ['input:What information is missing?']);
		const values = contextValues({ author: thread.author, me: 'mona', repo: 'acme/rocket', number, title: thread.title, createdAt: thread.createdAt, now: Date.now() });
		values.set('input:What information is missing?', 'the {{title}} of ${process.exit()}');
		const rendered = renderTemplate(template.body, values);
		assert.ok(rendered.ok);
		assert.ok(rendered.text.includes(`@${thread.author}`));
		assert.ok(rendered.text.includes('the {{title}} of ${process.exit()}'), 'answers are inserted as text');

		const sentBefore = api.container.threads.replies.entries().length;
		assert.equal(await panel.insertDraft(rendered.text), true);
		const draft = panel.replySnapshot().drafts.find(d => d.replyToId === null);
		assert.ok(draft?.body.endsWith(rendered.text), draft?.body);
		assert.equal(api.container.threads.replies.entries().length, sentBefore, 'nothing was sent');
		await api.container.threads.replies.saveDraft({ host, repo: 'acme/rocket', kind: 'issue', number }, { body: '', updatedAt: Date.now() + 1 });
	});

	it('runs a template\'s label and close actions once, after its reply is posted through the panel', async function () {
		this.timeout(60_000);
		const repo = { owner: 'acme', name: 'rocket' };
		const issues = (await api.container.client.listIssues(repo, { kind: 'filter', filter: {} }, { first: 20 })).items;
		let thread: Awaited<ReturnType<typeof api.container.client.getThread>> | undefined;
		for (const i of issues) {
			const t = await api.container.client.getThread(repo, 'issue', i.number);
			if (t.state === 'OPEN' && !t.locked) {
				thread = t;
				break;
			}
		}
		assert.ok(thread, 'an open, unlocked issue in acme/rocket');
		const number = thread.number;
		const label = (await api.container.client.listLabels(repo)).find(l => !thread!.labels.some(x => x.id === l.id));
		assert.ok(label, 'a label the issue does not have');
		const host = api.container.config.serverOrDefault().host;
		const box = { host, repo: 'acme/rocket', kind: 'issue' as const, number };
		const panel = api.container.threads.open({ host, owner: 'acme', repo: 'rocket', kind: 'issue', number }, thread);
		await panel.load();
		assert.equal(panel.current.status, 'ready', panel.current.error);
		const target = { repo, kind: 'issue' as const, number, id: thread.id };
		try {
			const text = `Template reply with actions ${Date.now()}`;
			const actions = { addLabels: [label.name.toUpperCase()], close: { reason: 'NOT_PLANNED' } };
			assert.equal(await panel.insertDraft(text, { actions, steps: ['add label', 'close'] }), true);
			assert.equal(panel.replySnapshot().pendingActions?.length, 2, 'the actions are listed under the box');
			const before = await api.container.client.getThread(repo, 'issue', number);
			assert.equal(before.state, 'OPEN', 'nothing runs before the reply is sent');

			await panel.receive({ kind: 'command', method: 'reply/send', params: { replyToId: null, body: text, updatedAt: Date.now() } });
			const entry = api.container.threads.replies.latest(box);
			assert.equal(entry?.state, 'sent');
			assert.equal(entry?.actionsDone, true);
			assert.deepEqual(panel.replySnapshot().pendingActions, [], 'the actions left the box with the reply');
			const after = await eventually(() => api.container.client.getThread(repo, 'issue', number),
				t => t.state === 'CLOSED' && t.labels.some(l => l.id === label.id), 'the label and the close reached GitHub', { timeoutMs: 20_000, intervalMs: 250 });
			assert.equal(after.stateReason, 'NOT_PLANNED');
			assert.equal(after.comments.filter(c => c.body === text).length, 1, 'the reply is on GitHub once');
			// A reconcile of the same entry does not run the actions again (the issue stays as the actions left it).
			await api.container.threads.replies.reconcile(entry.uuid);
			assert.equal(api.container.threads.replies.latest(box)?.actionsDone, true);
		} finally {
			await api.container.moderation.run(target, { kind: 'removeLabels', labels: [{ id: label.id, name: label.name }] });
			await api.container.moderation.run(target, { kind: 'reopen' });
			const restored = await api.container.client.getThread(repo, 'issue', number);
			assert.equal(restored.state, 'OPEN');
			assert.equal(restored.labels.some(l => l.id === label.id), false);
		}
	});
});
