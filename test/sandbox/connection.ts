/** Relay connections over store lists: keyset cursors (like GitHub's `cursor:v2:`) and offset cursors (search). */
import { SandboxError } from './errors';

/** The pagination arguments every connection takes. */
export interface PageArgs {
	readonly first?: number | null;
	readonly last?: number | null;
	readonly after?: string | null;
	readonly before?: string | null;
}

/** A `PageInfo` value. */
export interface PageInfoValue {
	readonly hasNextPage: boolean;
	readonly hasPreviousPage: boolean;
	readonly startCursor: string | null;
	readonly endCursor: string | null;
}

/** A connection value (any `XConnection` type). */
export interface ConnectionValue<N> {
	readonly totalCount: number;
	readonly pageInfo: PageInfoValue;
	readonly nodes: N[];
	readonly edges: { cursor: string; node: N }[];
}

/** A sort key: the ordered value, then a unique tie-breaker (the database ID). */
export type SortKey = readonly [number, number];

function compareKeys(a: SortKey, b: SortKey, desc: boolean): number {
	const d = a[0] - b[0] || a[1] - b[1];
	return desc ? -d : d;
}

/** Sorts a copy of `items` by key (each key computed once). */
export function sortByKey<T>(items: readonly T[], key: (t: T) => SortKey, desc: boolean): T[] {
	const keyed = items.map(item => ({ item, k: key(item) }));
	keyed.sort((a, b) => compareKeys(a.k, b.k, desc));
	return keyed.map(x => x.item);
}

function encodeKeyCursor(k: SortKey): string {
	return Buffer.from(`cursor:v2:${k[0]}:${k[1]}`).toString('base64');
}

function invalidCursor(value: string): SandboxError {
	return new SandboxError(`\`${value}\` does not appear to be a valid cursor.`, 'INVALID_CURSOR_ARGUMENTS');
}

function decodeKeyCursor(value: string): SortKey {
	const m = /^cursor:v2:(-?\d+):(\d+)$/.exec(Buffer.from(value, 'base64').toString('utf8'));
	if (!m) throw invalidCursor(value);
	return [Number(m[1]), Number(m[2])];
}

/** First index whose key compares greater than (or, with `inclusive`, equal to) `k`. */
function boundary<T>(items: readonly T[], key: (t: T) => SortKey, k: SortKey, desc: boolean, inclusive: boolean): number {
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		const c = compareKeys(key(items[mid]!), k, desc);
		if (c > 0 || (inclusive && c === 0)) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

function window(total: number, start: number, end: number, args: PageArgs): [number, number] {
	let s = start;
	let e = Math.max(start, end);
	if (args.first != null) e = Math.min(e, s + args.first);
	if (args.last != null) s = Math.max(s, e - args.last);
	return [Math.min(s, total), Math.min(e, total)];
}

function build<T, N>(items: readonly T[], s: number, e: number, cursorOf: (t: T, i: number) => string, toNode: (t: T) => N, totalCount: number): ConnectionValue<N> {
	const edges = items.slice(s, e).map((t, i) => ({ cursor: cursorOf(t, s + i), node: toNode(t) }));
	return {
		totalCount,
		pageInfo: {
			hasNextPage: e < items.length,
			hasPreviousPage: s > 0,
			startCursor: edges[0]?.cursor ?? null,
			endCursor: edges[edges.length - 1]?.cursor ?? null,
		},
		nodes: edges.map(x => x.node),
		edges,
	};
}

/**
 * A page of a list sorted by `key` (ascending, or descending with `desc`). Cursors name the last
 * item's key, so pages stay consistent when items are added or re-sorted between requests.
 */
export function keysetConnection<T, N>(
	sorted: readonly T[], args: PageArgs, key: (t: T) => SortKey, desc: boolean, toNode: (t: T) => N,
): ConnectionValue<N> {
	const start = args.after ? boundary(sorted, key, decodeKeyCursor(args.after), desc, false) : 0;
	const end = args.before ? boundary(sorted, key, decodeKeyCursor(args.before), desc, true) : sorted.length;
	const [s, e] = window(sorted.length, start, end, args);
	return build(sorted, s, e, t => encodeKeyCursor(key(t)), toNode, sorted.length);
}

function decodeOffsetCursor(value: string): number {
	const m = /^cursor:(\d+)$/.exec(Buffer.from(value, 'base64').toString('utf8'));
	if (!m) throw invalidCursor(value);
	return Number(m[1]);
}

/** A page by position, as search uses (`Y3Vyc29yOjE=` = `cursor:1`); only the first `limit` items are reachable. */
export function offsetConnection<T, N>(items: readonly T[], args: PageArgs, toNode: (t: T) => N, limit = 1000): ConnectionValue<N> {
	const reachable = items.length > limit ? items.slice(0, limit) : items;
	const start = args.after ? Math.min(decodeOffsetCursor(args.after), reachable.length) : 0;
	const end = args.before ? Math.max(0, decodeOffsetCursor(args.before) - 1) : reachable.length;
	const [s, e] = window(reachable.length, start, end, args);
	return build(reachable, s, e, (_t, i) => Buffer.from(`cursor:${i + 1}`).toString('base64'), toNode, items.length);
}

/** Wraps a whole small list as a connection (for lists with no meaningful order key). */
export function listConnection<T, N>(items: readonly T[], args: PageArgs, toNode: (t: T) => N): ConnectionValue<N> {
	return offsetConnection(items, args, toNode, Number.MAX_SAFE_INTEGER);
}
