import { strict as assert } from 'node:assert';
import { indexLogin, toCommentEvent, toIndexedItem } from '../../../src/github/syncMappers';
import type { RawSyncComment, RawSyncItem } from '../../../src/github/syncQueries';

function rawComment(over: Partial<RawSyncComment> = {}): RawSyncComment {
	return { id: 'C1', author: { __typename: 'User', login: 'amy' }, authorAssociation: 'NONE', createdAt: '2025-05-01T10:00:00Z', isMinimized: false, minimizedReason: null, ...over };
}
function rawItem(over: Partial<RawSyncItem> = {}): RawSyncItem {
	return {
		id: 'D1', number: 7, title: 'How?', closed: false, stateReason: null, locked: false, createdAt: '2025-05-01T00:00:00Z', updatedAt: '2025-05-02T00:00:00Z',
		author: { __typename: 'User', login: 'zed' }, authorAssociation: 'NONE', category: { id: 'CAT' }, isAnswered: false, comments: { totalCount: 0, nodes: [] }, ...over,
	};
}

describe('sync mappers: data for the stats', () => {
	it('keeps bots recognisable: GraphQL Bot logins get the [bot] suffix, deleted accounts become ghost', () => {
		assert.equal(indexLogin({ __typename: 'Bot', login: 'github-actions' }), 'github-actions[bot]');
		assert.equal(indexLogin({ __typename: 'Bot', login: 'dependabot[bot]' }), 'dependabot[bot]');
		assert.equal(indexLogin({ __typename: 'User', login: 'amy' }), 'amy');
		assert.equal(indexLogin({ login: 'amy' }), 'amy');
		assert.equal(indexLogin(null), 'ghost');
		assert.equal(toCommentEvent(rawComment({ author: { __typename: 'Bot', login: 'welcome' } }), 'D1').author, 'welcome[bot]');
		assert.equal(toIndexedItem(rawItem({ author: null }), 'discussion').author, 'ghost');
	});

	it('keeps the minimized reason of a minimized comment only, in GraphQL\'s lower-case form', () => {
		assert.equal(toCommentEvent(rawComment({ isMinimized: true, minimizedReason: 'off-topic' }), 'D1').minimizedReason, 'off-topic');
		assert.equal(toCommentEvent(rawComment({ isMinimized: true, minimizedReason: 'OFF_TOPIC' }), 'D1').minimizedReason, 'off-topic');
		assert.equal(toCommentEvent(rawComment({ isMinimized: false, minimizedReason: 'spam' }), 'D1').minimizedReason, undefined);
		assert.equal('minimizedReason' in toCommentEvent(rawComment(), 'D1'), false);
	});

	it('maps closedAt for closed items and answerChosenAt for answered discussions only', () => {
		const answered = toIndexedItem(rawItem({ isAnswered: true, answerChosenAt: '2025-05-03T00:00:00Z', closed: true, closedAt: '2025-05-04T00:00:00Z' }), 'discussion');
		assert.equal(answered.answerChosenAt, Date.parse('2025-05-03T00:00:00Z'));
		assert.equal(answered.closedAt, Date.parse('2025-05-04T00:00:00Z'));
		const reopened = toIndexedItem(rawItem({ closed: false, closedAt: '2025-05-04T00:00:00Z', isAnswered: false, answerChosenAt: '2025-05-03T00:00:00Z' }), 'discussion');
		assert.equal('closedAt' in reopened, false, 'a reopened item is open: its old closedAt is not kept');
		assert.equal('answerChosenAt' in reopened, false);
		const issue = toIndexedItem(rawItem({ id: 'I1', state: 'CLOSED', closed: undefined, category: undefined, isAnswered: undefined, closedAt: '2025-05-05T00:00:00Z' }), 'issue');
		assert.equal(issue.closedAt, Date.parse('2025-05-05T00:00:00Z'));
	});
});
