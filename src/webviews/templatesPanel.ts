import * as vscode from 'vscode';
import { plural } from '../core/l10n';
import {
	copyTitle, duplicateText, filterGroups, groupTemplates, previewTemplate, rowIds, SKELETON_BODY_LINE, slugify, teamFolderOf, templateSkeleton, uniqueFileName,
	type CatalogGroup,
} from '../core/templateCatalog';
import { describeActions, type ReplyTemplate, type TemplateAppliesTo } from '../core/templates';
import { TEMPLATES_VIEW_TYPE } from '../features/templatesHost';
import type { Logger } from '../platform/logger';
import { PERSONAL_TEMPLATE_DIR, TEAM_TEMPLATE_DIR, type TemplateLoad } from '../platform/templateSources';
import {
	MAX_TEMPLATE_ERRORS, parseTemplatesMessage, parseTemplatesPanelState, type TemplateErrorDto, type TemplateGroupDto, type TemplatePreviewDto, type TemplateRowDto,
	type TemplatesCommandHandlers, type TemplatesInbound, type TemplatesPanelState, type TemplatesProtocol, type TemplatesSnapshotDto, type TemplatesStrings,
} from '../shared/templatesProtocol';
import { PanelHost, receiveMessage } from './messages';
import { entryHtml, panelOptions } from './page';
import { exists } from '../platform/files';

/** File events closer together than this cause one reload. */
const RELOAD_DEBOUNCE_MS = 300;

/** A folder new templates can be written to. */
export interface TemplateLocation {
	readonly kind: 'team' | 'personal';
	/** "Team: rocket", "Personal". */
	readonly label: string;
	/** Where it is, for the user (`rocket/.github/saved-replies`). */
	readonly detail: string;
	readonly dir: vscode.Uri;
}

/** The questions the panel asks on the host (quick pick, input box, modal); tests answer them instead. */
export interface TemplatePrompts {
	pickLocation(locations: readonly TemplateLocation[], title: string): Promise<TemplateLocation | undefined>;
	askTitle(title: string): Promise<string | undefined>;
	/** `permanent`: the file system has no trash, so the file would be gone for good. */
	confirmDelete(template: { readonly title: string; readonly file: string }, permanent: boolean): Promise<boolean>;
}

/** What the panel needs from the rest of the extension. */
export interface TemplatesPanelDeps {
	readonly extensionUri: vscode.Uri;
	/** Personal templates live in `<globalStorage>/saved-replies`. */
	readonly globalStorageUri: vscode.Uri;
	readonly logger: Logger;
	/** Every team, personal and GitHub template (never rejects). */
	readonly load: () => Promise<TemplateLoad>;
}

const t = (message: string, ...args: (string | number)[]) => vscode.l10n.t(message, ...args);

/** The prompts in VS Code's own UI. */
export const vscodePrompts: TemplatePrompts = {
	pickLocation: async (locations, title) => (await vscode.window.showQuickPick(
		locations.map(location => ({ label: location.label, detail: location.detail, location })),
		{ title, placeHolder: t('Where should the saved reply live?') },
	))?.location,
	askTitle: title => Promise.resolve(vscode.window.showInputBox({
		title, prompt: t('Title of the saved reply (shown in the template picker)'), ignoreFocusOut: true,
		validateInput: value => (value.trim() === '' ? t('Enter a title.') : value.length > 200 ? t('Use at most 200 characters.') : undefined),
	})),
	confirmDelete: async (template, permanent) => {
		const action = permanent ? t('Delete Permanently') : t('Delete');
		const detail = permanent
			? t('This file system has no trash: {0} will be deleted permanently.', template.file)
			: t('The file {0} is moved to the trash.', template.file);
		return (await vscode.window.showWarningMessage(t('Delete the saved reply "{0}"?', template.title), { modal: true, detail }, action)) === action;
	},
};

