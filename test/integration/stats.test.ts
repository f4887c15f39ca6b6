// Community stats inside a real extension host, against the GitHub sandbox (demo size): the command
// opens the one panel, whose snapshot matches the report computed from the synced index; it acts
// only on people it showed; the exports write the expected files; "My engagement" shows the viewer;
// the weekly digest posts a discussion to the sandbox (presets skip the prompts).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DigestOutcome } from '../../src/commands/stats';
import { computeStats } from '../../src/core/stats';
import { escapeMarkdown } from '../../src/core/statsReport';
import type { CommunityDeskApi } from '../../src/extension';
import { statsWindowOf, type StatsViewDto } from '../../src/shared/statsProtocol';
import { STATS_VIEW_TYPE } from '../../src/features/statsHost';
import { eventually, EXTENSION_ID, sandboxToken } from './helpers';

const ROCKET = { owner: 'acme', name: 'rocket' };
const VIEW: StatsViewDto = { preset: '365', from: '', to: '', repo: 'acme/rocket' };

describe('Community stats', function () {
	this.timeout(120_000);
	let api: CommunityDeskApi;
	const dir = mkdtempSync(join(tmpdir(), 'cd-stats-'));

	before(async () => {
		api = await vscode.extensions.getExtension<CommunityDeskApi>(EXTENSION_ID)!.activate();
		if ((await api.container.auth.state()).kind !== 'signedIn' && sandboxToken) await api.container.auth.storeToken(sandboxToken);
		await vscode.commands.executeCommand('communityDesk.discussions.refresh');
	});

	after(() => {
		api.container.stats.loaded?.panels.dispose();
	});

	it('opens one panel whose snapshot is the report computed from the synced index', async () => {
		await vscode.commands.executeCommand('communityDesk.stats.open', { view: VIEW });
		const panel = await eventually(() => api.container.stats.loaded?.panels.panel, p => p !== undefined, 'no stats panel opened', { timeoutMs: 20_000, intervalMs: 100 });
		assert.equal(panel!.panel.viewType, STATS_VIEW_TYPE);
		await vscode.commands.executeCommand('communityDesk.stats.open');
		assert.equal(api.container.stats.loaded?.panels.panel, panel, 'one panel, revealed again');
		const snapshot = await eventually(async () => { await panel!.recompute(); return panel!.snapshot; },
			s => s?.status === 'ready' && s.cards.length > 0 && s.pending === '', 'the panel shows no numbers', { timeoutMs: 60_000, intervalMs: 500 });
		const index = await (await api.container.sync.repo(ROCKET)).load();
		const report = computeStats([{ repo: 'acme/rocket', items: index.items(), comments: index.commentColumns() }], { window: statsWindowOf(VIEW, Date.now()), now: Date.now() });
		assert.ok(!report.empty, 'the demo sandbox has activity in the last year');
		const board = snapshot!.lists.find(l => l.id === 'leaderboard')!;
		assert.ok(board.people.length > 0, 'the leaderboard is empty');
		assert.equal(board.people[0]!.login, report.people[0]!.login);
		const eligible = report.firstResponse.issue.team.eligible + report.firstResponse.discussion.team.eligible;
		assert.match(snapshot!.cards.find(c => c.id === 'responseRate')!.detail, new RegExp(` of ${eligible} items$`));
		assert.equal(snapshot!.charts.find(c => c.id === 'waiting')!.table.rows.length, 365);
		assert.deepEqual(snapshot!.repos.map(r => r.value), ['acme/rocket', 'acme/rocket-docs']);
	});

	it('shows a contributor card only for people it listed', async () => {
		const panel = api.container.stats.loaded!.panels.panel!;
		await panel.receive({ kind: 'command', method: 'stats/showPerson', params: { id: 'p:not-in-any-list' } });
		await panel.receive({ kind: 'command', method: 'stats/showPerson', params: { id: 42 } });
		const cardOf = () => panel.snapshot?.card;
		assert.equal(cardOf(), undefined);
		const first = panel.snapshot!.lists.find(l => l.id === 'leaderboard')!.people[0]!;
		await panel.receive({ kind: 'command', method: 'stats/showPerson', params: { id: first.id } });
		const card = cardOf();
		assert.equal(card?.login, first.login);
		assert.ok(card!.facts.length > 0 && card!.threads.length > 0, JSON.stringify(card));
		assert.ok(card!.threads.every(th => th.url.includes('/acme/rocket/')), 'threads of the shown repository only');
		await panel.receive({ kind: 'command', method: 'stats/closePerson' });
		assert.equal(cardOf(), undefined);
	});

	it('exports the window as Markdown and CSV files', async () => {
		const md = vscode.Uri.file(join(dir, 'stats.md'));
		const csv = vscode.Uri.file(join(dir, 'stats.csv'));
		const wroteMd = await vscode.commands.executeCommand<vscode.Uri | undefined>('communityDesk.stats.exportMarkdown', { view: VIEW, uri: md });
		const wroteCsv = await vscode.commands.executeCommand<vscode.Uri | undefined>('communityDesk.stats.exportCsv', { view: VIEW, uri: csv });
		assert.equal(wroteMd?.fsPath, md.fsPath);
		assert.equal(wroteCsv?.fsPath, csv.fsPath);
		const markdown = readFileSync(md.fsPath, 'utf8');
		assert.match(markdown, /^# /m, 'a Markdown heading');
		assert.match(markdown, /acme\/rocket/);
		const leader = api.container.stats.loaded!.panels.panel!.snapshot!.lists.find(l => l.id === 'leaderboard')!.people[0]!.login;
		assert.ok(markdown.includes(`[${escapeMarkdown(leader)}](`), `the Markdown links the top person ${leader}`);
		const lines = readFileSync(csv.fsPath, 'utf8').trim().split(/\r?\n/);
		assert.ok(lines.length > 3, 'a header and rows');
		assert.ok(lines.every(l => l.split(',').length >= 2), 'comma-separated');
	});

	it('shows the signed-in user beside the community median in "My engagement"', async () => {
		await vscode.commands.executeCommand('communityDesk.engagement.focus');
		const snapshot = await eventually(() => api.container.stats.loaded?.engagement.snapshot, s => s?.status === 'ready', 'My engagement shows nothing', { timeoutMs: 30_000, intervalMs: 200 });
		assert.equal(snapshot!.login, 'mona');
		assert.deepEqual(snapshot!.rows.map(r => r.id), ['comments', 'answersMarked', 'firstResponses', 'opened', 'activeDays', 'score']);
	});

	it('posts the weekly digest as a discussion in the chosen category', async () => {
		const categories = await api.container.client.listDiscussionCategories(ROCKET);
		const announcements = categories.find(c => c.slug === 'announcements');
		assert.ok(announcements, JSON.stringify(categories.map(c => c.slug)));
		const outcome = await vscode.commands.executeCommand<DigestOutcome>('communityDesk.stats.digest', {
			scope: 'acme/rocket', repo: 'acme/rocket', categoryId: announcements.id, confirmed: true, noPreview: true,
		});
		assert.equal(outcome.error, undefined);
		assert.equal(outcome.cancelled, false);
		assert.ok(outcome.number && outcome.url?.endsWith(`/acme/rocket/discussions/${outcome.number}`), JSON.stringify(outcome));
		const thread = await api.container.client.getThread(ROCKET, 'discussion', outcome.number);
		assert.match(thread.title, /^Community digest: /);
		assert.equal(thread.category?.name, 'Announcements');
		assert.ok(thread.body.length > 50, thread.body);
	});

	it('posts nothing when the category is not one of the repository\'s', async () => {
		const before = (await api.container.client.listDiscussions(ROCKET, { first: 1 })).totalCount;
		const outcome = await vscode.commands.executeCommand<DigestOutcome>('communityDesk.stats.digest', {
			scope: 'acme/rocket', repo: 'acme/rocket', categoryId: 'DIC_not_a_category', confirmed: true, noPreview: true,
		});
		assert.equal(outcome.cancelled, true);
		assert.equal((await api.container.client.listDiscussions(ROCKET, { first: 1 })).totalCount, before);
	});
});
