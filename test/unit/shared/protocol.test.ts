import { strict as assert } from 'node:assert';
import { isWebviewEnvelope } from '../../../src/shared/protocol';

describe('isWebviewEnvelope', () => {
	it('accepts well-formed requests and commands', () => {
		assert.ok(isWebviewEnvelope({ kind: 'request', id: 1, method: 'thread/get', params: {} }));
		assert.ok(isWebviewEnvelope({ kind: 'command', method: 'webview/ready', params: undefined }));
	});

	it('drops anything else', () => {
		const bad: unknown[] = [null, 'x', 42, [], {}, { kind: 'request', method: 'thread/get' }, { kind: 'request', id: -1, method: 'a/b' },
			{ kind: 'request', id: 1.5, method: 'a/b' }, { kind: 'command', method: 'workbench.action.terminal.new' },
			{ kind: 'command', method: '__proto__/x' }, { kind: 'response', id: 1, method: 'a/b' }, { kind: 'command', method: `a/${'b'.repeat(80)}` }];
		for (const b of bad) assert.equal(isWebviewEnvelope(b), false, JSON.stringify(b));
	});
});
