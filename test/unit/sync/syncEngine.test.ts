import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RepoIndex } from '../../../src/core/repoIndex';
import { CacheStore } from '../../../src/storage/cacheStore';
import { RepoIndexStore } from '../../../src/storage/indexStore';
import { SyncEngine, type SyncProgress } from '../../../src/sync/syncEngine';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { addSandboxComment, commentRows, expectedCounts, indexCounts, sandboxSource } from './syncHelpers';

const ROCKET = { owner: 'acme', name: 'rocket' };
const DOCS = { owner: 'acme', name: 'rocket-docs' };
const NOW = new Date('2025-06-01T12:00:00Z');

function assertExactlyOnce(index: RepoIndex): void {
	const items = index.items();
	const { ids } = commentRows(index);
	assert.equal(new Set(items.map(i => i.id)).size, items.length, 'an item appears twice');
	assert.equal(new Set(ids).size, ids.length, 'a comment appears twice');
}

describe('SyncEngine against the GitHub sandbox', function () {
	this.timeout(60_000);

	describe('demo size', () => {
		let sb: Sandbox;
		beforeEach(async () => {
			sb = await startSandbox({ port: 0, size: 'demo', now: NOW, secondaryLimits: false });
		});
		afterEach(async () => {
			await sb?.close();
		});

		for (const repo of [ROCKET, DOCS]) {
			it(`cold-syncs ${repo.name}: every item and comment exactly once, open items first`, async () => {
				const index = new RepoIndex();
				const events: SyncProgress[] = [];
				const saves: number[] = [];
				const engine = new SyncEngine(repo, {
					source: sandboxSource(sb), index, onProgress: e => events.push(e),
					store: { save: async i => void saves.push(i.itemCount) },
				});
				const outcome = await engine.coldSync();
				assert.equal(outcome.complete, true);
				assert.deepEqual(indexCounts(index), expectedCounts(sb, repo.owner, repo.name));
				assertExactlyOnce(index);
				assert.equal(events[0]!.phase, 'openIssues');
				assert.equal(events[0]!.requests, 1, 'the first progress event comes after the first request');
				assert.ok(index.items().filter(i => i.kind === 'issue' && !i.closed).every(i => i.labels !== undefined));
				assert.deepEqual(index.checkpoint?.done.at(-1), 'replies');
				assert.ok(saves.length >= 7, 'saved at least once per pass');
			});
		}

		it('resumes an aborted backfill from its on-disk checkpoint without refetching finished pages', async () => {
			const index = new RepoIndex();
			const controller = new AbortController();
			let closedPages = 0;
			const first = new SyncEngine(ROCKET, {
				source: sandboxSource(sb), index, pageSize: 20,
				onProgress: e => e.phase === 'closedIssues' && ++closedPages === 2 && controller.abort(),
			});
			const stopped = await first.coldSync(controller.signal);
			assert.deepEqual({ complete: stopped.complete, stopped: stopped.stopped }, { complete: false, stopped: 'aborted' });
			assert.equal(index.checkpoint?.current?.pass, 'closedIssues');
			assert.ok(index.checkpoint!.current!.cursor);
			const before = sb.log.entries.length;
			const dir = mkdtempSync(join(tmpdir(), 'cd-sync-'));
			const disk = new RepoIndexStore(new CacheStore({ baseDir: dir }), 'github.com', 'mona', ROCKET);
			await disk.save(index);
			const { index: restored } = await disk.loadItems();
			await assert.rejects(new SyncEngine(ROCKET, { source: sandboxSource(sb), index: restored }).coldSync(), /still on disk/);
			assert.equal((await disk.loadComments(restored)).attached, true);
			rmSync(dir, { recursive: true, force: true });
			const resumed = await new SyncEngine(ROCKET, { source: sandboxSource(sb), index: restored, pageSize: 20 }).coldSync();
			const after = sb.log.api('graphql').filter(e => e.seq > sb.log.entries[before - 1]!.seq);
			assert.equal(resumed.complete, true);
			assert.equal(after.filter(e => e.operationName === 'SyncIssues').length, 0, 'open issues are not fetched again');
			const closedIssues = sb.store.repo('acme', 'rocket')!.issues.filter(t => t.kind === 'issue' && t.closed).length;
			assert.equal(after.filter(e => e.operationName === 'SyncLeanIssues').length, Math.ceil(closedIssues / 20) - 2, 'continues after the 2 stored pages');
			assert.deepEqual(indexCounts(restored), expectedCounts(sb, ROCKET.owner, ROCKET.name));
			assertExactlyOnce(restored);
		});

		it('refreshes with one request when nothing changed, and picks up exactly the changed items', async () => {
			const index = new RepoIndex();
			const engine = new SyncEngine(ROCKET, { source: sandboxSource(sb), index });
			await engine.coldSync();
			sb.log.clear();
			const idle = await engine.refresh();
			assert.deepEqual(idle.changed, []);
			assert.equal(idle.requests, 1);
			assert.equal(sb.log.totals('graphql').requests, 1);
			assert.equal(sb.log.totals('graphql').cost, 1);

			const issues = index.items().filter(i => i.kind === 'issue').slice(0, 4);
			const discussions = index.items().filter(i => i.kind === 'discussion').slice(0, 3);
			for (const item of [...issues, ...discussions]) {
				await addSandboxComment(sb, item.id, item.kind);
			}
			sb.log.clear();
			const result = await engine.refresh();
			assert.deepEqual([...result.changed].sort(), [...issues, ...discussions].map(i => i.id).sort());
			assert.equal(result.requests, 1);
			await engine.followUp();
			assert.deepEqual(indexCounts(index), expectedCounts(sb, ROCKET.owner, ROCKET.name));
			assertExactlyOnce(index);
		});

		it('sees changes made within the same second as the last stored one', async () => {
			const index = new RepoIndex();
			const engine = new SyncEngine(ROCKET, { source: sandboxSource(sb), index });
			await engine.coldSync();
			const frozen = sb.store.clock();
			sb.store.clock = () => frozen; // every write below lands in one and the same second
			const [first, second] = index.items().filter(i => i.kind === 'issue' && !i.closed);
			await addSandboxComment(sb, first!.id, 'issue');
			assert.deepEqual((await engine.refresh()).changed, [first!.id]);
			await addSandboxComment(sb, first!.id, 'issue');
			await addSandboxComment(sb, second!.id, 'issue');
			const again = await engine.refresh();
			assert.deepEqual([...again.changed].sort(), [first!.id, second!.id].sort(), 'both same-second changes are seen');
			assert.deepEqual((await engine.refresh()).changed, [], 'and nothing when nothing changed');
			await engine.followUp();
			assert.deepEqual(indexCounts(index), expectedCounts(sb, ROCKET.owner, ROCKET.name));
			assertExactlyOnce(index);
		});

		it('halves the page size after a 502 and still syncs everything', async () => {
			sb.faults.add({ mode: 'status', status: 502, kind: 'graphql', operationName: 'SyncLeanIssues', times: 3 });
			const index = new RepoIndex();
			const engine = new SyncEngine(ROCKET, { source: sandboxSource(sb), index });
			assert.equal((await engine.coldSync()).complete, true);
			assert.deepEqual(indexCounts(index), expectedCounts(sb, ROCKET.owner, ROCKET.name));
			assert.equal(engine.currentPageSize, 100, 'recovered');
			const lean = sb.log.api('graphql').filter(e => e.operationName === 'SyncLeanIssues');
			assert.equal(lean.filter(e => e.status === 502).length, 3);
			assert.ok(lean.some(e => e.status === 200 && e.nodeCount === 50 * 50), 'a page of 50 after the 502s');
		});

		it('stops with a saved checkpoint when the budget runs out, and resumes after the reset', async () => {
			const index = new RepoIndex();
			const saved: string[] = [];
			let pages = 0;
			const engine = new SyncEngine(ROCKET, {
				source: sandboxSource(sb), index, pageSize: 20, store: { save: async i => void saved.push(JSON.stringify(i.checkpoint)) },
				onProgress: e => e.phase === 'closedIssues' && ++pages === 2 && sb.exhaustBudget(),
			});
			const stopped = await engine.coldSync();
			assert.deepEqual({ complete: stopped.complete, stopped: stopped.stopped }, { complete: false, stopped: 'budget' });
			assert.ok(stopped.resumeAt! > Date.now() + 30 * 60_000, 'GitHub\'s reset time is passed on');
			assert.equal(index.checkpoint?.current?.pass, 'closedIssues');
			assert.equal(saved.at(-1), JSON.stringify(index.checkpoint), 'the checkpoint is saved');
			sb.resetBudgets(); // the hour is over: a client that has not seen the exhausted budget resumes
			assert.equal((await new SyncEngine(ROCKET, { source: sandboxSource(sb), index }).coldSync()).complete, true);
			assert.deepEqual(indexCounts(index), expectedCounts(sb, ROCKET.owner, ROCKET.name));
			assertExactlyOnce(index);
		});

		it('pauses background work when less than 20 % of the budget is left', async () => {
			const index = new RepoIndex();
			const source = sandboxSource(sb);
			const lowBudget = Object.create(source) as typeof source;
			Object.defineProperty(lowBudget, 'rateLimit', { get: () => ({ resource: 'graphql', limit: 5000, remaining: 900, resetAt: Date.now() + 60_000 }) });
			const outcome = await new SyncEngine(ROCKET, { source: lowBudget, index }).coldSync();
			assert.deepEqual({ complete: outcome.complete, stopped: outcome.stopped }, { complete: false, stopped: 'budget' });
			assert.deepEqual(index.checkpoint?.done, ['openIssues', 'openDiscussions', 'openOverflow']);
		});
	});
});

describe('SyncEngine on size L', function () {
	this.timeout(120_000);

	it('cold-syncs 10k issues and 3k discussions: every item exactly once, counts match the store', async () => {
		const sb = await startSandbox({ port: 0, size: 'L', now: NOW, secondaryLimits: false });
		try {
			const index = new RepoIndex();
			const outcome = await new SyncEngine(ROCKET, { source: sandboxSource(sb), index }).coldSync();
			assert.equal(outcome.complete, true);
			const stats = sb.store.stats();
			const counts = indexCounts(index);
			assert.equal(counts.issues, stats.issues);
			assert.equal(counts.discussions, stats.discussions);
			assert.equal(counts.discussionComments, stats.discussionComments);
			assert.equal(counts.replies, stats.replies);
			assert.deepEqual(counts, expectedCounts(sb, ROCKET.owner, ROCKET.name));
			assertExactlyOnce(index);
		} finally {
			await sb.close();
		}
	});
});
