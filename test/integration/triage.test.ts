// The triage queue inside a real extension host, against the GitHub sandbox (demo size): the command
// opens the one panel, and the queue computed from the synced index holds an unanswered Q&A discussion.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommunityDeskApi } from '../../src/extension';
import { TRIAGE_VIEW_TYPE } from '../../src/webviews/triagePanel';
import { eventually, EXTENSION_ID, sandboxToken } from './helpers';

const ROCKET = { owner: 'acme', name: 'rocket' };

describe('Triage queue', function () {
	this.timeout(90_000);
	let api: CommunityDeskApi;

	before(async () => {
		api = await vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID)!.activate();
		if ((await api.container.auth.state()).kind !== 'signedIn' && sandboxToken) await api.container.auth.storeToken(sandboxToken);
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
	});

	after(() => {
		api.container.triagePanels.dispose();
	});

	it('opens one panel from the command, with a non-empty queue holding an unanswered Q&A discussion', async () => {
		await vscode.commands.executeCommand('communityDesk.triage.open');
		const panel = await eventually(() => api.container.triagePanels.panel, p => p !== undefined, 'no triage panel opened', { timeoutMs: 20_000, intervalMs: 100 });
		assert.equal(panel!.panel.viewType, TRIAGE_VIEW_TYPE);
		await vscode.commands.executeCommand('communityDesk.triage.open');
		assert.equal(api.container.triagePanels.panel, panel, 'one panel, revealed again');
		const snapshot = await eventually(() => api.container.triage.refresh(), s => s.entries.length > 0 && s.pending.length === 0, 'the queue stays empty', { timeoutMs: 20_000, intervalMs: 100 });
		const index = await (await api.container.sync.repo(ROCKET)).load();
		const question = snapshot.entries.find(e => e.repo === 'acme/rocket' && e.kind === 'discussion' && e.categoryName === 'Q&A' && index.item(e.id)?.isAnswered === false);
		assert.ok(question, `no unanswered Q&A discussion in ${JSON.stringify(snapshot.entries.map(e => [e.repo, e.kind, e.number, e.categoryName, e.reason]))}`);
		await eventually(() => panel!.snapshot, s => s !== undefined && s.rows.length > 0, 'the panel shows no rows', { timeoutMs: 20_000, intervalMs: 100 });
	});

	it('acts only on ids of its queue and hides an item marked done', async () => {
		const panel = api.container.triagePanels.panel!;
		const before = panel.snapshot!.rows.length;
		await panel.receive({ kind: 'command', method: 'triage/done', params: { id: 'not-in-the-queue' } });
		await panel.receive({ kind: 'command', method: 'triage/done', params: { id: 42 } });
		assert.equal(panel.snapshot!.rows.length, before);
		const first = panel.snapshot!.rows[0]!;
		await panel.receive({ kind: 'command', method: 'triage/done', params: { id: first.id } });
		await eventually(() => panel.snapshot!, s => !s.rows.some(r => r.id === first.id), 'the done item is still shown', { timeoutMs: 20_000, intervalMs: 100 });
	});
});
