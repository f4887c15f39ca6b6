import { strict as assert } from 'node:assert';
import { RepoIndex, type CommentEvent, type IndexedItem } from '../../../src/core/repoIndex';
import {
	busFactorOf, computeStats, customWindow, isStatsWindow, peopleOf, personEngagement, presetWindow, summarize, DAY_MS, type StatsOptions, type StatsReport,
} from '../../../src/core/stats';
import { naiveStats } from './statsNaive';

const H = 3_600_000;
/** Windows below: [T0, T0 + 30 days), and "now" 20 days in. */
const T0 = Date.UTC(2025, 4, 1);
const NOW = T0 + 20 * DAY_MS + 12 * H;
const WINDOW = { start: T0, end: T0 + 30 * DAY_MS };

let seq = 0;
function item(over: Partial<IndexedItem> = {}): IndexedItem {
	const n = ++seq;
	return {
		id: `I${n}`, number: n, kind: 'issue', title: `Item ${n}`, closed: false, locked: false, author: 'alice', association: 'NONE',
		createdAt: T0 + DAY_MS, updatedAt: T0 + DAY_MS, commentCount: 0, ...over,
	};
}
function comment(it: IndexedItem, author: string, hoursAfter: number, over: Partial<CommentEvent> = {}): CommentEvent {
	return { id: `C${++seq}`, itemId: it.id, author, association: 'NONE', createdAt: it.createdAt + hoursAfter * H, isAnswer: false, minimized: false, ...over };
}
const maint = (it: IndexedItem, hoursAfter: number, over: Partial<CommentEvent> = {}) => comment(it, 'mona', hoursAfter, { association: 'MEMBER', ...over });

function build(items: IndexedItem[], comments: CommentEvent[] = []): RepoIndex {
	const index = new RepoIndex();
	items.forEach(i => index.upsertItem(i));
	comments.forEach(c => index.upsertComment(c));
	return index;
}
function stats(index: RepoIndex, options: Partial<StatsOptions> = {}, repo = 'acme/rocket'): StatsReport {
	return computeStats([{ repo, items: index.items(), comments: index.commentColumns() }], { window: WINDOW, now: NOW, ...options });
}
const person = (r: StatsReport, login: string) => r.people.find(p => p.login === login);

describe('stats windows and helpers', () => {
	it('builds preset windows of whole UTC days ending with today, and custom windows', () => {
		const w = presetWindow(7, Date.UTC(2025, 5, 10, 15));
		assert.deepEqual(w, { start: Date.UTC(2025, 5, 4), end: Date.UTC(2025, 5, 11) });
		assert.ok(isStatsWindow(w));
		assert.deepEqual(customWindow(Date.UTC(2025, 0, 1, 9), Date.UTC(2025, 0, 31, 23)), { start: Date.UTC(2025, 0, 1), end: Date.UTC(2025, 1, 1) });
		assert.equal(customWindow(Date.UTC(2025, 1, 1), Date.UTC(2025, 0, 1)), undefined);
		assert.equal(isStatsWindow({ start: 5, end: 10 }), false);
		assert.equal(isStatsWindow({ start: DAY_MS, end: DAY_MS }), false);
	});

	it('refuses a window that is not whole UTC days or is empty', () => {
		assert.throws(() => computeStats([], { window: { start: T0 + 1, end: T0 + DAY_MS }, now: NOW }), RangeError);
		assert.throws(() => computeStats([], { window: { start: T0, end: T0 }, now: NOW }), RangeError);
		assert.throws(() => computeStats([], { window: WINDOW, now: Number.NaN }), RangeError);
	});

	it('needs 5 values for a median and p90 (nearest rank)', () => {
		assert.deepEqual(summarize(Float64Array.of(1, 2, 3, 4)), { median: null, p90: null });
		assert.deepEqual(summarize(Float64Array.of(5, 1, 4, 2, 3)), { median: 3, p90: 5 });
		assert.deepEqual(summarize(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), { median: 5.5, p90: 9 });
	});

	it('computes the bus factor as the smallest set giving more than half, null below 10', () => {
		assert.equal(busFactorOf([5, 4], 9), null);
		assert.equal(busFactorOf([5, 5], 10), 2, 'exactly half is not more than half');
		assert.equal(busFactorOf([6, 2, 2], 10), 1);
		assert.equal(busFactorOf([3, 3, 3, 3], 12), 3);
	});
});

