// Saved-reply templates inside a real extension host, against the GitHub sandbox: the starter set is
// copied into the fixture workspace (and removed afterwards), every source is listed, and a template
// is rendered from a sandbox thread into the thread panel's reply box as a draft (nothing is posted), and
// a template's actions (a label, close as not planned) run once after its reply is posted and confirmed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StarterSetResult } from '../../src/commands/starterTemplates';
import { englishT } from '../../src/core/l10n';
import { contextValues, parseTemplate, promptsOf, renderTemplate } from '../../src/core/templates';
import type { Thread } from '../../src/core/model';
import type { CommunityDeskApi } from '../../src/extension';
import { PERSONAL_TEMPLATE_DIR } from '../../src/platform/templateSources';
import type { TemplatesSnapshotDto } from '../../src/shared/templatesProtocol';
import type { TemplateLocation, TemplatePrompts, TemplatesPanel } from '../../src/webviews/templatesPanel';
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
			assert.equal(await panel.insertDraft(text, { actions }), true);
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

// The Saved Replies panel against the fixture workspace: one good and one broken team template are
// written before and removed after; the panel lists both (the broken one with file:line), searches,
// previews, opens the broken file at its line, and creates, duplicates and deletes files. The host's
// questions (quick pick, input box, modal) are answered through the panel manager's `prompts`.
describe('Saved Replies panel', () => {
	const GOOD = '---\ntitle: Panel good reply\ndescription: A template that works\nappliesTo: issue\nlabels: [bug]\nactions:\n  addLabels: [needs-info]\n---\nHi @{{author}}, what is {{input:Missing piece}}?\n';
	const BROKEN = '---\ntitle: Panel broken reply\ncolour: red\n---\nHello {{nobody}}\n';
	let api: CommunityDeskApi;
	let folder: vscode.WorkspaceFolder;
	let github: vscode.Uri;
	let dir: vscode.Uri;
	let personalDir: vscode.Uri;
	let createdGithubFolder = false;
	let panel: TemplatesPanel;
	let original: TemplatePrompts;
	const answers = { location: 'team' as TemplateLocation['kind'], title: 'Panel created reply', confirm: true, confirmations: [] as boolean[] };
	const cleanup: vscode.Uri[] = [];
	const file = (name: string) => `${folder.name}/.github/saved-replies/${name}`;
	const text = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
	const send = (method: string, params?: unknown) => panel.receive({ kind: 'command', method, params });
	const rowsOf = (s: TemplatesSnapshotDto | undefined) => s?.groups.flatMap(g => g.rows) ?? [];
	const idOf = (templateId: string) => {
		const id = panel.rowIdOf(templateId);
		assert.ok(id, `no row for ${templateId}`);
		return id;
	};

	before(async () => {
		api = await vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID)!.activate();
		folder = vscode.workspace.workspaceFolders![0]!;
		github = vscode.Uri.joinPath(folder.uri, '.github');
		dir = vscode.Uri.joinPath(github, 'saved-replies');
		personalDir = vscode.Uri.joinPath(api.container.context.globalStorageUri, PERSONAL_TEMPLATE_DIR);
		assert.equal(await exists(dir), false, 'the fixture workspace has no templates of its own');
		createdGithubFolder = !(await exists(github));
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'good-panel.md'), new TextEncoder().encode(GOOD));
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'broken-panel.md'), new TextEncoder().encode(BROKEN));
		const feature = await api.container.templates.get();
		original = feature.panels.prompts;
		feature.panels.prompts = {
			pickLocation: async locations => locations.find(l => l.kind === answers.location && (l.kind === 'personal' || l.dir.toString() === dir.toString())),
			askTitle: async () => answers.title,
			confirmDelete: async (_template, permanent) => { answers.confirmations.push(permanent); return answers.confirm; },
		};
	});

	after(async () => {
		const feature = await api.container.templates.get();
		feature.panels.prompts = original;
		feature.panels.dispose();
		const ours = (uri: vscode.Uri) => uri.toString().startsWith(dir.toString()) || uri.toString().startsWith(personalDir.toString());
		const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(tab => tab.input instanceof vscode.TabInputText && ours(tab.input.uri));
		await vscode.window.tabGroups.close(tabs);
		for (const uri of cleanup) if (await exists(uri)) await vscode.workspace.fs.delete(uri, { useTrash: false });
		await vscode.workspace.fs.delete(createdGithubFolder ? github : dir, { recursive: true, useTrash: false });
	});

	it('opens from its command, once per window, and lists a good and a broken template, the broken one with file:line', async () => {
		await vscode.commands.executeCommand('communityDesk.templates.manage');
		const feature = await api.container.templates.get();
		panel = feature.panels.panel!;
		assert.ok(panel, 'the panel is open');
		const s = (await eventually(() => panel.snapshot, v => v?.status === 'ready' && rowsOf(v).filter(r => r.title.startsWith('Panel ')).length === 2, 'both templates are listed'))!;
		await vscode.commands.executeCommand('communityDesk.templates.manage');
		assert.equal(feature.panels.panel, panel, 'a second panel was opened');

		const team = s.groups.find(g => g.source === 'team' && g.title.includes(folder.name));
		assert.ok(team, JSON.stringify(s.groups.map(g => g.title)));
		const good = team.rows.find(r => r.title === 'Panel good reply')!;
		assert.deepEqual([good.errors, good.appliesTo, good.filters, good.actions, good.readOnly], [[], 'Issues', 'Labels: bug', ['Add labels: needs-info'], false]);
		const broken = team.rows.find(r => r.title === 'Panel broken reply')!;
		assert.deepEqual(broken.errors.map(e => [e.where, e.openable]), [[`${file('broken-panel.md')}:3`, true], [`${file('broken-panel.md')}:5`, true]]);
		assert.match(broken.errors[0]!.message, /Unknown setting "colour"/);
		assert.match(broken.errors[1]!.message, /\{\{nobody\}\}/);
		assert.match(s.summary, /broken/);
		assert.ok(s.groups.some(g => g.source === 'github' && g.rows.length > 0 && g.rows.every(r => r.readOnly)), 'GitHub saved replies are listed read-only');
	});

	it('searches, and previews with sample values, inputs as placeholders and unknown variables flagged', async () => {
		await send('templates/search', { query: 'PANEL template that' });
		assert.deepEqual(rowsOf(panel.snapshot).map(r => r.title), ['Panel good reply']);
		await send('templates/preview', { id: idOf(`team:${file('good-panel.md')}`) });
		const preview = panel.snapshot?.preview;
		assert.equal(preview?.markdown, 'Hi @octocat, what is «Missing piece»?');
		assert.deepEqual(preview?.variables.map(v => [v.name, v.kind]), [['{{author}}', 'sample'], ['{{input:Missing piece}}', 'input']]);
		assert.deepEqual(preview?.actions, ['Add labels: needs-info']);
		await send('templates/search', { query: '' });
		await send('templates/preview', { id: idOf(`team:${file('broken-panel.md')}`) });
		assert.deepEqual(panel.snapshot?.preview?.variables.map(v => [v.name, v.kind]), [['{{nobody}}', 'unknown']]);
		assert.equal(panel.snapshot?.preview?.errors.length, 2);
	});

	it('opens the broken file at the line of its error', async () => {
		await send('templates/openError', { id: idOf(`team:${file('broken-panel.md')}`), index: 0 });
		const editor = (await eventually(() => vscode.window.activeTextEditor, e => e?.document.uri.path.endsWith('/broken-panel.md') === true, 'the broken file is open'))!;
		assert.equal(editor.selection.active.line, 2);
	});

	it('creates files without overwriting any, and reloads when a file changes on disk', async () => {
		answers.location = 'team';
		await send('templates/create');
		const first = vscode.Uri.joinPath(dir, 'panel-created-reply.md');
		const created = await text(first);
		const parsed = parseTemplate(created, 'x.md', 'team', englishT);
		assert.deepEqual([parsed.errors, parsed.title], [[], 'Panel created reply']);
		await send('templates/create');
		const second = vscode.Uri.joinPath(dir, 'panel-created-reply-2.md');
		assert.equal(await exists(second), true, 'a second file with the same title gets -2');
		assert.equal(await text(first), created, 'the first file is unchanged');
		assert.equal(rowsOf(panel.snapshot).filter(r => r.title === 'Panel created reply').length, 2);
		assert.equal(panel.snapshot?.preview?.file, file('panel-created-reply-2.md'), 'the new file is selected');

		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'panel-external.md'), new TextEncoder().encode('---\ntitle: Panel external reply\n---\nHi\n'));
		await eventually(() => panel.snapshot, s => rowsOf(s).some(r => r.title === 'Panel external reply'), 'the watcher reloads the panel');
	});

	it('duplicates a template into the personal folder as "(copy)"', async () => {
		answers.location = 'personal';
		await send('templates/duplicate', { id: idOf(`team:${file('good-panel.md')}`) });
		const copy = vscode.Uri.joinPath(personalDir, 'panel-good-reply-copy.md');
		cleanup.push(copy);
		const parsed = parseTemplate(await text(copy), 'x.md', 'personal', englishT);
		assert.deepEqual([parsed.errors, parsed.title, parsed.labels, parsed.body], [[], 'Panel good reply (copy)', ['bug'], 'Hi @{{author}}, what is {{input:Missing piece}}?']);
		assert.ok(rowsOf(panel.snapshot).some(r => r.title === 'Panel good reply (copy)' && r.file === `${PERSONAL_TEMPLATE_DIR}/panel-good-reply-copy.md`));
	});

	it('deletes a file only after the confirmation, and never a GitHub saved reply', async () => {
		await send('templates/search', { query: '' });
		const target = vscode.Uri.joinPath(dir, 'panel-created-reply-2.md');
		const id = idOf(`team:${file('panel-created-reply-2.md')}`);
		answers.confirm = false;
		answers.confirmations = [];
		await send('templates/delete', { id });
		assert.deepEqual(answers.confirmations, [false], 'asked once');
		assert.equal(await exists(target), true, 'kept after "Cancel"');
		answers.confirm = true;
		answers.confirmations = [];
		await send('templates/delete', { id });
		assert.equal(await exists(target), false, 'deleted after the confirmation');
		assert.equal(answers.confirmations[0], false, 'the first question is about the trash');
		assert.ok(!rowsOf(panel.snapshot).some(r => r.file === file('panel-created-reply-2.md')));

		const saved = rowsOf(panel.snapshot).find(r => r.readOnly);
		assert.ok(saved, `no GitHub saved reply listed: ${JSON.stringify(panel.snapshot?.notices)}`);
		answers.confirmations = [];
		await send('templates/delete', { id: saved.id });
		await send('templates/delete', { id: 'tnotarow' });
		await send('templates/delete', { id: '../../good-panel.md' });
		assert.deepEqual(answers.confirmations, [], 'nothing was asked');
		assert.equal(await exists(vscode.Uri.joinPath(dir, 'good-panel.md')), true);
	});
});

