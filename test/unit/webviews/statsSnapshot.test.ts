import { strict as assert } from 'node:assert';
import { englishT } from '../../../src/core/l10n';
import { RepoIndex } from '../../../src/core/repoIndex';
import { computeStats, personEngagement, presetWindow, type StatsRepoInput } from '../../../src/core/stats';
import { DEFAULT_STATS_VIEW } from '../../../src/shared/statsProtocol';
import { composeDigest } from '../../../src/core/statsReport';
import { engagementSnapshot, formatCount, formatPercent, personCard, personThreads, shownPeople, statsSnapshot } from '../../../src/webviews/statsSnapshot';
import { checkInMessage, digestTitle, thankYouMessage } from '../../../src/webviews/statsText';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse('2026-11-25T12:00:00Z');
const WINDOW = presetWindow(30, NOW);

/** Eight items by eight people, each answered by the team member mona after i+1 hours and by helper after 30 minutes. */
function fixture(): StatsRepoInput {
	const idx = new RepoIndex();
	for (let i = 0; i < 8; i++) {
		const discussion = i % 2 === 1;
		idx.upsertItem({
			id: `I${i}`, number: i + 1, kind: discussion ? 'discussion' : 'issue', title: i === 0 ? 'Crash [x](command:evil) *now*' : `Item ${i}`, closed: false, locked: false,
			author: `user${i}`, association: 'NONE', createdAt: NOW - (i + 2) * D, updatedAt: NOW, commentCount: 2, isAnswered: discussion ? true : undefined, categoryId: discussion ? 'C' : undefined,
		});
		idx.upsertComment({ id: `C${i}`, itemId: `I${i}`, author: 'mona', association: 'MEMBER', createdAt: NOW - (i + 2) * D + (i + 1) * H, isAnswer: discussion, minimized: false });
		idx.upsertComment({ id: `K${i}`, itemId: `I${i}`, author: 'helper', association: 'NONE', createdAt: NOW - (i + 2) * D + 30 * 60_000, isAnswer: false, minimized: false });
	}
	return { repo: 'acme/rocket', items: idx.items(), comments: idx.commentColumns() };
}

const input = fixture();
const report = computeStats([input], { window: WINDOW, now: NOW });
const snapshot = (over: Partial<Parameters<typeof statsSnapshot>[0]> = {}) => statsSnapshot({
	report, view: DEFAULT_STATS_VIEW, window: WINDOW, repos: ['acme/rocket'], pending: [], error: '', t: englishT, lang: 'en', now: NOW, ...over,
});

