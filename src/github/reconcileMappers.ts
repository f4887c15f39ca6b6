import type { IndexItemKind } from '../core/repoIndex';
import { compact } from './mappers';
import type { RawCheckedNode, RawIdConnection } from './reconcileQueries';
import { toIndexedItem } from './syncMappers';
import type { IdPage, ItemCheck } from './syncSource';

// Pure raw → port mappers of the reconcile documents (the counterpart of reconcileQueries.ts).

/** A raw id connection as an {@link IdPage}. */
export function toIdPage(connection: RawIdConnection): IdPage {
	const info = connection.pageInfo;
	return {
		ids: compact(connection.nodes).map(n => n.id),
		...(info.hasNextPage && info.endCursor ? { nextCursor: info.endCursor } : {}),
		totalCount: connection.totalCount,
	};
}

/**
 * What a `nodes(ids:)` entry says of an item: null (deleted, converted, hidden) or a node of another
 * type (`{}`) is gone; an item of another repository moved; anything else is present.
 */
export function toItemCheck(id: string, raw: RawCheckedNode | null | undefined, kind: IndexItemKind, repositoryId: string): ItemCheck {
	if (!isItem(raw) || raw.id !== id) {
		return { id, status: 'gone' };
	}
	if (raw.repository.id !== repositoryId) {
		return { id, status: 'moved' };
	}
	return { id, status: 'present', item: toIndexedItem(raw, kind) };
}

function isItem(raw: RawCheckedNode | null | undefined): raw is Exclude<RawCheckedNode, Record<string, never>> {
	return !!raw && typeof raw.id === 'string';
}
