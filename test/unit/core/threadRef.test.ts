import { strict as assert } from 'node:assert';
import { externalLinkTarget, parseThreadRef } from '../../../src/core/threadRef';

describe('parseThreadRef', () => {
	it('reads thread URLs of either kind, ignoring query, fragment and a trailing slash', () => {
		assert.deepEqual(parseThreadRef('https://github.com/acme/rocket/discussions/12'),
			{ ok: true, ref: { number: 12, repo: { owner: 'acme', name: 'rocket' }, kind: 'discussion', host: 'github.com' } });
		assert.deepEqual(parseThreadRef('  http://127.0.0.1:7777/acme/rocket-docs/issues/3/?x=1#issuecomment-9 '),
			{ ok: true, ref: { number: 3, repo: { owner: 'acme', name: 'rocket-docs' }, kind: 'issue', host: '127.0.0.1:7777' } });
	});

	it('reads owner/repo#N and #N', () => {
		assert.deepEqual(parseThreadRef('acme/rocket#7'), { ok: true, ref: { number: 7, repo: { owner: 'acme', name: 'rocket' } } });
		assert.deepEqual(parseThreadRef('#42'), { ok: true, ref: { number: 42 } });
	});

	it('rejects everything else with a message', () => {
		const bad = ['', '42', '#', '#0', '#-1', '#1.5', '#99999999999', 'acme#3', 'acme/rocket', 'acme/rocket#', 'a/b/c#1',
			'https://github.com/acme/rocket/pull/4', 'https://github.com/acme/rocket/issues', 'https://github.com/acme/rocket/issues/x',
			'https://u:p@github.com/acme/rocket/issues/1', 'ftp://github.com/acme/rocket/issues/1', 'command:workbench.action.terminal.new',
			'https://github.com/-bad/rocket/issues/1', 'javascript:alert(1)//acme/rocket#1'];
		for (const input of bad) {
			const r = parseThreadRef(input);
			assert.equal(r.ok, false, input);
			assert.ok(!r.ok && r.error.length > 0);
		}
		const r = parseThreadRef('nonsense');
		assert.ok(!r.ok && r.error.includes('nonsense'));
	});
});

describe('externalLinkTarget', () => {
	const base = 'https://github.com/acme/rocket/discussions/1';

	it('allows http, https and mailto, resolving relative links against the thread page', () => {
		assert.equal(externalLinkTarget('https://example.com/a?b#c', base), 'https://example.com/a?b#c');
		assert.equal(externalLinkTarget('http://example.com/', base), 'http://example.com/');
		assert.equal(externalLinkTarget('mailto:a@b.c', base), 'mailto:a@b.c');
		assert.equal(externalLinkTarget('/acme/rocket/issues/2', base), 'https://github.com/acme/rocket/issues/2');
		assert.equal(externalLinkTarget('#discussioncomment-5', base), 'https://github.com/acme/rocket/discussions/1#discussioncomment-5');
	});

	it('refuses every other scheme, whatever the spelling', () => {
		const bad = ['command:workbench.action.terminal.new', 'COMMAND:x', ' command:x', 'vscode://vscode.git/clone?url=-x', 'vscode-insiders://x',
			'file:///etc/passwd', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', '\tjavascript:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x',
			'vbscript:msgbox', 'blob:https://x/y', 'tel:123', 'http://[bad'];
		for (const href of bad) assert.equal(externalLinkTarget(href, base), undefined, href);
	});
});
