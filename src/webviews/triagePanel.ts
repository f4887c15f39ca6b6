import * as vscode from 'vscode';
import { Commands } from '../constants';
import { plural } from '../core/l10n';
import type { RepoRef } from '../core/model';
import { viewerFlags, type ModerationTarget, type ViewerAccess } from '../core/moderation';
import { formatAge } from '../core/time';
import { TRIAGE_VIEW_TYPE } from '../features/triageHost';
import {
	describeReason, describeSla, filterTriage, isoDay, parseSnoozeDate, sortTriage, triageCounts, type SnoozeChoice, type TriageEntry,
} from '../core/triage';
import type { Logger } from '../platform/logger';
import { PanelHost, receiveMessage } from './messages';
import type { TriageService, TriageSnapshot } from '../platform/triageService';
import type { ThreadPanelState } from '../shared/threadProtocol';
import {
	DEFAULT_TRIAGE_VIEW, parseTriageMessage, parseTriagePanelState, type TriageCommandHandlers, type TriageInbound, type TriageModerationAction, type TriageOptionDto,
	type TriageProtocol, type TriageRowDto, type TriageSnapshotDto, type TriageSnoozeDto, type TriageStrings, type TriageViewDto,
} from '../shared/triageProtocol';
import { entryHtml, panelOptions } from './page';

const DAY_MS = 24 * 3_600_000;

/** The moderation command behind each panel action (see the moderation contract: targets in, prompts there). */
const MODERATION_COMMANDS: Readonly<Record<TriageModerationAction, string>> = {
	labels: Commands.moderationLabels,
	assign: Commands.moderationAssign,
	close: Commands.moderationClose,
};

/** What the panel needs from the rest of the extension. */
export interface TriagePanelDeps {
	readonly extensionUri: vscode.Uri;
	readonly service: TriageService;
	readonly logger: Logger;
	readonly host: () => string;
	/** What is known of the viewer in a repository (never waits: an unknown permission allows every action). */
	readonly access: (repo: RepoRef) => ViewerAccess;
	/** Fires when a repository permission becomes known or changes. */
	readonly onDidChangeAccess: vscode.Event<unknown>;
	/** Opens the thread panel of an item. */
	readonly openThread: (target: ThreadPanelState) => void;
	/** Runs a command (tests replace it); `vscode.commands.executeCommand` by default. */
	readonly executeCommand?: (command: string, ...args: unknown[]) => Thenable<unknown>;
}

/** The panel's strings, translated on the host. */
function triageStrings(): TriageStrings {
	const t = vscode.l10n.t;
	return {
		title: t('Triage Queue'), item: t('Item'), author: t('Author'), tags: t('Category or labels'), reason: t('Reason'), waiting: t('Waiting'),
		sla: t('SLA'), comments: t('Comments'), sort: t('Sort'), bySla: t('By SLA'), byAge: t('Oldest first'), byActivity: t('Latest activity'),
		repo: t('Repository'), allRepos: t('All repositories'), kind: t('Kind'), allKinds: t('Issues and discussions'), issues: t('Issues'),
		discussions: t('Discussions'), label: t('Label'), allLabels: t('All labels'), category: t('Category'), allCategories: t('All categories'),
		firstTimers: t('First-timers only'), minAge: t('Waiting at least'), anyAge: t('Any time'), day: t('1 day'), threeDays: t('3 days'), week: t('1 week'),
		search: t('Search'), refresh: t('Refresh'), done: t('Done'), snooze: t('Snooze…'), firstTimer: t('first-timer'), empty: t('Nothing waits on the team.'),
		loading: t('Loading…'), labels: t('Label…'), assign: t('Assign…'), close: t('Close…'), template: t('Reply with Template…'), actions: t('Actions'),
		select: t('Select {0}'), selectAll: t('Select all shown'), clearSelection: t('Clear selection'), selected: t('{0} selected'),
		selectionActions: t('Selected items'), showMore: t('Show more ({0} left)'),
		readOnly: t('You cannot do this on {0}: you have read access to {1} only.'),
		readOnlySelection: t('You cannot do this on any selected item: you have read access to their repositories only.'),
		shortcuts: t('Shortcuts: J and K move, Enter opens, T replies with a template, L labels, A assigns (issues), C closes, X marks done until new activity, S snoozes. Space selects, Shift+J and Shift+K extend the selection, Ctrl+A selects all, Escape clears it; actions apply to the selection.'),
	};
}

/** The moderation target of a queue entry (its node id lets the command skip a lookup). */
function toTarget(e: TriageEntry): ModerationTarget {
	const [owner = '', name = ''] = e.repo.split('/');
	return { repo: { owner, name }, kind: e.kind, number: e.number, id: e.id };
}

