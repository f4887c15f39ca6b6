import { CommentDecoder, encodeComments, isSerializedIndexComments, type DecodedComments, type SerializedIndexComments } from './indexComments';
import type { AuthorAssociation } from './model';

// The compact repository index: everything the trees, the triage queue and the stats need, with no
// bodies (performance.md §0, B7). Items are small records; comment events are struct-of-arrays
// (typed columns, interned authors), about 20 bytes per event instead of ~200 for GitHub-shaped
// objects. Pure: the sync engine fills it; the disk cache keeps it as two parts, a small items part
// the trees read first (`toItemsJSON`) and the comment columns attached later (`toCommentsJSON`).

/** What an indexed item is. */
export type IndexItemKind = 'issue' | 'discussion';

/** An issue or discussion as the sync delivers it and the index keeps it. Times are epoch ms. */
export interface IndexedItem {
	readonly id: string;
	readonly number: number;
	readonly kind: IndexItemKind;
	readonly title: string;
	readonly closed: boolean;
	/** Epoch ms of the last close, when closed (older caches and optimistic updates may lack it). */
	readonly closedAt?: number;
	readonly stateReason?: string;
	readonly locked: boolean;
	readonly author: string;
	readonly association: AuthorAssociation;
	readonly createdAt: number;
	readonly updatedAt: number;
	readonly categoryId?: string;
	/** Discussions in answerable categories only. */
	readonly isAnswered?: boolean;
	/** Epoch ms when the current answer was chosen (answered discussions). */
	readonly answerChosenAt?: number;
	/** Label names; undefined when the page did not ask (the stored value is then kept). */
	readonly labels?: readonly string[];
	/** Assignee logins; undefined when the page did not ask. */
	readonly assignees?: readonly string[];
	/** Top-level comments according to GitHub. */
	readonly commentCount: number;
}

/** A comment event: an issue comment, a discussion comment or a reply. */
export interface CommentEvent {
	readonly id: string;
	readonly itemId: string;
	readonly author: string;
	readonly association: AuthorAssociation;
	readonly createdAt: number;
	readonly isAnswer: boolean;
	readonly minimized: boolean;
	/**
	 * Why it is minimized, as GraphQL reports it (`spam`, `abuse`, `off-topic`, `outdated`, `resolved`,
	 * `duplicate`); the index keeps those six and reads anything else back as `other`.
	 */
	readonly minimizedReason?: string;
	/** The top-level comment a reply answers. */
	readonly replyTo?: string;
}

/** Where a resumable backfill stands; persisted with the index. */
export interface SyncCheckpoint {
	/** Passes finished, in order. */
	readonly done: readonly string[];
	/** The pass in progress and the cursor after its last stored page. */
	readonly current?: { readonly pass: string; readonly cursor?: string };
}

