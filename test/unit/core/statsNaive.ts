import type { AuthorAssociation } from '../../../src/core/model';
import type { CommentEvent, IndexedItem, RepoIndex } from '../../../src/core/repoIndex';
import type { PersonStats, ResponseStats, StatsOptions } from '../../../src/core/stats';

// A slow, direct reading of community-metrics.md §6 over decoded comments, for the randomized
// cross-check of computeStats. Deliberately shares no code with src/core/stats.ts.

const DAY = 86_400_000;
const TEAM_ASSOC: readonly AuthorAssociation[] = ['OWNER', 'MEMBER', 'COLLABORATOR'];

interface Activity { login: string; at: number; weight: number; itemKey: string }

const monthOf = (ms: number) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth();
const dayOf = (ms: number) => Math.floor(ms / DAY);

function median(values: number[]): number | null {
	if (!values.length) return null;
	const s = [...values].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function responseStats(entries: { created: number; response: number | undefined; closed: boolean }[], now: number): ResponseStats {
	const times = entries.filter(e => e.response !== undefined).map(e => Math.max(0, e.response! - e.created)).sort((a, b) => a - b);
	const pending = entries.filter(e => e.response === undefined && !e.closed);
	const enough = times.length >= 5;
	return {
		eligible: entries.length, responded: times.length, pending: pending.length,
		median: enough ? median(times) : null, p90: enough ? times[Math.ceil(0.9 * times.length) - 1]! : null,
		rate: entries.length ? times.length / entries.length : null,
		oldestPendingAge: pending.length ? Math.max(...pending.map(e => now - e.created)) : null,
	};
}

/** The report fields the cross-check compares, computed the slow way. */
export function naiveStats(inputs: { repo: string; index: RepoIndex; historyStart?: number }[], o: StatsOptions) {
	const { start, end } = o.window;
	const now = o.now;
	const ref = Math.min(now, end);
	const refDay = dayOf(ref - 1);
	const fromDay = Math.min(dayOf(start), refDay - 119);
	const lower = (l?: readonly string[]) => new Set((l ?? []).map(x => x.toLowerCase()));
	const team = lower(o.team), notTeam = lower(o.notTeam), bots = lower(o.bots);
	const isBot = (l: string) => l.endsWith('[bot]') || bots.has(l.toLowerCase());
	const isGhost = (l: string) => l === 'ghost';
	const isTeam = (l: string, a: AuthorAssociation) => !isBot(l) && !isGhost(l) && (team.has(l.toLowerCase()) || (!notTeam.has(l.toLowerCase()) && TEAM_ASSOC.includes(a)));
	const dropped = (c: CommentEvent) => c.minimized && ['spam', 'abuse', 'off-topic'].includes(c.minimizedReason ?? '');
	const w = { acceptedAnswer: 8, response: 4, opened: 3, ownComment: 1, ...o.weights };
	const sla = (o.slaHours ?? 48) * 3_600_000;
	const lookback = o.lookbackDays === undefined ? Infinity : Math.max(365, o.lookbackDays) * DAY;
	const limit = o.listLimit ?? 10;
	const inWin = (t: number) => t >= start && t < end;

	const acts: Activity[] = [];
	const teamPeople = new Set<string>([...team].length ? [] : []);
	const fr = { issue: { team: [] as never[], community: [] as never[] }, discussion: { team: [] as never[], community: [] as never[] } } as Record<string, Record<string, { created: number; response: number | undefined; closed: boolean }[]>>;
	const answers = { answerable: 0, answered: 0, times: [] as number[], byTeam: 0, byCommunity: 0, bySelf: 0, byUnknown: 0 };
	const slaCounts = { met: 0, breached: 0, pending: 0, closedWithoutResponse: 0 };
	const firstResp = new Map<string, number>(), teamFirst = new Map<string, number>(), answersMarked = new Map<string, number>(), helperAnswers = new Map<string, number>();
	const helped = new Map<string, Set<string>>();
	const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
	let windowEvents = 0;
	const waitingItems: { kind: string; created: number; stop: number }[] = [];
	const active: { repo: string; item: IndexedItem; count: number }[] = [];
	const unanswered: { repo: string; item: IndexedItem; count: number }[] = [];

	for (const { repo, index } of inputs) {
		for (const it of index.items()) {
			const key = `${repo}#${it.id}`;
			const comments = index.commentsOf(it.id);
			const human = comments.filter(c => !isBot(c.author) && !dropped(c));
			const authorTeam = isTeam(it.author, it.association);
			if (!isBot(it.author) && !isGhost(it.author)) {
				acts.push({ login: it.author, at: it.createdAt, weight: w.opened, itemKey: key });
				if (authorTeam) teamPeople.add(it.author);
			}
			for (const c of human) {
				if (isGhost(c.author)) continue;
				const self = c.author === it.author;
				acts.push({ login: c.author, at: c.createdAt, weight: self ? w.ownComment : c.isAnswer ? w.acceptedAnswer : w.response, itemKey: key });
				if (isTeam(c.author, c.association)) teamPeople.add(c.author);
				if (inWin(c.createdAt) && !self) {
					if (!helped.has(c.author)) helped.set(c.author, new Set());
					helped.get(c.author)!.add(key);
				}
			}
			const windowComments = human.filter(c => inWin(c.createdAt)).length;
			windowEvents += windowComments + (!isBot(it.author) && inWin(it.createdAt) ? 1 : 0);
			const answer = human.filter(c => c.isAnswer).pop();
			if (answer && !isBot(answer.author) && !isGhost(answer.author)) {
				const at = it.answerChosenAt ?? answer.createdAt;
				if (inWin(at)) {
					inc(answersMarked, answer.author);
					if (answer.author !== it.author) inc(helperAnswers, answer.author);
				}
			}
			if (isBot(it.author) || (authorTeam && !o.includeTeamItems)) continue;
			const responses = human.filter(c => c.author !== it.author);
			const firstAny = responses.reduce<CommentEvent | undefined>((a, c) => (!a || c.createdAt < a.createdAt ? c : a), undefined);
			const firstTeam = responses.filter(c => isTeam(c.author, c.association)).reduce<CommentEvent | undefined>((a, c) => (!a || c.createdAt < a.createdAt ? c : a), undefined);
			waitingItems.push({ kind: it.kind, created: it.createdAt, stop: Math.min(firstTeam?.createdAt ?? Infinity, it.closed ? (it.closedAt ?? it.updatedAt) : Infinity) });
			if (it.kind === 'discussion' && windowComments > 0) active.push({ repo, item: it, count: windowComments });
			if (!inWin(it.createdAt)) continue;
			fr[it.kind]!.team!.push({ created: it.createdAt, response: firstTeam?.createdAt, closed: it.closed });
			fr[it.kind]!.community!.push({ created: it.createdAt, response: firstAny?.createdAt, closed: it.closed });
			if (firstAny && !isGhost(firstAny.author)) inc(firstResp, firstAny.author);
			if (firstTeam) inc(teamFirst, firstTeam.author);
			if (firstTeam) {
				if (firstTeam.createdAt - it.createdAt <= sla) slaCounts.met++; else slaCounts.breached++;
			} else if (it.closed) slaCounts.closedWithoutResponse++;
			else if (now - it.createdAt > sla) slaCounts.breached++;
			else slaCounts.pending++;
			if (it.kind !== 'discussion') continue;
			if (it.isAnswered !== undefined) {
				answers.answerable++;
				if (it.isAnswered) {
					answers.answered++;
					const chosen = it.answerChosenAt ?? answer?.createdAt;
					if (chosen !== undefined) answers.times.push(Math.max(0, chosen - it.createdAt));
					if (!answer || isBot(answer.author)) answers.byUnknown++;
					else if (answer.author === it.author) answers.bySelf++;
					else if (isTeam(answer.author, answer.association)) answers.byTeam++;
					else answers.byCommunity++;
				}
			}
			const isUnanswered = it.isAnswered === undefined ? !firstAny : !it.isAnswered;
			if (!it.closed && isUnanswered) unanswered.push({ repo, item: it, count: windowComments });
		}
	}

	// People.
	const logins = [...new Set(acts.map(a => a.login))];
	const refMonth = monthOf(dayOf(ref - 1) * DAY);
	const lapseRef = Date.UTC(Math.floor(refMonth / 12), refMonth % 12, 1);
	const regFirst = monthOf(lapseRef - 60 * DAY) - 6;
	const people: (PersonStats & { firstIn: number; lastBefore: number; lastRef: number; c30: number; c90: number; months: number })[] = [];
	for (const login of logins) {
		const mine = acts.filter(a => a.login === login);
		const isTeamPerson = teamPeople.has(login) || team.has(login.toLowerCase());
		const inWindow = mine.filter(a => inWin(a.at));
		const beforeRef = mine.filter(a => a.at < ref);
		const days = new Set(beforeRef.filter(a => dayOf(a.at) >= fromDay).map(a => dayOf(a.at)));
		let score = 0;
		const perItem = new Map<string, number>();
		for (const a of beforeRef) {
			const d = dayOf(a.at);
			if (d <= refDay - 365 || d > refDay) continue;
			const n = perItem.get(a.itemKey) ?? 0;
			if (n >= 3) continue;
			perItem.set(a.itemKey, n + 1);
			score += a.weight * 0.9 ** (refMonth - monthOf(a.at));
		}
		const firstIn = Math.min(...inWindow.map(a => a.at));
		if (!inWindow.length && score === 0 && !firstResp.get(login) && !teamFirst.get(login) && !answersMarked.get(login)) continue;
		let d0 = refDay;
		if (!days.has(d0)) d0--;
		let streak = 0;
		while (d0 - streak >= fromDay && days.has(d0 - streak)) streak++;
		const countDays = (a: number, b: number) => [...days].filter(d => d >= a && d <= b).length;
		people.push({
			login, team: isTeamPerson,
			opened: inputs.reduce((n, { index }) => n + index.items().filter(i => i.author === login && inWin(i.createdAt)).length, 0),
			comments: inWindow.length - inputs.reduce((n, { index }) => n + index.items().filter(i => i.author === login && inWin(i.createdAt)).length, 0),
			answersMarked: answersMarked.get(login) ?? 0, firstResponses: firstResp.get(login) ?? 0,
			score: Math.round(score * 100) / 100,
			activeDays: new Set(inWindow.filter(a => a.at < ref).map(a => dayOf(a.at))).size,
			lastActivity: beforeRef.length ? Math.max(...beforeRef.map(a => a.at)) : null, streak,
			firstIn, lastBefore: Math.max(...mine.filter(a => a.at < start).map(a => a.at)),
			lastRef: beforeRef.length ? Math.max(...beforeRef.map(a => a.at)) : -Infinity,
			c30: countDays(refDay - 29, refDay), c90: countDays(refDay - 119, refDay - 30),
			months: new Set(beforeRef.map(a => monthOf(a.at)).filter(m => m >= regFirst && m < regFirst + 6)).size,
		});
	}
	const community = people.filter(p => !p.team && p.firstIn < Infinity);
	const fresh = community.filter(p => p.lastBefore === -Infinity || p.lastBefore < start - lookback);
	const empty = windowEvents === 0;
	const teamResponded = [...teamFirst.values()].reduce((a, b) => a + b, 0);
	const responders = [...teamFirst].map(([login, count]) => ({ login, count, share: count / teamResponded }))
		.sort((a, b) => b.count - a.count || (a.login < b.login ? -1 : 1));
	let busFactor: number | null = null;
	if (teamResponded >= 10) {
		let sum = 0;
		for (let k = 0; k < responders.length; k++) { sum += responders[k]!.count; if (sum * 2 > teamResponded) { busFactor = k + 1; break; } }
	}
	const helpers = people.map(p => ({ team: p.team, row: { login: p.login, answersMarked: helperAnswers.get(p.login) ?? 0, itemsHelped: helped.get(p.login)?.size ?? 0, firstResponses: p.firstResponses } }))
		.filter(h => h.row.answersMarked > 0 || h.row.itemsHelped >= 2 || h.row.firstResponses > 0)
		.sort((a, b) => b.row.answersMarked - a.row.answersMarked || b.row.itemsHelped - a.row.itemsHelped || b.row.firstResponses - a.row.firstResponses || (a.row.login < b.row.login ? -1 : 1));
	const nPoints = Math.max(0, Math.round((Math.min(end, (dayOf(now) + 1) * DAY) - start) / DAY));
	const waiting = Array.from({ length: nPoints }, (_, k) => {
		const e = Math.min(start + (k + 1) * DAY, now);
		const at = waitingItems.filter(i => i.created <= e && e < i.stop);
		return { day: start + k * DAY, issues: at.filter(i => i.kind === 'issue').length, discussions: at.filter(i => i.kind === 'discussion').length };
	});
	const byAtDesc = (a: { at: number; login: string }, b: { at: number; login: string }) => b.at - a.at || (a.login < b.login ? -1 : 1);
	const med = (key: 'opened' | 'comments' | 'answersMarked' | 'firstResponses' | 'score' | 'activeDays') => median(community.map(p => p[key]));
	return {
		empty,
		firstResponse: Object.fromEntries(['issue', 'discussion'].map(k => [k, { team: responseStats(fr[k]!.team!, now), community: responseStats(fr[k]!.community!, now) }])),
		timeToAnswer: {
			answerable: answers.answerable, answered: answers.answered, rate: answers.answerable ? answers.answered / answers.answerable : null,
			...(answers.times.length >= 5 ? { median: median(answers.times), p90: [...answers.times].sort((a, b) => a - b)[Math.ceil(0.9 * answers.times.length) - 1]! } : { median: null, p90: null }),
			byTeam: answers.byTeam, byCommunity: answers.byCommunity, bySelf: answers.bySelf, byUnknown: answers.byUnknown,
		},
		sla: { hours: sla / 3_600_000, ...slaCounts, percent: slaCounts.met + slaCounts.breached ? slaCounts.met / (slaCounts.met + slaCounts.breached) : null },
		waitingOverTime: waiting,
		newContributors: {
			count: empty ? null : fresh.length,
			people: fresh.map(p => ({ login: p.login, at: p.firstIn })).sort((a, b) => a.at - b.at || (a.login < b.login ? -1 : 1)),
			unverified: inputs.some(i => i.historyStart !== undefined && i.historyStart > start - lookback),
		},
		returning: empty ? null : community.length - fresh.length,
		lapsedRegulars: people.filter(p => !p.team && p.months >= 3 && p.lastRef < lapseRef - 60 * DAY).map(p => ({ login: p.login, at: p.lastRef })).sort(byAtDesc),
		rising: people.filter(p => !p.team && p.c30 >= 3 && p.c30 >= (2 * p.c90) / 3).map(p => ({ login: p.login, at: p.lastRef })).sort(byAtDesc),
		topHelpers: { team: helpers.filter(h => h.team).slice(0, limit).map(h => h.row), community: helpers.filter(h => !h.team).slice(0, limit).map(h => h.row) },
		responders, busFactor,
		people: people.map(({ firstIn: _a, lastBefore: _b, lastRef: _c, c30: _d, c90: _e, months: _f, ...row }) => row),
		communityMedian: { opened: med('opened'), comments: med('comments'), answersMarked: med('answersMarked'), firstResponses: med('firstResponses'), score: med('score'), activeDays: med('activeDays') },
		topDiscussions: active.sort((a, b) => b.count - a.count || a.item.createdAt - b.item.createdAt).slice(0, limit).map(x => ({ repo: x.repo, number: x.item.number })),
		unansweredDiscussions: unanswered.sort((a, b) => a.item.createdAt - b.item.createdAt).slice(0, limit).map(x => ({ repo: x.repo, number: x.item.number })),
	};
}
