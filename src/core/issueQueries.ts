import { englishT, type Translate } from './l10n';
import type { IssueFilter, IssueQuery, RepoRef } from './model';

/** A query node of the Issues tree. */
export interface IssueQueryDefinition {
	/** Stable id, used in tree item ids. */
	readonly id: string;
	/** Label shown in the tree (user text for custom queries, a message key for defaults). */
	readonly label: string;
	/** True for the built-in queries, whose label is localised by the view. */
	readonly builtIn: boolean;
	/** Builds the concrete query for one repository and viewer, or explains why it cannot. */
	resolve(context: QueryContext): QueryResolution;
}

/** What a query may refer to. */
export interface QueryContext {
	readonly repo: RepoRef;
	/** The signed-in user's login. */
	readonly user: string;
	/** Current time (injected for tests). */
	readonly now: Date;
	/** Localises error messages (English by default). */
	readonly t?: Translate;
}

/** A resolved query or a message saying what is wrong with the user's definition. */
export type QueryResolution = { readonly ok: true; readonly query: IssueQuery } | { readonly ok: false; readonly error: string };

/** A query as written by the user in `communityDesk.issueQueries`. */
export interface UserQuerySetting {
	readonly label?: unknown;
	readonly query?: unknown;
}

const RECENT_DAYS = 14;

/** The built-in queries: cheap repository filters, exact and not capped at 1,000 results. */
export const builtInQueries: readonly IssueQueryDefinition[] = [
	filterQuery('open', 'Open', () => ({ states: ['OPEN'], orderBy: 'UPDATED_AT' })),
	filterQuery('assigned', 'Assigned to me', c => ({ states: ['OPEN'], assignee: c.user, orderBy: 'UPDATED_AT' })),
	filterQuery('mentioned', 'Mentioning me', c => ({ states: ['OPEN'], mentioned: c.user, orderBy: 'UPDATED_AT' })),
	filterQuery('recent', 'Recently updated', c => ({
		states: ['OPEN', 'CLOSED'],
		since: new Date(c.now.getTime() - RECENT_DAYS * 86_400_000).toISOString(),
		orderBy: 'UPDATED_AT',
	})),
];

function filterQuery(id: string, label: string, build: (c: QueryContext) => IssueFilter): IssueQueryDefinition {
	return { id, label, builtIn: true, resolve: c => ({ ok: true, query: { kind: 'filter', filter: build(c) } }) };
}

const VARIABLE = /\$\{([^}]*)\}/g;
const KNOWN = new Set(['user', 'owner', 'repo']);

/**
 * Expands `${user}`, `${owner}` and `${repo}` by plain string substitution (never evaluation) and
 * scopes the search to the repository unless it names one already.
 */
export function expandSearch(template: string, c: QueryContext): QueryResolution {
	const t = c.t ?? englishT;
	const unknown = [...template.matchAll(VARIABLE)].map(m => m[1]!).filter(v => !KNOWN.has(v));
	if (unknown.length > 0) {
		return { ok: false, error: t('Unknown variable ${{0}}; use ${user}, ${owner} or ${repo}.', unknown[0]!) };
	}
	const values: Record<string, string> = { user: c.user, owner: c.repo.owner, repo: c.repo.name };
	let q = template.replace(VARIABLE, (_m, name: string) => values[name]!).trim();
	if (!/(^|\s)(repo|org|user):\S/.test(q)) q = `repo:${c.repo.owner}/${c.repo.name} ${q}`;
	if (!/(^|\s)(is|type):(issue|pr|pull-request)\b/.test(q)) q = `${q} is:issue`;
	return { ok: true, query: { kind: 'search', q } };
}

/**
 * Turns the `communityDesk.issueQueries` setting into query definitions. Malformed entries are
 * reported (not silently dropped) so the user can fix them.
 */
export function parseUserQueries(setting: unknown, t: Translate = englishT): { queries: IssueQueryDefinition[]; errors: string[] } {
	const queries: IssueQueryDefinition[] = [];
	const errors: string[] = [];
	if (setting === undefined || setting === null) return { queries, errors };
	if (!Array.isArray(setting)) return { queries, errors: [t('communityDesk.issueQueries must be a list of {0} objects.', '{ "label", "query" }')] };
	setting.forEach((entry: UserQuerySetting, index) => {
		const label = typeof entry?.label === 'string' ? entry.label.trim() : '';
		const query = typeof entry?.query === 'string' ? entry.query.trim() : '';
		if (!label || !query) {
			errors.push(t('communityDesk.issueQueries[{0}] needs a non-empty "label" and "query".', index));
			return;
		}
		queries.push({ id: `custom-${index}`, label, builtIn: false, resolve: c => expandSearch(query, c) });
	});
	return { queries, errors };
}
