import { strict as assert } from 'node:assert';
import { englishT } from '../../../src/core/l10n';
import {
	applicableTemplates, appliesTo, contextValues, describeActions, fromSavedReply, parseTemplate, promptsOf, renderTemplate, unknownVariables, type ReplyTemplate,
} from '../../../src/core/templates';

const parse = (text: string, file = 'a.md') => parseTemplate(text, file, 'team', englishT);
const messages = (tp: ReplyTemplate) => tp.errors.map(e => `${e.file}:${e.line} ${e.message}`);

const FULL = [
	'---',
	'title: "Needs more information"',
	'description: Ask for a reproduction # a comment',
	'appliesTo: issue',
	'labels: [bug, "needs triage"]',
	'actions:',
	'  addLabels: [needs-info]',
	'  removeLabels: [triage]',
	'  assign: [octocat]',
	'  close:',
	'    reason: NOT_PLANNED',
	'  lock: { reason: TOO_HEATED }',
	'---',
	'',
	'Hi @{{author}}, could you share {{input:What is missing}}?',
].join('\n');

describe('templates: parser and validator', () => {
	it('parses a complete template', () => {
		const tp = parse(FULL);
		assert.deepEqual(tp.errors, []);
		assert.equal(tp.title, 'Needs more information');
		assert.equal(tp.description, 'Ask for a reproduction');
		assert.equal(tp.appliesTo, 'issue');
		assert.deepEqual(tp.labels, ['bug', 'needs triage']);
		assert.deepEqual(tp.actions, { addLabels: ['needs-info'], removeLabels: ['triage'], assign: ['octocat'], close: { reason: 'NOT_PLANNED' }, lock: { reason: 'TOO_HEATED' } });
		assert.equal(tp.body, 'Hi @{{author}}, could you share {{input:What is missing}}?');
		assert.equal(tp.id, 'team:a.md');
	});

	it('defaults to both kinds and no filters; accepts CRLF, a BOM and single quotes', () => {
		const tp = parse('\uFEFF---\r\ntitle: \'It\'\'s fine\'\r\n---\r\nThanks!\r\n');
		assert.deepEqual(tp.errors, []);
		assert.deepEqual([tp.title, tp.appliesTo, tp.categories, tp.labels, tp.actions, tp.body], ['It\'s fine', 'both', [], [], {}, 'Thanks!']);
	});

	const broken: readonly [string, string, RegExp, number][] = [
		['no front matter', 'Just text', /front matter/, 1],
		['unclosed front matter', '---\ntitle: x\nBody', /front matter/, 1],
		['missing title', '---\ndescription: d\n---\nBody', /"title" is required/, 1],
		['unknown key', '---\ntitle: x\ncolour: red\n---\nBody', /Unknown setting "colour"/, 3],
		['bad appliesTo', '---\ntitle: x\nappliesTo: pr\n---\nBody', /appliesTo/, 3],
		['duplicate key', '---\ntitle: x\ntitle: y\n---\nBody', /twice/, 3],
		['not key: value', '---\ntitle: x\njust words\n---\nBody', /key: value/, 3],
		['tab indent', '---\ntitle: x\nactions:\n\taddLabels: [a]\n---\nBody', /tabs/, 4],
		['unclosed list', '---\ntitle: x\nlabels: [a, b\n---\nBody', /"\]"/, 3],
		['unclosed quote', '---\ntitle: "x\n---\nBody', /not closed/, 2],
		['issue close reason on a discussion', '---\ntitle: x\nappliesTo: discussion\nactions:\n  close: { reason: COMPLETED }\n---\nBody', /RESOLVED, OUTDATED, DUPLICATE/, 5],
		['discussion close reason on both kinds', '---\ntitle: x\nactions:\n  close:\n    reason: RESOLVED\n---\nBody', /one of DUPLICATE/, 4],
		['bad lock reason', '---\ntitle: x\nactions:\n  lock: { reason: BORING }\n---\nBody', /OFF_TOPIC/, 4],
		['markAnswer on issues', '---\ntitle: x\nappliesTo: issue\nactions:\n  markAnswer: true\n---\nBody', /appliesTo: discussion/, 5],
		['markAnswer not true', '---\ntitle: x\nappliesTo: discussion\nactions:\n  markAnswer: yes\n---\nBody', /only be true/, 5],
		['unknown action', '---\ntitle: x\nactions:\n  delete: true\n---\nBody', /Unknown setting "delete"/, 4],
		['actions not a map', '---\ntitle: x\nactions: close\n---\nBody', /map of actions/, 3],
		['unknown variable', '---\ntitle: x\n---\nHi\n{{user}}', /Unknown variable \{\{user\}\}/, 5],
		['empty body', '---\ntitle: x\n---\n', /no text/, 4],
		['stray indentation', '---\ntitle: x\n   labels: [a]\n---\nBody', /indentation/, 3],
	];
	for (const [name, text, message, line] of broken) {
		it(`reports ${name} with file and line, never throwing`, () => {
			const tp = parse(text, 'broken.md');
			assert.ok(tp.errors.length > 0, `${name}: no error`);
			const error = tp.errors.find(e => message.test(e.message));
			assert.ok(error, `${name}: ${messages(tp).join('; ')}`);
			assert.deepEqual([error.file, error.line], ['broken.md', line]);
		});
	}

	it('never throws on arbitrary text', () => {
		const pieces = ['---', '\n', ':', ' ', '[', ']', '{', '}', '"', '\'', '#', '\t', 'title', 'actions', 'x', '{{', '}}', ','];
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
		for (let n = 0; n < 500; n++) {
			let text = '';
			for (let i = next() % 40; i > 0; i--) text += pieces[next() % pieces.length];
			const tp = parse(text);
			assert.ok(tp.errors.length > 0 || tp.title.length > 0);
		}
	});

	it('turns a GitHub saved reply into a read-only template of both kinds', () => {
		const tp = fromSavedReply('SR_1', 'Duplicate', 'Duplicate of #${number}.', englishT);
		assert.deepEqual([tp.id, tp.source, tp.appliesTo, tp.errors], ['github:SR_1', 'github', 'both', []]);
		assert.match(fromSavedReply('SR_2', 'Bad', 'Hi {{who}}', englishT).errors[0]!.message, /who/);
	});
});

