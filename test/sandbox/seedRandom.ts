/** The generated sizes (`demo`, `L`): a seeded community with realistic shapes and Zipf-like authorship. */
import type { Store } from './store';
import type { CommentRec, LabelRec, RepoRec, ThreadKind, ThreadRec, UserRec } from './records';
import { Rng, ZipfSampler } from './prng';
import { makeLogin, makeName, makeTitle } from './words';
import { addCoreUsers, addSavedReplies, addStandardRepo } from './seedCommon';
import { seedSecurityCorpus } from './seedSecurity';
import { DAY_MS, wholeSeconds } from './time';

/** How one generated repository looks. */
export interface RepoProfile {
	readonly name: string;
	readonly description: string;
	readonly issues: number;
	readonly pullRequests: number;
	readonly discussions: number;
	/** Mean comments per ordinary issue (exponential). */
	readonly issueCommentMean: number;
	/** Share of issues with more than 100 comments. */
	readonly heavyIssueShare: number;
	/** Mean top-level comments per discussion. */
	readonly discussionCommentMean: number;
	/** Chance that a top-level discussion comment has replies, and the mean reply count when it does. */
	readonly replyChance: number;
	readonly replyMean: number;
	/** Share of Q&A discussions with an accepted answer. */
	readonly answeredShare: number;
	/** Weights per category, in `CATEGORIES` order (Announcements, General, Ideas, Q&A, Show and tell). */
	readonly categoryWeights: readonly number[];
}

/** How a generated size looks. */
export interface Profile {
	readonly users: number;
	readonly maintainers: number;
	readonly spanDays: number;
	readonly repos: readonly RepoProfile[];
}

/** The `demo` size: two lively repositories, a few hundred threads. */
export const DEMO_PROFILE: Profile = {
	users: 160, maintainers: 6, spanDays: 540,
	repos: [
		{ name: 'rocket', description: 'A friendly rocket launcher for your terminal', issues: 170, pullRequests: 14, discussions: 110,
			issueCommentMean: 4, heavyIssueShare: 0.006, discussionCommentMean: 3.5, replyChance: 0.35, replyMean: 1.8, answeredShare: 0.65,
			categoryWeights: [0.06, 0.2, 0.2, 0.42, 0.12] },
		{ name: 'rocket-docs', description: 'Documentation site for rocket', issues: 55, pullRequests: 6, discussions: 35,
			issueCommentMean: 2.5, heavyIssueShare: 0, discussionCommentMean: 2.5, replyChance: 0.3, replyMean: 1.5, answeredShare: 0.6,
			categoryWeights: [0.1, 0.25, 0.15, 0.35, 0.15] },
	],
};

/** The `L` size (benchmark): 10k issues, 3k discussions, ~200k comments and replies, 8k users. */
export const L_PROFILE: Profile = {
	users: 8000, maintainers: 25, spanDays: 540,
	repos: [
		{ name: 'rocket', description: 'A friendly rocket launcher for your terminal', issues: 10_000, pullRequests: 200, discussions: 3000,
			issueCommentMean: 12.6, heavyIssueShare: 0.01, discussionCommentMean: 10.5, replyChance: 0.3, replyMean: 2.7, answeredShare: 0.73,
			categoryWeights: [0.05, 0.15, 0.15, 0.55, 0.1] },
	],
};

/** The people threads and comments are drawn from. */
interface Cast {
	readonly mona: UserRec;
	readonly maintainers: readonly UserRec[];
	readonly bots: readonly UserRec[];
	readonly community: readonly UserRec[];
	readonly zipf: ZipfSampler;
}

function makeCast(store: Store, rng: Rng, profile: Profile): Cast {
	const { mona, octocat, bots } = addCoreUsers(store);
	const created = () => wholeSeconds(store.nowMs - rng.int(30, 3000) * DAY_MS);
	const maintainers = [mona, store.addUser('hubot', 'Hubot', 'User', 'member', created())];
	while (maintainers.length < profile.maintainers) {
		const role = maintainers.length % 3 === 0 ? 'collaborator' : 'member';
		maintainers.push(store.addUser(makeLogin(rng, store.users.length), makeName(rng), 'User', role, created()));
	}
	const community: UserRec[] = [];
	const count = profile.users - maintainers.length - bots.length - 1;
	for (let i = 0; i < count; i++) {
		if (i === 2) community.push(octocat);
		const share = i / count;
		const role = share < 0.25 ? 'contributor' : rng.weighted(['firstTimeContributor', 'firstTimer', 'none'] as const, [0.2, 0.2, 0.6]);
		community.push(store.addUser(makeLogin(rng, store.users.length), rng.chance(0.7) ? makeName(rng) : null, 'User', role, created()));
	}
	return { mona, maintainers, bots, community, zipf: new ZipfSampler(community.length) };
}

