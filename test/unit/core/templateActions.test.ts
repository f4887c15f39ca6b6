import { strict as assert } from 'node:assert';
import { englishT } from '../../../src/core/l10n';
import type { Label } from '../../../src/core/model';
import { actionsDue, newEntry, parseOutboxEntry, transition, type OutboxEntry } from '../../../src/core/outbox';
import {
	actionsForBox, describeReplyActions, hasTemplateActions, parseReplyActions, planTemplateActions, type TemplateActionContext,
} from '../../../src/core/templateActions';

const t = englishT;
const label = (id: string, name: string): Label => ({ id, name, color: 'ededed' });
const LABELS = [label('L1', 'needs-info'), label('L2', 'bug'), label('L3', 'Question')];
const issue: TemplateActionContext = { kind: 'issue', labels: LABELS, users: [{ id: 'U1', login: 'Mona' }] };
const discussion: TemplateActionContext = { kind: 'discussion', labels: LABELS, users: [] };

describe('planTemplateActions', () => {
	it('maps labels by name to ids and keeps the order: labels, answer, assign, close, lock', () => {
		const plan = planTemplateActions({
			lock: { reason: 'RESOLVED' }, close: { reason: 'NOT_PLANNED' }, assign: ['@mona'], removeLabels: ['BUG'], addLabels: ['needs-info', 'question'],
		}, issue, t);
		assert.ok(plan.ok);
		assert.deepEqual(plan.actions, [
			{ kind: 'addLabels', labels: [{ id: 'L1', name: 'needs-info' }, { id: 'L3', name: 'Question' }] },
			{ kind: 'removeLabels', labels: [{ id: 'L2', name: 'bug' }] },
			{ kind: 'addAssignees', assignees: [{ id: 'U1', login: 'Mona' }] },
			{ kind: 'close', reason: 'NOT_PLANNED' },
			{ kind: 'lock', reason: 'RESOLVED' },
		]);
		assert.deepEqual(plan.skipped, []);
	});

	it('refuses the whole plan when a label or a user is unknown, naming each', () => {
		const plan = planTemplateActions({ addLabels: ['needs-info', 'wontfix'], removeLabels: ['nope'], assign: ['hubot'], close: { reason: 'COMPLETED' } }, issue, t);
		assert.ok(!plan.ok);
		assert.deepEqual(plan.errors, [
			'The repository has no label "wontfix".', 'The repository has no label "nope".', '"hubot" cannot be assigned in this repository.',
		]);
	});

	it('refuses a close reason of the other kind and assignees on a discussion', () => {
		const wrong = planTemplateActions({ close: { reason: 'NOT_PLANNED' } }, discussion, t);
		assert.ok(!wrong.ok && wrong.errors[0]!.includes('NOT_PLANNED'));
		const assign = planTemplateActions({ assign: ['mona'] }, discussion, t);
		assert.ok(!assign.ok && assign.errors[0] === 'Discussions have no assignees.');
		const ok = planTemplateActions({ close: { reason: 'RESOLVED' } }, discussion, t);
		assert.ok(ok.ok);
		assert.deepEqual(ok.actions, [{ kind: 'close', reason: 'RESOLVED' }]);
	});

	it('marks the answered comment, or skips with a note when the reply answers no comment', () => {
		const answered = planTemplateActions({ markAnswer: true, answerCommentId: 'DC_1', close: { reason: 'RESOLVED' } }, { ...discussion, replyToId: 'DC_1' }, t);
		assert.ok(answered.ok);
		assert.deepEqual(answered.actions, [{ kind: 'markAnswer', commentId: 'DC_1' }, { kind: 'close', reason: 'RESOLVED' }]);
		const notAllowed = planTemplateActions({ markAnswer: true, close: { reason: 'RESOLVED' } }, { ...discussion, replyToId: 'DC_1' }, t);
		assert.ok(notAllowed.ok);
		assert.deepEqual(notAllowed.actions, [{ kind: 'close', reason: 'RESOLVED' }], 'without the viewer\'s right to mark, nothing is marked');
		assert.deepEqual(notAllowed.skipped, ['You cannot mark answers in this discussion, so the comment you answered was not marked.']);
		const other = planTemplateActions({ markAnswer: true, answerCommentId: 'DC_2' }, { ...discussion, replyToId: 'DC_1' }, t);
		assert.ok(other.ok && other.actions.length === 0 && other.skipped.length === 1, 'only the comment the reply answers');
		const top = planTemplateActions({ markAnswer: true, close: { reason: 'RESOLVED' } }, discussion, t);
		assert.ok(top.ok);
		assert.deepEqual(top.actions, [{ kind: 'close', reason: 'RESOLVED' }]);
		assert.equal(top.skipped.length, 1);
		const onIssue = planTemplateActions({ markAnswer: true }, issue, t);
		assert.ok(onIssue.ok && onIssue.actions.length === 0 && onIssue.skipped.length === 1);
	});

	it('tells templates with actions from those without', () => {
		assert.equal(hasTemplateActions(undefined), false);
		assert.equal(hasTemplateActions({}), false);
		assert.equal(hasTemplateActions({ addLabels: [] }), false);
		assert.equal(hasTemplateActions({ close: { reason: 'COMPLETED' } }), true);
	});
});

