/**
 * "Reply with Template…" for several queue items at once, as pure decisions: which items can take a
 * reply, which templates fit every one of them, the reply and actions rendered per item (all or
 * nothing: one unfilled variable stops every reply before anything is posted), the preview, and the
 * final report. The command (`src/commands/bulkReply.ts`) does the asking and the posting.
 */
import type { Translate } from './l10n';
import type { Thread } from './model';
import { describeReplyActions, hasTemplateActions } from './templateActions';
import { appliesTo, renderForThread, type ReplyTemplate, type TemplateActions } from './templates';

/** The most items one bulk reply may take (each is a post plus its actions on the write queue). */
export const MAX_BULK_REPLIES = 50;

/** `owner/name#N`. */
export function threadName(t: Pick<Thread, 'repo' | 'number'>): string {
	return `${t.repo.owner}/${t.repo.name}#${t.number}`;
}

/** Whether the viewer may reply to a thread: unlocked, or locked and still allowed (write access). */
export function takesReplies(t: Pick<Thread, 'locked' | 'viewerCanReact'>): boolean {
	return !t.locked || t.viewerCanReact === true;
}

/** The working templates that fit every thread, and how many working ones were left out. */
export function commonTemplates(templates: readonly ReplyTemplate[], threads: readonly Thread[]): { fit: ReplyTemplate[]; excluded: number } {
	const working = templates.filter(tp => tp.errors.length === 0);
	const fit = working.filter(tp => threads.every(th => appliesTo(tp, { kind: th.kind, category: th.category?.name, labels: th.labels.map(l => l.name) })));
	return { fit, excluded: working.length - fit.length };
}

/** One reply of a bulk run, ready to post. */
export interface BulkReplyItem {
	readonly thread: Thread;
	readonly body: string;
	/** The template's actions (undefined: none), run once after GitHub confirms this reply. */
	readonly actions?: TemplateActions;
	/** What the actions will do on this item, one line each. */
	readonly steps: readonly string[];
}

/** The rendered replies, or why none may be posted. */
export type BulkReplyPlan =
	| { readonly ok: true; readonly items: readonly BulkReplyItem[] }
	| { readonly ok: false; readonly problems: readonly string[] };

/** What rendering needs besides the threads: the answers to the prompts, the viewer, the clock. */
export interface BulkRenderInput {
	/** `{{input:…}}` and `duplicate_of` answers, asked once for all items. */
	readonly answers: ReadonlyMap<string, string>;
	/** The viewer's login for `{{me}}` ('' when the template does not use it). */
	readonly me: string;
	readonly now: number;
}

/**
 * Renders the template for every thread with that thread's variables plus the shared answers. Any
 * unknown or unfilled variable for any item stops the whole run (each problem named with its item).
 */
export function planBulkReplies(template: ReplyTemplate, threads: readonly Thread[], input: BulkRenderInput, t: Translate): BulkReplyPlan {
	const items: BulkReplyItem[] = [];
	const problems: string[] = [];
	const actions = hasTemplateActions(template.actions) ? template.actions : undefined;
	for (const thread of threads) {
		const result = renderForThread(template.body, thread, input);
		if (!result.ok) {
			problems.push(t('{0}: unknown or unfilled variables {1}', threadName(thread), [...result.unknown, ...result.missing].map(n => `{{${n}}}`).join(', ')));
			continue;
		}
		items.push({ thread, body: result.text, actions, steps: actions ? describeReplyActions(actions, { kind: thread.kind }, t) : [] });
	}
	return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}

/** Items shown in full in the preview; the rest are counted. */
const PREVIEW_ITEMS = 10;
const PREVIEW_LINES = 2;
const PREVIEW_LINE_CHARS = 100;

/** The first lines of a reply, shortened, for the preview. */
export function firstLines(body: string): string {
	const lines = body.split('\n').map(l => l.trim()).filter(l => l !== '').slice(0, PREVIEW_LINES);
	return lines.map(l => (l.length > PREVIEW_LINE_CHARS ? `${l.slice(0, PREVIEW_LINE_CHARS - 1)}…` : l)).join(' / ');
}

/**
 * The preview shown before anything is posted: each target with the first lines of its reply and
 * the actions it will take, then the items left out and why.
 */
export function previewText(items: readonly BulkReplyItem[], excluded: readonly string[], t: Translate): string {
	const parts = items.slice(0, PREVIEW_ITEMS).map(i => {
		const after = i.steps.length > 0 ? `\n   ${t('After posting: {0}', i.steps.join('; '))}` : '';
		return `${threadName(i.thread)}: ${firstLines(i.body)}${after}`;
	});
	if (items.length > PREVIEW_ITEMS) parts.push(t('…and {0} more, each with its own values.', items.length - PREVIEW_ITEMS));
	if (excluded.length > 0) parts.push(t('Left out: {0}', excluded.join('; ')));
	return parts.join('\n');
}

/** What became of one item of a bulk run. */
export type BulkItemResult =
	| { readonly item: string; readonly posted: true; readonly actionProblem?: string }
	| { readonly item: string; readonly posted: false; readonly reason: string };

/** The closing message of a bulk run: how many were posted, and every failure with its reason. */
export function bulkSummary(results: readonly BulkItemResult[], t: Translate): { readonly ok: boolean; readonly message: string } {
	const posted = results.filter(r => r.posted);
	const failed = results.filter((r): r is Extract<BulkItemResult, { posted: false }> => !r.posted);
	const actionProblems = posted.flatMap(r => (r.actionProblem ? [`${r.item}: ${r.actionProblem}`] : []));
	const parts = [t('Replies posted: {0} of {1}.', posted.length, results.length)];
	if (failed.length > 0) parts.push(t('Not posted: {0}', failed.map(f => `${f.item}: ${f.reason}`).join('; ')));
	if (actionProblems.length > 0) parts.push(t('Template actions not completed: {0}', actionProblems.join('; ')));
	return { ok: failed.length === 0 && actionProblems.length === 0, message: parts.join(' ') };
}