/** The panel's strings, translated on the host. */
function templatesStrings(): TemplatesStrings {
	return {
		title: t('Saved Replies'), search: t('Search saved replies'), searchPlaceholder: t('Search by title, description or text (press /)'),
		create: t('New Saved Reply…'), refresh: t('Refresh'), list: t('Saved replies'), preview: t('Preview'), edit: t('Edit'),
		duplicate: t('Duplicate…'), delete: t('Delete…'), readOnly: t('Read-only'), broken: t('Broken'), problems: t('Problems'),
		openProblem: t('Open {0} at this line'), appliesTo: t('For: {0}'), afterPosting: t('After posting'), variables: t('Variables'),
		noActions: t('No actions: the reply is only posted.'), noVariables: t('No variables.'), loading: t('Loading…'),
		noMatch: t('No saved reply matches the search.'), select: t('Select a saved reply to preview it.'),
		sampleNote: t('Shown with sample values (author: {0}, you: {1}); «…» marks what is asked when the template is used.', 'octocat', 'monalisa'),
		unknown: t('unknown'), shortcuts: t('Shortcuts: / searches, the arrow keys move, Enter previews.'), actions: t('Saved reply actions'),
	};
}

function appliesToText(appliesTo: TemplateAppliesTo): string {
	return appliesTo === 'issue' ? t('Issues') : appliesTo === 'discussion' ? t('Discussions') : t('Issues and discussions');
}

function filtersText(tp: ReplyTemplate): string {
	return [
		tp.categories.length > 0 ? t('Categories: {0}', tp.categories.join(', ')) : '',
		tp.labels.length > 0 ? t('Labels: {0}', tp.labels.join(', ')) : '',
	].filter(Boolean).join(' · ');
}

/** The single Saved Replies panel: opens, reveals and revives it. */
export class TemplatesPanels implements vscode.Disposable {
	private current: TemplatesPanel | undefined;
	/** The host-side questions; replaced by tests. */
	prompts: TemplatePrompts = vscodePrompts;

	constructor(private readonly deps: TemplatesPanelDeps) {}

	/** The open panel, if any. */
	get panel(): TemplatesPanel | undefined {
		return this.current;
	}

	/** Opens the panel (one per window) or reveals it. */
	open(): TemplatesPanel {
		if (this.current) {
			this.current.panel.reveal();
			return this.current;
		}
		const panel = vscode.window.createWebviewPanel(TEMPLATES_VIEW_TYPE, t('Saved Replies'), vscode.ViewColumn.Active, panelOptions(this.deps.extensionUri));
		return this.attach(panel, undefined);
	}

	/** Restores the panel VS Code saved at shutdown (with the search and selection its page kept). */
	revive(panel: vscode.WebviewPanel, state: unknown): void {
		if (this.current) {
			panel.dispose();
			return;
		}
		panel.webview.options = panelOptions(this.deps.extensionUri);
		this.attach(panel, parseTemplatesPanelState(state));
	}

	dispose(): void {
		this.current?.dispose();
	}

	private attach(panel: vscode.WebviewPanel, state: TemplatesPanelState | undefined): TemplatesPanel {
		this.current = new TemplatesPanel(panel, { ...this.deps, prompts: () => this.prompts }, () => { this.current = undefined; }, state);
		return this.current;
	}
}

/** What one panel gets. */
interface PanelDeps extends TemplatesPanelDeps {
	readonly prompts: () => TemplatePrompts;
}

/**
 * The host side of the Saved Replies panel: loads and groups the templates, previews them with
 * sample values, and creates, duplicates and deletes files through `workspace.fs`. It acts only on
 * rows it has sent, and every path it writes is its own (never one from the webview).
 */
export class TemplatesPanel extends PanelHost<TemplatesProtocol> {
	private loadValue: TemplateLoad | undefined;
	private query = '';
	private selectedId = '';
	private rows = new Map<string, ReplyTemplate>();
	private ids = new Map<string, string>();
	private snapshotValue: TemplatesSnapshotDto | undefined;
	private generation = 0;
	private reloadTimer: ReturnType<typeof setTimeout> | undefined;
	private watchers: vscode.Disposable[] = [];
	private readonly commands: TemplatesCommandHandlers = {
		'webview/ready': state => this.onReady(state),
		'templates/refresh': () => this.refresh(),
		'templates/search': ({ query }) => { this.query = query; this.publish(); },
		'templates/preview': ({ id }) => { if (this.known(id)) { this.selectedId = id; this.publish(); } },
		'templates/create': () => this.create().then(() => undefined),
		'templates/edit': ({ id }) => this.edit(id),
		'templates/duplicate': ({ id }) => this.duplicate(id).then(() => undefined),
		'templates/delete': ({ id }) => this.remove(id).then(() => undefined),
		'templates/openError': ({ id, index }) => this.openError(id, index),
	};

