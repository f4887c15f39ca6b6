import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { englishT, type Translate } from '../../../src/core/l10n';
import { RepoIndex, type CommentEvent, type IndexedItem } from '../../../src/core/repoIndex';
import { computeStats, DAY_MS, type StatsReport } from '../../../src/core/stats';
import { composeDigest, csvCell, escapeMarkdown, formatDuration, personLink, statsCsv, statsMarkdown, threadUrl, toCsv } from '../../../src/core/statsReport';

const H = 3_600_000;
const T0 = Date.UTC(2025, 4, 19);
const NOW = T0 + 6 * DAY_MS + 12 * H;
const WEB = 'https://github.com';

/** A Translate over the Russian bundle, as vscode.l10n.t would be with the Russian language pack. */
const ruBundle = JSON.parse(readFileSync(join(__dirname, '../../../l10n/bundle.l10n.ru.json'), 'utf8')) as Record<string, string>;
const ruT: Translate = ((first: string | { message: string; args?: (string | number | boolean)[]; comment: string | string[] }, ...rest: (string | number | boolean)[]) => {
	const [message, args, key] = typeof first === 'string' ? [first, rest, first] : [first.message, first.args ?? [], `${first.message}/${String(first.comment)}`];
	const text = ruBundle[key] ?? `MISSING:${key}`;
	return text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
	void message;
}) as Translate;

function report(): StatsReport {
	const index = new RepoIndex();
	const items: IndexedItem[] = [
		{ id: 'D1', number: 1, kind: 'discussion', title: 'How do I [click](http://evil) <script>x</script> | pipe', closed: false, locked: false, author: 'newbie', association: 'NONE', createdAt: T0 + DAY_MS, updatedAt: T0 + DAY_MS, commentCount: 2, isAnswered: false },
		{ id: 'D2', number: 2, kind: 'discussion', title: '=HYPERLINK("http://evil")', closed: false, locked: false, author: 'amy', association: 'NONE', createdAt: T0 + 2 * DAY_MS, updatedAt: T0 + 2 * DAY_MS, commentCount: 0, isAnswered: false },
		{ id: 'I3', number: 3, kind: 'issue', title: 'Crash', closed: false, locked: false, author: 'amy', association: 'NONE', createdAt: T0 - 30 * DAY_MS, updatedAt: T0, commentCount: 1 },
	];
	items.forEach(i => index.upsertItem(i));
	const c = (id: string, itemId: string, author: string, at: number, over: Partial<CommentEvent> = {}): CommentEvent =>
		({ id, itemId, author, association: 'NONE', createdAt: at, isAnswer: false, minimized: false, ...over });
	[c('C1', 'D1', 'mona', T0 + DAY_MS + 3 * H, { association: 'MEMBER' }), c('C2', 'D1', 'amy', T0 + DAY_MS + 4 * H), c('C3', 'I3', 'amy', T0 - 29 * DAY_MS)].forEach(x => index.upsertComment(x));
	return computeStats([{ repo: 'acme/rocket', items: index.items(), comments: index.commentColumns() }], { window: { start: T0, end: T0 + 7 * DAY_MS }, now: NOW });
}

