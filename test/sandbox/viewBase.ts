/** The execution context of a GraphQL request and the base of every resolver view. */
import type { RepoRec, ThreadRec, CommentRec, UserRec } from './records';
import type { Store } from './store';
import { isMaintainer } from './store';

/** The value of `rateLimit` for the current request. */
export interface RateLimitValue {
	readonly cost: number;
	readonly limit: number;
	readonly remaining: number;
	readonly used: number;
	readonly resetAt: string;
	readonly nodeCount: number;
}

/** What resolvers can see: the data, who is asking and the request's rate-limit numbers. */
export interface GqlContext {
	readonly store: Store;
	readonly viewer: UserRec;
	readonly scopes: readonly string[];
	readonly rate: RateLimitValue;
}

/**
 * Base of the resolver views. A view exposes exactly the schema fields the sandbox implements, as
 * getters or methods (`(args) => value`); the field resolver fails loudly for anything else.
 * Internal members start with `_`, which no schema field does.
 */
export abstract class View {
	/** Creates a view in a request context. */
	constructor(readonly _c: GqlContext) {}

	/** The GraphQL type name, used to resolve unions and interfaces. */
	abstract get __typename(): string;

	protected get _store(): Store {
		return this._c.store;
	}

	protected get _triager(): boolean {
		return isMaintainer(this._c.viewer);
	}
}

/** `https://github.com/owner/name`. */
export function repoUrl(store: Store, repo: RepoRec): string {
	return `${store.webBase}/${repo.owner.login}/${repo.name}`;
}

/** The web URL of a thread (`…/issues/7`, `…/pull/7`, `…/discussions/7`). */
export function threadUrl(store: Store, t: ThreadRec): string {
	const segment = t.kind === 'discussion' ? 'discussions' : t.kind === 'pr' ? 'pull' : 'issues';
	return `${repoUrl(store, t.repo)}/${segment}/${t.number}`;
}

/** The web URL of a comment (`…#issuecomment-N` / `…#discussioncomment-N`). */
export function commentUrl(store: Store, c: CommentRec): string {
	const anchor = c.thread.kind === 'discussion' ? 'discussioncomment' : 'issuecomment';
	return `${threadUrl(store, c.thread)}#${anchor}-${c.dbId}`;
}

/** A user's avatar URL. */
export function avatarUrl(store: Store, user: UserRec, size?: number | null): string {
	return `${store.avatarBase}/u/${user.dbId}?${size ? `s=${size}&` : ''}v=4`;
}

/** A user's profile URL (bots live under `/apps/`). */
export function profileUrl(store: Store, user: UserRec): string {
	return user.type === 'Bot' ? `${store.webBase}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${store.webBase}/${user.login}`;
}
