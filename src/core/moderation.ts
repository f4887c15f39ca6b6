import type { Translate } from './l10n';
import type { LockReason, RepoRef } from './model';
import type { CommentEvent, IndexedItem } from './repoIndex';

// Moderation of issues and discussions, decided in pure code: what a viewer may do (from GitHub's
// viewerCan* fields and the repository permission), which actions are offered for a thread or a
// comment in its current state, which need a confirmation, and the optimistic change to the index
// item (with its exact undo). The GitHub layer issues the mutations; `platform/moderationService.ts`
// runs them through the write queue.

/** An issue or discussion to moderate. `id` is its node ID when already known (saves a look-up). */
export interface ModerationTarget {
	readonly repo: RepoRef;
	readonly kind: 'issue' | 'discussion';
	readonly number: number;
	readonly id?: string;
}

/** A label as an action names it: the node ID for the mutation, the name for the index. */
export interface LabelRef {
	readonly id: string;
	readonly name: string;
}

/** A user as an action names them: the node ID for the mutation, the login for the index. */
export interface UserRef {
	readonly id: string;
	readonly login: string;
}

/** Why an issue is closed (GraphQL `IssueClosedStateReason`). */
export type IssueCloseReason = 'COMPLETED' | 'NOT_PLANNED' | 'DUPLICATE';
/** Why a discussion is closed (GraphQL `DiscussionCloseReason`). */
export type DiscussionCloseReason = 'RESOLVED' | 'OUTDATED' | 'DUPLICATE';
/** Why a comment is hidden (GraphQL `ReportedContentClassifiers`). */
export type HideClassifier = 'SPAM' | 'ABUSE' | 'OFF_TOPIC' | 'OUTDATED' | 'DUPLICATE' | 'RESOLVED';

/** Every close reason of issues, in the order a picker shows them. */
export const ISSUE_CLOSE_REASONS: readonly IssueCloseReason[] = ['COMPLETED', 'NOT_PLANNED', 'DUPLICATE'];
/** Every close reason of discussions, in the order a picker shows them. */
export const DISCUSSION_CLOSE_REASONS: readonly DiscussionCloseReason[] = ['RESOLVED', 'OUTDATED', 'DUPLICATE'];
/** Every lock reason, in the order a picker shows them. */
export const LOCK_REASONS: readonly LockReason[] = ['OFF_TOPIC', 'TOO_HEATED', 'RESOLVED', 'SPAM'];
/** Every hide classifier, in the order a picker shows them. */
export const HIDE_CLASSIFIERS: readonly HideClassifier[] = ['SPAM', 'ABUSE', 'OFF_TOPIC', 'OUTDATED', 'DUPLICATE', 'RESOLVED'];

/**
 * One moderation action. Thread-level actions apply to the target; comment-level ones
 * (`markAnswer`, `unmarkAnswer`, `hide`, `unhide`) name the comment by node ID.
 */
export type ModerationAction =
	| { readonly kind: 'addLabels'; readonly labels: readonly LabelRef[] }
	| { readonly kind: 'removeLabels'; readonly labels: readonly LabelRef[] }
	| { readonly kind: 'addAssignees'; readonly assignees: readonly UserRef[] }
	| { readonly kind: 'removeAssignees'; readonly assignees: readonly UserRef[] }
	/** `duplicateOf` is an issue number of the same repository (issues closed as `DUPLICATE` only). */
	| { readonly kind: 'close'; readonly reason: IssueCloseReason | DiscussionCloseReason; readonly duplicateOf?: number }
	| { readonly kind: 'reopen' }
	| { readonly kind: 'lock'; readonly reason?: LockReason }
	| { readonly kind: 'unlock' }
	| { readonly kind: 'markAnswer'; readonly commentId: string }
	| { readonly kind: 'unmarkAnswer'; readonly commentId: string }
	| { readonly kind: 'hide'; readonly commentId: string; readonly classifier: HideClassifier }
	| { readonly kind: 'unhide'; readonly commentId: string };

/** The kind of a {@link ModerationAction}. */
export type ModerationActionKind = ModerationAction['kind'];

