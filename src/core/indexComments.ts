// The comments part of the disk cache and its decoder (performance.md B4, B7). The part is written so
// that reading it never blocks the extension host for long: the columns are stored in chunks of
// `COMMENT_CHUNK_ROWS` rows as plain strings (comma-separated numbers, ids as a JSON array in a
// string), so `JSON.parse` of the whole file only copies a few hundred long strings, and the rows are
// decoded chunk by chunk in time slices (`CommentDecoder.step`) between which the caller yields.
// GitHub's node ids have no spaces, so a chunk's ids are joined by spaces (a chunk holding an id
// with one, which GitHub never sends, is written as a JSON array instead).
// Comments refer to their items by id (the part lists the item ids it was written against), so a
// torn pair (items and comments of different writes) is attached by id instead of being thrown away:
// comments of items the items part lacks are dropped (their items get fetched again), and items that
// changed after the comments were written are reported as stale (their comments are fetched again).
// Pure: no I/O, no timers; the clock is passed in.

/** Layout version of the comments part (the items part has `INDEX_FORMAT`). 4: chunked string columns, items by id. */
export const COMMENTS_FORMAT = 4;
/** Rows per chunk of the comments part: one chunk decodes in a few milliseconds. */
export const COMMENT_CHUNK_ROWS = 2048;

/** One chunk of comment rows: every column but `ids` holds comma-separated integers. */
export interface SerializedCommentChunk {
	/** The comment ids joined by spaces, or (when one has a space) a JSON array of them. */
	readonly ids: string;
	/** Indexes into the part's `items`. */
	readonly item: string;
	/** Indexes into the part's `authors`. */
	readonly author: string;
	readonly assoc: string;
	/** Epoch seconds. */
	readonly created: string;
	readonly flags: string;
	/** Row (over all chunks) of the top-level comment a reply answers; -1 for top-level comments. */
	readonly parent: string;
}

/** The comments part of the disk cache, attached to an items-only index later (the big one). */
export interface SerializedIndexComments {
	readonly format: typeof COMMENTS_FORMAT;
	/** The items part's generation when both were written together; another one means a torn pair. */
	readonly generation: string;
	/** JSON array of the ids of the items the rows refer to (in the index's order when written). */
	readonly items: string;
	/** Comma-separated `updatedAt` (epoch ms) of those items when this part was written. */
	readonly itemUpdated: string;
	readonly authors: string[];
	/** Rows over all chunks. */
	readonly count: number;
	readonly chunks: SerializedCommentChunk[];
	/** Items whose comments continue after this cursor (overflow beyond the first page). */
	readonly cursors: Record<string, string>;
}

/** The comment columns of an index, as {@link encodeComments} reads them. */
export interface CommentColumnsSource {
	readonly length: number;
	readonly ids: readonly string[];
	readonly item: Int32Array;
	readonly author: Int32Array;
	readonly assoc: Uint8Array;
	/** Epoch ms. */
	readonly created: Float64Array;
	readonly flags: Uint8Array;
	readonly parent: Int32Array;
	readonly authors: readonly string[];
	readonly items: readonly { readonly id: string; readonly updatedAt: number }[];
	readonly cursors: ReadonlyMap<string, string>;
}

/** Serializes comment columns as a {@link SerializedIndexComments} (a snapshot). */
export function encodeComments(source: CommentColumnsSource, generation: string): SerializedIndexComments {
	const chunks: SerializedCommentChunk[] = [];
	const join = (column: Int32Array | Uint8Array, from: number, to: number) => column.subarray(from, to).join(',');
	for (let from = 0; from < source.length; from += COMMENT_CHUNK_ROWS) {
		const to = Math.min(source.length, from + COMMENT_CHUNK_ROWS);
		chunks.push({
			ids: encodeIds(source.ids.slice(from, to)),
			item: join(source.item, from, to),
			author: join(source.author, from, to),
			assoc: join(source.assoc, from, to),
			created: Array.from(source.created.subarray(from, to), ms => Math.round(ms / 1000)).join(','),
			flags: join(source.flags, from, to),
			parent: join(source.parent, from, to),
		});
	}
	return {
		format: COMMENTS_FORMAT,
		generation,
		items: JSON.stringify(source.items.map(i => i.id)),
		itemUpdated: source.items.map(i => i.updatedAt).join(','),
		authors: source.authors.slice(),
		count: source.length,
		chunks,
		cursors: Object.fromEntries(source.cursors),
	};
}

