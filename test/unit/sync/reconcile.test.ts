import { strict as assert } from 'node:assert';
import { RepoIndex, type IndexedItem } from '../../../src/core/repoIndex';
import { CLOSED_CHECK_DAYS, closedSlice, isReconcileDue, RECONCILE_INTERVAL_MS } from '../../../src/sync/reconcile';
import { SyncEngine } from '../../../src/sync/syncEngine';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { expectedCounts, indexCounts, sandboxGraphql, sandboxSource } from './syncHelpers';

const ROCKET = { owner: 'acme', name: 'rocket' };
const NOW = new Date('2025-06-01T12:00:00Z');

const DELETE_ISSUE = 'mutation($id: ID!) { deleteIssue(input: { issueId: $id }) { clientMutationId } }';
const DELETE_DISCUSSION = 'mutation($id: ID!) { deleteDiscussion(input: { id: $id }) { clientMutationId } }';
const TRANSFER = 'mutation($id: ID!, $repo: ID!) { transferIssue(input: { issueId: $id, repositoryId: $repo }) { clientMutationId } }';

/** An index cold-synced from the sandbox, with its engine. */
async function synced(sb: Sandbox): Promise<{ index: RepoIndex; engine: SyncEngine }> {
	const index = new RepoIndex();
	const engine = new SyncEngine(ROCKET, { source: sandboxSource(sb), index });
	assert.equal((await engine.coldSync()).complete, true);
	return { index, engine };
}

function byId(index: RepoIndex): Map<string, IndexedItem> {
	return new Map(index.items().map(i => [i.id, i]));
}

/** Ids requested per GraphQL operation, from the sandbox's log. */
function operations(sb: Sandbox): string[] {
	return sb.log.api('graphql').map(e => e.operationName ?? '');
}

/** The bound of issue #3: the refresh's requests + ceil(open / 100) + 1 + ceil(suspects / 100). */
function bound(refreshRequests: number, open: number, suspects: number): number {
	return refreshRequests + Math.ceil(open / 100) + 1 + Math.ceil(suspects / 100);
}