const ASSOCIATIONS: readonly AuthorAssociation[] = ['OWNER', 'MEMBER', 'COLLABORATOR', 'CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'FIRST_TIMER', 'MANNEQUIN', 'NONE'];
const ASSOCIATION_CODE = new Map(ASSOCIATIONS.map((a, i) => [a, i]));
const FLAG_ANSWER = 1;
const FLAG_MINIMIZED = 2;
/** Bits 3–5 of the flags: the minimized reason, as an index into {@link MINIMIZED_REASONS} (0: none known). */
const REASON_SHIFT = 3;
const REASON_MASK = 7 << REASON_SHIFT;
const MINIMIZED_REASONS: readonly string[] = ['', 'spam', 'abuse', 'off-topic', 'outdated', 'resolved', 'duplicate', 'other'];
const REASON_CODE = new Map(MINIMIZED_REASONS.map((r, i) => [r, i]));

/** The association each `CommentColumns.assoc` code stands for. */
export const INDEX_ASSOCIATIONS: readonly AuthorAssociation[] = ASSOCIATIONS;
/** Bit of `CommentColumns.flags`: the comment is the accepted answer. */
export const COMMENT_FLAG_ANSWER = FLAG_ANSWER;
/** Bit of `CommentColumns.flags`: the comment is minimized (hidden). */
export const COMMENT_FLAG_MINIMIZED = FLAG_MINIMIZED;

/**
 * True when `CommentColumns.flags` say the comment was minimized as spam, abuse or off-topic: such a
 * comment is no response (community-metrics.md §6); outdated, resolved and duplicate ones still count.
 */
export function isDroppedByFlags(flags: number): boolean {
	const code = (flags & REASON_MASK) >> REASON_SHIFT;
	return (flags & FLAG_MINIMIZED) !== 0 && code >= 1 && code <= 3;
}

/** The flag bits of a minimized reason (GraphQL's `off-topic`, the mutation's `OFF_TOPIC`, any case). */
function reasonBits(reason: string | undefined): number {
	if (!reason) return 0;
	const key = reason.toLowerCase().replace(/_/g, '-');
	return (REASON_CODE.get(key) ?? MINIMIZED_REASONS.length - 1) << REASON_SHIFT;
}

/**
 * A read-only view of the comment columns for one-pass scans (triage, stats). Rows `0..length-1`
 * are valid; `item` indexes {@link RepoIndex.items}, `author` indexes `authors`, `assoc` indexes
 * {@link INDEX_ASSOCIATIONS}. Valid until the next upsert; never mutate.
 */
export interface CommentColumns {
	readonly length: number;
	readonly item: Int32Array;
	readonly author: Int32Array;
	readonly assoc: Uint8Array;
	/** Epoch ms. */
	readonly created: Float64Array;
	readonly flags: Uint8Array;
	readonly authors: readonly string[];
}
const FLAG_REPLIES_FETCHED = 4;

/**
 * Layout version of the items part (the comments part has `COMMENTS_FORMAT`, see `indexComments.ts`).
 * 3: minimized reasons in the flags, `closedAt`, `answerChosenAt`, bots as `login[bot]`; an older cache
 * fails validation and is rebuilt by a cold sync.
 */
export const INDEX_FORMAT = 3;

/**
 * The items part of the disk cache: all the trees need for their first render, read first and alone.
 * `generation` ties it to the comments part written with it.
 */
export interface SerializedIndexItems {
	readonly format: typeof INDEX_FORMAT;
	readonly generation: string;
	readonly items: IndexedItem[];
	readonly checkpoint?: SyncCheckpoint;
}

/** Both parts of a serialized {@link RepoIndex}. */
export interface SerializedRepoIndex {
	readonly items: SerializedIndexItems;
	readonly comments: SerializedIndexComments;
}

/** What attaching a comments part did. */
export interface AttachOutcome {
	/** The part belonged to another write of the items part (a torn pair, recovered by item id). */
	readonly torn: boolean;
	/** Comment rows dropped because the index lacks their item (it is fetched again later). */
	readonly dropped: number;
	/** Items whose comments were marked for a refetch (changed after the part was written). */
	readonly stale: number;
}

/** The state of an {@link IndexAttach} after a step: `outcome` undefined means nothing was attached. */
export type AttachState = { readonly done: false } | { readonly done: true; readonly outcome: AttachOutcome | undefined };

/** An attach in steps (see {@link RepoIndex.startAttach}). */
export interface IndexAttach {
	/** Works until `now() >= deadline` (at least one unit). */
	step(deadline: number, now: () => number): AttachState;
}

/** Growable typed columns of comment events. */
class Columns {
	length = 0;
	item: Int32Array = new Int32Array(1024);
	author: Int32Array = new Int32Array(1024);
	assoc: Uint8Array = new Uint8Array(1024);
	created: Float64Array = new Float64Array(1024);
	flags: Uint8Array = new Uint8Array(1024);
	parent: Int32Array = new Int32Array(1024);

	/** Makes room for one more row and returns its index. */
	/** Columns holding decoded rows (adopted as they are, no copy). */
	static of(decoded: DecodedComments): Columns {
		const c = new Columns();
		c.length = decoded.length;
		c.item = decoded.item;
		c.author = decoded.author;
		c.assoc = decoded.assoc;
		c.created = decoded.created;
		c.flags = decoded.flags;
		c.parent = decoded.parent;
		return c;
	}

	push(): number {
		if (this.length === this.item.length) {
			const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
				const next = new (a.constructor as new (n: number) => T)(Math.max(1024, a.length * 2));
				next.set(a);
				return next;
			};
			this.item = grow(this.item);
			this.author = grow(this.author);
			this.assoc = grow(this.assoc);
			this.created = grow(this.created);
			this.flags = grow(this.flags);
			this.parent = grow(this.parent);
		}
		return this.length++;
	}
}

