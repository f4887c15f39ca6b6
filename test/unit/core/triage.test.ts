import { strict as assert } from 'node:assert';
import { englishT } from '../../../src/core/l10n';
import { RepoIndex, type CommentEvent, type IndexedItem } from '../../../src/core/repoIndex';
import {
	clearMark, computeTriage, describeReason, describeSla, filterTriage, isHidden, isoDay, isTeam, isTriageMarks, markAllDone, markDone, newBreaches,
	nextSlaChange, nextSnoozeEnd, parseSnoozeDate, pruneMarks, slaState, snoozeAll, snoozeUntil, snoozeUntilAuthorReplies, sortTriage, triageCounts,
	visibleTriage, type TriageEntry, type TriageOptions,
} from '../../../src/core/triage';

const H = 3_600_000;
const T0 = Date.UTC(2025, 5, 1);
const NOW = T0 + 100 * H;

function item(id: string, over: Partial<IndexedItem> = {}): IndexedItem {
	return {
		id, number: Number(id.replace(/\D/g, '')) || 1, kind: 'issue', title: `Item ${id}`, closed: false, locked: false,
		author: 'alice', association: 'NONE', createdAt: T0, updatedAt: T0, commentCount: 0, labels: [], assignees: [], ...over,
	};
}

let seq = 0;
function comment(itemId: string, author: string, hours: number, over: Partial<CommentEvent> = {}): CommentEvent {
	return { id: `C${++seq}`, itemId, author, association: 'NONE', createdAt: T0 + hours * H, isAnswer: false, minimized: false, ...over };
}
const maint = (itemId: string, hours: number, over: Partial<CommentEvent> = {}) => comment(itemId, 'mona', hours, { association: 'MEMBER', ...over });

function index(items: IndexedItem[], comments: CommentEvent[] = []): RepoIndex {
	const idx = new RepoIndex();
	items.forEach(i => idx.upsertItem(i));
	comments.forEach(c => idx.upsertComment(c));
	return idx;
}

function queue(idx: RepoIndex, options: Partial<TriageOptions> = {}, repo = 'acme/rocket'): TriageEntry[] {
	return computeTriage([{ repo, items: idx.items(), comments: idx.commentColumns(), categories: new Map([['Q', { name: 'Q&A' }]]) }], { now: NOW, ...options });
}

