/**
 * Fault injection. A fault matches requests by kind, GraphQL operation name, mutation name, HTTP
 * method and/or path regex, and fires `times` times (default 1; `null`, -1 or Infinity = always).
 * Request faults act before the request is handled; write faults act on GraphQL mutations and REST
 * writes only.
 */
import { Rng } from './prng';

/** Faults that act before the request is handled. */
export type RequestFaultMode =
	/** Adds `ms` of latency. */
	| 'latency'
	/** Answers `status` (default 502) with GitHub's body for it (or `body`). */
	| 'status'
	/** Destroys the socket without answering. */
	| 'drop'
	/** Never answers (until the client gives up or the sandbox closes). */
	| 'hang'
	/** 403 (or `status` 429) "You have exceeded a secondary rate limit…" with `retry-after: retryAfter` (default 60). */
	| 'secondaryRateLimit'
	/** Uses up the token's primary budget for the request's resource, then handles the request (which is then rejected). */
	| 'exhaustBudget'
	/** GraphQL: HTTP 200 with `{"errors":[{"type": type, "message": message}]}` (default: GitHub's "Something went wrong"). */
	| 'graphqlError';

/** Faults that act on writes. */
export type WriteFaultMode =
	/** Stores the write, then answers 502. */
	| 'storeThen502'
	/** Stores the write, then destroys the socket. */
	| 'storeThenDrop'
	/** Stores the write and answers normally, but reads do not see it for `ms` (default 2000). */
	| 'storeHideFromReads'
	/** Answers `status` (default 502) without storing anything. */
	| 'failWithoutStore';

/** Every fault mode. */
export type FaultMode = RequestFaultMode | WriteFaultMode;

/** A fault to add (programmatically or as JSON to `POST /_sandbox/faults`). */
export interface FaultSpec {
	readonly mode: FaultMode;
	readonly kind?: 'graphql' | 'rest';
	/** GraphQL operation name, exact. */
	readonly operationName?: string;
	/** GraphQL mutation field name (e.g. `addDiscussionComment`), exact. */
	readonly mutation?: string;
	/** HTTP method, case-insensitive. */
	readonly method?: string;
	/** Regex (source string or RegExp) tested against the path without the query string. */
	readonly path?: string | RegExp;
	/** Only for requests made with the token of this name (`mona`, `contributor`, …). */
	readonly tokenName?: string;
	/** How many times it fires; default 1; null, -1 or Infinity = every time. */
	readonly times?: number | null;
	/** Chance (0..1) that a matching request triggers it (seeded, so runs repeat). Default 1. */
	readonly probability?: number;
	readonly ms?: number;
	readonly status?: number;
	readonly retryAfter?: number;
	readonly body?: unknown;
	readonly type?: string;
	readonly message?: string;
}

/** An active fault. */
export interface Fault extends FaultSpec {
	readonly id: number;
	fired: number;
}

/** What a request looks like to the fault matcher. */
export interface RequestInfo {
	readonly kind: 'graphql' | 'rest';
	readonly method: string;
	readonly path: string;
	readonly operationName: string | null;
	readonly mutations: readonly string[];
	readonly isWrite: boolean;
	readonly tokenName: string | null;
}

const WRITE_MODES: ReadonlySet<FaultMode> = new Set<FaultMode>(['storeThen502', 'storeThenDrop', 'storeHideFromReads', 'failWithoutStore']);

/** True for modes that act on writes. */
export function isWriteMode(mode: FaultMode): mode is WriteFaultMode {
	return WRITE_MODES.has(mode);
}

const ALL_MODES: ReadonlySet<string> = new Set(['latency', 'status', 'drop', 'hang', 'secondaryRateLimit', 'exhaustBudget', 'graphqlError', ...WRITE_MODES]);

/** The registry of active faults. */
export class Faults {
	private list: Fault[] = [];
	private nextId = 1;
	private readonly rng: Rng;

	/** Creates an empty registry; `seed` drives `probability`. */
	constructor(seed = 1) {
		this.rng = new Rng(seed ^ 0x5eed);
	}

	/** Adds a fault; throws on an unknown mode. */
	add(spec: FaultSpec): Fault {
		if (!ALL_MODES.has(spec.mode)) throw new Error(`Unknown fault mode '${String(spec.mode)}'`);
		if (spec.path !== undefined) new RegExp(spec.path);
		const fault: Fault = { ...spec, id: this.nextId++, fired: 0 };
		this.list.push(fault);
		return fault;
	}

	/** Removes every fault. */
	clear(): void {
		this.list = [];
	}

	/** The active faults. */
	active(): readonly Fault[] {
		return this.list;
	}

	private matches(f: Fault, r: RequestInfo): boolean {
		if (f.kind && f.kind !== r.kind) return false;
		if (f.operationName && f.operationName !== r.operationName) return false;
		if (f.mutation && !r.mutations.includes(f.mutation)) return false;
		if (f.method && f.method.toUpperCase() !== r.method) return false;
		if (f.path !== undefined && !new RegExp(f.path).test(r.path)) return false;
		if (f.tokenName && f.tokenName !== r.tokenName) return false;
		return !isWriteMode(f.mode) || r.isWrite;
	}

	private fire(f: Fault): void {
		f.fired++;
		const limit = f.times === undefined ? 1 : f.times === null || f.times < 0 ? Infinity : f.times;
		if (f.fired >= limit) this.list = this.list.filter(x => x !== f);
	}

	/**
	 * Takes the faults that fire for a request. Phase `request` (on arrival): every matching latency
	 * fault plus the first matching request fault. Phase `write` (just before a write is stored,
	 * after authentication and budget checks): the first matching write fault. Each taken fault
	 * counts one firing.
	 */
	take(r: RequestInfo, phase: 'request' | 'write' = 'request'): { latencyMs: number; fault: Fault | null } {
		let latencyMs = 0;
		let fault: Fault | null = null;
		for (const f of [...this.list]) {
			if (isWriteMode(f.mode) !== (phase === 'write')) continue;
			if (!this.matches(f, r) || (f.mode !== 'latency' && fault)) continue;
			if (f.probability !== undefined && this.rng.next() >= f.probability) continue;
			this.fire(f);
			if (f.mode === 'latency') latencyMs += f.ms ?? 0;
			else fault = f;
		}
		return { latencyMs, fault };
	}
}