/** What a moderation command resolved to. Commands never reject. */
export interface ModerationOutcome {
	/** True when the user dismissed a prompt or the confirmation (nothing was sent). */
	readonly cancelled: boolean;
	readonly applied: readonly ModerationTarget[];
	readonly failed: readonly { readonly target: ModerationTarget; readonly message: string }[];
}

/** A moderation change as `ModerationService.onDidChange` reports it. */
export interface ModerationChange {
	readonly target: ModerationTarget;
	readonly action: ModerationAction;
	/** `optimistic`: applied locally, sent; `confirmed`: GitHub did it; `rolledBack`: GitHub refused, undone locally. */
	readonly phase: 'optimistic' | 'confirmed' | 'rolledBack';
}

/** What the viewer may do with a thread, from GitHub's viewerCan* fields and the repository permission. */
export interface ThreadPermissions {
	readonly canLabel: boolean;
	readonly canAssign: boolean;
	readonly canClose: boolean;
	readonly canReopen: boolean;
	readonly canLock: boolean;
}

/** What the viewer may do with one comment, from its viewerCan* fields. */
export interface CommentPermissions {
	readonly canMinimize: boolean;
	readonly canMarkAsAnswer: boolean;
	readonly canUnmarkAsAnswer: boolean;
}

/** The raw facts {@link threadPermissions} derives from (absent fields count as false). */
export interface RawThreadPermissions {
	readonly viewerCanLabel?: boolean | null;
	readonly viewerCanClose?: boolean | null;
	readonly viewerCanReopen?: boolean | null;
	/** The repository's `viewerPermission`: `ADMIN`, `MAINTAIN`, `WRITE`, `TRIAGE`, `READ`. */
	readonly viewerPermission?: string | null;
}

const PERMISSION_RANK: Readonly<Record<string, number>> = { READ: 1, TRIAGE: 2, WRITE: 3, MAINTAIN: 4, ADMIN: 5 };

/** True when a repository permission is at least `min` (unknown permissions are below everything). */
export function permissionAtLeast(permission: string | null | undefined, min: 'READ' | 'TRIAGE' | 'WRITE' | 'MAINTAIN' | 'ADMIN'): boolean {
	return (PERMISSION_RANK[permission ?? ''] ?? 0) >= PERMISSION_RANK[min]!;
}

/**
 * Derives the thread permissions. GitHub reports closing and reopening per thread; assigning and
 * locking need triage access to the repository, and so does labelling where `viewerCanLabel` is
 * not known (it is newer than some GitHub Enterprise Server versions, so the thread query does not ask).
 */
export function threadPermissions(kind: 'issue' | 'discussion', raw: RawThreadPermissions): ThreadPermissions {
	const triage = permissionAtLeast(raw.viewerPermission, 'TRIAGE');
	return {
		canLabel: raw.viewerCanLabel == null ? triage : raw.viewerCanLabel,
		canAssign: kind === 'issue' && triage,
		canClose: raw.viewerCanClose === true,
		canReopen: raw.viewerCanReopen === true,
		canLock: triage,
	};
}

/** What the tree knows of the signed-in viewer in a repository, for the context values of its rows. */
export interface ViewerAccess {
	/** The repository's `viewerPermission`; undefined while not known. */
	readonly permission?: string;
	/** The viewer's login; undefined while not known. */
	readonly login?: string;
}

/**
 * The viewer flags of a tree row's context value, so menus offer only what the viewer may do:
 * `read` when the viewer has read access only (no labels, assignees, locking, or closing others'
 * items), then `own` when that viewer wrote the item (authors may close and reopen their own).
 * Nothing for anyone with triage access or more, or while the permission is not known: every
 * action stays offered and GitHub decides.
 */
export function viewerFlags(access: ViewerAccess | undefined, author?: string): string[] {
	if (access?.permission !== 'READ') return [];
	const own = author !== undefined && access.login !== undefined && author.toLowerCase() === access.login.toLowerCase();
	return own ? ['read', 'own'] : ['read'];
}

/** No permission at all (signed out, or not yet known). */
export const NO_THREAD_PERMISSIONS: ThreadPermissions = { canLabel: false, canAssign: false, canClose: false, canReopen: false, canLock: false };

