import { strict as assert } from 'node:assert';
import { isSerializedRepoIndex, RepoIndex, type CommentEvent, type IndexedItem } from '../../../src/core/repoIndex';

function item(id: string, over: Partial<IndexedItem> = {}): IndexedItem {
	return {
		id, number: Number(id.replace(/\D/g, '')) || 1, kind: 'discussion', title: `Item ${id}`, closed: false, locked: false,
		author: 'octocat', association: 'NONE', createdAt: 1_000_000, updatedAt: 2_000_000, commentCount: 0, ...over,
	};
}
function comment(id: string, itemId: string, over: Partial<CommentEvent> = {}): CommentEvent {
	return { id, itemId, author: `${itemId}-author`, association: 'MEMBER', createdAt: 1_500_000_000_000, isAnswer: false, minimized: false, ...over };
}

/** Three discussions with comments and replies, interleaved row by row. */
function filled(): RepoIndex {
	const index = new RepoIndex();
	['D1', 'D2', 'D3'].forEach(id => index.upsertItem(item(id)));
	index.upsertComment(comment('c1', 'D1'));
	index.upsertComment(comment('c2', 'D2', { isAnswer: true }));
	index.upsertComment(comment('c3', 'D3', { minimized: true }));
	index.upsertComment(comment('r2', 'D2', { replyTo: 'c2' }));
	index.upsertComment(comment('r3', 'D3', { replyTo: 'c3' }));
	index.upsertComment(comment('r1', 'D1', { replyTo: 'c1' }));
	index.markRepliesFetched('c3');
	index.setCommentCursor('D2', 'cursor-2');
	index.setCommentCursor('D3', 'cursor-3');
	return index;
}

describe('RepoIndex.removeItems', () => {
	it('removes items with their comments and replies and keeps every other row intact', () => {
		const index = filled();
		const before = ['c1', 'r1', 'c3', 'r3'].map(id => index.comment(id));
		assert.equal(index.removeItems(['D2', 'unknown']), 1);
		assert.deepEqual(index.items().map(i => i.id), ['D1', 'D3']);
		assert.equal(index.item('D2'), undefined);
		assert.equal(index.commentCount, 4);
		assert.equal(index.comment('c2'), undefined);
		assert.equal(index.comment('r2'), undefined);
		assert.deepEqual(['c1', 'r1', 'c3', 'r3'].map(id => index.comment(id)), before, 'items, parents and flags survive the renumbering');
		assert.deepEqual(index.commentsOf('D3').map(c => c.id), ['c3', 'r3']);
		assert.deepEqual(index.pendingCommentPages(), [{ itemId: 'D3', kind: 'discussion', cursor: 'cursor-3' }]);
		assert.deepEqual(index.pendingReplyParents(), ['c1'], 'the replies-fetched flag moved with its row');
		assert.equal(index.topLevelCount('D2'), 0);
		assert.equal(index.topLevelCount('D3'), 1);
	});

	it('keeps the columns consistent: scans see only live items, and the index round-trips through JSON', () => {
		const index = filled();
		index.removeItems(['D1', 'D3']);
		const cols = index.commentColumns();
		assert.equal(cols.length, 2);
		for (let row = 0; row < cols.length; row++) {
			assert.equal(index.items()[cols.item[row]!]!.id, 'D2');
			assert.equal(cols.authors[cols.author[row]!], 'D2-author');
		}
		const json = index.toJSON('g1');
		assert.ok(isSerializedRepoIndex(json));
		const back = RepoIndex.fromJSON(json);
		assert.deepEqual(back.commentsOf('D2'), index.commentsOf('D2'));
		assert.deepEqual(back.comment('r2')?.replyTo, 'c2');
	});

	it('accepts new items and comments after a removal', () => {
		const index = filled();
		index.removeItems(['D1']);
		index.upsertItem(item('D4'));
		index.upsertComment(comment('c4', 'D4'));
		index.upsertComment(comment('r4', 'D4', { replyTo: 'c4' }));
		assert.deepEqual(index.commentsOf('D4').map(c => [c.id, c.replyTo]), [['c4', undefined], ['r4', 'c4']]);
		assert.equal(index.commentCount, 6);
	});

	it('removes nothing when no id is known, and refuses while the comments are on disk', () => {
		const index = filled();
		assert.equal(index.removeItems([]), 0);
		assert.equal(index.commentCount, 6);
		const itemsOnly = RepoIndex.fromItemsJSON(index.toItemsJSON('g'));
		assert.throws(() => itemsOnly.removeItems(['D1']), /not loaded/);
		assert.equal(itemsOnly.itemCount, 3);
	});
});
