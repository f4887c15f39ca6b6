import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RepoIndex } from '../../../src/core/repoIndex';
import { CacheStore } from '../../../src/storage/cacheStore';
import { indexEntryNames } from '../../../src/storage/indexStore';
import { isColdSyncComplete, RepoSync } from '../../../src/sync/repoSync';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { addSandboxComment, commentRows, expectedCounts, indexCounts, sandboxGraphql, sandboxSource } from './syncHelpers';

// A torn pair on disk: the items file and the comments file of two different saves (the process died
// between the two atomic writes, or one of them was refused). It must not cost a cold sync: the
// comments are attached by item id, and only what the pair lacks is fetched again.

const ROCKET = { owner: 'acme', name: 'rocket' };
const NOW = new Date('2025-06-01T12:00:00Z');
const REPLY = 'mutation($d: ID!, $c: ID!) { addDiscussionComment(input: { discussionId: $d, replyToId: $c, body: "a reply" }) { clientMutationId } }';

describe('RepoSync: a torn items/comments pair on disk', function () {
	this.timeout(60_000);
	let sb: Sandbox;
	let dir: string;
	let cache: CacheStore;
	const make = () => new RepoSync({ repo: ROCKET, host: 'sandbox', account: 'mona', cache, source: sandboxSource(sb), now: () => NOW.getTime() });
	const path = (part: 'items' | 'comments') => cache.filePath('sandbox', 'mona', indexEntryNames(ROCKET)[part]);

	beforeEach(async () => {
		sb = await startSandbox({ port: 0, size: 'demo', now: NOW, secondaryLimits: false });
		dir = mkdtempSync(join(tmpdir(), 'repo-sync-torn-'));
		cache = new CacheStore({ baseDir: dir });
	});
	afterEach(async () => {
		await sb?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/**
	 * Cold-syncs (the older pair), then changes GitHub: a comment on an issue, a top-level comment and
	 * a reply on a discussion, and syncs again (the newer pair). Returns both pairs' texts.
	 */
	async function twoSaves(): Promise<{ cold: number; older: Record<'items' | 'comments', string>; newer: Record<'items' | 'comments', string> }> {
		const first = make();
		const cold = await first.sync();
		assert.equal(cold.complete, true, String(cold.error));
		const older = { items: readFileSync(path('items'), 'utf8'), comments: readFileSync(path('comments'), 'utf8') };
		const index = await first.load();
		const issue = index.items().find(i => i.kind === 'issue' && i.commentCount > 0)!;
		const discussion = index.items().find(i => i.kind === 'discussion' && i.commentCount > 0)!;
		const parent = index.commentsOf(discussion.id).find(c => c.replyTo === undefined)!;
		await addSandboxComment(sb, issue.id, 'issue');
		await addSandboxComment(sb, discussion.id, 'discussion');
		await sandboxGraphql(sb, REPLY, { d: discussion.id, c: parent.id });
		const refresh = await first.sync();
		assert.equal(refresh.complete, true);
		assert.ok(refresh.changed >= 2);
		assertExact(index);
		const newer = { items: readFileSync(path('items'), 'utf8'), comments: readFileSync(path('comments'), 'utf8') };
		return { cold: cold.requests, older, newer };
	}

	const operations = (sandbox: Sandbox) => sandbox.log.api('graphql').map(e => e.operationName ?? '');

	/** No page of a cold sync's passes was fetched again. */
	function assertNoPages(sandbox: Sandbox, cold: number): void {
		const pages = operations(sandbox).filter(o => /^Sync(Lean)?(Issues|Discussions)$/.test(o));
		assert.deepEqual(pages, [], `no cold-sync page (a cold sync took ${cold} requests)`);
	}

	function assertExact(index: RepoIndex): void {
		assert.deepEqual(indexCounts(index), expectedCounts(sb, ROCKET.owner, ROCKET.name), 'the index holds exactly what GitHub has');
		const { ids } = commentRows(index);
		assert.equal(new Set(ids).size, ids.length, 'no comment twice');
		assert.equal(new Set(index.items().map(i => i.id)).size, index.itemCount, 'no item twice');
	}

	it('older items with newer comments: attaches by id and syncs with one refresh, not a cold sync', async () => {
		const { cold, older, newer } = await twoSaves();
		writeFileSync(path('items'), older.items);
		writeFileSync(path('comments'), newer.comments);
		sb.log.clear();
		const again = make();
		const result = await again.sync();
		assert.equal(result.complete, true, String(result.error));
		assert.deepEqual(result.recovered, { dropped: 0, stale: 0 });
		assertNoPages(sb, cold);
		// The refresh sees the items changed since the older file (with their comments); the changed
		// discussion's replies follow, as after any refresh.
		assert.deepEqual(operations(sb), ['SyncChanges', 'SyncReplies']);
		assert.ok(isColdSyncComplete(await again.load()));
		assertExact(await again.load());
	});

	it('newer items with older comments: refetches only the comments of the items that changed', async () => {
		const { cold, older, newer } = await twoSaves();
		writeFileSync(path('items'), newer.items);
		writeFileSync(path('comments'), older.comments);
		sb.log.clear();
		const again = make();
		const result = await again.sync();
		assert.equal(result.complete, true, String(result.error));
		assert.deepEqual(result.recovered, { dropped: 0, stale: 2 });
		assertNoPages(sb, cold);
		assert.deepEqual(operations(sb), ['SyncChanges', 'SyncCommentPages', 'SyncCommentPages', 'SyncReplies'], 'one batch of comment pages per kind, one of replies');
		const index = await again.load();
		assert.ok(isColdSyncComplete(index), 'the reopened comment passes are done again');
		assertExact(index);

		sb.log.clear();
		const idle = await make().sync();
		assert.deepEqual({ changed: idle.changed, recovered: idle.recovered }, { changed: 0, recovered: undefined }, 'the pair on disk is whole again');
		assert.equal(sb.log.api('graphql').length, 1);
	});
});
