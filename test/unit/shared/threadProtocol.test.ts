import { strict as assert } from 'node:assert';
import { MAX_REPLY_CHARS, parseDraftParams, parseModerationParams, parseThreadMessage, parseThreadPanelState } from '../../../src/shared/threadProtocol';

describe('thread panel messages', () => {
	it('accepts exactly the known messages with valid params', () => {
		assert.deepEqual(parseThreadMessage({ kind: 'request', id: 3, method: 'thread/get', params: { extra: 1 } }), { kind: 'request', id: 3, method: 'thread/get', params: undefined });
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'webview/ready' }), { kind: 'command', method: 'webview/ready', params: undefined });
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'template/pick', params: { target: 'OTHER' } }), { kind: 'command', method: 'template/pick', params: { replyToId: null } },
			'the host uses its own target, never one from the message (M2)');
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'template/pick' }), { kind: 'command', method: 'template/pick', params: { replyToId: null } }, 'no params: the thread\'s own box');
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'template/pick', params: { replyToId: 'DC_kwDO1' } })?.params, { replyToId: 'DC_kwDO1' });
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'reply/dropActions', params: { actions: ['close'] } }), { kind: 'command', method: 'reply/dropActions', params: { replyToId: null } });
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'reply/dropActions', params: { replyToId: 'DC_kwDO1' } })?.params, { replyToId: 'DC_kwDO1' });
		for (const bad of [null, 'DC_1', { replyToId: 42 }, { replyToId: 'bad id' }, { replyToId: 'x'.repeat(300) }]) {
			assert.equal(parseThreadMessage({ kind: 'command', method: 'template/pick', params: bad }), undefined, JSON.stringify(bad));
			assert.equal(parseThreadMessage({ kind: 'command', method: 'reply/dropActions', params: bad }), undefined, JSON.stringify(bad));
		}
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'link/open', params: { url: 'https://x', other: 1 } }), { kind: 'command', method: 'link/open', params: { url: 'https://x' } });
	});

	it('drops junk, unknown methods, wrong kinds and bad params', () => {
		const junk: unknown[] = [undefined, null, 0, 'thread/get', [], {}, { kind: 'command', method: 'thread/get' }, { kind: 'request', id: 1, method: 'webview/ready' },
			{ kind: 'request', id: 0, method: 'thread/get' }, { kind: 'command', method: 'link/open' }, { kind: 'command', method: 'link/open', params: null },
			{ kind: 'command', method: 'link/open', params: { url: 42 } }, { kind: 'command', method: 'link/open', params: { url: '' } },
			{ kind: 'command', method: 'link/open', params: { url: 'x'.repeat(5000) } }, { kind: 'command', method: 'reply/send', params: { threadId: 'OTHER', body: 'x' } },
			{ kind: 'command', method: 'workbench.action.terminal.new' }, { kind: 'command', method: 'constructor/prototype' }, { kind: 'notification', method: 'thread/didChange' }];
		for (const j of junk) assert.equal(parseThreadMessage(j), undefined, JSON.stringify(j));
		for (let i = 0; i < 2000; i++) assert.doesNotThrow(() => parseThreadMessage(randomValue(i)));
	});

	it('accepts moderation actions by name only, with a node ID exactly for comment actions', () => {
		const run = (params: unknown) => parseThreadMessage({ kind: 'command', method: 'moderation/run', params });
		assert.deepEqual(run({ action: 'close', target: { number: 99 } }), { kind: 'command', method: 'moderation/run', params: { action: 'close' } },
			'the host moderates its own thread, never one named by the message (M2)');
		assert.deepEqual(run({ action: 'openOnGitHubFor' })?.params, { action: 'openOnGitHubFor' });
		assert.deepEqual(run({ action: 'hide', commentId: 'DC_kwDO1', classifier: 'SPAM' })?.params, { action: 'hide', commentId: 'DC_kwDO1' });
		for (const bad of [null, {}, { action: 'delete' }, { action: 'constructor' }, { action: 'close', commentId: 'DC_1' }, { action: 'hide' },
			{ action: 'hide', commentId: 'x y' }, { action: 'markAnswer', commentId: 7 }, { action: 'unhide', commentId: 'a'.repeat(201) }]) {
			assert.equal(run(bad), undefined, JSON.stringify(bad));
		}
		assert.equal(parseModerationParams({ action: 'lock' })?.action, 'lock');
	});

	it('accepts "Load more" for the comments or one comment id', () => {
		const more = (params: unknown) => parseThreadMessage({ kind: 'command', method: 'comments/loadMore', params });
		assert.deepEqual(more({ replyToId: null, cursor: 'evil' })?.params, { replyToId: null }, 'the cursor is the host\'s, never the message\'s');
		assert.deepEqual(more({})?.params, { replyToId: null });
		assert.deepEqual(more({ replyToId: 'DC_2' })?.params, { replyToId: 'DC_2' });
		for (const bad of [undefined, 'DC_2', { replyToId: 3 }, { replyToId: '../x' }]) assert.equal(more(bad), undefined, JSON.stringify(bad));
	});

	it('revives only from a well-formed {host, owner, repo, kind, number}', () => {
		const ok = { host: '127.0.0.1:7777', owner: 'acme', repo: 'rocket', kind: 'discussion', number: 5 };
		assert.deepEqual(parseThreadPanelState({ ...ok, thread: { title: 'stale' } }), ok);
		for (const bad of [null, 'x', { ...ok, kind: 'pr' }, { ...ok, number: 0 }, { ...ok, number: '5' }, { ...ok, owner: '../x' }, { ...ok, repo: '..' }, { ...ok, host: 'a b' }]) {
			assert.equal(parseThreadPanelState(bad), undefined, JSON.stringify(bad));
		}
	});
});

