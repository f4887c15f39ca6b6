import { strict as assert } from 'node:assert';
import { englishT, plural, type Translate } from '../../../src/core/l10n';
import { formatAge } from '../../../src/core/time';
import { redact } from '../../../src/core/redact';

describe('l10n helpers', () => {
	it('fills placeholders in both call shapes', () => {
		assert.equal(englishT('{0} of {1}', 1, 'x'), '1 of x');
		assert.equal(englishT({ message: '{0} items', args: [3], comment: 'c' }), '3 items');
	});

	it('selects Russian plural categories and translates with the plural comment', () => {
		const keys: string[] = [];
		const spy = ((o: { message: string; args: number[]; comment: string }) => { keys.push(`${o.message}/${o.comment}`); return englishT(o); }) as unknown as Translate;
		const forms = { one: '{0} comment', few: '{0} comments', many: '{0} comments', other: '{0} comments' };
		for (const n of [1, 21, 2, 22, 5, 11, 111]) plural(spy, 'ru', n, forms);
		assert.deepEqual(keys.map(k => k.split('/')[1]), ['plural:one', 'plural:one', 'plural:few', 'plural:few', 'plural:many', 'plural:many', 'plural:many']);
		assert.equal(plural(englishT, 'en', 1, forms), '1 comment');
		assert.equal(plural(englishT, 'en', 2, forms), '2 comments');
	});
});

describe('formatAge', () => {
	const now = new Date('2026-11-25T12:00:00Z');
	it('formats relative ages in English and Russian', () => {
		assert.equal(formatAge('2026-11-24T12:00:00Z', now, 'en'), 'yesterday');
		assert.equal(formatAge('2026-11-22T12:00:00Z', now, 'ru'), '3 дня назад');
		assert.equal(formatAge('2026-11-25T11:59:40Z', now, 'en'), 'now');
		assert.equal(formatAge('not a date', now, 'en'), '');
	});
});

describe('redact', () => {
	it('removes GitHub tokens and authorization values', () => {
		const text = 'authorization: token ghp_abcdefghijklmnopqrstuvwxyz0123456789 and github_pat_11ABCDEFG_xyz and Bearer sekrit123456';
		const out = redact(text);
		assert.ok(!out.includes('ghp_abc'));
		assert.ok(!out.includes('github_pat_11'));
		assert.ok(!out.includes('sekrit123456'));
		assert.equal(redact('plain text'), 'plain text');
		assert.equal(redact('value mysecret here', ['mysecret']), 'value *** here');
		assert.equal(redact('GET /x?access_token=abc123&page=2'), 'GET /x?access_token=***&page=2');
		assert.equal(redact('{"authorization":"token abcdefgh"}'), '{"authorization":"token ***"}');
		assert.equal(redact('a token required for this call'), 'a token required for this call');
	});
});