/** The compact index of one repository's issues and discussions. */
export class RepoIndex {
	private readonly itemList: IndexedItem[] = [];
	private readonly itemRow = new Map<string, number>();
	private readonly authors: string[] = [];
	private readonly authorCode = new Map<string, number>();
	private commentIds: string[] = [];
	private commentRow = new Map<string, number>();
	private cols = new Columns();
	private cursors = new Map<string, string>();
	private topLevel = new Map<string, number>();
	/** The backfill position, persisted with the index. */
	checkpoint: SyncCheckpoint | undefined;
	/** Generation of the items part this index was loaded from ('' for a fresh index). */
	private generation = '';
	private commentsPending = false;
	/** The attach in progress, if any (a discard or another attach makes it stale). */
	private attaching: object | undefined;

	/** False for an items-only index until {@link attachComments} or {@link discardComments}. */
	get commentsLoaded(): boolean {
		return !this.commentsPending;
	}

	/** Number of items. */
	get itemCount(): number {
		return this.itemList.length;
	}

	/** Number of comment events (comments and replies). */
	get commentCount(): number {
		return this.cols.length;
	}

	/** Adds an item or replaces the stored one with the same id; unknown labels/assignees keep their old value. */
	upsertItem(item: IndexedItem): void {
		const row = this.itemRow.get(item.id);
		const old = row === undefined ? undefined : this.itemList[row];
		const merged: IndexedItem = {
			...item,
			author: this.intern(item.author),
			labels: item.labels ?? old?.labels,
			assignees: item.assignees ?? old?.assignees,
		};
		if (row === undefined) {
			this.itemRow.set(item.id, this.itemList.length);
			this.itemList.push(merged);
		} else {
			this.itemList[row] = merged;
		}
	}

	/** Adds a comment event or updates the stored one with the same id. Its item must be indexed. */
	upsertComment(comment: CommentEvent): void {
		const item = this.itemRow.get(comment.itemId);
		if (item === undefined) {
			throw new Error(`comment ${comment.id} of unknown item ${comment.itemId}`);
		}
		if (this.commentsPending) {
			throw new Error('comments are not loaded yet: attach or discard them first');
		}
		let row = this.commentRow.get(comment.id);
		if (row === undefined) {
			row = this.cols.push();
			this.commentRow.set(comment.id, row);
			this.commentIds.push(comment.id);
			this.cols.flags[row] = 0;
			if (comment.replyTo === undefined) {
				this.topLevel.set(comment.itemId, this.topLevelCount(comment.itemId) + 1);
			}
		}
		const c = this.cols;
		c.item[row] = item;
		c.author[row] = this.authorCodeOf(comment.author);
		c.assoc[row] = ASSOCIATION_CODE.get(comment.association) ?? ASSOCIATION_CODE.get('NONE')!;
		c.created[row] = comment.createdAt;
		c.flags[row] = (c.flags[row]! & FLAG_REPLIES_FETCHED) | (comment.isAnswer ? FLAG_ANSWER : 0)
			| (comment.minimized ? FLAG_MINIMIZED | reasonBits(comment.minimizedReason) : 0);
		c.parent[row] = comment.replyTo === undefined ? -1 : (this.commentRow.get(comment.replyTo) ?? -1);
	}

	/** The item with this id. */
	item(id: string): IndexedItem | undefined {
		const row = this.itemRow.get(id);
		return row === undefined ? undefined : this.itemList[row];
	}

	/** The item with this kind and number (a scan of the items: for single look-ups, not for loops). */
	itemByNumber(kind: IndexedItem['kind'], number: number): IndexedItem | undefined {
		return this.itemList.find(i => i.kind === kind && i.number === number);
	}

	/** Every item, in insertion order (do not mutate). */
	items(): readonly IndexedItem[] {
		return this.itemList;
	}

	/** The comment columns, for one-pass scans (see {@link CommentColumns}). */
	commentColumns(): CommentColumns {
		const c = this.cols;
		return { length: c.length, item: c.item, author: c.author, assoc: c.assoc, created: c.created, flags: c.flags, authors: this.authors };
	}

	/** The comment event with this id, decoded. */
	comment(id: string): CommentEvent | undefined {
		const row = this.commentRow.get(id);
		return row === undefined ? undefined : this.decode(row);
	}