/** Checks the shape of the comments part (cheap: the rows are checked as they are decoded). */
export function isSerializedIndexComments(data: unknown): data is SerializedIndexComments {
	const d = data as Partial<SerializedIndexComments> | null;
	return typeof d === 'object' && d !== null && d.format === COMMENTS_FORMAT && typeof d.generation === 'string'
		&& typeof d.items === 'string' && typeof d.itemUpdated === 'string' && Number.isInteger(d.count) && d.count! >= 0
		&& Array.isArray(d.authors) && d.authors.every(a => typeof a === 'string')
		&& typeof d.cursors === 'object' && d.cursors !== null && Object.values(d.cursors).every(v => typeof v === 'string')
		&& Array.isArray(d.chunks) && d.chunks.every(isChunk);
}

const CHUNK_COLUMNS = ['ids', 'item', 'author', 'assoc', 'created', 'flags', 'parent'] as const;

function isChunk(value: unknown): value is SerializedCommentChunk {
	const c = value as Record<string, unknown> | null;
	return typeof c === 'object' && c !== null && CHUNK_COLUMNS.every(k => typeof c[k] === 'string');
}

/** What the decoder needs of the index it decodes for. */
export interface CommentDecodeTarget {
	/** The generation of the items part the index was loaded from. */
	readonly generation: string;
	/** The current row of an item, by id (undefined: the index lacks it). */
	itemRow(id: string): number | undefined;
	/** The index's items now (rows as `itemRow` gives them). */
	items(): readonly { readonly id: string; readonly updatedAt: number; readonly kind: string }[];
	/** The index's code of an author login (interned on first use). */
	authorCode(login: string): number;
	/** How many association codes there are. */
	readonly associations: number;
}

/** The decoded rows, ready to be adopted by the index in one step. */
export interface DecodedComments {
	readonly length: number;
	readonly ids: string[];
	readonly item: Int32Array;
	readonly author: Int32Array;
	readonly assoc: Uint8Array;
	/** Epoch ms. */
	readonly created: Float64Array;
	readonly flags: Uint8Array;
	readonly parent: Int32Array;
	readonly rowOf: Map<string, number>;
	/** Top-level comments per item id. */
	readonly topLevel: Map<string, number>;
	readonly cursors: Map<string, string>;
	/** True when the part was written with items of another generation. */
	readonly torn: boolean;
	/** Rows dropped because the index lacks their item. */
	readonly dropped: number;
	/**
	 * Items whose stored comments may be incomplete: unknown to the part, or changed after it was
	 * written. Empty unless torn.
	 */
	readonly stale: readonly string[];
}

/** The state of a {@link CommentDecoder} after a step. */
export type DecodeState = 'more' | 'done' | 'invalid';

/**
 * Decodes a comments part in steps: each {@link step} runs whole units (a chunk of rows at most)
 * until its deadline, so a caller can yield to the event loop between steps. Invalid data (a value
 * out of range, a column of the wrong length) ends in `invalid` and nothing is returned.
 */
export class CommentDecoder {
	private state: DecodeState = 'more';
	private phase: 'header' | 'lookup' | 'map' | 'rows' | 'finish' = 'header';
	private chunk = 0;
	private itemIds: string[] = [];
	private itemUpdated: number[] = [];
	private authorCodes: number[] = [];
	/** The index's row of each item of the part (-1: the index lacks it). */
	private itemRows = new Int32Array(0);
	/** Per part row: the index's item row (-1: dropped). */
	private rowItem = new Int32Array(0);
	/** Per part row: its row after dropping (-1: dropped). */
	private newRow = new Int32Array(0);
	private out: Omit<DecodedComments, 'torn' | 'dropped' | 'stale'> | undefined;
	private kept = 0;
	private stale: string[] = [];
	/** Scratch columns of one chunk (reused: decoding makes no garbage but the ids). */
	private readonly scratch = Array.from({ length: 6 }, () => new Float64Array(COMMENT_CHUNK_ROWS));

