import { strict as assert } from 'node:assert';
import { englishT } from '../../../src/core/l10n';
import {
	applyCommentState, applyState, describeAction, isReflected, minimizedReasonOf, type ModerationState,
	gitHubOnlyActions, isDestructive, offeredCommentActions, offeredThreadActions, parseIssueNumber, patchComment, patchItem,
	permissionAtLeast, revertItem, threadPermissions, validateAction, NO_THREAD_PERMISSIONS, type ModerationAction, type ThreadPermissions,
} from '../../../src/core/moderation';
import { isDroppedByFlags, RepoIndex, type CommentEvent, type IndexedItem } from '../../../src/core/repoIndex';

function item(over: Partial<IndexedItem> = {}): IndexedItem {
	return {
		id: 'I_1', number: 1, kind: 'issue', title: 'Crash', closed: false, locked: false, author: 'alice', association: 'NONE',
		createdAt: 1, updatedAt: 2, commentCount: 0, labels: ['bug'], assignees: ['mona'], ...over,
	};
}
const ALL: ThreadPermissions = { canLabel: true, canAssign: true, canClose: true, canReopen: true, canLock: true };
const bug = { id: 'L_bug', name: 'bug' };
const NOW = Date.parse('2026-11-25T12:00:00Z');
/** A discussion as the index stores one: no assignees key at all. */
function discussionItem(over: Partial<IndexedItem> = {}): IndexedItem {
	const { assignees: _none, ...d } = item({ kind: 'discussion', ...over });
	return d;
}
const docs = { id: 'L_docs', name: 'docs' };

describe('moderation permissions', () => {
	it('ranks repository permissions', () => {
		assert.equal(permissionAtLeast('TRIAGE', 'TRIAGE'), true);
		assert.equal(permissionAtLeast('ADMIN', 'WRITE'), true);
		assert.equal(permissionAtLeast('READ', 'TRIAGE'), false);
		assert.equal(permissionAtLeast(undefined, 'READ'), false);
		assert.equal(permissionAtLeast('SOMETHING', 'READ'), false);
	});

	it('takes labelling, closing and reopening from viewerCan* and assigning/locking from triage access', () => {
		assert.deepEqual(threadPermissions('issue', { viewerCanLabel: true, viewerCanClose: false, viewerCanReopen: true, viewerPermission: 'TRIAGE' }),
			{ canLabel: true, canAssign: true, canClose: false, canReopen: true, canLock: true });
		assert.deepEqual(threadPermissions('discussion', { viewerCanLabel: true, viewerCanClose: true, viewerCanReopen: true, viewerPermission: 'ADMIN' }),
			{ canLabel: true, canAssign: false, canClose: true, canReopen: true, canLock: true });
		assert.deepEqual(threadPermissions('issue', { viewerCanClose: true, viewerPermission: 'READ' }),
			{ canLabel: false, canAssign: false, canClose: true, canReopen: false, canLock: false });
		assert.equal(threadPermissions('issue', { viewerPermission: 'TRIAGE' }).canLabel, true, 'without viewerCanLabel, triage access decides');
		assert.equal(threadPermissions('issue', { viewerCanLabel: false, viewerPermission: 'ADMIN' }).canLabel, false);
	});
});

