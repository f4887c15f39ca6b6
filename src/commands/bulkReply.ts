import * as vscode from 'vscode';
import {
	bulkSummary, commonTemplates, MAX_BULK_REPLIES, planBulkReplies, previewText, takesReplies, threadName, type BulkItemResult, type BulkReplyItem,
} from '../core/bulkReply';
import type { Thread, ThreadLocator } from '../core/model';
import { bodyHash } from '../core/outbox';
import { Semaphore } from '../core/semaphore';
import { describeAction } from '../core/moderation';
import { loadTemplates } from '../platform/templateSources';
import type { ExpectedReport } from './templateActions';
import {
	askPrompts, meFor, noticeItem, noTemplatesMessage, pickTemplate, toItem, type TemplateCommandDeps, type TemplateItem, type TemplatePresets,
	type TemplateReplyResult,
} from './templates';

/** Threads fetched at once while preparing (reads; the writes are serialized by the client). */
const FETCH_CONCURRENCY = 4;

/**
 * "Reply with Template…" for several queue items: fetches them, leaves out the locked ones, offers
 * only the templates that fit every item (saying how many do not), asks the template's prompts once,
 * renders per item (one unfilled variable anywhere stops everything before a change), previews every
 * reply and its actions in a modal, and on confirmation posts one reply per item through the outbox
 * (the serialized write queue: spacing, the marker, look-ups after a crash). Each reply carries its
 * actions, run once after GitHub confirms that reply, exactly as from a thread panel. Ends with one
 * report: how many were posted and why the others were not.
 */
export async function replyToMany(c: TemplateCommandDeps, refs: readonly ThreadLocator[], presets: TemplatePresets): Promise<TemplateReplyResult | undefined> {
	if (refs.length > MAX_BULK_REPLIES) {
		void vscode.window.showErrorMessage(vscode.l10n.t('Reply with Template works on at most {0} items at once; select fewer.', MAX_BULK_REPLIES));
		return undefined;
	}
	const fetched = await fetchThreads(c, refs);
	if (!fetched) return undefined;
	const threads = fetched.threads.filter(takesReplies);
	const excluded = [...fetched.failed, ...fetched.threads.filter(t => !takesReplies(t)).map(t => vscode.l10n.t('{0} (locked)', threadName(t)))];
	if (threads.length === 0) {
		void vscode.window.showWarningMessage(vscode.l10n.t('None of the selected items can take a reply: {0}', excluded.join('; ')));
		return undefined;
	}
	const { items, fitCount, left } = await bulkItems(c, threads);
	const title = vscode.l10n.t('Reply with Template: {0} selected', threads.length);
	const placeHolder = left > 0
		? vscode.l10n.t('Only templates that fit every selected item are shown; left out: {0}', left)
		: undefined;
	const template = await pickTemplate(Promise.resolve(items), presets, { title, placeHolder });
	if (!template || fitCount === 0) return undefined;
	const me = await meFor(c, template);
	if (me === undefined) return undefined;
	const answers = await askPrompts(template, presets);
	if (!answers) return undefined;
	const plan = planBulkReplies(template, threads, { answers, me, now: Date.now() }, vscode.l10n.t);
	if (!plan.ok) {
		void vscode.window.showErrorMessage(vscode.l10n.t('The template "{0}" was not used: {1}. Nothing was posted or changed.', template.title, plan.problems.join('; ')));
		return undefined;
	}
	if (!presets.confirmed && !(await confirmPreview(plan.items, excluded, template.title))) return undefined;
	const results = await postAll(c, plan.items);
	const summary = bulkSummary(results, vscode.l10n.t);
	void (summary.ok ? vscode.window.showInformationMessage(summary.message) : vscode.window.showWarningMessage(summary.message));
	return { kind: 'bulk', results };
}

/** Fetches every item (a few at a time); items that fail are left out with their reason. */
async function fetchThreads(c: TemplateCommandDeps, refs: readonly ThreadLocator[]): Promise<{ threads: Thread[]; failed: string[] } | undefined> {
	const failed: string[] = [];
	const slots = new Semaphore(FETCH_CONCURRENCY);
	const fetchOne = (ref: ThreadLocator) => slots.run(async () => {
		try {
			return await c.client.getThread(ref.repo, ref.kind, ref.number);
		} catch (error) {
			failed.push(`${threadName(ref)} (${c.presentError(error, vscode.l10n.t, vscode.env.language).message})`);
			return undefined;
		}
	});
	const threads = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading the selected items…') },
		() => Promise.all(refs.map(fetchOne)));
	const found = threads.filter((t): t is Thread => t !== undefined);
	if (found.length === 0) {
		void vscode.window.showErrorMessage(vscode.l10n.t('The selected items could not be loaded: {0}', failed.join('; ')));
		return undefined;
	}
	return { threads: found, failed };
}

