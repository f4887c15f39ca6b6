import type { Translate } from './l10n';
import type { Label } from './model';
import { DISCUSSION_CLOSE_REASONS, ISSUE_CLOSE_REASONS, type DiscussionCloseReason, type IssueCloseReason, type ModerationAction, type UserRef } from './moderation';
import type { TemplateActions } from './templates';

// A template's actions as moderation actions, decided in pure code: label names become the
// repository's label ids, logins the assignable users' ids, and "mark the answer" needs the
// comment the reply answered. Everything is checked before anything runs: one unknown label or
// user, or an action the thread cannot take, and nothing is run (a clear message instead).

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
 * an issue) is skipped with a note, since the reply itself cannot answer anything.
 */
export function planTemplateActions(a: TemplateActions, ctx: TemplateActionContext, t: Translate): TemplateActionPlan {
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
