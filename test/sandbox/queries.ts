/** Filtering and ordering of threads, shared by GraphQL connections, search and REST lists. */
import type { SortKey } from './connection';
import type { CategoryRec, RepoRec, ThreadRec } from './records';
import type { Store } from './store';

/** A filter over issues (and, with `includePullRequests`, pull requests). */
export interface IssueFilter {
	states?: readonly ('OPEN' | 'CLOSED')[] | null;
	/** Matches threads with any of these labels (GraphQL semantics). */
	anyLabels?: readonly string[] | null;
	/** Matches threads with all of these labels (REST semantics). */
	allLabels?: readonly string[] | null;
	/** A login, `*` for any assignee, or `none` for no assignee. */
	assignee?: string | null;
	createdBy?: string | null;
	mentioned?: string | null;
	/** Epoch ms: only threads updated at or after. */
	since?: number | null;
	includePullRequests?: boolean;
}

/** A filter over discussions. */
export interface DiscussionFilter {
	category?: CategoryRec | null;
	states?: readonly ('OPEN' | 'CLOSED')[] | null;
	answered?: boolean | null;
}

function sameLogin(a: string | undefined, b: string): boolean {
	return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

function hasLabels(t: ThreadRec, names: readonly string[], all: boolean): boolean {
	const own = new Set(t.labels.map(l => l.name.toLowerCase()));
	const test = (n: string) => own.has(n.toLowerCase());
	return all ? names.every(test) : names.some(test);
}

function matchesAssignee(t: ThreadRec, assignee: string): boolean {
	if (assignee === '*') return t.assignees.length > 0;
	if (assignee.toLowerCase() === 'none') return t.assignees.length === 0;
	return t.assignees.some(a => sameLogin(a.login, assignee));
}

/** True when an issue matches the filter. */
export function matchesIssue(t: ThreadRec, f: IssueFilter): boolean {
	if (t.kind === 'pr' && !f.includePullRequests) return false;
	if (f.states?.length && !f.states.includes(t.closed ? 'CLOSED' : 'OPEN')) return false;
	if (f.anyLabels?.length && !hasLabels(t, f.anyLabels, false)) return false;
	if (f.allLabels?.length && !hasLabels(t, f.allLabels, true)) return false;
	if (f.assignee && !matchesAssignee(t, f.assignee)) return false;
	if (f.createdBy && !sameLogin(t.author?.login, f.createdBy)) return false;
	if (f.mentioned && !sameLogin(t.mention?.login, f.mentioned)) return false;
	if (f.since != null && t.updatedAt < f.since) return false;
	return true;
}

/** The visible issues of a repository matching a filter, in number order. */
export function filterIssues(store: Store, repo: RepoRec, f: IssueFilter): ThreadRec[] {
	return store.seeList(repo.issues).filter(t => matchesIssue(t, f));
}

/** True when a discussion matches the filter. */
export function matchesDiscussion(t: ThreadRec, f: DiscussionFilter): boolean {
	if (f.category && t.category !== f.category) return false;
	if (f.states?.length && !f.states.includes(t.closed ? 'CLOSED' : 'OPEN')) return false;
	if (f.answered != null && (t.answer !== null) !== f.answered) return false;
	return true;
}

/** The visible discussions of a repository matching a filter, in number order. */
export function filterDiscussions(store: Store, repo: RepoRec, f: DiscussionFilter): ThreadRec[] {
	return store.seeList(repo.discussions).filter(t => matchesDiscussion(t, f));
}

/** The sort key of a thread for an order field (`CREATED_AT`, `UPDATED_AT`, `COMMENTS`). */
export function threadKey(field: string): (t: ThreadRec) => SortKey {
	if (field === 'UPDATED_AT') return t => [t.updatedAt, t.dbId];
	if (field === 'COMMENTS') return t => [t.comments.length, t.dbId];
	return t => [t.createdAt, t.dbId];
}