describe('templates: renderer', () => {
	const ctx = { author: 'mona', me: 'octocat', repo: 'acme/rocket', number: 7, title: 'Build fails', category: 'Q&A', createdAt: '2024-03-01T00:00:00Z', now: Date.parse('2024-03-11T12:00:00Z') };

	it('fills every variable', () => {
		const values = contextValues(ctx);
		values.set('duplicate_of', '#3').set('input:Question', 'which version');
		const body = '@{{author}} {{ me }} {{repo}}#{{number}} "{{title}}" {{category}} {{days_open}}d dup {{duplicate_of}} ask {{input:Question}}';
		assert.deepEqual(renderTemplate(body, values), { ok: true, text: '@mona octocat acme/rocket#7 "Build fails" Q&A 10d dup #3 ask which version' });
	});

	it('lists prompts: inputs and duplicate_of', () => {
		assert.deepEqual(promptsOf('{{input:A}} {{author}} {{duplicate_of}} {{input:A}} {{input: B }}'), ['input:A', 'duplicate_of', 'input:B']);
	});

	it('refuses unknown variables and missing answers, producing no text', () => {
		assert.deepEqual(renderTemplate('Hi {{who}} {{input:Q}}', contextValues(ctx)), { ok: false, unknown: ['who'], missing: ['input:Q'] });
		assert.deepEqual(unknownVariables('{{input:}} {{ author }} {{toString}}'), ['input:', 'toString']);
	});

	const HOSTILE = [
		'{{constructor.constructor(\'return process\')().exit()}}', '${process.exit()}', '`${globalThis.x = 1}`', '{{__proto__}}', '{{toString}}',
		'{{author.constructor}}', '<script>alert(1)</script>', '{{#each}}', '{{> partial}}', '\\{{author}}', '%s %d', '$&', '$1', '{{{{author}}}}',
	];

	it('treats hostile templates and values as text and evaluates nothing (W12)', () => {
		const originalEval = globalThis.eval;
		let evals = 0;
		globalThis.eval = ((x: string) => { evals++; return originalEval(x); }) as typeof eval;
		(globalThis as { pwned?: boolean }).pwned = undefined;
		try {
			let seed = 42;
			const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
			for (let n = 0; n < 300; n++) {
				const pick = () => HOSTILE[next() % HOSTILE.length]!;
				const literal = pick().replace(/\{\{[^{}]*\}\}/g, '');
				const hostileValue = `${pick()} {{author}} $& \${process.exit()}`;
				const values = contextValues({ ...ctx, title: hostileValue, author: pick() });
				const body = `${literal} {{title}} ${pick()}`;
				const result = renderTemplate(body, values);
				const unknown = unknownVariables(body);
				if (unknown.length > 0) {
					assert.equal(result.ok, false);
					assert.deepEqual(!result.ok && result.unknown, unknown);
					continue;
				}
				assert.ok(result.ok);
				assert.ok(result.text.includes(literal), `literal kept: ${literal}`);
				assert.ok(result.text.includes(hostileValue), 'a value is inserted verbatim, never re-expanded');
			}
			assert.equal(renderTemplate('${process.exit()} {{constructor}}', new Map()).ok, false);
			const plain = renderTemplate('${process.exit()} `x` {{me}}', new Map([['me', '{{author}}$&']]));
			assert.deepEqual(plain, { ok: true, text: '${process.exit()} `x` {{author}}$&' });
		} finally {
			globalThis.eval = originalEval;
		}
		assert.equal(evals, 0);
		assert.equal((globalThis as { pwned?: boolean }).pwned, undefined);
	});
});

