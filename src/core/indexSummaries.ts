import type { AuthorAssociation, DiscussionStateReason, DiscussionSummary, IssueStateReason, IssueSummary, Label, Page, RepoRef } from './model';
import type { IndexedItem, SyncCheckpoint } from './repoIndex';

// The trees' rows answered from the cached index instead of GitHub (performance.md B4a): index items
// as the summaries the describe functions take, the built-in issue queries the index can answer, and
// local paging with the "Load more" row. Pure: the index, the clock and the server's web URL come in.

/** What these functions read of a `RepoIndex` (its items and how far the sync got). */
export interface IndexSnapshot {
	items(): readonly IndexedItem[];
	readonly checkpoint: SyncCheckpoint | undefined;
}

/** The built-in issue queries the index answers; the rest (mentions, searches) need GitHub. */
export type IndexIssueQueryId = 'open' | 'assigned' | 'recent';

/** Sync passes an answer needs before the index holds every matching item. */
const NEEDS: Readonly<Record<IndexIssueQueryId | 'discussions', readonly string[]>> = {
	open: ['openIssues'],
	assigned: ['openIssues'],
	recent: ['openIssues', 'closedIssues'],
	discussions: ['openDiscussions', 'closedDiscussions'],
};
const RECENT_DAYS = 14;
const LOCAL_CURSOR = 'local:';

/** True for a built-in query the index can answer. */
export function isIndexIssueQuery(id: string): id is IndexIssueQueryId {
	return id === 'open' || id === 'assigned' || id === 'recent';
}

/** True when the sync has finished every pass an answer needs (an empty or torn index covers nothing). */
export function indexCovers(checkpoint: SyncCheckpoint | undefined, what: IndexIssueQueryId | 'discussions'): boolean {
	return !!checkpoint && NEEDS[what].every(pass => checkpoint.done.includes(pass));
}

/** Most recently updated first; ties by number, newest first (a stable order for paging). */
function byUpdatedDesc(a: IndexedItem, b: IndexedItem): number {
	return b.updatedAt - a.updatedAt || b.number - a.number;
}

/** The discussions of one category, most recently updated first. */
export function categoryDiscussions(items: readonly IndexedItem[], categoryId: string): IndexedItem[] {
	return items.filter(i => i.kind === 'discussion' && i.categoryId === categoryId).sort(byUpdatedDesc);
}

/** The issues of a built-in query, most recently updated first (the same filters as the GitHub query). */
export function queryIssues(items: readonly IndexedItem[], id: IndexIssueQueryId, user: string, now: Date): IndexedItem[] {
	const login = user.toLowerCase();
	const since = now.getTime() - RECENT_DAYS * 86_400_000;
	const match = (i: IndexedItem): boolean => id === 'open' ? !i.closed
		: id === 'assigned' ? !i.closed && (i.assignees ?? []).some(a => a.toLowerCase() === login)
			: i.updatedAt >= since;
	return items.filter(i => i.kind === 'issue' && match(i)).sort(byUpdatedDesc);
}

/** True for a cursor made by {@link pageLocally}. */
export function isLocalCursor(cursor: string | undefined): boolean {
	return cursor !== undefined && cursor.startsWith(LOCAL_CURSOR);
}

/** One page of an in-memory list; the cursor is the offset of the next page. */
export function pageLocally<T>(items: readonly T[], after: string | undefined, size: number): Page<T> {
	const offset = isLocalCursor(after) ? Math.max(0, Number.parseInt(after!.slice(LOCAL_CURSOR.length), 10) || 0) : 0;
	const end = offset + Math.max(1, Math.floor(size));
	return {
		items: items.slice(offset, end),
		totalCount: items.length,
		...(end < items.length ? { nextCursor: `${LOCAL_CURSOR}${end}` } : {}),
	};
}

/** Label names as labels (the index keeps names only; the trees show nothing else). */
function labelsOf(item: IndexedItem): Label[] {
	return (item.labels ?? []).map(name => ({ id: name, name, color: '' }));
}

function repoUrl(webUrl: string, repo: RepoRef): string {
	return `${webUrl.replace(/\/+$/, '')}/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}`;
}

/** An index item as a discussion row; the URL is built from the server's web URL. */
export function toDiscussionSummaryFromIndex(item: IndexedItem, repo: RepoRef, webUrl: string): DiscussionSummary {
	return {
		id: item.id,
		number: item.number,
		title: item.title,
		url: `${repoUrl(webUrl, repo)}/discussions/${item.number}`,
		author: item.author,
		authorAssociation: item.association as AuthorAssociation,
		categoryId: item.categoryId ?? '',
		createdAt: new Date(item.createdAt).toISOString(),
		updatedAt: new Date(item.updatedAt).toISOString(),
		closed: item.closed,
		...(item.stateReason ? { stateReason: item.stateReason as DiscussionStateReason } : {}),
		locked: item.locked,
		...(item.isAnswered === undefined ? {} : { isAnswered: item.isAnswered }),
		commentCount: item.commentCount,
		upvoteCount: 0,
		labels: labelsOf(item),
	};
}

/** An index item as an issue row; the URL is built from the server's web URL. */
export function toIssueSummaryFromIndex(item: IndexedItem, repo: RepoRef, webUrl: string): IssueSummary {
	return {
		id: item.id,
		number: item.number,
		title: item.title,
		url: `${repoUrl(webUrl, repo)}/issues/${item.number}`,
		repo,
		author: item.author,
		authorAssociation: item.association as AuthorAssociation,
		state: item.closed ? 'CLOSED' : 'OPEN',
		...(item.stateReason ? { stateReason: item.stateReason as IssueStateReason } : {}),
		createdAt: new Date(item.createdAt).toISOString(),
		updatedAt: new Date(item.updatedAt).toISOString(),
		locked: item.locked,
		commentCount: item.commentCount,
		labels: labelsOf(item),
		assignees: item.assignees ?? [],
	};
}

/** A page of a category's discussions from the index, or undefined when the index does not cover them yet. */
export function localDiscussionPage(index: IndexSnapshot, categoryId: string, repo: RepoRef, webUrl: string, after: string | undefined, size: number): Page<DiscussionSummary> | undefined {
	if (!indexCovers(index.checkpoint, 'discussions')) return undefined;
	const page = pageLocally(categoryDiscussions(index.items(), categoryId), after, size);
	return { ...page, items: page.items.map(i => toDiscussionSummaryFromIndex(i, repo, webUrl)) };
}

/** What {@link localIssuePage} needs besides the index. */
export interface LocalIssueQuery {
	readonly id: string;
	readonly repo: RepoRef;
	/** The signed-in user's login (for "Assigned to me"). */
	readonly user: string;
	readonly now: Date;
	readonly webUrl: string;
}

/** A page of a built-in issue query from the index, or undefined when the index cannot answer it (yet). */
export function localIssuePage(index: IndexSnapshot, query: LocalIssueQuery, after: string | undefined, size: number): Page<IssueSummary> | undefined {
	if (!isIndexIssueQuery(query.id) || !indexCovers(index.checkpoint, query.id)) return undefined;
	const page = pageLocally(queryIssues(index.items(), query.id, query.user, query.now), after, size);
	return { ...page, items: page.items.map(i => toIssueSummaryFromIndex(i, query.repo, query.webUrl)) };
}
