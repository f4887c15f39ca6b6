import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexCovers, localIssuePage } from '../../../src/core/indexSummaries';
import type { DiscussionCategory } from '../../../src/core/model';
import { CacheStore } from '../../../src/storage/cacheStore';
import { indexEntryNames } from '../../../src/storage/indexStore';
import { isColdSyncComplete, RepoSync } from '../../../src/sync/repoSync';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { expectedCounts, indexCounts, sandboxSource } from './syncHelpers';

const ROCKET = { owner: 'acme', name: 'rocket' };
const NOW = new Date('2025-06-01T12:00:00Z');
const CATEGORIES: DiscussionCategory[] = [{ id: 'C1', name: 'General', slug: 'general', emoji: '', isAnswerable: false }];

describe('RepoSync: index, disk cache and sync of one repository', function () {
	this.timeout(60_000);
	let sb: Sandbox;
	let dir: string;
	let cache: CacheStore;
	const make = (over: Partial<ConstructorParameters<typeof RepoSync>[0]> = {}) =>
		new RepoSync({ repo: ROCKET, host: 'sandbox', account: 'mona', cache, source: sandboxSource(sb), now: () => NOW.getTime(), ...over });

	beforeEach(async () => {
		sb = await startSandbox({ port: 0, size: 'demo', now: NOW, secondaryLimits: false });
		dir = mkdtempSync(join(tmpdir(), 'repo-sync-'));
		cache = new CacheStore({ baseDir: dir });
	});
	afterEach(async () => {
		await sb?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('cold-syncs once, then a second instance renders from disk with no request and refreshes in one', async () => {
		const passes: string[][] = [];
		const first = make({ onPassDone: done => passes.push([...done]) });
		assert.equal((await first.load()).itemCount, 0, 'no cache yet');
		const cold = await first.sync();
		assert.equal(cold.complete, true, String(cold.error));
		assert.ok(cold.changed > 0 && cold.requests > 1);
		assert.ok(passes.length >= 6 && passes[0]![0] === 'openIssues', JSON.stringify(passes));
		assert.equal(first.syncedAt, NOW.getTime());

		sb.log.clear();
		const second = make();
		const index = await second.load();
		assert.ok(isColdSyncComplete(index));
		assert.equal(second.syncedAt, NOW.getTime());
		const page = localIssuePage(index, { id: 'open', repo: ROCKET, user: 'mona', now: NOW, webUrl: 'https://github.com' }, undefined, 30);
		assert.ok(page && page.items.length > 0 && page.items.every(i => i.state === 'OPEN'));
		assert.deepEqual(await second.categories(async () => CATEGORIES), CATEGORIES);
		assert.deepEqual(await make().categories(async () => assert.fail('categories come from the disk cache')), CATEGORIES);
		assert.equal(sb.log.api().length, 0, 'loading from disk makes no request');

		const refresh = await second.sync();
		assert.deepEqual({ changed: refresh.changed, complete: refresh.complete }, { changed: 0, complete: true });
		assert.equal(sb.log.api().length, 1, 'an idle refresh is one request');
	});

	it('runs one sync at a time and queues one more', async () => {
		const sync = make();
		const a = sync.sync();
		assert.equal(sync.sync(), a, 'a request before the run starts joins it');
		await new Promise(r => setTimeout(r, 0));
		const [b, c] = [sync.sync(), sync.sync()];
		assert.ok(sync.syncing);
		assert.notEqual(a, b);
		assert.equal(b, c, 'requests during a run join the queued run');
		const [ra, rb] = await Promise.all([a, b]);
		assert.equal(ra.complete && rb.complete, true);
		assert.equal(rb.changed, 0, 'the queued run is a refresh');
		assert.equal(sync.syncing, false);
	});

	it('stops on abort, keeps what it stored and resumes later', async () => {
		const sync = make();
		const run = sync.sync();
		await new Promise(r => setTimeout(r, 30));
		await sync.abort();
		const stopped = await run;
		assert.equal(stopped.error, undefined);
		const resumed = await make().sync();
		assert.equal(resumed.complete, true, String(resumed.error));
	});

	it('Cancel Sync: an abort mid-backfill sends no further request, and the next sync resumes instead of starting over', async () => {
		const full = await make().sync();
		assert.equal(full.complete, true);
		rmSync(cache.partitionDir('sandbox', 'mona'), { recursive: true, force: true });
		sb.faults.add({ mode: 'latency', ms: 40, kind: 'graphql', times: null });
		const graphql = () => sb.log.api('graphql').length;
		sb.log.clear();
		const sync = make();
		const run = sync.sync();
		for (let i = 0; i < 200 && graphql() < 3; i++) await new Promise(r => setTimeout(r, 10));
		await sync.abort();
		const stopped = await run;
		assert.deepEqual({ complete: stopped.complete, error: stopped.error }, { complete: false, error: undefined });
		const atStop = graphql();
		assert.ok(atStop >= 3 && atStop < full.requests, `${atStop} of ${full.requests} requests before the stop`);
		await new Promise(r => setTimeout(r, 200));
		assert.equal(graphql(), atStop, 'nothing more after the abort resolved');
		assert.equal(sync.syncing, false);

		const index = await make().load();
		assert.ok(index.itemCount > 0 && !isColdSyncComplete(index), 'what was fetched is on disk, with its checkpoint');
		sb.log.clear();
		const resumed = make();
		const after = await resumed.sync();
		assert.equal(after.complete, true, String(after.error));
		// The refresh that comes first, then only the pages not fetched before the stop.
		assert.ok(atStop + after.requests <= full.requests + 1, `${atStop} + ${after.requests} requests; a whole cold sync takes ${full.requests}`);
		assert.deepEqual(indexCounts(await resumed.load()), expectedCounts(sb, ROCKET.owner, ROCKET.name), 'nothing lost or doubled');
	});

	it('moves a corrupt cache aside and starts over instead of throwing', async () => {
		await make().sync();
		const names = indexEntryNames(ROCKET);
		writeFileSync(cache.filePath('sandbox', 'mona', names.items), '{ not json');
		const sync = make();
		const index = await sync.load();
		assert.equal(index.itemCount, 0);
		assert.equal(indexCovers(index.checkpoint, 'open'), false, 'the trees fall back to GitHub');
		assert.ok(readdirSync(cache.partitionDir('sandbox', 'mona')).some(f => f.includes('.corrupt-')));
		assert.equal((await sync.sync()).complete, true);
	});

	it('reports a failure without throwing or writing', async () => {
		const failing = make({ source: sandboxSource(sb, 'ghp_not_a_real_token_at_all_000000000000') });
		const result = await failing.sync();
		assert.ok(result.error, 'the rejected token is reported');
		assert.ok(failing.lastError);
		assert.equal(existsSync(cache.partitionDir('sandbox', 'mona')), false, 'nothing written');
	});
});
