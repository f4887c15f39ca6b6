import { strict as assert } from 'node:assert';
import type { ModerationAction, ModerationChange, ModerationState, ModerationTarget } from '../../../src/core/moderation';
import { RepoIndex, type IndexedItem } from '../../../src/core/repoIndex';
import { computeStats, presetWindow } from '../../../src/core/stats';
import { computeTriage } from '../../../src/core/triage';
import { GitHubError } from '../../../src/github/errors';
import { toCommentEvent, toIndexedItem } from '../../../src/github/syncMappers';
import type { RawSyncComment, RawSyncItem } from '../../../src/github/syncQueries';
import type { ModerationService as Service } from '../../../src/platform/moderationService';
import { createVscodeStub, installVscodeStub } from '../vscodeStub';

// ModerationService in plain Node (vscode stubbed) over a fake client and an in-memory index: the
// optimistic update, the confirmed state, the rollback, and the read-back of an unknown outcome.

const ROCKET = { owner: 'acme', name: 'rocket' };
const TARGET: ModerationTarget = { repo: ROCKET, kind: 'issue', number: 7 };

function item(over: Partial<IndexedItem> = {}): IndexedItem {
	return {
		id: 'I_7', number: 7, kind: 'issue', title: 'Crash', closed: false, locked: false, author: 'alice', association: 'NONE',
		createdAt: 1, updatedAt: 2, commentCount: 1, labels: ['bug'], assignees: [], ...over,
	};
}

type Moderate = (target: ModerationTarget, action: ModerationAction) => Promise<ModerationState>;