/** The state of a thread that decides which actions apply. */
export interface ModerationThreadState {
	readonly kind: 'issue' | 'discussion';
	readonly closed: boolean;
	readonly locked: boolean;
}

/** Thread-level action kinds offered for a thread in this state, in menu order. */
export type ThreadActionKind = 'labels' | 'assign' | 'close' | 'reopen' | 'lock' | 'unlock';

/** Which thread-level actions to offer: only what the state allows and the viewer may do. */
export function offeredThreadActions(state: ModerationThreadState, p: ThreadPermissions): ThreadActionKind[] {
	const offered: ThreadActionKind[] = [];
	if (p.canLabel) offered.push('labels');
	if (p.canAssign && state.kind === 'issue') offered.push('assign');
	if (!state.closed && p.canClose) offered.push('close');
	if (state.closed && p.canReopen) offered.push('reopen');
	if (p.canLock) offered.push(state.locked ? 'unlock' : 'lock');
	return offered;
}

/** The state of a comment that decides which actions apply. */
export interface ModerationCommentState {
	readonly isAnswer: boolean;
	readonly isMinimized: boolean;
}

/** Comment-level action kinds offered for a comment, in menu order. */
export type CommentActionKind = 'markAnswer' | 'unmarkAnswer' | 'hide' | 'unhide';

/**
 * Which comment-level actions to offer. GitHub's viewerCanMarkAsAnswer is already false outside
 * answerable categories and for replies; unhiding needs the same right as hiding.
 */
export function offeredCommentActions(state: ModerationCommentState, p: CommentPermissions): CommentActionKind[] {
	const offered: CommentActionKind[] = [];
	if (!state.isAnswer && p.canMarkAsAnswer) offered.push('markAnswer');
	if (state.isAnswer && p.canUnmarkAsAnswer) offered.push('unmarkAnswer');
	if (p.canMinimize) offered.push(state.isMinimized ? 'unhide' : 'hide');
	return offered;
}

/** What GitHub's API cannot do; offered as "Open on GitHub" for that action, never faked. */
export type GitHubOnlyAction = 'pin' | 'transfer' | 'convertToDiscussion';

/** The GitHub-only actions that exist for a kind of thread. */
export function gitHubOnlyActions(kind: 'issue' | 'discussion'): GitHubOnlyAction[] {
	return kind === 'discussion' ? ['pin', 'transfer'] : ['convertToDiscussion'];
}

/** True for actions that ask for confirmation (a bulk run of any action asks too). */
export function isDestructive(action: ModerationAction | ModerationActionKind): boolean {
	const kind = typeof action === 'string' ? action : action.kind;
	return kind === 'close' || kind === 'lock' || kind === 'hide' || kind === 'unmarkAnswer';
}

/** Whether an action is about a comment (needs a `commentId`) rather than the thread. */
export function isCommentAction(action: ModerationAction): action is Extract<ModerationAction, { commentId: string }> {
	return 'commentId' in action;
}

/**
 * Checks an action against its target before anything is sent: a clear message for bad input, or
 * undefined when it is fine. Catches what GitHub would refuse anyway, so nothing changes locally.
 */
export function validateAction(kind: 'issue' | 'discussion', action: ModerationAction): string | undefined {
	switch (action.kind) {
		case 'addLabels':
		case 'removeLabels':
			return action.labels.length === 0 ? 'No labels given.' : undefined;
		case 'addAssignees':
		case 'removeAssignees':
			if (kind !== 'issue') return 'Discussions have no assignees.';
			return action.assignees.length === 0 ? 'No assignees given.' : undefined;
		case 'close':
			return validateClose(kind, action.reason, action.duplicateOf);
		case 'markAnswer':
		case 'unmarkAnswer':
			return kind === 'discussion' ? undefined : 'Only discussion comments can be answers.';
		default:
			return undefined;
	}
}

