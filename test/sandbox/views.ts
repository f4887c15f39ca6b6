/** Resolver views for actors, repositories, labels, categories, saved replies and reactions. */
import { keysetConnection, listConnection, sortByKey, type ConnectionValue, type PageArgs } from './connection';
import { SandboxError } from './errors';
import { hash32 } from './prng';
import { filterDiscussions, filterIssues, threadKey } from './queries';
import { CommentRec, REACTIONS, ThreadRec, type CategoryRec, type LabelRec, type RepoRec, type SavedReplyRec, type UserRec } from './records';
import { permissionOf, type AnyRec } from './store';
import { iso } from './time';
import { View, avatarUrl, profileUrl, repoUrl, type GqlContext } from './viewBase';
import { DiscussionView, IssueView, PullRequestView, threadView, commentView } from './viewThreads';
import { renderMarkdown } from './markdown';

/** A `User`, `Bot` or `Organization`. */
export class ActorView extends View {
	constructor(c: GqlContext, readonly _u: UserRec) {
		super(c);
	}
	get __typename(): string { return this._u.type; }
	get id(): string { return this._store.nodeId(this._u); }
	get databaseId(): number { return this._u.dbId; }
	get login(): string { return this._u.login; }
	get name(): string | null { return this._u.name; }
	avatarUrl(args: { size?: number | null }): string { return avatarUrl(this._store, this._u, args.size); }
	get url(): string { return profileUrl(this._store, this._u); }
	get resourcePath(): string { return new URL(this.url).pathname; }
	get createdAt(): string { return iso(this._u.createdAt); }
	get updatedAt(): string { return iso(this._u.createdAt); }
	get isViewer(): boolean { return this._u === this._c.viewer; }
	get bio(): string | null { return null; }
	get company(): string | null { return null; }
	get location(): string | null { return null; }
	get websiteUrl(): string | null { return null; }
	get twitterUsername(): string | null { return null; }
	get email(): string { return ''; }
	get isSiteAdmin(): boolean { return false; }
	/** Saved replies are only readable by their owner; anyone else gets null. */
	savedReplies(args: PageArgs): ConnectionValue<SavedReplyView> | null {
		if (!this.isViewer) return null;
		const mine = sortByKey(this._store.savedReplies.filter(r => r.user === this._u), r => [r.updatedAt, r.dbId], true);
		return keysetConnection(mine, args, r => [r.updatedAt, r.dbId], true, r => new SavedReplyView(this._c, r));
	}
}

/** A view of a user, or null. */
export function actorView(c: GqlContext, user: UserRec | null): ActorView | null {
	return user ? new ActorView(c, user) : null;
}

/** A `SavedReply`. */
export class SavedReplyView extends View {
	constructor(c: GqlContext, readonly _r: SavedReplyRec) {
		super(c);
	}
	get __typename(): string { return 'SavedReply'; }
	get id(): string { return this._store.nodeId(this._r); }
	get databaseId(): number { return this._r.dbId; }
	get title(): string { return this._r.title; }
	get body(): string { return this._r.body; }
	get bodyHTML(): string { return renderMarkdown(this._r.body, this._store.webBase, ''); }
	get user(): ActorView { return new ActorView(this._c, this._r.user); }
}

/** A `Label`. */
export class LabelView extends View {
	constructor(c: GqlContext, readonly _l: LabelRec) {
		super(c);
	}
	get __typename(): string { return 'Label'; }
	get id(): string { return this._store.nodeId(this._l); }
	get name(): string { return this._l.name; }
	get color(): string { return this._l.color; }
	get description(): string | null { return this._l.description; }
	get isDefault(): boolean { return this._l.isDefault; }
	get createdAt(): string { return iso(this._l.createdAt); }
	get updatedAt(): string { return iso(this._l.createdAt); }
	get url(): string { return `${repoUrl(this._store, this._l.repo)}/labels/${encodeURIComponent(this._l.name)}`; }
	get resourcePath(): string { return new URL(this.url).pathname; }
	get repository(): RepositoryView { return new RepositoryView(this._c, this._l.repo); }
}

/** Labels of a thread as a connection (`orderBy` CREATED_AT or NAME). */
export function labelConnection(c: GqlContext, labels: readonly LabelRec[], args: PageArgs & { orderBy?: { field: string; direction: string } | null }): ConnectionValue<LabelView> {
	const byName = args.orderBy?.field === 'NAME';
	const desc = args.orderBy?.direction === 'DESC';
	const sorted = byName ? labels.slice().sort((a, b) => a.name.localeCompare(b.name) * (desc ? -1 : 1)) : sortByKey(labels, l => [l.createdAt, l.dbId], desc);
	return listConnection(sorted, args, l => new LabelView(c, l));
}

