// What the stats panel and the "My engagement" view show, built from a StatsReport. Deliberately
// vscode-free (the adapters pass `vscode.l10n.t` and the language), so it is unit-tested in Node.
import { plural, type Translate } from '../core/l10n';
import type { IndexItemKind } from '../core/repoIndex';
import { peopleOf, type PersonEngagement, type PersonStats, type ResponseStats, type StatsRepoInput, type StatsReport, type StatsWindow } from '../core/stats';
import { formatDuration, threadUrl } from '../core/statsReport';
import type {
	EngagementRowDto, EngagementSnapshotDto, StatsCardDto, StatsChartDto, StatsPeopleDto, StatsPersonCardDto, StatsPersonDto, StatsSnapshotDto,
	StatsStrings, StatsViewDto,
} from '../shared/statsProtocol';

const HOUR = 3_600_000;

/** Number formatting in the UI language, falling back to English for an unknown tag. */
function numberFormat(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	try {
		return new Intl.NumberFormat(lang, options);
	} catch {
		return new Intl.NumberFormat('en', options);
	}
}

/** A 0–1 ratio as a percentage ("82 %" / "82%"). */
export function formatPercent(ratio: number, lang: string): string {
	return numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A count with grouping ("12 345"). */
export function formatCount(n: number, lang: string): string {
	return numberFormat(lang, { maximumFractionDigits: 1 }).format(n);
}

function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	try {
		return new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' });
	} catch {
		return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' });
	}
}

/** "27 Oct 2026 – 25 Nov 2026 (UTC)": the window's first and last day. */
export function formatWindow(window: StatsWindow, lang: string): string {
	const f = dateFormat(lang, { dateStyle: 'medium' });
	return `${f.format(window.start)} – ${f.format(window.end - 1)} (UTC)`;
}

/** A day (UTC) as a short date ("25 Nov 2026"). */
export function formatDay(ms: number, lang: string): string {
	return dateFormat(lang, { dateStyle: 'medium' }).format(ms);
}

/** The panel's strings, translated. */
export function statsStrings(t: Translate): StatsStrings {
	return {
		title: t('Community Stats'), window: t('Window'), last7: t('Last 7 days'), last30: t('Last 30 days'), last90: t('Last 90 days'),
		last365: t('Last 365 days'), custom: t('Custom…'), from: t('From'), to: t('To'), apply: t('Apply'), repo: t('Repository'), allRepos: t('All repositories'),
		refresh: t('Refresh'), exportMarkdown: t('Export as Markdown'), exportCsv: t('Export as CSV'), digest: t('Weekly Digest…'),
		showDefinitions: t('Show definitions'), hideDefinitions: t('Hide definitions'), showTable: t('Show as table'), showChart: t('Show as chart'),
		thank: t('Thank…'), checkIn: t('Check in…'), openCard: t('Show contributor card for {0}'), close: t('Close'), profile: t('Open profile on GitHub'),
		recentThreads: t('Recent threads'), noThreads: t('No threads in this window.'), loading: t('Loading…'), team: t('team'),
		definition: t('Definition'), headlines: t('Headline numbers'), charts: t('Charts'), people: t('People'),
	};
}

function noData(t: Translate): string {
	return t('no data');
}

function responseDetail(s: ResponseStats, t: Translate, lang: string): string {
	const parts: string[] = [];
	if (s.p90 !== null) parts.push(t('p90 {0}', formatDuration(s.p90, lang)));
	parts.push(t('{0} of {1} responded', s.responded, s.eligible));
	if (s.pending > 0) parts.push(t('{0} pending', s.pending));
	return parts.join(' · ');
}

function durationOr(ms: number | null, t: Translate, lang: string): string {
	return ms === null ? noData(t) : formatDuration(ms, lang);
}