function validateClose(kind: 'issue' | 'discussion', reason: string, duplicateOf: number | undefined): string | undefined {
	const reasons: readonly string[] = kind === 'issue' ? ISSUE_CLOSE_REASONS : DISCUSSION_CLOSE_REASONS;
	if (!reasons.includes(reason)) return `Unknown close reason ${reason}.`;
	if (duplicateOf === undefined) return undefined;
	if (kind !== 'issue' || reason !== 'DUPLICATE') return 'Only issues closed as duplicate name the original.';
	return Number.isSafeInteger(duplicateOf) && duplicateOf > 0 ? undefined : 'The original must be an issue number.';
}

/**
 * Parses a "duplicate of" input: `#123`, `123`, or an issue URL of the same repository.
 * Returns the number, or undefined when the text is not one.
 */
export function parseIssueNumber(text: string, repo?: RepoRef): number | undefined {
	const s = text.trim();
	const plain = /^#?(\d{1,9})$/.exec(s);
	const url = repo && /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/issues\/(\d{1,9})\/?$/i.exec(s);
	const digits = plain?.[1] ?? (url && url[1]!.toLowerCase() === repo.owner.toLowerCase() && url[2]!.toLowerCase() === repo.name.toLowerCase() ? url[3] : undefined);
	const n = digits === undefined ? NaN : Number(digits);
	return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function addNames(list: readonly string[] | undefined, names: readonly string[]): string[] {
	const out = [...(list ?? [])];
	for (const n of names) if (!out.some(x => x.toLowerCase() === n.toLowerCase())) out.push(n);
	return out;
}

function removeNames(list: readonly string[] | undefined, names: readonly string[]): string[] {
	const drop = new Set(names.map(n => n.toLowerCase()));
	return (list ?? []).filter(x => !drop.has(x.toLowerCase()));
}

/**
 * The index item as it will be once the action is done (the optimistic update), as a sync would
 * store it: closing sets `closedAt` to `now` (reopening clears it), marking an answer sets
 * `isAnswered` and `answerChosenAt` (unmarking clears both), so the triage queue and the stats are
 * right before the next sync. Hiding changes only the comment ({@link patchComment}). `updatedAt`
 * stays: it is the sync's watermark, and moving it ahead would make the next sync skip changes.
 */
export function patchItem(item: IndexedItem, action: ModerationAction, now: number): IndexedItem {
	switch (action.kind) {
		case 'addLabels': return { ...item, labels: addNames(item.labels, action.labels.map(l => l.name)) };
		case 'removeLabels': return { ...item, labels: removeNames(item.labels, action.labels.map(l => l.name)) };
		case 'addAssignees': return { ...item, assignees: addNames(item.assignees, action.assignees.map(a => a.login)) };
		case 'removeAssignees': return { ...item, assignees: removeNames(item.assignees, action.assignees.map(a => a.login)) };
		case 'close': return { ...item, closed: true, closedAt: now, stateReason: action.reason };
		case 'reopen': return omitUndefined({ ...item, closed: false, closedAt: undefined, stateReason: 'REOPENED' });
		case 'lock': return { ...item, locked: true };
		case 'unlock': return { ...item, locked: false };
		case 'markAnswer': return isAnswerable(item) ? { ...item, isAnswered: true, answerChosenAt: now } : item;
		case 'unmarkAnswer': return isAnswerable(item) ? omitUndefined({ ...item, isAnswered: false, answerChosenAt: undefined }) : item;
		default: return item;
	}
}

/** Whether marking and unmarking change the item: discussions (GitHub refuses outside answerable categories) and items known as answerable. */
function isAnswerable(item: IndexedItem): boolean {
	return item.isAnswered !== undefined || item.kind === 'discussion';
}

/** A copy without the fields set to undefined: absent, as a sync stores them (and as `deepEqual` compares). */
function omitUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The fields of an item each action changes (what {@link revertItem} restores). */
function touchedFields(action: ModerationAction): readonly (keyof IndexedItem)[] {
	switch (action.kind) {
		case 'addLabels': case 'removeLabels': return ['labels'];
		case 'addAssignees': case 'removeAssignees': return ['assignees'];
		case 'close': case 'reopen': return ['closed', 'closedAt', 'stateReason'];
		case 'lock': case 'unlock': return ['locked'];
		case 'markAnswer': case 'unmarkAnswer': return ['isAnswered', 'answerChosenAt'];
		default: return [];
	}
}

/**
 * The inverse of {@link patchItem}: restores, in the current item, only the fields the action
 * changed to their value before it, so anything a sync changed meanwhile is kept.
 */
export function revertItem(current: IndexedItem, before: IndexedItem, action: ModerationAction): IndexedItem {
	const out: Record<string, unknown> = { ...current };
	for (const f of touchedFields(action)) {
		if (before[f] === undefined) delete out[f];
		else out[f] = before[f];
	}
	return out as unknown as IndexedItem;
}

/**
 * The reason the index keeps for a hidden comment, from a hide classifier (`OFF_TOPIC`) or GraphQL's
 * `minimizedReason` (`off-topic`): the latter, as a sync stores it. It decides whether the comment
 * still counts as a response (spam, abuse and off-topic do not).
 */
export function minimizedReasonOf(reason: string): string {
	return reason.toLowerCase().replace(/_/g, '-');
}

/**
 * The comment event as it will be once a comment-level action is done (others leave it unchanged):
 * hiding keeps the reason, unhiding drops it, as a sync would store them.
 */
export function patchComment(comment: CommentEvent, action: ModerationAction): CommentEvent {
	if (!isCommentAction(action) || action.commentId !== comment.id) return comment;
	switch (action.kind) {
		case 'markAnswer': return { ...comment, isAnswer: true };
		case 'unmarkAnswer': return { ...comment, isAnswer: false };
		case 'hide': return { ...comment, minimized: true, minimizedReason: minimizedReasonOf(action.classifier) };
		case 'unhide': return omitUndefined({ ...comment, minimized: false, minimizedReason: undefined });
	}
}

/** A thread's moderation state as GitHub reports it (after a write, or read back after an unknown outcome). */
export interface ModerationState {
	readonly id: string;
	readonly closed: boolean;
	/** Epoch ms of the last close, when closed and GitHub said. */
	readonly closedAt?: number;
	readonly stateReason?: string;
	readonly locked: boolean;
	readonly labels: readonly string[];
	/** Issues only. */
	readonly assignees?: readonly string[];
	/** Discussions in answerable categories only. */
	readonly isAnswered?: boolean;
	/** Epoch ms when the current answer was chosen, when answered and GitHub said. */
	readonly answerChosenAt?: number;
	/** The comment a comment-level action was about, when asked for. */
	readonly comment?: ModerationCommentStateOnGitHub;
}

/** A comment's moderation state as GitHub reports it; `minimizedReason` as GraphQL spells it (`off-topic`). */
export interface ModerationCommentStateOnGitHub {
	readonly id: string;
	readonly isMinimized: boolean;
	readonly minimizedReason?: string;
	readonly isAnswer?: boolean;
}

const hasName = (list: readonly string[] | undefined, name: string) => (list ?? []).some(x => x.toLowerCase() === name.toLowerCase());

/**
 * Whether GitHub's state already shows the action done: after a network error or a 5xx the outcome
 * of a write is unknown, and the state read back decides between "applied" and "failed".
 */
export function isReflected(state: ModerationState, action: ModerationAction): boolean {
	switch (action.kind) {
		case 'addLabels': return action.labels.every(l => hasName(state.labels, l.name));
		case 'removeLabels': return action.labels.every(l => !hasName(state.labels, l.name));
		case 'addAssignees': return action.assignees.every(a => hasName(state.assignees, a.login));
		case 'removeAssignees': return action.assignees.every(a => !hasName(state.assignees, a.login));
		case 'close': return state.closed && (state.stateReason === undefined || state.stateReason === action.reason
			// GitHub reports an issue closed as duplicate as NOT_PLANNED unless asked with enableDuplicate.
			|| (action.reason === 'DUPLICATE' && state.stateReason === 'NOT_PLANNED'));
		case 'reopen': return !state.closed;
		case 'lock': return state.locked;
		case 'unlock': return !state.locked;
		case 'markAnswer': return state.comment?.id === action.commentId && state.comment.isAnswer === true;
		case 'unmarkAnswer': return state.comment?.id === action.commentId && state.comment.isAnswer === false;
		case 'hide': return state.comment?.id === action.commentId && state.comment.isMinimized;
		case 'unhide': return state.comment?.id === action.commentId && !state.comment.isMinimized;
	}
}

/**
 * The index item updated with GitHub's confirmed state (the fields moderation can change). Times
 * GitHub did not report keep the optimistic ones; an open item has no `closedAt`, an unanswered
 * one no `answerChosenAt`, as a sync stores them.
 */
export function applyState(item: IndexedItem, state: ModerationState): IndexedItem {
	const isAnswered = state.isAnswered ?? item.isAnswered;
	const next: IndexedItem = {
		...item,
		closed: state.closed,
		closedAt: state.closed ? state.closedAt ?? item.closedAt : undefined,
		stateReason: state.stateReason ?? item.stateReason,
		locked: state.locked,
		labels: [...state.labels],
		assignees: state.assignees ? [...state.assignees] : item.assignees,
		isAnswered,
		answerChosenAt: isAnswered === true ? state.answerChosenAt ?? item.answerChosenAt : undefined,
	};
	return omitUndefined(next);
}

/**
 * The comment event updated with GitHub's confirmed state of the comment a comment-level action
 * was about: the answer flag after marking or unmarking, hidden and its reason after hiding or
 * unhiding (marking reports no minimized state). Other comments and actions leave it unchanged.
 */
export function applyCommentState(comment: CommentEvent, state: ModerationCommentStateOnGitHub | undefined, action: ModerationAction): CommentEvent {
	if (!state || state.id !== comment.id || !isCommentAction(action) || action.commentId !== comment.id) return comment;
	if (action.kind === 'markAnswer' || action.kind === 'unmarkAnswer') return state.isAnswer === undefined ? comment : { ...comment, isAnswer: state.isAnswer };
	const minimizedReason = state.isMinimized ? state.minimizedReason ?? comment.minimizedReason : undefined;
	return omitUndefined({ ...comment, minimized: state.isMinimized, minimizedReason });
}

/** A user issues can be assigned to, as the assignee picker lists them. */
export interface AssignableUser extends UserRef {
	readonly name?: string;
}

/** A short, translated name of an action for messages and confirmations ("close", "lock", …). */
export function describeAction(t: Translate, action: ModerationAction): string {
	switch (action.kind) {
		case 'addLabels': return t('add labels {0}', action.labels.map(l => l.name).join(', '));
		case 'removeLabels': return t('remove labels {0}', action.labels.map(l => l.name).join(', '));
		case 'addAssignees': return t('assign {0}', action.assignees.map(a => a.login).join(', '));
		case 'removeAssignees': return t('unassign {0}', action.assignees.map(a => a.login).join(', '));
		case 'close': return action.duplicateOf !== undefined ? t('close as a duplicate of #{0}', action.duplicateOf) : t('close ({0})', describeReason(t, action.reason));
		case 'reopen': return t('reopen');
		case 'lock': return action.reason ? t('lock ({0})', describeReason(t, action.reason)) : t('lock');
		case 'unlock': return t('unlock');
		case 'markAnswer': return t('mark the comment as the answer');
		case 'unmarkAnswer': return t('unmark the answer');
		case 'hide': return t('hide the comment ({0})', describeReason(t, action.classifier));
		case 'unhide': return t('unhide the comment');
	}
}

/** A translated name of a close reason, lock reason or hide classifier. */
export function describeReason(t: Translate, reason: IssueCloseReason | DiscussionCloseReason | LockReason | HideClassifier): string {
	switch (reason) {
		case 'COMPLETED': return t('completed');
		case 'NOT_PLANNED': return t('not planned');
		case 'DUPLICATE': return t('duplicate');
		case 'RESOLVED': return t('resolved');
		case 'OUTDATED': return t('outdated');
		case 'OFF_TOPIC': return t('off-topic');
		case 'TOO_HEATED': return t('too heated');
		case 'SPAM': return t('spam');
		case 'ABUSE': return t('abuse');
	}
}

/** "issue #12" / "discussion #7", translated. */
export function describeTarget(t: Translate, target: ModerationTarget): string {
	return target.kind === 'issue' ? t('issue #{0}', target.number) : t('discussion #{0}', target.number);
}
