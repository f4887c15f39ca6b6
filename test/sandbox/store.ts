/** The in-memory GitHub: records, indexes, node IDs, lazily generated bodies and read visibility. */
import { encodeNodeId, decodeNodeId, type NodeType } from './ids';
import { hash32, Rng } from './prng';
import { makeCommentBody, makeThreadBody } from './words';
import { renderMarkdown, plainText } from './markdown';
import { wholeSeconds } from './time';
import {
	CommentRec, ThreadRec,
	type CategoryRec, type LabelRec, type RepoRec, type Role, type SavedReplyRec, type ThreadKind, type UserRec,
} from './records';

/** Database ID ranges per record kind (realistic magnitudes; index = dbId - base). */
export const DB_BASE = {
	user: 1_000_000,
	repo: 700_000_000,
	issue: 2_000_000_000,
	issueComment: 2_500_000_000,
	discussion: 5_000_000,
	discussionComment: 9_000_000,
	label: 1_200_000_000,
	category: 30_000_000,
	savedReply: 100_000,
} as const;

/** Options that shape URLs in the data. */
export interface StoreOptions {
	readonly seed: number;
	/** The data's "now" in epoch ms (seeded timestamps are offsets back from it). */
	readonly nowMs: number;
	/** Base of `url`/`html_url` values; default `https://github.com`. */
	readonly webBase?: string;
	/** Base of avatar URLs; default `https://avatars.githubusercontent.com`. */
	readonly avatarBase?: string;
}

/** Counts that describe the generated data. */
export interface StoreStats {
	users: number;
	repos: number;
	issues: number;
	pullRequests: number;
	discussions: number;
	issueComments: number;
	discussionComments: number;
	replies: number;
	answered: number;
	labels: number;
}

/** Any record a node ID can point at. */
export type AnyRec = UserRec | RepoRec | ThreadRec | CommentRec | LabelRec | CategoryRec | SavedReplyRec;

const ABSENT = Symbol('absent');
type Before = object | typeof ABSENT;

const MAINTAINER_ROLES: ReadonlySet<Role> = new Set(['owner', 'member', 'collaborator']);

/** True when a role may triage (label, close, lock, minimize, mark answers). */
export function isMaintainer(user: UserRec | null): boolean {
	return user !== null && MAINTAINER_ROLES.has(user.role);
}

/** The GraphQL `CommentAuthorAssociation` of a user on the acme repositories. */
export function associationOf(user: UserRec | null): string {
	const map: Record<Role, string> = {
		owner: 'OWNER', member: 'MEMBER', collaborator: 'COLLABORATOR', contributor: 'CONTRIBUTOR',
		firstTimeContributor: 'FIRST_TIME_CONTRIBUTOR', firstTimer: 'FIRST_TIMER', none: 'NONE', bot: 'NONE',
	};
	return user ? map[user.role] : 'NONE';
}

/** The GraphQL `RepositoryPermission` of a user. */
export function permissionOf(user: UserRec): string {
	const map: Record<Role, string> = {
		owner: 'ADMIN', member: 'MAINTAIN', collaborator: 'WRITE', contributor: 'READ',
		firstTimeContributor: 'READ', firstTimer: 'READ', none: 'READ', bot: 'READ',
	};
	return map[user.role];
}

/** A deleted thread, or a comment of one. */
function isDeleted(rec: AnyRec): boolean {
	return (rec instanceof ThreadRec && rec.deletedAt > 0) || (rec instanceof CommentRec && rec.thread.deletedAt > 0);
}

function snapshot(rec: object): object {
	const copy = Object.assign(Object.create(Object.getPrototypeOf(rec) as object) as object, rec) as Record<string, unknown>;
	for (const [key, value] of Object.entries(copy)) {
		if (Array.isArray(value)) copy[key] = value.slice();
	}
	return copy;
}

/** The whole data set plus query helpers. */
export class Store {
	readonly seed: number;
	readonly nowMs: number;
	readonly webBase: string;
	readonly avatarBase: string;
	readonly users: UserRec[] = [];
	readonly repos: RepoRec[] = [];
	readonly issues: ThreadRec[] = [];
	readonly discussions: ThreadRec[] = [];
	readonly issueComments: CommentRec[] = [];
	readonly discussionComments: CommentRec[] = [];
	readonly labels: LabelRec[] = [];
	readonly categories: CategoryRec[] = [];
	readonly savedReplies: SavedReplyRec[] = [];
	private readonly usersByLogin = new Map<string, UserRec>();
	private readonly startedAt = Date.now();
	private readonly hidden = new Map<object, { until: number; before: Before }>();
	/** While set, writes record the prior state of what they touch (for `storeHideFromReads`). */
	private journal: Map<object, Before> | null = null;