/** The headline cards, each with its definition. */
export function statsCards(r: StatsReport, t: Translate, lang: string): StatsCardDto[] {
	const fr = r.firstResponse;
	const teamEligible = fr.issue.team.eligible + fr.discussion.team.eligible;
	const teamResponded = fr.issue.team.responded + fr.discussion.team.responded;
	const kindCard = (kind: IndexItemKind, label: string): StatsCardDto => ({
		id: `firstResponse-${kind}`, label, value: durationOr(fr[kind].team.median, t, lang), detail: responseDetail(fr[kind].team, t, lang),
		definition: t('Median time from opening to the first comment or reply by a team member, for items opened in the window by people outside the team (bots left out). Reactions, labels, closing and the author\'s own comments do not count; items without a response stay pending and are never imputed. Needs at least 5 responses.'),
	});
	const a = r.timeToAnswer;
	const sla = r.sla;
	return [
		kindCard('issue', t('First team response, issues')),
		kindCard('discussion', t('First team response, discussions')),
		{
			id: 'firstResponse-community', label: t('First community response'),
			value: `${durationOr(fr.issue.community.median, t, lang)} / ${durationOr(fr.discussion.community.median, t, lang)}`,
			detail: t('issues / discussions; {0} and {1} responded', fr.issue.community.responded, fr.discussion.community.responded),
			definition: t('As the team figure, but a comment or reply by any person other than the author counts (bots left out).'),
		},
		{
			id: 'sla', label: t('Within SLA'), value: sla.percent === null ? noData(t) : formatPercent(sla.percent, lang),
			detail: t('{0} met, {1} breached, {2} pending; {3} closed without a response', sla.met, sla.breached, sla.pending, sla.closedWithoutResponse),
			definition: t('Share of eligible items whose first team response came within {0} hours (the breach threshold of the triage queue). Items without a response count as breached once older than that, and as pending before; pending items are left out.', sla.hours),
		},
		{
			id: 'responseRate', label: t('Team response rate'), value: teamEligible === 0 ? noData(t) : formatPercent(teamResponded / teamEligible, lang),
			detail: t('{0} of {1} items', teamResponded, teamEligible),
			definition: t('Share of eligible issues and discussions opened in the window that have a first team response.'),
		},
		{
			id: 'timeToAnswer', label: t('Time to answer'), value: durationOr(a.median, t, lang),
			detail: a.answerable === 0 ? t('no answerable discussions') : t('{0} of {1} answered; by team {2}, community {3}, self {4}', a.answered, a.answerable, a.byTeam, a.byCommunity, a.bySelf),
			definition: t('Median time from opening to the accepted answer, for discussions in answerable (Q&A) categories opened in the window. An answer by the author counts as answered, not as team.'),
		},
		{
			id: 'newContributors', label: r.newContributors.unverified ? t('New contributors (unverified)') : t('New contributors'),
			value: r.newContributors.count === null ? noData(t) : formatCount(r.newContributors.count, lang),
			detail: r.returning === null ? '' : t('{0} returning', r.returning),
			definition: t('People outside the team whose first activity (an issue, discussion, comment or reply) falls in the window, with none before it. "Unverified" when the synced history is shorter than the lookback.'),
		},
		{
			id: 'busFactor', label: t('Responder bus factor'), value: r.busFactor === null ? noData(t) : formatCount(r.busFactor, lang),
			detail: r.responders.slice(0, 3).map(s => `${s.login} ${formatPercent(s.share, lang)}`).join(', '),
			definition: t('The smallest number of team members who gave more than half of the first team responses in the window. Needs at least 10 responded items.'),
		},
	];
}

function hours(ms: number | null): number | null {
	return ms === null ? null : Math.round((ms / HOUR) * 10) / 10;
}