describe('triage rules', () => {
	it('puts a new item with no comments in the queue as "no response", waiting since it was opened', () => {
		const [e] = queue(index([item('I1', { labels: ['bug'], commentCount: 0 })]));
		assert.equal(e!.reason, 'noResponse');
		assert.equal(e!.waitingSince, T0);
		assert.equal(e!.sla, 'breach');
		assert.deepEqual(e!.labels, ['bug']);
		assert.equal(e!.repo, 'acme/rocket');
	});

	it('leaves an item out once the team has the last word', () => {
		assert.deepEqual(queue(index([item('I1')], [maint('I1', 1)])), []);
	});

	it('brings it back as "author replied" when the author answers after the team, waiting since that reply', () => {
		const [e] = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'alice', 5), comment('I1', 'alice', 6)]));
		assert.equal(e!.reason, 'authorReplied');
		assert.equal(e!.waitingSince, T0 + 5 * H);
		assert.equal(e!.lastAuthorActivity, T0 + 6 * H);
	});

	it('counts a community reply after the team as new activity', () => {
		const [e] = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'bob', 3)]));
		assert.equal(e!.reason, 'newActivity');
		assert.equal(e!.waitingSince, T0 + 3 * H);
	});

	it('treats a community response as a response (not "no response"), but the item still waits on the team', () => {
		const [e] = queue(index([item('I1')], [comment('I1', 'bob', 2)]));
		assert.equal(e!.reason, 'newActivity');
		assert.equal(e!.waitingSince, T0);
	});

	it('never counts the author answering themselves as a response', () => {
		const [e] = queue(index([item('I1')], [comment('I1', 'alice', 2), comment('I1', 'alice', 3)]));
		assert.equal(e!.reason, 'noResponse');
		assert.equal(e!.waitingSince, T0);
		assert.equal(e!.lastActivity, T0 + 3 * H);
	});

	it('ignores a hidden maintainer reply: the item still has no response', () => {
		const [e] = queue(index([item('I1')], [maint('I1', 1, { minimized: true })]));
		assert.equal(e!.reason, 'noResponse');
	});

	it('ignores hidden non-team comments too (hidden spam does not bring an item back)', () => {
		assert.deepEqual(queue(index([item('I1')], [maint('I1', 1), comment('I1', 'spammer', 2, { minimized: true })])), []);
	});

	it('ignores bots on both sides: a bot reply is no response, a bot comment is no new activity', () => {
		const [e] = queue(index([item('I1')], [comment('I1', 'welcome[bot]', 0.1, { association: 'NONE' })]));
		assert.equal(e!.reason, 'noResponse');
		assert.deepEqual(queue(index([item('I2')], [maint('I2', 1), comment('I2', 'stale[bot]', 2)])), []);
		assert.deepEqual(queue(index([item('I3')], [maint('I3', 1), comment('I3', 'github-actions[bot]', 2, { association: 'MEMBER' })])), []);
	});

	it('does not queue items opened by bots until a human outside the team comments', () => {
		assert.deepEqual(queue(index([item('I1', { author: 'dependabot[bot]' })])), []);
		const [e] = queue(index([item('I2', { author: 'renovate[bot]' })], [comment('I2', 'bob', 4)]));
		assert.equal(e!.reason, 'newActivity');
		assert.equal(e!.waitingSince, T0 + 4 * H);
	});

	it('does not queue an item a maintainer opened, until someone outside the team comments', () => {
		assert.deepEqual(queue(index([item('I1', { author: 'mona', association: 'OWNER' })])), []);
		assert.deepEqual(queue(index([item('I2', { author: 'mona', association: 'OWNER' })], [comment('I2', 'mona', 3, { association: 'OWNER' })])), []);
		const [e] = queue(index([item('I3', { author: 'mona', association: 'OWNER' })], [comment('I3', 'bob', 2)]));
		assert.equal(e!.reason, 'newActivity');
		assert.equal(e!.waitingSince, T0 + 2 * H);
	});

	it('treats logins of the team setting as team, case-insensitively, whatever their association', () => {
		const idx = index([item('I1')], [comment('I1', 'Helper', 1, { association: 'CONTRIBUTOR' })]);
		assert.equal(queue(idx).length, 1);
		assert.deepEqual(queue(idx, { team: ['helper'] }), []);
		assert.equal(isTeam('helper', 'NONE', new Set(['helper'])), true);
		assert.equal(isTeam('ci[bot]', 'OWNER', new Set()), false);
	});

	it('treats logins of the bots setting as bots, case-insensitively: never waiting for a reply, never a reply', () => {
		const opened = index([item('I1', { author: 'DeployBot' })]);
		assert.equal(queue(opened).length, 1, 'an ordinary login waits');
		assert.deepEqual(queue(opened, { bots: ['deploybot'] }), [], 'the machine user\'s item waits for nobody');
		const welcomed = index([item('I2')], [comment('I2', 'deploybot', 0.1)]);
		assert.equal(queue(welcomed)[0]!.reason, 'newActivity');
		assert.equal(queue(welcomed, { bots: ['DeployBot'] })[0]!.reason, 'noResponse', 'its comment is no response');
		const after = index([item('I3')], [maint('I3', 1), comment('I3', 'deploybot', 2, { association: 'MEMBER' })]);
		assert.deepEqual(queue(after, { bots: ['deploybot'] }), [], 'its comment is no new activity either');
		assert.equal(isTeam('deploybot', 'OWNER', new Set(), new Set(), new Set(['deploybot'])), false);
	});

	it('treats logins of the not-team setting as community whatever their association; the team setting wins', () => {
		const answered = index([item('I1')], [comment('I1', 'Former', 1, { association: 'MEMBER' })]);
		assert.deepEqual(queue(answered), [], 'a member has the last word');
		const [e] = queue(answered, { notTeam: ['former'] });
		assert.equal(e!.reason, 'newActivity', 'the former maintainer\'s reply is a community response');
		assert.equal(e!.waitingSince, T0);
		const [later] = queue(index([item('I2')], [maint('I2', 1), comment('I2', 'former', 3, { association: 'COLLABORATOR' })]), { notTeam: ['FORMER'] });
		assert.equal(later!.reason, 'newActivity');
		assert.equal(later!.waitingSince, T0 + 3 * H, 'their comment after the team brings the item back');
		assert.deepEqual(queue(index([item('I3', { author: 'former', association: 'OWNER' })]), { notTeam: ['former'] }).map(x => x.reason), ['noResponse'], 'their own item waits like anyone\'s');
		assert.deepEqual(queue(answered, { notTeam: ['former'], team: ['former'] }), [], 'listed in both: team');
		assert.equal(isTeam('former', 'MEMBER', new Set(), new Set(['former'])), false);
		assert.equal(isTeam('mona', 'MEMBER', new Set(), new Set(['former'])), true);
	});

	it('never queues locked or closed items', () => {
		assert.deepEqual(queue(index([item('I1', { locked: true }), item('I2', { closed: true })], [comment('I1', 'bob', 1), comment('I2', 'bob', 1)])), []);
	});

	it('counts discussion replies as responses', () => {
		const idx = index([item('D1', { kind: 'discussion' })], [comment('D1', 'alice', 1, { id: 'top' }), maint('D1', 2, { replyTo: 'top' })]);
		assert.deepEqual(queue(idx), []);
	});

	it('labels open questions in answerable categories "unanswered question"', () => {
		const idx = index([item('D1', { kind: 'discussion', categoryId: 'Q', isAnswered: false })], [comment('D1', 'bob', 1)]);
		const [e] = queue(idx);
		assert.equal(e!.reason, 'unansweredQuestion');
		assert.equal(e!.categoryName, 'Q&A');
		assert.equal(e!.categoryId, 'Q');
		assert.equal(queue(index([item('D2', { kind: 'discussion', isAnswered: false })]))[0]!.reason, 'noResponse');
		assert.deepEqual(queue(index([item('D3', { kind: 'discussion', isAnswered: false })], [maint('D3', 1)])), []);
	});

	it('keeps a transferred issue with its original times and earlier responses', () => {
		const idx = index([item('I9', { createdAt: T0 - 500 * H })], [maint('I9', -400), comment('I9', 'alice', -10)]);
		const [e] = queue(idx);
		assert.equal(e!.reason, 'authorReplied');
		assert.equal(e!.waitingSince, T0 - 10 * H);
	});

	it('flags first-timers and carries the comment count', () => {
		const [e] = queue(index([item('I1', { association: 'FIRST_TIME_CONTRIBUTOR', commentCount: 4 })]));
		assert.equal(e!.firstTimer, true);
		assert.equal(e!.commentCount, 4);
		assert.equal(queue(index([item('I2', { association: 'FIRST_TIMER' })]))[0]!.firstTimer, true);
		assert.equal(queue(index([item('I3', { association: 'CONTRIBUTOR' })]))[0]!.firstTimer, false);
	});

	it('computes SLA states against the thresholds with the injected clock', () => {
		assert.equal(slaState(NOW - 23 * H, NOW), 'ok');
		assert.equal(slaState(NOW - 24 * H, NOW), 'warn');
		assert.equal(slaState(NOW - 72 * H, NOW), 'breach');
		assert.equal(slaState(NOW - 2 * H, NOW, { warn: 1, breach: 2 }), 'breach');
		const [e] = queue(index([item('I1', { createdAt: NOW - 30 * H })]));
		assert.equal(e!.sla, 'warn');
		assert.equal(queue(index([item('I1', { createdAt: NOW - 30 * H })]), { now: NOW + 50 * H })[0]!.sla, 'breach');
	});

	it('combines several repositories and keeps their comments apart', () => {
		const a = index([item('A1')], [maint('A1', 1)]);
		const b = index([item('A1'), item('B2')]);
		const entries = computeTriage([
			{ repo: 'acme/a', items: a.items(), comments: a.commentColumns() },
			{ repo: 'acme/b', items: b.items(), comments: b.commentColumns() },
		], { now: NOW });
		assert.deepEqual(entries.map(e => `${e.repo}#${e.id}`), ['acme/b#A1', 'acme/b#B2']);
	});

	it('gives the same answer when comments arrive out of order (replies fetched after later comments)', () => {
		const [e] = queue(index([item('I1')], [comment('I1', 'bob', 4), maint('I1', 3), comment('I1', 'carol', 6), comment('I1', 'bob', 2)]));
		assert.equal(e!.waitingSince, T0 + 4 * H);
		assert.equal(e!.lastActivity, T0 + 6 * H);
		assert.deepEqual(queue(index([item('I2')], [maint('I2', 3), comment('I2', 'bob', 2)])), []);
		const [r] = queue(index([item('I3')], [comment('I3', 'alice', 5), maint('I3', 1)]));
		assert.equal(r!.reason, 'authorReplied');
		assert.equal(r!.waitingSince, T0 + 5 * H);
	});

	it('works on an index loaded back from the disk cache', () => {
		const idx = RepoIndex.fromJSON(index([item('I1')], [maint('I1', 1), comment('I1', 'alice', 2)]).toJSON('g'));
		assert.equal(queue(idx)[0]!.reason, 'authorReplied');
	});
});

