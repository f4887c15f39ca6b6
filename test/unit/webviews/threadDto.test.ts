import { strict as assert } from 'node:assert';
import type { Thread, ThreadComment } from '../../../src/core/model';
import type { ModerationAction } from '../../../src/core/moderation';
import { addPage, applyAction, mergePages, NO_PAGES, toThreadDto } from '../../../src/webviews/threadDto';

const comment = (id: string, over: Partial<ThreadComment> = {}): ThreadComment => ({
	id, url: `https://github.com/acme/rocket/discussions/1#${id}`, author: 'octocat', authorAssociation: 'NONE', createdAt: '2024-03-01T00:00:00Z',
	body: id, bodyHTML: '', isAnswer: false, isMinimized: false, reactions: [], replies: [], hasMoreReplies: false, ...over,
});
const ALL = { canLabel: true, canAssign: true, canClose: true, canReopen: true, canLock: true };
const COMMENT_ALL = { canMinimize: true, canMarkAsAnswer: true, canUnmarkAsAnswer: true };
const thread = (over: Partial<Thread> = {}): Thread => ({
	kind: 'discussion', repo: { owner: 'acme', name: 'rocket' }, id: 'D_1', number: 1, title: 't', url: 'https://github.com/acme/rocket/discussions/1',
	state: 'OPEN', category: { name: 'Q&A', emoji: '', isAnswerable: true }, labels: [{ id: 'L_bug', name: 'bug', color: 'd73a4a' }], author: 'mona',
	authorAssociation: 'OWNER', createdAt: '2024-03-01T00:00:00Z', updatedAt: '2024-03-01T00:00:00Z', body: 'b', bodyHTML: '', locked: false,
	isAnswered: false, reactions: [], commentCount: 2, hasMoreComments: false,
	comments: [comment('C_1', { permissions: COMMENT_ALL, replies: [comment('R_1', { permissions: { ...COMMENT_ALL, canMarkAsAnswer: false } })] }), comment('C_2')],
	permissions: ALL, ...over,
});

describe('thread panel DTO', () => {
	it('offers only what the permissions allow in the current state', () => {
		const open = toThreadDto(thread());
		assert.deepEqual(open.actions, ['labels', 'close', 'lock'], 'no assignees on discussions; close, not reopen, while open');
		assert.deepEqual(toThreadDto(thread({ kind: 'issue', state: 'CLOSED', locked: true })).actions, ['labels', 'assign', 'reopen', 'unlock']);
		assert.deepEqual(toThreadDto(thread({ permissions: { ...ALL, canLabel: false, canLock: false } })).actions, ['close']);
		assert.deepEqual(toThreadDto(thread({ permissions: undefined })).actions, [], 'unknown permissions offer nothing');
		assert.deepEqual(open.comments.map(c => c.actions), [['markAnswer', 'hide'], []]);
		assert.deepEqual(open.comments[0]!.replies[0]!.actions, ['hide']);
		assert.equal(open.gitHubOnly, true);
	});

	it('lets a locked thread take replies only from viewers who may still react (write access)', () => {
		assert.equal(toThreadDto(thread()).canReply, true);
		assert.equal(toThreadDto(thread({ locked: true, viewerCanReact: false })).canReply, false);
		assert.equal(toThreadDto(thread({ locked: true })).canReply, false, 'unknown counts as no');
		assert.equal(toThreadDto(thread({ locked: true, viewerCanReact: true })).canReply, true);
	});

	it('shows pending changes at once, marks them, and drops them cleanly (the rollback)', () => {
		const close: ModerationAction = { kind: 'close', reason: 'OUTDATED' };
		const hide: ModerationAction = { kind: 'hide', commentId: 'R_1', classifier: 'OFF_TOPIC' };
		const dto = toThreadDto(thread(), [close, hide]);
		assert.deepEqual([dto.state, dto.stateReason, dto.pending], ['CLOSED', 'OUTDATED', 'close']);
		assert.deepEqual(dto.actions, ['labels', 'reopen', 'lock']);
		const reply = dto.comments[0]!.replies[0]!;
		assert.deepEqual([reply.isMinimized, reply.minimizedReason, reply.pending, reply.actions], [true, 'off-topic', 'hide', ['unhide']]);
		const confirmed = toThreadDto(thread(), [close], []);
		assert.deepEqual([confirmed.state, confirmed.pending], ['CLOSED', undefined], 'confirmed but not refetched: shown, no longer pending');
		assert.deepEqual([toThreadDto(thread()).state, toThreadDto(thread()).pending], ['OPEN', undefined]);
	});

	it('applies each action as GitHub will show it', () => {
		const t = thread({ comments: [comment('C_1', { isAnswer: true }), comment('C_2')], isAnswered: true, answerId: 'C_1' });
		const marked = applyAction(t, { kind: 'markAnswer', commentId: 'C_2' });
		assert.deepEqual(marked.comments.map(c => c.isAnswer), [false, true]);
		assert.deepEqual([marked.isAnswered, marked.answerId], [true, 'C_2']);
		const unmarked = applyAction(marked, { kind: 'unmarkAnswer', commentId: 'C_2' });
		assert.deepEqual([unmarked.isAnswered, unmarked.answerId, unmarked.comments.some(c => c.isAnswer)], [false, undefined, false]);
		assert.deepEqual(applyAction(t, { kind: 'lock', reason: 'SPAM' }).lockReason, 'SPAM');
		assert.deepEqual(applyAction(applyAction(t, { kind: 'lock' }), { kind: 'unlock' }).locked, false);
		assert.deepEqual(applyAction(t, { kind: 'reopen' }).stateReason, 'REOPENED');
		const labelled = applyAction(t, { kind: 'addLabels', labels: [{ id: 'L_docs', name: 'docs' }, { id: 'L_bug', name: 'bug' }] });
		assert.deepEqual(labelled.labels.map(l => l.name), ['bug', 'docs']);
		assert.deepEqual(applyAction(labelled, { kind: 'removeLabels', labels: [{ id: 'L_bug', name: 'bug' }] }).labels.map(l => l.name), ['docs']);
		assert.equal(applyAction(t, { kind: 'addAssignees', assignees: [{ id: 'U', login: 'mona' }] }), t, 'assignees are not shown in the panel');
	});

	it('merges "Load more" pages into a refetched first page without duplicates', () => {
		const first = thread({ hasMoreComments: true, commentsCursor: 'c1', comments: [comment('C_1', { hasMoreReplies: true, repliesCursor: 'r1', replies: [comment('R_1')] })] });
		assert.deepEqual(mergePages(first, NO_PAGES), first);
		let pages = addPage(NO_PAGES, null, [comment('C_1'), comment('C_2')], 'c2');
		pages = addPage(pages, 'C_1', [comment('R_1'), comment('R_2')], undefined);
		const merged = mergePages(first, pages);
		assert.deepEqual(merged.comments.map(c => c.id), ['C_1', 'C_2']);
		assert.deepEqual([merged.hasMoreComments, merged.commentsCursor], [true, 'c2']);
		assert.deepEqual(merged.comments[0]!.replies.map(r => r.id), ['R_1', 'R_2']);
		assert.deepEqual([merged.comments[0]!.hasMoreReplies, merged.comments[0]!.repliesCursor], [false, undefined]);
		const last = mergePages(first, addPage(pages, null, [comment('C_3')], undefined));
		assert.deepEqual([last.comments.map(c => c.id), last.hasMoreComments], [['C_1', 'C_2', 'C_3'], false]);
	});
});
