import { strict as assert } from 'node:assert';
import { bulkSummary, commonTemplates, firstLines, planBulkReplies, previewText, takesReplies, threadName } from '../../../src/core/bulkReply';
import { englishT as t } from '../../../src/core/l10n';
import type { Thread } from '../../../src/core/model';
import { parseTemplate } from '../../../src/core/templates';

const thread = (number: number, over: Partial<Thread> = {}): Thread => ({
	kind: 'issue', repo: { owner: 'acme', name: 'rocket' }, id: `I_${number}`, number, title: `Issue ${number}`, url: `https://github.com/acme/rocket/issues/${number}`,
	state: 'OPEN', labels: [{ id: 'L_bug', name: 'bug', color: 'd73a4a' }], author: `user${number}`, authorAssociation: 'NONE',
	createdAt: '2024-03-01T00:00:00Z', updatedAt: '2024-03-01T00:00:00Z', body: '', bodyHTML: '', locked: false, reactions: [], comments: [],
	commentCount: 0, hasMoreComments: false, ...over,
});
const template = (front: string, body: string) => parseTemplate(`---\n${front}\n---\n${body}\n`, 'x.md', 'team', t);
const NOW = Date.parse('2024-03-11T00:00:00Z');

describe('bulk replies', () => {
	it('leave out locked threads unless the viewer may still comment', () => {
		assert.equal(takesReplies(thread(1)), true);
		assert.equal(takesReplies(thread(1, { locked: true })), false);
		assert.equal(takesReplies(thread(1, { locked: true, viewerCanReact: true })), true);
		assert.equal(threadName(thread(7)), 'acme/rocket#7');
	});

	it('offer only the templates that fit every item, counting the others', () => {
		const both = template('title: Any', 'Hi');
		const issues = template('title: Issues\nappliesTo: issue', 'Hi');
		const bugs = template('title: Bugs\nlabels: [bug]', 'Hi');
		const docs = template('title: Docs\nlabels: [docs]', 'Hi');
		const broken = template('title: Broken\nwhat: 1', 'Hi');
		const threads = [thread(1), thread(2, { labels: [{ id: 'L_bug', name: 'Bug', color: '' }, { id: 'L_docs', name: 'docs', color: '' }] })];
		const { fit, excluded } = commonTemplates([both, issues, bugs, docs, broken], threads);
		assert.deepEqual(fit.map(x => x.title), ['Any', 'Issues', 'Bugs']);
		assert.equal(excluded, 1, 'docs fits one item only; broken templates are not counted');
		const discussion = thread(3, { kind: 'discussion', labels: [] });
		assert.deepEqual(commonTemplates([both, issues, bugs], [thread(1), discussion]).fit.map(x => x.title), ['Any']);
	});

	it('render per item with its own values and the shared answers, carrying the actions', () => {
		const tp = template('title: Closing\nappliesTo: issue\nactions:\n  addLabels: [wontfix]\n  close: { reason: NOT_PLANNED }', 'Hi @{{author}}, {{input:Why}} ({{days_open}} days, {{me}})');
		const plan = planBulkReplies(tp, [thread(1), thread(2, { createdAt: '2024-03-10T00:00:00Z' })], { answers: new Map([['input:Why', 'out of scope']]), me: 'mona', now: NOW }, t);
		assert.ok(plan.ok);
		assert.deepEqual(plan.items.map(i => i.body), ['Hi @user1, out of scope (10 days, mona)', 'Hi @user2, out of scope (1 days, mona)']);
		assert.deepEqual(plan.items[0]!.actions, { addLabels: ['wontfix'], close: { reason: 'NOT_PLANNED' } });
		assert.deepEqual(plan.items[0]!.steps, ['Add labels: wontfix', 'Close as NOT_PLANNED']);
		const plain = planBulkReplies(template('title: Plain', 'Thanks'), [thread(1)], { answers: new Map(), me: '', now: NOW }, t);
		assert.ok(plain.ok && plain.items[0]!.actions === undefined && plain.items[0]!.steps.length === 0);
	});

	it('post nothing when a variable is unfilled for any item, naming each', () => {
		const tp = template('title: Ask', 'Hi {{author}}, {{input:What}}?');
		const plan = planBulkReplies(tp, [thread(1), thread(2)], { answers: new Map(), me: '', now: NOW }, t);
		assert.ok(!plan.ok);
		assert.deepEqual(plan.problems, ['acme/rocket#1: unknown or unfilled variables {{input:What}}', 'acme/rocket#2: unknown or unfilled variables {{input:What}}']);
	});

	it('preview each target with its first lines and actions, and what was left out', () => {
		const tp = template('title: Closing\nappliesTo: issue\nactions:\n  close: { reason: COMPLETED }', `Line one\n\n${'x'.repeat(150)}\nthird`);
		const plan = planBulkReplies(tp, Array.from({ length: 12 }, (_, i) => thread(i + 1)), { answers: new Map(), me: '', now: NOW }, t);
		assert.ok(plan.ok);
		assert.equal(firstLines(plan.items[0]!.body), `Line one / ${'x'.repeat(99)}…`);
		const text = previewText(plan.items, ['acme/rocket#99 (locked)'], t);
		assert.match(text, /^acme\/rocket#1: Line one \/ x+…\n {3}After posting: Close as COMPLETED\n/);
		assert.equal(text.match(/After posting/g)?.length, 10);
		assert.match(text, /…and 2 more, each with its own values\.\nLeft out: acme\/rocket#99 \(locked\)$/);
	});

	it('sum up what was posted and every failure with its reason', () => {
		assert.deepEqual(bulkSummary([{ item: 'a#1', posted: true }, { item: 'a#2', posted: true }], t), { ok: true, message: 'Replies posted: 2 of 2.' });
		const mixed = bulkSummary([{ item: 'a#1', posted: true, actionProblem: 'Close: refused' }, { item: 'a#2', posted: false, reason: 'rate limited' }], t);
		assert.deepEqual(mixed, { ok: false, message: 'Replies posted: 1 of 2. Not posted: a#2: rate limited Template actions not completed: a#1: Close: refused' });
	});
});
