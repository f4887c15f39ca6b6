import type { Translate } from './l10n';
import type { Label } from './model';
import {
	DISCUSSION_CLOSE_REASONS, ISSUE_CLOSE_REASONS, LOCK_REASONS, type DiscussionCloseReason, type IssueCloseReason, type ModerationAction, type UserRef,
} from './moderation';
import type { TemplateActions } from './templates';

// A template's actions as moderation actions, decided in pure code: label names become the
// repository's label ids, logins the assignable users' ids, and "mark the answer" needs the
// comment the reply answered. Everything is checked before anything runs: one unknown label or
// user, or an action the thread cannot take, and nothing is run (a clear message instead).

/**
 * A template's actions as a reply carries them (in its draft, then in its outbox entry). A reply
 * sent from a comment's reply box also names that comment, when the viewer may mark it as the answer
 * (GitHub's `viewerCanMarkAsAnswer`): only then does "mark the answer" run.
 */
export interface ReplyActions extends TemplateActions {
	/** The top-level discussion comment the reply answers, to mark as the answer. */
	readonly answerCommentId?: string;
}

/** What the mapping needs to know of the thread and the repository. */
export interface TemplateActionContext {
	readonly kind: 'issue' | 'discussion';
	/** The repository's labels (names match case-insensitively, as on GitHub). */
	readonly labels: readonly Label[];
	/** The users the template assigns, as found among the assignable users. */
	readonly users: readonly UserRef[];
	/** The node id of the comment the reply answered (a reply within a discussion comment). */
	readonly replyToId?: string;
}

/** The actions in the order they run, or why they cannot run. */
export type TemplateActionPlan =
	| { readonly ok: true; readonly actions: readonly ModerationAction[]; readonly skipped: readonly string[] }
	| { readonly ok: false; readonly errors: readonly string[] };

/** True when a template has any action to run. */
export function hasTemplateActions(a: TemplateActions | undefined): a is TemplateActions {
	return !!a && (!!a.addLabels?.length || !!a.removeLabels?.length || !!a.close || !!a.lock || !!a.markAnswer || !!a.assign?.length);
}

/**
 * Maps a template's actions to moderation actions in the order the brief gives: labels (added,
 * then removed), mark the answer, assign, close, lock. Unknown labels or users and a close reason the
 * kind does not take are errors (nothing runs); a "mark the answer" without an answered comment (or on
 * an issue, or when the viewer may not mark answers) is skipped with a note, since the reply itself
 * cannot answer anything.
 */
export function planTemplateActions(a: ReplyActions, ctx: TemplateActionContext, t: Translate): TemplateActionPlan {
	const errors: string[] = [];
	const skipped: string[] = [];
	const actions: ModerationAction[] = [];
	const byName = new Map(ctx.labels.map(l => [l.name.toLowerCase(), l] as const));
	const labelsOf = (names: readonly string[] | undefined) => {
		const found: Label[] = [];
		for (const name of names ?? []) {
			const label = byName.get(name.trim().toLowerCase());
			if (label) found.push(label);
			else errors.push(t('The repository has no label "{0}".', name));
		}
		return found.map(l => ({ id: l.id, name: l.name }));
	};
	const add = labelsOf(a.addLabels);
	if (add.length > 0) actions.push({ kind: 'addLabels', labels: add });
	const remove = labelsOf(a.removeLabels);
	if (remove.length > 0) actions.push({ kind: 'removeLabels', labels: remove });
	if (a.markAnswer) {
		if (ctx.kind !== 'discussion') skipped.push(t('Only a discussion comment can be marked as the answer.'));
		else if (!ctx.replyToId) skipped.push(t('The reply does not answer a comment, so no comment can be marked as the answer.'));
		// Only the comment the reply answers, and only when the viewer could mark it when the reply was sent.
		else if ((a as ReplyActions).answerCommentId !== ctx.replyToId) skipped.push(t('You cannot mark answers in this discussion, so the comment you answered was not marked.'));
		else actions.push({ kind: 'markAnswer', commentId: ctx.replyToId });
	}
	if (a.assign?.length && ctx.kind !== 'issue') errors.push(t('Discussions have no assignees.'));
	else if (a.assign?.length) {
		const users = new Map(ctx.users.map(u => [u.login.toLowerCase(), u] as const));
		const found: UserRef[] = [];
		for (const login of a.assign) {
			const user = users.get(login.replace(/^@/, '').toLowerCase());
			if (user) found.push({ id: user.id, login: user.login });
			else errors.push(t('"{0}" cannot be assigned in this repository.', login));
		}
		if (found.length > 0) actions.push({ kind: 'addAssignees', assignees: found });
	}
	if (a.close) {
		const reasons: readonly string[] = ctx.kind === 'issue' ? ISSUE_CLOSE_REASONS : DISCUSSION_CLOSE_REASONS;
		if (!reasons.includes(a.close.reason)) errors.push(t('"{0}" is not a close reason here.', a.close.reason));
		else actions.push({ kind: 'close', reason: a.close.reason as IssueCloseReason | DiscussionCloseReason });
	}
	if (a.lock) actions.push({ kind: 'lock', reason: a.lock.reason });
	return errors.length > 0 ? { ok: false, errors } : { ok: true, actions, skipped };
}

// ---------------------------------------------------------------------------------------------
// Stored actions and what a reply box lists

