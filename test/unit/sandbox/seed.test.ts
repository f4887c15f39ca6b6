import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeNodeId, encodeNodeId } from '../../sandbox/ids';
import { generateStore, type SandboxSize } from '../../sandbox/seed';
import type { Store } from '../../sandbox/store';
import { NOW } from './helpers';

/** A digest of everything observable about the threads (including lazily generated bodies). */
function digest(store: Store): string {
	const h = createHash('sha256');
	for (const t of [...store.issues, ...store.discussions]) {
		h.update(`${store.nodeId(t)}|${t.number}|${t.title}|${t.author?.login}|${t.createdAt}|${t.updatedAt}|${t.closedAt}|${t.stateReason}|${t.labels.map(l => l.name)}|${store.bodyOf(t)}\n`);
		for (const c of t.comments) h.update(`${store.nodeId(c)}|${c.author?.login}|${c.createdAt}|${c.replies?.length ?? 0}|${store.bodyOf(c)}\n`);
	}
	return h.digest('hex');
}

function make(size: SandboxSize, seed: number, nowMs = NOW.getTime()): Store {
	return generateStore({ size, seed, nowMs });
}

describe('sandbox seed', () => {
	it('is deterministic for a seed and "now", and differs across seeds', () => {
		assert.equal(digest(make('demo', 42)), digest(make('demo', 42)));
		assert.notEqual(digest(make('demo', 42)), digest(make('demo', 43)));
		assert.equal(digest(make('tiny', 1)), digest(make('tiny', 1)));
	});

	it('keeps the same offsets when only "now" moves', () => {
		const a = make('demo', 5, NOW.getTime());
		const b = make('demo', 5, NOW.getTime() + 86_400_000);
		assert.deepEqual(b.issues.map(t => t.createdAt - 86_400_000), a.issues.map(t => t.createdAt));
		assert.deepEqual(b.issues.map(t => t.title), a.issues.map(t => t.title));
	});

	it('makes GitHub-looking, unique, decodable node IDs', () => {
		const s = make('demo', 1);
		const ids = [...s.issues, ...s.discussions, ...s.issueComments, ...s.discussionComments, ...s.users, ...s.labels, ...s.categories].map(r => s.nodeId(r as never));
		assert.equal(new Set(ids).size, ids.length);
		for (const prefix of ['I_kwDO', 'PR_kwDO', 'D_kwDO', 'IC_kwDO', 'DC_kwDO', 'LA_kwDO', 'DIC_kwDO', 'U_kgDO', 'BOT_kgDO', 'O_kgDO']) {
			assert.ok(ids.some(id => id.startsWith(prefix)), prefix);
		}
		assert.equal(s.nodeId(s.repos[0]!).slice(0, 6), 'R_kgDO');
		assert.deepEqual(decodeNodeId(encodeNodeId('Issue', 2_000_000_123, 700_000_000)), { type: 'Issue', dbId: 2_000_000_123, repoDbId: 700_000_000 });
		assert.equal(decodeNodeId('I_kwDOnotreal'), null);
		for (const id of ids.slice(0, 500)) assert.equal(s.nodeId(s.byNodeId(id)!.rec), id);
	});

	it('gives tiny the hand-written scenario', () => {
		const s = make('tiny', 1);
		assert.deepEqual(s.repos.map(r => r.name), ['rocket', 'rocket-docs']);
		assert.deepEqual(s.stats(), { users: 7, repos: 2, issues: 5, pullRequests: 1, discussions: 6, issueComments: 4, discussionComments: 7, replies: 4, answered: 1, labels: 28 });
		assert.equal(s.thread('acme/rocket#2')!.answer, s.thread('acme/rocket#2')!.comments[0]);
		assert.equal(s.thread('acme/rocket#5')!.lockReason, 'TOO_HEATED');
		assert.equal(s.savedReplies.length, 5);
	});

	it('makes demo a lively community over ~18 months', () => {
		const s = make('demo', 1);
		const st = s.stats();
		assert.equal(st.repos, 2);
		assert.ok(st.issues + st.discussions >= 300 && st.issues + st.discussions <= 500, JSON.stringify(st));
		assert.ok(st.pullRequests >= 10 && st.replies > 100 && st.answered > 10);
		const roles = new Set(s.users.map(u => u.role));
		for (const r of ['owner', 'member', 'collaborator', 'contributor', 'firstTimeContributor', 'firstTimer', 'none', 'bot']) assert.ok(roles.has(r as never), r);
		const threads = [...s.issues, ...s.discussions];
		const oldest = Math.min(...threads.map(t => t.createdAt));
		assert.ok(NOW.getTime() - oldest > 400 * 86_400_000 && NOW.getTime() - oldest <= 541 * 86_400_000);
		assert.ok(threads.every(t => t.updatedAt <= NOW.getTime() && t.updatedAt >= t.createdAt));
		assert.ok(threads.some(t => t.locked && t.lockReason) && threads.some(t => t.stateReason === 'NOT_PLANNED') && threads.some(t => t.reactions));
		assert.ok(s.issueComments.some(c => c.minimizedReason) && s.issues.some(t => t.assignees.length > 0));
		const qa = s.discussions.filter(d => d.category!.isAnswerable);
		assert.ok(qa.some(d => d.answer) && qa.some(d => !d.answer));
		assert.ok(s.discussions.filter(d => !d.category!.isAnswerable).every(d => !d.answer));
		for (const repo of s.repos) {
			const numbers = [...repo.issues, ...repo.discussions].map(t => t.number).sort((a, b) => a - b);
			assert.deepEqual(numbers, numbers.map((_, i) => i + 1), 'issues and discussions share one number sequence');
		}
	});

	it('generates size L quickly with the benchmark shape', function () {
		this.timeout(20_000);
		const t0 = Date.now();
		const s = make('L', 1);
		const ms = Date.now() - t0;
		const st = s.stats();
		assert.ok(ms < 5000, `took ${ms} ms`);
		assert.equal(st.repos, 1);
		assert.equal(st.issues, 10_000);
		assert.equal(st.discussions, 3000);
		assert.equal(st.users, 8000);
		const total = st.issueComments + st.discussionComments + st.replies;
		assert.ok(total > 185_000 && total < 215_000, `comments ${total}`);
		assert.ok(st.replies > 15_000 && st.replies < 25_000, `replies ${st.replies}`);
		const heavy = s.issues.filter(t => t.kind === 'issue' && t.comments.length > 100).length;
		assert.ok(heavy >= 70 && heavy <= 130, `heavy ${heavy}`);
		const answered = st.answered / st.discussions;
		assert.ok(answered > 0.35 && answered < 0.45, `answered ${answered}`);
		const perAuthor = new Map<string, number>();
		for (const t of s.issues) perAuthor.set(t.author!.login, (perAuthor.get(t.author!.login) ?? 0) + 1);
		const top = [...perAuthor.values()].sort((a, b) => b - a);
		assert.ok(top[0]! > 20 * top[Math.floor(top.length / 2)]!, 'Zipf-like: the top author writes far more than the median one');
		assert.equal(s.issueComments.filter(c => c.bodyOverride !== null).length, 0, 'bodies are generated lazily, not stored');
	});

	it('spreads activity that would fall after "now" instead of piling it on the last seconds', () => {
		const s = make('demo', 42);
		const perSecond = new Map<number, number>();
		for (const t of [...s.issues, ...s.discussions]) perSecond.set(t.updatedAt, (perSecond.get(t.updatedAt) ?? 0) + 1);
		const latest = Math.max(...perSecond.keys());
		assert.ok(latest <= NOW.getTime());
		assert.ok(Math.max(...perSecond.values()) <= 3, `at most 3 items share an updatedAt second (worst: ${Math.max(...perSecond.values())})`);
	});
});
