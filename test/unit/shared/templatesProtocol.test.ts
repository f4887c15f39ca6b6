import { strict as assert } from 'node:assert';
import {
	MAX_TEMPLATE_ERRORS, MAX_TEMPLATE_QUERY, parseTemplatesHostMessage, parseTemplatesMessage, parseTemplatesPanelState, parseTemplatesSnapshot,
	type TemplatesSnapshotDto,
} from '../../../src/shared/templatesProtocol';

const command = (method: string, params?: unknown) => ({ kind: 'command', method, params });

const SNAPSHOT: TemplatesSnapshotDto = {
	status: 'ready',
	strings: { title: 'Saved Replies' },
	query: 'needs',
	summary: '2 saved replies, 1 broken',
	notices: ['GitHub saved replies are not loaded: offline'],
	groups: [{
		source: 'team', title: 'Team: rocket', detail: 'rocket/.github/saved-replies', empty: '',
		rows: [
			{ id: 'tabc', title: 'Needs info', description: 'Ask', file: 'rocket/.github/saved-replies/a.md', readOnly: false, appliesTo: 'Issues',
				filters: 'Labels: bug', actions: ['Add labels: needs-info'], errors: [], label: 'Needs info' },
			{ id: 'tdef', title: 'broken.md', description: '', file: 'rocket/.github/saved-replies/broken.md', readOnly: false, appliesTo: 'Issues and discussions',
				filters: '', actions: [], errors: [{ where: 'rocket/.github/saved-replies/broken.md:3', message: 'Unknown setting "colour".', openable: true }], label: 'broken' },
		],
	}],
	selectedId: 'tabc',
	preview: {
		id: 'tabc', title: 'Needs info', file: 'rocket/.github/saved-replies/a.md', readOnly: false, markdown: 'Hi @octocat', actions: [],
		variables: [{ name: '{{author}}', kind: 'sample', text: 'octocat' }, { name: '{{nope}}', kind: 'unknown', text: 'unknown variable' }], errors: [],
	},
};