// "Reply with Template…" beyond one thread's own box, against the sandbox: several queue items at once
// (one reply each, their labels and close reason applied once), and a comment's reply box in a
// discussion (the answered comment marked as the answer). A team template is written for each test
// and removed after; the command's presets pick it and answer its prompt (no UI).
describe('Reply with Template for several items and in a comment\'s box', () => {
	let api: CommunityDeskApi;
	let folder: vscode.WorkspaceFolder;
	let github: vscode.Uri;
	let dir: vscode.Uri;
	let createdGithubFolder = false;
	let createdDir = false;
	const repo = { owner: 'acme', name: 'rocket' };
	const write = async (name: string, text: string) => {
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
		return `team:${folder.name}/.github/saved-replies/${name}`;
	};

	before(async () => {
		api = await vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID)!.activate();
		folder = vscode.workspace.workspaceFolders![0]!;
		github = vscode.Uri.joinPath(folder.uri, '.github');
		dir = vscode.Uri.joinPath(github, 'saved-replies');
		createdGithubFolder = !(await exists(github));
		createdDir = !(await exists(dir));
	});

	after(async () => {
		api.container.threads.closeAll();
		if (createdGithubFolder || createdDir) await vscode.workspace.fs.delete(createdGithubFolder ? github : dir, { recursive: true, useTrash: false });
	});

	it('replies to two sandbox issues once each, then applies the label and closes them as not planned', async function () {
		this.timeout(90_000);
		const open: Thread[] = [];
		for (const i of (await api.container.client.listIssues(repo, { kind: 'filter', filter: {} }, { first: 30 })).items) {
			const t = await api.container.client.getThread(repo, 'issue', i.number);
			if (t.state === 'OPEN' && !t.locked) open.push(t);
			if (open.length === 2) break;
		}
		assert.equal(open.length, 2, 'two open, unlocked issues in acme/rocket');
		const label = (await api.container.client.listLabels(repo)).find(l => open.every(t => !t.labels.some(x => x.id === l.id)));
		assert.ok(label, 'a label neither issue has');
		const token = `bulk-${Date.now()}`;
		const id = await write('bulk-close.md', `---\ntitle: Bulk close\nappliesTo: issue\nactions:\n  addLabels: [${JSON.stringify(label.name)}]\n  close: { reason: NOT_PLANNED }\n---\nThanks @{{author}}, closing #{{number}}: {{input:Note}}\n`);
		const targets = open.map(t => ({ repo, kind: 'issue' as const, number: t.number, id: t.id }));
		try {
			const result = await vscode.commands.executeCommand<{ kind: string; results: { item: string; posted: boolean; actionProblem?: string; reason?: string }[] }>(
				'communityDesk.templates.reply', targets, { template: id, inputs: { 'input:Note': token }, confirmed: true });
			assert.equal(result?.kind, 'bulk');
			assert.deepEqual(result.results, open.map(t => ({ item: `acme/rocket#${t.number}`, posted: true, actionProblem: undefined })), JSON.stringify(result.results));
			for (const t of open) {
				const done: Thread = await eventually(() => api.container.client.getThread(repo, 'issue', t.number),
					x => x.state === 'CLOSED' && x.labels.some(l => l.id === label.id), `#${t.number}: the label and the close reached GitHub`, { timeoutMs: 20_000, intervalMs: 250 });
				assert.equal(done.stateReason, 'NOT_PLANNED');
				const replies = done.comments.filter(c => c.body.includes(token));
				assert.equal(replies.length, 1, `#${t.number}: exactly one reply`);
				assert.equal(replies[0]!.body, `Thanks @${t.author}, closing #${t.number}: ${token}`, 'rendered with the item\'s own values');
			}
		} finally {
			for (const target of targets) {
				await api.container.moderation.run(target, { kind: 'removeLabels', labels: [{ id: label.id, name: label.name }] });
				await api.container.moderation.run(target, { kind: 'reopen' });
			}
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, 'bulk-close.md'), { useTrash: false });
		}
		for (const t of open) {
			const restored = await api.container.client.getThread(repo, 'issue', t.number);
			assert.equal(restored.state, 'OPEN');
			assert.equal(restored.labels.some(l => l.id === label.id), false);
		}
	});

	it('from a comment\'s reply box, marks the answered comment as the answer once the reply is posted', async function () {
		this.timeout(60_000);
		const host = api.container.config.serverOrDefault().host;
		let found: { panel: ReturnType<typeof api.container.threads.open>; commentId: string; author: string } | undefined;
		for (const d of (await api.container.client.listDiscussions(repo, { first: 50, states: ['OPEN'], answered: false })).items) {
			if (d.locked) continue;
			const panel = api.container.threads.open({ host, owner: 'acme', repo: 'rocket', kind: 'discussion', number: d.number });
			await panel.load();
			const comment = panel.current.thread?.comments.find(c => c.actions?.includes('markAnswer'));
			if (comment) {
				found = { panel, commentId: comment.id, author: comment.author };
				break;
			}
			panel.dispose();
		}
		assert.ok(found, 'an open, unanswered discussion with a comment mona may mark as the answer');
		const { panel, commentId, author } = found;
		const number = panel.target.number;
		const box = { host, repo: 'acme/rocket', kind: 'discussion' as const, number, replyToId: commentId };
		const token = `answer-${Date.now()}`;
		const id = await write('mark-answer.md', `---\ntitle: This answers it\nappliesTo: discussion\nactions:\n  markAnswer: true\n---\nThis is the answer, thanks @{{author}}! {{input:Note}}\n`);
		try {
			const result = await vscode.commands.executeCommand('communityDesk.templates.reply', { ...panel.target, replyToId: commentId }, { template: id, inputs: { 'input:Note': token } });
			assert.deepEqual(result, { kind: 'draft', replyToId: commentId });
			const draft = panel.replySnapshot().drafts.find(d => d.replyToId === commentId);
			assert.ok(draft?.body.includes(token), 'the text is in the comment\'s box');
			assert.deepEqual(panel.replySnapshot().nestedActions, [{ replyToId: commentId, steps: [`Mark the comment by @${author} as the answer`] }]);
			assert.deepEqual(panel.replySnapshot().pendingActions, [], 'nothing waits in the thread\'s own box');
			assert.equal((await api.container.client.getThread(repo, 'discussion', number)).answerId, undefined, 'nothing runs before Send');

			await panel.receive({ kind: 'command', method: 'reply/send', params: { replyToId: commentId, body: draft!.body, updatedAt: draft!.updatedAt } });
			const entry = api.container.threads.replies.latest(box);
			assert.equal(entry?.state, 'sent');
			assert.deepEqual(entry?.actions, { markAnswer: true, answerCommentId: commentId }, 'the reply carries the comment it answers');
			const marked: Thread = await eventually(() => api.container.client.getThread(repo, 'discussion', number),
				t => t.answerId === commentId, 'the answered comment is the answer on GitHub', { timeoutMs: 20_000, intervalMs: 250 });
			const answered = marked.comments.find(c => c.id === commentId)!;
			assert.equal(answered.replies.filter(r => r.body.includes(token)).length, 1, 'the reply is posted once, under the comment');
			assert.equal(panel.templateActions(commentId), undefined, 'the actions left the box with the reply');
		} finally {
			await api.container.moderation.run({ repo, kind: 'discussion', number }, { kind: 'unmarkAnswer', commentId });
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, 'mark-answer.md'), { useTrash: false });
		}
		assert.equal((await api.container.client.getThread(repo, 'discussion', number)).answerId, undefined);
	});

	it('from a tree row, opens the item\'s thread and puts the template into its reply box (nothing posted)', async () => {
		const host = api.container.config.serverOrDefault().host;
		const number = (await api.container.client.listIssues(repo, { kind: 'filter', filter: {} }, { first: 1 })).items[0]!.number;
		const token = `tree-${Date.now()}`;
		const id = await write('tree-row.md', `---\ntitle: From the tree\nappliesTo: issue\n---\nHello @{{author}} {{input:Note}}\n`);
		const sent = api.container.threads.replies.entries().length;
		try {
			const node = { thread: { repo, kind: 'issue', number } }; // what a tree row hands its context-menu commands
			const result = await vscode.commands.executeCommand('communityDesk.templates.reply', node, { template: id, inputs: { 'input:Note': token } });
			assert.deepEqual(result, { kind: 'draft', replyToId: null });
			const panel = api.container.threads.get({ host, owner: 'acme', repo: 'rocket', kind: 'issue', number });
			assert.ok(panel, 'the item\'s thread panel is open');
			assert.ok(panel.replySnapshot().drafts.find(d => d.replyToId === null)?.body.endsWith(token), 'the text is in its box');
			assert.equal(api.container.threads.replies.entries().length, sent, 'nothing was sent');
		} finally {
			await api.container.threads.replies.saveDraft({ host, repo: 'acme/rocket', kind: 'issue', number }, { body: '', updatedAt: Date.now() + 1 });
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, 'tree-row.md'), { useTrash: false });
			api.container.threads.closeAll();
		}
	});

	it('waits for a panel that is reloading (after Refresh or a sent reply) instead of refusing', async () => {
		const host = api.container.config.serverOrDefault().host;
		const number = (await api.container.client.listIssues(repo, { kind: 'filter', filter: {} }, { first: 1 })).items[0]!.number;
		const token = `reloading-${Date.now()}`;
		const id = await write('reloading.md', `---\ntitle: While reloading\nappliesTo: issue\n---\nHello @{{author}} {{input:Note}}\n`);
		const panel = api.container.threads.open({ host, owner: 'acme', repo: 'rocket', kind: 'issue', number });
		try {
			await panel.load();
			const reloading = panel.load(true);
			assert.equal(panel.current.status, 'loading', 'the panel shows its loading state');
			const result = await vscode.commands.executeCommand('communityDesk.templates.reply', panel.target, { template: id, inputs: { 'input:Note': token } });
			await reloading;
			assert.deepEqual(result, { kind: 'draft', replyToId: null });
			assert.ok(panel.replySnapshot().drafts.find(d => d.replyToId === null)?.body.endsWith(token), 'the text is in its box');
		} finally {
			await api.container.threads.replies.saveDraft({ host, repo: 'acme/rocket', kind: 'issue', number }, { body: '', updatedAt: Date.now() + 1 });
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, 'reloading.md'), { useTrash: false });
			panel.dispose();
		}
	});

	it('keeps a template\'s waiting actions with the draft when the panel is closed and opened again', async () => {
		const host = api.container.config.serverOrDefault().host;
		const number = (await api.container.client.listIssues(repo, { kind: 'filter', filter: {} }, { first: 1 })).items[0]!.number;
		const target = { host, owner: 'acme', repo: 'rocket', kind: 'issue' as const, number };
		const first = api.container.threads.open(target);
		await first.load();
		assert.equal(await first.insertDraft(`Kept ${Date.now()}`, { actions: { addLabels: ['bug'], close: { reason: 'COMPLETED' } } }), true);
		first.dispose();
		const again = api.container.threads.open(target);
		await again.load();
		try {
			assert.deepEqual(again.replySnapshot().pendingActions, ['Add labels: bug', 'Close as COMPLETED'], 'the "After posting" list is back');
			await again.receive({ kind: 'command', method: 'reply/dropActions', params: { replyToId: null } });
			assert.deepEqual(again.replySnapshot().pendingActions, []);
			assert.equal(again.replySnapshot().drafts.length, 1, '"Do not apply" keeps the text');
		} finally {
			await api.container.threads.replies.saveDraft({ host, repo: 'acme/rocket', kind: 'issue', number }, { body: '', updatedAt: Date.now() + 1 });
			again.dispose();
		}
	});
});
