import * as vscode from 'vscode';
import type { DiscussionCategory, RepoRef } from '../core/model';
import { formatRepo, parseRepoRef } from '../core/repoRef';
import type { StatsReport } from '../core/stats';
import { composeDigest, statsCsv, statsMarkdown } from '../core/statsReport';
import type { GitHubClient } from '../github/client';
import type { GitHubError } from '../github/errors';
import type { StatsService } from '../platform/statsService';
import { DEFAULT_STATS_VIEW, parseStatsView, statsWindowOf, type StatsViewDto } from '../shared/statsProtocol';
import type { PersonMessageKind, StatsPanel, StatsPanels } from '../webviews/statsPanel';
import { checkInMessage, digestTitle, thankYouMessage } from '../webviews/statsText';

/**
 * What the stats commands need. They run in the lazily loaded stats bundle (`src/features/stats.ts`),
 * so every service comes from the container through the feature's factory, never from an import.
 */
export interface StatsCommandDeps {
	readonly service: StatsService;
	readonly panels: StatsPanels;
	readonly client: Pick<GitHubClient, 'getRepository' | 'listDiscussionCategories' | 'createDiscussion'>;
	/** The configured repositories. */
	readonly repositories: () => readonly RepoRef[];
	/** `https://github.com` or the GHES web URL. */
	readonly webUrl: () => string;
	/** The extension bundle's `GitHubError.is`: a copy of the class in this bundle would not match the client's errors. */
	readonly isGitHubError: typeof GitHubError.is;
}

/** Presets of the export commands (tests and the panel pass them; the UI asks otherwise). */
export interface StatsExportOptions {
	/** The window and repository; default: the open panel's, else the last 30 days of all. */
	readonly view?: StatsViewDto;
	/** Where to write, skipping the save dialog. */
	readonly uri?: vscode.Uri;
}

/** Presets of the digest command, so callers and tests can skip the prompts. */
export interface DigestOptions {
	/** Repository scope of the figures (`owner/name`, '' for all); default: the open panel's. */
	readonly scope?: string;
	/** The repository to post in (`owner/name`). */
	readonly repo?: string;
	/** The discussion category's node ID. */
	readonly categoryId?: string;
	/** Skips the confirmation modal. */
	readonly confirmed?: boolean;
	/** Skips opening the preview document. */
	readonly noPreview?: boolean;
}

/** What the digest command did. */
export interface DigestOutcome {
	readonly cancelled: boolean;
	readonly url?: string;
	readonly number?: number;
	readonly error?: string;
}

/** Reads the `view` of a command argument (anything else is ignored). */
function viewOf(c: StatsCommandDeps, arg: unknown): StatsViewDto {
	const given = parseStatsView((arg as { view?: unknown } | undefined)?.view);
	return given ?? c.panels.panel?.view ?? DEFAULT_STATS_VIEW;
}

/** Computes a report, telling the user when there is nothing to compute from. */
async function reportFor(c: StatsCommandDeps, view: StatsViewDto): Promise<StatsReport | undefined> {
	const { report, pending } = await c.service.compute({ window: statsWindowOf(view, Date.now()), repo: view.repo });
	if (!report) {
		void vscode.window.showWarningMessage(pending.length > 0
			? vscode.l10n.t('The statistics are not ready yet: still loading {0}.', pending.join(', '))
			: vscode.l10n.t('No repositories to compute statistics for. Add one with "Community Desk: Add Repository".'));
	}
	return report;
}

