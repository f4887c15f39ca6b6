import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { englishT } from '../../../src/core/l10n';
import { parseTemplate, promptsOf } from '../../../src/core/templates';

const ROOT = resolve(__dirname, '../../..');
const DIR = join(ROOT, 'media', 'saved-replies');

describe('starter templates (media/saved-replies)', () => {
	const files = (lang: string) => readdirSync(join(DIR, lang)).filter(f => f.endsWith('.md')).sort();

	it('ships the same six templates in English and Russian', () => {
		assert.equal(files('en').length, 6);
		assert.deepEqual(files('ru'), files('en'));
	});

	for (const lang of ['en', 'ru']) {
		it(`${lang}: every template parses without errors and keeps its kind, actions and prompts`, () => {
			for (const file of files(lang)) {
				const tp = parseTemplate(readFileSync(join(DIR, lang, file), 'utf8'), file, 'team', englishT);
				assert.deepEqual(tp.errors, [], file);
				const en = parseTemplate(readFileSync(join(DIR, 'en', file), 'utf8'), file, 'team', englishT);
				assert.deepEqual([tp.appliesTo, tp.actions, promptsOf(tp.body).length], [en.appliesTo, en.actions, promptsOf(en.body).length], file);
			}
		});
	}

	it('is packaged in the .vsix', () => {
		assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!media\/saved-replies\/\*\*$/m);
	});
});
