import { strict as assert } from 'node:assert';
import type { AddCommentOptions, CommentTarget, PostedComment, Thread, ThreadLocator } from '../../../src/core/model';
import type { ThreadFreshness } from '../../../src/core/threadCache';
import { ThreadFetcher } from '../../../src/webviews/threadFetcher';

const UPDATED = '2024-03-01T10:00:00Z';
const REPO = { owner: 'acme', name: 'rocket' };
const REF: ThreadLocator = { repo: REPO, kind: 'issue', number: 7 };

/** A fake client counting `getThread` calls; each answer is released by the test when `hold` is set. */
function fakeClient(hold = false) {
	let calls = 0;
	const waiting: (() => void)[] = [];
	const thread = (n: number): Thread => ({
		kind: 'issue', repo: REPO, id: 'I_7', number: 7, title: `v${n}`, url: 'https://github.com/acme/rocket/issues/7', state: 'OPEN', labels: [],
		author: 'mona', authorAssociation: 'OWNER', createdAt: UPDATED, updatedAt: UPDATED, body: 'b', bodyHTML: '', locked: false, reactions: [],
		commentCount: 0, hasMoreComments: false, comments: [],
	});
	const client = {
		getThread: async () => {
			const n = ++calls;
			if (hold) await new Promise<void>(resolve => waiting.push(resolve));
			return thread(n);
		},
		addComment: async (_t: CommentTarget, _b: string, _o: AddCommentOptions): Promise<PostedComment> => ({ id: 'IC_1', url: 'u', createdAt: UPDATED, author: 'mona', body: 'hi' }),
		findComment: async () => undefined,
	};
	return { client, calls: () => calls, release: () => waiting.splice(0).forEach(r => r()) };
}

describe('ThreadFetcher: thread first pages through the body LRU', () => {
	let known: ThreadFreshness | undefined;
	beforeEach(() => {
		known = { scope: 'github.com\nmona', updatedAt: Date.parse(UPDATED) };
	});

	it('fetches an unchanged thread once, and again when forced or when the index saw an update', async () => {
		const fake = fakeClient();
		const fetcher = new ThreadFetcher({ client: fake.client, host: () => 'github.com', freshness: () => known });
		assert.equal((await fetcher.fetch(REF)).title, 'v1');
		assert.equal((await fetcher.fetch(REF)).title, 'v1');
		assert.equal(fake.calls(), 1);
		assert.equal((await fetcher.fetch(REF, true)).title, 'v2', 'the refresh button');
		assert.equal((await fetcher.fetch(REF)).title, 'v2', 'and the forced page is kept');
		known = { ...known!, updatedAt: known!.updatedAt + 1000 };
		assert.equal((await fetcher.fetch(REF)).title, 'v3');
		assert.equal(fake.calls(), 3);
	});

	it('caches nothing the index does not know', async () => {
		known = undefined;
		const fake = fakeClient();
		const fetcher = new ThreadFetcher({ client: fake.client, host: () => 'github.com', freshness: () => known });
		await fetcher.fetch(REF);
		await fetcher.fetch(REF);
		assert.equal(fake.calls(), 2);
	});

	it('shares one request in flight, and does not keep a page fetched across a write', async () => {
		const fake = fakeClient(true);
		const fetcher = new ThreadFetcher({ client: fake.client, host: () => 'github.com', freshness: () => known });
		const a = fetcher.fetch(REF);
		const b = fetcher.fetch(REF);
		await Promise.resolve();
		assert.equal(fake.calls(), 1, 'the panel\'s load and the webview\'s ready share a request');
		fetcher.invalidate(REF);
		fake.release();
		assert.equal((await a).title, 'v1');
		assert.equal(await b, await a);
		const c = fetcher.fetch(REF);
		await Promise.resolve();
		fake.release();
		assert.equal((await c).title, 'v2', 'the page fetched before the write was not kept');
	});

	it('invalidates a thread written to through the reply client, by locator and id', async () => {
		const fake = fakeClient();
		const fetcher = new ThreadFetcher({ client: fake.client, host: () => 'github.com', freshness: () => known });
		await fetcher.fetch(REF);
		const replies = fetcher.invalidatingWrites(fake.client);
		await replies.addComment({ ...REF, repo: { owner: 'ACME', name: 'Rocket' }, id: 'I_7' }, 'hi', { clientId: 'x' });
		await fetcher.fetch(REF);
		assert.equal(fake.calls(), 2, 'the next open fetches again');
		await fetcher.fetch(REF);
		assert.equal(fake.calls(), 2);
		fetcher.invalidate({ repo: { owner: 'elsewhere', name: 'x' }, kind: 'issue', number: 1, id: 'I_7' });
		await fetcher.fetch(REF);
		assert.equal(fake.calls(), 3, 'by node id too');
	});
});