	/** Every comment event of an item (a linear scan: for tests and small views, not for stats). */
	commentsOf(itemId: string): CommentEvent[] {
		const item = this.itemRow.get(itemId);
		const out: CommentEvent[] = [];
		for (let row = 0; row < this.cols.length; row++) {
			if (this.cols.item[row] === item) {
				out.push(this.decode(row));
			}
		}
		return out;
	}

	/** The latest `updatedAt` of any item of a kind (epoch ms; 0 when there is none). */
	watermark(kind: IndexItemKind): number {
		let max = 0;
		for (const item of this.itemList) {
			if (item.kind === kind && item.updatedAt > max) {
				max = item.updatedAt;
			}
		}
		return max;
	}

	/** Remembers (or, with undefined, forgets) where an item's comments continue. */
	setCommentCursor(itemId: string, cursor: string | undefined): void {
		if (cursor === undefined) {
			this.cursors.delete(itemId);
		} else {
			this.cursors.set(itemId, cursor);
		}
	}

	/** Items whose comments continue after a cursor, with that cursor. */
	pendingCommentPages(): { itemId: string; kind: IndexItemKind; cursor: string }[] {
		return [...this.cursors].map(([itemId, cursor]) => ({ itemId, kind: this.item(itemId)?.kind ?? 'issue', cursor }));
	}

	/** Number of top-level comments stored for an item. */
	topLevelCount(itemId: string): number {
		return this.topLevel.get(itemId) ?? 0;
	}

	/** Marks the replies of every top-level comment of these items as not fetched (they changed). */
	resetReplies(itemIds: ReadonlySet<string>): void {
		const rows = new Set([...itemIds].map(id => this.itemRow.get(id)));
		for (let row = 0; row < this.cols.length; row++) {
			if (rows.has(this.cols.item[row]!)) {
				this.cols.flags[row]! &= ~FLAG_REPLIES_FETCHED;
			}
		}
	}

	/** Marks the replies of a top-level discussion comment as fetched. */
	markRepliesFetched(commentId: string): void {
		const row = this.commentRow.get(commentId);
		if (row !== undefined) {
			this.cols.flags[row]! |= FLAG_REPLIES_FETCHED;
		}
	}

	/** Top-level discussion comments whose replies have not been fetched yet. */
	pendingReplyParents(): string[] {
		const out: string[] = [];
		for (let row = 0; row < this.cols.length; row++) {
			const isTopLevel = this.cols.parent[row] === -1;
			if (isTopLevel && !(this.cols.flags[row]! & FLAG_REPLIES_FETCHED) && this.itemList[this.cols.item[row]!]!.kind === 'discussion') {
				out.push(this.commentIds[row]!);
			}
		}
		return out;
	}

	/**
	 * Removes items (deleted or transferred on GitHub) with every comment and reply of theirs, their
	 * comment cursors and counts; the rows left keep their order and the columns stay consistent.
	 * Unknown ids are ignored. Returns how many items were removed. The comments must be loaded.
	 */
	removeItems(ids: Iterable<string>): number {
		if (this.commentsPending) {
			throw new Error('comments are not loaded yet: attach or discard them first');
		}
		const gone = new Set<number>();
		for (const id of ids) {
			const row = this.itemRow.get(id);
			if (row !== undefined) gone.add(row);
		}
		if (gone.size === 0) {
			return 0;
		}
		const itemMap = this.compactItems(gone);
		this.compactComments(itemMap);
		return gone.size;
	}

	/** Drops the item rows in `gone`; returns each old row's new row (-1: removed). */
	private compactItems(gone: ReadonlySet<number>): Int32Array {
		const itemMap = new Int32Array(this.itemList.length).fill(-1);
		let next = 0;
		this.itemList.forEach((item, row) => {
			if (gone.has(row)) {
				this.itemRow.delete(item.id);
				this.cursors.delete(item.id);
				this.topLevel.delete(item.id);
				return;
			}
			itemMap[row] = next;
			this.itemRow.set(item.id, next);
			this.itemList[next++] = item;
		});
		this.itemList.length = next;
		return itemMap;
	}