describe('template actions in the outbox', () => {
	const UUID = '0b6f7a52-3c1d-4e8f-9a2b-5c6d7e8f9a0b';
	const base = (over: Partial<OutboxEntry> = {}): OutboxEntry => ({
		...newEntry({ uuid: UUID, host: 'github.com', repo: 'acme/rocket', kind: 'issue', number: 5, bodyHash: 'h', sentAt: 1000, actions: { addLabels: ['bug'] } }), ...over,
	});

	it('are due only once the reply is on GitHub, and never after they started', () => {
		assert.equal(actionsDue(base()), false, 'not before GitHub confirms');
		const sent = transition(base(), { type: 'confirmed', commentId: 'IC_1' });
		assert.equal(actionsDue(sent), true);
		assert.equal(actionsDue({ ...sent, actionsDone: true }), false);
		assert.equal(actionsDue(transition({ ...sent, actionsDone: true }, { type: 'found', commentId: 'IC_1' })), false, 'a later look-up keeps them done');
		assert.equal(actionsDue(transition(base({ actions: undefined }), { type: 'confirmed', commentId: 'IC_1' })), false);
		assert.equal(actionsDue(transition(base(), { type: 'rejected' })), false);
	});

	it('survive storage, and malformed stored actions drop the entry', () => {
		const stored = JSON.parse(JSON.stringify({ ...base(), actionsDone: true })) as unknown;
		assert.deepEqual(parseOutboxEntry(stored), { ...base(), actionsDone: true });
		assert.equal(parseOutboxEntry({ ...base(), actions: { addLabels: 'bug' } }), undefined);
		assert.equal(parseOutboxEntry({ ...base(), actions: { close: 'NOT_PLANNED' } }), undefined);
		assert.equal(parseOutboxEntry({ ...base(), actionsDone: 'yes' }), undefined);
	});
});

describe('template actions of a reply box', () => {
	const answering = (over: Partial<{ canMarkAnswer: boolean; isAnswer: boolean }> = {}) => ({ author: 'octo', canMarkAnswer: true, isAnswer: false, ...over });

	it('name the answered comment only from its box and only when the viewer may mark it', () => {
		const a = { markAnswer: true, addLabels: ['answered'] };
		assert.deepEqual(actionsForBox(a, { kind: 'discussion', replyToId: 'DC_1', answering: answering() }), { ...a, answerCommentId: 'DC_1' });
		assert.deepEqual(actionsForBox(a, { kind: 'discussion', replyToId: 'DC_1', answering: answering({ canMarkAnswer: false }) }), a);
		assert.deepEqual(actionsForBox(a, { kind: 'discussion', replyToId: 'DC_1', answering: answering({ isAnswer: true }) }), { addLabels: ['answered'] }, 'already the answer: nothing to do');
		assert.deepEqual(actionsForBox(a, { kind: 'discussion' }), a, 'the thread\'s own box answers no comment');
		assert.deepEqual(actionsForBox({ ...a, answerCommentId: 'DC_9' } as typeof a, { kind: 'discussion' }), a, 'a stored comment id never survives into another box');
	});

	it('say under the box what "mark the answer" will do from there', () => {
		const a = { addLabels: ['x'], markAnswer: true, close: { reason: 'RESOLVED' } };
		assert.deepEqual(describeReplyActions(a, { kind: 'discussion', answering: answering() }, t), ['Add labels: x', 'Mark the comment by @octo as the answer', 'Close as RESOLVED']);
		assert.match(describeReplyActions(a, { kind: 'discussion' }, t)[1]!, /skipped \(a reply in the thread's own box answers no comment/);
		assert.match(describeReplyActions(a, { kind: 'discussion', answering: answering({ canMarkAnswer: false }) }, t)[1]!, /skipped \(you cannot mark answers/);
		assert.match(describeReplyActions(a, { kind: 'discussion', answering: answering({ isAnswer: true }) }, t)[1]!, /already is the answer/);
		assert.deepEqual(describeReplyActions({ close: { reason: 'NOT_PLANNED' } }, { kind: 'issue' }, t), ['Close as NOT_PLANNED']);
	});

	it('are validated when read back from storage', () => {
		assert.deepEqual(parseReplyActions({ addLabels: ['a'], close: { reason: 'NOT_PLANNED', extra: 1 }, lock: { reason: 'SPAM' }, markAnswer: true, answerCommentId: 'DC_1', other: 1 }),
			{ addLabels: ['a'], close: { reason: 'NOT_PLANNED' }, lock: { reason: 'SPAM' }, markAnswer: true, answerCommentId: 'DC_1' });
		for (const bad of [null, 'x', [], { addLabels: 'a' }, { addLabels: [1] }, { close: 'RESOLVED' }, { close: { reason: 'WONTFIX' } }, { lock: { reason: 'RESOLVED!' } },
			{ markAnswer: 'yes' }, { markAnswer: true, answerCommentId: 'not an id' }, { assign: Array(101).fill('a') }]) {
			assert.equal(parseReplyActions(bad), undefined, JSON.stringify(bad));
		}
		assert.equal(parseReplyActions({ addLabels: [] }), undefined, 'nothing to run');
	});
});
