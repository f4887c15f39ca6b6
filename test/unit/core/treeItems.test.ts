import { strict as assert } from 'node:assert';
import { englishT } from '../../../src/core/l10n';
import type { DiscussionSummary, IssueSummary } from '../../../src/core/model';
import { describeCategory, describeDiscussion, describeIssue, describeRepository } from '../../../src/core/treeItems';

const d = { t: englishT, locale: 'en', now: new Date('2026-11-25T12:00:00Z') };

function aDiscussion(over: Partial<DiscussionSummary> = {}): DiscussionSummary {
	return {
		id: 'D_1', number: 42, title: 'Build fails on ARM', url: 'https://github.com/acme/rocket/discussions/42', author: 'octocat',
		authorAssociation: 'NONE', categoryId: 'DIC_1', createdAt: '2026-11-20T12:00:00Z', updatedAt: '2026-11-22T12:00:00Z',
		closed: false, locked: false, isAnswered: false, commentCount: 3, upvoteCount: 0, labels: [], ...over,
	};
}

function anIssue(over: Partial<IssueSummary> = {}): IssueSummary {
	return {
		id: 'I_1', number: 7, title: 'Crash on start', url: 'https://github.com/acme/rocket/issues/7', repo: { owner: 'acme', name: 'rocket' },
		author: 'hubot', authorAssociation: 'CONTRIBUTOR', state: 'OPEN', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-24T12:00:00Z',
		locked: false, commentCount: 1, labels: [{ id: 'L1', name: 'bug', color: 'd73a4a' }], assignees: ['mona'], ...over,
	};
}

describe('describeDiscussion', () => {
	it('shows number, title, author, comment count and age', () => {
		const x = describeDiscussion(aDiscussion(), d);
		assert.equal(x.label, '#42 Build fails on ARM');
		assert.equal(x.description, 'octocat · 3 comments · 3 days ago');
		assert.equal(x.icon, 'question');
		assert.equal(x.contextValue, 'discussion:open:unanswered');
		assert.equal(x.accessibilityLabel, 'Discussion 42: Build fails on ARM, 3 comments, unanswered, by octocat, updated 3 days ago');
	});

	it('marks answered, locked and closed states', () => {
		assert.equal(describeDiscussion(aDiscussion({ isAnswered: true }), d).icon, 'pass-filled');
		assert.equal(describeDiscussion(aDiscussion({ locked: true }), d).contextValue, 'discussion:open:unanswered:locked');
		const closed = describeDiscussion(aDiscussion({ closed: true, isAnswered: undefined, commentCount: 1 }), d);
		assert.equal(closed.contextValue, 'discussion:closed:plain');
		assert.match(closed.description ?? '', /1 comment ·/);
	});

	it('keeps hostile text as plain strings', () => {
		const x = describeDiscussion(aDiscussion({ title: '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>' }), d);
		assert.ok(x.tooltip[0]!.includes('[x](command:'), 'the adapter escapes it; the decider must not rewrite it');
	});
});

describe('describeIssue', () => {
	it('shows labels, author, comments and age', () => {
		const x = describeIssue(anIssue(), d);
		assert.equal(x.label, '#7 Crash on start');
		assert.equal(x.description, 'bug · hubot · 1 comment · yesterday');
		assert.equal(x.icon, 'issues');
		assert.equal(x.contextValue, 'issue:open');
		assert.ok(x.tooltip.includes('Assigned to mona'));
	});

	it('distinguishes closed as not planned', () => {
		const x = describeIssue(anIssue({ state: 'CLOSED', stateReason: 'NOT_PLANNED' }), d);
		assert.equal(x.icon, 'circle-slash');
		assert.equal(x.contextValue, 'issue:closed');
	});
});

describe('describeCategory / describeRepository', () => {
	it('shows the emoji and name, answerable flag', () => {
		const x = describeCategory({ id: 'c', name: 'Q&A', slug: 'q-a', emoji: '🙏', isAnswerable: true }, d);
		assert.equal(x.label, '🙏 Q&A');
		assert.equal(x.icon, undefined);
		assert.equal(x.contextValue, 'category:answerable');
		assert.equal(describeCategory({ id: 'c', name: 'General', slug: 'general', emoji: '', isAnswerable: false }, d).icon, 'comment-discussion');
	});

	it('names a repository and its source', () => {
		const x = describeRepository({ owner: 'acme', name: 'rocket' }, 'settings', d);
		assert.equal(x.label, 'acme/rocket');
		assert.equal(x.contextValue, 'repository:settings');
	});
});
