// The triage queue inside a real extension host, against the GitHub sandbox (demo size): the command
// opens the one panel, the queue computed from the synced index holds an unanswered Q&A discussion,
// and the panel's actions (done, snooze until the author replies, moderation through the moderation
// commands, in bulk) change the queue; the status bar and the opt-in breach notice follow it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RepoRef } from '../../src/core/model';
import type { ModerationOutcome, ModerationTarget, ViewerAccess } from '../../src/core/moderation';
import type { CommunityDeskApi } from '../../src/extension';
import { DEFAULT_TRIAGE_VIEW, type TriageSnapshotDto, type TriageViewDto } from '../../src/shared/triageProtocol';
import { describeBreaches, describeTriageStatus, TriageBreachNotifier } from '../../src/views/triageStatus';
import { TRIAGE_VIEW_TYPE, triageSerializer } from '../../src/features/triageHost';
import { allowedActions, TriagePanel } from '../../src/webviews/triagePanel';
import { eventually, EXTENSION_ID, sandboxToken, sandboxUrl } from './helpers';

const ROCKET = { owner: 'acme', name: 'rocket' };
const WAIT = { timeoutMs: 30_000, intervalMs: 100 };

/** Posts a comment as another user (a token added through the sandbox's control endpoint). */
async function commentAs(login: string, subject: { kind: 'issue' | 'discussion'; id: string }, body: string): Promise<void> {
	const res = await fetch(`${sandboxUrl}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login }) });
	assert.equal(res.status, 201, `no token for ${login}`);
	const { token } = await res.json() as { token: string };
	const query = subject.kind === 'issue'
		? 'mutation($id: ID!, $body: String!) { addComment(input: { subjectId: $id, body: $body }) { clientMutationId } }'
		: 'mutation($id: ID!, $body: String!) { addDiscussionComment(input: { discussionId: $id, body: $body }) { clientMutationId } }';
	const gql = await fetch(`${sandboxUrl}/graphql`, {
		method: 'POST', headers: { authorization: `token ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { id: subject.id, body } }),
	});
	const result = await gql.json() as { errors?: unknown };
	assert.equal(result.errors, undefined, JSON.stringify(result.errors));
}