	/** Creates an empty store. */
	constructor(options: StoreOptions) {
		this.seed = options.seed;
		this.nowMs = wholeSeconds(options.nowMs);
		this.webBase = options.webBase ?? 'https://github.com';
		this.avatarBase = options.avatarBase ?? 'https://avatars.githubusercontent.com';
	}

	/** The sandbox clock: the data's "now", advancing in real time, in whole seconds. */
	clock(): number {
		return wholeSeconds(this.nowMs + (Date.now() - this.startedAt));
	}

	// ----- building -------------------------------------------------------------------------

	/** Adds a user (or bot/organization). */
	addUser(login: string, name: string | null, type: UserRec['type'], role: Role, createdAt: number): UserRec {
		const user: UserRec = { dbId: DB_BASE.user + this.users.length, login, name, type, role, createdAt };
		this.users.push(user);
		this.usersByLogin.set(login.toLowerCase(), user);
		return user;
	}

	/** Adds a repository owned by `owner`. */
	addRepo(owner: UserRec, name: string, description: string, createdAt: number): RepoRec {
		const repo: RepoRec = {
			dbId: DB_BASE.repo + this.repos.length, owner, name, description, isPrivate: false, hasDiscussionsEnabled: true,
			hasIssuesEnabled: true, createdAt, labels: [], categories: [], issues: [], discussions: [], byNumber: new Map(), nextNumber: 1,
		};
		this.repos.push(repo);
		return repo;
	}

	/** Adds a label to a repository. */
	addLabel(repo: RepoRec, name: string, color: string, description: string | null, isDefault: boolean): LabelRec {
		const label: LabelRec = { dbId: DB_BASE.label + this.labels.length, repo, name, color, description, isDefault, createdAt: repo.createdAt };
		this.labels.push(label);
		repo.labels.push(label);
		this.created(label);
		return label;
	}

	/** Adds a discussion category to a repository. */
	addCategory(repo: RepoRec, c: Omit<CategoryRec, 'dbId' | 'repo' | 'createdAt'>): CategoryRec {
		const category: CategoryRec = { ...c, dbId: DB_BASE.category + this.categories.length, repo, createdAt: repo.createdAt };
		this.categories.push(category);
		repo.categories.push(category);
		return category;
	}

	/** Adds a saved reply for a user. */
	addSavedReply(user: UserRec, title: string, body: string, updatedAt: number): SavedReplyRec {
		const reply: SavedReplyRec = { dbId: DB_BASE.savedReply + this.savedReplies.length, user, title, body, updatedAt };
		this.savedReplies.push(reply);
		return reply;
	}

	/** Adds a thread with the next number of its repository; the caller fills in the rest. */
	addThread(repo: RepoRec, kind: ThreadKind): ThreadRec {
		const thread = new ThreadRec(kind, repo);
		thread.number = repo.nextNumber++;
		if (kind === 'discussion') {
			thread.dbId = DB_BASE.discussion + this.discussions.length;
			this.discussions.push(thread);
			repo.discussions.push(thread);
		} else {
			thread.dbId = DB_BASE.issue + this.issues.length;
			this.issues.push(thread);
			repo.issues.push(thread);
		}
		repo.byNumber.set(thread.number, thread);
		this.created(thread);
		return thread;
	}

	/** Adds a comment (or, with `replyTo`, a discussion reply) to a thread. */
	addComment(thread: ThreadRec, replyTo: CommentRec | null = null): CommentRec {
		const comment = new CommentRec(thread);
		const list = thread.kind === 'discussion' ? this.discussionComments : this.issueComments;
		comment.dbId = (thread.kind === 'discussion' ? DB_BASE.discussionComment : DB_BASE.issueComment) + list.length;
		list.push(comment);
		if (replyTo) {
			this.touch(replyTo);
			comment.replyTo = replyTo;
			(replyTo.replies ??= []).push(comment);
		} else {
			this.touch(thread);
			if (thread.kind === 'discussion') comment.replies = [];
			thread.comments.push(comment);
		}
		this.created(comment);
		return comment;
	}

	/** Deletes a thread: it leaves its repository (its number is not reused) and its node ID, and its comments', resolve to nothing. */
	deleteThread(thread: ThreadRec): void {
		this.touch(thread);
		thread.deletedAt = this.clock();
		this.detach(thread);
	}