function communityUser(rng: Rng, cast: Cast): UserRec {
	return cast.community[cast.zipf.sample(rng)]!;
}

function maintainer(rng: Rng, cast: Cast): UserRec {
	return rng.chance(0.35) ? cast.mona : rng.pick(cast.maintainers);
}

/** A planned thread before numbering (numbers follow creation time, shared by issues and discussions). */
interface Plan {
	readonly kind: ThreadKind;
	readonly createdAt: number;
}

function planThreads(rng: Rng, store: Store, p: RepoProfile, spanDays: number): Plan[] {
	const plans: Plan[] = [];
	const add = (kind: ThreadKind, n: number) => {
		for (let i = 0; i < n; i++) {
			const age = spanDays * DAY_MS * Math.pow(rng.next(), 1.4);
			plans.push({ kind, createdAt: wholeSeconds(store.nowMs - age - 3600_000) });
		}
	};
	add('issue', p.issues);
	add('pr', p.pullRequests);
	add('discussion', p.discussions);
	return plans.sort((a, b) => a.createdAt - b.createdAt);
}

/** Sorted comment times after `start`, front-loaded, never after `now`. */
function commentTimes(rng: Rng, start: number, count: number, now: number): number[] {
	const windowMs = Math.max(60_000, Math.min(now - start - 60_000, 90 * DAY_MS));
	const times: number[] = [];
	for (let i = 0; i < count; i++) times.push(wholeSeconds(start + 60_000 + windowMs * rng.next() * rng.next()));
	return times.sort((a, b) => a - b);
}

function reactions(rng: Rng): number[] {
	const counts = [0, 0, 0, 0, 0, 0, 0, 0];
	const kinds = rng.int(1, 3);
	for (let i = 0; i < kinds; i++) counts[rng.weighted([0, 1, 2, 3, 4, 5, 6, 7], [10, 1, 2, 2, 1, 4, 3, 2])]! += 1 + rng.expInt(3);
	return counts;
}

/** Builds every thread of one repository. */
class RepoSeeder {
	private readonly labels: Map<string, LabelRec>;
	private readonly now: number;

	constructor(
		private readonly store: Store,
		private readonly rng: Rng,
		private readonly cast: Cast,
		private readonly repo: RepoRec,
		private readonly profile: RepoProfile,
	) {
		this.labels = new Map(repo.labels.map(l => [l.name, l]));
		this.now = store.nowMs;
	}

	run(spanDays: number): void {
		for (const plan of planThreads(this.rng, this.store, this.profile, spanDays)) {
			const t = this.store.addThread(this.repo, plan.kind);
			t.createdAt = plan.createdAt;
			if (plan.kind === 'discussion') this.discussion(t);
			else this.issue(t, spanDays);
			this.finish(t);
		}
	}

	private finish(t: ThreadRec): void {
		const rng = this.rng;
		if (rng.chance(0.1)) t.mention = rng.chance(0.4) ? this.cast.mona : communityUser(rng, this.cast);
		if (rng.chance(0.3)) t.reactions = reactions(rng);
		if (rng.chance(0.08)) t.lastEditedAt = inPast(t.createdAt + rng.next() * 5 * DAY_MS, this.now, t.createdAt, t.dbId);
		t.title = makeTitle(rng, t.flavor);
		let latest = Math.max(t.createdAt, t.closedAt, t.lastEditedAt, t.answerChosenAt);
		for (const c of t.comments) {
			latest = Math.max(latest, c.updatedAt);
			for (const r of c.replies ?? []) latest = Math.max(latest, r.updatedAt);
		}
		t.updatedAt = latest;
	}

