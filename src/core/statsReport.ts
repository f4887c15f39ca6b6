import { plural, type Translate } from './l10n';
import type { IndexItemKind } from './repoIndex';
import type { ResponseStats, StatsItemRef, StatsReport } from './stats';

// Exports of a stats report (issue #7): tidy CSV, Markdown, and the weekly digest post. Pure: the
// caller passes `t` (vscode.l10n.t), the language and the web URL of the GitHub server. Everything
// from GitHub (logins, titles) is untrusted: CSV cells are quoted and guarded against formula
// injection, Markdown text is escaped so it cannot add links, HTML, mentions or formatting.

/** What the Markdown exports need besides the report. */
export interface ReportTextOptions {
	readonly t: Translate;
	/** BCP 47 language for numbers, dates and plurals (`en`, `ru`). */
	readonly lang: string;
	/** Web URL of the GitHub server, e.g. `https://github.com` (links to threads and people). */
	readonly webUrl: string;
}

// ---------------------------------------------------------------------------------------------
// Untrusted text

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break. A string starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so spreadsheets do not run
 * it as a formula. Numbers are written as they are; null is an empty cell ("no data").
 */
export function csvCell(value: string | number | boolean | null): string {
	if (value === null) return '';
	if (typeof value !== 'string') return String(value);
	const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** CSV text of rows (CRLF line ends, as RFC 4180 says). */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
	return `${rows.map(row => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Markdown-escapes untrusted text for inline use (link text, table cells, list items): every
 * punctuation mark Markdown or GitHub gives a meaning, HTML's `<`, `>`, `&`, and `@` (no mention
 * pings); line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/\r\n?|\n/g, ' ')
		.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
		.replace(/[\\`*_{}[\]()#+\-.!|~:@]/g, m => (m === '@' ? '@\u200b' : `\\${m}`));
}

/** The web URL of a thread; owner and name are percent-encoded. */
export function threadUrl(webUrl: string, repo: string, kind: IndexItemKind, number: number): string {
	const [owner = '', name = ''] = repo.split('/');
	return `${webUrl.replace(/\/+$/, '')}/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/${kind === 'issue' ? 'issues' : 'discussions'}/${number}`;
}

/** A person as a Markdown link to their profile (no `@`, so posting it pings nobody). */
export function personLink(webUrl: string, login: string): string {
	return `[${escapeMarkdown(login)}](${webUrl.replace(/\/+$/, '')}/${encodeURIComponent(login)})`;
}

function threadLink(webUrl: string, item: StatsItemRef): string {
	return `[${escapeMarkdown(`${item.repo}#${item.number} ${item.title}`)}](${threadUrl(webUrl, item.repo, item.kind, item.number)})`;
}

// ---------------------------------------------------------------------------------------------
// Numbers

function numberFormat(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	try {
		return new Intl.NumberFormat(lang, options);
	} catch {
		return new Intl.NumberFormat('en', options);
	}
}

/** A duration in minutes, hours (under two days) or days, in the language's short units ("3.5 hr", "3,5 ч"). */
export function formatDuration(ms: number, lang: string): string {
	const unit = (value: number, u: 'minute' | 'hour' | 'day') =>
		numberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
	if (ms < 3_600_000) return unit(Math.max(0, Math.round(ms / 60_000)), 'minute');
	if (ms < 48 * 3_600_000) return unit(ms / 3_600_000, 'hour');
	return unit(ms / 86_400_000, 'day');
}

function formatPercent(ratio: number, lang: string): string {
	return numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** The window as UTC days, both ends included ("2025-05-01 – 2025-05-30 (UTC)"). */
export function formatWindowDays(window: { start: number; end: number }): string {
	const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	return `${day(window.start)} – ${day(window.end - 1)} (UTC)`;
}

// ---------------------------------------------------------------------------------------------
// CSV

const HOURS = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 100) / 100);
const ISO = (ms: number) => new Date(ms).toISOString();

/**
 * The report as tidy CSV, `section,subject,metric,value`: one row per figure, raw numbers,
 * durations in hours, an empty value for "no data", so a spreadsheet can pivot it. Column and
 * metric names are stable English identifiers, not translated.
 */
