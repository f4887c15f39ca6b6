import { strict as assert } from 'node:assert';
import { indexTreeGroups } from '../../../src/core/indexTree';
import type { IndexedItem } from '../../../src/core/repoIndex';

function item(id: string, over: Partial<IndexedItem> = {}): IndexedItem {
	return { id, number: 1, kind: 'issue', title: id, closed: false, locked: false, author: 'octocat', association: 'NONE', createdAt: 1, updatedAt: 2, commentCount: 0, ...over };
}

describe('indexTreeGroups', () => {
	it('groups open issues and discussions by category, most recently updated first, one page each', () => {
		const items = [
			item('I1', { updatedAt: 10, number: 1 }),
			item('I2', { updatedAt: 30, number: 2 }),
			item('I3', { updatedAt: 50, closed: true }),
			item('I4', { updatedAt: 30, number: 4 }),
			item('D1', { kind: 'discussion', categoryId: 'B', updatedAt: 5 }),
			item('D2', { kind: 'discussion', categoryId: 'A', updatedAt: 7, closed: true }),
			item('D3', { kind: 'discussion', categoryId: 'A', updatedAt: 9 }),
			item('D4', { kind: 'discussion', updatedAt: 1 }),
		];
		const groups = indexTreeGroups(items, 2);
		assert.deepEqual(groups.map(g => g.key), ['issues', 'category:', 'category:A', 'category:B']);
		assert.deepEqual(groups[0]!.firstPage.map(i => i.id), ['I4', 'I2'], 'closed issues left out; ties by number');
		assert.deepEqual({ total: groups[0]!.total, open: groups[0]!.open }, { total: 3, open: 3 });
		assert.deepEqual(groups[2]!.firstPage.map(i => i.id), ['D3', 'D2']);
		assert.deepEqual({ kind: groups[2]!.kind, categoryId: groups[2]!.categoryId, total: groups[2]!.total, open: groups[2]!.open }, { kind: 'discussion', categoryId: 'A', total: 2, open: 1 });
	});

	it('does not reorder its input and returns nothing for no items', () => {
		const items = [item('I1', { updatedAt: 1 }), item('I2', { updatedAt: 2 })];
		indexTreeGroups(items, 10);
		assert.deepEqual(items.map(i => i.id), ['I1', 'I2']);
		assert.deepEqual(indexTreeGroups([], 10), []);
	});
});
