/** The request log that tests and the benchmark read. */

/** What kind of endpoint a request hit. */
export type RequestKind = 'graphql' | 'rest' | 'control';

/** One request. */
export interface LogEntry {
	seq: number;
	method: string;
	path: string;
	kind: RequestKind;
	operationName: string | null;
	/** True for GraphQL mutations and REST writes. */
	mutation: boolean;
	/** The mutation fields of a GraphQL mutation (e.g. `['addDiscussionComment']`). */
	mutations: string[];
	/** Points (GraphQL) or 1 (REST) actually charged; 0 for 304s and rejected requests. */
	cost: number;
	nodeCount: number;
	status: number;
	/** The token's name (`mona`, `contributor`, …), `anonymous`, or null for bad credentials. */
	tokenId: string | null;
	/** Epoch ms (real time). */
	startedAt: number;
	durationMs: number;
	bytes: number;
	etagHit: boolean;
	/** The fault that fired, if any (e.g. `storeThen502`). */
	fault: string | null;
	/** Requests in flight when this one started, itself included. */
	inFlight: number;
	/** Latency from the latency model, when one is configured. */
	modelledMs: number | null;
	/** Request headers (lower-case names); the credential in `authorization` is shortened to its last 4 characters. */
	headers: Record<string, string>;
}

/** Copies request headers for the log, shortening credentials (`token …abcd`). */
export function loggedHeaders(raw: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(raw)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		out[name] = name === 'authorization' ? text.replace(/^(\S+\s+)?\S*?(\S{0,4})$/, (_m, scheme: string | undefined, tail: string) => `${scheme ?? ''}…${tail}`) : text;
	}
	return out;
}

/** The log, with the measurements the benchmark needs. */
export class RequestLog {
	readonly entries: LogEntry[] = [];
	private seq = 0;

	/** Starts an entry (the server fills in the rest as the request proceeds). */
	begin(method: string, path: string, kind: RequestKind, inFlight: number, headers: Record<string, string> = {}): LogEntry {
		const entry: LogEntry = {
			seq: ++this.seq, method, path, kind, operationName: null, mutation: false, mutations: [], cost: 0, nodeCount: 0, status: 0,
			tokenId: null, startedAt: performance.timeOrigin + performance.now(), durationMs: 0, bytes: 0, etagHit: false, fault: null, inFlight, modelledMs: null, headers,
		};
		this.entries.push(entry);
		return entry;
	}

	/** Forgets all entries (sequence numbers keep increasing). */
	clear(): void {
		this.entries.length = 0;
	}

	/** Entries of one kind (default: GraphQL and REST, not control). */
	api(kind?: RequestKind): LogEntry[] {
		return this.entries.filter(e => (kind ? e.kind === kind : e.kind !== 'control'));
	}

	/** The most requests of a kind that were in flight at once. */
	maxInFlight(kind?: RequestKind): number {
		const spans = this.api(kind).map(e => [e.startedAt, e.startedAt + e.durationMs] as const);
		const events = spans.flatMap(([s, e]) => [[s, 1], [e, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
		let now = 0;
		let max = 0;
		for (const [, d] of events) max = Math.max(max, (now += d));
		return max;
	}

	/** The smallest gap in ms between the starts of consecutive matching requests (Infinity for fewer than two). */
	minGapMs(filter: (e: LogEntry) => boolean = e => e.mutation): number {
		const starts = this.entries.filter(filter).map(e => e.startedAt).sort((a, b) => a - b);
		let gap = Infinity;
		for (let i = 1; i < starts.length; i++) gap = Math.min(gap, starts[i]! - starts[i - 1]!);
		return gap;
	}

	/** Request count and charged points/requests of a kind. */
	totals(kind?: RequestKind): { requests: number; cost: number; bytes: number } {
		const list = this.api(kind);
		return { requests: list.length, cost: list.reduce((n, e) => n + e.cost, 0), bytes: list.reduce((n, e) => n + e.bytes, 0) };
	}
}