describe('stats snapshot', () => {
	it('is loading without a report and carries no numbers', () => {
		const s = snapshot({ report: undefined, pending: ['acme/rocket'] });
		assert.equal(s.status, 'loading');
		assert.deepEqual([s.cards.length, s.charts.length, s.lists.length], [0, 0, 0]);
		assert.equal(s.pending, 'Still loading: acme/rocket');
	});

	it('shows headline cards with definitions, "no data" below five responses', () => {
		const s = snapshot();
		const card = (id: string) => s.cards.find(c => c.id === id)!;
		assert.equal(card('sla').value, '100%');
		assert.match(card('sla').definition, /48 hours/);
		assert.equal(card('firstResponse-issue').value, 'no data', 'four responses are too few for a median');
		assert.match(card('firstResponse-issue').detail, /4 of 4 responded/);
		assert.equal(card('responseRate').value, '100%');
		assert.match(card('timeToAnswer').detail, /4 of 4 answered; by team 4/);
		assert.ok(s.cards.every(c => c.definition.length > 20), 'every card has a definition');
		assert.match(s.windowLabel, /Oct 27, 2026 – Nov 25, 2026 \(UTC\)/);
	});

	it('gives every chart a table alternative with one row per label', () => {
		const s = snapshot();
		assert.deepEqual(s.charts.map(c => c.id), ['waiting', 'firstResponse', 'answers']);
		for (const c of s.charts) {
			assert.equal(c.table.rows.length, c.labels.length, c.id);
			assert.ok(c.series.every(series => series.values.length === c.labels.length), c.id);
			assert.ok(c.summary.length > 0);
		}
		assert.equal(s.charts[0]!.labels.length, 30);
		const answers = s.charts.find(c => c.id === 'answers')!;
		assert.deepEqual(answers.table.rows[0], ['Team', '4']);
		assert.deepEqual(s.charts.find(c => c.id === 'firstResponse')!.series[0]!.values, [null, null, null, null], 'null stays a gap, never 0');
	});

	it('lists people with ids the host can map back to logins', () => {
		const s = snapshot();
		const board = s.lists.find(l => l.id === 'leaderboard')!;
		assert.deepEqual(board.people.slice(0, 2).map(p => [p.login, p.team]), [['mona', true], ['helper', false]]);
		const ids = shownPeople(s.lists);
		assert.equal(ids.get('p:helper'), 'helper');
		assert.equal(ids.get('p:nobody'), undefined);
		assert.equal(s.lists.find(l => l.id === 'newcomers')!.action, 'thank');
		assert.equal(s.lists.find(l => l.id === 'lapsed')!.action, 'checkIn');
	});

	it('finds a person\'s threads in the window, newest first, and builds their card', () => {
		const threads = personThreads([input], 'HELPER', WINDOW);
		assert.equal(threads.length, 8);
		assert.deepEqual(threads.map(t => t.number), [1, 2, 3, 4, 5, 6, 7, 8]);
		assert.ok(threads.every(t => !t.opened && t.comments === 1));
		assert.deepEqual(personThreads([input], 'user3', WINDOW).map(t => [t.number, t.opened]), [[4, true]]);
		assert.deepEqual(personThreads([input], 'user3', { start: WINDOW.end, end: WINDOW.end + D }), []);
		const card = personCard(report, 'helper', threads, 'https://github.com', englishT, 'en');
		assert.equal(card.profileUrl, 'https://github.com/helper');
		assert.equal(card.threads[1]!.url, 'https://github.com/acme/rocket/discussions/2');
		assert.ok(card.facts.some(f => f.label === 'First responses' && f.value === '8'));
		assert.equal(personCard(report, 'helper', threads, 'https://ghe.example.com/', englishT, 'en').threads[0]!.url, 'https://ghe.example.com/acme/rocket/issues/1');
	});

	it('compares the viewer with the community median', () => {
		const e = engagementSnapshot(personEngagement(report, 'helper'), 'Last 30 days', englishT, 'en');
		assert.equal(e.status, 'ready');
		const row = e.rows.find(r => r.id === 'firstResponses')!;
		assert.deepEqual([row.mine, row.median, row.mineRatio, row.medianRatio], ['8', '0', 1, 0]);
		assert.match(e.note, /Rank 2 of/);
		const nobody = engagementSnapshot(personEngagement(report, 'stranger'), 'Last 30 days', englishT, 'en');
		assert.equal(nobody.rows.find(r => r.id === 'comments')!.mine, '0');
		assert.equal(nobody.streak, 'No activity in this window.');
		assert.equal(engagementSnapshot(undefined, '', englishT, 'en').status, 'loading');
	});

	it('formats numbers in the UI language', () => {
		assert.equal(formatPercent(0.823, 'en'), '82%');
		assert.equal(formatCount(12345.67, 'en'), '12,345.7');
		assert.equal(formatCount(12345, 'ru'), '12\u00a0345');
		assert.equal(formatCount(3, 'not a language tag!'), '3');
	});
});

describe('stats drafts', () => {
	it('thanks a helper with escaped thread titles as links', () => {
		const text = thankYouMessage(report, 'helper', [input], 'https://github.com', englishT, 'en');
		assert.match(text, /^Hi @helper, welcome to the community/, 'helper is new in this window');
		const board = { ...report, newContributors: { ...report.newContributors, people: [] } };
		assert.match(thankYouMessage(board, 'helper', [input], 'https://github.com', englishT, 'en'), /^Hi @helper, thank you for your help in the community between Oct 27, 2026/);
		assert.match(text, /you were the first to respond on 8 threads/);
		assert.ok(text.includes('](https://github.com/acme/rocket/issues/1)'), text);
		assert.ok(!text.includes('](command:'), 'a title cannot add a link');
	});

	it('checks in with a lapsed regular', () => {
		assert.match(checkInMessage(report, 'user1', englishT, 'en'), /^Hi @user1, we have not seen you around for a while/);
	});
});

describe('weekly digest', () => {
	it('titles the post as composeDigest heads it, so the posted title matches the preview', () => {
		const text = composeDigest(report, { t: englishT, lang: 'en', webUrl: 'https://github.com' });
		assert.equal(text.split('\n')[0], `# ${digestTitle(report, englishT)}`);
		assert.equal(digestTitle(report, englishT), 'Community digest: 2026-10-27 – 2026-11-25 (UTC)');
	});
});