describe('SyncEngine.reconcile against the GitHub sandbox', function () {
	this.timeout(60_000);
	let sb: Sandbox;
	afterEach(async () => {
		await sb?.close();
	});

	describe('tiny size', () => {
		beforeEach(async () => {
			sb = await startSandbox({ port: 0, size: 'tiny', now: NOW, secondaryLimits: false });
		});
		const id = (ref: string) => sb.store.nodeId(sb.store.thread(ref)!);

		it('removes a deleted issue, a deleted discussion and a transferred issue with their comments, and stores a silently closed one', async () => {
			const reopened = sb.store.thread('acme/rocket#3')!;
			[reopened.closedAt, reopened.stateReason] = [0, null];
			const { index, engine } = await synced(sb);
			const before = byId(index);
			const [deletedIssue, deletedDiscussion, transferred, closed] = [id('acme/rocket#1'), id('acme/rocket#6'), id('acme/rocket#9'), id('acme/rocket#3')];
			assert.ok(index.commentsOf(deletedIssue).length > 0 && index.commentsOf(deletedDiscussion).length > 0, 'the fixture has comments to remove');
			await sandboxGraphql(sb, DELETE_ISSUE, { id: deletedIssue });
			await sandboxGraphql(sb, DELETE_DISCUSSION, { id: deletedDiscussion });
			await sandboxGraphql(sb, TRANSFER, { id: transferred, repo: sb.store.nodeId(sb.store.repo('acme', 'rocket-docs')!) });
			// Closed without a newer updatedAt: the refresh cannot see it, only the reconcile can.
			[reopened.closedAt, reopened.stateReason] = [reopened.updatedAt, 'NOT_PLANNED'];
			sb.log.clear();

			const result = await engine.reconcile();

			assert.equal(result.complete, true);
			assert.deepEqual([...result.removed].sort(), [deletedIssue, deletedDiscussion, transferred].sort());
			assert.deepEqual(result.updated, [closed]);
			assert.deepEqual(result.changed, []);
			for (const gone of result.removed) {
				assert.equal(index.item(gone), undefined);
				assert.deepEqual(index.commentsOf(gone), []);
			}
			assert.deepEqual({ closed: index.item(closed)?.closed, stateReason: index.item(closed)?.stateReason }, { closed: true, stateReason: 'NOT_PLANNED' });
			assert.deepEqual(indexCounts(index), expectedCounts(sb, 'acme', 'rocket'), 'the index holds exactly what GitHub has');
			for (const item of index.items().filter(i => i.id !== closed)) {
				assert.deepEqual(item, before.get(item.id), `${item.kind} #${item.number} is unchanged`);
			}
			assert.deepEqual(operations(sb), ['SyncChanges', 'ReconcileOpenIds', 'ReconcileCheck']);
			assert.equal(result.requests, 3);
			assert.deepEqual({ open: result.open, suspects: result.suspects }, { open: 3, suspects: 4 });
		});

		it('changes nothing when nothing was deleted: no open suspect, and one check of the closed items', async () => {
			const { index, engine } = await synced(sb);
			const before = index.toJSON();
			const closed = index.items().filter(i => i.closed).length;
			assert.ok(closed > 0);
			sb.log.clear();
			const result = await engine.reconcile();
			assert.deepEqual({ removed: result.removed, updated: result.updated, suspects: result.suspects, closedChecked: result.closedChecked }, { removed: [], updated: [], suspects: 0, closedChecked: closed });
			assert.deepEqual(operations(sb), ['SyncChanges', 'ReconcileOpenIds', 'ReconcileCheck'], 'a small repository has its closed items checked in one batch');
			assert.deepEqual(index.toJSON(), before);
		});

		it('removes closed items deleted or transferred on GitHub, with their comments', async () => {
			const { index, engine } = await synced(sb);
			const closed = index.items().filter(i => i.closed);
			const issues = closed.filter(i => i.kind === 'issue');
			const victims = { deleted: issues[0]!, transferred: issues[1]!, discussion: closed.find(i => i.kind === 'discussion') };
			assert.ok(victims.deleted && victims.transferred, 'the fixture has closed issues');
			await sandboxGraphql(sb, DELETE_ISSUE, { id: victims.deleted.id });
			await sandboxGraphql(sb, TRANSFER, { id: victims.transferred.id, repo: sb.store.nodeId(sb.store.repo('acme', 'rocket-docs')!) });
			if (victims.discussion) await sandboxGraphql(sb, DELETE_DISCUSSION, { id: victims.discussion.id });
			const gone = [victims.deleted.id, victims.transferred.id, ...(victims.discussion ? [victims.discussion.id] : [])];
			const result = await engine.reconcile();
			assert.deepEqual([...result.removed].sort(), gone.sort());
			for (const id of gone) assert.deepEqual([index.item(id), index.commentsOf(id)], [undefined, []]);
			assert.deepEqual(indexCounts(index), expectedCounts(sb, 'acme', 'rocket'), 'the index holds exactly what GitHub has');
		});

		it('stops when aborted, keeping the index', async () => {
			const { index, engine } = await synced(sb);
			const deleted = id('acme/rocket#1');
			await sandboxGraphql(sb, DELETE_ISSUE, { id: deleted });
			const controller = new AbortController();
			controller.abort();
			await assert.rejects(engine.reconcile(controller.signal), /aborted/);
			assert.ok(index.item(deleted), 'nothing removed without a check');
		});

		it('leaves the listing and the checks for later when less than 20 % of the budget is left', async () => {
			const { index } = await synced(sb);
			const deleted = id('acme/rocket#1');
			await sandboxGraphql(sb, DELETE_ISSUE, { id: deleted });
			const source = sandboxSource(sb);
			const low = Object.create(source, { rateLimit: { get: () => ({ resource: 'graphql', limit: 5000, remaining: 900, resetAt: 0 }) } }) as typeof source;
			sb.log.clear();
			const result = await new SyncEngine(ROCKET, { source: low, index }).reconcile();
			assert.deepEqual({ complete: result.complete, removed: result.removed, requests: result.requests }, { complete: false, removed: [], requests: 1 });
			assert.deepEqual(operations(sb), ['SyncChanges'], 'the refresh still runs');
			assert.ok(index.item(deleted));
		});
	});

	describe('demo size', () => {
		beforeEach(async () => {
			sb = await startSandbox({ port: 0, size: 'demo', now: NOW, secondaryLimits: false });
		});

		it('checks a rotating slice of the closed items: each within CLOSED_CHECK_DAYS reconciles, at bounded cost', async () => {
			const { index, engine } = await synced(sb);
			const closed = index.items().filter(i => i.closed);
			// The demo has fewer closed items than one batch of 100 (all checked every day): rotate in slices of 10 or more.
			const rotation = { min: 10 };
			const slice = Math.max(10, Math.ceil(closed.length / CLOSED_CHECK_DAYS));
			assert.ok(closed.length > slice, `the demo has ${closed.length} closed items, more than one slice of ${slice}`);
			// Gone on GitHub: the closed items that come last in id order (the last slice of a cycle).
			const victims = [...closed].sort((a, b) => (a.id < b.id ? -1 : 1)).filter(i => i.kind === 'issue').slice(-2);
			await sandboxGraphql(sb, DELETE_ISSUE, { id: victims[0]!.id });
			await sandboxGraphql(sb, TRANSFER, { id: victims[1]!.id, repo: sb.store.nodeId(sb.store.repo('acme', 'rocket-docs')!) });
			const checked = new Set<string>();
			let cursor: string | undefined;
			for (let day = 1; day <= CLOSED_CHECK_DAYS && !victims.every(v => index.item(v.id) === undefined); day++) {
				const planned = closedSlice(index.items(), new Set(), cursor, rotation).items.map(i => i.id);
				sb.log.clear();
				const result = await engine.reconcile(undefined, { closedCursor: cursor, closedRotation: rotation });
				assert.equal(result.complete, true);
				assert.equal(result.closedChecked, planned.length);
				planned.forEach(id => checked.add(id));
				const checks = operations(sb).filter(o => o === 'ReconcileCheck').length;
				assert.equal(result.closedChecked, slice);
				assert.ok(checks <= Math.ceil((slice + result.suspects) / 100), `day ${day}: ${checks} check requests for ${result.closedChecked} closed items`);
				cursor = result.closedCursor;
			}
			assert.ok(victims.every(v => index.item(v.id) === undefined), 'both left the index within the cycle');
			assert.deepEqual(indexCounts(index), expectedCounts(sb, 'acme', 'rocket'));
			assert.ok(closed.every(i => checked.has(i.id)), 'every closed item was checked once in the cycle');
		});

		it('finds the deletions among hundreds of open items within ceil(open/100) + 1 + ceil(suspects/100) requests', async () => {
			const { index, engine } = await synced(sb);
			const open = index.items().filter(i => !i.closed);
			assert.ok(open.length > 100, `the demo has ${open.length} open items`);
			const victims = [open.find(i => i.kind === 'issue')!, open.find(i => i.kind === 'discussion')!, open.filter(i => i.kind === 'issue').at(-1)!];
			for (const v of victims) {
				await sandboxGraphql(sb, v.kind === 'issue' ? DELETE_ISSUE : DELETE_DISCUSSION, { id: v.id });
			}
			const result = await engine.reconcile();
			assert.deepEqual([...result.removed].sort(), victims.map(v => v.id).sort());
			assert.deepEqual(result.updated, []);
			assert.deepEqual(indexCounts(index), expectedCounts(sb, 'acme', 'rocket'));
			assert.equal(result.open, open.length - victims.length);
			assert.ok(result.requests <= bound(1, result.open, result.suspects), `${result.requests} requests for ${result.open} open items`);
		});
	});
});