	constructor(panel: vscode.WebviewPanel, private readonly deps: PanelDeps, onDispose: () => void, state?: TemplatesPanelState) {
		super(panel, onDispose);
		this.query = state?.query ?? '';
		this.selectedId = state?.selectedId ?? '';
		panel.webview.html = entryHtml(panel.webview, deps.extensionUri, 'templates', t('Saved Replies'));
		this.disposables.push(
			vscode.workspace.onDidChangeWorkspaceFolders(() => { this.watch(); this.scheduleReload(); }),
			vscode.workspace.onDidGrantWorkspaceTrust(() => { this.watch(); this.scheduleReload(); }),
			{ dispose: () => { clearTimeout(this.reloadTimer); for (const w of this.watchers.splice(0)) w.dispose(); } },
		);
		// Global storage may not exist yet; the personal folder's watcher needs its parent.
		void Promise.resolve(vscode.workspace.fs.createDirectory(deps.globalStorageUri)).catch(() => undefined).then(() => { if (!this.disposed) this.watch(); });
		void this.refresh();
	}

	/** The last snapshot sent (for tests). */
	get snapshot(): TemplatesSnapshotDto | undefined {
		return this.snapshotValue;
	}

	/** The row id of a template (`source:file`), once loaded (for tests). */
	rowIdOf(templateId: string): string | undefined {
		return this.ids.get(templateId);
	}

	/** Handles one raw message (validated first; exposed for tests). */
	receive(raw: unknown): Promise<void> {
		return receiveMessage(raw, { name: 'Saved replies panel', logger: this.deps.logger }, parseTemplatesMessage, m => this.dispatch(m));
	}

	/** Reads every source again and sends the result (a newer reload wins). */
	async refresh(): Promise<void> {
		const generation = ++this.generation;
		this.publish();
		const load = await this.deps.load();
		if (generation !== this.generation || this.disposed) return;
		this.loadValue = load;
		this.publish();
	}

	private dispatch(message: TemplatesInbound): void | Promise<void> {
		switch (message.method) {
			case 'webview/ready': return this.commands['webview/ready'](message.params);
			case 'templates/search': return this.commands['templates/search'](message.params);
			case 'templates/preview': return this.commands['templates/preview'](message.params);
			case 'templates/edit': return this.commands['templates/edit'](message.params);
			case 'templates/duplicate': return this.commands['templates/duplicate'](message.params);
			case 'templates/delete': return this.commands['templates/delete'](message.params);
			case 'templates/openError': return this.commands['templates/openError'](message.params);
			default: return this.commands[message.method](undefined);
		}
	}

	/** A (re)loaded page: it brings the search and selection it kept; the host's state wins when it has one. */
	private onReady(state: TemplatesPanelState): void {
		if (this.query === '' && state.query !== '') this.query = state.query;
		if (this.selectedId === '' && state.selectedId !== '') this.selectedId = state.selectedId;
		this.publish();
	}

	// -----------------------------------------------------------------------------------------
	// Files

	/** Team folders of a trusted workspace (templateSources does not read them otherwise). */
	private teamFolders(): readonly vscode.WorkspaceFolder[] {
		return vscode.workspace.isTrusted ? vscode.workspace.workspaceFolders ?? [] : [];
	}

	private personalDir(): vscode.Uri {
		return vscode.Uri.joinPath(this.deps.globalStorageUri, PERSONAL_TEMPLATE_DIR);
	}