	private issue(t: ThreadRec, spanDays: number): void {
		const rng = this.rng;
		const isPr = t.kind === 'pr';
		const byBot = isPr ? rng.chance(0.4) : rng.chance(0.02);
		t.author = byBot ? rng.pick(this.cast.bots) : rng.chance(0.08) ? maintainer(rng, this.cast) : communityUser(rng, this.cast);
		t.flavor = byBot ? 'chore' : rng.weighted(['bug', 'feature', 'docs', 'question'], [0.45, 0.3, 0.1, 0.15]);
		const heavy = !isPr && rng.chance(this.profile.heavyIssueShare);
		const count = heavy ? 101 + Math.min(500, rng.expInt(150)) : Math.min(100, rng.expInt(this.profile.issueCommentMean));
		const hasMaintainerReply = this.issueComments(t, count);
		const age = (this.now - t.createdAt) / (spanDays * DAY_MS);
		if (rng.chance(isPr ? 0.85 : 0.2 + 0.65 * age)) this.close(t, isPr ? null : rng.weighted(['COMPLETED', 'NOT_PLANNED', 'DUPLICATE'], [0.7, 0.25, 0.05]));
		else if (rng.chance(0.03)) t.stateReason = 'REOPENED';
		if (rng.chance(0.015)) this.lock(t, ['OFF_TOPIC', 'TOO_HEATED', 'RESOLVED', 'SPAM']);
		this.issueLabels(t, hasMaintainerReply);
		if (!isPr && hasMaintainerReply && rng.chance(0.35)) {
			t.assignees = [maintainer(rng, this.cast)];
			if (rng.chance(0.12)) t.assignees.push(rng.pick(this.cast.maintainers.filter(m => m !== t.assignees[0])));
		}
	}

	private issueComments(t: ThreadRec, count: number): boolean {
		const rng = this.rng;
		let maintainerReplied = false;
		commentTimes(rng, t.createdAt, count, this.now).forEach((time, i) => {
			const c = this.store.addComment(t);
			const who = i === 0 ? rng.weighted(['m', 'c'], [0.55, 0.45]) : rng.weighted(['a', 'm', 'c'], [0.25, 0.3, 0.45]);
			c.author = who === 'm' ? maintainer(rng, this.cast) : who === 'a' ? t.author : communityUser(rng, this.cast);
			maintainerReplied ||= who === 'm';
			this.commentExtras(c, time);
		});
		return maintainerReplied;
	}

	private commentExtras(c: CommentRec, time: number): void {
		const rng = this.rng;
		c.createdAt = c.updatedAt = time;
		if (rng.chance(0.04)) c.lastEditedAt = c.updatedAt = inPast(time + rng.next() * DAY_MS, this.now, time, c.dbId);
		if (rng.chance(0.008)) c.minimizedReason = rng.pick(['SPAM', 'OFF_TOPIC', 'OUTDATED', 'RESOLVED', 'DUPLICATE', 'ABUSE']);
		if (rng.chance(0.08)) c.reactions = reactions(rng);
	}

	private issueLabels(t: ThreadRec, triaged: boolean): void {
		const rng = this.rng;
		const names: string[] = [];
		const main: Record<string, string> = { bug: 'bug', feature: 'enhancement', docs: 'documentation', question: 'question', chore: 'dependencies' };
		if (rng.chance(0.85)) names.push(main[t.flavor]!);
		if (t.kind === 'issue') {
			if (rng.chance(0.08)) names.push('good first issue');
			if (rng.chance(0.08)) names.push('help wanted');
			if (rng.chance(0.1)) names.push('priority: high');
			if (rng.chance(0.3)) names.push(rng.pick(['area: cli', 'area: api']));
			if (t.stateReason === 'DUPLICATE') names.push('duplicate');
			if (t.stateReason === 'NOT_PLANNED' && rng.chance(0.5)) names.push(rng.pick(['wontfix', 'invalid']));
			if (!t.closed && !triaged && rng.chance(0.7)) names.push('needs triage');
		}
		t.labels = [...new Set(names)].map(n => this.labels.get(n)!);
	}

	private close(t: ThreadRec, reason: string | null): void {
		const last = t.comments.length ? t.comments[t.comments.length - 1]!.createdAt : t.createdAt;
		t.closedAt = inPast(last + 60_000 + this.rng.expInt(3 * DAY_MS), this.now - 1000, last, t.dbId);
		t.stateReason = reason;
	}

	private lock(t: ThreadRec, reasons: readonly string[]): void {
		t.locked = true;
		t.lockReason = this.rng.chance(0.85) ? this.rng.pick(reasons) : null;
	}

