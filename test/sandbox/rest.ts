/** REST routes (served at `/` and `/api/v3/`), shaped like GitHub's REST API. */
import { restError, SandboxError } from './errors';
import { json, notFound, validationFailed, type Reply } from './http';
import * as ops from './ops';
import { filterIssues } from './queries';
import { sortByKey } from './connection';
import type { LabelRec, RepoRec, ThreadRec, UserRec } from './records';
import { authenticatedUserJson, canPush, commentJson, issueJson, labelJson, repoJson, type RestBase } from './restShapes';
import { parseIso } from './time';
import { runSearch } from './search';
import { rateHeaders, type Budgets, type Resource } from './auth';

/** A REST request as the routes see it. */
export interface RestRequest {
	readonly method: string;
	/** The path without `/api/v3`. */
	readonly apiPath: string;
	readonly query: URLSearchParams;
	readonly body: unknown;
	readonly base: RestBase;
	/** Null for unauthenticated requests. */
	readonly user: UserRec | null;
	readonly scopes: readonly string[];
	/** The budgets and the pool name of the caller (for `GET /rate_limit`). */
	readonly budgets: Budgets;
	readonly tokenName: string;
}

/** A route: method, path pattern and handler. */
export interface Route {
	readonly method: string;
	readonly pattern: RegExp;
	/** Needs a token (writes, `/user`). */
	readonly auth: boolean;
	/** Does not count against the budget. */
	readonly free?: boolean;
	/** The budget it counts against; default `core`. */
	readonly resource?: Resource;
	readonly run: (r: RestRequest, params: string[]) => Reply;
}

const REPO = '/repos/([^/]+)/([^/]+)';
const ISSUE = `${REPO}/issues/(\\d+)`;

function repoOf(r: RestRequest, params: string[]): RepoRec {
	const repo = r.base.store.repo(decodeURIComponent(params[0]!), decodeURIComponent(params[1]!));
	if (!repo) throw new SandboxError('Not Found', 'NOT_FOUND');
	return repo;
}

function issueOf(r: RestRequest, params: string[]): ThreadRec {
	const t = repoOf(r, params).byNumber.get(Number(params[2]));
	const seen = t && t.kind !== 'discussion' ? r.base.store.see(t) : null;
	if (!seen) throw new SandboxError('Not Found', 'NOT_FOUND');
	return seen;
}

function actor(r: RestRequest, operation: string): ops.Actor {
	return { store: r.base.store, user: r.user!, operation };
}

/** Paginates a list and builds GitHub's `Link` header (rel prev/next/last/first). */
export function paginate<T>(r: RestRequest, items: readonly T[]): { page: T[]; headers: Record<string, string> } {
	const perPage = Math.min(100, Math.max(1, Number(r.query.get('per_page')) || 30));
	const pageNo = Math.max(1, Number(r.query.get('page')) || 1);
	const last = Math.max(1, Math.ceil(items.length / perPage));
	const link = (p: number, rel: string) => {
		const q = new URLSearchParams(r.query);
		q.set('per_page', String(perPage));
		q.set('page', String(p));
		return `<${r.base.api}${r.apiPath}?${q.toString()}>; rel="${rel}"`;
	};
	const links: string[] = [];
	if (pageNo > 1) links.push(link(Math.min(pageNo - 1, last), 'prev'));
	if (pageNo < last) links.push(link(pageNo + 1, 'next'), link(last, 'last'));
	if (pageNo > 1) links.push(link(1, 'first'));
	const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
	return { page, headers: links.length ? { link: links.join(', ') } : {} };
}

function sinceParam(r: RestRequest, resource: string): number | null | Reply {
	const since = r.query.get('since');
	if (since === null) return null;
	const at = parseIso(since);
	return Number.isNaN(at) ? validationFailed(resource, 'since') : at;
}

function listIssues(r: RestRequest, params: string[]): Reply {
	const repo = repoOf(r, params);
	const state = r.query.get('state') ?? 'open';
	const sort = r.query.get('sort') ?? 'created';
	const direction = r.query.get('direction') ?? 'desc';
	if (!['open', 'closed', 'all'].includes(state)) return validationFailed('Issue', 'state');
	if (!['created', 'updated', 'comments'].includes(sort)) return validationFailed('Issue', 'sort');
	if (!['asc', 'desc'].includes(direction)) return validationFailed('Issue', 'direction');
	const since = sinceParam(r, 'Issue');
	if (typeof since === 'object' && since !== null) return since;
	const labels = r.query.get('labels');
	const list = filterIssues(r.base.store, repo, {
		includePullRequests: true, states: state === 'all' ? null : [state === 'open' ? 'OPEN' : 'CLOSED'],
		allLabels: labels ? labels.split(',').map(s => s.trim()).filter(Boolean) : null,
		assignee: r.query.get('assignee'), createdBy: r.query.get('creator'), mentioned: r.query.get('mentioned'), since,
	});
	const key = sort === 'updated' ? (t: ThreadRec) => [t.updatedAt, t.dbId] as const
		: sort === 'comments' ? (t: ThreadRec) => [t.comments.length, t.dbId] as const : (t: ThreadRec) => [t.createdAt, t.dbId] as const;
	const { page, headers } = paginate(r, sortByKey(list, key, direction === 'desc'));
	return json(200, page.map(t => issueJson(r.base, t)), headers);
}

