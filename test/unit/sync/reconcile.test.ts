import { strict as assert } from 'node:assert';
import { RepoIndex, type IndexedItem } from '../../../src/core/repoIndex';
import { isReconcileDue, RECONCILE_INTERVAL_MS } from '../../../src/sync/reconcile';
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

		it('changes nothing and checks nothing when nothing was deleted', async () => {
			const { index, engine } = await synced(sb);
			const before = index.toJSON();
			sb.log.clear();
			const result = await engine.reconcile();
			assert.deepEqual({ removed: result.removed, updated: result.updated, suspects: result.suspects }, { removed: [], updated: [], suspects: 0 });
			assert.deepEqual(operations(sb), ['SyncChanges', 'ReconcileOpenIds']);
			assert.deepEqual(index.toJSON(), before);
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