const MAX_NAMES = 100;
const MAX_NAME = 100;
const NODE_ID = /^[A-Za-z0-9_=-]{1,200}$/;
const CLOSE_REASONS: readonly string[] = [...new Set<string>([...ISSUE_CLOSE_REASONS, ...DISCUSSION_CLOSE_REASONS])];

function names(v: unknown): string[] | undefined | false {
	if (v === undefined) return undefined;
	return Array.isArray(v) && v.length <= MAX_NAMES && v.every(n => typeof n === 'string' && n.length <= MAX_NAME) ? [...v as string[]] : false;
}

function reason(v: unknown, allowed: readonly string[]): { reason: string } | undefined | false {
	if (v === undefined) return undefined;
	const r = typeof v === 'object' && v !== null ? (v as { reason?: unknown }).reason : undefined;
	return typeof r === 'string' && allowed.includes(r) ? { reason: r } : false;
}

/**
 * Validates template actions read back from storage (a draft: untrusted, possibly stale): only the
 * known keys, lists of short names, known close and lock reasons, a node id for the answered comment.
 * Returns a clean copy, or undefined when anything is malformed or there is nothing to run.
 */
export function parseReplyActions(value: unknown): ReplyActions | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const v = value as Record<string, unknown>;
	const addLabels = names(v.addLabels);
	const removeLabels = names(v.removeLabels);
	const assign = names(v.assign);
	const close = reason(v.close, CLOSE_REASONS);
	const lock = reason(v.lock, LOCK_REASONS);
	if (addLabels === false || removeLabels === false || assign === false || close === false || lock === false) return undefined;
	if (v.markAnswer !== undefined && typeof v.markAnswer !== 'boolean') return undefined;
	if (v.answerCommentId !== undefined && (typeof v.answerCommentId !== 'string' || !NODE_ID.test(v.answerCommentId))) return undefined;
	const out: { -readonly [K in keyof ReplyActions]: ReplyActions[K] } = {};
	if (addLabels?.length) out.addLabels = addLabels;
	if (removeLabels?.length) out.removeLabels = removeLabels;
	if (assign?.length) out.assign = assign;
	if (close) out.close = close;
	if (lock) out.lock = lock as ReplyActions['lock'];
	if (v.markAnswer === true) out.markAnswer = true;
	if (typeof v.answerCommentId === 'string') out.answerCommentId = v.answerCommentId;
	return hasTemplateActions(out) ? out : undefined;
}

/** The reply box a template's actions wait in, as far as "mark the answer" cares. */
export interface ReplyBoxContext {
	readonly kind: 'issue' | 'discussion';
	/** Set for a comment's reply box: that comment's author and what the viewer may do with it. */
	readonly answering?: { readonly author: string; readonly canMarkAnswer: boolean; readonly isAnswer: boolean };
}

/**
 * The lines listed under a reply box ("After posting: …"): the template's steps, with "mark the
 * answer" said as it will go from this box (the comment answered, or why it will be skipped); without
 * a box, as a template states them.
 */
export function describeReplyActions(a: TemplateActions, box: ReplyBoxContext | undefined, t: Translate): string[] {
	// Here rather than in templates.ts (whose describeActions calls this without a box), so the thread
	// panel's bundle does not carry the template parser (see test/unit/features/bundles.test.ts).
	const lines: string[] = [];
	if (a.addLabels?.length) lines.push(t('Add labels: {0}', a.addLabels.join(', ')));
	if (a.removeLabels?.length) lines.push(t('Remove labels: {0}', a.removeLabels.join(', ')));
	if (a.assign?.length) lines.push(t('Assign: {0}', a.assign.join(', ')));
	if (a.markAnswer) lines.push(box ? markAnswerLine(box, t) : t('Mark a comment as the answer'));
	if (a.close) lines.push(t('Close as {0}', a.close.reason));
	if (a.lock) lines.push(t('Lock as {0}', a.lock.reason));
	return lines;
}

function markAnswerLine(box: ReplyBoxContext, t: Translate): string {
	if (box.kind !== 'discussion') return t('Mark as the answer: skipped (only discussion comments can be answers)');
	if (!box.answering) return t('Mark as the answer: skipped (a reply in the thread\'s own box answers no comment; use the reply box of the comment)');
	if (box.answering.isAnswer) return t('Mark as the answer: skipped (the comment by @{0} already is the answer)', box.answering.author);
	if (!box.answering.canMarkAnswer) return t('Mark as the answer: skipped (you cannot mark answers in this discussion)');
	return t('Mark the comment by @{0} as the answer', box.answering.author);
}

/**
 * The actions a reply from a box takes with it: in a comment's box, "mark the answer" names that
 * comment when the viewer may mark it, and is dropped when the comment already is the answer.
 */
export function actionsForBox(a: TemplateActions, box: ReplyBoxContext & { readonly replyToId?: string }): ReplyActions {
	const { answerCommentId: _ignored, ...rest } = a as ReplyActions;
	if (!rest.markAnswer || box.kind !== 'discussion' || !box.answering || !box.replyToId) return rest;
	if (box.answering.isAnswer) {
		const { markAnswer: _done, ...others } = rest;
		return others;
	}
	return box.answering.canMarkAnswer ? { ...rest, answerCommentId: box.replyToId } : rest;
}