/** The charts, each with its table alternative. */
export function statsCharts(r: StatsReport, t: Translate, lang: string): StatsChartDto[] {
	const dayLabel = (ms: number) => dateFormat(lang, { month: 'short', day: 'numeric' }).format(ms);
	const waiting = r.waitingOverTime;
	const last = waiting[waiting.length - 1];
	const fr = r.firstResponse;
	const groups: [string, ResponseStats][] = [
		[t('Issues, team'), fr.issue.team], [t('Discussions, team'), fr.discussion.team],
		[t('Issues, community'), fr.issue.community], [t('Discussions, community'), fr.discussion.community],
	];
	const fmt = (v: number | null) => (v === null ? noData(t) : formatCount(v, lang));
	const a = r.timeToAnswer;
	const answerBars: [string, number][] = [[t('Team'), a.byTeam], [t('Community'), a.byCommunity], [t('Self'), a.bySelf], [t('Unknown'), a.byUnknown]];
	return [
		{
			id: 'waiting', kind: 'line', title: t('Waiting for a first team response'), unit: t('items'),
			summary: last ? t('Items waiting at the end of each day; on the last day {0} issues and {1} discussions.', last.issues, last.discussions) : t('No days in this window.'),
			definition: t('Issues and discussions opened by people outside the team that were still waiting for a first team response at the end of each UTC day.'),
			labels: waiting.map(p => dayLabel(p.day)),
			series: [
				{ name: t('Issues'), colour: 'blue', values: waiting.map(p => p.issues) },
				{ name: t('Discussions'), colour: 'purple', values: waiting.map(p => p.discussions) },
			],
			table: { columns: [t('Day'), t('Issues'), t('Discussions')], rows: waiting.map(p => [formatDay(p.day, lang), formatCount(p.issues, lang), formatCount(p.discussions, lang)]) },
		},
		{
			id: 'firstResponse', kind: 'bar', title: t('First response time (hours)'), unit: t('hours'),
			summary: t('Median and 90th percentile of the first response, in hours, for issues and discussions, by team and by anyone.'),
			definition: t('Medians and 90th percentiles need at least 5 responses; a missing bar means no data, not zero.'),
			labels: groups.map(([label]) => label),
			series: [
				{ name: t('Median'), colour: 'blue', values: groups.map(([, s]) => hours(s.median)) },
				{ name: t('90th percentile'), colour: 'orange', values: groups.map(([, s]) => hours(s.p90)) },
			],
			table: {
				columns: [t('Items and responders'), t('Median (hours)'), t('90th percentile (hours)'), t('Responded'), t('Pending')],
				rows: groups.map(([label, s]) => [label, fmt(hours(s.median)), fmt(hours(s.p90)), formatCount(s.responded, lang), formatCount(s.pending, lang)]),
			},
		},
		{
			id: 'answers', kind: 'bar', title: t('Accepted answers by who wrote them'), unit: t('answers'),
			summary: t('{0} of {1} answerable discussions answered: team {2}, community {3}, self {4}.', a.answered, a.answerable, a.byTeam, a.byCommunity, a.bySelf),
			definition: t('Answers chosen for discussions in answerable categories opened in the window, by the author of the answer.'),
			labels: answerBars.map(([label]) => label),
			series: [{ name: t('Answers'), colour: 'green', values: answerBars.map(([, n]) => n) }],
			table: { columns: [t('Written by'), t('Answers')], rows: answerBars.map(([label, n]) => [label, formatCount(n, lang)]) },
		},
	];
}

/** The id a person has in the webview. */
export function personId(login: string): string {
	return `p:${login}`;
}

function person(login: string, team: boolean, cells: string[]): StatsPersonDto {
	return { id: personId(login), login, team, cells };
}

/** The leaderboard and the people lists. */
export function statsLists(r: StatsReport, t: Translate, lang: string): StatsPeopleDto[] {
	// Only the rows the lists show are built (a report builds the others on access to `people`).
	const view = peopleOf(r);
	const named = (login: string): PersonStats | undefined => {
		const k = view.indexOf(login);
		return k >= 0 ? view.at(k) : undefined;
	};
	const last = (login: string, at: number) => {
		const p = named(login);
		return [formatDay(at, lang), p ? formatCount(p.comments, lang) : '0'];
	};
	const leaders: PersonStats[] = [];
	for (let k = 0; k < view.length && leaders.length < 10; k++) {
		const p = view.at(k);
		if (p.score > 0 || p.comments > 0 || p.opened > 0) leaders.push(p);
	}
	return [
		{
			id: 'leaderboard', title: t('Leaderboard'), action: '',
			definition: t('People by engagement score: an accepted answer 8, a response on someone else\'s item 4, opening an item 3, a comment on one\'s own item 1; each month back counts 10% less, over the last 12 months, at most 3 activities per item. The other columns count the window.'),
			columns: [t('Person'), t('Score'), t('Answers marked'), t('First responses'), t('Comments'), t('Active days')],
			people: leaders.map(p => person(p.login, p.team, [formatCount(Math.round(p.score * 10) / 10, lang), formatCount(p.answersMarked, lang),
				formatCount(p.firstResponses, lang), formatCount(p.comments, lang), formatCount(p.activeDays, lang)])),
			empty: t('Nobody was active in this window.'),
		},
		{
			id: 'rising', title: t('Rising members'), action: 'thank',
			definition: t('At least 3 active days in the last 30, and at least twice their monthly average over the 90 days before.'),
			columns: [t('Person'), t('Last active'), t('Comments in window')],
			people: r.rising.map(p => person(p.login, named(p.login)?.team ?? false, last(p.login, p.at))),
			empty: t('Nobody is rising right now.'),
		},
		{
			id: 'lapsed', title: t('Lapsed regulars'), action: 'checkIn',
			definition: t('Regulars (active in at least 3 of the 6 calendar months before the reference month) with no activity in the last 60 days.'),
			columns: [t('Person'), t('Last active'), t('Comments in window')],
			people: r.lapsedRegulars.map(p => person(p.login, named(p.login)?.team ?? false, last(p.login, p.at))),
			empty: t('No regular has lapsed.'),
		},
		{
			id: 'newcomers', title: r.newContributors.unverified ? t('New contributors (unverified)') : t('New contributors'), action: 'thank',
			definition: t('First activity in the window, none before it in the synced history.'),
			columns: [t('Person'), t('First activity'), t('Comments in window')],
			people: r.newContributors.people.map(p => person(p.login, false, last(p.login, p.at))),
			empty: t('No new contributors in this window.'),
		},
	];
}

