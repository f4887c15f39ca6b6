/**
 * Write operations shared by GraphQL mutations and REST routes. Each checks permissions like
 * GitHub, records prior state for `storeHideFromReads` (`store.touch`) and bumps the thread's
 * `updatedAt`. Failures are {@link SandboxError}s with GitHub's GraphQL `type`.
 */
import { SandboxError } from './errors';
import type { CategoryRec, CommentRec, LabelRec, RepoRec, ThreadRec, UserRec } from './records';
import { isMaintainer, permissionOf, type Store } from './store';

/** Who is writing and under which operation name (for GitHub's permission messages). */
export interface Actor {
	readonly store: Store;
	readonly user: UserRec;
	/** E.g. `LockLockable` or `PUT /repos/{owner}/{repo}/issues/{issue_number}/lock`. */
	readonly operation: string;
}

function forbidden(a: Actor): SandboxError {
	return new SandboxError(`${a.user.login} does not have the correct permissions to execute \`${a.operation}\``, 'FORBIDDEN');
}

function requireTriage(a: Actor): void {
	if (!isMaintainer(a.user)) throw forbidden(a);
}

function requireTriageOrAuthor(a: Actor, t: ThreadRec): void {
	if (!isMaintainer(a.user) && t.author !== a.user) throw forbidden(a);
}

function bump(a: Actor, t: ThreadRec): void {
	a.store.touch(t);
	t.updatedAt = Math.max(t.updatedAt, a.store.clock());
}

function requireBody(body: string): void {
	if (!body.trim()) throw new SandboxError("Body can't be blank", 'UNPROCESSABLE');
}

/** Adds a comment; with `replyTo` a threaded discussion reply (to a top-level comment only). */
export function addComment(a: Actor, t: ThreadRec, body: string, replyTo: CommentRec | null = null): CommentRec {
	requireBody(body);
	if (t.locked && !isMaintainer(a.user)) throw new SandboxError(`Unable to create comment because ${t.kind === 'discussion' ? 'discussion' : 'issue'} is locked.`, 'FORBIDDEN');
	if (replyTo && (replyTo.thread !== t || replyTo.replyTo !== null)) {
		throw new SandboxError('replyToId must be a top-level comment of the same discussion', 'UNPROCESSABLE');
	}
	const now = a.store.clock();
	bump(a, t);
	const c = a.store.addComment(t, replyTo);
	c.author = a.user;
	c.createdAt = c.updatedAt = now;
	c.bodyOverride = body;
	return c;
}

/** Closes (with a reason) or reopens a thread. Issue reasons: COMPLETED, NOT_PLANNED, DUPLICATE; discussion: RESOLVED, OUTDATED, DUPLICATE. */
export function setClosed(a: Actor, t: ThreadRec, closed: boolean, reason: string | null): void {
	requireTriageOrAuthor(a, t);
	bump(a, t);
	if (closed) {
		if (!t.closed) t.closedAt = a.store.clock();
		t.stateReason = reason ?? (t.kind === 'discussion' ? 'RESOLVED' : 'COMPLETED');
	} else if (t.closed) {
		t.closedAt = 0;
		t.stateReason = 'REOPENED';
	}
}

/** Locks a thread (reason may be null) or unlocks it. */
export function setLocked(a: Actor, t: ThreadRec, locked: boolean, reason: string | null): void {
	requireTriage(a);
	bump(a, t);
	t.locked = locked;
	t.lockReason = locked ? reason : null;
}

/** Minimizes a comment with a classifier, or unminimizes it (classifier null). */
export function setMinimized(a: Actor, c: CommentRec, classifier: string | null): void {
	requireTriage(a);
	a.store.touch(c);
	c.minimizedReason = classifier;
	bump(a, c.thread);
}

/** Adds labels (no duplicates). */
export function addLabels(a: Actor, t: ThreadRec, labels: readonly LabelRec[]): void {
	requireTriage(a);
	bump(a, t);
	for (const l of labels) if (!t.labels.includes(l)) t.labels.push(l);
}

/** Removes labels. */
export function removeLabels(a: Actor, t: ThreadRec, labels: readonly LabelRec[]): void {
	requireTriage(a);
	bump(a, t);
	t.labels = t.labels.filter(l => !labels.includes(l));
}

/** Replaces the labels. */
export function setLabels(a: Actor, t: ThreadRec, labels: readonly LabelRec[]): void {
	requireTriage(a);
	bump(a, t);
	t.labels = [...new Set(labels)];
}

function assignable(t: ThreadRec, u: UserRec): boolean {
	return isMaintainer(u) || u === t.author || t.comments.some(c => c.author === u);
}