describe('computeStats: first response', () => {
	it('measures the first team and community responses, with pending items never imputed', () => {
		const a = item(), b = item({ author: 'bob' }), c = item({ author: 'carol', kind: 'discussion' });
		const r = stats(build([a, b, c], [
			comment(a, 'dave', 1), maint(a, 5),
			comment(b, 'bob', 1), // the author answering themselves is no response
			comment(c, 'erin', 2),
		]));
		assert.deepEqual(r.firstResponse.issue.team, { eligible: 2, responded: 1, pending: 1, median: null, p90: null, rate: 0.5, oldestPendingAge: NOW - b.createdAt });
		assert.deepEqual({ ...r.firstResponse.issue.community, median: undefined }, { eligible: 2, responded: 1, pending: 1, median: undefined, p90: null, rate: 0.5, oldestPendingAge: NOW - b.createdAt });
		assert.equal(r.firstResponse.discussion.team.responded, 0);
		assert.equal(r.firstResponse.discussion.community.responded, 1);
		assert.equal(person(r, 'dave')!.firstResponses, 1, 'the first responder of any kind');
		assert.equal(person(r, 'mona')!.firstResponses, 0);
		assert.deepEqual(r.responders, [{ login: 'mona', count: 1, share: 1 }]);
	});

	it('reports median and p90 from 5 responded items, in ms', () => {
		const items = [1, 2, 3, 4, 10].map(() => item());
		const r = stats(build(items, items.map((it, i) => maint(it, [1, 2, 3, 4, 10][i]!))));
		assert.equal(r.firstResponse.issue.team.median, 3 * H);
		assert.equal(r.firstResponse.issue.team.p90, 10 * H);
		assert.equal(r.firstResponse.issue.team.rate, 1);
	});

	it('makes bots invisible: their items are not eligible and their comments are no response', () => {
		const bot = item({ author: 'dependabot[bot]' });
		const a = item();
		const r = stats(build([bot, a], [maint(bot, 1), comment(a, 'github-actions[bot]', 1, { association: 'MEMBER' }), comment(a, 'welcome-bot', 2)]), { bots: ['Welcome-Bot'] });
		assert.equal(r.firstResponse.issue.team.eligible, 1);
		assert.equal(r.firstResponse.issue.community.responded, 0);
		assert.equal(person(r, 'dependabot[bot]'), undefined);
		assert.equal(person(r, 'welcome-bot'), undefined);
		assert.ok(person(r, 'mona'), 'a human responding on a bot item is still active');
	});

	it('drops comments minimized as spam, abuse or off-topic, but keeps outdated, resolved and duplicate ones', () => {
		const a = item(), b = item(), c = item();
		const r = stats(build([a, b, c], [
			maint(a, 1, { minimized: true, minimizedReason: 'spam' }), maint(a, 2, { minimized: true, minimizedReason: 'off-topic' }),
			maint(b, 3, { minimized: true, minimizedReason: 'outdated' }),
			maint(c, 4, { minimized: true, minimizedReason: 'resolved' }),
		]));
		assert.equal(r.firstResponse.issue.team.responded, 2);
		assert.equal(r.firstResponse.issue.team.pending, 1);
		assert.equal(person(r, 'mona')!.comments, 2, 'dropped comments are no activity either');
	});

	it('counts a ghost as a community responder but never as team, and never on a ghost\'s own item', () => {
		const a = item(), g = item({ author: 'ghost' });
		const r = stats(build([a, g], [comment(a, 'ghost', 1, { association: 'MEMBER' }), comment(g, 'ghost', 1)]));
		assert.equal(r.firstResponse.issue.community.responded, 1);
		assert.equal(r.firstResponse.issue.team.responded, 0);
		assert.equal(r.firstResponse.issue.team.eligible, 2, 'a ghost\'s item stays eligible');
		assert.equal(person(r, 'ghost'), undefined, 'ghosts have no per-person numbers');
	});

	it('applies the team lists both ways and leaves team items out by default', () => {
		const a = item(), b = item(), own = item({ author: 'mona', association: 'MEMBER' });
		const index = build([a, b, own], [comment(a, 'trusted', 1), maint(b, 1)]);
		const r = stats(index, { team: ['Trusted'], notTeam: ['mona'] });
		assert.equal(r.firstResponse.issue.team.eligible, 3, 'mona is not team here, so her item is eligible');
		assert.equal(r.firstResponse.issue.team.responded, 1);
		assert.deepEqual(r.responders.map(x => x.login), ['trusted']);
		assert.equal(person(r, 'trusted')!.team, true);
		assert.equal(person(r, 'mona')!.team, false);
		const byDefault = stats(index);
		assert.equal(byDefault.firstResponse.issue.team.eligible, 2);
		assert.equal(stats(index, { includeTeamItems: true }).firstResponse.issue.team.eligible, 3);
	});

	it('leaves a machine user of the bots list out of every figure, as the triage queue does', () => {
		const byBot = item({ author: 'ReleaseBot', association: 'CONTRIBUTOR' }), a = item();
		const index = build([byBot, a], [comment(a, 'releasebot', 1), comment(byBot, 'bob', 2)]);
		const plain = stats(index);
		assert.ok(plain.newContributors.people.some(p => p.login === 'ReleaseBot'), 'without the setting it is a contributor');
		const r = stats(index, { bots: ['releasebot'] });
		assert.equal(person(r, 'ReleaseBot'), undefined);
		assert.equal(person(r, 'releasebot'), undefined);
		assert.ok(!r.newContributors.people.some(p => p.login.toLowerCase() === 'releasebot'), 'not a new contributor');
		assert.equal(r.firstResponse.issue.community.eligible, 1, 'its item is not eligible');
		assert.equal(r.firstResponse.issue.community.responded, 0, 'its comment is no response');
		assert.deepEqual(r.newContributors.people.map(p => p.login), ['alice', 'bob']);
	});

	it('treats ghosts as bots when the bots list names them', () => {
		const a = item();
		const r = stats(build([a], [comment(a, 'ghost', 1)]), { bots: ['Ghost'] });
		assert.equal(r.firstResponse.issue.community.responded, 0);
	});

	it('counts a not-team login with a MEMBER association as community', () => {
		const a = item(), own = item({ author: 'former', association: 'MEMBER' });
		const index = build([a, own], [comment(a, 'former', 1, { association: 'MEMBER' }), maint(a, 2)]);
		const asTeam = stats(index);
		assert.equal(person(asTeam, 'former')!.team, true);
		assert.deepEqual(asTeam.responders.map(x => x.login), ['former']);
		const r = stats(index, { notTeam: ['Former'] });
		assert.equal(person(r, 'former')!.team, false);
		assert.deepEqual(r.responders.map(x => x.login), ['mona'], 'the first team response is the member\'s after hers');
		assert.equal(r.firstResponse.issue.team.eligible, 2, 'her own item is eligible like any community item');
		assert.equal(r.firstResponse.issue.community.responded, 1);
		assert.equal(person(r, 'former')!.firstResponses, 1);
		assert.ok(r.newContributors.people.some(p => p.login === 'former'), 'she counts among community people');
		assert.equal(r.communityMedian.comments, 0.5);
	});

	it('counts items created in the window only', () => {
		const before = item({ createdAt: T0 - DAY_MS }), inside = item();
		const r = stats(build([before, inside], [maint(before, 30), maint(inside, 1)]));
		assert.equal(r.firstResponse.issue.team.eligible, 1);
	});
});