	/** Drops the comment rows of removed items and renumbers the rest (item and parent references). */
	private compactComments(itemMap: Int32Array): void {
		const c = this.cols;
		const rowMap = new Int32Array(c.length).fill(-1);
		let next = 0;
		for (let row = 0; row < c.length; row++) {
			if (itemMap[c.item[row]!]! >= 0) rowMap[row] = next++;
			else this.commentRow.delete(this.commentIds[row]!);
		}
		for (let row = 0; row < c.length; row++) {
			const to = rowMap[row]!;
			if (to < 0) continue;
			const parent = c.parent[row]!;
			c.item[to] = itemMap[c.item[row]!]!;
			c.author[to] = c.author[row]!;
			c.assoc[to] = c.assoc[row]!;
			c.created[to] = c.created[row]!;
			c.flags[to] = c.flags[row]!;
			c.parent[to] = parent < 0 ? -1 : rowMap[parent]!;
			this.commentIds[to] = this.commentIds[row]!;
			this.commentRow.set(this.commentIds[to]!, to);
		}
		c.length = next;
		this.commentIds.length = next;
	}

	/** The items part for the disk cache (small: what the trees read first); a snapshot. */
	toItemsJSON(generation: string): SerializedIndexItems {
		return { format: INDEX_FORMAT, generation, items: this.itemList.slice(), checkpoint: this.checkpoint };
	}

	/** The comments part for the disk cache, a snapshot; written with the items part of the same generation. */
	toCommentsJSON(generation: string): SerializedIndexComments {
		const c = this.cols;
		return encodeComments({ ...c, ids: this.commentIds, authors: this.authors, items: this.itemList, cursors: this.cursors }, generation);
	}

	/** Both parts at once (tests and tools; the cache writes them as two files). */
	toJSON(generation = ''): SerializedRepoIndex {
		return { items: this.toItemsJSON(generation), comments: this.toCommentsJSON(generation) };
	}

	/**
	 * An index holding only the items (check `data` with {@link isSerializedIndexItems} first). Its
	 * comments stay pending until {@link attachComments} or {@link discardComments}.
	 */
	static fromItemsJSON(data: SerializedIndexItems): RepoIndex {
		const index = new RepoIndex();
		for (const item of data.items) {
			index.itemRow.set(item.id, index.itemList.length);
			index.itemList.push(item);
		}
		index.checkpoint = data.checkpoint;
		index.generation = data.generation;
		index.commentsPending = true;
		return index;
	}

	/**
	 * Attaches the comments part to an items-only index at once (see {@link startAttach}). Undefined,
	 * attaching nothing, when the part is invalid or the comments are already there.
	 */
	attachComments(data: SerializedIndexComments): AttachOutcome | undefined {
		const attach = this.startAttach(data);
		let state: AttachState;
		do state = attach.step(Infinity, () => 0); while (!state.done);
		return state.outcome;
	}

	/**
	 * Starts attaching the comments part to an items-only index in steps (each `step` works until its
	 * deadline; yield to the event loop between steps). Until the last step the index stays as it was
	 * (`commentsLoaded` false, no comment visible); the last one adopts every row at once. Comments
	 * refer to items by id: on a torn pair (another generation) the comments of items the index lacks
	 * are dropped, and items that changed after the part was written are marked for a comment refetch
	 * (their cursor reset to the start, discussions' replies marked unfetched): see {@link AttachOutcome}.
	 */
	startAttach(data: SerializedIndexComments): IndexAttach {
		if (!this.commentsPending || this.attaching) return { step: () => ({ done: true, outcome: undefined }) };
		const token = {};
		this.attaching = token;
		const decoder = new CommentDecoder(data, {
			generation: this.generation,
			itemRow: id => this.itemRow.get(id),
			items: () => this.itemList,
			authorCode: login => this.authorCodeOf(login),
			associations: ASSOCIATIONS.length,
		});
		return {
			step: (deadline, now) => {
				if (this.attaching !== token) return { done: true, outcome: undefined };
				const state = decoder.step(deadline, now);
				if (state === 'more') return { done: false };
				this.attaching = undefined;
				const decoded = decoder.result();
				return { done: true, outcome: decoded && this.adopt(decoded) };
			},
		};
	}

	/** Takes decoded rows as the index's comments, in one step. */
	private adopt(decoded: DecodedComments): AttachOutcome {
		this.cols = Columns.of(decoded);
		this.commentIds = decoded.ids;
		this.commentRow = decoded.rowOf;
		this.topLevel = decoded.topLevel;
		this.cursors = decoded.cursors;
		this.commentsPending = false;
		for (const id of decoded.stale) {
			if ((this.item(id)?.commentCount ?? 0) > 0 && !this.cursors.has(id)) this.cursors.set(id, '');
		}
		const staleDiscussions = new Set(decoded.stale.filter(id => this.item(id)?.kind === 'discussion'));
		if (staleDiscussions.size) this.resetReplies(staleDiscussions);
		return { torn: decoded.torn, dropped: decoded.dropped, stale: decoded.stale.length };
	}

