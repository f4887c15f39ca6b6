import { strict as assert } from 'node:assert';
import type { Thread, ThreadComment } from '../../../src/core/model';
import { ThreadCache, threadChars } from '../../../src/core/threadCache';

const UPDATED = '2024-03-01T10:00:00Z';
const AT = Date.parse(UPDATED);
const SCOPE = 'github.com\nmona';

const comment = (id: string, body: string, replies: ThreadComment[] = []): ThreadComment => ({
	id, url: `https://github.com/acme/rocket/discussions/1#${id}`, author: 'octocat', authorAssociation: 'NONE', createdAt: UPDATED,
	body, bodyHTML: `<p>${body}</p>`, isAnswer: false, isMinimized: false, reactions: [], replies, hasMoreReplies: false,
});
const thread = (number: number, over: Partial<Thread> = {}): Thread => ({
	kind: 'discussion', repo: { owner: 'acme', name: 'rocket' }, id: `D_${number}`, number, title: 'title', url: `https://github.com/acme/rocket/discussions/${number}`,
	state: 'OPEN', labels: [], author: 'mona', authorAssociation: 'OWNER', createdAt: UPDATED, updatedAt: UPDATED, body: 'body', bodyHTML: '<p>body</p>',
	locked: false, reactions: [], commentCount: 1, hasMoreComments: false, comments: [comment(`C_${number}`, 'hi', [comment(`R_${number}`, 'yo')])], ...over,
});
const key = (n: number) => `github.com/acme/rocket/discussion/${n}`;
const fresh = (updatedAt = AT) => ({ scope: SCOPE, updatedAt });

describe('ThreadCache', () => {
	it('serves a thread while the index knows of no later update, and drops it once it does', () => {
		const cache = new ThreadCache();
		cache.put(key(1), SCOPE, thread(1));
		assert.equal(cache.get(key(1), fresh())?.id, 'D_1');
		assert.equal(cache.get(key(1), fresh(AT - 60_000))?.id, 'D_1', 'an index behind the page is no reason to refetch');
		assert.equal(cache.get(key(1), fresh(AT + 1000)), undefined, 'the index saw a later update');
		assert.equal(cache.size, 0, 'the stale entry is gone');
		assert.equal(cache.get(key(1), fresh()), undefined);
	});

	it('serves nothing the index cannot vouch for, nor to another account', () => {
		const cache = new ThreadCache();
		cache.put(key(1), SCOPE, thread(1));
		assert.equal(cache.get(key(1), undefined), undefined, 'not in the index');
		assert.equal(cache.get(key(2), fresh()), undefined, 'another thread');
		assert.equal(cache.get(key(1), { scope: 'github.com\nhubot', updatedAt: AT }), undefined, 'another account');
		assert.equal(cache.size, 0);
	});

	it('forgets a thread by locator key or node id (a write to it)', () => {
		const cache = new ThreadCache();
		cache.put(key(1), SCOPE, thread(1));
		cache.put(key(2), SCOPE, thread(2));
		cache.invalidate(key(1));
		cache.invalidate('D_2');
		assert.equal(cache.size, 0);
		assert.equal(cache.totalChars, 0);
		assert.equal(cache.get(key(1), fresh()), undefined);
		assert.equal(cache.get(key(2), fresh()), undefined);
	});

	it('evicts the least recently used thread beyond its count', () => {
		const cache = new ThreadCache({ maxEntries: 3 });
		for (const n of [1, 2, 3]) cache.put(key(n), SCOPE, thread(n));
		assert.ok(cache.get(key(1), fresh()), 'touch 1: 2 is now the oldest');
		cache.put(key(4), SCOPE, thread(4));
		assert.equal(cache.size, 3);
		assert.deepEqual([1, 2, 3, 4].map(n => cache.get(key(n), fresh())?.number), [1, undefined, 3, 4]);
	});

	it('is bounded by the characters of the bodies it holds too', () => {
		const big = (n: number) => thread(n, { body: 'x'.repeat(400) });
		const each = threadChars(big(1));
		const cache = new ThreadCache({ maxEntries: 30, maxChars: each * 2 + 10 });
		for (const n of [1, 2, 3]) cache.put(key(n), SCOPE, big(n));
		assert.equal(cache.size, 2);
		assert.ok(cache.totalChars <= each * 2 + 10);
		assert.equal(cache.get(key(1), fresh()), undefined, 'the oldest went first');
		cache.put(key(9), SCOPE, thread(9, { body: 'y'.repeat(each * 3) }));
		assert.equal(cache.get(key(9), fresh()), undefined, 'a thread larger than the whole cache is not kept');
		assert.equal(cache.size, 2, 'and evicts nothing');
	});

	it('replaces a thread fetched again and counts every body, reply bodies included', () => {
		const cache = new ThreadCache();
		cache.put(key(1), SCOPE, thread(1));
		cache.put(key(1), SCOPE, thread(1, { updatedAt: '2024-03-02T00:00:00Z', body: 'edited' }));
		assert.equal(cache.size, 1);
		assert.equal(cache.get(key(1), fresh(AT + 1000))?.body, 'edited');
		const t = thread(1);
		assert.equal(threadChars(t), 'title'.length + 'body'.length + '<p>body</p>'.length + 'hi'.length + '<p>hi</p>'.length + 'yo'.length + '<p>yo</p>'.length);
		assert.equal(cache.totalChars, threadChars(thread(1, { body: 'edited' })));
	});
});
