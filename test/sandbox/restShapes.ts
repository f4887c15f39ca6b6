/** REST JSON shapes, following GitHub's REST API (`@octokit/openapi`), for the fields clients use. */
import { REACTIONS, type CommentRec, type LabelRec, type RepoRec, type ThreadRec, type UserRec } from './records';
import { associationOf, isMaintainer, permissionOf, type Store } from './store';
import { iso, isoOrNull } from './time';
import { avatarUrl, commentUrl, profileUrl, repoUrl, threadUrl } from './viewBase';

/** Where REST `url` fields point (the sandbox's own base, with `/api/v3` when the request used it). */
export interface RestBase {
	readonly store: Store;
	readonly api: string;
}

/** GraphQL `LockReason` → REST `active_lock_reason`. */
export const REST_LOCK_REASON: Readonly<Record<string, string>> = { OFF_TOPIC: 'off-topic', TOO_HEATED: 'too heated', RESOLVED: 'resolved', SPAM: 'spam' };

/** A simple user (`user`, `assignees[]`, …). */
export function userJson(b: RestBase, u: UserRec): Record<string, unknown> {
	const api = `${b.api}/users/${encodeURIComponent(u.login)}`;
	return {
		login: u.login, id: u.dbId, node_id: b.store.nodeId(u), avatar_url: avatarUrl(b.store, u), gravatar_id: '', url: api,
		html_url: profileUrl(b.store, u), followers_url: `${api}/followers`, repos_url: `${api}/repos`, type: u.type,
		user_view_type: 'public', site_admin: false,
	};
}

/** The authenticated user (`GET /user`). */
export function authenticatedUserJson(b: RestBase, u: UserRec): Record<string, unknown> {
	return { ...userJson(b, u), name: u.name, company: null, blog: '', location: null, email: null, bio: null, created_at: iso(u.createdAt), updated_at: iso(u.createdAt) };
}

/** A label. */
export function labelJson(b: RestBase, l: LabelRec): Record<string, unknown> {
	return {
		id: l.dbId, node_id: b.store.nodeId(l), url: `${b.api}/repos/${l.repo.owner.login}/${l.repo.name}/labels/${encodeURIComponent(l.name)}`,
		name: l.name, color: l.color, default: l.isDefault, description: l.description,
	};
}

function reactionsJson(url: string, counts: readonly number[] | null): Record<string, unknown> {
	const c = (i: number) => counts?.[i] ?? 0;
	const keys = ['+1', '-1', 'laugh', 'hooray', 'confused', 'heart', 'rocket', 'eyes'];
	const out: Record<string, unknown> = { url: `${url}/reactions`, total_count: REACTIONS.reduce((n, _, i) => n + c(i), 0) };
	keys.forEach((k, i) => (out[k] = c(i)));
	return out;
}

/** A repository (`GET /repos/{o}/{r}`), with `permissions` for the viewer. */
export function repoJson(b: RestBase, r: RepoRec, viewer: UserRec): Record<string, unknown> {
	const full = `${r.owner.login}/${r.name}`;
	const perm = permissionOf(viewer);
	const open = b.store.seeList(r.issues).filter(t => !t.closed).length;
	return {
		id: r.dbId, node_id: b.store.nodeId(r), name: r.name, full_name: full, private: r.isPrivate, owner: userJson(b, r.owner),
		html_url: repoUrl(b.store, r), description: r.description, fork: false, url: `${b.api}/repos/${full}`,
		issues_url: `${b.api}/repos/${full}/issues{/number}`, labels_url: `${b.api}/repos/${full}/labels{/name}`,
		created_at: iso(r.createdAt), updated_at: iso(b.store.clock()), pushed_at: iso(b.store.clock()),
		has_issues: r.hasIssuesEnabled, has_discussions: r.hasDiscussionsEnabled, has_projects: true, has_wiki: false,
		archived: false, disabled: false, visibility: r.isPrivate ? 'private' : 'public', default_branch: 'main',
		open_issues_count: open, open_issues: open,
		permissions: { admin: perm === 'ADMIN', maintain: perm === 'ADMIN' || perm === 'MAINTAIN', push: perm !== 'READ', triage: perm !== 'READ', pull: true },
	};
}

/** An issue or pull request as the issues API returns it (pull requests carry a `pull_request` key). */
export function issueJson(b: RestBase, t: ThreadRec): Record<string, unknown> {
	const full = `${t.repo.owner.login}/${t.repo.name}`;
	const url = `${b.api}/repos/${full}/issues/${t.number}`;
	const merged = t.kind === 'pr' && t.closed && t.dbId % 5 !== 0;
	const json: Record<string, unknown> = {
		url, repository_url: `${b.api}/repos/${full}`, labels_url: `${url}/labels{/name}`, comments_url: `${url}/comments`,
		events_url: `${url}/events`, html_url: threadUrl(b.store, t), id: t.dbId, node_id: b.store.nodeId(t), number: t.number,
		title: t.title, user: t.author ? userJson(b, t.author) : null, labels: b.store.seeList(t.labels).map(l => labelJson(b, l)),
		state: t.closed ? 'closed' : 'open', locked: t.locked, assignee: t.assignees[0] ? userJson(b, t.assignees[0]) : null,
		assignees: t.assignees.map(u => userJson(b, u)), milestone: null, comments: b.store.seeList(t.comments).length,
		created_at: iso(t.createdAt), updated_at: iso(t.updatedAt), closed_at: isoOrNull(t.closedAt),
		author_association: associationOf(t.author), active_lock_reason: t.locked && t.lockReason ? REST_LOCK_REASON[t.lockReason] ?? null : null,
		body: b.store.bodyOf(t), closed_by: null, reactions: reactionsJson(url, t.reactions), timeline_url: `${url}/timeline`,
		performed_via_github_app: null, state_reason: t.kind === 'pr' ? null : t.stateReason?.toLowerCase() ?? null,
	};
	if (t.kind === 'pr') {
		const pr = `${b.api}/repos/${full}/pulls/${t.number}`;
		json['draft'] = false;
		json['pull_request'] = { url: pr, html_url: threadUrl(b.store, t), diff_url: `${threadUrl(b.store, t)}.diff`, patch_url: `${threadUrl(b.store, t)}.patch`, merged_at: merged ? iso(t.closedAt) : null };
	}
	return json;
}

/** An issue comment. */
export function commentJson(b: RestBase, c: CommentRec): Record<string, unknown> {
	const full = `${c.thread.repo.owner.login}/${c.thread.repo.name}`;
	const url = `${b.api}/repos/${full}/issues/comments/${c.dbId}`;
	return {
		url, html_url: commentUrl(b.store, c), issue_url: `${b.api}/repos/${full}/issues/${c.thread.number}`, id: c.dbId,
		node_id: b.store.nodeId(c), user: c.author ? userJson(b, c.author) : null, created_at: iso(c.createdAt), updated_at: iso(c.updatedAt),
		author_association: associationOf(c.author), body: b.store.bodyOf(c), reactions: reactionsJson(url, c.reactions),
		performed_via_github_app: null,
	};
}

/** True when the user may push (label, assign, lock through REST). */
export function canPush(u: UserRec): boolean {
	return isMaintainer(u);
}