/** Writes an export file, asking where unless a `uri` preset is given; resolves to the file written. */
async function exportReport(c: StatsCommandDeps, arg: unknown, format: 'markdown' | 'csv'): Promise<vscode.Uri | undefined> {
	const options = (typeof arg === 'object' && arg !== null ? arg : {}) as StatsExportOptions;
	const view = viewOf(c, arg);
	const report = await reportFor(c, view);
	if (!report) return undefined;
	const day = new Date(report.computedAt).toISOString().slice(0, 10);
	const ext = format === 'markdown' ? 'md' : 'csv';
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
	const uri = options.uri instanceof vscode.Uri ? options.uri : await vscode.window.showSaveDialog({
		title: format === 'markdown' ? vscode.l10n.t('Export Community Stats as Markdown') : vscode.l10n.t('Export Community Stats as CSV'),
		defaultUri: folder ? vscode.Uri.joinPath(folder, `community-stats-${day}.${ext}`) : undefined,
		filters: format === 'markdown' ? { Markdown: ['md'] } : { CSV: ['csv'] },
	});
	if (!uri) return undefined;
	const text = format === 'markdown'
		? statsMarkdown(report, { t: vscode.l10n.t, lang: vscode.env.language, webUrl: c.webUrl() })
		: statsCsv(report);
	try {
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
	} catch (error) {
		void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', uri.fsPath || uri.toString(), error instanceof Error ? error.message : String(error)));
		return undefined;
	}
	if (!(options.uri instanceof vscode.Uri)) {
		const open = vscode.l10n.t('Open');
		void vscode.window.showInformationMessage(vscode.l10n.t('Exported the statistics to {0}.', uri.fsPath || uri.toString()), open)
			.then(choice => { if (choice === open) void vscode.window.showTextDocument(uri); });
	}
	return uri;
}

/** `communityDesk.stats.exportMarkdown`. */
export function exportMarkdown(c: StatsCommandDeps, arg?: unknown): Promise<vscode.Uri | undefined> {
	return exportReport(c, arg, 'markdown');
}

/** `communityDesk.stats.exportCsv`. */
export function exportCsv(c: StatsCommandDeps, arg?: unknown): Promise<vscode.Uri | undefined> {
	return exportReport(c, arg, 'csv');
}

/** `communityDesk.stats.open`. */
export function openStats(c: StatsCommandDeps, arg?: unknown): void {
	c.panels.open(parseStatsView((arg as { view?: unknown } | undefined)?.view));
}

