import * as vscode from 'vscode';
import type { Viewer } from '../core/model';
import {
	applicableTemplates, contextValues, describeActions, promptLabel, promptsOf, renderTemplate, variablesOf, type ReplyTemplate, type TemplateSource,
} from '../core/templates';
import type { GitHubClient } from '../github/client';
import type { presentError } from '../github/presentation';
import { loadTemplates, TEAM_TEMPLATE_DIR, type NotLoaded } from '../platform/templateSources';
import { parseThreadPanelState, type ThreadDto } from '../shared/threadProtocol';
import type { ThreadPanel, ThreadPanels } from '../webviews/threadPanel';

/**
 * What "Reply with Template…" needs. It runs in the lazily loaded templates bundle
 * (`src/features/templates.ts`), so every service comes from the container, never from an import.
 */
export interface TemplateCommandDeps {
	readonly threads: Pick<ThreadPanels, 'get' | 'active'>;
	readonly client: Pick<GitHubClient, 'listSavedReplies'>;
	/** The signed-in user (for `{{me}}`). */
	readonly viewer: () => Promise<Viewer>;
	/** Where personal templates live (`<globalStorage>/saved-replies`). */
	readonly globalStorageUri: vscode.Uri;
	/** The extension bundle's `presentError`: a copy in this bundle would not recognise the client's errors. */
	readonly presentError: typeof presentError;
}

/** A quick-pick row: a usable template, a broken one, or a source that was not loaded. */
type TemplateItem = vscode.QuickPickItem & ({ readonly template: ReplyTemplate } | { readonly notice: string });

/**
 * "Reply with Template…": picks a template that fits the panel's thread, asks for its inputs, and
 * puts the rendered text into the thread's reply box as a draft. Nothing is posted here (the user
 * sends the draft through the outbox). A template's actions go with that reply: they run through the
 * moderation service once GitHub confirms the post (see `templateActions.ts`), unless the user drops them.
 */
export async function replyWithTemplate(c: TemplateCommandDeps, target?: unknown): Promise<void> {
	const state = parseThreadPanelState(target);
	const panel = (state && c.threads.get(state)) || c.threads.active();
	const thread = panel?.current.status === 'ready' ? panel.current.thread : undefined;
	if (!panel || !thread) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a discussion or issue first: the template goes into its reply box.'));
		return;
	}
	if (thread.locked) {
		void vscode.window.showInformationMessage(vscode.l10n.t('This thread is locked, so it takes no replies.'));
		return;
	}
	const picked = await vscode.window.showQuickPick(templateItems(c, thread), {
		title: vscode.l10n.t('Reply with Template'),
		placeHolder: vscode.l10n.t('Search templates by title, description or text'),
		matchOnDescription: true,
		matchOnDetail: true,
	});
	if (!picked) return;
	if ('notice' in picked) {
		void vscode.window.showWarningMessage(picked.notice);
		return;
	}
	await useTemplate(c, panel, thread, picked.template);
}

async function templateItems(c: TemplateCommandDeps, thread: ThreadDto): Promise<TemplateItem[]> {
	const load = await loadTemplates({ globalStorageUri: c.globalStorageUri, client: c.client, t: vscode.l10n.t, presentError: c.presentError });
	const target = { kind: thread.kind, category: thread.category?.name, labels: thread.labels.map(l => l.name) };
	const items: TemplateItem[] = applicableTemplates(load.templates, target).map(toItem);
	items.push(...load.notLoaded.map(noticeItem));
	if (items.length === 0) items.push(noticeItem({ source: 'team', reason: noTemplatesMessage() }));
	return items;
}

function noTemplatesMessage(): string {
	return vscode.l10n.t('No templates fit this thread. Add Markdown files to {0}, or run "Add Starter Templates".', TEAM_TEMPLATE_DIR.join('/'));
}

function sourceLabel(source: TemplateSource): string {
	switch (source) {
		case 'team': return vscode.l10n.t('Team');
		case 'personal': return vscode.l10n.t('Personal');
		case 'github': return vscode.l10n.t('GitHub saved reply');
	}
}

function toItem(template: ReplyTemplate): TemplateItem {
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

function noticeItem(n: NotLoaded): TemplateItem {
	return { label: `$(warning) ${n.reason}`, notice: n.reason };
}

/** Asks for the template's inputs, renders it, and hands the text to the panel's reply box. */
async function useTemplate(c: TemplateCommandDeps, panel: ThreadPanel, thread: ThreadDto, template: ReplyTemplate): Promise<void> {
	const values = await threadValues(c, thread, template);
	if (!values) return;
	for (const prompt of promptsOf(template.body)) {
		const answer = await vscode.window.showInputBox({
			title: template.title,
			prompt: prompt === 'duplicate_of' ? vscode.l10n.t('Duplicate of (for example #12 or a link)') : promptLabel(prompt),
			ignoreFocusOut: true,
		});
		if (answer === undefined) return;
		values.set(prompt, answer);
	}
	const result = renderTemplate(template.body, values);
	if (!result.ok) {
		const names = [...result.unknown, ...result.missing].map(n => `{{${n}}}`).join(', ');
		void vscode.window.showErrorMessage(vscode.l10n.t('The template "{0}" was not used: it has unknown or unfilled variables {1}. Nothing was changed.', template.title, names));
		return;
	}
	if (!(await panel.insertDraft(result.text, { actions: template.actions, steps: describeActions(template.actions, vscode.l10n.t) }))) {
		void vscode.window.showErrorMessage(vscode.l10n.t('The text could not be put into the reply box (the thread is locked or not loaded, or the reply would be too long).'));
		return;
	}
	announce(template);
}

/** The thread's variable values; `{{me}}` needs the viewer, fetched only when used. */
async function threadValues(c: TemplateCommandDeps, thread: ThreadDto, template: ReplyTemplate): Promise<Map<string, string> | undefined> {
	let me = '';
	if (variablesOf(template.body).includes('me')) {
		try {
			me = (await c.viewer()).login;
		} catch (error) {
			void vscode.window.showErrorMessage(c.presentError(error, vscode.l10n.t, vscode.env.language).message);
			return undefined;
		}
	}
	return contextValues({
		author: thread.author, me, repo: `${thread.repo.owner}/${thread.repo.name}`, number: thread.number, title: thread.title,
		category: thread.category?.name, createdAt: thread.createdAt, now: Date.now(),
	});
}

/** Says the reply waits in the box, and what the template does once it is posted (listed under the box too). */
function announce(template: ReplyTemplate): void {
	const steps = describeActions(template.actions, vscode.l10n.t);
	void vscode.window.showInformationMessage(steps.length === 0
		? vscode.l10n.t('The reply is in the reply box. Review it and press Send to post it.')
		: vscode.l10n.t('The reply is in the reply box. Review it and press Send to post it. After it is posted: {0} ("Do not apply" under the box skips this).', steps.join('; ')));
}