	/** The file of a team or personal template; undefined for GitHub saved replies (and anything unexpected). */
	private fileOf(tp: ReplyTemplate): vscode.Uri | undefined {
		const plain = (name: string) => name !== '' && !/[\\/]/.test(name) && name !== '..' && name !== '.';
		if (tp.source === 'personal') {
			const name = tp.file.slice(PERSONAL_TEMPLATE_DIR.length + 1);
			return tp.file.startsWith(`${PERSONAL_TEMPLATE_DIR}/`) && plain(name) ? vscode.Uri.joinPath(this.personalDir(), name) : undefined;
		}
		if (tp.source !== 'team') return undefined;
		const folders = this.teamFolders();
		const name = teamFolderOf(tp.file, folders.map(f => f.name));
		const folder = folders.find(f => f.name === name);
		const prefix = `${name}/${TEAM_TEMPLATE_DIR.join('/')}/`;
		const rest = tp.file.slice(prefix.length);
		return folder && tp.file.startsWith(prefix) && plain(rest) ? vscode.Uri.joinPath(folder.uri, ...TEAM_TEMPLATE_DIR, rest) : undefined;
	}

	/** Where new templates can go: each trusted workspace folder's `.github/saved-replies`, and the personal folder. */
	locations(): TemplateLocation[] {
		return [
			...this.teamFolders().map(f => ({
				kind: 'team' as const, label: t('Team: {0}', f.name), detail: `${f.name}/${TEAM_TEMPLATE_DIR.join('/')}`, dir: vscode.Uri.joinPath(f.uri, ...TEAM_TEMPLATE_DIR),
			})),
			{ kind: 'personal', label: t('Personal'), detail: t('Only you, on this machine'), dir: this.personalDir() },
		];
	}

	/** Re-creates the file watchers: team folders (trusted only) and the personal folder. */
	private watch(): void {
		for (const w of this.watchers.splice(0)) w.dispose();
		// Each folder's templates directory also has a watcher of its own: with only the pattern from the
		// folder root, the host test saw a written file missed about one run in seven (code-server). The
		// root pattern still sees the directories come and go; both only schedule one debounced reload.
		const patterns = [
			...this.teamFolders().flatMap(f => [
				new vscode.RelativePattern(f, '{.github,.github/saved-replies,.github/saved-replies/*}'),
				new vscode.RelativePattern(vscode.Uri.joinPath(f.uri, ...TEAM_TEMPLATE_DIR), '*'),
			]),
			new vscode.RelativePattern(this.deps.globalStorageUri, `{${PERSONAL_TEMPLATE_DIR},${PERSONAL_TEMPLATE_DIR}/*}`),
		];
		for (const pattern of patterns) {
			const watcher = vscode.workspace.createFileSystemWatcher(pattern);
			const reload = () => this.scheduleReload();
			this.watchers.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
		}
	}

	private scheduleReload(): void {
		clearTimeout(this.reloadTimer);
		this.reloadTimer = setTimeout(() => { if (!this.disposed) void this.refresh(); }, RELOAD_DEBOUNCE_MS);
	}

	/** The template of a row this panel has sent; anything else is refused (and logged). */
	private known(id: string): ReplyTemplate | undefined {
		const tp = this.rows.get(id);
		if (!tp) this.deps.logger.warn('Saved replies panel: refused a row it did not show.');
		return tp;
	}

	/** The file of a row that can be edited; a GitHub saved reply (read-only) is refused with a message. */
	private editable(id: string): { tp: ReplyTemplate; uri: vscode.Uri } | undefined {
		const tp = this.known(id);
		if (!tp) return undefined;
		const uri = this.fileOf(tp);
		if (!uri) void vscode.window.showInformationMessage(t('GitHub saved replies are read-only here: edit them on GitHub, or duplicate one into a template.'));
		return uri && { tp, uri };
	}

