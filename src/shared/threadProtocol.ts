/**
 * The contract of the thread panel: its message maps, the snapshot the host sends and the
 * validator of inbound messages. Pure: no `vscode`, no DOM. Types mirror `src/core/model.ts`
 * (`Thread`) because src/shared may import only src/shared; the host assigns one to the other, so
 * the compiler keeps them in step.
 */
import { isWebviewEnvelope, type CommandHandlers, type RequestHandlers } from './protocol';

/** `CommentAuthorAssociation` values. */
export type AuthorAssociationDto =
	| 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'FIRST_TIME_CONTRIBUTOR' | 'FIRST_TIMER' | 'MANNEQUIN' | 'NONE';

/** A reaction and how many people chose it. */
export interface ReactionDto {
	readonly content: 'THUMBS_UP' | 'THUMBS_DOWN' | 'LAUGH' | 'HOORAY' | 'CONFUSED' | 'HEART' | 'ROCKET' | 'EYES';
	readonly count: number;
}

/** A comment or reply. Bodies are untrusted: the webview shows them only through its sanitiser. */
export interface ThreadCommentDto {
	readonly id: string;
	readonly url: string;
	readonly author: string;
	readonly authorAssociation: AuthorAssociationDto;
	readonly createdAt: string;
	readonly body: string;
	readonly bodyHTML: string;
	readonly isAnswer: boolean;
	readonly isMinimized: boolean;
	readonly minimizedReason?: string;
	readonly reactions: readonly ReactionDto[];
	readonly upvoteCount?: number;
	readonly replies: readonly ThreadCommentDto[];
	readonly hasMoreReplies: boolean;
	/** Moderation actions the viewer may take on this comment now (host-decided; none when unknown). */
	readonly actions?: readonly CommentActionDto[];
	/** Set while a moderation change of this comment is on its way to GitHub (shown at once, undone if refused). */
	readonly pending?: ModerationActionDto;
}

/** Thread-level moderation actions (each runs one `communityDesk.moderation.*` command on the host). */
export type ThreadActionDto = 'labels' | 'assign' | 'close' | 'reopen' | 'lock' | 'unlock';
/** Comment-level moderation actions. */
export type CommentActionDto = 'markAnswer' | 'unmarkAnswer' | 'hide' | 'unhide';
/** Everything the panel can ask the host to run: the actions above plus "Open on GitHub for…". */
export type ModerationActionDto = ThreadActionDto | CommentActionDto | 'openOnGitHubFor';

/** Every {@link ThreadActionDto}, in toolbar order. */
export const THREAD_ACTIONS: readonly ThreadActionDto[] = ['labels', 'assign', 'close', 'reopen', 'lock', 'unlock'];
/** Every {@link CommentActionDto}, in toolbar order. */
export const COMMENT_ACTIONS: readonly CommentActionDto[] = ['markAnswer', 'unmarkAnswer', 'hide', 'unhide'];

/** A discussion or issue as the panel shows it. */
export interface ThreadDto {
	readonly kind: 'discussion' | 'issue';
	readonly repo: { readonly owner: string; readonly name: string };
	readonly id: string;
	readonly number: number;
	readonly title: string;
	readonly url: string;
	readonly state: 'OPEN' | 'CLOSED';
	readonly stateReason?: string;
	readonly category?: { readonly name: string; readonly emoji: string; readonly isAnswerable: boolean };
	readonly labels: readonly { readonly id: string; readonly name: string; readonly color: string; readonly description?: string }[];
	readonly author: string;
	readonly authorAssociation: AuthorAssociationDto;
	readonly createdAt: string;
	readonly updatedAt: string;
	readonly body: string;
	readonly bodyHTML: string;
	readonly locked: boolean;
	readonly lockReason?: string;
	readonly isAnswered?: boolean;
	readonly answerId?: string;
	readonly upvoteCount?: number;
	readonly reactions: readonly ReactionDto[];
	readonly comments: readonly ThreadCommentDto[];
	readonly commentCount: number;
	readonly hasMoreComments: boolean;
	/** Thread-level moderation actions the viewer may take now (host-decided; none when unknown). */
	readonly actions?: readonly ThreadActionDto[];
	/** Whether "Open on GitHub for…" (pin, transfer, convert: no API) is offered. */
	readonly gitHubOnly?: boolean;
	/** Whether reply boxes show: unlocked threads, and locked ones the viewer may still comment on. */
	readonly canReply?: boolean;
	/** Set while a thread-level moderation change is on its way to GitHub (shown at once, undone if refused). */
	readonly pending?: ModerationActionDto;
}