/** Opens a composed message as an untitled Markdown document to edit and copy where it belongs. */
export async function composePersonMessage(c: Pick<StatsCommandDeps, 'webUrl'>, kind: PersonMessageKind, login: string, panel: StatsPanel): Promise<void> {
	const report = panel.lastResult?.report;
	if (!report) return;
	const t = vscode.l10n.t;
	const lang = vscode.env.language;
	const content = kind === 'thank'
		? thankYouMessage(report, login, panel.lastResult?.inputs ?? [], c.webUrl(), t, lang)
		: checkInMessage(report, login, t, lang);
	const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
	await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** The configured repository to post in: the preset, the only one, or the user's pick. */
async function pickRepo(c: StatsCommandDeps, preset: string | undefined): Promise<RepoRef | undefined> {
	const repos = c.repositories();
	if (preset !== undefined) {
		const parsed = parseRepoRef(preset, vscode.l10n.t);
		if (!parsed.ok) {
			void vscode.window.showErrorMessage(parsed.error);
			return undefined;
		}
		return parsed.repo;
	}
	if (repos.length === 1) return repos[0];
	const picked = await vscode.window.showQuickPick(repos.map(r => ({ label: formatRepo(r), repo: r })), {
		title: vscode.l10n.t('Weekly Digest (1/2)'), placeHolder: vscode.l10n.t('Repository to post the digest in'),
	});
	return picked?.repo;
}

/** The category to post in: the preset, or the user's pick (announcement-like categories first). */
async function pickCategory(categories: readonly DiscussionCategory[], preset: string | undefined): Promise<DiscussionCategory | undefined> {
	if (preset !== undefined) return categories.find(cat => cat.id === preset);
	const rank = (cat: DiscussionCategory) => (/announce/i.test(cat.slug) ? 0 : cat.isAnswerable ? 2 : 1);
	const items = [...categories].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
		.map(cat => ({ label: `${cat.emoji ? `${cat.emoji} ` : ''}${cat.name}`, description: cat.description, category: cat }));
	const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Weekly Digest (2/2)'), placeHolder: vscode.l10n.t('Discussion category to post the digest in') });
	return picked?.category;
}

/** Title and body of the digest to post: from the preview document when still open (the user may have edited it). */
function digestContent(doc: vscode.TextDocument | undefined, fallback: string, defaultTitle: string): { title: string; body: string } {
	const text = doc && !doc.isClosed ? doc.getText() : fallback;
	const lines = text.split(/\r?\n/);
	const heading = /^#\s+(.+)$/.exec(lines[0] ?? '');
	return heading ? { title: heading[1]!.trim(), body: lines.slice(1).join('\n').trim() } : { title: defaultTitle, body: text.trim() };
}

/**
 * `communityDesk.stats.digest`: composes the weekly digest (last 7 days), previews it in an untitled
 * Markdown document the user may edit, asks for a repository and category, confirms in a modal and
 * posts it with `createDiscussion` (a notifying write, never retried). Never rejects.
 */
export async function weeklyDigest(c: StatsCommandDeps, arg?: unknown): Promise<DigestOutcome> {
	const options = (typeof arg === 'object' && arg !== null ? arg : {}) as DigestOptions;
	const t = vscode.l10n.t;
	const lang = vscode.env.language;
	const scope = typeof options.scope === 'string' ? options.scope : (c.panels.panel?.view.repo ?? '');
	const report = await reportFor(c, { preset: '7', from: '', to: '', repo: scope });
	if (!report) return { cancelled: true };
	const webUrl = c.webUrl();
	const markdown = composeDigest(report, { t, lang, webUrl });
	const title = digestTitle(report, t);
	const preview = options.noPreview ? undefined : await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
	if (preview) await vscode.window.showTextDocument(preview, { preview: false });
	const repo = await pickRepo(c, typeof options.repo === 'string' ? options.repo : undefined);
	if (!repo) return { cancelled: true };
	try {
		const info = await c.client.getRepository(repo);
		if (!info.hasDiscussionsEnabled) {
			void vscode.window.showErrorMessage(t('Discussions are turned off for {0}.', formatRepo(repo)));
			return { cancelled: true, error: 'discussionsDisabled' };
		}
		const category = await pickCategory(await c.client.listDiscussionCategories(repo), typeof options.categoryId === 'string' ? options.categoryId : undefined);
		if (!category) return { cancelled: true };
		const content = digestContent(preview, markdown, title);
		if (!content.body) return { cancelled: true };
		if (!options.confirmed) {
			const post = t('Post Digest');
			const choice = await vscode.window.showWarningMessage(
				t('Post "{0}" as a new discussion in {1} › {2}? Everyone watching the repository is notified.', content.title, formatRepo(repo), category.name),
				{ modal: true }, post);
			if (choice !== post) return { cancelled: true };
		}
		const created = await c.client.createDiscussion({ repositoryId: info.id, categoryId: category.id, title: content.title, body: content.body });
		const open = t('Open on GitHub');
		void vscode.window.showInformationMessage(t('Posted the digest as discussion #{0}.', created.number), open)
			.then(choice => { if (choice === open) void vscode.env.openExternal(vscode.Uri.parse(created.url, true)); });
		return { cancelled: false, url: created.url, number: created.number };
	} catch (error) {
		const unknown = c.isGitHubError(error, 'network') || c.isGitHubError(error, 'server');
		const message = error instanceof Error ? error.message : String(error);
		void vscode.window.showErrorMessage(unknown
			? t('The digest may or may not have been posted ({0}). Check the discussions of {1} before posting again.', message, formatRepo(repo))
			: t('The digest was not posted: {0}', message));
		return { cancelled: false, error: message };
	}
}
