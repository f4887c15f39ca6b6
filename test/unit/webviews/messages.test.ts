import { strict as assert } from 'node:assert';
import { receiveMessage } from '../../../src/webviews/messages';

function recordingLogger() {
	const lines: string[] = [];
	return { lines, logger: { warn: (m: string) => void lines.push(`warn ${m}`), error: (m: string) => void lines.push(`error ${m}`) } };
}

const parse = (raw: unknown) => (typeof raw === 'number' ? raw : undefined);

describe('receiveMessage', () => {
	it('runs the handler with the parsed message', async () => {
		const { lines, logger } = recordingLogger();
		const seen: number[] = [];
		await receiveMessage(7, { name: 'Test panel', logger }, parse, m => void seen.push(m));
		assert.deepEqual(seen, [7]);
		assert.deepEqual(lines, []);
	});

	it('drops and logs what does not parse, without running the handler', async () => {
		const { lines, logger } = recordingLogger();
		let ran = false;
		await receiveMessage({ method: 'x' }, { name: 'Test panel', logger }, parse, () => void (ran = true));
		assert.equal(ran, false);
		assert.deepEqual(lines, ['warn Test panel: dropped an invalid message from the webview.']);
	});

	it('logs a failing handler, tells onError, and never rejects', async () => {
		const { lines, logger } = recordingLogger();
		const failed: number[] = [];
		await receiveMessage(3, { name: 'Test panel', logger }, parse, async () => { throw new Error('boom'); }, m => void failed.push(m));
		assert.deepEqual(failed, [3]);
		assert.deepEqual(lines, ['error Test panel: a message handler failed.']);
	});
});
