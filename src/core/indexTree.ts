import type { IndexedItem, IndexItemKind } from './repoIndex';

// The top-level rows the trees draw from the cached index before any network: the open issues of a
// repository, and the discussions of each category, each with its first page (most recently updated
// first). Pure, one pass plus one sort per group, so it runs on the items part alone.

/** One top-level group: a repository's open issues, or one discussion category. */
export interface IndexTreeGroup {
	/** `issues`, or `category:<id>` (`category:` for discussions without a category). */
	readonly key: string;
	readonly kind: IndexItemKind;
	readonly categoryId?: string;
	/** Items in the group. */
	readonly total: number;
	/** Open items in the group. */
	readonly open: number;
	/** The first page, most recently updated first (ties by number, newest first). */
	readonly firstPage: readonly IndexedItem[];
}

/** Groups items into the trees' top-level rows, each with its first page of at most `pageSize` items. */
export function indexTreeGroups(items: readonly IndexedItem[], pageSize: number): IndexTreeGroup[] {
	const members = new Map<string, IndexedItem[]>();
	for (const item of items) {
		if (item.kind === 'issue' && item.closed) {
			continue;
		}
		const key = groupKey(item);
		let list = members.get(key);
		if (!list) {
			list = [];
			members.set(key, list);
		}
		list.push(item);
	}
	return [...members].sort(([a], [b]) => compareKeys(a, b)).map(([key, list]) => toGroup(key, list, pageSize));
}

function groupKey(item: IndexedItem): string {
	return item.kind === 'issue' ? 'issues' : `category:${item.categoryId ?? ''}`;
}

/** Issues first, then categories by id (the view orders categories by name once it has them). */
function compareKeys(a: string, b: string): number {
	if (a === 'issues' || b === 'issues') {
		return a === b ? 0 : a === 'issues' ? -1 : 1;
	}
	return a < b ? -1 : a > b ? 1 : 0;
}

function toGroup(key: string, list: IndexedItem[], pageSize: number): IndexTreeGroup {
	const first = list[0]!;
	const firstPage = list.sort((a, b) => b.updatedAt - a.updatedAt || b.number - a.number).slice(0, Math.max(0, pageSize));
	let open = 0;
	for (const item of list) {
		if (!item.closed) {
			open++;
		}
	}
	return {
		key,
		kind: first.kind,
		...(first.kind === 'discussion' ? { categoryId: first.categoryId } : {}),
		total: list.length,
		open,
		firstPage,
	};
}
