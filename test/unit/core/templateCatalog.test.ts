import { strict as assert } from 'node:assert';
import { englishT } from '../../../src/core/l10n';
import {
	copyTitle, duplicateText, filterGroups, groupTemplates, matchesQuery, previewTemplate, rowIds, sampleValues, SKELETON_BODY_LINE, slugify, teamFolderOf,
	templateSkeleton, uniqueFileName, yamlString,
} from '../../../src/core/templateCatalog';
import { fromSavedReply, parseTemplate, type ReplyTemplate, type TemplateSource } from '../../../src/core/templates';

const template = (file: string, source: TemplateSource, title: string, body = 'Thanks!', description?: string): ReplyTemplate =>
	parseTemplate(`---\ntitle: ${yamlString(title)}\n${description ? `description: ${yamlString(description)}\n` : ''}---\n${body}\n`, file, source, englishT);

describe('template catalog', () => {
	describe('grouping and search', () => {
		const rocket = template('rocket/.github/saved-replies/b.md', 'team', 'Welcome');
		const rocketBroken = parseTemplate('no front matter', 'rocket/.github/saved-replies/a.md', 'team', englishT);
		const docs = template('rocket-docs/.github/saved-replies/x.md', 'team', 'Docs fix', 'See the docs.', 'Point at the documentation');
		const mine = template('saved-replies/m.md', 'personal', 'my note');
		const github = fromSavedReply('SR_1', 'Duplicate', 'Duplicate of {{duplicate_of}}', englishT);

		it('finds the workspace folder of a team file, preferring the longest name', () => {
			assert.equal(teamFolderOf('rocket-docs/.github/saved-replies/x.md', ['rocket', 'rocket-docs']), 'rocket-docs');
			assert.equal(teamFolderOf('a/b/.github/saved-replies/x.md', ['a', 'a/b']), 'a/b');
			assert.equal(teamFolderOf('gone/.github/saved-replies/x.md', ['rocket']), 'gone');
			assert.equal(teamFolderOf('x.md', ['rocket']), undefined);
		});

		it('groups team templates per folder (empty folders too), then personal, then GitHub; sorted by title, broken ones kept', () => {
			const groups = groupTemplates([github, mine, docs, rocket, rocketBroken], ['rocket', 'rocket-docs', 'empty']);
			assert.deepEqual(groups.map(g => [g.key, g.templates.map(tp => tp.title)]), [
				['team:rocket', ['rocket/.github/saved-replies/a.md', 'Welcome']],
				['team:rocket-docs', ['Docs fix']],
				['team:empty', []],
				['personal', ['my note']],
				['github', ['Duplicate']],
			]);
			assert.equal(groups[0]!.templates[0]!.errors.length, 1, 'the broken file is listed, not dropped');
			assert.deepEqual(groupTemplates([], []).map(g => g.key), ['personal'], 'no GitHub group without saved replies');
		});

		it('matches every word of a search in the title, description, text or file name, in any case', () => {
			assert.ok(matchesQuery(docs, 'DOCS'));
			assert.ok(matchesQuery(docs, 'documentation point'));
			assert.ok(matchesQuery(docs, 'see  fix'));
			assert.ok(matchesQuery(docs, 'x.md'));
			assert.ok(!matchesQuery(docs, 'docs welcome'));
			assert.ok(matchesQuery(docs, '   '));
		});

		it('filters groups, dropping the ones left empty only when there is a search', () => {
			const groups = groupTemplates([rocket, docs, mine], ['rocket', 'rocket-docs', 'empty']);
			assert.equal(filterGroups(groups, '').length, 4);
			assert.deepEqual(filterGroups(groups, 'welcome').map(g => [g.key, g.templates.length]), [['team:rocket', 1]]);
			assert.deepEqual(filterGroups(groups, 'nothing like this'), []);
		});

		it('gives stable, distinct, safe row ids', () => {
			const ids = rowIds([rocket.id, docs.id, mine.id, rocket.id]);
			assert.equal(ids.size, 3);
			assert.equal(new Set(ids.values()).size, 3);
			for (const id of ids.values()) assert.match(id, /^[A-Za-z0-9_-]{1,64}$/);
			assert.deepEqual([...rowIds([docs.id, rocket.id, mine.id])].sort(), [...ids].sort(), 'the same id whatever the order');
			assert.ok(!/rocket|saved/.test([...ids.values()].join()), 'ids say nothing about the path');
		});
	});

	describe('preview', () => {
		it('fills fixed variables with sample values, shows inputs as placeholders, and flags unknown ones', () => {
			const p = previewTemplate('Hi @{{ author }}, {{me}} here about {{repo}}#{{number}}. {{input: What is missing?}} {{nope}} {{constructor}}', englishT);
			assert.equal(p.text, 'Hi @octocat, monalisa here about octo-org/octo-repo#42. «What is missing?» {{nope}} {{constructor}}');
			assert.deepEqual(p.unknown, ['nope', 'constructor']);
			assert.deepEqual(p.variables, [
				{ name: 'author', kind: 'sample', value: 'octocat' }, { name: 'me', kind: 'sample', value: 'monalisa' },
				{ name: 'repo', kind: 'sample', value: 'octo-org/octo-repo' }, { name: 'number', kind: 'sample', value: '42' },
				{ name: 'input:What is missing?', kind: 'input', value: 'What is missing?' },
				{ name: 'nope', kind: 'unknown', value: '' }, { name: 'constructor', kind: 'unknown', value: '' },
			]);
		});

		it('has a sample for every fixed variable and never evaluates anything', () => {
			const samples = sampleValues(englishT);
			for (const name of ['author', 'me', 'repo', 'number', 'title', 'category', 'days_open', 'duplicate_of']) assert.ok(samples.get(name), name);
			const hostile = '${process.exit()} {{constructor.constructor(\'x\')()}} {{__proto__}} {{input:}}';
			const p = previewTemplate(hostile, englishT);
			assert.equal(p.text, hostile);
			assert.equal(p.unknown.length, 3);
		});

		it('cuts a huge body', () => {
			const p = previewTemplate('x'.repeat(100), englishT, 10);
			assert.equal(p.text, `${'x'.repeat(10)}\n\n…`);
		});
	});

	describe('new files', () => {
		it('makes file-name stems from titles in any script', () => {
			assert.equal(slugify('Needs more information!'), 'needs-more-information');
			assert.equal(slugify('  Crème brûlée / FAQ #2  '), 'creme-brulee-faq-2');
			assert.equal(slugify('Нужна информация'), 'нужна-информация');
			assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
			assert.equal(slugify('???'), 'saved-reply');
			assert.equal(slugify('NUL'), 'nul-reply');
			assert.ok(slugify('a'.repeat(200)).length <= 60);
		});

		it('never picks a name that is taken (case-insensitively)', () => {
			assert.equal(uniqueFileName('welcome', []), 'welcome.md');
			assert.equal(uniqueFileName('welcome', ['Welcome.md']), 'welcome-2.md');
			assert.equal(uniqueFileName('welcome', ['welcome.md', 'welcome-2.md', 'other.md']), 'welcome-3.md');
		});

		it('writes a skeleton the parser accepts, keeping the title exactly', () => {
			for (const title of ['Needs info', 'Say "hi" \\ bye: #1 [x]', 'It\'s {{me}}', 'Привет']) {
				const text = templateSkeleton(title, englishT);
				const tp = parseTemplate(text, 'a.md', 'team', englishT);
				assert.deepEqual(tp.errors, [], title);
				assert.equal(tp.title, title);
				assert.equal(tp.appliesTo, 'both');
				assert.equal(text.split('\n')[SKELETON_BODY_LINE], 'Write the reply here.');
			}
		});

		it('duplicates a file with only its title changed, and a GitHub saved reply as a new file', () => {
			const raw = '---\n# keep me\ntitle: Welcome\nlabels: [bug]\n---\nHi {{author}}\n';
			const tp = parseTemplate(raw, 'a.md', 'team', englishT);
			const copy = duplicateText(raw, tp, englishT);
			assert.equal(copy, '---\n# keep me\ntitle: "Welcome (copy)"\nlabels: [bug]\n---\nHi {{author}}\n');
			assert.equal(copyTitle('Welcome', englishT), 'Welcome (copy)');
			const parsed = parseTemplate(copy, 'b.md', 'personal', englishT);
			assert.deepEqual([parsed.errors, parsed.title, parsed.labels], [[], 'Welcome (copy)', ['bug']]);

			const saved = fromSavedReply('SR_1', 'Dup', 'Duplicate of {{duplicate_of}}', englishT);
			const fromGitHub = parseTemplate(duplicateText(undefined, saved, englishT), 'c.md', 'personal', englishT);
			assert.deepEqual([fromGitHub.errors, fromGitHub.title, fromGitHub.body], [[], 'Dup (copy)', 'Duplicate of {{duplicate_of}}']);
		});

		it('adds a title to a front matter without one, and front matter to a file without any', () => {
			const noTitle = parseTemplate('---\nappliesTo: issue\n---\nBody', 'a.md', 'team', englishT);
			assert.equal(duplicateText('---\nappliesTo: issue\n---\nBody', noTitle, englishT), '---\ntitle: "a.md (copy)"\nappliesTo: issue\n---\nBody');
			const none = parseTemplate('Just text', 'b.md', 'team', englishT);
			const copy = parseTemplate(duplicateText('Just text', none, englishT), 'c.md', 'team', englishT);
			assert.deepEqual([copy.errors, copy.title, copy.body], [[], 'b.md (copy)', 'Just text']);
		});
	});
});