/** The quick-pick rows: templates that fit every item, then broken ones and sources not loaded. */
async function bulkItems(c: TemplateCommandDeps, threads: readonly Thread[]): Promise<{ items: TemplateItem[]; fitCount: number; left: number }> {
	const load = await loadTemplates({ globalStorageUri: c.globalStorageUri, client: c.client, t: vscode.l10n.t, presentError: c.presentError });
	const { fit, excluded } = commonTemplates(load.templates, threads);
	const items: TemplateItem[] = [...fit, ...load.templates.filter(t => t.errors.length > 0)].map(toItem);
	items.push(...load.notLoaded.map(noticeItem));
	if (items.length === 0) items.push(noticeItem({ source: 'team', reason: noTemplatesMessage() }));
	return { items, fitCount: fit.length, left: excluded };
}

/** The preview: every reply's first lines and actions in a modal; posts only on "Post Replies". */
async function confirmPreview(items: readonly BulkReplyItem[], excluded: readonly string[], title: string): Promise<boolean> {
	const post = vscode.l10n.t('Post Replies');
	const choice = await vscode.window.showWarningMessage(
		vscode.l10n.t('Post "{0}" as a reply to each selected item ({1})?', title, items.length),
		{ modal: true, detail: previewText(items, excluded, vscode.l10n.t) },
		post,
	);
	return choice === post;
}

/** Posts the replies one after another (each waits for its actions), with progress; Cancel stops before the next. */
function postAll(c: TemplateCommandDeps, items: readonly BulkReplyItem[]): Thenable<BulkItemResult[]> {
	return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Posting replies'), cancellable: true }, async (progress, token) => {
		const results: BulkItemResult[] = [];
		for (const [i, item] of items.entries()) {
			if (token.isCancellationRequested) {
				results.push({ item: threadName(item.thread), posted: false, reason: vscode.l10n.t('cancelled before posting') });
				continue;
			}
			progress.report({ message: `${threadName(item.thread)} (${i + 1}/${items.length})`, increment: 100 / items.length });
			results.push(await postOne(c, item));
		}
		return results;
	});
}

/**
 * Posts one reply through the outbox, as the thread's own box would (draftAt 0: a draft the user
 * keeps in that box is not cleared by this reply), then waits for its actions' report.
 */
async function postOne(c: TemplateCommandDeps, item: BulkReplyItem): Promise<BulkItemResult> {
	const t = item.thread;
	const name = threadName(t);
	const box = { host: c.threads.targetOf(t).host, repo: `${t.repo.owner}/${t.repo.name}`, kind: t.kind, number: t.number };
	const expected = item.actions ? c.quietReports?.expect(box, bodyHash(item.body)) : undefined;
	try {
		const entry = await c.threads.replies.send(box, { repo: t.repo, kind: t.kind, number: t.number, id: t.id }, item.body, 0, item.actions);
		// The box may hold another reply (in flight, or failed and found on GitHub now): this one was not posted then.
		if (!entry || entry.bodyHash !== bodyHash(item.body)) {
			return { item: name, posted: false, reason: vscode.l10n.t('another reply of this thread is still being sent or checked; open the thread') };
		}
		if (entry.state === 'failed') return { item: name, posted: false, reason: entry.message ?? vscode.l10n.t('GitHub refused the reply') };
		if (entry.state !== 'sent') {
			return { item: name, posted: false, reason: vscode.l10n.t('the outcome is unknown; it is being checked on GitHub and will not be posted twice') };
		}
		// The outbox marked the actions started (`actionsDone`) before `send` resolved; the runner delivers their report.
		const problem = !expected ? undefined : entry.actionsDone === true ? await actionProblem(expected) : vscode.l10n.t('the actions did not start');
		return { item: name, posted: true, actionProblem: problem };
	} finally {
		expected?.cancel();
	}
}

/** What went wrong with a reply's actions, if anything. */
async function actionProblem(expected: ExpectedReport): Promise<string | undefined> {
	const report = await expected.report;
	const failed = report.failed.map(f => (f.action ? `${describeAction(vscode.l10n.t, f.action)}: ${f.message}` : f.message));
	const problems = [...failed, ...report.skipped];
	return problems.length > 0 ? problems.join(' ') : undefined;
}