function listComments(r: RestRequest, params: string[]): Reply {
	const t = issueOf(r, params);
	const since = sinceParam(r, 'IssueComment');
	if (typeof since === 'object' && since !== null) return since;
	const list = r.base.store.seeList(t.comments).filter(c => since === null || c.updatedAt >= since);
	const { page, headers } = paginate(r, list);
	return json(200, page.map(c => commentJson(r.base, c)), headers);
}

function listRepoComments(r: RestRequest, params: string[]): Reply {
	const repo = repoOf(r, params);
	const since = sinceParam(r, 'IssueComment');
	if (typeof since === 'object' && since !== null) return since;
	const byUpdate = r.query.get('sort') === 'updated';
	const desc = r.query.get('sort') !== null && r.query.get('direction') === 'desc';
	const all = r.base.store.seeList(repo.issues).flatMap(t => r.base.store.seeList(t.comments)).filter(c => since === null || c.updatedAt >= since);
	const sorted = sortByKey(all, c => [byUpdate ? c.updatedAt : c.createdAt, c.dbId], desc);
	const { page, headers } = paginate(r, sorted);
	return json(200, page.map(c => commentJson(r.base, c)), headers);
}

function createComment(r: RestRequest, params: string[]): Reply {
	const t = issueOf(r, params);
	const body = (r.body as { body?: unknown } | undefined)?.body;
	if (typeof body !== 'string' || !body.trim()) return validationFailed('IssueComment', 'body', 'missing_field');
	const c = ops.addComment(actor(r, 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments'), t, body);
	return json(201, commentJson(r.base, c), { location: `${r.base.api}/repos/${params[0]}/${params[1]}/issues/comments/${c.dbId}` });
}

function labelNames(body: unknown): string[] | null {
	const list = Array.isArray(body) ? body : (body as { labels?: unknown } | undefined)?.labels;
	if (!Array.isArray(list)) return null;
	const names = list.map(x => (typeof x === 'string' ? x : typeof x === 'object' && x && 'name' in x ? String((x as { name: unknown }).name) : null));
	return names.every((n): n is string => typeof n === 'string' && n.length > 0) ? names : null;
}

/** Finds labels by name, creating missing ones like GitHub does. */
function labelsNamed(r: RestRequest, repo: RepoRec, names: readonly string[]): LabelRec[] {
	return names.map(n => repo.labels.find(l => l.name.toLowerCase() === n.toLowerCase()) ?? r.base.store.addLabel(repo, n, 'ededed', null, false));
}

function changeLabels(r: RestRequest, params: string[], replace: boolean): Reply {
	const t = issueOf(r, params);
	const names = labelNames(r.body);
	if (!names || (!replace && names.length === 0)) return validationFailed('Label', 'labels', 'missing_field');
	if (!canPush(r.user!)) return json(403, restError('Must have push access to repository'));
	const labels = labelsNamed(r, t.repo, names);
	const a = actor(r, 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels');
	if (replace) ops.setLabels(a, t, labels);
	else ops.addLabels(a, t, labels);
	return json(200, t.labels.map(l => labelJson(r.base, l)));
}

function removeLabel(r: RestRequest, params: string[]): Reply {
	const t = issueOf(r, params);
	const name = decodeURIComponent(params[3]!);
	const label = t.labels.find(l => l.name.toLowerCase() === name.toLowerCase());
	if (!label) return json(404, restError('Label does not exist', 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue'));
	if (!canPush(r.user!)) return json(403, restError('Must have push access to repository'));
	ops.removeLabels(actor(r, 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}'), t, [label]);
	return json(200, t.labels.map(l => labelJson(r.base, l)));
}

const LOCK_REASONS: Readonly<Record<string, string>> = { 'off-topic': 'OFF_TOPIC', 'too heated': 'TOO_HEATED', resolved: 'RESOLVED', spam: 'SPAM' };

function lock(r: RestRequest, params: string[], locked: boolean): Reply {
	const t = issueOf(r, params);
	const reason = (r.body as { lock_reason?: unknown } | undefined)?.lock_reason;
	if (locked && reason !== undefined && reason !== null && (typeof reason !== 'string' || !LOCK_REASONS[reason])) return validationFailed('Issue', 'lock_reason');
	if (!canPush(r.user!)) return json(403, restError('Must have push access to repository'));
	ops.setLocked(actor(r, `${locked ? 'PUT' : 'DELETE'} /repos/{owner}/{repo}/issues/{issue_number}/lock`), t, locked, typeof reason === 'string' ? LOCK_REASONS[reason]! : null);
	return { status: 204 };
}

function assigneeLogins(body: unknown): string[] | null {
	const list = (body as { assignees?: unknown } | undefined)?.assignees;
	return Array.isArray(list) && list.every(x => typeof x === 'string') ? (list as string[]) : null;
}

function changeAssignees(r: RestRequest, params: string[], add: boolean): Reply {
	const t = issueOf(r, params);
	const logins = assigneeLogins(r.body);
	if (!logins) return validationFailed('Issue', 'assignees', 'missing_field');
	const users = logins.map(l => r.base.store.user(l)).filter((u): u is UserRec => u !== undefined);
	if (canPush(r.user!)) {
		const a = actor(r, `${add ? 'POST' : 'DELETE'} /repos/{owner}/{repo}/issues/{issue_number}/assignees`);
		if (add) ops.addAssignees(a, t, users);
		else ops.removeAssignees(a, t, users);
	}
	return json(add ? 201 : 200, issueJson(r.base, t));
}

const STATE_REASONS: Readonly<Record<string, string>> = { completed: 'COMPLETED', not_planned: 'NOT_PLANNED', reopened: 'REOPENED', duplicate: 'DUPLICATE' };

function checkPatch(b: Record<string, unknown>): Reply | null {
	if (b['state'] !== undefined && b['state'] !== 'open' && b['state'] !== 'closed') return validationFailed('Issue', 'state');
	if (b['state_reason'] != null && !(typeof b['state_reason'] === 'string' && STATE_REASONS[b['state_reason']])) return validationFailed('Issue', 'state_reason');
	if (b['title'] !== undefined && (typeof b['title'] !== 'string' || !b['title'].trim())) return validationFailed('Issue', 'title', 'missing_field');
	if (b['body'] !== undefined && b['body'] !== null && typeof b['body'] !== 'string') return validationFailed('Issue', 'body');
	if (b['labels'] !== undefined && !labelNames(b['labels'])) return validationFailed('Issue', 'labels');
	if (b['assignees'] !== undefined && !assigneeLogins(b)) return validationFailed('Issue', 'assignees');
	return null;
}

/** PATCH an issue. Without push access, label and assignee changes are silently dropped (as documented). */
function updateIssue(r: RestRequest, params: string[]): Reply {
	const t = issueOf(r, params);
	const b = (r.body ?? {}) as Record<string, unknown>;
	if (typeof b !== 'object' || Array.isArray(b)) return validationFailed('Issue', 'body');
	const invalid = checkPatch(b);
	if (invalid) return invalid;
	const a = actor(r, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}');
	if (b['title'] !== undefined || typeof b['body'] === 'string') ops.editIssue(a, t, (b['title'] as string | undefined) ?? null, (b['body'] as string | undefined) ?? null);
	if (b['state'] !== undefined && (b['state'] === 'closed') !== t.closed) {
		const reason = typeof b['state_reason'] === 'string' ? STATE_REASONS[b['state_reason']]! : null;
		ops.setClosed(a, t, b['state'] === 'closed', reason === 'REOPENED' ? null : reason);
	}
	if (canPush(r.user!)) {
		if (b['labels'] !== undefined) ops.setLabels(a, t, labelsNamed(r, t.repo, labelNames(b['labels'])!));
		if (b['assignees'] !== undefined) ops.setAssignees(a, t, assigneeLogins(b)!.map(l => r.base.store.user(l)).filter((u): u is UserRec => u !== undefined));
	}
	return json(200, issueJson(r.base, t));
}

function listLabels(r: RestRequest, params: string[]): Reply {
	const { page, headers } = paginate(r, r.base.store.seeList(repoOf(r, params).labels));
	return json(200, page.map(l => labelJson(r.base, l)), headers);
}

/** `GET /search/issues` (issues and pull requests; at most 1,000 results reachable). */
function searchIssues(r: RestRequest): Reply {
	const q = r.query.get('q');
	if (!q) return validationFailed('Search', 'q', 'missing');
	const sort = r.query.get('sort');
	const order = r.query.get('order') === 'asc' ? 'asc' : 'desc';
	const hits = runSearch(r.base.store, 'ISSUE', sort ? `${q} sort:${sort}-${order}` : q);
	const { page, headers } = paginate(r, hits.slice(0, 1000));
	return json(200, { total_count: hits.length, incomplete_results: false, items: page.map(t => issueJson(r.base, t)) }, headers);
}

/** `GET /rate_limit` (free, like on GitHub). */
function rateLimit(r: RestRequest): Reply {
	const pool = (resource: Resource) => {
		const s = r.budgets.peek(r.tokenName, resource);
		return { limit: s.limit, used: s.used, remaining: s.remaining, reset: Math.ceil(s.resetAt / 1000) };
	};
	const resources = { core: pool('core'), graphql: pool('graphql'), search: pool('search') };
	return json(200, { resources, rate: resources.core }, rateHeaders(r.budgets.peek(r.tokenName, 'core')));
}

/** The routes, in match order. */
export const ROUTES: readonly Route[] = [
	{ method: 'GET', pattern: /^\/user$/, auth: true, run: r => json(200, authenticatedUserJson(r.base, r.user!)) },
	{ method: 'GET', pattern: /^\/search\/issues$/, auth: false, resource: 'search', run: searchIssues },
	{ method: 'GET', pattern: /^\/rate_limit$/, auth: false, free: true, run: rateLimit },
	{ method: 'GET', pattern: new RegExp(`^${REPO}$`), auth: false, run: (r, p) => json(200, repoJson(r.base, repoOf(r, p), r.user ?? r.base.store.users[0]!)) },
	{ method: 'GET', pattern: new RegExp(`^${REPO}/issues$`), auth: false, run: listIssues },
	{ method: 'GET', pattern: new RegExp(`^${REPO}/issues/comments$`), auth: false, run: listRepoComments },
	{ method: 'GET', pattern: new RegExp(`^${ISSUE}$`), auth: false, run: (r, p) => json(200, issueJson(r.base, issueOf(r, p))) },
	{ method: 'PATCH', pattern: new RegExp(`^${ISSUE}$`), auth: true, run: updateIssue },
	{ method: 'GET', pattern: new RegExp(`^${ISSUE}/comments$`), auth: false, run: listComments },
	{ method: 'POST', pattern: new RegExp(`^${ISSUE}/comments$`), auth: true, run: createComment },
	{ method: 'GET', pattern: new RegExp(`^${REPO}/labels$`), auth: false, run: listLabels },
	{ method: 'POST', pattern: new RegExp(`^${ISSUE}/labels$`), auth: true, run: (r, p) => changeLabels(r, p, false) },
	{ method: 'PUT', pattern: new RegExp(`^${ISSUE}/labels$`), auth: true, run: (r, p) => changeLabels(r, p, true) },
	{ method: 'DELETE', pattern: new RegExp(`^${ISSUE}/labels/([^/]+)$`), auth: true, run: removeLabel },
	{ method: 'PUT', pattern: new RegExp(`^${ISSUE}/lock$`), auth: true, run: (r, p) => lock(r, p, true) },
	{ method: 'DELETE', pattern: new RegExp(`^${ISSUE}/lock$`), auth: true, run: (r, p) => lock(r, p, false) },
	{ method: 'POST', pattern: new RegExp(`^${ISSUE}/assignees$`), auth: true, run: (r, p) => changeAssignees(r, p, true) },
	{ method: 'DELETE', pattern: new RegExp(`^${ISSUE}/assignees$`), auth: true, run: (r, p) => changeAssignees(r, p, false) },
];

/** Finds the route for a request, with its path parameters. */
export function matchRoute(method: string, apiPath: string): { route: Route; params: string[] } | null {
	for (const route of ROUTES) {
		if (route.method !== method) continue;
		const m = route.pattern.exec(apiPath);
		if (m) return { route, params: m.slice(1) };
	}
	return null;
}

const STATUS_BY_TYPE: Readonly<Record<string, number>> = { FORBIDDEN: 403, NOT_FOUND: 404, UNPROCESSABLE: 422 };

/** Runs a route; sandbox errors become GitHub's REST error replies. */
export function runRoute(route: Route, params: string[], r: RestRequest): Reply {
	try {
		return route.run(r, params);
	} catch (e) {
		if (!(e instanceof SandboxError)) throw e;
		const status = STATUS_BY_TYPE[e.type] ?? 500;
		if (status === 404) return notFound();
		if (status === 422) return json(422, { message: 'Validation Failed', errors: [{ message: e.message, code: 'custom' }], documentation_url: 'https://docs.github.com/rest' });
		return json(status, restError(e.message));
	}
}