/** An action the user started in this panel whose outcome is not known yet (its buttons are disabled). */
export interface RunningModerationDto {
	readonly action: ModerationActionDto;
	readonly commentId?: string;
}

/** Keys of the strings the host translates for the panel (English source text lives in the host). */
export type ThreadStringKey =
	| 'loading' | 'refresh' | 'openOnGitHub' | 'open' | 'closed' | 'locked' | 'answered' | 'unanswered' | 'answer'
	| 'maintainer' | 'contributor' | 'firstTimer' | 'hiddenComment' | 'comments' | 'replies'
	| 'moreComments' | 'moreReplies' | 'truncated' | 'labels' | 'reactions' | 'upvotes' | 'commentBy' | 'replyBy'
	| 'threadBody' | 'emptyBody' | 'error' | 'category' | 'reason' | 'keyboardHelp'
	| 'replyLabel' | 'replyToLabel' | 'replyPlaceholder' | 'reply' | 'send' | 'sendAgain' | 'cancel' | 'preview' | 'edit' | 'previewLabel'
	| 'previewEmpty' | 'sendHint' | 'sending' | 'sent' | 'checking' | 'notConfirmed' | 'sendFailed' | 'lockedNoReply' | 'draftRestored'
	| 'useTemplate' | 'afterPosting' | 'dropActions' | 'lockedCanReply' | 'loadMoreComments' | 'loadMoreReplies' | 'loadingMore'
	| 'moderation' | 'commentActions' | 'openOnGitHubForIssue'
	| `action.${ModerationActionDto}` | `pending.${ThreadActionDto | CommentActionDto}`;

/** Translated strings, `{0}`-style placeholders filled in by the webview. */
export type ThreadStrings = Readonly<Record<ThreadStringKey, string>>;

/** Everything the panel renders: always a complete snapshot, never a delta. */
export interface ThreadSnapshot {
	readonly status: 'loading' | 'ready' | 'error';
	/** BCP 47 tag from `vscode.env.language`, for dates and plurals. */
	readonly locale: string;
	readonly strings: ThreadStrings;
	/** The host's clock when the snapshot was made (ISO 8601), the origin of relative times. */
	readonly now: string;
	/** What the panel shows; the webview persists only this (for the serializer). */
	readonly target: ThreadPanelState;
	readonly thread?: ThreadDto;
	/** A user-facing message when `status` is `error`. */
	readonly error?: string;
	/** Moderation started in this panel and not answered yet. */
	readonly running?: RunningModerationDto;
	/** The last failure of an action or "Load more" (shown with role=alert), e.g. GitHub refused a change and it was undone. */
	readonly notice?: string;
	/** "Load more" requests in flight: `''` for comments, else the comment whose replies load. */
	readonly loadingMore?: readonly string[];
}

/** A saved draft of one reply box (`replyToId` null: the thread's own box). */
export interface DraftDto {
	readonly replyToId: string | null;
	readonly body: string;
	/** Epoch ms of the last edit; the newest draft wins. */
	readonly updatedAt: number;
}

/** Where the latest reply of a box is (see `OutboxState` in src/core/outbox.ts). */
export interface ReplyStatusDto {
	readonly replyToId: string | null;
	readonly state: 'sending' | 'unknown' | 'sent' | 'failed';
	/** `rejected`: GitHub refused it; `notFound`: the outcome was unknown and the reply was not found. */
	readonly failure?: 'rejected' | 'notFound';
	/** A user-facing reason of a failure. */
	readonly message?: string;
	/** Drafts of this box edited at or before this (epoch ms) were sent: clear them once `sent`. */
	readonly draftAt?: number;
	/** When it was posted (epoch ms). */
	readonly sentAt: number;
}

/** Replies of one panel: host drafts and the state of each box. Always complete. */
export interface ReplySnapshot {
	readonly drafts: readonly DraftDto[];
	readonly boxes: readonly ReplyStatusDto[];
	/** What a template will do once the thread's own reply is posted, one line per step (empty: nothing). */
	readonly pendingActions?: readonly string[];
	/** The same for the reply boxes of comments that have a template's actions waiting. */
	readonly nestedActions?: readonly { readonly replyToId: string; readonly steps: readonly string[] }[];
}