const NOW = Date.parse('2026-11-25T12:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** An issue and an answerable discussion as GitHub reports them to the sync, before or after moderation. */
function rawItems(moderated: boolean): { issue: RawSyncItem; discussion: RawSyncItem; comments: RawSyncComment[] } {
	const opened = NOW - 72 * HOUR;
	const base = { stateReason: null, locked: false, createdAt: iso(opened), updatedAt: iso(opened), authorAssociation: 'NONE' };
	const comments: RawSyncComment[] = [
		{ id: 'DC_1', author: { login: 'bob' }, authorAssociation: 'NONE', createdAt: iso(opened + HOUR), isMinimized: false, isAnswer: moderated },
		{ id: 'DC_2', author: { login: 'spammer' }, authorAssociation: 'NONE', createdAt: iso(opened + 2 * HOUR), isMinimized: moderated, minimizedReason: moderated ? 'spam' : null, isAnswer: false },
	];
	return {
		issue: { ...base, id: 'I_7', number: 7, title: 'Crash', author: { login: 'alice' }, state: moderated ? 'CLOSED' : 'OPEN', stateReason: moderated ? 'NOT_PLANNED' : null,
			closedAt: moderated ? iso(NOW) : null, labels: { nodes: [{ name: 'bug' }] }, assignees: { nodes: [] }, comments: { totalCount: 0, nodes: [] } },
		discussion: { ...base, id: 'D_1', number: 1, title: 'How?', author: { login: 'carol' }, closed: false, category: { id: 'CAT' }, isAnswered: moderated,
			answerChosenAt: moderated ? iso(NOW) : null, labels: { nodes: [] }, comments: { totalCount: 2, nodes: comments } },
		comments,
	};
}

/** The index a sync builds from {@link rawItems}. */
function syncedIndex(moderated: boolean): RepoIndex {
	const raw = rawItems(moderated);
	const index = new RepoIndex();
	index.upsertItem(toIndexedItem(raw.issue, 'issue'));
	index.upsertItem(toIndexedItem(raw.discussion, 'discussion'));
	for (const c of raw.comments) index.upsertComment(toCommentEvent(c, 'D_1'));
	return index;
}

/** What the triage queue and the community stats make of an index. */
function results(index: RepoIndex) {
	const input = { repo: 'acme/rocket', items: index.items(), comments: index.commentColumns() };
	return { triage: computeTriage([input], { now: NOW }), stats: computeStats([input], { window: presetWindow(30, NOW), now: NOW }) };
}

describe('ModerationService', () => {
	let uninstall: () => void;
	let ModerationService: typeof Service;
	let index: RepoIndex;
	let sent: { target: ModerationTarget; action: ModerationAction }[];
	let readBack: ModerationState | Error;
	let warnings: string[];

	const service = (moderate: Moderate): Service => new ModerationService({
		client: {
			moderate: (target: ModerationTarget, action: ModerationAction) => { sent.push({ target, action }); return moderate(target, action); },
			getModerationState: async () => { if (readBack instanceof Error) throw readBack; return readBack; },
		} as never,
		sync: { repo: async () => ({ load: async () => index }) } as never,
		logger: { info: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined } as never,
	});
	const record = (s: Service) => {
		const changes: string[] = [];
		s.onDidChange((e: ModerationChange) => changes.push(`${e.action.kind}:${e.phase}:${index.item('I_7')?.closed ? 'closed' : 'open'}`));
		return changes;
	};

	before(() => {
		uninstall = installVscodeStub(createVscodeStub().api);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		ModerationService = (require('../../../src/platform/moderationService') as typeof import('../../../src/platform/moderationService')).ModerationService;
	});

	after(() => uninstall());

	beforeEach(() => {
		index = new RepoIndex();
		index.upsertItem(item());
		index.upsertComment({ id: 'C1', itemId: 'I_7', author: 'bob', association: 'NONE', createdAt: 3, isAnswer: false, minimized: false });
		sent = [];
		warnings = [];
		readBack = new Error('not expected');
	});

	it('closes in the index before GitHub answers, then writes GitHub\'s state, with the node ID from the index', async () => {
		const s = service(async () => ({ id: 'I_7', closed: true, stateReason: 'NOT_PLANNED', locked: false, labels: ['bug', 'triaged'], assignees: [] }));
		const changes = record(s);
		const result = await s.run(TARGET, { kind: 'close', reason: 'NOT_PLANNED' });
		assert.equal(result.ok, true);
		assert.deepEqual(changes, ['close:optimistic:closed', 'close:confirmed:closed']);
		assert.equal(sent[0]!.target.id, 'I_7');
		assert.deepEqual(index.item('I_7')!.labels, ['bug', 'triaged'], 'GitHub\'s state wins');
	});

	it('rolls back what it changed, and only that, when GitHub refuses', async () => {
		const s = service(async () => {
			index.upsertItem({ ...index.item('I_7')!, title: 'Renamed by a sync meanwhile' });
			throw new GitHubError('forbidden', 'You do not have permission to lock issue #7 of acme/rocket on GitHub.');
		});
		const changes = record(s);
		const result = await s.run(TARGET, { kind: 'lock', reason: 'SPAM' });
		assert.equal(result.ok, false);
		assert.match(!result.ok ? result.message : '', /permission/);
		assert.deepEqual(changes, ['lock:optimistic:open', 'lock:rolledBack:open']);
		assert.deepEqual([index.item('I_7')!.locked, index.item('I_7')!.title], [false, 'Renamed by a sync meanwhile']);
		assert.equal(sent.length, 1, 'never retried');
	});

	it('reads the state back after a 502: applied when GitHub shows it, failed and undone when not', async () => {
		const s = service(async () => { throw new GitHubError('server', 'Bad gateway', { status: 502 }); });
		readBack = { id: 'I_7', closed: false, locked: true, labels: ['bug'] };
		assert.equal((await s.run(TARGET, { kind: 'lock', reason: 'SPAM' })).ok, true);
		assert.equal(index.item('I_7')!.locked, true);
		readBack = { id: 'I_7', closed: false, locked: true, labels: ['bug'] };
		const lost = await s.run(TARGET, { kind: 'unlock' });
		assert.equal(lost.ok, false);
		assert.equal(index.item('I_7')!.locked, true, 'rolled back');
		readBack = new GitHubError('network', 'offline');
		assert.equal((await s.run(TARGET, { kind: 'unlock' })).ok, false, 'no read-back: the failure stands');
		assert.equal(sent.length, 3);
	});

	it('hides a comment in the index and restores it on failure', async () => {
		const s = service(async () => { throw new GitHubError('forbidden', 'no'); });
		const seen: boolean[] = [];
		s.onDidChange(() => seen.push(index.comment('C1')!.minimized));
		await s.run(TARGET, { kind: 'hide', commentId: 'C1', classifier: 'SPAM' });
		assert.deepEqual(seen, [true, false]);
	});

	it('patches the index at once into what a sync would store, so the triage queue and the stats match a sync', async () => {
		index = syncedIndex(false);
		assert.equal(results(index).triage.length, 2, 'both wait on the team before');
		const s = new ModerationService({
			client: { moderate: async (target: ModerationTarget, action: ModerationAction) => {
				// GitHub confirms without the times: the optimistic ones stay.
				if (action.kind === 'close') return { id: 'I_7', closed: true, stateReason: 'NOT_PLANNED', locked: false, labels: ['bug'], assignees: [] };
				const comment = action.kind === 'hide' ? { id: 'DC_2', isMinimized: true, minimizedReason: 'spam' } : { id: 'DC_1', isMinimized: false, isAnswer: true };
				return { id: target.id!, closed: false, locked: false, labels: [], isAnswered: true, comment };
			} } as never,
			sync: { repo: async () => ({ load: async () => index }) } as never,
			logger: { info: () => undefined, warn: () => undefined, error: () => undefined } as never,
			now: () => NOW,
		});
		const queued: string[][] = [];
		s.onDidChange(e => { if (e.phase === 'optimistic') queued.push(results(index).triage.map(t => t.id)); });
		const discussion: ModerationTarget = { repo: ROCKET, kind: 'discussion', number: 1 };
		assert.equal((await s.run(TARGET, { kind: 'close', reason: 'NOT_PLANNED' })).ok, true);
		assert.equal((await s.run(discussion, { kind: 'hide', commentId: 'DC_2', classifier: 'SPAM' })).ok, true);
		assert.equal((await s.run(discussion, { kind: 'markAnswer', commentId: 'DC_1' })).ok, true);
		assert.deepEqual(queued[0], ['D_1'], 'the closed issue leaves the queue before GitHub answers');
		const synced = syncedIndex(true);
		assert.deepEqual(index.items(), synced.items());
		assert.deepEqual(index.commentsOf('D_1'), synced.commentsOf('D_1'));
		assert.deepEqual(results(index), results(synced));
	});

	it('undoes a refused hide and answer exactly, reason and answer time included', async () => {
		index = syncedIndex(true);
		const before = { items: structuredClone(index.items()), comments: index.commentsOf('D_1') };
		const s = service(async () => { throw new GitHubError('forbidden', 'no'); });
		const discussion: ModerationTarget = { repo: ROCKET, kind: 'discussion', number: 1 };
		assert.equal((await s.run(discussion, { kind: 'unhide', commentId: 'DC_2' })).ok, false);
		assert.equal((await s.run(discussion, { kind: 'unmarkAnswer', commentId: 'DC_1' })).ok, false);
		assert.equal((await s.run(discussion, { kind: 'markAnswer', commentId: 'DC_2' })).ok, false);
		assert.equal((await s.run(TARGET, { kind: 'reopen' })).ok, false);
		assert.deepEqual({ items: index.items(), comments: index.commentsOf('D_1') }, before);
		assert.equal(sent.length, 4);
	});

	it('looks the viewer\'s permission up once per account and repository, in the background, and says when it arrives', async () => {
		let lookUps = 0;
		let account: string | undefined = 'mona';
		const s = new ModerationService({
			client: { getRepository: async () => { lookUps++; return { viewerPermission: lookUps === 1 ? 'READ' : 'ADMIN' }; } } as never,
			sync: { account: () => account } as never,
			logger: { info: () => undefined, warn: () => undefined, error: () => undefined } as never,
		});
		const arrived = new Promise<unknown>(resolve => s.onDidChangeAccess(resolve));
		assert.deepEqual(s.viewerAccess(ROCKET), { permission: undefined, login: 'mona' }, 'never waits on the network');
		assert.deepEqual(await arrived, ROCKET);
		assert.deepEqual(s.viewerAccess({ owner: 'ACME', name: 'Rocket' }), { permission: 'READ', login: 'mona' });
		assert.equal(lookUps, 1);
		account = 'hubot';
		s.viewerAccess(ROCKET);
		await new Promise(resolve => setImmediate(resolve));
		assert.deepEqual(s.viewerAccess(ROCKET), { permission: 'ADMIN', login: 'hubot' }, 'another account asks again');
		assert.equal(lookUps, 2);
	});

	it('keeps known permissions across windows: a warm start asks GitHub nothing, and nothing is asked before the account is known', async () => {
		const stored = new Map<string, unknown>();
		const state = { get: (k: string) => stored.get(k), update: async (k: string, v: unknown) => void stored.set(k, v) };
		let lookUps = 0;
		const who: { account?: string } = {};
		const make = () => new ModerationService({
			client: { getRepository: async () => { lookUps++; return { viewerPermission: 'TRIAGE' }; } } as never,
			sync: { account: () => who.account } as never,
			logger: { info: () => undefined, warn: () => undefined, error: () => undefined } as never,
			state: state as never, host: () => 'github.com',
		});
		const first = make();
		assert.deepEqual(first.viewerAccess(ROCKET), {}, 'account not known yet');
		assert.equal(lookUps, 0);
		who.account = 'mona';
		const arrived = new Promise<unknown>(resolve => first.onDidChangeAccess(resolve));
		first.viewerAccess(ROCKET);
		await arrived;
		assert.equal(lookUps, 1);
		const second = make();
		assert.deepEqual(second.viewerAccess(ROCKET), { permission: 'TRIAGE', login: 'mona' }, 'from the stored value, at once');
		assert.equal(lookUps, 1, 'no request on a warm start');
	});

	it('runs a bulk change one target after the other and reports each', async () => {
		index.upsertItem(item({ id: 'I_8', number: 8 }));
		const s = service(async target => {
			if (target.number === 8) throw new GitHubError('invalid', 'nope');
			return { id: 'I_7', closed: false, locked: false, labels: ['bug', 'docs'], assignees: [] };
		});
		const outcome = await s.runMany([TARGET, { ...TARGET, number: 8 }, { ...TARGET, number: 9 }], t => t.number === 9 ? undefined
			: [{ kind: 'addLabels', labels: [{ id: 'L', name: 'docs' }] }, { kind: 'removeLabels', labels: [{ id: 'L2', name: 'wontfix' }] }]);
		assert.deepEqual(outcome.applied.map(t => t.number), [7]);
		assert.deepEqual(outcome.failed.map(f => f.target.number), [8]);
		assert.deepEqual(sent.map(x => `${x.target.number}:${x.action.kind}`), ['7:addLabels', '7:removeLabels', '8:addLabels'], 'a failed target stops its later actions');
		assert.deepEqual(index.item('I_8')!.labels, ['bug'], 'rolled back');
	});
});
