import * as vscode from 'vscode';
import type { BulkItemResult } from '../core/bulkReply';
import type { ThreadLocator, Viewer } from '../core/model';
import {
	applicableTemplates, describeActions, promptLabel, promptsOf, renderForThread, variablesOf, type ReplyTemplate, type TemplateSource,
} from '../core/templates';
import type { GitHubClient } from '../github/client';
import type { presentError } from '../github/presentation';
import { loadTemplates, TEAM_TEMPLATE_DIR, type NotLoaded } from '../platform/templateSources';
import { NODE_ID, parseThreadPanelState, type ThreadDto, type ThreadPanelState } from '../shared/threadProtocol';
import type { ReplyService } from '../webviews/replies';
import type { ThreadPanel, ThreadPanels } from '../webviews/threadPanel';
import { replyToMany } from './bulkReply';
import type { QuietActionReports } from './templateActions';

/**
 * What "Reply with Template…" needs. It runs in the lazily loaded templates bundle
 * (`src/features/templates.ts`), so every service comes from the container, never from an import.
 */
export interface TemplateCommandDeps {
	readonly threads: Pick<ThreadPanels, 'get' | 'active' | 'open' | 'targetOf'> & { readonly replies: Pick<ReplyService, 'send'> };
	readonly client: Pick<GitHubClient, 'listSavedReplies' | 'getThread'>;
	/** The signed-in user (for `{{me}}`). */
	readonly viewer: () => Promise<Viewer>;
	/** Where personal templates live (`<globalStorage>/saved-replies`). */
	readonly globalStorageUri: vscode.Uri;
	/** The extension bundle's `presentError`: a copy in this bundle would not recognise the client's errors. */
	readonly presentError: typeof presentError;
	/** Collects the action reports of a bulk reply (one message for the run, not one per reply). */
	readonly quietReports?: QuietActionReports;
}

/**
 * Choices a caller may preset instead of being asked (tests; the second argument of the command):
 * the template by id (`team:folder/.github/saved-replies/file.md`…), the answers to its prompts by
 * name (`input:Question`, `duplicate_of`), and, for several items, the confirmation of the preview.
 */
export interface TemplatePresets {
	readonly template?: string;
	readonly inputs?: Readonly<Record<string, string>>;
	readonly confirmed?: boolean;
}

/** What the command did: a draft put into a box, or a bulk run's result per item (undefined: cancelled or refused). */
export type TemplateReplyResult =
	| { readonly kind: 'draft'; readonly replyToId: string | null }
	| { readonly kind: 'bulk'; readonly results: readonly BulkItemResult[] };

/** A quick-pick row: a usable template, a broken one, or a source that was not loaded. */
export type TemplateItem = vscode.QuickPickItem & ({ readonly template: ReplyTemplate } | { readonly notice: string });

/** What the command's first argument asks for. */
type ReplyRequest =
	| { readonly to: 'panel'; readonly state?: ThreadPanelState; readonly replyToId: string | null }
	| { readonly to: 'items'; readonly items: readonly ThreadLocator[] };

/**
 * "Reply with Template…". With a thread panel (the focused one, or `{host, owner, repo, kind, number}`,
 * plus `replyToId` for a comment's reply box) it picks a template that fits the thread, asks for its
 * inputs and puts the text into that box as a draft: nothing is posted here (the user sends it through
 * the outbox), and the template's actions go with that reply, run once GitHub confirms it. With one tree
 * row or queue item it opens the item's panel and does the same; with several queue items it replies to
 * all of them at once after a preview (see `bulkReply.ts`).
 */
export async function replyWithTemplate(c: TemplateCommandDeps, target?: unknown, presetArg?: unknown): Promise<TemplateReplyResult | undefined> {
	const presets = presetsOf(presetArg);
	const request = requestOf(target);
	if (!request) {
		void vscode.window.showErrorMessage(vscode.l10n.t('"Reply with Template" was given something that is not a discussion or an issue.'));
		return undefined;
	}
	if (request.to === 'items') {
		if (request.items.length > 1) return replyToMany(c, request.items, presets);
		const panel = c.threads.open(c.threads.targetOf(request.items[0]!));
		if (!(await panel.whenLoaded())) {
			void vscode.window.showErrorMessage(panel.current.error ?? vscode.l10n.t('The thread could not be loaded, so no template was used.'));
			return undefined;
		}
		return replyInPanel(c, panel, null, presets);
	}
	const panel = (request.state && c.threads.get(request.state)) || (request.state ? undefined : c.threads.active());
	if (!panel) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a discussion or issue first: the template goes into its reply box.'));
		return undefined;
	}
	return replyInPanel(c, panel, request.replyToId, presets);
}