/** Adds assignees; users who cannot be assigned are ignored, as on GitHub. At most 10. */
export function addAssignees(a: Actor, t: ThreadRec, users: readonly UserRec[]): void {
	if (t.kind === 'discussion') throw new SandboxError('Discussions cannot be assigned', 'UNPROCESSABLE');
	requireTriage(a);
	bump(a, t);
	for (const u of users) if (assignable(t, u) && !t.assignees.includes(u) && t.assignees.length < 10) t.assignees.push(u);
}

/** Removes assignees. */
export function removeAssignees(a: Actor, t: ThreadRec, users: readonly UserRec[]): void {
	requireTriage(a);
	bump(a, t);
	t.assignees = t.assignees.filter(u => !users.includes(u));
}

/** Replaces the assignees (assignable users only). */
export function setAssignees(a: Actor, t: ThreadRec, users: readonly UserRec[]): void {
	requireTriage(a);
	bump(a, t);
	t.assignees = [...new Set(users)].filter(u => assignable(t, u)).slice(0, 10);
}

/** Marks a top-level comment as the answer of its discussion (answerable categories only). */
export function markAnswer(a: Actor, c: CommentRec): ThreadRec {
	const t = c.thread;
	if (t.kind !== 'discussion' || !t.category?.isAnswerable) throw new SandboxError('Discussion is not in an answerable category', 'UNPROCESSABLE');
	if (c.replyTo !== null) throw new SandboxError('Only top-level comments can be marked as the answer', 'UNPROCESSABLE');
	requireTriageOrAuthor(a, t);
	bump(a, t);
	t.answer = c;
	t.answerChosenAt = a.store.clock();
	t.answerChosenBy = a.user;
	return t;
}

/** Unmarks the answer. */
export function unmarkAnswer(a: Actor, c: CommentRec): ThreadRec {
	const t = c.thread;
	requireTriageOrAuthor(a, t);
	bump(a, t);
	if (t.answer === c) {
		t.answer = null;
		t.answerChosenAt = 0;
		t.answerChosenBy = null;
	}
	return t;
}

/** Creates a discussion (only maintainers may post in Announcements). */
export function createDiscussion(a: Actor, category: CategoryRec, title: string, body: string): ThreadRec {
	if (!title.trim()) throw new SandboxError("Title can't be blank", 'UNPROCESSABLE');
	requireBody(body);
	if (!category.isAnswerable && category.slug === 'announcements' && !isMaintainer(a.user)) throw forbidden(a);
	const t = a.store.addThread(category.repo, 'discussion');
	const now = a.store.clock();
	Object.assign(t, { author: a.user, title, flavor: 'general', category, createdAt: now, updatedAt: now, bodyOverride: body });
	return t;
}

/** Edits an issue's title and/or body (author or maintainer). */
export function editIssue(a: Actor, t: ThreadRec, title: string | null, body: string | null): void {
	requireTriageOrAuthor(a, t);
	if (title !== null && !title.trim()) throw new SandboxError("Title can't be blank", 'UNPROCESSABLE');
	bump(a, t);
	if (title !== null) t.title = title;
	if (body !== null) t.bodyOverride = body;
	t.lastEditedAt = a.store.clock();
}

/**
 * Deletes an issue (repository admins only) or a discussion (write access or more, as GitHub's
 * "Managing discussions" says): the thread and its comments are gone for good, their node IDs
 * resolve to nothing and the number is not reused.
 */
export function deleteThread(a: Actor, t: ThreadRec): void {
	if (t.kind === 'discussion' ? !isMaintainer(a.user) : permissionOf(a.user) !== 'ADMIN') throw forbidden(a);
	a.store.deleteThread(t);
}

/**
 * Transfers an open or closed issue to another repository of the same owner (write access to both;
 * not from a private repository to a public one; the target must have issues). It gets the target's
 * next number and keeps its node ID; labels are matched by name and, with `createLabelsIfMissing`,
 * created in the target, else dropped.
 */
export function transferIssue(a: Actor, t: ThreadRec, target: RepoRec, createLabelsIfMissing: boolean): void {
	if (!isMaintainer(a.user)) throw forbidden(a);
	if (target === t.repo) throw new SandboxError('The issue is already in that repository', 'UNPROCESSABLE');
	if (target.owner !== t.repo.owner) throw new SandboxError('Issues can only be transferred between repositories of the same owner', 'UNPROCESSABLE');
	if (t.repo.isPrivate && !target.isPrivate) throw new SandboxError('Issues cannot be transferred from a private repository to a public one', 'UNPROCESSABLE');
	if (!target.hasIssuesEnabled) throw new SandboxError('Issues are disabled for the target repository', 'UNPROCESSABLE');
	const labels = t.labels.map(l => target.labels.find(x => x.name.toLowerCase() === l.name.toLowerCase())
		?? (createLabelsIfMissing ? a.store.addLabel(target, l.name, l.color, l.description, false) : null));
	bump(a, t);
	a.store.moveThread(t, target);
	t.labels = labels.filter((l): l is LabelRec => l !== null);
}