	/** Moves an issue to another repository under that repository's next number; node IDs stay as they were. */
	moveThread(thread: ThreadRec, target: RepoRec): void {
		this.touch(thread);
		this.detach(thread);
		thread.idRepo ??= thread.repo;
		thread.repo = target;
		thread.number = target.nextNumber++;
		(thread.kind === 'discussion' ? target.discussions : target.issues).push(thread);
		target.byNumber.set(thread.number, thread);
	}

	private detach(thread: ThreadRec): void {
		const list = thread.kind === 'discussion' ? thread.repo.discussions : thread.repo.issues;
		const at = list.indexOf(thread);
		if (at >= 0) list.splice(at, 1);
		if (thread.repo.byNumber.get(thread.number) === thread) thread.repo.byNumber.delete(thread.number);
	}

	// ----- lookups ----------------------------------------------------------------------------

	/** A user by login (case-insensitive). */
	user(login: string): UserRec | undefined {
		return this.usersByLogin.get(login.toLowerCase());
	}

	/** A repository by owner and name (case-insensitive). */
	repo(owner: string, name: string): RepoRec | undefined {
		const o = owner.toLowerCase();
		const n = name.toLowerCase();
		return this.repos.find(r => r.owner.login.toLowerCase() === o && r.name.toLowerCase() === n);
	}

	/** A repository by `owner/name`. */
	repoByFullName(fullName: string): RepoRec | undefined {
		const [owner, name] = fullName.split('/');
		return owner && name ? this.repo(owner, name) : undefined;
	}

	/** The node ID of a record. */
	nodeId(rec: AnyRec): string {
		const { type, dbId, repo } = this.describe(rec);
		return encodeNodeId(type, dbId, repo);
	}

	private describe(rec: AnyRec): { type: NodeType; dbId: number; repo?: number } {
		if (rec instanceof ThreadRec) {
			const type = rec.kind === 'discussion' ? 'Discussion' : rec.kind === 'pr' ? 'PullRequest' : 'Issue';
			return { type, dbId: rec.dbId, repo: (rec.idRepo ?? rec.repo).dbId };
		}
		if (rec instanceof CommentRec) {
			const thread = rec.thread;
			return { type: thread.kind === 'discussion' ? 'DiscussionComment' : 'IssueComment', dbId: rec.dbId, repo: (thread.idRepo ?? thread.repo).dbId };
		}
		if ('login' in rec) return { type: rec.type, dbId: rec.dbId };
		if ('byNumber' in rec) return { type: 'Repository', dbId: rec.dbId };
		if ('isAnswerable' in rec) return { type: 'DiscussionCategory', dbId: rec.dbId, repo: rec.repo.dbId };
		if ('color' in rec) return { type: 'Label', dbId: rec.dbId, repo: rec.repo.dbId };
		return { type: 'SavedReply', dbId: rec.dbId };
	}

	/** The record a node ID points at (ignoring read visibility), with its GraphQL type. */
	byNodeId(id: string): { type: NodeType; rec: AnyRec } | null {
		const d = decodeNodeId(id);
		if (!d) return null;
		const rec = this.lookup(d.type, d.dbId);
		if (!rec || this.nodeId(rec) !== id || isDeleted(rec)) return null;
		return { type: d.type, rec };
	}

	private lookup(type: NodeType, dbId: number): AnyRec | undefined {
		switch (type) {
			case 'User': case 'Bot': case 'Organization': return this.users[dbId - DB_BASE.user];
			case 'Repository': return this.repos[dbId - DB_BASE.repo];
			case 'Issue': case 'PullRequest': return this.issues[dbId - DB_BASE.issue];
			case 'Discussion': return this.discussions[dbId - DB_BASE.discussion];
			case 'IssueComment': return this.issueComments[dbId - DB_BASE.issueComment];
			case 'DiscussionComment': return this.discussionComments[dbId - DB_BASE.discussionComment];
			case 'Label': return this.labels[dbId - DB_BASE.label];
			case 'DiscussionCategory': return this.categories[dbId - DB_BASE.category];
			case 'SavedReply': return this.savedReplies[dbId - DB_BASE.savedReply];
		}
	}