/** A snooze choice sent by the webview; a bad date is refused with a message (nothing changes). */
function snoozeFromDto(dto: TriageSnoozeDto): SnoozeChoice | undefined {
	if (dto.kind !== 'date') return dto;
	const parsed = parseSnoozeDate(dto.date, Date.now(), vscode.l10n.t);
	if ('error' in parsed) {
		void vscode.window.showErrorMessage(parsed.error);
		return undefined;
	}
	return { kind: 'until', until: parsed.until };
}

/** Asks how long to snooze: a day, three, a week, until a date, or until the author replies. */
async function pickSnooze(count: number): Promise<SnoozeChoice | undefined> {
	const t = vscode.l10n.t;
	type Item = vscode.QuickPickItem & { choice?: SnoozeChoice };
	const items: Item[] = [
		{ label: t('For 1 day'), choice: { kind: 'hours', hours: 24 } },
		{ label: t('For 3 days'), choice: { kind: 'hours', hours: 72 } },
		{ label: t('For 1 week'), choice: { kind: 'hours', hours: 168 } },
		{ label: t('Until a date…'), detail: t('The item comes back at the start of that day.') },
		{ label: t('Until the author replies'), choice: { kind: 'authorReplies' }, detail: t('The item comes back when its author comments again.') },
	];
	const title = count === 1 ? t('Snooze') : plural(t, vscode.env.language, count, { one: 'Snooze {0} item', few: 'Snooze {0} items', many: 'Snooze {0} items', other: 'Snooze {0} items' });
	const picked = await vscode.window.showQuickPick(items, { title, placeHolder: t('Hide from the queue until…') });
	if (!picked) return undefined;
	if (picked.choice) return picked.choice;
	const now = Date.now();
	const text = await vscode.window.showInputBox({
		title, prompt: t('Date (YYYY-MM-DD); the item comes back at the start of that day.'), value: isoDay(now + 7 * DAY_MS),
		validateInput: value => { const r = parseSnoozeDate(value, Date.now(), t); return 'error' in r ? r.error : undefined; },
	});
	if (text === undefined) return undefined;
	const parsed = parseSnoozeDate(text, Date.now(), t);
	return 'error' in parsed ? undefined : { kind: 'until', until: parsed.until };
}

const ALL_ACTIONS: readonly TriageModerationAction[] = ['labels', 'assign', 'close'];

/**
 * The moderation actions the viewer may take on an entry, as the tree menus decide (`viewerFlags`):
 * with read access only, closing their own item and nothing else; otherwise (or while unknown) all.
 */
export function allowedActions(access: ViewerAccess | undefined, author: string): TriageModerationAction[] {
	const flags = viewerFlags(access, author);
	if (!flags.includes('read')) return [...ALL_ACTIONS];
	return flags.includes('own') ? ['close'] : [];
}

/** A queue entry as a row. */
function toRow(e: TriageEntry, now: Date, allowed: readonly TriageModerationAction[]): TriageRowDto {
	const t = vscode.l10n.t;
	const since = new Date(e.waitingSince).toISOString();
	return {
		id: e.id, repo: e.repo, kind: e.kind, number: e.number, title: e.title, author: e.author, firstTimer: e.firstTimer,
		tags: e.kind === 'discussion' && e.categoryName ? [e.categoryName, ...e.labels].join(', ') : e.labels.join(', '),
		reason: describeReason(e.reason, t), waitingSince: since, age: formatAge(since, now, vscode.env.language), sla: e.sla,
		slaText: describeSla(e.sla, t), commentCount: e.commentCount, allowed,
	};
}

function options(values: Iterable<[string, string]>): TriageOptionDto[] {
	return [...new Map(values)].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}

/** The summary sentence: waiting and breached counts. */
export function triageSummary(entries: readonly TriageEntry[]): string {
	const { waiting, breaches } = triageCounts(entries);
	const lang = vscode.env.language;
	const t = vscode.l10n.t;
	return `${plural(t, lang, waiting, { one: '{0} item waits on the team', few: '{0} items wait on the team', many: '{0} items wait on the team', other: '{0} items wait on the team' })}; ${
		plural(t, lang, breaches, { one: '{0} past the SLA', few: '{0} past the SLA', many: '{0} past the SLA', other: '{0} past the SLA' })}`;
}

/** The single triage panel: opens, reveals and revives it. */
export class TriagePanels implements vscode.Disposable {
	private current: TriagePanel | undefined;

	constructor(private readonly deps: TriagePanelDeps) {}

	/** The open panel, if any. */
	get panel(): TriagePanel | undefined {
		return this.current;
	}

