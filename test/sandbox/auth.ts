/** Tokens (with scopes, revocation) and the hourly primary rate-limit budgets. */
import type { UserRec } from './records';

/** A personal access token known to the sandbox. */
export interface TokenRec {
	readonly token: string;
	/** Short name used in the request log (`mona`, `contributor`, …). */
	readonly name: string;
	readonly user: UserRec;
	readonly scopes: readonly string[];
	revoked: boolean;
}

/** The outcome of reading an `Authorization` header. */
export type AuthResult = { kind: 'none' } | { kind: 'bad' } | { kind: 'ok'; token: TokenRec };

/** The token registry. */
export class Tokens {
	private readonly byToken = new Map<string, TokenRec>();

	/** Registers a token. */
	add(token: string, name: string, user: UserRec, scopes: readonly string[]): TokenRec {
		const rec: TokenRec = { token, name, user, scopes, revoked: false };
		this.byToken.set(token, rec);
		return rec;
	}

	/** Reads `Authorization: token T` or `Bearer T`. */
	authenticate(header: string | undefined): AuthResult {
		if (!header) return { kind: 'none' };
		const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
		const rec = m ? this.byToken.get(m[1]!) : undefined;
		return rec && !rec.revoked ? { kind: 'ok', token: rec } : { kind: 'bad' };
	}

	/** Revokes (or, with `revoked = false`, restores) a token; returns false when unknown. */
	setRevoked(token: string, revoked: boolean): boolean {
		const rec = this.byToken.get(token);
		if (rec) rec.revoked = revoked;
		return rec !== undefined;
	}

	/** A token record by its token string. */
	get(token: string): TokenRec | undefined {
		return this.byToken.get(token);
	}
}

/** The rate-limit pools: GraphQL points, REST requests, search requests. */
export type Resource = 'graphql' | 'core' | 'search';

/** One pool's numbers, as reported in headers and `rateLimit`. */
export interface BudgetSnapshot {
	readonly resource: Resource;
	readonly limit: number;
	readonly used: number;
	readonly remaining: number;
	/** Epoch ms when the window resets. */
	readonly resetAt: number;
}

/** Default limits: 5,000 points or requests an hour; search 30 a minute; anonymous REST 60 an hour. */
export const DEFAULT_LIMITS: Readonly<Record<Resource, number>> = { graphql: 5000, core: 5000, search: 30 };

const WINDOW_MS: Readonly<Record<Resource, number>> = { graphql: 3_600_000, core: 3_600_000, search: 60_000 };

/** Per-token hourly budgets (GitHub keeps them per user; the sandbox keeps them per token so tests stay independent). */
export class Budgets {
	private readonly pools = new Map<string, { used: number; resetAt: number }>();

	/** Creates budgets with optional limit overrides. */
	constructor(private readonly limits: Readonly<Record<Resource, number>> = DEFAULT_LIMITS) {}

	private limitFor(tokenName: string, resource: Resource): number {
		return tokenName === 'anonymous' && resource === 'core' ? 60 : this.limits[resource];
	}

	private pool(tokenName: string, resource: Resource): { used: number; resetAt: number } {
		const key = `${tokenName}\u0000${resource}`;
		let p = this.pools.get(key);
		const now = Date.now();
		if (!p || p.resetAt <= now) {
			p = { used: 0, resetAt: now + WINDOW_MS[resource] };
			this.pools.set(key, p);
		}
		return p;
	}

	/** The current numbers without charging. */
	peek(tokenName: string, resource: Resource): BudgetSnapshot {
		const p = this.pool(tokenName, resource);
		const limit = this.limitFor(tokenName, resource);
		return { resource, limit, used: p.used, remaining: Math.max(0, limit - p.used), resetAt: p.resetAt };
	}

	/** Charges `cost` if it fits; returns the numbers after charging and whether it fit. */
	charge(tokenName: string, resource: Resource, cost: number): { ok: boolean; snapshot: BudgetSnapshot } {
		const before = this.peek(tokenName, resource);
		if (cost > before.remaining || before.remaining === 0) return { ok: false, snapshot: before };
		this.pool(tokenName, resource).used += cost;
		return { ok: true, snapshot: this.peek(tokenName, resource) };
	}

	/** Uses up a pool until its reset (primary exhaustion). */
	exhaust(tokenName: string, resource: Resource): void {
		this.pool(tokenName, resource).used = this.limitFor(tokenName, resource);
	}

	/** Forgets all usage. */
	reset(): void {
		this.pools.clear();
	}
}

/** The `x-ratelimit-*` headers for a snapshot. */
export function rateHeaders(s: BudgetSnapshot): Record<string, string> {
	return {
		'x-ratelimit-limit': String(s.limit),
		'x-ratelimit-remaining': String(s.remaining),
		'x-ratelimit-used': String(s.used),
		'x-ratelimit-reset': String(Math.ceil(s.resetAt / 1000)),
		'x-ratelimit-resource': s.resource,
	};
}
