import type { AuthorAssociation } from '../core/model';
import type { CommentEvent, IndexedItem, IndexItemKind } from '../core/repoIndex';
import { compact } from './mappers';
import type { RawSyncActor, RawSyncComment, RawSyncItem, RawSyncItemConnection } from './syncQueries';
import type { ItemPage } from './syncSource';

// Pure raw → index mappers of the sync documents (the counterpart of mappers.ts).

const GHOST = 'ghost';

/**
 * The login the index keeps: `ghost` for a deleted account, and bots in REST's `name[bot]` form
 * (GraphQL's `Bot.login` has no suffix), so `isBot` recognises them everywhere.
 */
export function indexLogin(actor: RawSyncActor | null): string {
	if (!actor) return GHOST;
	return actor.__typename === 'Bot' && !actor.login.endsWith('[bot]') ? `${actor.login}[bot]` : actor.login;
}

function optionalTime(iso: string | null | undefined): number | undefined {
	const t = iso ? Date.parse(iso) : NaN;
	return Number.isFinite(t) ? t : undefined;
}

/** A raw comment or reply as a comment event of `itemId`. */
export function toCommentEvent(raw: RawSyncComment, itemId: string, replyTo?: string): CommentEvent {
	return {
		id: raw.id,
		itemId,
		author: indexLogin(raw.author),
		association: raw.authorAssociation as AuthorAssociation,
		createdAt: Date.parse(raw.createdAt),
		isAnswer: raw.isAnswer === true,
		minimized: raw.isMinimized,
		...(raw.isMinimized && raw.minimizedReason ? { minimizedReason: raw.minimizedReason.toLowerCase().replace(/_/g, '-') } : {}),
		...(replyTo === undefined ? {} : { replyTo }),
	};
}

/** A raw issue or discussion as an index item. */
export function toIndexedItem(raw: RawSyncItem, kind: IndexItemKind): IndexedItem {
	const closed = kind === 'issue' ? raw.state === 'CLOSED' : raw.closed === true;
	const closedAt = closed ? optionalTime(raw.closedAt) : undefined;
	const answerChosenAt = raw.isAnswered ? optionalTime(raw.answerChosenAt) : undefined;
	return {
		id: raw.id,
		number: raw.number,
		kind,
		title: raw.title,
		closed,
		...(closedAt === undefined ? {} : { closedAt }),
		...(raw.stateReason ? { stateReason: raw.stateReason } : {}),
		locked: raw.locked,
		author: indexLogin(raw.author),
		association: raw.authorAssociation as AuthorAssociation,
		createdAt: Date.parse(raw.createdAt),
		updatedAt: Date.parse(raw.updatedAt),
		...(raw.category ? { categoryId: raw.category.id } : {}),
		...(typeof raw.isAnswered === 'boolean' ? { isAnswered: raw.isAnswered } : {}),
		...(answerChosenAt === undefined ? {} : { answerChosenAt }),
		labels: raw.labels ? compact(raw.labels.nodes).map(l => l.name) : undefined,
		assignees: raw.assignees ? compact(raw.assignees.nodes).map(a => a.login) : undefined,
		commentCount: raw.comments.totalCount ?? 0,
	};
}

/**
 * A raw item connection as an {@link ItemPage}. Comment pages with `pageInfo` that continue become
 * overflow; probe pages (`last`, no `pageInfo`) that hold fewer comments than the total are partial.
 */
export function toItemPage(connection: RawSyncItemConnection, kind: IndexItemKind): ItemPage {
	const raws = compact(connection.nodes);
	const overflow: { itemId: string; cursor: string }[] = [];
	const partial: string[] = [];
	const comments: CommentEvent[] = [];
	for (const raw of raws) {
		const nodes = compact(raw.comments.nodes);
		comments.push(...nodes.map(c => toCommentEvent(c, raw.id)));
		const info = raw.comments.pageInfo;
		if (info?.hasNextPage && info.endCursor) {
			overflow.push({ itemId: raw.id, cursor: info.endCursor });
		} else if (!info && (raw.comments.totalCount ?? 0) > nodes.length) {
			partial.push(raw.id);
		}
	}
	return {
		items: raws.map(raw => toIndexedItem(raw, kind)),
		comments,
		overflow,
		partial,
		nextCursor: connection.pageInfo.hasNextPage && connection.pageInfo.endCursor ? connection.pageInfo.endCursor : undefined,
		totalCount: connection.totalCount,
	};
}