describe('offered moderation actions', () => {
	it('offers close and lock for an open, unlocked issue, reopen and unlock for a closed, locked one', () => {
		assert.deepEqual(offeredThreadActions({ kind: 'issue', closed: false, locked: false }, ALL), ['labels', 'assign', 'close', 'lock']);
		assert.deepEqual(offeredThreadActions({ kind: 'issue', closed: true, locked: true }, ALL), ['labels', 'assign', 'reopen', 'unlock']);
	});

	it('never offers assignees on discussions, and nothing without permissions', () => {
		assert.deepEqual(offeredThreadActions({ kind: 'discussion', closed: false, locked: false }, ALL), ['labels', 'close', 'lock']);
		assert.deepEqual(offeredThreadActions({ kind: 'issue', closed: false, locked: false }, NO_THREAD_PERMISSIONS), []);
	});

	it('offers a close only when viewerCanClose is true (an author may close but not label)', () => {
		const author = threadPermissions('issue', { viewerCanClose: true, viewerCanReopen: true, viewerPermission: 'READ' });
		assert.deepEqual(offeredThreadActions({ kind: 'issue', closed: false, locked: false }, author), ['close']);
	});

	it('offers comment actions by state and the per-comment flags', () => {
		const p = { canMinimize: true, canMarkAsAnswer: true, canUnmarkAsAnswer: true };
		assert.deepEqual(offeredCommentActions({ isAnswer: false, isMinimized: false }, p), ['markAnswer', 'hide']);
		assert.deepEqual(offeredCommentActions({ isAnswer: true, isMinimized: true }, p), ['unmarkAnswer', 'unhide']);
		assert.deepEqual(offeredCommentActions({ isAnswer: false, isMinimized: false }, { canMinimize: false, canMarkAsAnswer: false, canUnmarkAsAnswer: false }), []);
	});

	it('offers pin and transfer for discussions and convert for issues as GitHub-only', () => {
		assert.deepEqual(gitHubOnlyActions('discussion'), ['pin', 'transfer']);
		assert.deepEqual(gitHubOnlyActions('issue'), ['convertToDiscussion']);
	});

	it('marks close, lock, hide and unmark answer as destructive', () => {
		const destructive = (['close', 'lock', 'hide', 'unmarkAnswer', 'reopen', 'unlock', 'unhide', 'markAnswer', 'addLabels'] as const).filter(k => isDestructive(k));
		assert.deepEqual(destructive, ['close', 'lock', 'hide', 'unmarkAnswer']);
		assert.equal(isDestructive({ kind: 'close', reason: 'COMPLETED' }), true);
	});
});

describe('moderation input', () => {
	it('refuses bad input before anything is sent', () => {
		assert.match(validateAction('discussion', { kind: 'close', reason: 'NOT_PLANNED' })!, /Unknown close reason/);
		assert.match(validateAction('issue', { kind: 'close', reason: 'OUTDATED' })!, /Unknown close reason/);
		assert.match(validateAction('issue', { kind: 'close', reason: 'COMPLETED', duplicateOf: 3 })!, /duplicate/);
		assert.match(validateAction('issue', { kind: 'close', reason: 'DUPLICATE', duplicateOf: 0 })!, /issue number/);
		assert.match(validateAction('discussion', { kind: 'addAssignees', assignees: [{ id: 'U', login: 'mona' }] })!, /no assignees/);
		assert.match(validateAction('issue', { kind: 'markAnswer', commentId: 'C' })!, /discussion/);
		assert.match(validateAction('issue', { kind: 'addLabels', labels: [] })!, /No labels/);
		assert.equal(validateAction('issue', { kind: 'close', reason: 'DUPLICATE', duplicateOf: 12 }), undefined);
		assert.equal(validateAction('discussion', { kind: 'close', reason: 'OUTDATED' }), undefined);
	});

	it('parses a duplicate-of number from #123, 123 or an issue URL of the same repository', () => {
		const repo = { owner: 'acme', name: 'rocket' };
		assert.equal(parseIssueNumber('#123'), 123);
		assert.equal(parseIssueNumber(' 45 '), 45);
		assert.equal(parseIssueNumber('https://github.com/Acme/rocket/issues/7', repo), 7);
		assert.equal(parseIssueNumber('https://github.com/other/rocket/issues/7', repo), undefined);
		assert.equal(parseIssueNumber('#0'), undefined);
		assert.equal(parseIssueNumber('abc'), undefined);
		assert.equal(parseIssueNumber('#1x'), undefined);
	});
});