describe('statsReport: untrusted text', () => {
	it('quotes CSV cells and guards formulas', () => {
		assert.equal(csvCell('plain'), 'plain');
		assert.equal(csvCell('a,b'), '"a,b"');
		assert.equal(csvCell('say "hi"'), '"say ""hi"""');
		assert.equal(csvCell('two\nlines'), '"two\nlines"');
		assert.equal(csvCell('=1+2'), "'=1+2");
		assert.equal(csvCell('+cmd'), "'+cmd");
		assert.equal(csvCell('-2'), "'-2", 'a string is guarded even when it looks like a number');
		assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
		assert.equal(csvCell('\t=x'), "'\t=x");
		assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
		assert.equal(csvCell(-2), '-2', 'numbers are written as they are');
		assert.equal(csvCell(null), '');
		assert.equal(csvCell(true), 'true');
		assert.equal(toCsv([['a', 1], ['b', null]]), 'a,1\r\nb,\r\n');
	});

	it('escapes Markdown, HTML and mentions in titles and logins', () => {
		const out = escapeMarkdown('[x](http://evil) <img src=x> **b** @mona\n# h | `c`');
		assert.ok(!/(^|[^\\])\[/.test(out) && !/(^|[^\\])\(/.test(out), out);
		assert.ok(!out.includes('<') && !out.includes('\n') && !out.includes('@mona'), out);
		assert.ok(out.includes('\\|') && out.includes('\\*\\*') && out.includes('\\`'), out);
	});

	it('builds links with encoded owner and name and no pings for people', () => {
		assert.equal(threadUrl('https://ghe.example/', 'acme/rocket', 'discussion', 5), 'https://ghe.example/acme/rocket/discussions/5');
		assert.equal(threadUrl(WEB, 'a b/c?d', 'issue', 1), 'https://github.com/a%20b/c%3Fd/issues/1');
		assert.equal(personLink(WEB, 'mona'), '[mona](https://github.com/mona)');
	});

	it('formats durations in the language\'s units', () => {
		assert.match(formatDuration(30 * 60_000, 'en'), /30 min/);
		assert.match(formatDuration(3.5 * H, 'en'), /3\.5 hr/);
		assert.match(formatDuration(3.5 * H, 'ru'), /3,5 ч/);
		assert.match(formatDuration(5 * DAY_MS, 'en'), /5 days?/);
	});
});

describe('statsReport: CSV', () => {
	it('writes one row per figure, hours for durations, empty for no data, guarded titles', () => {
		const csv = statsCsv(report());
		const lines = csv.split('\r\n');
		assert.equal(lines[0], 'section,subject,metric,value');
		assert.ok(lines.includes('firstResponse,discussion.team,eligible,2'));
		assert.ok(lines.includes('firstResponse,discussion.team,responded,1'));
		assert.ok(lines.includes('firstResponse,discussion.team,medianHours,'), 'fewer than 5: no data');
		assert.ok(lines.includes('newContributors,,count,1'));
		assert.ok(lines.includes('newContributor,newbie,firstActivity,2025-05-20T00:00:00.000Z'));
		assert.ok(lines.includes('responder,mona,firstTeamResponses,1'));
		assert.ok(lines.includes('unanswered,acme/rocket#2,title,"\'=HYPERLINK(""http://evil"")"'), csv);
		assert.ok(csv.endsWith('\r\n'));
	});
});

describe('statsReport: Markdown and the weekly digest', () => {
	it('composes the digest: response times, new contributors, top and unanswered discussions with links', () => {
		const md = composeDigest(report(), { t: englishT, lang: 'en', webUrl: WEB });
		assert.ok(md.startsWith('# Community digest: 2025-05-19 – 2025-05-25 (UTC)\n'), md);
		assert.ok(md.includes('- First team response, discussions: median no data; 1 of 2 responded'), md);
		assert.ok(md.includes('A warm welcome to [newbie](https://github.com/newbie)!'), md);
		assert.ok(md.includes('— 2 comments'), md);
		assert.ok(md.includes('(https://github.com/acme/rocket/discussions/1)'), md);
		assert.ok(md.includes('- [acme/rocket\\#1 How do I \\[click\\]\\(http\\://evil\\) &lt;script&gt;x&lt;/script&gt; \\| pipe](https://github.com/acme/rocket/discussions/1) — 2 comments'), md);
		assert.ok(!md.includes('<script>'), 'no raw HTML from a title');
		assert.ok(md.includes('Can you help with these?'), md);
		assert.ok(md.includes('- [acme/rocket\\#2 =HYPERLINK\\("http\\://evil"\\)](https://github.com/acme/rocket/discussions/2) — opened 2025-05-21'), md);
	});

	it('composes the digest in Russian', () => {
		const md = composeDigest(report(), { t: ruT, lang: 'ru', webUrl: WEB });
		assert.ok(!md.includes('MISSING:'), md);
		assert.ok(md.includes('# Дайджест сообщества: 2025-05-19 – 2025-05-25 (UTC)'), md);
		assert.ok(md.includes('## Новые участники'), md);
		assert.ok(md.includes('2 комментария'), md);
		assert.ok(md.includes('Сможете помочь с этими?'), md);
	});

	it('says so when there is nothing to list', () => {
		const empty = computeStats([], { window: { start: T0, end: T0 + 7 * DAY_MS }, now: NOW });
		const md = composeDigest(empty, { t: englishT, lang: 'en', webUrl: WEB });
		assert.ok(md.includes('- First team response, issues: no new items'), md);
		assert.ok(md.includes('No new contributors this time.'), md);
		assert.ok(md.includes('No discussion had comments this time.'), md);
		assert.ok(md.includes('Every discussion opened in this window has a response.'), md);
	});

	it('exports the report as Markdown with escaped people and titles, in English and Russian', () => {
		const md = statsMarkdown(report(), { t: englishT, lang: 'en', webUrl: WEB });
		assert.ok(md.startsWith('# Community Stats: 2025-05-19 – 2025-05-25 (UTC)'), md);
		assert.ok(md.includes('| People | Opened | Comments | Answers marked | First responses | Score | Active days |'), md);
		assert.ok(md.includes('| [mona](https://github.com/mona) (team) | 0 | 1 | 0 | 1 |'), md);
		assert.ok(md.includes('- Responder bus factor: no data'), md);
		assert.ok(!md.includes('<script>'));
		const ru = statsMarkdown(report(), { t: ruT, lang: 'ru', webUrl: WEB });
		assert.ok(!ru.includes('MISSING:'), ru);
		assert.ok(ru.includes('# Статистика сообщества'), ru);
	});
});