/** A `DiscussionCategory`. */
export class CategoryView extends View {
	constructor(c: GqlContext, readonly _cat: CategoryRec) {
		super(c);
	}
	get __typename(): string { return 'DiscussionCategory'; }
	get id(): string { return this._store.nodeId(this._cat); }
	get name(): string { return this._cat.name; }
	get slug(): string { return this._cat.slug; }
	get emoji(): string { return this._cat.emoji; }
	get emojiHTML(): string { return `<div><g-emoji class="g-emoji" alias="${this._cat.emoji.replace(/:/g, '')}">${this._cat.emojiChar}</g-emoji></div>`; }
	get description(): string { return this._cat.description; }
	get isAnswerable(): boolean { return this._cat.isAnswerable; }
	get createdAt(): string { return iso(this._cat.createdAt); }
	get updatedAt(): string { return iso(this._cat.createdAt); }
	get repository(): RepositoryView { return new RepositoryView(this._c, this._cat.repo); }
}

/** One `ReactionGroup`; reactors are drawn deterministically from the users. */
export class ReactionGroupView extends View {
	constructor(c: GqlContext, readonly _subject: ThreadRec | CommentRec, readonly _index: number, readonly _count: number) {
		super(c);
	}
	get __typename(): string { return 'ReactionGroup'; }
	get content(): string { return REACTIONS[this._index]!; }
	get createdAt(): string | null { return this._count > 0 ? iso(this._subject.createdAt) : null; }
	get viewerHasReacted(): boolean { return false; }
	get subject(): View { return subjectView(this._c, this._subject); }
	reactors(args: PageArgs): ConnectionValue<ActorView> {
		const users = this._store.users.filter(u => u.type === 'User');
		const picked = Array.from({ length: this._count }, (_, i) => users[hash32(this._store.seed, this._subject.dbId, this._index, i) % users.length]!);
		return listConnection(picked, args, u => new ActorView(this._c, u));
	}
	users(args: PageArgs): ConnectionValue<ActorView> { return this.reactors(args); }
}

function subjectView(c: GqlContext, rec: ThreadRec | CommentRec): View {
	return rec instanceof CommentRec ? commentView(c, rec) : threadView(c, rec);
}

/** All 8 reaction groups of a subject, as GitHub returns them. */
export function reactionGroups(c: GqlContext, subject: ThreadRec | CommentRec): ReactionGroupView[] {
	return REACTIONS.map((_, i) => new ReactionGroupView(c, subject, i, subject.reactions?.[i] ?? 0));
}

type DiscussionsArgs = PageArgs & { categoryId?: string | null; states?: ('OPEN' | 'CLOSED')[] | null; answered?: boolean | null; orderBy?: { field: string; direction: string } | null };
type IssuesArgs = PageArgs & {
	states?: ('OPEN' | 'CLOSED')[] | null; labels?: string[] | null; orderBy?: { field: string; direction: string } | null;
	filterBy?: { assignee?: string | null; createdBy?: string | null; mentioned?: string | null; labels?: string[] | null; since?: string | null; states?: ('OPEN' | 'CLOSED')[] | null } | null;
};