describe('triage recompute over a changing index (cached per-item facts)', () => {
	/** The queue of the same data in a fresh index: no cache can be shared with it. */
	function fresh(idx: RepoIndex, options: Partial<TriageOptions> = {}): TriageEntry[] {
		return queue(RepoIndex.fromJSON(idx.toJSON('g')), options);
	}

	it('follows items replaced in place, new authors and a changed team, as a fresh computation would', () => {
		const idx = index([item('I1'), item('I2', { author: 'newbie' }), item('I3')], [comment('I1', 'bob', 1), maint('I3', 1)]);
		assert.deepEqual(queue(idx).map(e => e.id).sort(), ['I1', 'I2']);
		// I1 closed, newbie comments for the first time (a new author code), a maintainer answers I2
		idx.upsertItem(item('I1', { closed: true }));
		idx.upsertComment(comment('I2', 'newbie', 2));
		idx.upsertComment(comment('I3', 'carol', 3));
		assert.deepEqual(queue(idx), fresh(idx));
		assert.deepEqual(queue(idx).map(e => e.id).sort(), ['I2', 'I3']);
		assert.equal(queue(idx).find(e => e.id === 'I2')!.lastAuthorActivity, T0 + 2 * H);
		// carol joins the team: I3 is answered; and back again without her
		assert.deepEqual(queue(idx, { team: ['Carol'] }).map(e => e.id), ['I2']);
		assert.deepEqual(queue(idx, { team: ['Carol'] }), fresh(idx, { team: ['Carol'] }));
		assert.deepEqual(queue(idx).map(e => e.id).sort(), ['I2', 'I3']);
		// a new item appended to the same list
		idx.upsertItem(item('I4', { author: 'zed' }));
		assert.deepEqual(queue(idx), fresh(idx));
		assert.equal(queue(idx).length, 3);
	});

	it('resolves an item author who had never commented once the authors table grows', () => {
		const authors = ['bob'];
		const items = [item('I1', { author: 'alice' })];
		const columns = (rows: [number, number][]) => ({
			length: rows.length, item: Int32Array.from(rows.map(() => 0)), author: Int32Array.from(rows.map(r => r[0])), assoc: new Uint8Array(rows.length).fill(7),
			created: Float64Array.from(rows.map(r => T0 + r[1] * H)), flags: new Uint8Array(rows.length), authors,
		});
		const run = (rows: [number, number][]) => computeTriage([{ repo: 'acme/rocket', items, comments: columns(rows) }], { now: NOW })[0]!;
		assert.equal(run([[0, 1]]).lastAuthorActivity, T0);
		authors.push('alice');
		const e = run([[0, 1], [1, 5]]);
		assert.equal(e.lastAuthorActivity, T0 + 5 * H);
		assert.equal(e.reason, 'newActivity');
	});

	it('skips the comments of closed and locked items without changing open ones', () => {
		const idx = index([item('I1', { locked: true }), item('I2')], [comment('I1', 'bob', 5), maint('I2', 1), comment('I2', 'bob', 2)]);
		const [e] = queue(idx);
		assert.equal(e!.id, 'I2');
		assert.equal(e!.waitingSince, T0 + 2 * H);
	});
});