/** A deterministic arbitrary value (objects, arrays, strings, numbers) for robustness. */
function randomValue(seed: number, depth = 0): unknown {
	const r = (seed * 2654435761) % 97;
	const pick = ['request', 'command', 'thread/get', 'link/open', 'webview/ready', '__proto__', 1, -1, null, undefined];
	if (depth > 2 || r < 30) return pick[r % pick.length];
	if (r < 60) return Object.fromEntries(['kind', 'id', 'method', 'params', 'url'].map((k, i) => [k, randomValue(seed + i * 7 + 1, depth + 1)]));
	return [randomValue(seed + 3, depth + 1), randomValue(seed + 5, depth + 1)];
}

describe('reply messages', () => {
	const ok = { replyToId: null, body: 'Hello', updatedAt: 5 };

	it('accepts draft/save and reply/send with bounded bodies and node-id-shaped targets', () => {
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'draft/save', params: { ...ok, extra: 1 } }), { kind: 'command', method: 'draft/save', params: ok });
		assert.deepEqual(parseThreadMessage({ kind: 'command', method: 'reply/send', params: { ...ok, replyToId: 'DC_kwDOA-1=' } }),
			{ kind: 'command', method: 'reply/send', params: { ...ok, replyToId: 'DC_kwDOA-1=' } });
		assert.deepEqual(parseDraftParams({ body: '', updatedAt: 1 }), { replyToId: null, body: '', updatedAt: 1 }, 'an empty draft clears it');
		assert.ok(parseDraftParams({ ...ok, body: 'x'.repeat(MAX_REPLY_CHARS) }));
	});

	it('drops bad targets, oversized or blank sends, and bad times', () => {
		const bad: unknown[] = [
			{ ...ok, replyToId: '../x' }, { ...ok, replyToId: 'a b' }, { ...ok, replyToId: '' }, { ...ok, replyToId: 'x'.repeat(201) }, { ...ok, replyToId: 7 },
			{ ...ok, body: 3 }, { ...ok, body: 'x'.repeat(MAX_REPLY_CHARS + 1) }, { ...ok, updatedAt: 'now' }, { ...ok, updatedAt: Number.NaN }, { ...ok, updatedAt: -1 }, null, 'x',
		];
		for (const params of bad) {
			assert.equal(parseThreadMessage({ kind: 'command', method: 'draft/save', params }), undefined, JSON.stringify(params));
			assert.equal(parseThreadMessage({ kind: 'command', method: 'reply/send', params }), undefined, JSON.stringify(params));
		}
		assert.equal(parseDraftParams({ ...ok, body: '   ' }, true), undefined, 'a blank reply is not sent');
		assert.equal(parseDraftParams({ ...ok, body: 'x'.repeat(MAX_REPLY_CHARS - 10) }, true), undefined, 'room for the marker');
		assert.equal(parseThreadMessage({ kind: 'request', id: 1, method: 'reply/send', params: ok }), undefined, 'a command, not a request');
	});
});
