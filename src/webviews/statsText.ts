// The drafts the stats panel composes for a person (a thank-you, a check-in) and the digest's
// title; the exports and the digest body are src/core/statsReport.ts. vscode-free (the callers pass
// `vscode.l10n.t` and the language), so it is unit-tested in Node.
import type { Translate } from '../core/l10n';
import { peopleOf, type StatsRepoInput, type StatsReport } from '../core/stats';
import { escapeMarkdown, formatWindowDays, threadUrl } from '../core/statsReport';
import { formatDay, formatWindow, personThreads } from './statsSnapshot';

/**
 * A thank-you draft for a member: what they did in the window (answers marked, first responses,
 * comments) and up to five of their threads as links, to edit and post wherever it fits.
 */
export function thankYouMessage(r: StatsReport, login: string, inputs: readonly StatsRepoInput[], webUrl: string, t: Translate, lang: string): string {
	const people = peopleOf(r);
	const index = people.indexOf(login, true);
	const p = index >= 0 ? people.at(index) : undefined;
	const threads = personThreads(inputs, login, r.window, 5);
	const facts: string[] = [];
	if (p?.answersMarked) facts.push(t('{0} of your answers were marked as accepted', p.answersMarked));
	if (p?.firstResponses) facts.push(t('you were the first to respond on {0} threads', p.firstResponses));
	if (p?.comments) facts.push(t('you wrote {0} comments and replies', p.comments));
	const isNew = r.newContributors.people.some(x => x.login.toLowerCase() === login.toLowerCase());
	const lines = [
		isNew
			? t('Hi @{0}, welcome to the community, and thank you for your first contributions!', login)
			: t('Hi @{0}, thank you for your help in the community between {1}!', login, formatWindow(r.window, lang)),
		'',
	];
	if (facts.length > 0) lines.push(`${t('In that time {0}.', facts.join('; '))}`, '');
	if (threads.length > 0) {
		lines.push(t('A few of the threads you helped with:'), '');
		for (const th of threads) lines.push(`- [${th.repo}#${th.number} ${escapeMarkdown(th.title)}](${threadUrl(webUrl, th.repo, th.kind, th.number)})`);
		lines.push('');
	}
	lines.push(t('It makes a real difference to the people you help and to the maintainers. Thank you!'));
	return `${lines.join('\n')}\n`;
}

/** A check-in draft for a regular who has not been active for a while. */
export function checkInMessage(r: StatsReport, login: string, t: Translate, lang: string): string {
	const lapsed = r.lapsedRegulars.find(x => x.login.toLowerCase() === login.toLowerCase());
	const lines = [
		lapsed
			? t('Hi @{0}, we have not seen you around since {1} and wanted to check in.', login, formatDay(lapsed.at, lang))
			: t('Hi @{0}, we have not seen you around for a while and wanted to check in.', login),
		'',
		t('You have been a regular here, and your help has mattered. No pressure at all: if something got in the way, or if there is anything we could do to make contributing easier or more enjoyable, we would love to hear it.'),
		'',
		t('Hope all is well!'),
	];
	return `${lines.join('\n')}\n`;
}

/** The title of the weekly digest discussion, as `composeDigest` heads it ("Community digest: 2026-11-18 – 2026-11-24 (UTC)"). */
export function digestTitle(r: StatsReport, t: Translate): string {
	return t('Community digest: {0}', formatWindowDays(r.window));
}