	/** A thread by node ID or by `owner/name#number`. */
	thread(ref: string): ThreadRec | undefined {
		const m = /^([^/]+)\/([^#]+)#(\d+)$/.exec(ref);
		if (m) return this.repo(m[1]!, m[2]!)?.byNumber.get(Number(m[3]));
		const found = this.byNodeId(ref);
		return found?.rec instanceof ThreadRec ? found.rec : undefined;
	}

	/**
	 * Comments on a thread (node ID, `owner/name#n` or record), counting discussion replies and
	 * including comments currently hidden from reads.
	 */
	countComments(thread: string | ThreadRec): number {
		const t = typeof thread === 'string' ? this.thread(thread) : thread;
		if (!t) throw new Error(`No thread ${String(thread)}`);
		return t.comments.reduce((n, c) => n + 1 + (c.replies?.length ?? 0), 0);
	}

	/** Counts of everything (for tests and the benchmark). */
	stats(): StoreStats {
		const live = (c: CommentRec) => c.thread.deletedAt === 0;
		const discussionComments = this.discussionComments.filter(live);
		const replies = discussionComments.filter(c => c.replyTo !== null).length;
		return {
			users: this.users.filter(u => u.type !== 'Organization').length,
			repos: this.repos.length,
			issues: this.issues.filter(t => t.kind === 'issue' && !t.deletedAt).length,
			pullRequests: this.issues.filter(t => t.kind === 'pr' && !t.deletedAt).length,
			discussions: this.discussions.filter(t => !t.deletedAt).length,
			issueComments: this.issueComments.filter(live).length,
			discussionComments: discussionComments.length - replies,
			replies,
			answered: this.discussions.filter(d => d.answer !== null && !d.deletedAt).length,
			labels: this.labels.length,
		};
	}

	// ----- bodies -------------------------------------------------------------------------------

	/** The Markdown body of a thread or comment (generated from the seed unless edited). */
	bodyOf(rec: ThreadRec | CommentRec): string {
		if (rec.bodyOverride !== null) return rec.bodyOverride;
		if (rec instanceof CommentRec) {
			if (rec.deletedAt > 0) return '';
			return makeCommentBody(new Rng(hash32(this.seed, 2, rec.dbId)));
		}
		const rng = new Rng(hash32(this.seed, 1, rec.dbId));
		const related = rec.number > 3 && rng.chance(0.2) ? rng.int(1, rec.number - 1) : 0;
		return makeThreadBody(rng, { flavor: rec.flavor, mention: rec.mention?.login ?? null, relatedNumber: related });
	}

	/** `bodyHTML` of a thread or comment. */
	bodyHtmlOf(rec: ThreadRec | CommentRec): string {
		if (rec.bodyHtmlOverride !== null) return rec.bodyHtmlOverride;
		const thread = rec instanceof CommentRec ? rec.thread : rec;
		return renderMarkdown(this.bodyOf(rec), this.webBase, `${thread.repo.owner.login}/${thread.repo.name}`);
	}

	/** `bodyText` of a thread or comment. */
	bodyTextOf(rec: ThreadRec | CommentRec): string {
		return plainText(this.bodyOf(rec));
	}

	// ----- read visibility (storeHideFromReads) ---------------------------------------------------

	/** Call before changing a record, so a journaled write can be hidden from reads. */
	touch(rec: object): void {
		if (this.journal) {
			if (!this.journal.has(rec)) this.journal.set(rec, snapshot(rec));
		} else if (this.hidden.size > 0) {
			this.hidden.delete(rec);
		}
	}

	private created(rec: object): void {
		this.journal?.set(rec, ABSENT);
	}

	/** Starts recording writes so that {@link endHiddenWrite} can hide them from reads. */
	beginHiddenWrite(): void {
		this.journal = new Map();
	}

	/** Hides every write since {@link beginHiddenWrite} from reads until `untilMs` (epoch ms, real time). */
	endHiddenWrite(untilMs: number): void {
		const journal = this.journal;
		this.journal = null;
		for (const [rec, before] of journal ?? []) this.hidden.set(rec, { until: untilMs, before });
	}

	/** The state of a record as reads currently see it, or null while its creation is hidden. */
	see<T extends object>(rec: T): T | null {
		if (this.hidden.size === 0) return rec;
		const entry = this.hidden.get(rec);
		if (!entry) return rec;
		if (entry.until <= Date.now()) {
			this.hidden.delete(rec);
			return rec;
		}
		return entry.before === ABSENT ? null : (entry.before as T);
	}

	/** A list as reads currently see it. */
	seeList<T extends object>(list: readonly T[]): T[] {
		if (this.hidden.size === 0) return list as T[];
		const out: T[] = [];
		for (const rec of list) {
			const seen = this.see(rec);
			if (seen) out.push(seen);
		}
		return out;
	}
}