/** Reads the command's first argument (see {@link replyWithTemplate}); undefined when it names nothing usable. */
function requestOf(arg: unknown): ReplyRequest | undefined {
	if (arg === undefined || arg === null) return { to: 'panel', replyToId: null };
	if (Array.isArray(arg)) {
		const items = arg.map(locatorOf);
		return items.length > 0 && items.every(i => i !== undefined) ? { to: 'items', items: items as ThreadLocator[] } : undefined;
	}
	const state = parseThreadPanelState(arg);
	if (state) {
		const replyToId = (arg as { replyToId?: unknown }).replyToId;
		if (replyToId === undefined || replyToId === null) return { to: 'panel', state, replyToId: null };
		return typeof replyToId === 'string' && NODE_ID.test(replyToId) ? { to: 'panel', state, replyToId } : undefined;
	}
	const one = locatorOf(arg);
	return one ? { to: 'items', items: [one] } : undefined;
}

/** A thread from a moderation target (`{repo: {owner, name}, kind, number}`) or a tree row (its `thread`). */
function locatorOf(x: unknown): ThreadLocator | undefined {
	const v = (x && typeof x === 'object' && 'thread' in x ? (x as { thread: unknown }).thread : x) as Partial<ThreadLocator> | undefined;
	if (!v || typeof v !== 'object' || (v.kind !== 'issue' && v.kind !== 'discussion') || !Number.isSafeInteger(v.number) || v.number! <= 0) return undefined;
	const repo = v.repo as Partial<ThreadLocator['repo']> | undefined;
	if (!repo || typeof repo.owner !== 'string' || typeof repo.name !== 'string' || repo.owner === '' || repo.name === '') return undefined;
	return { repo: { owner: repo.owner, name: repo.name }, kind: v.kind, number: v.number! };
}