describe('triage sorting and filters', () => {
	const entries = queue(index([
		item('I1', { createdAt: NOW - 10 * H, labels: ['bug'] }),
		item('I2', { createdAt: NOW - 80 * H, title: 'Crash on start', author: 'zed' }),
		item('I3', { createdAt: NOW - 30 * H, association: 'FIRST_TIMER' }),
		item('D4', { kind: 'discussion', categoryId: 'Q', createdAt: NOW - 5 * H }),
	], [comment('I1', 'bob', 99)]));

	it('sorts by SLA (breaches first, then oldest), by age and by latest activity', () => {
		assert.deepEqual(sortTriage(entries).map(e => e.id), ['I2', 'I3', 'I1', 'D4']);
		assert.deepEqual(sortTriage(entries, 'age').map(e => e.id), ['I2', 'I3', 'I1', 'D4']);
		assert.deepEqual(sortTriage(entries, 'activity').map(e => e.id), ['I1', 'D4', 'I3', 'I2']);
	});

	it('filters by repo, kind, label, category, first-timers, minimum age and text', () => {
		const ids = (f: Parameters<typeof filterTriage>[1]) => filterTriage(entries, f, NOW).map(e => e.id).sort();
		assert.deepEqual(ids({ repo: 'ACME/rocket' }).length, 4);
		assert.deepEqual(ids({ repo: 'acme/other' }), []);
		assert.deepEqual(ids({ kind: 'discussion' }), ['D4']);
		assert.deepEqual(ids({ label: 'Bug' }), ['I1']);
		assert.deepEqual(ids({ categoryId: 'Q' }), ['D4']);
		assert.deepEqual(ids({ firstTimersOnly: true }), ['I3']);
		assert.deepEqual(ids({ minAgeHours: 24 }), ['I2', 'I3']);
		assert.deepEqual(ids({ text: 'crash' }), ['I2']);
		assert.deepEqual(ids({ text: 'ZED' }), ['I2']);
		assert.deepEqual(ids({ text: '#3' }), ['I3']);
		assert.deepEqual(ids({ kind: 'issue', minAgeHours: 24, firstTimersOnly: true }), ['I3']);
	});

	it('breaks ties by repository, then number, whatever the input order', () => {
		const tied = (repo: string, n: number): TriageEntry => ({ ...entries[0]!, id: `${repo}#${n}`, repo, number: n, waitingSince: T0, lastActivity: T0, sla: 'warn' });
		const input = [tied('acme/rocket', 9), tied('acme/docs', 12), tied('acme/rocket', 2), tied('acme/docs', 3)];
		const want = ['acme/docs#3', 'acme/docs#12', 'acme/rocket#2', 'acme/rocket#9'];
		for (const by of ['sla', 'age', 'activity'] as const) {
			assert.deepEqual(sortTriage(input, by).map(e => e.id), want);
			assert.deepEqual(sortTriage([...input].reverse(), by).map(e => e.id), want);
		}
		assert.deepEqual(sortTriage([]), []);
	});

	it('counts waiting items and breaches', () => {
		assert.deepEqual(triageCounts(entries), { waiting: 4, breaches: 1 });
	});

	it('describes reasons and SLA states', () => {
		assert.equal(describeReason('authorReplied', englishT), 'Author replied');
		assert.equal(describeReason('noResponse', englishT), 'No response yet');
		assert.equal(describeReason('unansweredQuestion', englishT), 'Unanswered question');
		assert.equal(describeReason('newActivity', englishT), 'New activity');
		assert.equal(describeSla('breach', englishT), 'SLA breached');
		assert.equal(describeSla('warn', englishT), 'SLA at risk');
		assert.equal(describeSla('ok', englishT), 'Within SLA');
	});
});