describe('computeStats: answers and SLA', () => {
	it('times answers and splits them by team, community and self', () => {
		const d = (over: Partial<IndexedItem> = {}) => item({ kind: 'discussion', isAnswered: true, ...over });
		const t = d({ answerChosenAt: T0 + DAY_MS + 5 * H }), c = d({ answerChosenAt: T0 + DAY_MS + 7 * H }), s = d();
		const open = d({ isAnswered: false }), notAnswerable = item({ kind: 'discussion' });
		const r = stats(build([t, c, s, open, notAnswerable], [
			maint(t, 1, { isAnswer: true }), comment(c, 'erin', 2, { isAnswer: true }), comment(s, 'alice', 3, { isAnswer: true }),
		]));
		assert.deepEqual({ ...r.timeToAnswer }, { answerable: 4, answered: 3, rate: 0.75, median: null, p90: null, byTeam: 1, byCommunity: 1, bySelf: 1, byUnknown: 0 });
		assert.equal(person(r, 'erin')!.answersMarked, 1);
		assert.equal(person(r, 'alice')!.answersMarked, 1, 'a self-answer is still an answer marked');
		assert.deepEqual(r.topHelpers.community.map(h => [h.login, h.answersMarked]), [['erin', 1]], 'a self-answer does not make a helper');
	});

	it('classifies the SLA as met, breached, pending or closed without response', () => {
		const met = item(), late = item(), old = item(), fresh = item({ createdAt: NOW - 2 * H }), closed = item({ closed: true, closedAt: T0 + 2 * DAY_MS });
		const r = stats(build([met, late, old, fresh, closed], [maint(met, 47), maint(late, 49)]), { slaHours: 48 });
		assert.deepEqual(r.sla, { hours: 48, met: 1, breached: 2, pending: 1, closedWithoutResponse: 1, percent: 1 / 3 });
		assert.equal(r.firstResponse.issue.team.pending, 2, 'closed items are not pending');
	});

	it('counts waiting items per day until the first team response or the close', () => {
		const a = item({ createdAt: T0 + 12 * H }), b = item({ createdAt: T0 + 2 * DAY_MS, closed: true, closedAt: T0 + 4 * DAY_MS });
		const r = stats(build([a, b], [maint(a, 36)]));
		assert.equal(r.waitingOverTime.length, 21, 'up to today');
		// a waits at the end of day 0 only (answered at the end of day 1); b at the ends of days 1 and 2 (closed at the end of day 3).
		assert.deepEqual(r.waitingOverTime.slice(0, 5).map(p => p.issues), [1, 1, 1, 0, 0]);
		assert.equal(r.waitingOverTime[0]!.day, T0);
	});
});