describe('templates: applicability', () => {
	const tpl = (over: Partial<ReplyTemplate>): ReplyTemplate => ({ ...parse('---\ntitle: t\n---\nx'), ...over });

	it('filters by kind, category and label (case-insensitive)', () => {
		const issue = { kind: 'issue' as const, labels: ['Bug'] };
		const qa = { kind: 'discussion' as const, category: 'Q&A', labels: [] };
		assert.equal(appliesTo(tpl({ appliesTo: 'issue' }), issue), true);
		assert.equal(appliesTo(tpl({ appliesTo: 'issue' }), qa), false);
		assert.equal(appliesTo(tpl({ appliesTo: 'both' }), qa), true);
		assert.equal(appliesTo(tpl({ categories: ['q&a'] }), qa), true);
		assert.equal(appliesTo(tpl({ categories: ['Ideas'] }), qa), false);
		assert.equal(appliesTo(tpl({ categories: ['Q&A'] }), issue), false);
		assert.equal(appliesTo(tpl({ labels: ['bug', 'x'] }), issue), true);
		assert.equal(appliesTo(tpl({ labels: ['feature'] }), issue), false);
	});

	it('offers fitting templates first and broken ones last', () => {
		const ok = tpl({ id: 'ok' });
		const other = tpl({ id: 'other', appliesTo: 'discussion' });
		const bad = parse('nothing', 'bad.md');
		assert.deepEqual(applicableTemplates([bad, other, ok], { kind: 'issue', labels: [] }).map(t => t.id), ['ok', 'team:bad.md']);
	});

	it('describes actions as a checklist', () => {
		assert.deepEqual(describeActions({ addLabels: ['a', 'b'], close: { reason: 'DUPLICATE' }, markAnswer: true }, englishT), ['Add labels: a, b', 'Mark a comment as the answer', 'Close as DUPLICATE']);
	});
});