	constructor(private readonly data: SerializedIndexComments, private readonly target: CommentDecodeTarget) {}

	/** Decodes until `now() >= deadline` (at least one unit); `done` once {@link result} is ready. */
	step(deadline: number, now: () => number): DecodeState {
		do {
			if (this.state !== 'more') return this.state;
			try {
				if (!this.unit()) this.state = 'invalid';
			} catch {
				this.state = 'invalid';
			}
		} while (now() < deadline);
		return this.state;
	}

	/** The decoded rows, once {@link step} returned `done`. */
	result(): DecodedComments | undefined {
		if (this.state !== 'done' || !this.out) return undefined;
		return { ...this.out, torn: this.data.generation !== this.target.generation, dropped: this.data.count - this.kept, stale: this.stale };
	}

	/** Runs one unit of work; false when the data is invalid. */
	private unit(): boolean {
		switch (this.phase) {
			case 'header':
				this.phase = 'lookup';
				return this.header();
			case 'lookup':
				this.phase = 'map';
				this.lookup();
				return true;
			case 'map':
				return this.mapChunk();
			case 'rows':
				return this.rowsChunk();
			case 'finish':
				this.finish();
				this.state = 'done';
				return true;
		}
	}

	private header(): boolean {
		const d = this.data;
		const ids: unknown = JSON.parse(d.items);
		if (!Array.isArray(ids) || !ids.every(id => typeof id === 'string')) return false;
		this.itemIds = ids as string[];
		this.itemUpdated = d.itemUpdated === '' ? [] : d.itemUpdated.split(',').map(Number);
		if (this.itemUpdated.length !== ids.length || !this.itemUpdated.every(Number.isFinite)) return false;
		return d.chunks.length === Math.ceil(d.count / COMMENT_CHUNK_ROWS);
	}

	/** The index's rows of the part's items and codes of its authors. */
	private lookup(): void {
		const rows = new Int32Array(this.itemIds.length);
		for (let i = 0; i < rows.length; i++) rows[i] = this.target.itemRow(this.itemIds[i]!) ?? -1;
		this.itemRows = rows;
		this.authorCodes = this.data.authors.map(a => this.target.authorCode(a));
		this.rowItem = new Int32Array(this.data.count);
		this.newRow = new Int32Array(this.data.count);
		if (this.data.count === 0) {
			this.allocate();
			this.phase = 'finish';
		}
	}

	/** First pass over one chunk: which rows stay (their item is in the index) and where they go. */
	private mapChunk(): boolean {
		const from = this.chunk * COMMENT_CHUNK_ROWS;
		const items = this.numbers(this.data.chunks[this.chunk]!.item, from, 0);
		if (!items) return false;
		for (let i = 0; i < items.length; i++) {
			const ref = items[i]!;
			if (!Number.isInteger(ref) || ref < 0 || ref >= this.itemRows.length) return false;
			const row = this.itemRows[ref]!;
			this.rowItem[from + i] = row;
			this.newRow[from + i] = row < 0 ? -1 : this.kept++;
		}
		if (++this.chunk === this.data.chunks.length) {
			this.chunk = 0;
			this.phase = this.data.count ? 'rows' : 'finish';
			this.allocate();
		}
		return true;
	}

	private allocate(): void {
		const n = this.kept;
		this.out = {
			length: n, ids: new Array<string>(n), item: new Int32Array(n), author: new Int32Array(n), assoc: new Uint8Array(n),
			created: new Float64Array(n), flags: new Uint8Array(n), parent: new Int32Array(n),
			rowOf: new Map(), topLevel: new Map(), cursors: new Map(),
		};
	}