describe('computeStats: people', () => {
	it('tells new contributors from returning ones, and flags an unverified history', () => {
		const old = item({ author: 'vet', createdAt: T0 - 100 * DAY_MS }), a = item({ author: 'vet' }), b = item({ author: 'newbie' });
		const index = build([old, a, b], [maint(a, 1)]);
		const r = stats(index);
		assert.deepEqual(r.newContributors.people.map(p => p.login), ['newbie']);
		assert.equal(r.newContributors.count, 1);
		assert.equal(r.returning, 1);
		assert.equal(r.newContributors.unverified, false);
		const partial = computeStats([{ repo: 'r', items: index.items(), comments: index.commentColumns(), historyStart: T0 - 200 * DAY_MS }], { window: WINDOW, now: NOW });
		assert.equal(partial.newContributors.unverified, true, 'history shorter than the (all-history) lookback');
		const short = computeStats([{ repo: 'r', items: index.items(), comments: index.commentColumns(), historyStart: T0 - 400 * DAY_MS }], { window: WINDOW, now: NOW, lookbackDays: 30 });
		assert.equal(short.newContributors.unverified, false, 'the lookback is at least 365 days, and 400 days are there');
	});

	it('returns null, never 0, for a window with no events', () => {
		const r = stats(build([item({ createdAt: T0 - 50 * DAY_MS })]));
		assert.equal(r.empty, true);
		assert.equal(r.newContributors.count, null);
		assert.equal(r.returning, null);
		assert.equal(r.firstResponse.issue.team.rate, null);
		assert.equal(r.sla.percent, null);
		assert.equal(r.timeToAnswer.rate, null);
		assert.equal(r.busFactor, null);
		assert.equal(r.communityMedian.comments, null);
		const none = computeStats([], { window: WINDOW, now: NOW });
		assert.equal(none.empty, true);
		assert.deepEqual(none.people, []);
	});

	it('keeps per-person numbers: opened, comments, answers, first responses, active days, last activity, streak', () => {
		const a = item({ author: 'zoe', createdAt: NOW - 3 * DAY_MS }), b = item({ author: 'bob', createdAt: NOW - 2 * DAY_MS });
		const r = stats(build([a, b], [comment(a, 'zoe', 24), comment(b, 'zoe', 20)]));
		const zoe = person(r, 'zoe')!;
		assert.equal(zoe.opened, 1);
		assert.equal(zoe.comments, 2);
		assert.equal(zoe.firstResponses, 1);
		assert.equal(zoe.activeDays, 3, 'days 17, 18 and 19 of the window');
		assert.equal(zoe.lastActivity, b.createdAt + 20 * H);
		assert.equal(zoe.streak, 3, 'ending yesterday counts (nothing yet today, day 20)');
		assert.equal(zoe.team, false);
	});

	it('scores engagement with the default weights, decay by month and at most 3 activities per item', () => {
		const at = NOW - 2 * H;
		const mine = item({ author: 'zoe', createdAt: at - 10 * H }), theirs = item({ author: 'bob', createdAt: at - 10 * H });
		const r = stats(build([mine, theirs], [comment(mine, 'zoe', 1), comment(theirs, 'zoe', 1), comment(theirs, 'zoe', 2), comment(theirs, 'zoe', 3), comment(theirs, 'zoe', 4)]));
		assert.equal(person(r, 'zoe')!.score, 3 + 1 + 4 * 3);
		const lastYear = item({ author: 'old', createdAt: Date.UTC(2024, 9, 15) });
		const r2 = stats(build([lastYear]));
		assert.equal(person(r2, 'old')!.score, Math.round(3 * 0.9 ** 7 * 100) / 100, 'October to May: 7 months');
	});

	it('finds lapsed regulars and rising members (community only)', () => {
		const months = [9, 10, 11].map(m => item({ author: 'regular', createdAt: Date.UTC(2024, m, 10) }));
		const occasional = [10, 11].map(m => item({ author: 'occasional', createdAt: Date.UTC(2024, m, 10) }));
		const still = [9, 10, 11].map(m => item({ author: 'staying', createdAt: Date.UTC(2024, m, 12) }));
		const back = item({ author: 'staying', createdAt: NOW - 5 * DAY_MS });
		const rising = [1, 2, 3].map(d => item({ author: 'riser', createdAt: NOW - d * DAY_MS }));
		const r = stats(build([...months, ...occasional, ...still, back, ...rising]));
		assert.deepEqual(r.lapsedRegulars.map(p => p.login), ['regular']);
		assert.equal(r.lapsedRegulars[0]!.at, Date.UTC(2024, 11, 10));
		assert.deepEqual(r.rising.map(p => p.login), ['riser']);
	});

	it('lists top helpers, team and community apart, ranked by answers then items helped', () => {
		const items = [1, 2, 3].map(() => item({ kind: 'discussion', isAnswered: false }));
		const r = stats(build(items, [
			comment(items[0]!, 'pat', 1), comment(items[1]!, 'pat', 1),
			comment(items[2]!, 'quinn', 1, { isAnswer: true }),
			maint(items[0]!, 2), maint(items[1]!, 2),
		]));
		assert.deepEqual(r.topHelpers.community.map(h => h.login), ['quinn', 'pat']);
		assert.deepEqual(r.topHelpers.community[1], { login: 'pat', answersMarked: 0, itemsHelped: 2, firstResponses: 2 });
		assert.deepEqual(r.topHelpers.team.map(h => h.login), ['mona']);
	});

	it('gives "my engagement" beside the community median', () => {
		const items = ['amy', 'bea', 'cat'].map(a => item({ author: a }));
		const r = stats(build(items, [maint(items[0]!, 1), maint(items[1]!, 1)]));
		const me = personEngagement(r, 'MONA');
		assert.equal(me.person!.login, 'mona');
		assert.equal(me.person!.comments, 2);
		assert.equal(me.communityMedian.opened, 1);
		assert.equal(me.communityMedian.comments, 0);
		assert.equal(me.of, 4);
		assert.equal(typeof me.rank, 'number');
		assert.deepEqual(personEngagement(r, 'nobody'), { login: 'nobody', person: null, communityMedian: r.communityMedian, rank: null, of: 4 });
	});

	it('merges people across repositories and lists unanswered and busy discussions', () => {
		const d1 = item({ kind: 'discussion', isAnswered: false, title: 'Help?' }), d2 = item({ kind: 'discussion', author: 'bob' });
		const i1 = build([d1], [comment(d1, 'bob', 1), comment(d1, 'bob', 2)]);
		const i2 = build([d2]);
		const r = computeStats([{ repo: 'a/one', items: i1.items(), comments: i1.commentColumns() }, { repo: 'a/two', items: i2.items(), comments: i2.commentColumns() }], { window: WINDOW, now: NOW });
		assert.equal(person(r, 'bob')!.comments, 2);
		assert.equal(person(r, 'bob')!.opened, 1);
		assert.deepEqual(r.unansweredDiscussions.map(d => `${d.repo}#${d.number}`), [`a/one#${d1.number}`, `a/two#${d2.number}`]);
		assert.deepEqual(r.topDiscussions.map(d => [d.title, d.comments]), [['Help?', 2]]);
		assert.deepEqual(r.repos, ['a/one', 'a/two']);
	});
});

