// What the thread panel sends: a fetched thread plus the moderation actions the viewer may take,
// with pending moderation changes applied at once (the optimistic view; dropping a change from
// the pending list is its rollback). Deliberately vscode-free, so it is unit-tested in Node.
import type { Label, Thread, ThreadComment } from '../core/model';
import { NO_THREAD_PERMISSIONS, offeredCommentActions, offeredThreadActions, type CommentPermissions, type ModerationAction } from '../core/moderation';
import type { ModerationActionDto, ThreadCommentDto, ThreadDto } from '../shared/threadProtocol';

const NO_COMMENT_PERMISSIONS: CommentPermissions = { canMinimize: false, canMarkAsAnswer: false, canUnmarkAsAnswer: false };

/** The panel's name of an action (label and assignee changes are one button each). */
export function actionDtoOf(action: ModerationAction): ModerationActionDto {
	switch (action.kind) {
		case 'addLabels': case 'removeLabels': return 'labels';
		case 'addAssignees': case 'removeAssignees': return 'assign';
		default: return action.kind;
	}
}

/**
 * Builds the snapshot's thread: `applied` changes (sent, or confirmed but not refetched yet) are
 * shown at once, those still `pending` are marked as on their way; actions are decided from the result.
 */
export function toThreadDto(fetched: Thread, applied: readonly ModerationAction[] = [], pending: readonly ModerationAction[] = applied): ThreadDto {
	const t = applied.reduce<Thread>(applyAction, fetched);
	const threadPending = [...pending].reverse().find(a => !('commentId' in a));
	const state = { kind: t.kind, closed: t.state === 'CLOSED', locked: t.locked };
	return {
		...t,
		comments: t.comments.map(c => toCommentDto(c, pending)),
		actions: offeredThreadActions(state, t.permissions ?? NO_THREAD_PERMISSIONS),
		gitHubOnly: true,
		canReply: !t.locked || t.viewerCanReact === true,
		pending: threadPending && actionDtoOf(threadPending),
	};
}

function toCommentDto(c: ThreadComment, pending: readonly ModerationAction[]): ThreadCommentDto {
	const mine = [...pending].reverse().find(a => 'commentId' in a && a.commentId === c.id);
	return {
		...c,
		replies: c.replies.map(r => toCommentDto(r, pending)),
		actions: offeredCommentActions(c, c.permissions ?? NO_COMMENT_PERMISSIONS),
		pending: mine && actionDtoOf(mine),
	};
}

/** The thread as it will be once an action is done (what GitHub will show after a refetch). */
export function applyAction(t: Thread, action: ModerationAction): Thread {
	switch (action.kind) {
		case 'addLabels': return { ...t, labels: [...t.labels, ...action.labels.filter(l => !t.labels.some(x => x.id === l.id)).map(toLabel)] };
		case 'removeLabels': return { ...t, labels: t.labels.filter(l => !action.labels.some(x => x.id === l.id || x.name === l.name)) };
		case 'close': return { ...t, state: 'CLOSED', stateReason: action.reason };
		case 'reopen': return { ...t, state: 'OPEN', stateReason: 'REOPENED' };
		case 'lock': return { ...t, locked: true, lockReason: action.reason };
		case 'unlock': return { ...t, locked: false, lockReason: undefined };
		case 'markAnswer': case 'unmarkAnswer': {
			const mark = action.kind === 'markAnswer';
			const comments = t.comments.map(c => (c.id === action.commentId ? { ...c, isAnswer: mark } : mark && c.isAnswer ? { ...c, isAnswer: false } : c));
			return { ...t, comments, isAnswered: mark, answerId: mark ? action.commentId : undefined };
		}
		case 'hide': case 'unhide': {
			const hide = action.kind === 'hide';
			const patch = (c: ThreadComment): ThreadComment => ({
				...(c.id === action.commentId ? { ...c, isMinimized: hide, minimizedReason: hide ? action.classifier.toLowerCase().replace(/_/g, '-') : undefined } : c),
				replies: c.replies.map(patch),
			});
			return { ...t, comments: t.comments.map(patch) };
		}
		default: return t;
	}
}

function toLabel(l: { id: string; name: string }): Label {
	return { id: l.id, name: l.name, color: '' };
}

/** Pages loaded with "Load more" after the first one. */
export interface LoadedPages {
	/** Top-level comments after the first page, and the cursor after them (`null`: none loaded yet). */
	readonly comments: readonly ThreadComment[];
	readonly commentsCursor: string | undefined | null;
	/** Replies after the first page, by top-level comment. */
	readonly replies: ReadonlyMap<string, { readonly items: readonly ThreadComment[]; readonly cursor: string | undefined }>;
}

/** No page loaded beyond the first. */
export const NO_PAGES: LoadedPages = { comments: [], commentsCursor: null, replies: new Map() };

/** The first page of a thread with the pages loaded since (a refetched first page keeps them, without duplicates). */
export function mergePages(first: Thread, pages: LoadedPages): Thread {
	const seen = new Set(first.comments.map(c => c.id));
	const comments = [...first.comments, ...pages.comments.filter(c => !seen.has(c.id))].map(c => {
		const more = pages.replies.get(c.id);
		if (!more) return c;
		const ids = new Set(c.replies.map(r => r.id));
		return { ...c, replies: [...c.replies, ...more.items.filter(r => !ids.has(r.id))], hasMoreReplies: more.cursor !== undefined, repliesCursor: more.cursor };
	});
	if (pages.commentsCursor === null) return { ...first, comments };
	return { ...first, comments, hasMoreComments: pages.commentsCursor !== undefined, commentsCursor: pages.commentsCursor };
}

/** Adds a loaded page: of top-level comments (`replyToId` null) or of one comment's replies. */
export function addPage(pages: LoadedPages, replyToId: string | null, items: readonly ThreadComment[], cursor: string | undefined): LoadedPages {
	if (replyToId === null) return { ...pages, comments: [...pages.comments, ...items], commentsCursor: cursor };
	const replies = new Map(pages.replies);
	replies.set(replyToId, { items: [...(pages.replies.get(replyToId)?.items ?? []), ...items], cursor });
	return { ...pages, replies };
}