/** Every login the lists of a snapshot show, by webview id (the host acts only on these). */
export function shownPeople(lists: readonly StatsPeopleDto[]): Map<string, string> {
	return new Map(lists.flatMap(l => l.people.map(p => [p.id, p.login] as [string, string])));
}

/** One of a person's threads in the window. */
export interface PersonThread {
	readonly repo: string;
	readonly kind: IndexItemKind;
	readonly number: number;
	readonly title: string;
	/** Their latest activity on it in the window, epoch ms. */
	readonly at: number;
	readonly opened: boolean;
	readonly comments: number;
	readonly answered: boolean;
}

/**
 * The threads a person opened or commented on in the window, newest activity first (one pass over
 * each repository's comment columns; logins compared case-insensitively).
 */
export function personThreads(inputs: readonly StatsRepoInput[], login: string, window: StatsWindow, limit = 10): PersonThread[] {
	const who = login.toLowerCase();
	const found: PersonThread[] = [];
	const inWindow = (ms: number) => ms >= window.start && ms < window.end;
	for (const input of inputs) {
		const rows = new Map<number, { at: number; opened: boolean; comments: number; answered: boolean }>();
		input.items.forEach((item, i) => {
			if (item.author.toLowerCase() === who && inWindow(item.createdAt)) rows.set(i, { at: item.createdAt, opened: true, comments: 0, answered: false });
		});
		const c = input.comments;
		const codes = new Set(c.authors.flatMap((a, code) => (a.toLowerCase() === who ? [code] : [])));
		for (let row = 0; row < c.length && codes.size > 0; row++) {
			if (!codes.has(c.author[row]!) || !inWindow(c.created[row]!)) continue;
			const item = c.item[row]!;
			const entry = rows.get(item) ?? { at: 0, opened: false, comments: 0, answered: false };
			entry.at = Math.max(entry.at, c.created[row]!);
			entry.comments++;
			entry.answered ||= (c.flags[row]! & 1) === 1;
			rows.set(item, entry);
		}
		for (const [i, e] of rows) {
			const item = input.items[i];
			if (item) found.push({ repo: input.repo, kind: item.kind, number: item.number, title: item.title, ...e });
		}
	}
	return found.sort((a, b) => b.at - a.at).slice(0, limit);
}

/** The contributor card of a person. */
export function personCard(r: StatsReport, login: string, threads: readonly PersonThread[], webUrl: string, t: Translate, lang: string): StatsPersonCardDto {
	const view = peopleOf(r);
	const index = view.indexOf(login, true);
	const p: PersonStats | undefined = index >= 0 ? view.at(index) : undefined;
	const isNew = r.newContributors.people.some(x => x.login === login);
	const role = p?.team ? t('Team') : isNew ? t('Community, new contributor') : t('Community');
	const facts = p ? [
		{ label: t('Engagement score'), value: formatCount(Math.round(p.score * 10) / 10, lang) },
		{ label: t('Opened in window'), value: formatCount(p.opened, lang) },
		{ label: t('Comments in window'), value: formatCount(p.comments, lang) },
		{ label: t('Answers marked'), value: formatCount(p.answersMarked, lang) },
		{ label: t('First responses'), value: formatCount(p.firstResponses, lang) },
		{ label: t('Active days'), value: formatCount(p.activeDays, lang) },
		{ label: t('Streak'), value: formatCount(p.streak, lang) },
		{ label: t('Last active'), value: p.lastActivity === null ? noData(t) : formatDay(p.lastActivity, lang) },
	] : [];
	return {
		id: personId(login), login, role, facts,
		profileUrl: `${webUrl.replace(/\/+$/, '')}/${encodeURIComponent(login)}`,
		threads: threads.map(th => ({
			title: `${th.repo}#${th.number} ${th.title}`,
			url: threadUrl(webUrl, th.repo, th.kind, th.number),
			detail: [formatDay(th.at, lang), th.opened ? t('opened') : '', th.comments > 0 ? plural(t, lang, th.comments, { one: '{0} comment', few: '{0} comments', many: '{0} comments', other: '{0} comments' }) : '', th.answered ? t('answer marked') : '']
				.filter(Boolean).join(' · '),
		})),
	};
}

