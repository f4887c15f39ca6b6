import { strict as assert } from 'node:assert';
import {
	allowedRows, DEFAULT_TRIAGE_VIEW, MAX_TRIAGE_IDS, parseTriageMessage, parseTriagePanelState, parseTriageView, type TriageModerationAction,
} from '../../../src/shared/triageProtocol';

describe('triage protocol', () => {
	it('accepts the commands with valid params', () => {
		assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'webview/ready' }), { kind: 'command', method: 'webview/ready', params: undefined });
		assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'triage/open', params: { id: 'D_1' } }), { kind: 'command', method: 'triage/open', params: { id: 'D_1' } });
		assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'triage/done', params: { ids: ['D_1', 'I_2', 'D_1'] } }), { kind: 'command', method: 'triage/done', params: { ids: ['D_1', 'I_2'] } });
		assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'triage/setView', params: { ...DEFAULT_TRIAGE_VIEW, text: 'crash', extra: 1 } }),
			{ kind: 'command', method: 'triage/setView', params: { ...DEFAULT_TRIAGE_VIEW, text: 'crash' } });
	});

	it('drops unknown methods, requests and bad params', () => {
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/delete', params: { id: 'x' } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'request', id: 1, method: 'triage/done', params: { id: 'x' } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/open', params: { id: 7 } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/open', params: { id: '' } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/snooze', params: { ids: ['x'.repeat(201)] } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/open', params: null }), undefined);
		assert.equal(parseTriageMessage('triage/open'), undefined);
	});

	it('accepts snoozes with or without a choice, and the three moderation actions', () => {
		const snooze = (params: unknown) => parseTriageMessage({ kind: 'command', method: 'triage/snooze', params })?.params;
		assert.deepEqual(snooze({ ids: ['I_1'] }), { ids: ['I_1'] });
		assert.deepEqual(snooze({ ids: ['I_1'], snooze: { kind: 'authorReplies' } }), { ids: ['I_1'], snooze: { kind: 'authorReplies' } });
		assert.deepEqual(snooze({ ids: ['I_1'], snooze: { kind: 'hours', hours: 24, x: 1 } }), { ids: ['I_1'], snooze: { kind: 'hours', hours: 24 } });
		assert.deepEqual(snooze({ ids: ['I_1'], snooze: { kind: 'date', date: '2025-07-01' } }), { ids: ['I_1'], snooze: { kind: 'date', date: '2025-07-01' } });
		for (const bad of [{ kind: 'hours', hours: 0 }, { kind: 'hours', hours: Infinity }, { kind: 'date', date: 'tomorrow' }, { kind: 'forever' }, null, 'authorReplies']) {
			assert.equal(snooze({ ids: ['I_1'], snooze: bad }), undefined, JSON.stringify(bad));
		}
		for (const action of ['labels', 'assign', 'close'] as const) {
			assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'triage/moderate', params: { ids: ['I_1'], action } }), { kind: 'command', method: 'triage/moderate', params: { ids: ['I_1'], action } });
		}
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/moderate', params: { ids: ['I_1'], action: 'lock' } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/moderate', params: { ids: ['I_1'] } }), undefined);
		assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'triage/template', params: { ids: ['I_1', 'D_2', 'I_1'], template: 'x' } }),
			{ kind: 'command', method: 'triage/template', params: { ids: ['I_1', 'D_2'] } }, 'the webview names rows only; the host asks for the template');
		for (const bad of [undefined, null, { ids: [] }, { ids: 'I_1' }, { ids: [1] }]) assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/template', params: bad }), undefined);
	});

	it('drops empty, oversized or malformed id lists', () => {
		const done = (params: unknown) => parseTriageMessage({ kind: 'command', method: 'triage/done', params });
		assert.equal(done({ ids: [] }), undefined);
		assert.equal(done({ ids: 'I_1' }), undefined);
		assert.equal(done({ id: 'I_1' }), undefined);
		assert.equal(done({ ids: ['I_1', 7] }), undefined);
		assert.equal(done({ ids: ['I_1', ''] }), undefined);
		assert.equal(done(null), undefined);
		assert.equal(done({ ids: Array.from({ length: MAX_TRIAGE_IDS + 1 }, (_v, i) => `I_${i}`) }), undefined);
		assert.equal(done({ ids: Array.from({ length: MAX_TRIAGE_IDS }, (_v, i) => `I_${i}`) })?.method, 'triage/done');
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/snooze', params: null }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/moderate', params: null }), undefined);
	});

	it('validates every field of a view', () => {
		assert.deepEqual(parseTriageView(DEFAULT_TRIAGE_VIEW), DEFAULT_TRIAGE_VIEW);
		assert.equal(parseTriageView({ ...DEFAULT_TRIAGE_VIEW, sort: 'random' }), undefined);
		assert.equal(parseTriageView({ ...DEFAULT_TRIAGE_VIEW, kind: 'pr' }), undefined);
		assert.equal(parseTriageView({ ...DEFAULT_TRIAGE_VIEW, minAgeHours: -1 }), undefined);
		assert.equal(parseTriageView({ ...DEFAULT_TRIAGE_VIEW, minAgeHours: Number.NaN }), undefined);
		assert.equal(parseTriageView({ ...DEFAULT_TRIAGE_VIEW, firstTimersOnly: 'yes' }), undefined);
		assert.equal(parseTriageView({ ...DEFAULT_TRIAGE_VIEW, text: 'x'.repeat(201) }), undefined);
		assert.equal(parseTriageView(null), undefined);
	});
});

describe('triage panel state and permissions', () => {
	const row = (id: string, allowed: TriageModerationAction[]) => ({ id, allowed });

	it('restores the view kept in the webview state, and nothing from a malformed one', () => {
		const view = { ...DEFAULT_TRIAGE_VIEW, kind: 'issue', sort: 'age', text: 'crash' };
		assert.deepEqual(parseTriagePanelState({ selectedId: 'a', checked: ['a'], view }), view);
		assert.equal(parseTriagePanelState({ selectedId: 'a' }), undefined);
		assert.equal(parseTriagePanelState({ view: { ...view, sort: 'random' } }), undefined);
		assert.equal(parseTriagePanelState(undefined), undefined);
		assert.equal(parseTriagePanelState('view'), undefined);
	});

	it('keeps the rows that allow an action, in order, and counts the others', () => {
		const rows = [row('a', ['labels', 'assign', 'close']), row('b', []), row('c', ['close'])];
		assert.deepEqual(allowedRows(rows, ['c', 'b', 'a'], 'close'), { ids: ['c', 'a'], leftOut: 1 });
		assert.deepEqual(allowedRows(rows, ['a', 'b', 'c'], 'labels'), { ids: ['a'], leftOut: 2 });
		assert.deepEqual(allowedRows(rows, ['b'], 'assign'), { ids: [], leftOut: 1 });
		// ids the snapshot does not hold are the host's to drop
		assert.deepEqual(allowedRows(rows, ['zz'], 'labels'), { ids: ['zz'], leftOut: 0 });
	});
});