describe('triage marks', () => {
	const before = index([item('I1')], [maint('I1', 1), comment('I1', 'bob', 2)]);
	const entry = queue(before)[0]!;

	it('hides a done item until new non-team activity arrives', () => {
		const marks = markDone({}, entry);
		assert.deepEqual(visibleTriage([entry], marks, NOW), []);
		const teamLater = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'bob', 2), maint('I1', 3)]));
		assert.deepEqual(teamLater, []);
		const back = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'bob', 2), comment('I1', 'carol', 4)]))[0]!;
		assert.deepEqual(visibleTriage([back], marks, NOW).map(e => e.id), ['I1']);
	});

	it('does not bring a done item back for a bot or a hidden comment', () => {
		const marks = markDone({}, entry);
		const botLater = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'bob', 2), comment('I1', 'x[bot]', 5), comment('I1', 'y', 6, { minimized: true })]))[0]!;
		assert.equal(isHidden(marks['I1'], botLater, NOW), true);
	});

	it('snoozes until a time, with the injected clock', () => {
		const marks = snoozeUntil({}, entry, NOW + 24 * H);
		assert.equal(isHidden(marks['I1'], entry, NOW), true);
		assert.equal(isHidden(marks['I1'], entry, NOW + 24 * H), false);
	});

	it('snoozes until the author replies (not someone else)', () => {
		const own = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'alice', 2)]))[0]!;
		const marks = snoozeUntilAuthorReplies({}, own);
		assert.equal(isHidden(marks['I1'], own, NOW), true);
		const other = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'alice', 2), comment('I1', 'bob', 3)]))[0]!;
		assert.equal(isHidden(marks['I1'], other, NOW), true);
		const replied = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'alice', 2), comment('I1', 'alice', 3)]))[0]!;
		assert.equal(isHidden(marks['I1'], replied, NOW), false);
	});

	it('does not mutate the record, clears marks and prunes those that hide nothing', () => {
		const empty = {};
		const marks = snoozeUntil(markDone(empty, entry), { ...entry, id: 'I7' }, NOW - 1);
		assert.deepEqual(empty, {});
		assert.deepEqual(Object.keys(marks).sort(), ['I1', 'I7']);
		assert.deepEqual(Object.keys(pruneMarks(marks, [entry, { ...entry, id: 'I7' }], NOW)), ['I1']);
		assert.deepEqual(pruneMarks(marks, [], NOW), {});
		const kept = markDone({}, entry);
		assert.equal(pruneMarks(kept, [entry], NOW), kept);
		assert.deepEqual(clearMark(marks, 'I1'), { I7: marks['I7'] });
		assert.equal(clearMark(kept, 'nope'), kept);
	});

	it('marks several entries at once: done, snoozed for hours, until a moment or until each author replies', () => {
		const second: TriageEntry = { ...entry, id: 'I2', lastActivity: T0 + 7 * H, lastAuthorActivity: T0 + 3 * H };
		assert.deepEqual(markAllDone({}, [entry, second]), { I1: { done: entry.lastActivity }, I2: { done: T0 + 7 * H } });
		assert.deepEqual(snoozeAll({}, [entry, second], { kind: 'hours', hours: 24 }, NOW), { I1: { snoozeUntil: NOW + 24 * H }, I2: { snoozeUntil: NOW + 24 * H } });
		assert.deepEqual(snoozeAll({}, [second], { kind: 'until', until: NOW + 5 * H }, NOW), { I2: { snoozeUntil: NOW + 5 * H } });
		const kept = { I9: { done: 1 } };
		assert.deepEqual(snoozeAll(kept, [entry, second], { kind: 'authorReplies' }, NOW), {
			I9: { done: 1 }, I1: { untilAuthorReplies: entry.lastAuthorActivity }, I2: { untilAuthorReplies: T0 + 3 * H },
		});
		assert.deepEqual(kept, { I9: { done: 1 } });
		assert.equal(markAllDone(kept, []), kept);
	});

	it('brings an item snoozed until the author replies back on the author\'s reply, also when the team answered meanwhile', () => {
		const waiting = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'alice', 2)]))[0]!;
		const marks = snoozeAll({}, [waiting], { kind: 'authorReplies' }, NOW);
		assert.equal(isHidden(marks['I1'], waiting, NOW + 1000 * H), true, 'time alone does not end it');
		const back = queue(index([item('I1')], [maint('I1', 1), comment('I1', 'alice', 2), maint('I1', 3), comment('I1', 'alice', 4)]))[0]!;
		assert.equal(back.reason, 'authorReplied');
		assert.deepEqual(visibleTriage([back], marks, NOW).map(e => e.id), ['I1']);
		assert.deepEqual(pruneMarks(marks, [back], NOW), {});
	});

	it('finds the next end of a timed snooze', () => {
		assert.equal(nextSnoozeEnd({ I1: { snoozeUntil: NOW + 5 }, I2: { snoozeUntil: NOW + 2 }, I3: { snoozeUntil: NOW - 1 }, I4: { done: NOW + 1 } }, NOW), NOW + 2);
		assert.equal(nextSnoozeEnd({ I1: { untilAuthorReplies: 1 } }, NOW), undefined);
	});

	it('validates a persisted record', () => {
		assert.equal(isTriageMarks({ I1: { done: 5 }, I2: { snoozeUntil: 1, untilAuthorReplies: 2 } }), true);
		assert.equal(isTriageMarks({}), true);
		assert.equal(isTriageMarks(null), false);
		assert.equal(isTriageMarks([]), false);
		assert.equal(isTriageMarks({ I1: { done: 'x' } }), false);
		assert.equal(isTriageMarks({ I1: 3 }), false);
	});
});