export function statsCsv(r: StatsReport): string {
	const rows: (string | number | boolean | null)[][] = [['section', 'subject', 'metric', 'value']];
	const add = (section: string, subject: string, metric: string, value: string | number | boolean | null) => void rows.push([section, subject, metric, value]);
	add('window', '', 'start', ISO(r.window.start));
	add('window', '', 'end', ISO(r.window.end));
	add('window', '', 'repositories', r.repos.join(' '));
	add('window', '', 'computedAt', ISO(r.computedAt));
	for (const kind of ['issue', 'discussion'] as const) {
		for (const who of ['team', 'community'] as const) {
			const s = r.firstResponse[kind][who];
			const subject = `${kind}.${who}`;
			for (const [metric, value] of [['eligible', s.eligible], ['responded', s.responded], ['pending', s.pending], ['medianHours', HOURS(s.median)],
				['p90Hours', HOURS(s.p90)], ['rate', s.rate], ['oldestPendingHours', HOURS(s.oldestPendingAge)]] as const) add('firstResponse', subject, metric, value);
		}
	}
	const a = r.timeToAnswer;
	for (const [metric, value] of [['answerable', a.answerable], ['answered', a.answered], ['rate', a.rate], ['medianHours', HOURS(a.median)], ['p90Hours', HOURS(a.p90)],
		['byTeam', a.byTeam], ['byCommunity', a.byCommunity], ['bySelf', a.bySelf], ['byUnknown', a.byUnknown]] as const) add('timeToAnswer', '', metric, value);
	for (const [metric, value] of [['hours', r.sla.hours], ['met', r.sla.met], ['breached', r.sla.breached], ['pending', r.sla.pending],
		['closedWithoutResponse', r.sla.closedWithoutResponse], ['percent', r.sla.percent]] as const) add('sla', '', metric, value);
	add('newContributors', '', 'count', r.newContributors.count);
	add('newContributors', '', 'unverified', r.newContributors.unverified);
	add('returning', '', 'count', r.returning);
	add('busFactor', '', 'count', r.busFactor);
	for (const p of r.waitingOverTime) {
		const day = ISO(p.day).slice(0, 10);
		add('waiting', day, 'issues', p.issues);
		add('waiting', day, 'discussions', p.discussions);
	}
	for (const x of r.responders) add('responder', x.login, 'firstTeamResponses', x.count);
	for (const p of r.people) {
		for (const metric of ['team', 'opened', 'comments', 'answersMarked', 'firstResponses', 'score', 'activeDays', 'streak'] as const) add('person', p.login, metric, p[metric]);
		add('person', p.login, 'lastActivity', p.lastActivity === null ? null : ISO(p.lastActivity));
	}
	for (const p of r.newContributors.people) add('newContributor', p.login, 'firstActivity', ISO(p.at));
	for (const p of r.rising) add('rising', p.login, 'lastActivity', ISO(p.at));
	for (const p of r.lapsedRegulars) add('lapsed', p.login, 'lastActivity', ISO(p.at));
	for (const d of r.unansweredDiscussions) add('unanswered', `${d.repo}#${d.number}`, 'title', d.title);
	return toCsv(rows);
}

// ---------------------------------------------------------------------------------------------
// Markdown

function responseLine(label: string, s: ResponseStats, o: ReportTextOptions): string {
	const { t, lang } = o;
	if (s.eligible === 0) return `- ${label}: ${t('no new items')}`;
	const median = s.median === null ? t('no data') : formatDuration(s.median, lang);
	const p90 = s.p90 === null ? '' : `, ${t('p90 {0}', formatDuration(s.p90, lang))}`;
	return `- ${label}: ${t('median {0}', median)}${p90}; ${t('{0} of {1} responded', s.responded, s.eligible)}`;
}

function responseSection(r: StatsReport, o: ReportTextOptions): string[] {
	const { t, lang } = o;
	const lines = [
		responseLine(t('First team response, issues'), r.firstResponse.issue.team, o),
		responseLine(t('First team response, discussions'), r.firstResponse.discussion.team, o),
	];
	if (r.sla.percent !== null) lines.push(`- ${t('Within SLA')}: ${formatPercent(r.sla.percent, lang)} (${t('{0} hours', r.sla.hours)})`);
	if (r.timeToAnswer.answerable > 0) {
		const median = r.timeToAnswer.median === null ? t('no data') : formatDuration(r.timeToAnswer.median, lang);
		lines.push(`- ${t('Time to answer')}: ${median}; ${t('{0} of {1} answered', r.timeToAnswer.answered, r.timeToAnswer.answerable)}`);
	}
	return lines;
}

