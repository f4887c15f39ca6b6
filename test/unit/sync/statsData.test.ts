import { strict as assert } from 'node:assert';
import { RepoIndex } from '../../../src/core/repoIndex';
import { SyncEngine } from '../../../src/sync/syncEngine';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { sandboxSource } from './syncHelpers';

// The data the stats need, end to end: a cold sync against the sandbox keeps minimized reasons,
// answerChosenAt and closedAt in the index.

describe('sync: data for the stats (sandbox, tiny)', function () {
	this.timeout(30_000);
	let sb: Sandbox;
	let index: RepoIndex;

	before(async () => {
		sb = await startSandbox({ port: 0, size: 'tiny', now: new Date('2025-06-01T12:00:00Z'), secondaryLimits: false });
		index = new RepoIndex();
		await new SyncEngine({ owner: 'acme', name: 'rocket' }, { source: sandboxSource(sb), index }).coldSync();
	});
	after(async () => {
		await sb.close();
	});

	it('keeps the minimized reason of a hidden comment', () => {
		const minimized = index.items().flatMap(i => index.commentsOf(i.id)).filter(c => c.minimized);
		assert.ok(minimized.length > 0);
		assert.ok(minimized.some(c => c.minimizedReason === 'off-topic'), JSON.stringify(minimized));
		assert.ok(minimized.every(c => c.minimizedReason !== undefined));
	});

	it('keeps answerChosenAt of answered discussions and closedAt of closed items', () => {
		const answered = index.items().filter(i => i.isAnswered);
		assert.ok(answered.length > 0);
		for (const d of answered) {
			assert.ok(d.answerChosenAt !== undefined && d.answerChosenAt >= d.createdAt, d.title);
			assert.ok(index.commentsOf(d.id).some(c => c.isAnswer), 'the answer comment is in the index');
		}
		const closed = index.items().filter(i => i.closed);
		assert.ok(closed.length > 0);
		for (const i of closed) assert.ok(i.closedAt !== undefined && i.closedAt >= i.createdAt, i.title);
		for (const i of index.items().filter(x => !x.closed)) assert.equal(i.closedAt, undefined);
	});
});