/** Params of `template/pick` and `reply/dropActions`: the box (null: the thread's own box). */
export interface ReplyBoxParams {
	readonly replyToId: string | null;
}

/** The thread panel's message maps. */
export type ThreadProtocol = {
	readonly requests: {
		/** The current snapshot (the host refetches from GitHub when it has none yet). */
		'thread/get': { params: undefined; result: ThreadSnapshot };
	};
	readonly commands: {
		/** The page has loaded: the host fetches the thread and answers with `thread/didChange`. */
		'webview/ready': undefined;
		/** Fetch the thread again. */
		'thread/refresh': undefined;
		/** "Use Template" in a reply box: the host runs "Reply with Template…" for that box. */
		'template/pick': ReplyBoxParams;
		/** Do not run the template actions listed under a reply box. */
		'reply/dropActions': ReplyBoxParams;
		/** A link was clicked: the host opens http, https and mailto only, never a command. */
		'link/open': { url: string };
		/** Save a draft (debounced while typing, and on blur or when the panel is hidden). */
		'draft/save': DraftParams;
		/** Send a reply from a box of this panel's thread (the host decides the target). */
		'reply/send': DraftParams;
		/**
		 * Run a moderation action on this panel's thread (or one of its comments). The host checks it
		 * is offered, runs the command (which prompts and confirms in host UI) and refetches.
		 */
		'moderation/run': ModerationParams;
		/** Load the next page of comments (`replyToId` null) or of one comment's replies. */
		'comments/loadMore': { replyToId: string | null };
	};
	readonly notifications: {
		'thread/didChange': ThreadSnapshot;
		'reply/didChange': ReplySnapshot;
	};
};

/** Handler tables the host must fill completely. */
export type ThreadRequestHandlers = RequestHandlers<ThreadProtocol>;
/** Command handlers the host must fill completely. */
export type ThreadCommandHandlers = CommandHandlers<ThreadProtocol>;

/** Params of `draft/save` and `reply/send`. */
export interface DraftParams {
	/** A top-level comment of the panel's discussion, or null for the thread's own box. */
	readonly replyToId: string | null;
	readonly body: string;
	/** Epoch ms of the edit. */
	readonly updatedAt: number;
}

/** Params of `moderation/run`. */
export interface ModerationParams {
	readonly action: ModerationActionDto;
	/** The comment of a comment-level action (a node ID the host checks against its own thread). */
	readonly commentId?: string;
}

/** A validated inbound message of the thread panel. */
export type ThreadInbound =
	| { readonly kind: 'request'; readonly id: number; readonly method: 'thread/get'; readonly params: undefined }
	| { readonly kind: 'command'; readonly method: 'webview/ready' | 'thread/refresh'; readonly params: undefined }
	| { readonly kind: 'command'; readonly method: 'template/pick' | 'reply/dropActions'; readonly params: ReplyBoxParams }
	| { readonly kind: 'command'; readonly method: 'link/open'; readonly params: { url: string } }
	| { readonly kind: 'command'; readonly method: 'draft/save' | 'reply/send'; readonly params: DraftParams }
	| { readonly kind: 'command'; readonly method: 'moderation/run'; readonly params: ModerationParams }
	| { readonly kind: 'command'; readonly method: 'comments/loadMore'; readonly params: { replyToId: string | null } };

/** Longest URL a link click may carry. */
export const MAX_URL_LENGTH = 4096;
/** Longest reply body (GitHub's limit is 65,536 characters, marker included). */
export const MAX_REPLY_CHARS = 65_536;
/** Room the outbox marker needs at the end of a body. */
export const MARKER_RESERVE = 64;
/** What a node ID looks like (security checklist M1). */
export const NODE_ID = /^[A-Za-z0-9_=-]{1,200}$/;