	private async edit(id: string): Promise<void> {
		const target = this.editable(id);
		if (target) await vscode.window.showTextDocument(target.uri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
	}

	private async openError(id: string, index: number): Promise<void> {
		const target = this.editable(id);
		const error = target?.tp.errors[index];
		if (!target || !error) return;
		const line = Math.max(0, error.line - 1);
		await vscode.window.showTextDocument(target.uri, { preview: false, viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(line, 0, line, 0) });
	}

	/** "New Saved Reply…": where (when there is a choice) and a title; writes `<slug>.md` and opens it. Returns the new file. */
	async create(): Promise<vscode.Uri | undefined> {
		const locations = this.locations();
		const prompts = this.deps.prompts();
		const step = (n: number) => (locations.length > 1 ? t('New Saved Reply ({0}/2)', n) : t('New Saved Reply'));
		const location = locations.length > 1 ? await prompts.pickLocation(locations, step(1)) : locations[0];
		if (!location) return undefined;
		const title = (await prompts.askTitle(step(2)))?.trim();
		if (!title) return undefined;
		return this.writeNew(location, slugify(title), templateSkeleton(title, vscode.l10n.t), SKELETON_BODY_LINE);
	}

	/** "Duplicate…": where to, then a copy titled "… (copy)" under a new name. Returns the new file. */
	async duplicate(id: string): Promise<vscode.Uri | undefined> {
		const tp = this.known(id);
		if (!tp) return undefined;
		const location = await this.deps.prompts().pickLocation(this.locations(), t('Duplicate "{0}" to…', tp.title));
		if (!location) return undefined;
		const file = this.fileOf(tp);
		const raw = file ? new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file)) : undefined;
		return this.writeNew(location, slugify(copyTitle(tp.title, vscode.l10n.t)), duplicateText(raw, tp, vscode.l10n.t), 0);
	}

	/** "Delete…": a modal naming the file, then the trash (or, where there is none, a second modal). Returns whether it was deleted. */
	async remove(id: string): Promise<boolean> {
		const target = this.editable(id);
		if (!target) return false;
		const prompts = this.deps.prompts();
		if (!(await prompts.confirmDelete(target.tp, false))) return false;
		try {
			await vscode.workspace.fs.delete(target.uri, { useTrash: true });
		} catch (error) {
			this.deps.logger.warn(`Saved replies panel: moving ${target.tp.file} to the trash failed: ${error instanceof Error ? error.message : String(error)}`);
			if (!(await prompts.confirmDelete(target.tp, true))) return false;
			try {
				await vscode.workspace.fs.delete(target.uri, { useTrash: false });
			} catch (again) {
				this.deps.logger.error(`Saved replies panel: ${target.tp.file} could not be deleted.`, again);
				void vscode.window.showErrorMessage(t('The file {0} could not be deleted.', target.tp.file));
				return false;
			}
		}
		if (this.selectedId === id) this.selectedId = '';
		await this.refresh();
		return true;
	}

	/** Writes a new file under a name no file has (`-2`, `-3`… as needed), opens it and selects it. */
	private async writeNew(location: TemplateLocation, stem: string, text: string, cursorLine: number): Promise<vscode.Uri | undefined> {
		try {
			await vscode.workspace.fs.createDirectory(location.dir);
			const taken = new Set((await vscode.workspace.fs.readDirectory(location.dir)).map(([name]) => name));
			let uri: vscode.Uri;
			for (;;) {
				const name = uniqueFileName(stem, taken);
				uri = vscode.Uri.joinPath(location.dir, name);
				if (!(await exists(uri))) break;
				taken.add(name); // appeared since the listing: never overwrite it
			}
			await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
			await this.refresh();
			const row = [...this.rows].find(([, tp]) => this.fileOf(tp)?.toString() === uri.toString())?.[0];
			if (row) {
				this.selectedId = row;
				this.publish();
			}
			await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(cursorLine, 0, cursorLine, 0) });
			return uri;
		} catch (error) {
			this.deps.logger.error(`Saved replies panel: a file could not be written in ${location.detail}.`, error);
			void vscode.window.showErrorMessage(t('The saved reply could not be written to {0}.', location.detail));
			return undefined;
		}
	}

	// -----------------------------------------------------------------------------------------
	// Snapshot

	private publish(): void {
		const load = this.loadValue;
		const templates = load?.templates ?? [];
		this.ids = rowIds(templates.map(tp => tp.id));
		this.rows = new Map(templates.map(tp => [this.ids.get(tp.id)!, tp]));
		if (load && !this.rows.has(this.selectedId)) this.selectedId = '';
		const groups = filterGroups(groupTemplates(templates, this.teamFolders().map(f => f.name)), this.query);
		const selected = this.rows.get(this.selectedId);
		this.snapshotValue = {
			status: load ? 'ready' : 'loading',
			strings: templatesStrings(),
			query: this.query,
			summary: load ? this.summary(templates, groups) : '',
			notices: load ? this.notices(load) : [],
			groups: groups.map(g => this.groupDto(g)),
			selectedId: selected ? this.selectedId : '',
			preview: selected ? this.previewDto(this.selectedId, selected) : null,
		};
		this.post({ kind: 'notification', method: 'templates/didChange', params: this.snapshotValue });
	}

	private summary(templates: readonly ReplyTemplate[], shown: readonly CatalogGroup[]): string {
		const lang = vscode.env.language;
		const total = plural(vscode.l10n.t, lang, templates.length, { one: '{0} saved reply', few: '{0} saved replies', many: '{0} saved replies', other: '{0} saved replies' });
		const brokenCount = templates.filter(tp => tp.errors.length > 0).length;
		const broken = brokenCount > 0 ? `, ${plural(vscode.l10n.t, lang, brokenCount, { one: '{0} broken', few: '{0} broken', many: '{0} broken', other: '{0} broken' })}` : '';
		const matching = shown.reduce((n, g) => n + g.templates.length, 0);
		const search = this.query.trim() === '' ? '' : `; ${plural(vscode.l10n.t, lang, matching, { one: '{0} shown', few: '{0} shown', many: '{0} shown', other: '{0} shown' })}`;
		return `${total}${broken}${search}`;
	}

	private notices(load: TemplateLoad): string[] {
		const notices = load.notLoaded.map(n => n.reason);
		if (!vscode.workspace.isTrusted && (vscode.workspace.workspaceFolders ?? []).length > 0) {
			notices.push(t('Until you trust this workspace, only personal saved replies are shown and created.'));
		}
		return notices;
	}

	private groupDto(g: CatalogGroup): TemplateGroupDto {
		const rows = g.templates.map(tp => this.rowDto(tp));
		switch (g.source) {
			case 'team': return {
				source: 'team', title: t('Team: {0}', g.folder ?? ''), detail: `${g.folder}/${TEAM_TEMPLATE_DIR.join('/')}`, rows,
				empty: t('No saved replies here yet: "New Saved Reply…" adds one, "Add Starter Templates" adds a starter set.'),
			};
			case 'personal': return { source: 'personal', title: t('Personal'), detail: t('Only you, on this machine'), rows, empty: t('No personal saved replies yet.') };
			case 'github': return { source: 'github', title: t('GitHub saved replies'), detail: t('Read-only: duplicate one to make it a template.'), rows, empty: '' };
		}
	}

	private errorDtos(tp: ReplyTemplate): TemplateErrorDto[] {
		const openable = this.fileOf(tp) !== undefined;
		return tp.errors.slice(0, MAX_TEMPLATE_ERRORS).map(e => ({ where: `${e.file}:${e.line}`, message: e.message, openable }));
	}

	private rowDto(tp: ReplyTemplate): TemplateRowDto {
		const errors = this.errorDtos(tp);
		const appliesTo = appliesToText(tp.appliesTo);
		const filters = filtersText(tp);
		const actions = describeActions(tp.actions, vscode.l10n.t);
		const label = [
			tp.title, tp.description ?? '', t('For: {0}', appliesTo), filters, ...actions,
			...errors.map(e => t('Broken: {0} {1}', e.where, e.message)), tp.source === 'github' ? t('Read-only') : '',
		].filter(Boolean).join('. ');
		return {
			id: this.ids.get(tp.id)!, title: tp.title, description: tp.description ?? '', file: tp.file, readOnly: tp.source === 'github',
			appliesTo, filters, actions, errors, label,
		};
	}

	private previewDto(id: string, tp: ReplyTemplate): TemplatePreviewDto {
		const preview = previewTemplate(tp.body, vscode.l10n.t);
		return {
			id, title: tp.title, file: tp.file, readOnly: tp.source === 'github', markdown: preview.text,
			actions: describeActions(tp.actions, vscode.l10n.t), errors: this.errorDtos(tp),
			variables: preview.variables.map(v => ({
				name: `{{${v.name}}}`, kind: v.kind,
				text: v.kind === 'sample' ? v.value : v.kind === 'input' ? t('asked when the template is used: {0}', v.value) : t('unknown variable: the template cannot be used until it is fixed'),
			})),
		};
	}
}