describe('templates protocol', () => {
	it('accepts every command with valid params', () => {
		assert.deepEqual(parseTemplatesMessage(command('webview/ready', { query: 'x', selectedId: 'tabc' })), command('webview/ready', { query: 'x', selectedId: 'tabc' }));
		assert.deepEqual(parseTemplatesMessage(command('templates/refresh')), command('templates/refresh', undefined));
		assert.deepEqual(parseTemplatesMessage(command('templates/create', { path: '/etc/passwd' })), command('templates/create', undefined), 'params of create are ignored');
		assert.deepEqual(parseTemplatesMessage(command('templates/search', { query: 'crash', extra: 1 })), command('templates/search', { query: 'crash' }));
		for (const method of ['templates/preview', 'templates/edit', 'templates/duplicate', 'templates/delete']) {
			assert.deepEqual(parseTemplatesMessage(command(method, { id: 't1-2_x', file: '../x' })), command(method, { id: 't1-2_x' }), method);
		}
		assert.deepEqual(parseTemplatesMessage(command('templates/openError', { id: 'tabc', index: 2 })), command('templates/openError', { id: 'tabc', index: 2 }));
	});

	it('drops unknown methods, requests and bad params', () => {
		const bad: unknown[] = [
			command('templates/write', { id: 'tabc' }),
			{ kind: 'request', id: 1, method: 'templates/delete', params: { id: 'tabc' } },
			command('templates/delete', { id: '../../etc/passwd' }),
			command('templates/delete', { id: 'a b' }),
			command('templates/delete', { id: '' }),
			command('templates/delete', { id: 'x'.repeat(65) }),
			command('templates/delete', { id: 7 }),
			command('templates/delete', null),
			command('templates/delete', ['tabc']),
			command('templates/search', { query: 'x'.repeat(MAX_TEMPLATE_QUERY + 1) }),
			command('templates/search', { query: 1 }),
			command('templates/search'),
			command('templates/openError', { id: 'tabc' }),
			command('templates/openError', { id: 'tabc', index: -1 }),
			command('templates/openError', { id: 'tabc', index: 1.5 }),
			command('templates/openError', { id: 'tabc', index: MAX_TEMPLATE_ERRORS }),
			command('templates/openError', { id: 'tabc', index: '0' }),
			'templates/refresh', null, undefined, 42, { method: 'templates/refresh' },
		];
		for (const message of bad) assert.equal(parseTemplatesMessage(message), undefined, JSON.stringify(message));
	});

	it('never throws on arbitrary input', () => {
		const values: unknown[] = [[], {}, { kind: 'command' }, { kind: 'command', method: 'templates/preview', params: { id: { toString: () => 'x' } } },
			Object.create(null), new Map(), () => undefined, Symbol('x'), 10n];
		for (const v of values) assert.doesNotThrow(() => parseTemplatesMessage(v));
	});

	it('keeps only a valid search and row id from a saved page state', () => {
		assert.deepEqual(parseTemplatesPanelState({ query: 'a', selectedId: 'tabc' }), { query: 'a', selectedId: 'tabc' });
		assert.deepEqual(parseTemplatesPanelState({ query: 'x'.repeat(MAX_TEMPLATE_QUERY + 1), selectedId: '<img>' }), { query: '', selectedId: '' });
		assert.deepEqual(parseTemplatesPanelState(undefined), { query: '', selectedId: '' });
		assert.deepEqual(parseTemplatesPanelState('state'), { query: '', selectedId: '' });
		assert.deepEqual(parseTemplatesMessage(command('webview/ready', null)), command('webview/ready', { query: '', selectedId: '' }));
	});

	it('accepts a complete snapshot from the host, and nothing malformed', () => {
		assert.deepEqual(parseTemplatesSnapshot(SNAPSHOT), SNAPSHOT);
		assert.deepEqual(parseTemplatesSnapshot({ ...SNAPSHOT, status: 'loading', groups: [], selectedId: '', preview: null })?.status, 'loading');
		assert.deepEqual(parseTemplatesHostMessage({ kind: 'notification', method: 'templates/didChange', params: SNAPSHOT }), { method: 'templates/didChange', params: SNAPSHOT });
		const row = SNAPSHOT.groups[0]!.rows[0]!;
		const broken: unknown[] = [
			{ ...SNAPSHOT, status: 'done' },
			{ ...SNAPSHOT, strings: { title: 1 } },
			{ ...SNAPSHOT, strings: undefined },
			{ ...SNAPSHOT, notices: [1] },
			{ ...SNAPSHOT, selectedId: 'a b' },
			{ ...SNAPSHOT, preview: undefined },
			{ ...SNAPSHOT, preview: { ...SNAPSHOT.preview, variables: [{ name: 'x', kind: 'eval', text: '' }] } },
			{ ...SNAPSHOT, groups: [{ ...SNAPSHOT.groups[0], source: 'elsewhere' }] },
			{ ...SNAPSHOT, groups: [{ ...SNAPSHOT.groups[0], rows: [{ ...row, id: '<script>' }] }] },
			{ ...SNAPSHOT, groups: [{ ...SNAPSHOT.groups[0], rows: [{ ...row, errors: [{ where: 'a:1', message: 'm' }] }] }] },
			{ ...SNAPSHOT, groups: [{ ...SNAPSHOT.groups[0], rows: [{ ...row, actions: 'close' }] }] },
			null, [], 'snapshot',
		];
		for (const value of broken) assert.equal(parseTemplatesSnapshot(value), undefined, JSON.stringify(value));
		assert.equal(parseTemplatesHostMessage({ kind: 'notification', method: 'thread/didChange', params: SNAPSHOT }), undefined);
		assert.equal(parseTemplatesHostMessage({ kind: 'response', id: 1, result: SNAPSHOT }), undefined);
		assert.equal(parseTemplatesHostMessage({ kind: 'notification', method: 'templates/didChange', params: { ...SNAPSHOT, query: 3 } }), undefined);
	});
});
