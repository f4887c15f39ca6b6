import { strict as assert } from 'node:assert';
import {
	categoryDiscussions, indexCovers, isLocalCursor, localDiscussionPage, localIssuePage, pageLocally, queryIssues, toDiscussionSummaryFromIndex, toIssueSummaryFromIndex,
} from '../../../src/core/indexSummaries';
import type { IndexedItem, SyncCheckpoint } from '../../../src/core/repoIndex';
import { describeDiscussion, describeIssue } from '../../../src/core/treeItems';
import { englishT } from '../../../src/core/l10n';

const REPO = { owner: 'acme', name: 'rocket' };
const NOW = new Date('2025-06-01T12:00:00Z');
const DAY = 86_400_000;
const ALL: SyncCheckpoint = { done: ['openIssues', 'openDiscussions', 'openOverflow', 'closedIssues', 'closedDiscussions', 'overflow', 'replies'] };

function item(id: string, over: Partial<IndexedItem> = {}): IndexedItem {
	return { id, number: 1, kind: 'issue', title: id, closed: false, locked: false, author: 'octocat', association: 'NONE', createdAt: NOW.getTime() - 30 * DAY, updatedAt: NOW.getTime() - DAY, commentCount: 0, ...over };
}

describe('indexSummaries', () => {
	it('answers a query only once the passes it needs are done', () => {
		assert.equal(indexCovers(undefined, 'open'), false);
		assert.equal(indexCovers({ done: [] }, 'open'), false);
		assert.equal(indexCovers({ done: ['openIssues'] }, 'open'), true);
		assert.equal(indexCovers({ done: ['openIssues'] }, 'assigned'), true);
		assert.equal(indexCovers({ done: ['openIssues'] }, 'recent'), false, 'recently closed issues come with the backfill');
		assert.equal(indexCovers({ done: ['openIssues', 'openDiscussions'] }, 'discussions'), false);
		assert.equal(indexCovers(ALL, 'discussions'), true);
	});

	it('lists a category\'s discussions, most recently updated first, ties by number', () => {
		const items = [
			item('D1', { kind: 'discussion', categoryId: 'A', number: 1, updatedAt: 10 }),
			item('D2', { kind: 'discussion', categoryId: 'A', number: 2, updatedAt: 30, closed: true }),
			item('D3', { kind: 'discussion', categoryId: 'B', number: 3, updatedAt: 50 }),
			item('D4', { kind: 'discussion', categoryId: 'A', number: 4, updatedAt: 30 }),
			item('I5', { number: 5, updatedAt: 99 }),
		];
		assert.deepEqual(categoryDiscussions(items, 'A').map(i => i.id), ['D4', 'D2', 'D1']);
		assert.deepEqual(items.map(i => i.id), ['D1', 'D2', 'D3', 'D4', 'I5'], 'the input is not reordered');
	});

	it('answers Open, Assigned to me and Recently updated like the GitHub filters', () => {
		const items = [
			item('I1', { number: 1, updatedAt: NOW.getTime() - 1 * DAY, assignees: ['Mona'] }),
			item('I2', { number: 2, updatedAt: NOW.getTime() - 20 * DAY, assignees: ['octocat'] }),
			item('I3', { number: 3, updatedAt: NOW.getTime() - 2 * DAY, closed: true, assignees: ['mona'] }),
			item('I4', { number: 4, updatedAt: NOW.getTime() - 40 * DAY, closed: true }),
			item('D5', { kind: 'discussion', number: 5, updatedAt: NOW.getTime() }),
		];
		assert.deepEqual(queryIssues(items, 'open', 'mona', NOW).map(i => i.id), ['I1', 'I2']);
		assert.deepEqual(queryIssues(items, 'assigned', 'mona', NOW).map(i => i.id), ['I1'], 'open only, login case-insensitive');
		assert.deepEqual(queryIssues(items, 'recent', 'mona', NOW).map(i => i.id), ['I1', 'I3'], 'open and closed of the last 14 days');
	});

	it('pages locally with an offset cursor and no cursor on the last page', () => {
		const list = [1, 2, 3, 4, 5];
		const first = pageLocally(list, undefined, 2);
		assert.deepEqual(first, { items: [1, 2], totalCount: 5, nextCursor: 'local:2' });
		assert.ok(isLocalCursor(first.nextCursor));
		const second = pageLocally(list, first.nextCursor, 2);
		assert.deepEqual(second.items, [3, 4]);
		const last = pageLocally(list, second.nextCursor, 2);
		assert.deepEqual(last, { items: [5], totalCount: 5 });
		assert.equal(isLocalCursor('Y3Vyc29y'), false);
		assert.deepEqual(pageLocally([], undefined, 30), { items: [], totalCount: 0 });
		assert.deepEqual(pageLocally(list, 'local:garbage', 10).items, list, 'a bad offset starts over');
	});

	it('turns index items into summaries the describe functions accept, with URLs from the web URL', () => {
		const d = toDiscussionSummaryFromIndex(item('D1', { kind: 'discussion', number: 7, categoryId: 'C', isAnswered: false, labels: ['question'], commentCount: 3 }), REPO, 'https://ghe.example.com/');
		assert.equal(d.url, 'https://ghe.example.com/acme/rocket/discussions/7');
		assert.equal(d.isAnswered, false);
		assert.deepEqual(d.labels.map(l => l.name), ['question']);
		const row = describeDiscussion(d, { t: englishT, locale: 'en', now: NOW });
		assert.equal(row.label, '#7 D1');
		assert.equal(row.contextValue, 'discussion:open:unanswered');
		const plain = toDiscussionSummaryFromIndex(item('D2', { kind: 'discussion' }), REPO, 'https://github.com');
		assert.equal('isAnswered' in plain, false, 'not answerable: no answered state');

		const i = toIssueSummaryFromIndex(item('I1', { number: 9, closed: true, stateReason: 'NOT_PLANNED', labels: ['bug'], assignees: ['mona'] }), REPO, 'https://github.com');
		assert.equal(i.url, 'https://github.com/acme/rocket/issues/9');
		assert.equal(i.state, 'CLOSED');
		assert.equal(i.updatedAt, new Date(NOW.getTime() - DAY).toISOString());
		const issueRow = describeIssue(i, { t: englishT, locale: 'en', now: NOW });
		assert.equal(issueRow.icon, 'circle-slash');
		assert.ok(issueRow.tooltip.includes('Labels: bug'));
		assert.ok(issueRow.tooltip.includes('Assigned to mona'));
	});

	it('gives a local page only when the index covers the query', () => {
		const items = [item('I1', { number: 1 }), item('D2', { kind: 'discussion', number: 2, categoryId: 'C' })];
		const partial = { items: () => items, checkpoint: { done: ['openIssues'] } };
		const query = { id: 'open', repo: REPO, user: 'mona', now: NOW, webUrl: 'https://github.com' };
		assert.deepEqual(localIssuePage(partial, query, undefined, 30)?.items.map(x => x.number), [1]);
		assert.equal(localIssuePage(partial, { ...query, id: 'mentioned' }, undefined, 30), undefined, 'mentions need GitHub');
		assert.equal(localIssuePage({ items: () => items, checkpoint: undefined }, query, undefined, 30), undefined, 'empty index: live');
		assert.equal(localDiscussionPage(partial, 'C', REPO, 'https://github.com', undefined, 30), undefined);
		const full = { items: () => items, checkpoint: ALL };
		assert.deepEqual(localDiscussionPage(full, 'C', REPO, 'https://github.com', undefined, 30)?.items.map(x => x.number), [2]);
	});
});