/** What {@link statsSnapshot} needs. */
export interface StatsSnapshotInput {
	readonly report: StatsReport | undefined;
	readonly view: StatsViewDto;
	readonly window: StatsWindow;
	readonly repos: readonly string[];
	readonly pending: readonly string[];
	readonly error: string;
	readonly card?: StatsPersonCardDto;
	readonly t: Translate;
	readonly lang: string;
	readonly now: number;
}

/** The whole panel state. */
export function statsSnapshot(input: StatsSnapshotInput): StatsSnapshotDto {
	const { report: r, t, lang } = input;
	const computed = r ? dateFormat(lang, { timeStyle: 'short' }).format(r.computedAt) : '';
	return {
		status: r || input.error ? 'ready' : 'loading',
		strings: statsStrings(t),
		view: input.view,
		repos: input.repos.map(repo => ({ value: repo, label: repo })),
		windowLabel: formatWindow(input.window, lang),
		note: r ? t('Computed at {0} UTC from the synced issues and discussions. Team: the communityDesk.team setting plus owners, members and collaborators; the current team applies to all history. Bots are left out.', computed) : '',
		pending: input.pending.length > 0 ? t('Still loading: {0}', input.pending.join(', ')) : '',
		error: input.error,
		cards: r ? statsCards(r, t, lang) : [],
		charts: r ? statsCharts(r, t, lang) : [],
		lists: r ? statsLists(r, t, lang) : [],
		card: input.card,
	};
}

/** The "My engagement" strings. */
export function engagementStrings(t: Translate): StatsStrings {
	return {
		title: t('My Engagement'), metric: t('Metric'), mine: t('You'), median: t('Community median'), openStats: t('Open Community Stats'),
		loading: t('Loading…'), signedOut: t('Sign in to GitHub to see your engagement.'),
	};
}

/** "My engagement": the viewer's numbers beside the community median. */
export function engagementSnapshot(e: PersonEngagement | undefined, windowLabel: string, t: Translate, lang: string): EngagementSnapshotDto {
	if (!e) return { status: 'loading', strings: engagementStrings(t), login: '', windowLabel, rows: [], streak: '', note: '' };
	const p = e.person;
	const m = e.communityMedian;
	const row = (id: keyof typeof m, label: string, definition: string): EngagementRowDto => {
		const mine = p ? p[id] : 0;
		const median = m[id];
		const top = Math.max(mine, median ?? 0);
		return {
			id, label, definition, mine: formatCount(Math.round(mine * 10) / 10, lang), median: median === null ? noData(t) : formatCount(Math.round(median * 10) / 10, lang),
			mineRatio: top > 0 ? mine / top : null, medianRatio: median === null ? null : top > 0 ? median / top : null,
		};
	};
	return {
		status: 'ready', strings: engagementStrings(t), login: e.login, windowLabel,
		rows: [
			row('comments', t('Comments and replies'), t('Comments and replies you wrote in the window.')),
			row('answersMarked', t('Answers marked'), t('Your comments accepted as the answer, chosen in the window.')),
			row('firstResponses', t('First responses'), t('Items opened in the window on which you were the first to respond.')),
			row('opened', t('Opened'), t('Issues and discussions you opened in the window.')),
			row('activeDays', t('Active days'), t('Days (UTC) with at least one activity in the window.')),
			row('score', t('Engagement score'), t('Weighted activity over the last 12 months: an accepted answer 8, a response on someone else\'s item 4, opening an item 3, a comment on your own item 1.')),
		],
		streak: p ? plural(t, lang, p.streak, { one: 'Streak: {0} day in a row', few: 'Streak: {0} days in a row', many: 'Streak: {0} days in a row', other: 'Streak: {0} days in a row' }) : t('No activity in this window.'),
		note: e.rank === null ? t('The median is over community members active in the window.') : t('Rank {0} of {1} by engagement score. The median is over community members active in the window.', e.rank, e.of),
	};
}