	private discussion(t: ThreadRec): void {
		const rng = this.rng;
		t.category = rng.weighted(this.repo.categories, this.profile.categoryWeights);
		const flavors: Record<string, string> = { Announcements: 'announcement', General: 'general', Ideas: 'idea', 'Q&A': 'question', 'Show and tell': 'showcase' };
		t.flavor = flavors[t.category.name] ?? 'general';
		t.author = t.flavor === 'announcement' ? maintainer(rng, this.cast) : rng.chance(0.05) ? maintainer(rng, this.cast) : communityUser(rng, this.cast);
		t.upvotes = rng.expInt(t.flavor === 'idea' ? 8 : 3);
		const answered = t.category.isAnswerable && rng.chance(this.profile.answeredShare);
		const count = Math.max(answered ? 1 : 0, rng.expInt(this.profile.discussionCommentMean));
		this.discussionComments(t, count);
		if (answered) this.answer(t);
		if (rng.chance(t.flavor === 'announcement' ? 0.3 : 0.12)) this.close(t, rng.weighted(['RESOLVED', 'OUTDATED', 'DUPLICATE'], [0.5, 0.35, 0.15]));
		if (rng.chance(0.02)) this.lock(t, ['OFF_TOPIC', 'TOO_HEATED', 'RESOLVED', 'SPAM']);
		if (rng.chance(0.1)) t.labels = [this.labels.get(rng.pick(['question', 'enhancement', 'documentation', 'bug']))!];
	}

	private discussionComments(t: ThreadRec, count: number): void {
		const rng = this.rng;
		for (const time of commentTimes(rng, t.createdAt, count, this.now)) {
			const c = this.store.addComment(t);
			c.author = rng.chance(0.3) ? maintainer(rng, this.cast) : rng.chance(0.2) ? t.author : communityUser(rng, this.cast);
			this.commentExtras(c, time);
			if (rng.chance(0.15)) c.upvotes = 1 + rng.expInt(2);
			if (rng.chance(this.profile.replyChance)) this.replies(t, c);
		}
	}

	private replies(t: ThreadRec, parent: CommentRec): void {
		const rng = this.rng;
		const n = 1 + rng.expInt(this.profile.replyMean - 1);
		for (const time of commentTimes(rng, parent.createdAt, n, this.now)) {
			const r = this.store.addComment(t, parent);
			r.author = rng.chance(0.35) ? t.author : rng.chance(0.4) ? maintainer(rng, this.cast) : communityUser(rng, this.cast);
			this.commentExtras(r, time);
		}
		if (rng.chance(0.01)) {
			parent.deletedAt = wholeSeconds(Math.min(this.now, parent.createdAt + DAY_MS));
			parent.minimizedReason = null;
		}
	}

	private answer(t: ThreadRec): void {
		const rng = this.rng;
		const candidates = t.comments.filter(c => c.author !== t.author && c.deletedAt === 0);
		const answer = candidates.length ? rng.pick(candidates) : t.comments[0]!;
		t.answer = answer;
		t.answerChosenBy = rng.chance(0.75) ? t.author : maintainer(rng, this.cast);
		t.answerChosenAt = inPast(answer.createdAt + 60_000 + rng.expInt(DAY_MS), this.now - 1000, answer.createdAt, t.dbId);
	}
}

/** Fills a store from a profile; the same seed and `now` always give the same data. */
export function seedRandom(store: Store, profile: Profile): void {
	const rng = new Rng(store.seed);
	const cast = makeCast(store, rng, profile);
	addSavedReplies(store, cast.mona);
	for (const p of profile.repos) {
		const repo = addStandardRepo(store, store.user('acme')!, p.name, p.description);
		new RepoSeeder(store, rng, cast, repo, p).run(profile.spanDays);
		// After everything random, so the seeded data stays the same with or without it.
		if (repo.name === 'rocket-docs') seedSecurityCorpus(store, repo, cast.mona);
	}
}

/**
 * A time that would fall after `cap` (the data's "now") is moved to a spread-out second between
 * `floor` and `cap` instead of piling up on `cap`: real repositories do not have dozens of items
 * updated in the very same second, and a pile-up there would distort the incremental sync. The
 * spread comes from the record's id, so it draws nothing from the seed's random sequence.
 */
function inPast(time: number, cap: number, floor: number, salt: number): number {
	if (time <= cap) return wholeSeconds(time);
	const span = Math.max(1, Math.floor((cap - floor) / 1000));
	return wholeSeconds(cap - ((Math.imul(salt, 2_654_435_761) >>> 0) % span) * 1000);
}