/** Validates the params of `draft/save` (`send` also needs a non-blank body that leaves room for the marker). */
export function parseDraftParams(value: unknown, send = false): DraftParams | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	const replyToId = v.replyToId === undefined ? null : v.replyToId;
	if (replyToId !== null && (typeof replyToId !== 'string' || !NODE_ID.test(replyToId))) return undefined;
	if (typeof v.body !== 'string' || v.body.length > MAX_REPLY_CHARS - (send ? MARKER_RESERVE : 0)) return undefined;
	if (send && v.body.trim() === '') return undefined;
	if (typeof v.updatedAt !== 'number' || !Number.isFinite(v.updatedAt) || v.updatedAt < 0) return undefined;
	return { replyToId, body: v.body, updatedAt: v.updatedAt };
}

/**
 * Validates the params of `moderation/run`: a known action; a node ID exactly for comment actions.
 * Whether the action is offered for that comment is the host's check (M2).
 */
export function parseModerationParams(value: unknown): ModerationParams | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	const action = v.action;
	const comment = (COMMENT_ACTIONS as readonly unknown[]).includes(action);
	if (!comment && !(THREAD_ACTIONS as readonly unknown[]).includes(action) && action !== 'openOnGitHubFor') return undefined;
	if (!comment) return v.commentId === undefined ? { action: action as ModerationActionDto } : undefined;
	return typeof v.commentId === 'string' && NODE_ID.test(v.commentId) ? { action: action as CommentActionDto, commentId: v.commentId } : undefined;
}

/** Validates the params of `comments/loadMore`, `template/pick` and `reply/dropActions`: null, or a node ID. */
function parseLoadMoreParams(value: unknown): { replyToId: string | null } | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const id = (value as Record<string, unknown>).replyToId ?? null;
	return id === null || (typeof id === 'string' && NODE_ID.test(id)) ? { replyToId: id } : undefined;
}

/**
 * Validates an inbound message (security checklist M1): the envelope, a known method of the right
 * kind, and its params. Returns undefined for anything else, which the caller drops.
 */
export function parseThreadMessage(value: unknown): ThreadInbound | undefined {
	if (!isWebviewEnvelope(value)) return undefined;
	if (value.kind === 'request') {
		return value.method === 'thread/get' ? { kind: 'request', id: value.id!, method: 'thread/get', params: undefined } : undefined;
	}
	if (value.method === 'webview/ready' || value.method === 'thread/refresh') return { kind: 'command', method: value.method, params: undefined };
	if (value.method === 'template/pick' || value.method === 'reply/dropActions') {
		// No params (an older page) means the thread's own box; anything but a node ID or null is dropped.
		const params = value.params === undefined ? { replyToId: null } : parseLoadMoreParams(value.params);
		return params ? { kind: 'command', method: value.method, params } : undefined;
	}
	if (value.method === 'draft/save' || value.method === 'reply/send') {
		const params = parseDraftParams(value.params, value.method === 'reply/send');
		return params ? { kind: 'command', method: value.method, params } : undefined;
	}
	if (value.method === 'moderation/run') {
		const params = parseModerationParams(value.params);
		return params ? { kind: 'command', method: 'moderation/run', params } : undefined;
	}
	if (value.method === 'comments/loadMore') {
		const params = parseLoadMoreParams(value.params);
		return params ? { kind: 'command', method: 'comments/loadMore', params } : undefined;
	}
	if (value.method !== 'link/open') return undefined;
	const params = value.params as { url?: unknown } | null | undefined;
	const url = typeof params === 'object' && params !== null ? params.url : undefined;
	if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return undefined;
	return { kind: 'command', method: 'link/open', params: { url } };
}

/** What a panel is opened for: the only state the serializer keeps. */
export interface ThreadPanelState {
	readonly host: string;
	readonly owner: string;
	readonly repo: string;
	readonly kind: 'discussion' | 'issue';
	readonly number: number;
}

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** Validates the state a serializer is asked to revive from (it comes from disk: untrusted). */
export function parseThreadPanelState(value: unknown): ThreadPanelState | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	const ok = typeof v.host === 'string' && HOST.test(v.host)
		&& typeof v.owner === 'string' && OWNER.test(v.owner)
		&& typeof v.repo === 'string' && REPO.test(v.repo) && v.repo !== '.' && v.repo !== '..'
		&& (v.kind === 'discussion' || v.kind === 'issue')
		&& typeof v.number === 'number' && Number.isSafeInteger(v.number) && v.number > 0;
	return ok ? { host: v.host as string, owner: v.owner as string, repo: v.repo as string, kind: v.kind as ThreadPanelState['kind'], number: v.number as number } : undefined;
}