describe('optimistic moderation patches', () => {
	const cases: [ModerationAction, Partial<IndexedItem>][] = [
		[{ kind: 'addLabels', labels: [docs, bug] }, { labels: ['bug', 'docs'] }],
		[{ kind: 'removeLabels', labels: [bug] }, { labels: [] }],
		[{ kind: 'addAssignees', assignees: [{ id: 'U_h', login: 'hubot' }] }, { assignees: ['mona', 'hubot'] }],
		[{ kind: 'removeAssignees', assignees: [{ id: 'U_m', login: 'MONA' }] }, { assignees: [] }],
		[{ kind: 'close', reason: 'NOT_PLANNED' }, { closed: true, closedAt: NOW, stateReason: 'NOT_PLANNED' }],
		[{ kind: 'lock', reason: 'SPAM' }, { locked: true }],
	];
	for (const [action, expected] of cases) {
		it(`${action.kind} patches the item and revertItem undoes exactly that`, () => {
			const before = item();
			const after = patchItem(before, action, NOW);
			assert.deepEqual(after, { ...before, ...expected });
			assert.deepEqual(revertItem(after, before, action), before);
		});
	}

	it('reopens and unlocks; revert keeps what a sync changed meanwhile', () => {
		const before = item({ closed: true, stateReason: 'COMPLETED', locked: true });
		const reopened = patchItem(before, { kind: 'reopen' }, NOW);
		assert.deepEqual([reopened.closed, reopened.stateReason], [false, 'REOPENED']);
		assert.equal(patchItem(before, { kind: 'unlock' }, NOW).locked, false);
		const synced = { ...reopened, title: 'Renamed', commentCount: 3 };
		assert.deepEqual(revertItem(synced, before, { kind: 'reopen' }), { ...before, title: 'Renamed', commentCount: 3 });
	});

	it('restores an absent stateReason by removing it', () => {
		const before = item();
		const closed = patchItem(before, { kind: 'close', reason: 'COMPLETED' }, NOW);
		assert.equal('stateReason' in revertItem(closed, before, { kind: 'close', reason: 'COMPLETED' }), false);
	});

	it('marks and unmarks the answer on discussions, and hiding leaves the item alone', () => {
		const d = item({ kind: 'discussion', isAnswered: false, assignees: undefined });
		assert.equal(patchItem(d, { kind: 'markAnswer', commentId: 'C1' }, NOW).isAnswered, true);
		assert.equal(patchItem({ ...d, isAnswered: true }, { kind: 'unmarkAnswer', commentId: 'C1' }, NOW).isAnswered, false);
		assert.equal(patchItem(d, { kind: 'hide', commentId: 'C1', classifier: 'SPAM' }, NOW), d);
		const plainIssue = item();
		assert.equal(patchItem(plainIssue, { kind: 'markAnswer', commentId: 'C1' }, NOW), plainIssue, 'an issue has no answer');
	});

	it('sets closedAt on close and clears it on reopen, and the undo restores it exactly', () => {
		const open = item();
		const closed = patchItem(open, { kind: 'close', reason: 'COMPLETED' }, NOW);
		assert.deepEqual([closed.closed, closed.closedAt, closed.stateReason], [true, NOW, 'COMPLETED']);
		assert.deepEqual(revertItem(closed, open, { kind: 'close', reason: 'COMPLETED' }), open);
		assert.equal('closedAt' in revertItem(closed, open, { kind: 'close', reason: 'COMPLETED' }), false, 'absent, as before');
		const earlier = item({ closed: true, closedAt: NOW - 86_400_000, stateReason: 'NOT_PLANNED' });
		const reopened = patchItem(earlier, { kind: 'reopen' }, NOW);
		assert.deepEqual(reopened, { ...item(), stateReason: 'REOPENED' }, 'no closedAt at all, as a sync stores an open item');
		assert.deepEqual(revertItem(reopened, earlier, { kind: 'reopen' }), earlier);
		const reclosed = patchItem(earlier, { kind: 'close', reason: 'COMPLETED' }, NOW);
		assert.deepEqual(revertItem(reclosed, earlier, { kind: 'close', reason: 'COMPLETED' }), earlier, 'the earlier close time comes back');
	});

	it('sets isAnswered and answerChosenAt on mark, clears both on unmark, and the undo restores them exactly', () => {
		const unanswered = discussionItem({ isAnswered: false });
		const marked = patchItem(unanswered, { kind: 'markAnswer', commentId: 'C1' }, NOW);
		assert.deepEqual(marked, { ...unanswered, isAnswered: true, answerChosenAt: NOW });
		assert.deepEqual(revertItem(marked, unanswered, { kind: 'markAnswer', commentId: 'C1' }), unanswered);
		const answered = discussionItem({ isAnswered: true, answerChosenAt: NOW - 3_600_000 });
		const remarked = patchItem(answered, { kind: 'markAnswer', commentId: 'C2' }, NOW);
		assert.equal(remarked.answerChosenAt, NOW, 'choosing another answer is a new choice');
		assert.deepEqual(revertItem(remarked, answered, { kind: 'markAnswer', commentId: 'C2' }), answered);
		const unmarked = patchItem(answered, { kind: 'unmarkAnswer', commentId: 'C1' }, NOW);
		assert.deepEqual(unmarked, unanswered, 'no answerChosenAt at all, as a sync stores an unanswered discussion');
		assert.deepEqual(revertItem(unmarked, answered, { kind: 'unmarkAnswer', commentId: 'C1' }), answered);
	});

	it('keeps the minimized reason on hide (as GraphQL spells it) and drops it on unhide', () => {
		const c: CommentEvent = { id: 'C1', itemId: 'I_1', author: 'bob', association: 'NONE', createdAt: 1, isAnswer: false, minimized: false };
		assert.deepEqual(patchComment(c, { kind: 'hide', commentId: 'C1', classifier: 'OFF_TOPIC' }), { ...c, minimized: true, minimizedReason: 'off-topic' });
		const hidden: CommentEvent = { ...c, minimized: true, minimizedReason: 'spam' };
		assert.deepEqual(patchComment(hidden, { kind: 'unhide', commentId: 'C1' }), c);
		assert.equal(minimizedReasonOf('OFF_TOPIC'), 'off-topic');
		assert.equal(minimizedReasonOf('outdated'), 'outdated');
	});

	it('hides as spam, abuse or off-topic so the comment stops counting as a response; outdated, resolved and duplicate still count', () => {
		const index = new RepoIndex();
		index.upsertItem(item());
		const c: CommentEvent = { id: 'C1', itemId: 'I_1', author: 'bob', association: 'MEMBER', createdAt: 1, isAnswer: false, minimized: false };
		const dropped = (classifier: 'SPAM' | 'ABUSE' | 'OFF_TOPIC' | 'OUTDATED' | 'RESOLVED' | 'DUPLICATE') => {
			index.upsertComment(patchComment(c, { kind: 'hide', commentId: 'C1', classifier }));
			return isDroppedByFlags(index.commentColumns().flags[0]!);
		};
		assert.deepEqual((['SPAM', 'ABUSE', 'OFF_TOPIC', 'OUTDATED', 'RESOLVED', 'DUPLICATE'] as const).map(dropped), [true, true, true, false, false, false]);
		index.upsertComment(patchComment(index.comment('C1')!, { kind: 'unhide', commentId: 'C1' }));
		assert.deepEqual(index.comment('C1'), c, 'unhidden: the index holds what it held before');
	});

	it('patches only the named comment', () => {
		const c: CommentEvent = { id: 'C1', itemId: 'I_1', author: 'bob', association: 'NONE', createdAt: 1, isAnswer: false, minimized: false };
		assert.equal(patchComment(c, { kind: 'hide', commentId: 'C1', classifier: 'SPAM' }).minimized, true);
		assert.equal(patchComment({ ...c, minimized: true }, { kind: 'unhide', commentId: 'C1' }).minimized, false);
		assert.equal(patchComment(c, { kind: 'markAnswer', commentId: 'C1' }).isAnswer, true);
		assert.equal(patchComment(c, { kind: 'hide', commentId: 'C2', classifier: 'SPAM' }), c);
		assert.equal(patchComment(c, { kind: 'close', reason: 'RESOLVED' }), c);
	});
});

