import { strict as assert } from 'node:assert';
import {
	INDEX_FORMAT, isDroppedByFlags, isSerializedIndexItems, isSerializedRepoIndex, RepoIndex, type CommentEvent, type IndexedItem,
} from '../../../src/core/repoIndex';
import { COMMENTS_FORMAT, isSerializedIndexComments } from '../../../src/core/indexComments';

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

	it('finds an item by kind and number (an issue and a discussion may share a number)', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I7'));
		index.upsertItem(item('D7', { kind: 'discussion' }));
		assert.equal(index.itemByNumber('issue', 7)?.id, 'I7');
		assert.equal(index.itemByNumber('discussion', 7)?.id, 'D7');
		assert.equal(index.itemByNumber('issue', 8), undefined);
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
		assert.equal(COMMENTS_FORMAT, 4);
		assert.equal(isSerializedIndexItems({ ...json.items, format: 2 }), false);
		assert.equal(isSerializedIndexComments({ ...json.comments, format: 3 }), false);
		assert.equal(isSerializedIndexItems({ ...json.items, items: [{ ...item('I1'), closedAt: 'yesterday' }] }), false);
	});

	it('rejects malformed serialized data', () => {
		const good = (() => {
			const index = new RepoIndex();
			index.upsertItem(item('I1'));
			index.upsertComment(comment('C1', 'I1'));
			return JSON.parse(JSON.stringify(index.toJSON('g1'))) as { items: Record<string, unknown>; comments: Record<string, unknown> & { chunks: Record<string, string>[] } };
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
		assert.equal(isSerializedIndexComments({ ...comments, chunks: [{ ...comments.chunks[0], item: [5] }] }), false);
		assert.equal(isSerializedIndexComments({ ...comments, count: -1 }), false);
		assert.equal(isSerializedIndexComments({ ...comments, cursors: { I1: 3 } }), false);
		// Rows are checked as they are decoded: a bad value attaches nothing.
		const attach = (part: Record<string, unknown>) => RepoIndex.fromItemsJSON(items as never).attachComments(part as never);
		assert.ok(attach(comments));
		const chunk = comments.chunks[0]!;
		for (const bad of [{ item: '5' }, { author: '9' }, { assoc: '99' }, { flags: '64' }, { parent: '3' }, { created: 'x' }, { ids: '[1]' }, { ids: '["a","b"]' }, { ids: 'a b' }, { ids: '' }, { item: '0,0' }]) {
			assert.equal(attach({ ...comments, chunks: [{ ...chunk, ...bad }] }), undefined, JSON.stringify(bad));
		}
		assert.equal(attach({ ...comments, count: 2 }), undefined, 'a row count the chunks do not hold');
		assert.equal(attach({ ...comments, items: '["I1","I2"]' }), undefined, 'item ids and their times disagree');
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
		assert.deepEqual(loaded.attachComments(commentsPart), { torn: false, dropped: 0, stale: 0 });
		assert.equal(loaded.commentsLoaded, true);
		for (const id of ['C1', 'DC1', 'R1']) {
			assert.deepEqual(loaded.comment(id), index.comment(id));
		}
		assert.equal(loaded.topLevelCount('D2'), 1);
		assert.deepEqual(loaded.pendingCommentPages(), [{ itemId: 'I1', kind: 'issue', cursor: 'cur' }]);
		assert.deepEqual(loaded.checkpoint, { done: ['openIssues'] });
		assert.equal(loaded.attachComments(commentsPart), undefined, 'only once');
	});

	it('stores comment ids joined by spaces, and as JSON in the odd chunk whose ids GitHub would never send', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1'));
		index.upsertComment(comment('IC_kwDOA1', 'I1'));
		index.upsertComment(comment('IC_kwDOA2', 'I1'));
		assert.equal(index.toCommentsJSON('g').chunks[0]!.ids, 'IC_kwDOA1 IC_kwDOA2');
		index.upsertComment(comment('odd id', 'I1'));
		const part = index.toCommentsJSON('g');
		assert.equal(part.chunks[0]!.ids, '["IC_kwDOA1","IC_kwDOA2","odd id"]');
		const back = RepoIndex.fromItemsJSON(index.toItemsJSON('g'));
		assert.ok(back.attachComments(JSON.parse(JSON.stringify(part)) as never));
		assert.deepEqual(back.commentsOf('I1').map(c => c.id), ['IC_kwDOA1', 'IC_kwDOA2', 'odd id']);
	});

	it('keeps the index as it was until the last step of a stepwise attach adopts every row', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1'));
		for (let i = 0; i < 10_000; i++) index.upsertComment(comment(`C${i}`, 'I1', { author: `u${i % 7}` }));
		const loaded = RepoIndex.fromItemsJSON(index.toItemsJSON('g'));
		const attach = loaded.startAttach(index.toCommentsJSON('g'));
		let steps = 0;
		for (let state = attach.step(0, () => 1); !state.done; state = attach.step(0, () => 1)) {
			steps++;
			assert.equal(loaded.commentsLoaded, false);
			assert.equal(loaded.commentCount, 0);
			assert.equal(loaded.comment('C0'), undefined);
			assert.equal(loaded.startAttach(index.toCommentsJSON('g')).step(Infinity, () => 0).done, true, 'a second attach does nothing');
		}
		assert.ok(steps >= 4, `one unit a step: header, 3 chunks mapped, 3 decoded (${steps})`);
		assert.equal(loaded.commentsLoaded, true);
		assert.equal(loaded.commentCount, 10_000);
		assert.deepEqual(loaded.comment('C9999'), index.comment('C9999'));
		assert.equal(loaded.topLevelCount('I1'), 10_000);
	});

	it('abandons a stepwise attach when the comments are discarded meanwhile', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1'));
		index.upsertComment(comment('C1', 'I1'));
		const loaded = RepoIndex.fromItemsJSON(index.toItemsJSON('g'));
		const attach = loaded.startAttach(index.toCommentsJSON('g'));
		assert.equal(attach.step(0, () => 1).done, false);
		loaded.discardComments();
		assert.deepEqual(attach.step(Infinity, () => 0), { done: true, outcome: undefined });
		assert.equal(loaded.commentCount, 0);
	});

	it('attaches a comments part of another generation by item id: drops what the items lack, refetches what changed since', () => {
		const index = new RepoIndex();
		index.upsertItem(item('I1', { updatedAt: 10, commentCount: 1 }));
		index.upsertItem(item('D2', { kind: 'discussion', updatedAt: 10, commentCount: 1 }));
		index.upsertItem(item('I3', { updatedAt: 10, commentCount: 1 }));
		index.upsertComment(comment('C1', 'I1'));
		index.upsertComment(comment('DC1', 'D2'));
		index.upsertComment(comment('R1', 'D2', { replyTo: 'DC1' }));
		index.upsertComment(comment('C3', 'I3'));
		index.markRepliesFetched('DC1');
		index.setCommentCursor('I3', 'cur3');
		index.checkpoint = { done: ['openIssues', 'openDiscussions'] };
		const comments = index.toCommentsJSON('old');
		// The items part of another write: I3 is not in it, D2 changed since, I4 is new.
		const other = new RepoIndex();
		other.upsertItem(item('D2', { kind: 'discussion', updatedAt: 20, commentCount: 2 }));
		other.upsertItem(item('I1', { updatedAt: 10, commentCount: 1 }));
		other.upsertItem(item('I4', { updatedAt: 30, commentCount: 0 }));
		other.checkpoint = index.checkpoint;
		const loaded = RepoIndex.fromItemsJSON(other.toItemsJSON('new'));
		assert.deepEqual(loaded.attachComments(comments), { torn: true, dropped: 1, stale: 2 });
		assert.equal(loaded.commentsLoaded, true);
		assert.deepEqual(['C1', 'DC1', 'R1', 'C3'].map(id => loaded.comment(id)?.itemId), ['I1', 'D2', 'D2', undefined]);
		assert.equal(loaded.comment('R1')!.replyTo, 'DC1');
		assert.deepEqual(loaded.pendingCommentPages(), [{ itemId: 'D2', kind: 'discussion', cursor: '' }], 'D2 from the start; not I3 (unknown) nor I4 (no comments)');
		assert.deepEqual(loaded.pendingReplyParents(), ['DC1'], 'the changed discussion\'s replies are fetched again');
		assert.deepEqual(loaded.checkpoint, index.checkpoint, 'the checkpoint stays (the sync layer decides what to resume)');
		loaded.upsertComment(comment('C5', 'I4'));
		assert.equal(loaded.commentsOf('I4').length, 1);
	});

});