/** A `Repository`. */
export class RepositoryView extends View {
	constructor(c: GqlContext, readonly _r: RepoRec) {
		super(c);
	}
	get __typename(): string { return 'Repository'; }
	get id(): string { return this._store.nodeId(this._r); }
	get databaseId(): number { return this._r.dbId; }
	get name(): string { return this._r.name; }
	get owner(): ActorView { return new ActorView(this._c, this._r.owner); }
	get nameWithOwner(): string { return `${this._r.owner.login}/${this._r.name}`; }
	get url(): string { return repoUrl(this._store, this._r); }
	get resourcePath(): string { return `/${this.nameWithOwner}`; }
	get description(): string { return this._r.description; }
	get isPrivate(): boolean { return this._r.isPrivate; }
	get visibility(): string { return this._r.isPrivate ? 'PRIVATE' : 'PUBLIC'; }
	get isArchived(): boolean { return false; }
	get isFork(): boolean { return false; }
	get isDisabled(): boolean { return false; }
	get isLocked(): boolean { return false; }
	get hasDiscussionsEnabled(): boolean { return this._r.hasDiscussionsEnabled; }
	get hasIssuesEnabled(): boolean { return this._r.hasIssuesEnabled; }
	get viewerPermission(): string { return permissionOf(this._c.viewer); }
	get viewerCanAdminister(): boolean { return permissionOf(this._c.viewer) === 'ADMIN'; }
	get createdAt(): string { return iso(this._r.createdAt); }
	get updatedAt(): string { return iso(Math.max(this._r.createdAt, ...this._r.issues.slice(-1).map(t => t.updatedAt))); }
	get pushedAt(): string { return this.updatedAt; }
	discussionCategories(args: PageArgs): ConnectionValue<CategoryView> {
		return listConnection(this._r.categories, args, x => new CategoryView(this._c, x));
	}
	discussionCategory(args: { slug: string }): CategoryView | null {
		const found = this._r.categories.find(x => x.slug === args.slug);
		return found ? new CategoryView(this._c, found) : null;
	}
	discussions(args: DiscussionsArgs): ConnectionValue<DiscussionView> {
		let category: CategoryRec | null = null;
		if (args.categoryId) {
			const found = this._store.byNodeId(args.categoryId);
			if (!found || found.type !== 'DiscussionCategory') throw new SandboxError(`Could not resolve to a node with the global id of '${args.categoryId}'`, 'NOT_FOUND');
			category = found.rec as CategoryRec;
		}
		const field = args.orderBy?.field ?? 'UPDATED_AT';
		const desc = (args.orderBy?.direction ?? 'DESC') === 'DESC';
		const key = threadKey(field);
		const list = sortByKey(filterDiscussions(this._store, this._r, { category, states: args.states, answered: args.answered }), key, desc);
		return keysetConnection(list, args, key, desc, t => new DiscussionView(this._c, t));
	}
	discussion(args: { number: number }): DiscussionView | null {
		const t = this._r.byNumber.get(args.number);
		const seen = t?.kind === 'discussion' ? this._store.see(t) : null;
		if (!seen) throw new SandboxError(`Could not resolve to a Discussion with the number of ${args.number}.`, 'NOT_FOUND');
		return new DiscussionView(this._c, seen);
	}
	issues(args: IssuesArgs): ConnectionValue<IssueView> {
		const f = args.filterBy ?? {};
		const since = f.since ? Date.parse(f.since) : null;
		const states = args.states?.length ? args.states : f.states;
		const list = filterIssues(this._store, this._r, {
			states, anyLabels: args.labels ?? f.labels, assignee: f.assignee, createdBy: f.createdBy, mentioned: f.mentioned, since,
		});
		const field = args.orderBy?.field ?? 'CREATED_AT';
		const desc = args.orderBy ? args.orderBy.direction === 'DESC' : false;
		const key = threadKey(field);
		return keysetConnection(sortByKey(list, key, desc), args, key, desc, t => new IssueView(this._c, t));
	}
	issue(args: { number: number }): IssueView | null {
		const t = this._r.byNumber.get(args.number);
		const seen = t?.kind === 'issue' ? this._store.see(t) : null;
		if (!seen) throw new SandboxError(`Could not resolve to an Issue with the number of ${args.number}.`, 'NOT_FOUND');
		return new IssueView(this._c, seen);
	}
	issueOrPullRequest(args: { number: number }): View | null {
		const t = this._r.byNumber.get(args.number);
		const seen = t && t.kind !== 'discussion' ? this._store.see(t) : null;
		if (!seen) throw new SandboxError(`Could not resolve to an issue or pull request with the number of ${args.number}.`, 'NOT_FOUND');
		return threadView(this._c, seen);
	}
	pullRequest(args: { number: number }): PullRequestView | null {
		const t = this._r.byNumber.get(args.number);
		const seen = t?.kind === 'pr' ? this._store.see(t) : null;
		if (!seen) throw new SandboxError(`Could not resolve to a PullRequest with the number of ${args.number}.`, 'NOT_FOUND');
		return new PullRequestView(this._c, seen);
	}
	labels(args: PageArgs & { query?: string | null; orderBy?: { field: string; direction: string } | null }): ConnectionValue<LabelView> {
		const q = args.query?.toLowerCase();
		const labels = this._store.seeList(this._r.labels).filter(l => !q || l.name.toLowerCase().includes(q) || (l.description ?? '').toLowerCase().includes(q));
		return labelConnection(this._c, labels, { ...args, orderBy: args.orderBy ?? { field: 'NAME', direction: 'ASC' } });
	}
	label(args: { name: string }): LabelView | null {
		const found = this._store.seeList(this._r.labels).find(l => l.name.toLowerCase() === args.name.toLowerCase());
		return found ? new LabelView(this._c, found) : null;
	}
	assignableUsers(args: PageArgs & { query?: string | null }): ConnectionValue<ActorView> {
		const q = args.query?.toLowerCase();
		const users = this._store.users.filter(u => ['owner', 'member', 'collaborator'].includes(u.role) && (!q || u.login.toLowerCase().includes(q)));
		return listConnection(users, args, u => new ActorView(this._c, u));
	}
}

/** The view of any record (for `node`/`nodes`). */
export function viewOf(c: GqlContext, rec: AnyRec): View {
	if (rec instanceof ThreadRec) return threadView(c, rec);
	if (rec instanceof CommentRec) return commentView(c, rec);
	if ('login' in rec) return new ActorView(c, rec);
	if ('byNumber' in rec) return new RepositoryView(c, rec);
	if ('isAnswerable' in rec) return new CategoryView(c, rec);
	if ('color' in rec) return new LabelView(c, rec);
	return new SavedReplyView(c, rec);
}
