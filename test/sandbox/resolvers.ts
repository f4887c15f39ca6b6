/** The GraphQL root values and the strict field/type resolvers that make unimplemented fields fail loudly. */
import type { GraphQLFieldResolver, GraphQLTypeResolver } from 'graphql';
import { offsetConnection, type ConnectionValue, type PageArgs } from './connection';
import { notImplemented, SandboxError } from './errors';
import { runSearch } from './search';
import type { AnyRec } from './store';
import { View, type GqlContext, type RateLimitValue } from './viewBase';
import { ActorView, RepositoryView, viewOf } from './views';
import { threadView } from './viewThreads';

function hasField(source: object, name: string): boolean {
	for (let p: object | null = source; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
		if (Object.prototype.hasOwnProperty.call(p, name)) return true;
	}
	return false;
}

/**
 * Reads the field from the source object (a getter or a `(args) => value` method) and throws
 * `Field 'Type.field' is not implemented by the GitHub sandbox` when the source has no such member.
 */
export const strictFieldResolver: GraphQLFieldResolver<unknown, GqlContext> = (source, args, _context, info) => {
	if (source === null || typeof source !== 'object' || info.fieldName.startsWith('_') || !hasField(source, info.fieldName)) {
		throw notImplemented(info.parentType.name, info.fieldName);
	}
	const value = (source as Record<string, unknown>)[info.fieldName];
	return typeof value === 'function' ? (value as (a: unknown) => unknown).call(source, args) : value;
};

/** Resolves interfaces and unions from the view's `__typename`. */
export const typenameResolver: GraphQLTypeResolver<unknown, GqlContext> = value => (value as { __typename?: string }).__typename;

function notFoundNode(id: string): SandboxError {
	return new SandboxError(`Could not resolve to a node with the global id of '${id}'`, 'NOT_FOUND');
}

/** Finds a visible record by node ID. */
export function findNode(c: GqlContext, id: string): AnyRec | null {
	const found = c.store.byNodeId(id);
	return found ? c.store.see(found.rec) : null;
}

type SearchArgs = PageArgs & { query: string; type: string };

/** The `Query` root. */
export class QueryRoot extends View {
	get __typename(): string { return 'Query'; }
	get viewer(): ActorView { return new ActorView(this._c, this._c.viewer); }
	get rateLimit(): RateLimitValue { return this._c.rate; }
	repository(args: { owner: string; name: string }): RepositoryView {
		const repo = this._store.repo(args.owner, args.name);
		if (!repo) throw new SandboxError(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`, 'NOT_FOUND');
		return new RepositoryView(this._c, repo);
	}
	user(args: { login: string }): ActorView {
		const u = this._store.user(args.login);
		if (!u || u.type !== 'User') throw new SandboxError(`Could not resolve to a User with the login of '${args.login}'.`, 'NOT_FOUND');
		return new ActorView(this._c, u);
	}
	organization(args: { login: string }): ActorView {
		const u = this._store.user(args.login);
		if (!u || u.type !== 'Organization') throw new SandboxError(`Could not resolve to an Organization with the login of '${args.login}'.`, 'NOT_FOUND');
		return new ActorView(this._c, u);
	}
	repositoryOwner(args: { login: string }): ActorView | null {
		const u = this._store.user(args.login);
		return u && u.type !== 'Bot' ? new ActorView(this._c, u) : null;
	}
	node(args: { id: string }): View {
		const rec = findNode(this._c, args.id);
		if (!rec) throw notFoundNode(args.id);
		return viewOf(this._c, rec);
	}
	/** Missing IDs come back as null entries, each with a NOT_FOUND error (graphql-js turns Error items into field errors). */
	nodes(args: { ids: string[] }): (View | Error)[] {
		return args.ids.map(id => {
			const rec = findNode(this._c, id);
			return rec ? viewOf(this._c, rec) : notFoundNode(id);
		});
	}
	search(args: SearchArgs): ConnectionValue<View> & Record<string, unknown> {
		if (args.type !== 'ISSUE' && args.type !== 'DISCUSSION') throw notImplemented('Query', `search(type: ${args.type})`);
		const hits = runSearch(this._store, args.type, args.query);
		const conn = offsetConnection(hits, args, t => threadView(this._c, t));
		return {
			...conn,
			issueCount: args.type === 'ISSUE' ? hits.length : 0,
			discussionCount: args.type === 'DISCUSSION' ? hits.length : 0,
			repositoryCount: 0, userCount: 0, codeCount: 0, wikiCount: 0,
		};
	}
}
