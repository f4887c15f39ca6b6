import type { DiscussionListRequest, IssueFilter, PageRequest, RepoRef } from '../core/model';

// Pure domain → GraphQL-variable builders, the counterpart of mappers.ts. Undefined values are left
// out of the request (JSON drops them), so GitHub's own defaults apply.

/** Page size used when the caller does not ask for one. */
export const DEFAULT_PAGE_SIZE = 50;
/** GitHub's maximum for `first` on every connection. */
export const MAX_PAGE_SIZE = 100;

/** Clamps a requested page size to 1..100 (default {@link DEFAULT_PAGE_SIZE}). */
export function clampPageSize(first: number | undefined): number {
	if (first === undefined || !Number.isFinite(first)) {
		return DEFAULT_PAGE_SIZE;
	}
	return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(first)));
}

/** Variables of `DISCUSSIONS_QUERY`. */
export function discussionsVariables(repo: RepoRef, request: DiscussionListRequest): Record<string, unknown> {
	return {
		owner: repo.owner,
		name: repo.name,
		first: clampPageSize(request.first),
		cursor: request.after || undefined,
		categoryId: request.categoryId || undefined,
		states: request.states?.length ? [...request.states] : undefined,
		answered: request.answered,
	};
}

/** Variables of `ISSUES_QUERY`: states at the top level, the rest in `filterBy`, newest activity first. */
export function issuesVariables(repo: RepoRef, filter: IssueFilter, page: PageRequest): Record<string, unknown> {
	const filterBy = {
		assignee: filter.assignee,
		mentioned: filter.mentioned,
		createdBy: filter.createdBy,
		labels: filter.labels?.length ? [...filter.labels] : undefined,
		since: filter.since,
	};
	const hasFilter = Object.values(filterBy).some(v => v !== undefined);
	return {
		owner: repo.owner,
		name: repo.name,
		first: clampPageSize(page.first),
		cursor: page.after || undefined,
		states: filter.states?.length ? [...filter.states] : undefined,
		filterBy: hasFilter ? filterBy : undefined,
		orderBy: { field: filter.orderBy ?? 'UPDATED_AT', direction: 'DESC' },
	};
}

/** Variables of `ISSUE_SEARCH_QUERY`. */
export function issueSearchVariables(repo: RepoRef, q: string, page: PageRequest): Record<string, unknown> {
	return { q: scopeIssueSearch(repo, q), first: clampPageSize(page.first), cursor: page.after || undefined };
}

/**
 * Makes a search string safe to send for one repository's issues: adds `repo:owner/name` when the
 * caller forgot any `repo:` qualifier (so a search never spills into all of GitHub) and `is:issue`
 * when neither `is:issue` nor `type:issue` is there.
 */
export function scopeIssueSearch(repo: RepoRef, q: string): string {
	let query = q.trim().replace(/\s+/g, ' ');
	if (!/(^|\s)repo:\S+/i.test(query)) {
		query = `repo:${repo.owner}/${repo.name} ${query}`;
	}
	if (!/(^|\s)(is|type):issue(?=\s|$)/i.test(query)) {
		query = `${query} is:issue`;
	}
	return query.trim();
}