	/** Opens the panel (one per window) and recomputes the queue. */
	open(): TriagePanel {
		if (this.current) {
			this.current.panel.reveal();
			void this.deps.service.refresh();
			return this.current;
		}
		const panel = vscode.window.createWebviewPanel(TRIAGE_VIEW_TYPE, vscode.l10n.t('Triage Queue'), vscode.ViewColumn.Active, panelOptions(this.deps.extensionUri));
		this.current = new TriagePanel(panel, this.deps, () => { this.current = undefined; });
		void this.deps.service.refresh();
		return this.current;
	}

	/**
	 * Takes over a panel VS Code restored after a reload, with the filters kept in its webview state
	 * (the webview keeps its cursor and selection itself). A second one while a panel is open is closed.
	 */
	revive(panel: vscode.WebviewPanel, state: unknown): void {
		if (this.current) {
			panel.dispose();
			return;
		}
		panel.webview.options = panelOptions(this.deps.extensionUri);
		this.current = new TriagePanel(panel, this.deps, () => { this.current = undefined; }, parseTriagePanelState(state));
		void this.deps.service.refresh();
	}

	dispose(): void {
		this.current?.dispose();
	}
}

/** The host side of the triage panel: sorts and filters on the host, acts only on ids it has sent. */
export class TriagePanel extends PanelHost<TriageProtocol> {
	private view: TriageViewDto = DEFAULT_TRIAGE_VIEW;
	private shown = new Map<string, TriageEntry>();
	private snapshotValue: TriageSnapshotDto | undefined;
	private readonly commands: TriageCommandHandlers = {
		'webview/ready': () => this.publish(),
		'triage/refresh': async () => { await this.deps.service.syncAndRefresh(); },
		'triage/setView': view => { this.view = view; this.publish(); },
		'triage/open': ({ id }) => this.openItem(id),
		'triage/done': async ({ ids }) => { await this.deps.service.markDone(this.known(ids).map(e => e.id)); },
		'triage/snooze': ({ ids, snooze }) => this.snooze(ids, snooze),
		'triage/moderate': ({ ids, action }) => this.moderate(action, ids),
		'triage/template': ({ ids }) => this.replyWithTemplate(ids),
	};

	constructor(panel: vscode.WebviewPanel, private readonly deps: TriagePanelDeps, onDispose: () => void, view: TriageViewDto = DEFAULT_TRIAGE_VIEW) {
		super(panel, onDispose);
		this.view = view;
		panel.webview.html = this.html();
		this.disposables.push(deps.service.onDidChange(() => this.publish()), deps.onDidChangeAccess(() => this.publish()));
	}

	/** The last snapshot sent (for tests). */
	get snapshot(): TriageSnapshotDto | undefined {
		return this.snapshotValue;
	}

	/** Handles one raw message (validated first; exposed for tests). */
	receive(raw: unknown): Promise<void> {
		return receiveMessage(raw, { name: 'Triage panel', logger: this.deps.logger }, parseTriageMessage, m => this.dispatch(m));
	}

	private dispatch(message: TriageInbound): void | Promise<void> {
		switch (message.method) {
			case 'triage/setView': return this.commands['triage/setView'](message.params);
			case 'triage/open': return this.commands['triage/open'](message.params);
			case 'triage/done': return this.commands['triage/done'](message.params);
			case 'triage/snooze': return this.commands['triage/snooze'](message.params);
			case 'triage/moderate': return this.commands['triage/moderate'](message.params);
			case 'triage/template': return this.commands['triage/template'](message.params);
			default: return this.commands[message.method](undefined);
		}
	}

	/** The moderation targets of rows this panel has shown, in order; unknown ids are left out. */
	targetsFor(ids: readonly string[]): ModerationTarget[] {
		return this.known(ids).map(toTarget);
	}

	/** Entries of rows this panel has shown; anything else is dropped (and logged). */
	private known(ids: readonly string[]): TriageEntry[] {
		const entries = ids.flatMap(id => this.shown.get(id) ?? []);
		if (entries.length < ids.length) this.deps.logger.warn(`Triage panel: ignored ${ids.length - entries.length} id(s) that are not in the queue.`);
		return entries;
	}

	/** Opens the thread of a row this panel has shown (anything else is dropped). */
	private openItem(id: string): void {
		const entry = this.shown.get(id);
		if (!entry) {
			this.deps.logger.warn('Triage panel: refused to open an item that is not in the queue.');
			return;
		}
		const [owner = '', repo = ''] = entry.repo.split('/');
		this.deps.openThread({ host: this.deps.host(), owner, repo, kind: entry.kind, number: entry.number });
	}

	/** Snoozes rows: with the webview's choice, or asking how long. */
	private async snooze(ids: readonly string[], dto: TriageSnoozeDto | undefined): Promise<void> {
		const entries = this.known(ids);
		if (entries.length === 0) return;
		const choice = dto ? snoozeFromDto(dto) : await pickSnooze(entries.length);
		if (choice) await this.deps.service.snooze(entries.map(e => e.id), choice);
	}

