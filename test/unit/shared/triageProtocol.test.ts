import { strict as assert } from 'node:assert';
import { DEFAULT_TRIAGE_VIEW, parseTriageMessage, parseTriageView } from '../../../src/shared/triageProtocol';

describe('triage protocol', () => {
	it('accepts the commands with valid params', () => {
		assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'webview/ready' }), { kind: 'command', method: 'webview/ready', params: undefined });
		assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'triage/done', params: { id: 'D_1' } }), { kind: 'command', method: 'triage/done', params: { id: 'D_1' } });
		assert.deepEqual(parseTriageMessage({ kind: 'command', method: 'triage/setView', params: { ...DEFAULT_TRIAGE_VIEW, text: 'crash', extra: 1 } }),
			{ kind: 'command', method: 'triage/setView', params: { ...DEFAULT_TRIAGE_VIEW, text: 'crash' } });
	});

	it('drops unknown methods, requests and bad params', () => {
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/delete', params: { id: 'x' } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'request', id: 1, method: 'triage/done', params: { id: 'x' } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/open', params: { id: 7 } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/open', params: { id: '' } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/snooze', params: { id: 'x'.repeat(201) } }), undefined);
		assert.equal(parseTriageMessage({ kind: 'command', method: 'triage/open', params: null }), undefined);
		assert.equal(parseTriageMessage('triage/open'), undefined);
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