describe('moderation state read back', () => {
	const state = (over: Partial<ModerationState> = {}): ModerationState => ({ id: 'I_1', closed: false, locked: false, labels: ['bug'], assignees: ['mona'], ...over });

	it('tells whether GitHub already shows an action done (after an unknown outcome)', () => {
		assert.equal(isReflected(state({ labels: ['Bug', 'docs'] }), { kind: 'addLabels', labels: [docs, bug] }), true);
		assert.equal(isReflected(state(), { kind: 'addLabels', labels: [docs] }), false);
		assert.equal(isReflected(state({ labels: [] }), { kind: 'removeLabels', labels: [bug] }), true);
		assert.equal(isReflected(state(), { kind: 'removeAssignees', assignees: [{ id: 'U', login: 'mona' }] }), false);
		assert.equal(isReflected(state({ closed: true, stateReason: 'NOT_PLANNED' }), { kind: 'close', reason: 'NOT_PLANNED' }), true);
		assert.equal(isReflected(state({ closed: true, stateReason: 'COMPLETED' }), { kind: 'close', reason: 'NOT_PLANNED' }), false);
		assert.equal(isReflected(state({ closed: true, stateReason: 'NOT_PLANNED' }), { kind: 'close', reason: 'DUPLICATE', duplicateOf: 2 }), true, 'GitHub reports duplicates as NOT_PLANNED');
		assert.equal(isReflected(state(), { kind: 'reopen' }), true);
		assert.equal(isReflected(state({ locked: true }), { kind: 'lock', reason: 'SPAM' }), true);
		assert.equal(isReflected(state({ locked: true }), { kind: 'unlock' }), false);
		assert.equal(isReflected(state({ comment: { id: 'C1', isMinimized: true } }), { kind: 'hide', commentId: 'C1', classifier: 'SPAM' }), true);
		assert.equal(isReflected(state({ comment: { id: 'C2', isMinimized: true } }), { kind: 'hide', commentId: 'C1', classifier: 'SPAM' }), false);
		assert.equal(isReflected(state({ comment: { id: 'C1', isMinimized: false, isAnswer: true } }), { kind: 'markAnswer', commentId: 'C1' }), true);
		assert.equal(isReflected(state({ comment: { id: 'C1', isMinimized: false, isAnswer: true } }), { kind: 'unmarkAnswer', commentId: 'C1' }), false);
	});

	it('writes GitHub\'s confirmed state into the index item', () => {
		const confirmed = applyState(item(), state({ closed: true, stateReason: 'DUPLICATE', labels: ['docs'], assignees: [] }));
		assert.deepEqual([confirmed.closed, confirmed.stateReason, confirmed.labels, confirmed.assignees, confirmed.title], [true, 'DUPLICATE', ['docs'], [], 'Crash']);
		const discussion = applyState(item({ kind: 'discussion', isAnswered: false }), state({ assignees: undefined, isAnswered: true }));
		assert.deepEqual([discussion.isAnswered, discussion.assignees], [true, ['mona']]);
	});

	it('takes closedAt and answerChosenAt from GitHub, keeps the optimistic ones when GitHub did not say, and drops them when open or unanswered', () => {
		const closed = patchItem(item(), { kind: 'close', reason: 'COMPLETED' }, NOW);
		assert.equal(applyState(closed, state({ closed: true, closedAt: NOW + 1000, stateReason: 'COMPLETED' })).closedAt, NOW + 1000);
		assert.equal(applyState(closed, state({ closed: true, stateReason: 'COMPLETED' })).closedAt, NOW);
		assert.equal('closedAt' in applyState(closed, state({ closed: false, stateReason: 'REOPENED' })), false);
		const marked = patchItem(item({ kind: 'discussion', isAnswered: false }), { kind: 'markAnswer', commentId: 'C1' }, NOW);
		assert.equal(applyState(marked, state({ isAnswered: true, answerChosenAt: NOW + 2000 })).answerChosenAt, NOW + 2000);
		assert.equal(applyState(marked, state({ isAnswered: true })).answerChosenAt, NOW);
		assert.equal('answerChosenAt' in applyState(marked, state({ isAnswered: false })), false);
		assert.equal('isAnswered' in applyState(item(), state()), false, 'an issue stays without isAnswered');
	});

	it('writes GitHub\'s confirmed comment state for the comment the action was about', () => {
		const c: CommentEvent = { id: 'C1', itemId: 'I_1', author: 'bob', association: 'NONE', createdAt: 1, isAnswer: false, minimized: true, minimizedReason: 'spam' };
		const hide = { kind: 'hide', commentId: 'C1', classifier: 'SPAM' } as const;
		assert.deepEqual(applyCommentState(c, { id: 'C1', isMinimized: true, minimizedReason: 'abuse' }, hide), { ...c, minimizedReason: 'abuse' });
		assert.deepEqual(applyCommentState(c, { id: 'C1', isMinimized: true }, hide), c, 'no reason reported: the optimistic one stays');
		const { minimizedReason: _reason, ...shown } = c;
		assert.deepEqual(applyCommentState(c, { id: 'C1', isMinimized: false }, { kind: 'unhide', commentId: 'C1' }), { ...shown, minimized: false });
		assert.deepEqual(applyCommentState(c, { id: 'C1', isMinimized: false, isAnswer: true }, { kind: 'markAnswer', commentId: 'C1' }), { ...c, isAnswer: true },
			'marking reports no minimized state: only the answer flag is taken');
		assert.equal(applyCommentState(c, { id: 'C2', isMinimized: false }, { kind: 'unhide', commentId: 'C2' }), c);
	});

	it('names actions for messages and confirmations', () => {
		assert.equal(describeAction(englishT, { kind: 'close', reason: 'NOT_PLANNED' }), 'close (not planned)');
		assert.equal(describeAction(englishT, { kind: 'close', reason: 'DUPLICATE', duplicateOf: 12 }), 'close as a duplicate of #12');
		assert.equal(describeAction(englishT, { kind: 'addLabels', labels: [bug, docs] }), 'add labels bug, docs');
		assert.equal(describeAction(englishT, { kind: 'hide', commentId: 'C', classifier: 'OFF_TOPIC' }), 'hide the comment (off-topic)');
		assert.equal(describeAction(englishT, { kind: 'lock' }), 'lock');
	});
});