function presetsOf(arg: unknown): TemplatePresets {
	if (!arg || typeof arg !== 'object' || Array.isArray(arg)) return {};
	const p = arg as Record<string, unknown>;
	const inputs = p.inputs && typeof p.inputs === 'object' && !Array.isArray(p.inputs)
		? Object.fromEntries(Object.entries(p.inputs as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
		: undefined;
	return { template: typeof p.template === 'string' ? p.template : undefined, inputs, confirmed: p.confirmed === true };
}

/** Picks a template for one box of a loaded panel and puts the rendered text into that box. */
async function replyInPanel(c: TemplateCommandDeps, panel: ThreadPanel, replyToId: string | null, presets: TemplatePresets): Promise<TemplateReplyResult | undefined> {
	// A panel reloading (after Refresh, or after a reply was sent) is waited for, not refused.
	if (panel.current.status === 'loading') await panel.whenLoaded();
	const thread = panel.current.status === 'ready' ? panel.current.thread : undefined;
	if (!thread) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a discussion or issue first: the template goes into its reply box.'));
		return undefined;
	}
	if (!(thread.canReply ?? !thread.locked)) {
		void vscode.window.showInformationMessage(vscode.l10n.t('This thread is locked, so it takes no replies.'));
		return undefined;
	}
	const answered = replyToId === null ? undefined : thread.comments.find(x => x.id === replyToId);
	if (replyToId !== null && (thread.kind !== 'discussion' || !answered)) {
		void vscode.window.showErrorMessage(vscode.l10n.t('That comment is not part of this discussion as loaded; refresh the thread and try again.'));
		return undefined;
	}
	const template = await pickTemplate(templateItems(c, thread), presets, { title: vscode.l10n.t('Reply with Template') });
	if (!template) return undefined;
	return (await useTemplate(c, panel, thread, template, replyToId, presets)) ? { kind: 'draft', replyToId } : undefined;
}

/** Shows the templates (or takes the preset one); a broken template or a notice shows why it cannot be used. */
export async function pickTemplate(items: Promise<TemplateItem[]>, presets: TemplatePresets, options: { title: string; placeHolder?: string }): Promise<ReplyTemplate | undefined> {
	if (presets.template !== undefined) {
		const found = (await items).find(i => 'template' in i && i.template.id === presets.template);
		if (!found || !('template' in found)) void vscode.window.showErrorMessage(vscode.l10n.t('The template {0} does not fit here or was not found.', presets.template));
		return found && 'template' in found ? found.template : undefined;
	}
	const picked = await vscode.window.showQuickPick(items, {
		title: options.title,
		placeHolder: options.placeHolder ?? vscode.l10n.t('Search templates by title, description or text'),
		matchOnDescription: true,
		matchOnDetail: true,
	});
	if (!picked) return undefined;
	if ('notice' in picked) {
		void vscode.window.showWarningMessage(picked.notice);
		return undefined;
	}
	return picked.template;
}

async function templateItems(c: TemplateCommandDeps, thread: ThreadDto): Promise<TemplateItem[]> {
	const load = await loadTemplates({ globalStorageUri: c.globalStorageUri, client: c.client, t: vscode.l10n.t, presentError: c.presentError });
	const target = { kind: thread.kind, category: thread.category?.name, labels: thread.labels.map(l => l.name) };
	const items: TemplateItem[] = applicableTemplates(load.templates, target).map(toItem);
	items.push(...load.notLoaded.map(noticeItem));
	if (items.length === 0) items.push(noticeItem({ source: 'team', reason: noTemplatesMessage() }));
	return items;
}

/** Why the list is empty. */
export function noTemplatesMessage(): string {
	return vscode.l10n.t('No templates fit this thread. Add Markdown files to {0}, or run "Add Starter Templates".', TEAM_TEMPLATE_DIR.join('/'));
}

function sourceLabel(source: TemplateSource): string {
	switch (source) {
		case 'team': return vscode.l10n.t('Team');
		case 'personal': return vscode.l10n.t('Personal');
		case 'github': return vscode.l10n.t('GitHub saved reply');
	}
}

/** A template as a quick-pick row (a broken one says where and why). */
export function toItem(template: ReplyTemplate): TemplateItem {
	const error = template.errors[0];
	if (error) {
		const where = `${error.file}:${error.line}`;
		return {
			label: `$(error) ${template.title}`,
			description: vscode.l10n.t('Broken: cannot be used'),
			detail: `${where} ${error.message}`,
			notice: vscode.l10n.t('The template {0} cannot be used: {1}', where, template.errors.map(e => `${e.line}: ${e.message}`).join('; ')),
		};
	}
	const description = [sourceLabel(template.source), template.description].filter(Boolean).join(' · ');
	const firstLine = template.body.split('\n').find(l => l.trim() !== '') ?? '';
	return { label: template.title, description, detail: firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine, template };
}

/** A source that was not loaded (an untrusted workspace's team templates, GitHub unreachable…) as a row. */
export function noticeItem(n: NotLoaded): TemplateItem {
	return { label: `$(warning) ${n.reason}`, notice: n.reason };
}

/**
 * Asks for a template's prompts (`{{input:…}}`, `duplicate_of`) once, unless preset. Undefined when
 * the user cancels one.
 */
export async function askPrompts(template: ReplyTemplate, presets: TemplatePresets): Promise<Map<string, string> | undefined> {
	const answers = new Map<string, string>();
	for (const prompt of promptsOf(template.body)) {
		const preset = presets.inputs?.[prompt];
		const answer = preset ?? await vscode.window.showInputBox({
			title: template.title,
			prompt: prompt === 'duplicate_of' ? vscode.l10n.t('Duplicate of (for example #12 or a link)') : promptLabel(prompt),
			ignoreFocusOut: true,
		});
		if (answer === undefined) return undefined;
		answers.set(prompt, answer);
	}
	return answers;
}

/** The viewer's login when the template uses `{{me}}` ('' otherwise); undefined after a shown error. */
export async function meFor(c: TemplateCommandDeps, template: ReplyTemplate): Promise<string | undefined> {
	if (!variablesOf(template.body).includes('me')) return '';
	try {
		return (await c.viewer()).login;
	} catch (error) {
		void vscode.window.showErrorMessage(c.presentError(error, vscode.l10n.t, vscode.env.language).message);
		return undefined;
	}
}

/** Asks for the template's inputs, renders it, and hands the text to the box. */
async function useTemplate(c: TemplateCommandDeps, panel: ThreadPanel, thread: ThreadDto, template: ReplyTemplate, replyToId: string | null, presets: TemplatePresets): Promise<boolean> {
	const me = await meFor(c, template);
	if (me === undefined) return false;
	const answers = await askPrompts(template, presets);
	if (!answers) return false;
	const result = renderForThread(template.body, thread, { me, now: Date.now(), answers });
	if (!result.ok) {
		const names = [...result.unknown, ...result.missing].map(n => `{{${n}}}`).join(', ');
		void vscode.window.showErrorMessage(vscode.l10n.t('The template "{0}" was not used: it has unknown or unfilled variables {1}. Nothing was changed.', template.title, names));
		return false;
	}
	if (!(await panel.insertDraft(result.text, { actions: template.actions }, replyToId))) {
		void vscode.window.showErrorMessage(vscode.l10n.t('The text could not be put into the reply box (the thread is locked or not loaded, or the reply would be too long).'));
		return false;
	}
	announce(template);
	return true;
}

/** Says the reply waits in the box, and what the template does once it is posted (listed under the box too). */
function announce(template: ReplyTemplate): void {
	const steps = describeActions(template.actions, vscode.l10n.t);
	void vscode.window.showInformationMessage(steps.length === 0
		? vscode.l10n.t('The reply is in the reply box. Review it and press Send to post it.')
		: vscode.l10n.t('The reply is in the reply box. Review it and press Send to post it. After it is posted: {0} ("Do not apply" under the box skips this).', steps.join('; ')));
}
