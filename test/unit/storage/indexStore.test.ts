import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RepoIndex, type CommentEvent, type IndexedItem } from '../../../src/core/repoIndex';
import { CacheStore } from '../../../src/storage/cacheStore';
import { indexEntryNames, RepoIndexStore } from '../../../src/storage/indexStore';

const HOST = 'github.com';
const ACCOUNT = 'mona';
const ROCKET = { owner: 'acme', name: 'rocket' };

function item(id: string, over: Partial<IndexedItem> = {}): IndexedItem {
	return { id, number: 1, kind: 'issue', title: id, closed: false, locked: false, author: 'octocat', association: 'NONE', createdAt: 1, updatedAt: 2, commentCount: 1, ...over };
}
function comment(id: string, itemId: string, over: Partial<CommentEvent> = {}): CommentEvent {
	return { id, itemId, author: 'mona', association: 'OWNER', createdAt: 1_500_000_000_000, isAnswer: false, minimized: false, ...over };
}
function sample(): RepoIndex {
	const index = new RepoIndex();
	index.upsertItem(item('I1'));
	index.upsertItem(item('D2', { kind: 'discussion', categoryId: 'CAT' }));
	index.upsertComment(comment('C1', 'I1'));
	index.upsertComment(comment('DC1', 'D2', { author: 'amy', isAnswer: true }));
	index.checkpoint = { done: ['openIssues'] };
	return index;
}

