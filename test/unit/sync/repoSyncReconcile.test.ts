import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheStore } from '../../../src/storage/cacheStore';
import { RECONCILE_INTERVAL_MS } from '../../../src/sync/reconcile';
import { isRepoSyncMeta, metaEntryName, RepoSync } from '../../../src/sync/repoSync';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { sandboxGraphql, sandboxSource } from './syncHelpers';

const ROCKET = { owner: 'acme', name: 'rocket' };
const NOW = new Date('2025-06-01T12:00:00Z');

describe('RepoSync: the daily reconcile', function () {
	this.timeout(60_000);
	let sb: Sandbox;
	let dir: string;
	let cache: CacheStore;
	let now: number;
	let focused: boolean;
	const make = () => new RepoSync({
		repo: ROCKET, host: 'sandbox', account: 'mona', cache, source: sandboxSource(sb), now: () => now, mayReconcile: () => focused,
	});
	const operations = () => sb.log.api('graphql').map(e => e.operationName);
	const storedMeta = async () => (await cache.load('sandbox', 'mona', metaEntryName(ROCKET), isRepoSyncMeta)).data;

	beforeEach(async () => {
		sb = await startSandbox({ port: 0, size: 'tiny', now: NOW, secondaryLimits: false });
		dir = mkdtempSync(join(tmpdir(), 'repo-reconcile-'));
		cache = new CacheStore({ baseDir: dir });
		now = NOW.getTime();
		focused = true;
	});
	afterEach(async () => {
		await sb?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('counts a cold sync as reconciled, reconciles a day later, and remembers it across a restart', async () => {
		const first = make();
		assert.equal((await first.sync()).complete, true);
		assert.equal((await storedMeta())?.reconciledAt, now, 'a cold sync lists everything');
		const issue = sb.store.nodeId(sb.store.thread('acme/rocket#1')!);
		await sandboxGraphql(sb, 'mutation($id: ID!) { deleteIssue(input: { issueId: $id }) { clientMutationId } }', { id: issue });

		now += RECONCILE_INTERVAL_MS - 60_000;
		sb.log.clear();
		const early = await first.sync();
		assert.deepEqual({ changed: early.changed, reconciled: early.reconciled }, { changed: 0, reconciled: undefined });
		assert.deepEqual(operations(), ['SyncChanges'], 'not due yet: a plain refresh');

		now += 60_000;
		sb.log.clear();
		const due = await first.sync();
		assert.deepEqual(due.reconciled, { removed: 1, updated: 0 });
		assert.equal(due.changed, 1, 'the trees and the triage queue rebuild as after a refresh');
		assert.deepEqual(operations(), ['SyncChanges', 'ReconcileOpenIds', 'ReconcileCheck']);
		assert.equal((await first.load()).item(issue), undefined);
		assert.equal((await storedMeta())?.reconciledAt, now);
		const lastClosed = (await first.load()).items().filter(i => i.closed).map(i => i.id).sort().at(-1);
		assert.ok(lastClosed);
		assert.equal((await storedMeta())?.closedCursor, lastClosed, 'the next reconcile checks the closed items after this one');

		sb.log.clear();
		const restarted = make();
		assert.equal((await restarted.load()).item(issue), undefined, 'the removal was saved');
		const after = await restarted.sync();
		assert.equal(after.reconciled, undefined, 'a restart does not redo it');
		assert.deepEqual(operations(), ['SyncChanges']);
	});

	it('waits for the window to be focused, unless the user asked for the refresh', async () => {
		const repo = make();
		await repo.sync();
		now += RECONCILE_INTERVAL_MS;
		focused = false;
		assert.equal((await repo.sync()).reconciled, undefined);
		assert.equal((await storedMeta())?.reconciledAt, NOW.getTime());
		focused = true;
		assert.deepEqual((await repo.sync()).reconciled, { removed: 0, updated: 0 });
		assert.equal((await storedMeta())?.reconciledAt, now);
		now += RECONCILE_INTERVAL_MS;
		focused = false;
		assert.deepEqual((await repo.sync(true)).reconciled, { removed: 0, updated: 0 }, 'a manual refresh reconciles when due');
		assert.equal((await repo.sync(true)).reconciled, undefined, 'but not twice a day');
	});

	it('lets a manual request that joins a queued background run reconcile', async () => {
		const repo = make();
		await repo.sync();
		now += RECONCILE_INTERVAL_MS;
		focused = false;
		const running = repo.sync();
		await new Promise(r => setTimeout(r, 0));
		const queuedBackground = repo.sync();
		const queuedManual = repo.sync(true);
		assert.notEqual(running, queuedBackground);
		assert.equal(queuedManual, queuedBackground, 'one queued run');
		assert.equal((await running).reconciled, undefined);
		assert.deepEqual((await queuedManual).reconciled, { removed: 0, updated: 0 });
	});
});
