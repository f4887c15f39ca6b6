/** The `tiny` size: a handful of hand-written threads that unit tests can assert on exactly. */
import type { Store } from './store';
import type { CommentRec, RepoRec, ThreadKind, ThreadRec, UserRec } from './records';
import { addCoreUsers, addSavedReplies, addStandardRepo, categoryNamed } from './seedCommon';
import { DAY_MS, wholeSeconds } from './time';

/** One comment of a hand-written thread. */
interface CommentSpec {
	readonly by: UserRec;
	readonly daysAgo: number;
	readonly replies?: readonly CommentSpec[];
	readonly minimized?: string;
	readonly answer?: boolean;
	readonly upvotes?: number;
	readonly body?: string;
}

/** One hand-written thread. */
interface ThreadSpec {
	readonly kind: ThreadKind;
	readonly by: UserRec;
	readonly daysAgo: number;
	readonly title: string;
	readonly flavor: string;
	readonly labels?: readonly string[];
	readonly assignees?: readonly UserRec[];
	readonly closed?: { readonly daysAgo: number; readonly reason: string };
	readonly locked?: string;
	readonly category?: string;
	readonly comments?: readonly CommentSpec[];
	readonly mention?: UserRec;
	readonly upvotes?: number;
	readonly reactions?: readonly number[];
}

function at(store: Store, daysAgo: number): number {
	return wholeSeconds(store.nowMs - daysAgo * DAY_MS);
}

function addComments(store: Store, thread: ThreadRec, specs: readonly CommentSpec[], replyTo: CommentRec | null): number {
	let latest = 0;
	for (const spec of specs) {
		const c = store.addComment(thread, replyTo);
		c.author = spec.by;
		c.createdAt = c.updatedAt = at(store, spec.daysAgo);
		c.minimizedReason = spec.minimized ?? null;
		c.upvotes = spec.upvotes ?? 0;
		c.bodyOverride = spec.body ?? null;
		latest = Math.max(latest, c.createdAt, addComments(store, thread, spec.replies ?? [], c));
		if (spec.answer) {
			thread.answer = c;
			thread.answerChosenAt = c.createdAt + 3600_000;
			thread.answerChosenBy = thread.author;
		}
	}
	return latest;
}

function build(store: Store, repo: RepoRec, spec: ThreadSpec): ThreadRec {
	const t = store.addThread(repo, spec.kind);
	Object.assign(t, { author: spec.by, title: spec.title, flavor: spec.flavor, createdAt: at(store, spec.daysAgo) });
	t.labels = (spec.labels ?? []).map(name => repo.labels.find(l => l.name === name)!);
	t.assignees = [...(spec.assignees ?? [])];
	t.category = spec.category ? categoryNamed(repo, spec.category) : null;
	t.mention = spec.mention ?? null;
	t.upvotes = spec.upvotes ?? 0;
	t.reactions = spec.reactions ? [...spec.reactions] : null;
	if (spec.locked) Object.assign(t, { locked: true, lockReason: spec.locked });
	if (spec.closed) Object.assign(t, { closedAt: at(store, spec.closed.daysAgo), stateReason: spec.closed.reason });
	const latest = addComments(store, t, spec.comments ?? [], null);
	t.updatedAt = Math.max(t.createdAt, latest, t.closedAt, t.answerChosenAt);
	return t;
}

/** Fills a store with the tiny scenario (two repositories, 12 threads). */
export function seedTiny(store: Store): void {
	const { org, mona, octocat, bots } = addCoreUsers(store);
	const hubot = store.addUser('hubot', 'Hubot', 'User', 'member', store.nowMs - 2000 * DAY_MS);
	const fran = store.addUser('first-timer-fran', 'Fran', 'User', 'firstTimer', store.nowMs - 30 * DAY_MS);
	const rocket = addStandardRepo(store, org, 'rocket', 'A tiny rocket launcher');
	const docs = addStandardRepo(store, org, 'rocket-docs', 'Documentation for rocket');
	addSavedReplies(store, mona);
	const specs: ThreadSpec[] = [
		{ kind: 'issue', by: octocat, daysAgo: 60, title: 'Launcher crashes on Windows 11', flavor: 'bug', labels: ['bug'], assignees: [mona],
			comments: [{ by: mona, daysAgo: 59 }, { by: octocat, daysAgo: 58 }], reactions: [3, 0, 0, 0, 0, 1, 0, 2] },
		{ kind: 'discussion', by: fran, daysAgo: 50, title: 'How do I configure the launch profile?', flavor: 'question', category: 'Q&A', upvotes: 4,
			comments: [{ by: hubot, daysAgo: 49, answer: true, upvotes: 2, replies: [{ by: fran, daysAgo: 48 }, { by: hubot, daysAgo: 47 }] }, { by: octocat, daysAgo: 45 }] },
		{ kind: 'issue', by: fran, daysAgo: 40, title: 'Support for YAML manifest in the CLI', flavor: 'feature', labels: ['enhancement', 'wontfix'],
			closed: { daysAgo: 30, reason: 'NOT_PLANNED' }, comments: [{ by: mona, daysAgo: 31 }] },
		{ kind: 'pr', by: bots[0]!, daysAgo: 20, title: 'Bump undici from 5.0.0 to 6.0.0', flavor: 'chore', labels: ['dependencies'] },
		{ kind: 'discussion', by: octocat, daysAgo: 15, title: 'Thoughts on the CLI roadmap', flavor: 'general', category: 'General', locked: 'TOO_HEATED',
			comments: [{ by: fran, daysAgo: 14 }, { by: octocat, daysAgo: 13, minimized: 'OFF_TOPIC' }, { by: mona, daysAgo: 12 }] },
		{ kind: 'discussion', by: octocat, daysAgo: 10, title: 'Is it possible to stream telemetry data on WSL2?', flavor: 'question', category: 'Q&A',
			mention: mona, comments: [{ by: fran, daysAgo: 9, replies: [{ by: octocat, daysAgo: 8 }, { by: fran, daysAgo: 7 }] }] },
		{ kind: 'issue', by: octocat, daysAgo: 9, title: 'Docs: explain how to cache the build', flavor: 'docs', labels: ['documentation', 'good first issue'],
			closed: { daysAgo: 5, reason: 'COMPLETED' }, locked: 'RESOLVED', comments: [{ by: hubot, daysAgo: 6 }] },
		{ kind: 'discussion', by: mona, daysAgo: 7, title: 'rocket 2.0 is out', flavor: 'announcement', category: 'Announcements', reactions: [5, 0, 0, 4, 0, 2, 6, 0] },
		{ kind: 'issue', by: fran, daysAgo: 3, title: 'Error when trying to parse the config file', flavor: 'bug', mention: mona },
		{ kind: 'discussion', by: fran, daysAgo: 2, title: 'Idea: a dark mode for the dashboard', flavor: 'idea', category: 'Ideas', upvotes: 5,
			closed: { daysAgo: 1, reason: 'OUTDATED' } },
	];
	for (const spec of specs) build(store, rocket, spec);
	build(store, docs, { kind: 'issue', by: octocat, daysAgo: 12, title: 'Typo in the installer guide', flavor: 'docs', labels: ['documentation'] });
	build(store, docs, { kind: 'discussion', by: octocat, daysAgo: 4, title: 'Show and tell: docs site running on Alpine', flavor: 'showcase',
		category: 'Show and tell', comments: [{ by: mona, daysAgo: 3 }] });
}