describe('RepoIndexStore', () => {
	let dir: string;
	let cache: CacheStore;
	let store: RepoIndexStore;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'cd-index-'));
		cache = new CacheStore({ baseDir: dir, now: () => 1_700_000_000_000 });
		store = new RepoIndexStore(cache, HOST, ACCOUNT, ROCKET);
	});
	afterEach(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	const path = (part: 'items' | 'comments') => cache.filePath(HOST, ACCOUNT, indexEntryNames(ROCKET)[part]);

	it('writes two files and reads the items first, the comments later', async () => {
		const saved = await store.save(sample());
		assert.equal(saved.comments.written && saved.items?.written, true);
		assert.ok(readFileSync(path('items')).length < readFileSync(path('comments')).length + 500);
		assert.equal(readFileSync(path('items'), 'utf8').includes('DC1'), false, 'no comment in the items file');

		const { index, needsRefetch } = await store.loadItems();
		assert.equal(needsRefetch, false);
		assert.deepEqual(index.items().map(i => i.id), ['I1', 'D2']);
		assert.equal(index.commentsLoaded, false);
		assert.deepEqual(await store.loadComments(index), { attached: true, needsRefetch: false });
		assert.deepEqual(index.comment('DC1'), sample().comment('DC1'));
		assert.deepEqual(index.checkpoint, { done: ['openIssues'] });
	});

	it('rebuilds cleanly from a cache of an older index format: refetch, old files moved aside, the next save loads', async () => {
		await store.save(sample());
		for (const [part, format] of [['items', 3], ['comments', 4]] as const) {
			const text = readFileSync(path(part), 'utf8');
			assert.ok(text.includes(`"format":${format}`));
			writeFileSync(path(part), text.replace(`"format":${format}`, `"format":${format - 1}`));
		}
		const loaded = await store.loadItems();
		assert.equal(loaded.needsRefetch, true);
		assert.equal(loaded.index.itemCount, 0);
		assert.ok(loaded.movedAside && existsSync(loaded.movedAside));
		await store.save(sample());
		const again = await store.loadItems();
		assert.equal(again.needsRefetch, false);
		assert.deepEqual(await store.loadComments(again.index), { attached: true, needsRefetch: false });
		assert.deepEqual(again.index.comment('DC1'), sample().comment('DC1'));
	});

	it('keys entries by repository, case-insensitively and without collisions', () => {
		assert.deepEqual(indexEntryNames({ owner: 'Acme', name: 'Rocket' }), indexEntryNames(ROCKET));
		assert.notEqual(indexEntryNames({ owner: 'a', name: 'b_c' }).items, indexEntryNames({ owner: 'a_b', name: 'c' }).items);
	});

	it('reports a missing cache as an empty, complete index that needs a sync', async () => {
		const { index, needsRefetch } = await store.loadItems();
		assert.equal(needsRefetch, true);
		assert.equal(index.itemCount, 0);
		assert.equal(index.commentsLoaded, true);
	});

	it('moves a corrupt items file aside', async () => {
		await store.save(sample());
		writeFileSync(path('items'), '{"schemaVersion":2,"host":"github.com","acc');
		const result = await store.loadItems();
		assert.equal(result.needsRefetch, true);
		assert.equal(result.movedAside, `${path('items')}.corrupt-1700000000000`);
		assert.equal(existsSync(path('items')), false);
	});

	it('keeps the items but drops the comments and the checkpoint when the comments file is corrupt', async () => {
		await store.save(sample());
		writeFileSync(path('comments'), 'garbage');
		const { index } = await store.loadItems();
		const result = await store.loadComments(index);
		assert.deepEqual({ attached: result.attached, needsRefetch: result.needsRefetch }, { attached: false, needsRefetch: true });
		assert.ok(result.movedAside);
		assert.equal(index.itemCount, 2);
		assert.equal(index.commentsLoaded, true);
		assert.equal(index.commentCount, 0);
		assert.equal(index.checkpoint, undefined);
	});

	it('attaches a torn pair by item id: comments of items the older items file lacks are left out', async () => {
		await store.save(sample());
		const oldItems = readFileSync(path('items'), 'utf8');
		const later = sample();
		later.upsertItem(item('I3'));
		later.upsertComment(comment('C3', 'I3'));
		await store.save(later);
		writeFileSync(path('items'), oldItems); // as if the process died between the two writes
		const { index } = await store.loadItems();
		assert.deepEqual(await store.loadComments(index), { attached: true, needsRefetch: false, torn: { dropped: 1, stale: 0 } });
		assert.equal(index.comment('C3'), undefined);
		assert.deepEqual(index.comment('DC1'), sample().comment('DC1'));
		assert.deepEqual(index.checkpoint, { done: ['openIssues'] }, 'the checkpoint of the items file stays');
	});

	it('moves aside a comments file whose rows do not decode, and discards the comments', async () => {
		await store.save(sample());
		const text = readFileSync(path('comments'), 'utf8');
		writeFileSync(path('comments'), text.replace(/"assoc":"\d+/, '"assoc":"99'));
		const { index } = await store.loadItems();
		const result = await store.loadComments(index);
		assert.deepEqual({ attached: result.attached, needsRefetch: result.needsRefetch }, { attached: false, needsRefetch: true });
		assert.equal(result.movedAside, `${path('comments')}.corrupt-1700000000000`);
		assert.equal(index.commentCount, 0);
		assert.equal(index.checkpoint, undefined);
	});

	it('yields to the event loop between slices of the attach', async () => {
		const big = sample();
		for (let i = 0; i < 20_000; i++) big.upsertComment(comment(`X${i}`, 'I1'));
		await store.save(big);
		const { index } = await store.loadItems();
		let pauses = 0;
		let clock = 0;
		const result = await store.loadComments(index, { sliceMs: 1, now: () => clock++, pause: async () => void pauses++ });
		assert.equal(result.attached, true);
		assert.equal(index.commentCount, 20_002);
		assert.ok(pauses >= 10, `paused ${pauses} times: once after the read, then between chunks`);
	});

	it('does not write the items when the comments are refused (the previous pair stays whole)', async () => {
		await store.save(sample());
		const before = readFileSync(path('items'), 'utf8');
		const tiny = new RepoIndexStore(new CacheStore({ baseDir: dir, maxBytes: 400 }), HOST, ACCOUNT, ROCKET);
		const big = sample();
		for (let i = 0; i < 50; i++) big.upsertComment(comment(`X${i}`, 'I1'));
		const result = await tiny.save(big);
		assert.equal(result.comments.written, false);
		assert.equal(result.items, undefined);
		assert.equal(readFileSync(path('items'), 'utf8'), before);
		const { index } = await store.loadItems();
		assert.equal((await store.loadComments(index)).attached, true);
	});
});