	/**
	 * Gives up on the stored comments (missing, corrupt or torn): the index keeps its items for the
	 * trees, and the checkpoint is cleared so the next cold sync fetches every comment again.
	 */
	discardComments(): void {
		if (this.commentsPending) {
			this.attaching = undefined;
			this.commentsPending = false;
			this.checkpoint = undefined;
		}
	}

	/** Rebuilds a whole index from {@link toJSON} output (check it with {@link isSerializedRepoIndex} first). */
	static fromJSON(data: SerializedRepoIndex): RepoIndex {
		const index = RepoIndex.fromItemsJSON(data.items);
		if (index.attachComments(data.comments) === undefined) {
			index.discardComments();
		}
		return index;
	}

	private decode(row: number): CommentEvent {
		const c = this.cols;
		const parent = c.parent[row]!;
		const reason = (c.flags[row]! & REASON_MASK) >> REASON_SHIFT;
		return {
			id: this.commentIds[row]!,
			itemId: this.itemList[c.item[row]!]!.id,
			author: this.authors[c.author[row]!]!,
			association: ASSOCIATIONS[c.assoc[row]!]!,
			createdAt: c.created[row]!,
			isAnswer: (c.flags[row]! & FLAG_ANSWER) !== 0,
			minimized: (c.flags[row]! & FLAG_MINIMIZED) !== 0,
			...(reason > 0 ? { minimizedReason: MINIMIZED_REASONS[reason]! } : {}),
			...(parent >= 0 ? { replyTo: this.commentIds[parent]! } : {}),
		};
	}

	private intern(s: string): string {
		return this.authors[this.authorCodeOf(s)]!;
	}

	private authorCodeOf(login: string): number {
		let code = this.authorCode.get(login);
		if (code === undefined) {
			code = this.authors.length;
			this.authors.push(login);
			this.authorCode.set(login, code);
		}
		return code;
	}
}

/** Checks the shape of the items part. */
export function isSerializedIndexItems(data: unknown): data is SerializedIndexItems {
	const d = data as Partial<SerializedIndexItems> | null;
	return typeof d === 'object' && d !== null && d.format === INDEX_FORMAT && typeof d.generation === 'string'
		&& Array.isArray(d.items) && d.items.every(isItem) && (d.checkpoint === undefined || isCheckpoint(d.checkpoint));
}

/** Checks both parts of a {@link toJSON} result. */
export function isSerializedRepoIndex(data: unknown): data is SerializedRepoIndex {
	const d = data as Partial<SerializedRepoIndex> | null;
	return typeof d === 'object' && d !== null && isSerializedIndexItems(d.items) && isSerializedIndexComments(d.comments);
}

function isCheckpoint(value: unknown): value is SyncCheckpoint {
	const c = value as Partial<SyncCheckpoint> | null;
	return !!c && Array.isArray(c.done) && c.done.every(p => typeof p === 'string')
		&& (c.current === undefined || (typeof c.current === 'object' && c.current !== null && typeof c.current.pass === 'string'));
}

function isItem(value: unknown): value is IndexedItem {
	const i = value as Partial<IndexedItem> | null;
	return !!i && typeof i.id === 'string' && typeof i.number === 'number' && (i.kind === 'issue' || i.kind === 'discussion')
		&& typeof i.title === 'string' && typeof i.closed === 'boolean' && typeof i.author === 'string' && typeof i.association === 'string'
		&& Number.isFinite(i.createdAt) && Number.isFinite(i.updatedAt) && typeof i.commentCount === 'number'
		&& isOptionalTime(i.closedAt) && isOptionalTime(i.answerChosenAt)
		&& isOptionalStrings(i.labels) && isOptionalStrings(i.assignees);
}

function isOptionalTime(value: unknown): boolean {
	return value === undefined || (typeof value === 'number' && Number.isFinite(value));
}

function isOptionalStrings(value: unknown): boolean {
	return value === undefined || (Array.isArray(value) && value.every(v => typeof v === 'string'));
}
