import { strict as assert } from 'node:assert';
import {
	INDEX_FORMAT, isDroppedByFlags, isSerializedIndexComments, isSerializedIndexItems, isSerializedRepoIndex, RepoIndex, type CommentEvent, type IndexedItem,
} from '../../../src/core/repoIndex';

function item(id: string, over: Partial<IndexedItem> = {}): IndexedItem {
	return {
		id, number: Number(id.replace(/\D/g, '')) || 1, kind: 'issue', title: `Item ${id}`, closed: false, locked: false,
		author: 'octocat', association: 'NONE', createdAt: 1_000_000, updatedAt: 2_000_000, commentCount: 0, labels: ['bug'], assignees: [], ...over,
	};
}
function comment(id: string, itemId: string, over: Partial<CommentEvent> = {}): CommentEvent {
	return { id, itemId, author: 'mona', association: 'OWNER', createdAt: 1_500_000_000_000, isAnswer: false, minimized: false, ...over };
}

describe('RepoIndex', () => {
	it('upserts items and comments by id (an item synced twice appears once)', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1'));
		index.upsertItem(item('I1', { title: 'Renamed', updatedAt: 3_000_000 }));
		index.upsertComment(comment('C1', 'I1'));
		index.upsertComment(comment('C1', 'I1', { minimized: true }));
		assert.equal(index.itemCount, 1);
		assert.equal(index.item('I1')!.title, 'Renamed');
		assert.equal(index.commentCount, 1);
		assert.equal(index.comment('C1')!.minimized, true);
	});

	it('keeps known labels and assignees when a lean page does not carry them', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1', { labels: ['bug', 'help wanted'], assignees: ['mona'] }));
		index.upsertItem(item('I1', { labels: undefined, assignees: undefined, closed: true }));
		assert.deepEqual(index.item('I1')!.labels, ['bug', 'help wanted']);
		assert.deepEqual(index.item('I1')!.assignees, ['mona']);
		assert.equal(index.item('I1')!.closed, true);
	});

	it('refuses a comment of an unknown item', () => {
		assert.throws(() => new RepoIndex().upsertComment(comment('C1', 'nope')), /unknown item/);
	});

	it('tracks watermarks per kind', () => {
		const index = new RepoIndex();
		assert.equal(index.watermark('issue'), 0);
		index.upsertItem(item('I1', { updatedAt: 5 }));
		index.upsertItem(item('I2', { updatedAt: 9 }));
		index.upsertItem(item('D3', { kind: 'discussion', updatedAt: 7 }));
		assert.equal(index.watermark('issue'), 9);
		assert.equal(index.watermark('discussion'), 7);
	});

	it('lists discussion comments whose replies are pending and remembers overflow cursors', () => {
		const index = new RepoIndex();
		index.upsertItem(item('D1', { kind: 'discussion' }));
		index.upsertItem(item('I2'));
		index.upsertComment(comment('DC1', 'D1'));
		index.upsertComment(comment('DC2', 'D1'));
		index.upsertComment(comment('R1', 'D1', { replyTo: 'DC1' }));
		index.upsertComment(comment('IC1', 'I2'));
		assert.deepEqual(index.pendingReplyParents(), ['DC1', 'DC2']);
		index.markRepliesFetched('DC1');
		index.upsertComment(comment('DC1', 'D1', { isAnswer: true }));
		assert.deepEqual(index.pendingReplyParents(), ['DC2']);
		index.setCommentCursor('I2', 'abc');
		assert.deepEqual(index.pendingCommentPages(), [{ itemId: 'I2', kind: 'issue', cursor: 'abc' }]);
		index.setCommentCursor('I2', undefined);
		assert.deepEqual(index.pendingCommentPages(), []);
	});

	it('round-trips through JSON with interned authors, replies and the checkpoint', () => {
		const index = new RepoIndex();
		index.upsertItem(item('D1', { kind: 'discussion', author: 'zed', categoryId: 'CAT', isAnswered: true }));
		index.upsertItem(item('I2', { author: 'amy' }));
		index.upsertComment(comment('DC1', 'D1', { author: 'amy', isAnswer: true, association: 'CONTRIBUTOR' }));
		index.upsertComment(comment('R1', 'D1', { replyTo: 'DC1', author: 'bob', minimized: true }));
		index.upsertComment(comment('IC1', 'I2', { author: 'zed' }));
		index.markRepliesFetched('DC1');
		index.setCommentCursor('I2', 'cur');
		index.checkpoint = { done: ['openIssues'], current: { pass: 'closedIssues', cursor: 'xyz' } };
		const json = JSON.parse(JSON.stringify(index.toJSON())) as unknown;
		assert.ok(isSerializedRepoIndex(json));
		const back = RepoIndex.fromJSON(json);
		assert.deepEqual(back.items(), index.items());
		for (const id of ['DC1', 'R1', 'IC1']) {
			assert.deepEqual(back.comment(id), index.comment(id));
		}
		assert.deepEqual(back.commentsOf('D1').map(c => c.id), ['DC1', 'R1']);
		assert.deepEqual(back.pendingReplyParents(), []);
		assert.deepEqual(back.pendingCommentPages(), [{ itemId: 'I2', kind: 'issue', cursor: 'cur' }]);
		assert.deepEqual(back.checkpoint, index.checkpoint);
		back.upsertComment(comment('IC2', 'I2', { author: 'amy' }));
		assert.equal(back.comment('IC2')!.author, 'amy');
	});

	it('keeps minimized reasons, closedAt and answerChosenAt, and tells dropped reasons apart in the flags', () => {
		const index = new RepoIndex();
		index.upsertItem(item('D1', { kind: 'discussion', isAnswered: true, answerChosenAt: 7_000, closed: true, closedAt: 8_000 }));
		const reasons = ['spam', 'abuse', 'off-topic', 'outdated', 'resolved', 'duplicate'];
		reasons.forEach((r, i) => index.upsertComment(comment(`C${i}`, 'D1', { minimized: true, minimizedReason: r })));
		index.upsertComment(comment('C6', 'D1', { minimized: true, minimizedReason: 'OFF_TOPIC' }));
		index.upsertComment(comment('C7', 'D1', { minimized: true, minimizedReason: 'something-new' }));
		index.upsertComment(comment('C8', 'D1', { minimized: true }));
		index.upsertComment(comment('C9', 'D1'));
		const back = RepoIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())) as never);
		assert.deepEqual(back.item('D1'), index.item('D1'));
		assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map(i => back.comment(`C${i}`)!.minimizedReason),
			[...reasons, 'off-topic', 'other', undefined]);
		assert.equal(back.comment('C9')!.minimizedReason, undefined);
		const cols = back.commentColumns();
		const dropped = Array.from({ length: cols.length }, (_, row) => isDroppedByFlags(cols.flags[row]!));
		assert.deepEqual(dropped, [true, true, true, false, false, false, true, false, false, false]);
	});

	it('rejects a cache of an older format (it is rebuilt by a cold sync)', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1'));
		const json = JSON.parse(JSON.stringify(index.toJSON('g'))) as { items: object; comments: object };
		assert.equal(INDEX_FORMAT, 3);
		assert.equal(isSerializedIndexItems({ ...json.items, format: 2 }), false);
		assert.equal(isSerializedIndexComments({ ...json.comments, format: 2 }), false);
		assert.equal(isSerializedIndexItems({ ...json.items, items: [{ ...item('I1'), closedAt: 'yesterday' }] }), false);
	});

	it('rejects malformed serialized data', () => {
		const good = (() => {
			const index = new RepoIndex();
			index.upsertItem(item('I1'));
			index.upsertComment(comment('C1', 'I1'));
			return JSON.parse(JSON.stringify(index.toJSON('g1'))) as { items: Record<string, unknown>; comments: Record<string, unknown> & { comments: Record<string, unknown[]> } };
		})();
		const { items, comments } = good;
		assert.ok(isSerializedRepoIndex(good));
		assert.ok(isSerializedIndexItems(items));
		assert.ok(isSerializedIndexComments(comments));
		assert.equal(isSerializedIndexItems({ ...items, format: 1 }), false);
		assert.equal(isSerializedIndexItems({ ...items, generation: 7 }), false);
		assert.equal(isSerializedIndexItems({ ...items, items: [{ id: 1 }] }), false);
		assert.equal(isSerializedIndexItems({ ...items, items: [{ ...(items.items as object[])[0], labels: [1] }] }), false);
		assert.equal(isSerializedIndexItems({ ...items, checkpoint: { done: 'all' } }), false);
		assert.equal(isSerializedIndexComments({ ...comments, comments: { ...comments.comments, item: [5] } }), false);
		assert.equal(isSerializedIndexComments({ ...comments, itemCount: 0 }), false, 'an item reference past the item count');
		assert.equal(isSerializedIndexComments({ ...comments, comments: { ...comments.comments, author: [] } }), false);
		assert.equal(isSerializedIndexComments({ ...comments, cursors: { I1: 3 } }), false);
		assert.equal(isSerializedRepoIndex({ items, comments: null }), false);
		assert.equal(isSerializedRepoIndex(null), false);
	});

	it('loads the items part alone and attaches the comments part later', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1', { author: 'amy' }));
		index.upsertItem(item('D2', { kind: 'discussion' }));
		index.upsertComment(comment('C1', 'I1', { author: 'zed' }));
		index.upsertComment(comment('DC1', 'D2', { author: 'amy' }));
		index.upsertComment(comment('R1', 'D2', { author: 'bob', replyTo: 'DC1' }));
		index.setCommentCursor('I1', 'cur');
		index.checkpoint = { done: ['openIssues'] };
		const itemsPart = JSON.parse(JSON.stringify(index.toItemsJSON('g7'))) as unknown;
		const commentsPart = JSON.parse(JSON.stringify(index.toCommentsJSON('g7'))) as unknown;
		assert.ok(isSerializedIndexItems(itemsPart) && isSerializedIndexComments(commentsPart));

		const loaded = RepoIndex.fromItemsJSON(itemsPart);
		assert.deepEqual(loaded.items(), index.items());
		assert.equal(loaded.commentsLoaded, false);
		assert.equal(loaded.commentCount, 0);
		assert.throws(() => loaded.upsertComment(comment('C2', 'I1')), /not loaded/);
		loaded.upsertItem(item('I3'));
		assert.equal(loaded.attachComments(commentsPart), true);
		assert.equal(loaded.commentsLoaded, true);
		for (const id of ['C1', 'DC1', 'R1']) {
			assert.deepEqual(loaded.comment(id), index.comment(id));
		}
		assert.equal(loaded.topLevelCount('D2'), 1);
		assert.deepEqual(loaded.pendingCommentPages(), [{ itemId: 'I1', kind: 'issue', cursor: 'cur' }]);
		assert.deepEqual(loaded.checkpoint, { done: ['openIssues'] });
		assert.equal(loaded.attachComments(commentsPart), false, 'only once');
	});

	it('refuses a comments part of another generation and discards the comments, clearing the checkpoint', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1'));
		index.upsertComment(comment('C1', 'I1'));
		index.checkpoint = { done: ['openIssues', 'openDiscussions'] };
		const loaded = RepoIndex.fromItemsJSON(index.toItemsJSON('new'));
		assert.equal(loaded.attachComments(index.toCommentsJSON('old')), false);
		assert.equal(loaded.commentsLoaded, false);
		loaded.discardComments();
		assert.equal(loaded.commentsLoaded, true);
		assert.equal(loaded.commentCount, 0);
		assert.equal(loaded.checkpoint, undefined, 'the next cold sync starts over');
		assert.equal(loaded.itemCount, 1, 'the items stay for the trees');
	});
});