describe('Triage queue', function () {
	this.timeout(120_000);
	let api: CommunityDeskApi;
	let extensionUri: vscode.Uri;
	const extra: vscode.Disposable[] = [];

	/**
	 * A panel of this test with a recording command runner (the container's panel uses the real one),
	 * and the container's viewer access unless the test brings its own (with its change event).
	 */
	function ownPanel(run: (command: string, ...args: unknown[]) => Thenable<unknown>, access?: { get(repo: RepoRef): ViewerAccess; changed: vscode.Event<unknown> }): TriagePanel {
		const webview = vscode.window.createWebviewPanel(TRIAGE_VIEW_TYPE, 'Triage (test)', vscode.ViewColumn.Active, { enableScripts: true });
		const c = api.container;
		const panel = new TriagePanel(webview, {
			extensionUri, service: c.triage, logger: c.logger, host: () => c.config.serverOrDefault().host, openThread: () => undefined, executeCommand: run,
			access: access?.get ?? (repo => c.moderation.viewerAccess(repo)), onDidChangeAccess: access?.changed ?? c.moderation.onDidChangeAccess,
		}, () => undefined);
		extra.push(panel);
		return panel;
	}

	async function shown(panel: TriagePanel, ok: (s: TriageSnapshotDto) => boolean, what: string): Promise<TriageSnapshotDto> {
		await panel.receive({ kind: 'command', method: 'webview/ready' });
		return eventually(() => panel.snapshot, s => s !== undefined && ok(s), what, WAIT) as Promise<TriageSnapshotDto>;
	}

	before(async () => {
		const extension = vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID)!;
		extensionUri = extension.extensionUri;
		api = await extension.activate();
		if ((await api.container.auth.state()).kind !== 'signedIn' && sandboxToken) await api.container.auth.storeToken(sandboxToken);
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
	});

	after(async () => {
		for (const d of extra.splice(0)) d.dispose();
		api.container.triagePanel.loaded?.panels.dispose();
		const config = vscode.workspace.getConfiguration('communityDesk');
		await config.update('triage.notifyOnBreach', undefined, vscode.ConfigurationTarget.Global);
		await config.update('triage.slaHours', undefined, vscode.ConfigurationTarget.Global);
	});

	it('opens one panel from the command, with a non-empty queue holding an unanswered Q&A discussion', async () => {
		await vscode.commands.executeCommand('communityDesk.triage.open');
		const panel = await eventually(() => api.container.triagePanel.loaded?.panels.panel, p => p !== undefined, 'no triage panel opened', { timeoutMs: 20_000, intervalMs: 100 });
		assert.equal(panel!.panel.viewType, TRIAGE_VIEW_TYPE);
		await vscode.commands.executeCommand('communityDesk.triage.open');
		assert.equal(api.container.triagePanel.loaded?.panels.panel, panel, 'one panel, revealed again');
		const snapshot = await eventually(() => api.container.triage.refresh(), s => s.entries.length > 0 && s.pending.length === 0, 'the queue stays empty', { timeoutMs: 20_000, intervalMs: 100 });
		const index = await (await api.container.sync.repo(ROCKET)).load();
		const question = snapshot.entries.find(e => e.repo === 'acme/rocket' && e.kind === 'discussion' && e.categoryName === 'Q&A' && index.item(e.id)?.isAnswered === false);
		assert.ok(question, `no unanswered Q&A discussion in ${JSON.stringify(snapshot.entries.map(e => [e.repo, e.kind, e.number, e.categoryName, e.reason]))}`);
		await eventually(() => panel!.snapshot, s => s !== undefined && s.rows.length > 0, 'the panel shows no rows', { timeoutMs: 20_000, intervalMs: 100 });
	});

	it('acts only on ids of its queue and hides items marked done, several at once', async () => {
		const panel = api.container.triagePanel.loaded!.panels.panel!;
		const before = panel.snapshot!.rows.length;
		await panel.receive({ kind: 'command', method: 'triage/done', params: { ids: ['not-in-the-queue'] } });
		await panel.receive({ kind: 'command', method: 'triage/done', params: { ids: [42] } });
		await panel.receive({ kind: 'command', method: 'triage/done', params: { id: panel.snapshot!.rows[0]!.id } });
		assert.equal(panel.snapshot!.rows.length, before);
		const [first, second] = panel.snapshot!.rows;
		await panel.receive({ kind: 'command', method: 'triage/done', params: { ids: [first!.id, second!.id, 'not-in-the-queue'] } });
		const after = await eventually(() => panel.snapshot!, s => !s.rows.some(r => r.id === first!.id || r.id === second!.id), 'the done items are still shown', WAIT);
		assert.equal(after.rows.length, before - 2);
	});

	it('maps rows to moderation targets and runs the moderation command on them; a closed item leaves the queue', async () => {
		const calls: [string, unknown][] = [];
		const panel = ownPanel(async (command, targets) => {
			calls.push([command, targets]);
			return vscode.commands.executeCommand<ModerationOutcome>(command, targets, { reason: 'NOT_PLANNED', confirmed: true });
		});
		const s = await shown(panel, x => x.rows.some(r => r.kind === 'issue' && r.repo === 'acme/rocket'), 'no issue of acme/rocket in the queue');
		const issue = s.rows.find(r => r.kind === 'issue' && r.repo === 'acme/rocket')!;
		const discussion = s.rows.find(r => r.kind === 'discussion')!;
		const target: ModerationTarget = { repo: ROCKET, kind: 'issue', number: issue.number, id: issue.id };
		assert.deepEqual(panel.targetsFor([issue.id, 'unknown']), [target]);

		// assigning leaves discussions out; nothing at all is run for a discussion alone or unknown ids
		await panel.receive({ kind: 'command', method: 'triage/moderate', params: { ids: [discussion.id], action: 'assign' } });
		await panel.receive({ kind: 'command', method: 'triage/moderate', params: { ids: ['unknown'], action: 'close' } });
		await panel.receive({ kind: 'command', method: 'triage/moderate', params: { ids: [issue.id], action: 'lock' } });
		assert.equal(calls.length, 0, JSON.stringify(calls));

		await panel.receive({ kind: 'command', method: 'triage/moderate', params: { ids: [issue.id], action: 'close' } });
		assert.deepEqual(calls, [['communityDesk.moderation.close', target]]);
		await eventually(() => panel.snapshot!, x => !x.rows.some(r => r.id === issue.id), 'the closed issue is still in the queue', WAIT);
		assert.ok(!api.container.triage.snapshot.entries.some(e => e.id === issue.id));

		// several rows go to the command as one array
		const two = panel.snapshot!.rows.filter(r => r.kind === 'issue').slice(0, 2);
		calls.length = 0;
		const bulk = ownPanel(async (command, targets) => { calls.push([command, targets]); return undefined; });
		await shown(bulk, x => x.rows.length > 0, 'the second panel shows nothing');
		await bulk.receive({ kind: 'command', method: 'triage/moderate', params: { ids: two.map(r => r.id), action: 'labels' } });
		assert.equal(calls.length, 1);
		assert.equal(calls[0]![0], 'communityDesk.moderation.labels');
		assert.deepEqual((calls[0]![1] as ModerationTarget[]).map(t => t.number), two.map(r => r.number));
	});

	it('offers moderation by repository permission: all while unknown, none with read access but closing their own', async () => {
		assert.deepEqual(allowedActions(undefined, 'a'), ['labels', 'assign', 'close']);
		assert.deepEqual(allowedActions({ permission: 'TRIAGE', login: 'a' }, 'b'), ['labels', 'assign', 'close']);
		assert.deepEqual(allowedActions({ permission: 'READ', login: 'a' }, 'b'), []);
		assert.deepEqual(allowedActions({ permission: 'READ', login: 'A' }, 'a'), ['close']);

		const calls: [string, unknown][] = [];
		let access: ViewerAccess = {};
		const changed = new vscode.EventEmitter<unknown>();
		extra.push(changed);
		const panel = ownPanel(async (command, targets) => { calls.push([command, targets]); return undefined; }, { get: () => access, changed: changed.event });
		const s = await shown(panel, x => x.rows.filter(r => r.repo === 'acme/rocket').length >= 2, 'fewer than two rows of acme/rocket');
		assert.ok(s.rows.every(r => r.allowed.length === 3), 'an unknown permission allows every action');
		const rocket = s.rows.filter(r => r.repo === 'acme/rocket');
		const own = rocket[0]!;
		const other = rocket.find(r => r.author.toLowerCase() !== own.author.toLowerCase());
		assert.ok(other, 'no two rows of acme/rocket by different authors');

		// the permission arrives: read access, and the viewer wrote `own`
		access = { permission: 'READ', login: own.author };
		changed.fire(ROCKET);
		const after = await eventually(() => panel.snapshot!, x => x.rows.find(r => r.id === own.id)?.allowed.length === 1, 'the rows did not follow the permission', WAIT);
		assert.deepEqual(after.rows.find(r => r.id === own.id)!.allowed, ['close']);
		assert.deepEqual(after.rows.find(r => r.id === other.id)!.allowed, []);

		// a selection runs only on the rows that allow the action; none allowed, nothing run
		await panel.receive({ kind: 'command', method: 'triage/moderate', params: { ids: [own.id, other.id], action: 'labels' } });
		assert.deepEqual(calls, []);
		await panel.receive({ kind: 'command', method: 'triage/moderate', params: { ids: [other.id, own.id], action: 'close' } });
		assert.deepEqual(calls, [['communityDesk.moderation.close', { repo: ROCKET, kind: own.kind, number: own.number, id: own.id }]]);
	});

	it('hands rows to "Reply with Template": one row as its target, several as one array, unknown ids never', async () => {
		const calls: [string, unknown][] = [];
		const panel = ownPanel(async (command, targets) => { calls.push([command, targets]); return undefined; });
		const s = await shown(panel, x => x.rows.length >= 2, 'fewer than two rows in the queue');
		const [a, b] = s.rows as [TriageSnapshotDto['rows'][number], TriageSnapshotDto['rows'][number]];
		const targetOf = (r: typeof a): ModerationTarget => ({ repo: { owner: r.repo.split('/')[0]!, name: r.repo.split('/')[1]! }, kind: r.kind, number: r.number, id: r.id });
		await panel.receive({ kind: 'command', method: 'triage/template', params: { ids: ['unknown'] } });
		assert.deepEqual(calls, []);
		await panel.receive({ kind: 'command', method: 'triage/template', params: { ids: [a.id] } });
		await panel.receive({ kind: 'command', method: 'triage/template', params: { ids: [a.id, 'unknown', b.id] } });
		assert.deepEqual(calls, [['communityDesk.templates.reply', targetOf(a)], ['communityDesk.templates.reply', [targetOf(a), targetOf(b)]]]);
	});

	it('snoozes an item until its author replies, and brings it back when the author comments', async () => {
		const panel = api.container.triagePanel.loaded!.panels.panel!;
		const entries = api.container.triage.snapshot.entries;
		const row = panel.snapshot!.rows.find(r => {
			const e = entries.find(x => x.id === r.id);
			return e !== undefined && r.repo === 'acme/rocket' && !e.author.endsWith('[bot]') && e.author !== 'ghost';
		});
		assert.ok(row, 'no row whose author can comment');
		await panel.receive({ kind: 'command', method: 'triage/snooze', params: { ids: [row.id], snooze: { kind: 'authorReplies' } } });
		await eventually(() => panel.snapshot!, s => !s.rows.some(r => r.id === row.id), 'the snoozed item is still shown', WAIT);
		// a sync with nothing new from the author does not end it
		await api.container.triage.syncAndRefresh();
		assert.ok(!panel.snapshot!.rows.some(r => r.id === row.id));

		await commentAs(row.author, { kind: row.kind, id: row.id }, `Any news? (${Date.now()})`);
		await panel.receive({ kind: 'command', method: 'triage/refresh' });
		const back = await eventually(() => panel.snapshot!, s => s.rows.some(r => r.id === row.id), 'the item did not come back after the author replied', WAIT);
		assert.ok(back.rows.find(r => r.id === row.id)!.reason.length > 0);
	});

	it('refuses a snooze date in the past without changing anything', async () => {
		const panel = api.container.triagePanel.loaded!.panels.panel!;
		const before = panel.snapshot!.rows.map(r => r.id);
		await panel.receive({ kind: 'command', method: 'triage/snooze', params: { ids: [before[0]!], snooze: { kind: 'date', date: '2001-01-01' } } });
		await api.container.triage.refresh();
		assert.deepEqual(panel.snapshot!.rows.map(r => r.id), before);
	});

	it('shows waiting and late counts in the status bar text and its accessible label', () => {
		const entries = api.container.triage.snapshot.entries;
		const late = entries.filter(e => e.sla === 'breach').length;
		const d = describeTriageStatus({ entries, pending: [], computedAt: 1 }, 'en', vscode.l10n.t);
		assert.equal(d.text, late > 0 ? `$(comment-discussion) ${entries.length} · ${late} late` : `$(comment-discussion) ${entries.length}`);
		assert.match(d.label, new RegExp(`${entries.length} items? needs? triage`));
	});

	it('announces new SLA breaches once, batched, only when turned on, and never what was already late', async () => {
		const shownMessages: string[] = [];
		const config = vscode.workspace.getConfiguration('communityDesk');
		const service = api.container.triage;
		const slow = { warn: 1_000_000, breach: 2_000_000 };
		const all = (sla: string) => (s: typeof service.snapshot) => s.entries.length > 0 && s.entries.every(e => e.sla === sla);
		const settle = (sla: string) => eventually(() => service.snapshot, all(sla), `not every entry is ${sla}`, { timeoutMs: 30_000, intervalMs: 300 });
		await config.update('triage.slaHours', slow, vscode.ConfigurationTarget.Global);
		await settle('ok');
		const notifier = new TriageBreachNotifier(service, async m => { shownMessages.push(m); return undefined; });
		extra.push(notifier);

		// off by default: crossing the threshold says nothing
		await config.update('triage.slaHours', { warn: 0, breach: 0 }, vscode.ConfigurationTarget.Global);
		await settle('breach');
		await new Promise(r => setTimeout(r, 2_500));
		assert.deepEqual(shownMessages, []);

		// turned on: what is late now is known; new breaches are announced in one message
		await config.update('triage.slaHours', slow, vscode.ConfigurationTarget.Global);
		await settle('ok');
		await config.update('triage.notifyOnBreach', true, vscode.ConfigurationTarget.Global);
		await config.update('triage.slaHours', { warn: 0, breach: 0 }, vscode.ConfigurationTarget.Global);
		const late = await settle('breach');
		await eventually(() => shownMessages, m => m.length > 0, 'no breach notification', WAIT);
		await new Promise(r => setTimeout(r, 2_500));
		assert.equal(shownMessages.length, 1, shownMessages.join('\n'));
		assert.equal(shownMessages[0], describeBreaches(late.entries, 'en', vscode.l10n.t));
		await service.refresh();
		await new Promise(r => setTimeout(r, 2_500));
		assert.equal(shownMessages.length, 1, 'announced twice');
	});

	it('restores a panel after a reload through its serializer, with the filters of its webview state', async () => {
		api.container.triagePanel.loaded?.panels.dispose();
		const view: TriageViewDto = { ...DEFAULT_TRIAGE_VIEW, kind: 'issue', sort: 'age' };
		const restored = vscode.window.createWebviewPanel(TRIAGE_VIEW_TYPE, 'Triage (restored)', vscode.ViewColumn.Active, { enableScripts: true });
		await triageSerializer(api.container.triagePanel).deserializeWebviewPanel(restored, { selectedId: 'x', checked: [], view });
		const panel = api.container.triagePanel.loaded!.panels.panel!;
		assert.equal(panel.panel, restored, 'the restored panel was not taken over');
		const s = await shown(panel, x => x.rows.length > 0, 'the restored panel shows nothing');
		assert.deepEqual(s.view, view);
		assert.ok(s.rows.every(r => r.kind === 'issue'), 'the kind filter was not restored');

		// a second restored panel while one is open is closed; the open one stays
		const second = vscode.window.createWebviewPanel(TRIAGE_VIEW_TYPE, 'Triage (second)', vscode.ViewColumn.Active, { enableScripts: true });
		let closed = false;
		second.onDidDispose(() => { closed = true; });
		await triageSerializer(api.container.triagePanel).deserializeWebviewPanel(second, { view: 'junk' });
		assert.ok(closed, 'a second triage panel was restored');
		assert.equal(api.container.triagePanel.loaded!.panels.panel, panel);
	});
});