	/** Second pass over one chunk: the kept rows, checked and stored. */
	private rowsChunk(): boolean {
		const chunk = this.data.chunks[this.chunk]!;
		const from = this.chunk * COMMENT_CHUNK_ROWS;
		const ids = decodeIds(chunk.ids);
		const author = this.numbers(chunk.author, from, 1);
		const assoc = this.numbers(chunk.assoc, from, 2);
		const created = this.numbers(chunk.created, from, 3);
		const flags = this.numbers(chunk.flags, from, 4);
		const parent = this.numbers(chunk.parent, from, 5);
		if (!ids || ids.length !== (author?.length ?? -1) || !author || !assoc || !created || !flags || !parent) return false;
		const out = this.out!;
		const items = this.target.items();
		for (let i = 0; i < ids.length; i++) {
			const to = this.newRow[from + i]!;
			if (to < 0) continue;
			const id = ids[i];
			const a = author[i]!;
			const p = parent[i]!;
			if (!id || !inRange(a, this.authorCodes.length) || !inRange(assoc[i]!, this.target.associations)
				|| !inRange(flags[i]!, 64) || p < -1 || p >= this.data.count) {
				return false;
			}
			const itemRow = this.rowItem[from + i]!;
			out.ids[to] = id;
			out.rowOf.set(id, to);
			out.item[to] = itemRow;
			out.author[to] = this.authorCodes[a]!;
			out.assoc[to] = assoc[i]!;
			out.created[to] = created[i]! * 1000;
			out.flags[to] = flags[i]!;
			out.parent[to] = p < 0 ? -1 : this.newRow[p]!;
			if (p < 0) {
				const itemId = items[itemRow]!.id;
				out.topLevel.set(itemId, (out.topLevel.get(itemId) ?? 0) + 1);
			}
		}
		if (++this.chunk === this.data.chunks.length) this.phase = 'finish';
		return true;
	}

	/** Cursors of known items; on a torn pair, the items whose comments may be incomplete. */
	private finish(): void {
		const out = this.out!;
		for (const [id, cursor] of Object.entries(this.data.cursors)) {
			if (this.target.itemRow(id) !== undefined) out.cursors.set(id, cursor);
		}
		if (this.data.generation === this.target.generation) return;
		const writtenAt = new Map(this.itemIds.map((id, i) => [id, this.itemUpdated[i]!]));
		for (const item of this.target.items()) {
			const then = writtenAt.get(item.id);
			if (then === undefined || item.updatedAt > then) this.stale.push(item.id);
		}
	}

	/**
	 * The integers of a column of the chunk starting at row `from`, in scratch column `slot` (a view
	 * of the chunk's length); undefined when the column is malformed or of the wrong length.
	 */
	private numbers(column: string, from: number, slot: number): Float64Array | undefined {
		const rows = Math.min(COMMENT_CHUNK_ROWS, this.data.count - from);
		const out = this.scratch[slot]!.subarray(0, rows);
		return readIntegers(column, out) === rows ? out : undefined;
	}
}

/** Ids joined by spaces, or a JSON array when one of them has a space or the first starts with `[`. */
function encodeIds(ids: readonly string[]): string {
	return ids.some(id => id.includes(' ') || id === '') || ids[0]?.startsWith('[') ? JSON.stringify(ids) : ids.join(' ');
}

/** The ids of a chunk; undefined when they are malformed. */
function decodeIds(text: string): readonly string[] | undefined {
	if (!text.startsWith('[')) return text === '' ? [] : text.split(' ');
	const ids: unknown = JSON.parse(text);
	return Array.isArray(ids) && ids.every(id => typeof id === 'string') ? ids as string[] : undefined;
}

const COMMA = 44;
const MINUS = 45;
const ZERO = 48;

/**
 * Reads comma-separated integers (`-?[0-9]+`) into `out` without allocating; returns how many, or
 * -1 when the text is malformed or holds more than `out` fits.
 */
export function readIntegers(text: string, out: Float64Array): number {
	if (text === '') return 0;
	let n = 0;
	let i = 0;
	while (i <= text.length) {
		const negative = text.charCodeAt(i) === MINUS;
		if (negative) i++;
		const start = i;
		let value = 0;
		for (let digit = text.charCodeAt(i) - ZERO; digit >= 0 && digit <= 9; digit = text.charCodeAt(i) - ZERO) {
			value = value * 10 + digit;
			i++;
		}
		if (i === start || i - start > 15 || n >= out.length || (i < text.length && text.charCodeAt(i) !== COMMA)) return -1;
		out[n++] = negative ? -value : value;
		i++;
	}
	return n;
}

function inRange(value: number, max: number): boolean {
	return value >= 0 && value < max;
}