describe('snooze dates', () => {
	const now = new Date(2025, 5, 10, 15, 30).getTime();

	it('accepts YYYY-MM-DD after today and within a year: the start of that day, local time', () => {
		assert.deepEqual(parseSnoozeDate('2025-06-11', now, englishT), { until: new Date(2025, 5, 11).getTime() });
		assert.deepEqual(parseSnoozeDate(' 2025-6-20 ', now, englishT), { until: new Date(2025, 5, 20).getTime() });
		assert.equal(isoDay(new Date(2025, 0, 5, 23, 59).getTime()), '2025-01-05');
	});

	it('refuses other text, impossible dates, today and the past, and dates over a year ahead', () => {
		const error = (text: string) => { const r = parseSnoozeDate(text, now, englishT); return 'error' in r ? r.error : 'accepted'; };
		assert.equal(error('next week'), 'Enter a date as YYYY-MM-DD, for example 2025-06-17.');
		assert.equal(error('2025-02-30'), '2025-02-30 is not a date.');
		assert.equal(error('2025-06-10'), 'Choose a day after today.');
		assert.equal(error('2024-12-31'), 'Choose a day after today.');
		assert.equal(error('2026-07-01'), 'Choose a day within a year.');
	});
});

describe('SLA breach notices and the next threshold', () => {
	const at = (id: string, sla: TriageEntry['sla'], waitingSince = T0): TriageEntry => ({
		id, repo: 'acme/rocket', kind: 'issue', number: Number(id.slice(1)), title: id, author: 'a', firstTimer: false, labels: [], reason: 'noResponse',
		waitingSince, sla, commentCount: 0, lastActivity: waitingSince, lastAuthorActivity: waitingSince,
	});

	it('announces nothing at the first look (breaches already there are known)', () => {
		const first = newBreaches([at('I1', 'breach'), at('I2', 'warn')], undefined);
		assert.deepEqual(first.fresh, []);
		assert.deepEqual([...first.known], ['I1']);
	});

	it('announces an entry once when it becomes breached, and again only after it left and came back', () => {
		let known = newBreaches([at('I1', 'breach'), at('I2', 'warn')], undefined).known;
		const second = newBreaches([at('I1', 'breach'), at('I2', 'breach'), at('I3', 'ok')], known);
		assert.deepEqual(second.fresh.map(e => e.id), ['I2']);
		known = second.known;
		assert.deepEqual(newBreaches([at('I1', 'breach'), at('I2', 'breach')], known).fresh, []);
		known = newBreaches([at('I1', 'breach')], known).known; // I2 answered, done or snoozed
		assert.deepEqual(newBreaches([at('I1', 'breach'), at('I2', 'breach')], known).fresh.map(e => e.id), ['I2']);
	});

	it('finds the next threshold crossing after now', () => {
		const sla = { warn: 24, breach: 72 };
		assert.equal(nextSlaChange([at('I1', 'warn', NOW - 30 * H), at('I2', 'ok', NOW - 20 * H)], NOW, sla), NOW + 4 * H);
		assert.equal(nextSlaChange([at('I1', 'warn', NOW - 30 * H)], NOW, sla), NOW + 42 * H);
		assert.equal(nextSlaChange([at('I1', 'breach', NOW - 100 * H)], NOW, sla), undefined);
		assert.equal(nextSlaChange([], NOW, sla), undefined);
	});
});