// ---------------------------------------------------------------------------------------------

/** A deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomIndex(random: () => number, base: number, span: number, prefix: string): RepoIndex {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
	const core = ['amy', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal', 'ivy', 'mona', 'hubot', 'trusted', 'ghost', 'dependabot[bot]', 'machine'];
	const sparse = Array.from({ length: 40 }, (_, i) => `p${i}`);
	const people = { pick: () => (random() < 0.6 ? pick(core) : pick(sparse)) };
	const assocOf = (login: string) => (login === 'mona' || login === 'hubot' ? pick(['MEMBER', 'OWNER', 'NONE'] as const) : pick(['NONE', 'CONTRIBUTOR', 'NONE', 'COLLABORATOR'] as const));
	const index = new RepoIndex();
	const items: IndexedItem[] = [];
	for (let n = 1; n <= 40; n++) {
		const kind = random() < 0.5 ? 'issue' : 'discussion';
		const createdAt = base + Math.floor(random() * span);
		const closed = random() < 0.3;
		const answerable = kind === 'discussion' && random() < 0.6;
		const author = people.pick();
		const it: IndexedItem = {
			id: `${prefix}${n}`, number: n, kind, title: `T${n}`, closed, ...(closed && random() < 0.8 ? { closedAt: createdAt + Math.floor(random() * 20 * DAY_MS) } : {}),
			locked: false, author, association: assocOf(author), createdAt, updatedAt: createdAt + DAY_MS, commentCount: 0,
			...(answerable ? { isAnswered: false } : {}),
		};
		items.push(it);
		index.upsertItem(it);
	}
	let c = 0;
	for (const it of items) {
		const count = Math.floor(random() * 7);
		const tops: string[] = [];
		let answered = false;
		for (let k = 0; k < count; k++) {
			const author = random() < 0.3 ? it.author : people.pick();
			const minimized = random() < 0.15;
			const isAnswer: boolean = it.isAnswered !== undefined && !answered && random() < 0.25;
			answered ||= isAnswer;
			const replyTo = it.kind === 'discussion' && tops.length && random() < 0.3 ? pick(tops) : undefined;
			const id = `${prefix}c${++c}`;
			index.upsertComment({
				id, itemId: it.id, author, association: assocOf(author), createdAt: it.createdAt + Math.floor(random() * 10 * DAY_MS) - (random() < 0.05 ? H : 0),
				isAnswer: isAnswer && !replyTo, minimized, ...(minimized ? { minimizedReason: pick(['spam', 'abuse', 'off-topic', 'outdated', 'resolved', 'duplicate']) } : {}),
				...(replyTo ? { replyTo } : {}),
			});
			if (!replyTo) tops.push(id);
		}
		if (answered) index.upsertItem({ ...it, isAnswered: true, ...(random() < 0.8 ? { answerChosenAt: it.createdAt + Math.floor(random() * 12 * DAY_MS) } : {}) });
	}
	return index;
}

describe('computeStats: randomized cross-check against a slow direct implementation', () => {
	for (let seed = 1; seed <= 120; seed++) {
		it(`agrees on history #${seed}`, () => {
			const random = rng(seed);
			const now = Date.UTC(2025, 5, 1) + Math.floor(random() * DAY_MS);
			const base = now - 500 * DAY_MS;
			const inputs = [randomIndex(random, base, 500 * DAY_MS, 'A'), randomIndex(random, base, 500 * DAY_MS, 'B')].map((index, i) => ({
				repo: `acme/r${i}`, index, ...(random() < 0.3 ? { historyStart: base } : {}),
			}));
			const days = [7, 30, 90, 365][seed % 4]!;
			const options: StatsOptions = {
				window: seed % 5 === 0 ? { start: presetWindow(days, now).start - 60 * DAY_MS, end: presetWindow(days, now).end - 60 * DAY_MS } : presetWindow(days, now),
				now, team: seed % 2 ? ['Trusted'] : [], notTeam: seed % 3 === 0 ? ['hubot'] : [], bots: ['machine'],
				includeTeamItems: seed % 7 === 0, slaHours: seed % 2 ? 48 : 24, listLimit: 50, ...(seed % 6 === 0 ? { lookbackDays: 400 } : {}),
			};
			const fast = computeStats(inputs.map(i => ({ repo: i.repo, items: i.index.items(), comments: i.index.commentColumns(), historyStart: i.historyStart })), options);
			const slow = naiveStats(inputs, options);
			const { people: slowPeople, topDiscussions, unansweredDiscussions, communityMedian, ...rest } = slow;
			for (const key of Object.keys(rest) as (keyof typeof rest)[]) {
				assert.deepEqual(fast[key], rest[key], `${key}`);
			}
			const byLogin = (a: { login: string }, b: { login: string }) => (a.login < b.login ? -1 : 1);
			assert.deepEqual([...fast.people].sort(byLogin), [...slowPeople].sort(byLogin));
			for (let i = 1; i < fast.people.length; i++) assert.ok(fast.people[i - 1]!.score >= fast.people[i]!.score, 'people by score');
			assert.deepEqual(fast.topDiscussions.map(d => ({ repo: d.repo, number: d.number })), topDiscussions);
			assert.deepEqual(fast.unansweredDiscussions.map(d => ({ repo: d.repo, number: d.number })), unansweredDiscussions);
			for (const key of Object.keys(communityMedian) as (keyof typeof communityMedian)[]) {
				const a = fast.communityMedian[key], b = communityMedian[key];
				assert.ok(a === b || (a !== null && b !== null && Math.abs(a - b) < 0.011), `median ${key}: ${a} vs ${b}`);
			}
		});
	}
});

describe('computeStats: ordering shortcuts agree with full sorts', () => {
	it('picks medians and p90 by selection exactly as a sort would', () => {
		const random = rng(7);
		for (let n = 5; n < 60; n++) {
			const values = Float64Array.from({ length: n }, () => Math.floor(random() * 8) * 1000);
			const sorted = [...values].sort((a, b) => a - b);
			const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
			const before = values.slice();
			assert.deepEqual(summarize(values), { median, p90: sorted[Math.ceil(0.9 * n) - 1]! }, `n = ${n}`);
			assert.deepEqual(values, before, 'the input is left alone');
		}
	});

	it('orders people by score, then login, also when new people join between two computations', () => {
		const a = item({ author: 'Zed' }), b = item({ author: 'bob' });
		const index = build([a, b], [comment(a, 'alice', 1), comment(a, 'Bob', 2), comment(b, 'carol', 3), comment(b, 'Alice', 4)]);
		const order = (r: StatsReport) => r.people.map(p => `${p.score}:${p.login}`);
		const expected = (r: StatsReport) => [...r.people].sort((x, y) => y.score - x.score || (x.login < y.login ? -1 : 1)).map(p => `${p.score}:${p.login}`);
		const first = stats(index);
		assert.deepEqual(order(first), expected(first));
		assert.ok(new Set(first.people.map(p => p.score)).size < first.people.length, 'some scores tie');
		index.upsertComment(comment(b, 'aaron', 5));
		index.upsertComment(comment(a, 'Carl', 6));
		index.upsertComment(comment(a, 'zoe', 7));
		const second = stats(index);
		assert.deepEqual(order(second), expected(second));
		assert.ok(['aaron', 'Carl', 'zoe'].every(login => person(second, login)), 'the new people are in');
	});

	it('follows a team setting change between two computations over the same index, and back', () => {
		const a = item({ author: 'bob' });
		const index = build([a], [comment(a, 'alice', 1), maint(a, 2)]);
		assert.equal(person(stats(index), 'alice')!.team, false);
		const withAlice = stats(index, { team: ['ALICE'] });
		assert.equal(person(withAlice, 'alice')!.team, true);
		assert.deepEqual(withAlice.responders.map(r => r.login), ['alice'], 'her response is now the first team response');
		const back = stats(index);
		assert.equal(person(back, 'alice')!.team, false);
		assert.deepEqual(back.responders.map(r => r.login), ['mona']);
	});

	it('follows a machine user added to the bots list between two computations, and back', () => {
		const a = item({ author: 'bob' });
		const index = build([a], [comment(a, 'deployer', 1), maint(a, 2)]);
		assert.equal(stats(index).firstResponse.issue.community.responded, 1);
		const asBot = stats(index, { bots: ['deployer'] });
		assert.equal(person(asBot, 'deployer'), undefined);
		assert.deepEqual(asBot.people.map(p => p.login).sort(), ['bob', 'mona']);
		assert.equal(person(stats(index), 'deployer')!.comments, 1);
	});

	it('reads an item again when the index replaces it, and a grown authors table', () => {
		const a = item({ author: 'bob' }), b = item({ author: 'carol' });
		const index = build([a, b], [comment(a, 'alice', 1)]);
		assert.ok(person(stats(index), 'carol'));
		index.upsertItem({ ...b, author: 'ghost', createdAt: T0 + 2 * DAY_MS, closed: true });
		index.upsertComment(comment(b, 'dave', 3));
		const r = stats(index);
		assert.equal(person(r, 'carol'), undefined, 'the deleted account\'s item is a ghost\'s now');
		assert.equal(person(r, 'dave')!.comments, 1);
		assert.equal(r.sla.closedWithoutResponse, 1, 'the replaced item is closed');
	});

	it('keeps each report\'s people its own: rows built after later computations are the report\'s', () => {
		const a = item({ author: 'bob' }), b = item({ author: 'carol', createdAt: T0 + 25 * DAY_MS });
		const index = build([a, b], [comment(a, 'alice', 1), maint(a, 2), comment(b, 'alice', 3)]);
		const first = stats(index);
		const expected = JSON.parse(JSON.stringify(stats(index).people)) as unknown;
		stats(index, { window: presetWindow(7, NOW), team: ['alice'], bots: ['bob'] });
		stats(build([item({ author: 'zed' })]), {});
		assert.deepEqual(first.people, expected);
	});

	it('looks people up without building every row, as the people array has them', () => {
		const a = item({ author: 'Bob' }), b = item({ author: 'carol' });
		const r = stats(build([a, b], [comment(a, 'alice', 1), maint(a, 2), comment(b, 'BOB', 3)]));
		const view = peopleOf(r);
		assert.equal(view.length, r.people.length);
		r.people.forEach((p, k) => {
			assert.deepEqual(view.at(k), p);
			assert.equal(view.indexOf(p.login), k);
		});
		assert.equal(view.indexOf('bob'), -1, 'exact by default');
		assert.equal(view.indexOf('bob', true), Math.min(r.people.findIndex(p => p.login === 'Bob'), r.people.findIndex(p => p.login === 'BOB')), 'the first of either case');
		assert.equal(view.indexOf('nobody', true), -1);
		const copy = { ...r };
		assert.deepEqual(peopleOf(copy).at(0), r.people[0], 'a copy is read through its array');
		assert.equal(peopleOf(copy).indexOf('CAROL', true), r.people.findIndex(p => p.login === 'carol'));
	});

	it('keeps the first listLimit entries of every list, ties in input order, as the full lists have them', () => {
		let longest = 0;
		for (let seed = 1; seed <= 12; seed++) {
			const random = rng(1000 + seed);
			const now = Date.UTC(2025, 5, 1) + Math.floor(random() * DAY_MS);
			const base = now - 400 * DAY_MS;
			const inputs = ['A', 'B'].map((prefix, i) => {
				const index = randomIndex(random, base, 400 * DAY_MS, `L${seed}${prefix}`);
				return { repo: `acme/l${i}`, items: index.items(), comments: index.commentColumns() };
			});
			const options: StatsOptions = { window: presetWindow([30, 90, 365][seed % 3]!, now), now, team: ['Trusted'] };
			const full = computeStats(inputs, { ...options, listLimit: 100_000 });
			for (const limit of [0, 1, 3, 8]) {
				const r = computeStats(inputs, { ...options, listLimit: limit });
				assert.deepEqual(r.topDiscussions, full.topDiscussions.slice(0, limit), `top discussions, limit ${limit}`);
				assert.deepEqual(r.unansweredDiscussions, full.unansweredDiscussions.slice(0, limit), `unanswered, limit ${limit}`);
				assert.deepEqual(r.topHelpers.team, full.topHelpers.team.slice(0, limit), `team helpers, limit ${limit}`);
				assert.deepEqual(r.topHelpers.community, full.topHelpers.community.slice(0, limit), `community helpers, limit ${limit}`);
				assert.deepEqual({ ...r, topDiscussions: [], unansweredDiscussions: [], topHelpers: {} }, { ...full, topDiscussions: [], unansweredDiscussions: [], topHelpers: {} });
			}
			longest = Math.max(longest, Math.min(full.topDiscussions.length, full.unansweredDiscussions.length, full.topHelpers.community.length, full.topHelpers.team.length));
		}
		assert.ok(longest > 3, `some history has every list longer than a limit (${longest})`);
	});
});