describe('closedSlice', () => {
	const item = (id: string, closed = true): IndexedItem => ({
		id, number: 1, kind: 'issue', title: id, closed, locked: false, author: 'a', association: 'NONE', createdAt: 1, updatedAt: 1, commentCount: 0,
	});
	const ids = (n: number) => Array.from({ length: n }, (_, i) => `I_${String(i).padStart(4, '0')}`);

	it('takes the closed items after the cursor in id order, wrapping around, a seventh at a time (at least 100)', () => {
		const items = [...ids(1400).map(id => item(id)), item('I_open', false)];
		const first = closedSlice(items, new Set(), undefined);
		assert.equal(first.items.length, 200);
		assert.deepEqual([first.items[0]!.id, first.cursor], ['I_0000', 'I_0199']);
		let cursor = first.cursor;
		const seen = new Set(first.items.map(i => i.id));
		for (let day = 2; day <= 7; day++) {
			const next = closedSlice(items, new Set(), cursor);
			next.items.forEach(i => seen.add(i.id));
			cursor = next.cursor;
		}
		assert.equal(seen.size, 1400, 'seven slices cover every closed item');
		assert.equal(closedSlice(items, new Set(), cursor).items[0]!.id, 'I_0000', 'then it starts over');
		const wrapped = closedSlice(items, new Set(), 'I_1300');
		assert.deepEqual([wrapped.items[0]!.id, wrapped.items.at(-1)!.id, wrapped.items.length], ['I_1301', 'I_0100', 200]);
		assert.equal(closedSlice(items, new Set(), 'I_0000_gone').items[0]!.id, 'I_0001', 'a cursor whose item left the index still places the slice');
	});

	it('checks every closed item of a small index, leaves out reopened ones, and caps the slice at 20 batches', () => {
		const small = ids(30).map(id => item(id));
		assert.equal(closedSlice(small, new Set(['I_0003']), 'I_0010').items.length, 29);
		assert.equal(closedSlice(ids(50_000).map(id => item(id)), new Set(), undefined).items.length, 2000);
		assert.deepEqual(closedSlice([item('I_1', false)], new Set(), undefined), { items: [], cursor: undefined });
	});
});

describe('isReconcileDue', () => {
	it('is due when never done, and again a full day after the last one', () => {
		const t = Date.parse('2025-06-01T12:00:00Z');
		assert.equal(isReconcileDue(undefined, t), true);
		assert.equal(isReconcileDue(t, t + RECONCILE_INTERVAL_MS - 1), false);
		assert.equal(isReconcileDue(t, t + RECONCILE_INTERVAL_MS), true);
		assert.equal(isReconcileDue(t + 60_000, t), false, 'a clock set back does not repeat it');
		assert.equal(isReconcileDue(Number.NaN, t), true);
	});
});