function commentsCount(o: ReportTextOptions, n: number): string {
	return plural(o.t, o.lang, n, { one: '{0} comment', few: '{0} comments', many: '{0} comments', other: '{0} comments' });
}

/**
 * The weekly digest post (Markdown, with its title as the first heading): response times, new
 * contributors welcomed by name (profile links, no pings), the busiest discussions and the ones
 * still waiting for an answer, with titles and links.
 */
export function composeDigest(r: StatsReport, o: ReportTextOptions): string {
	const { t } = o;
	const window = formatWindowDays(r.window);
	const lines = [`# ${t('Community digest: {0}', window)}`, '', t('What happened in {0} between {1}.', escapeMarkdown(r.repos.join(', ')), window), ''];
	lines.push(`## ${t('Response times')}`, '', ...responseSection(r, o), '');
	lines.push(`## ${r.newContributors.unverified ? t('New contributors (unverified)') : t('New contributors')}`, '');
	const fresh = r.newContributors.people;
	lines.push(fresh.length > 0 ? t('A warm welcome to {0}!', fresh.map(p => personLink(o.webUrl, p.login)).join(', ')) : t('No new contributors this time.'), '');
	lines.push(`## ${t('Top discussions')}`, '');
	if (r.topDiscussions.length === 0) lines.push(t('No discussion had comments this time.'));
	else lines.push(...r.topDiscussions.slice(0, 5).map(d => `- ${threadLink(o.webUrl, d)} — ${commentsCount(o, d.comments)}`));
	lines.push('', `## ${t('Waiting for an answer')}`, '');
	if (r.unansweredDiscussions.length === 0) lines.push(t('Every discussion opened in this window has a response. Thank you, everyone!'));
	else lines.push(t('Can you help with these?'), '', ...r.unansweredDiscussions.slice(0, 10).map(d => `- ${threadLink(o.webUrl, d)} — ${t('opened {0}', ISO(d.createdAt).slice(0, 10))}`));
	return `${lines.join('\n')}\n`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
	return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(row => `| ${row.join(' | ')} |`)];
}

/** The report as a Markdown document: response times, people lists, helpers, responders and the people table. */
export function statsMarkdown(r: StatsReport, o: ReportTextOptions): string {
	const { t } = o;
	const lines = [`# ${t('Community Stats')}: ${formatWindowDays(r.window)}`, '', t('Repositories: {0}', escapeMarkdown(r.repos.join(', '))), ''];
	lines.push(`## ${t('Response times')}`, '', ...responseSection(r, o),
		`- ${t('{0} met, {1} breached, {2} pending; {3} closed without a response', r.sla.met, r.sla.breached, r.sla.pending, r.sla.closedWithoutResponse)}`,
		`- ${t('Responder bus factor')}: ${r.busFactor ?? t('no data')}`, '');
	const people = (title: string, list: readonly { login: string }[]) => {
		lines.push(`## ${title}`, '', list.length ? list.map(p => personLink(o.webUrl, p.login)).join(', ') : t('no data'), '');
	};
	people(r.newContributors.unverified ? t('New contributors (unverified)') : t('New contributors'), r.newContributors.people);
	people(t('Rising members'), r.rising);
	people(t('Lapsed regulars'), r.lapsedRegulars);
	lines.push(`## ${t('People')}`, '', ...table(
		[t('People'), t('Opened'), t('Comments'), t('Answers marked'), t('First responses'), t('Score'), t('Active days')],
		r.people.map(p => [`${personLink(o.webUrl, p.login)}${p.team ? ` (${t('team')})` : ''}`, ...[p.opened, p.comments, p.answersMarked, p.firstResponses, p.score, p.activeDays].map(String)]),
	), '');
	lines.push(`## ${t('Top discussions')}`, '', ...r.topDiscussions.map(d => `- ${threadLink(o.webUrl, d)} — ${commentsCount(o, d.comments)}`), '');
	lines.push(`## ${t('Waiting for an answer')}`, '', ...r.unansweredDiscussions.map(d => `- ${threadLink(o.webUrl, d)}`), '');
	return `${lines.join('\n')}\n`;
}