	/**
	 * Runs a moderation command on rows (one target, or an array for several: the command then asks
	 * once for all). Assigning applies to issues only; discussions in the selection are left out, with a message.
	 */
	private async moderate(action: TriageModerationAction, ids: readonly string[]): Promise<void> {
		let entries = this.known(ids);
		if (action === 'assign') {
			const issues = entries.filter(e => e.kind === 'issue');
			if (issues.length < entries.length) {
				void vscode.window.showInformationMessage(issues.length === 0
					? vscode.l10n.t('Only issues can be assigned.')
					: plural(vscode.l10n.t, vscode.env.language, entries.length - issues.length, {
						one: 'Only issues can be assigned: {0} discussion was left out.', few: 'Only issues can be assigned: {0} discussions were left out.',
						many: 'Only issues can be assigned: {0} discussions were left out.', other: 'Only issues can be assigned: {0} discussions were left out.',
					}));
			}
			entries = issues;
		}
		entries = this.permitted(action, entries);
		if (entries.length === 0) return;
		const targets = entries.map(toTarget);
		const run = this.deps.executeCommand ?? ((command: string, ...args: unknown[]) => vscode.commands.executeCommand(command, ...args));
		await run(MODERATION_COMMANDS[action], targets.length === 1 ? targets[0] : targets);
		await this.deps.service.refresh();
	}

	/**
	 * The entries the viewer may take `action` on; those of read-only repositories are left out, with a
	 * message (the webview offers no such action on one row, so this is about selections).
	 */
	private permitted(action: TriageModerationAction, entries: TriageEntry[]): TriageEntry[] {
		const kept = entries.filter(e => this.allowed(e).includes(action));
		const left = entries.length - kept.length;
		if (left > 0) {
			void vscode.window.showInformationMessage(plural(vscode.l10n.t, vscode.env.language, left, {
				one: '{0} item was left out: you have read access to its repository only.', few: '{0} items were left out: you have read access to their repositories only.',
				many: '{0} items were left out: you have read access to their repositories only.', other: '{0} items were left out: you have read access to their repositories only.',
			}));
		}
		return kept;
	}

	/** What the viewer may do on an entry; `seen` reuses each repository's access within one snapshot. */
	private allowed(e: TriageEntry, seen = new Map<string, ViewerAccess>()): TriageModerationAction[] {
		let access = seen.get(e.repo);
		if (!access) {
			const [owner = '', name = ''] = e.repo.split('/');
			access = this.deps.access({ owner, name });
			seen.set(e.repo, access);
		}
		return allowedActions(access, e.author);
	}

	/**
	 * "Reply with Template…" on rows: one row opens its thread with the template in its reply box;
	 * several get one reply each, after a preview (the templates command does both, and the refresh).
	 */
	private async replyWithTemplate(ids: readonly string[]): Promise<void> {
		const targets = this.known(ids).map(toTarget);
		if (targets.length === 0) return;
		const run = this.deps.executeCommand ?? ((command: string, ...args: unknown[]) => vscode.commands.executeCommand(command, ...args));
		await run(Commands.replyWithTemplate, targets.length === 1 ? targets[0] : targets);
		if (targets.length > 1) await this.deps.service.refresh();
	}

	private publish(): void {
		const state: TriageSnapshot = this.deps.service.snapshot;
		const now = Date.now();
		const v = this.view;
		const filtered = filterTriage(state.entries, {
			repo: v.repo || undefined, kind: v.kind || undefined, label: v.label || undefined, categoryId: v.categoryId || undefined,
			firstTimersOnly: v.firstTimersOnly, minAgeHours: v.minAgeHours, text: v.text,
		}, now);
		const rows = sortTriage(filtered, v.sort);
		this.shown = new Map(rows.map(e => [e.id, e]));
		const nowDate = new Date(now);
		const access = new Map<string, ViewerAccess>();
		this.snapshotValue = {
			status: state.computedAt === 0 ? 'loading' : 'ready',
			strings: triageStrings(),
			view: v,
			rows: rows.map(e => toRow(e, nowDate, this.allowed(e, access))),
			summary: triageSummary(state.entries),
			pending: state.pending.length > 0 ? vscode.l10n.t('Still loading: {0}', state.pending.join(', ')) : '',
			repos: options(state.entries.map(e => [e.repo, e.repo])),
			labels: options(state.entries.flatMap(e => e.labels.map(l => [l, l] as [string, string]))),
			categories: options(state.entries.filter(e => e.categoryId && e.categoryName).map(e => [e.categoryId!, e.categoryName!])),
		};
		this.post({ kind: 'notification', method: 'triage/didChange', params: this.snapshotValue });
	}

	private html(): string {
		return entryHtml(this.panel.webview, this.deps.extensionUri, 'triage', vscode.l10n.t('Triage Queue'));
	}
}
