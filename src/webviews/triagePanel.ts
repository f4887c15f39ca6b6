import * as vscode from 'vscode';
import { plural } from '../core/l10n';
import { formatAge } from '../core/time';
import { describeReason, describeSla, filterTriage, sortTriage, triageCounts, type TriageEntry } from '../core/triage';
import type { Logger } from '../platform/logger';
import type { TriageService, TriageSnapshot } from '../platform/triageService';
import type { HostMessage } from '../shared/protocol';
import type { ThreadPanelState } from '../shared/threadProtocol';
import {
	DEFAULT_TRIAGE_VIEW, parseTriageMessage, type TriageCommandHandlers, type TriageInbound, type TriageOptionDto, type TriageProtocol, type TriageRowDto,
	type TriageSnapshotDto, type TriageStrings, type TriageViewDto,
} from '../shared/triageProtocol';
import { entryHtml } from './page';
import { threadPanelOptions } from './threadPanel';

/** The view type of the triage panel. */
export const TRIAGE_VIEW_TYPE = 'communityDesk.triage';
const SNOOZE_HOURS = 24;

/** What the panel needs from the rest of the extension. */
export interface TriagePanelDeps {
	readonly extensionUri: vscode.Uri;
	readonly service: TriageService;
	readonly logger: Logger;
	readonly host: () => string;
	/** Opens the thread panel of an item. */
	readonly openThread: (target: ThreadPanelState) => void;
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
		search: t('Search'), refresh: t('Refresh'), done: t('Done'), snooze: t('Snooze'), firstTimer: t('first-timer'), empty: t('Nothing waits on the team.'),
		loading: t('Loading…'), shortcuts: t('Shortcuts: J and K move, Enter opens, X marks done until new activity, S snoozes for 24 hours.'),
	};
}

/** A queue entry as a row. */
function toRow(e: TriageEntry, now: Date): TriageRowDto {
	const t = vscode.l10n.t;
	const since = new Date(e.waitingSince).toISOString();
	return {
		id: e.id, repo: e.repo, kind: e.kind, number: e.number, title: e.title, author: e.author, firstTimer: e.firstTimer,
		tags: e.kind === 'discussion' && e.categoryName ? [e.categoryName, ...e.labels].join(', ') : e.labels.join(', '),
		reason: describeReason(e.reason, t), waitingSince: since, age: formatAge(since, now, vscode.env.language), sla: e.sla,
		slaText: describeSla(e.sla, t), commentCount: e.commentCount,
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

/** The single triage panel: opens or reveals it. */
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
		const panel = vscode.window.createWebviewPanel(TRIAGE_VIEW_TYPE, vscode.l10n.t('Triage Queue'), vscode.ViewColumn.Active, threadPanelOptions(this.deps.extensionUri));
		this.current = new TriagePanel(panel, this.deps, () => { this.current = undefined; });
		void this.deps.service.refresh();
		return this.current;
	}

	dispose(): void {
		this.current?.dispose();
	}
}

/** The host side of the triage panel: sorts and filters on the host, acts only on ids it has sent. */
export class TriagePanel implements vscode.Disposable {
	private view: TriageViewDto = DEFAULT_TRIAGE_VIEW;
	private shown = new Map<string, TriageEntry>();
	private snapshotValue: TriageSnapshotDto | undefined;
	private disposed = false;
	private readonly disposables: vscode.Disposable[] = [];
	private readonly commands: TriageCommandHandlers = {
		'webview/ready': () => this.publish(),
		'triage/refresh': async () => { await this.deps.service.refresh(); },
		'triage/setView': view => { this.view = view; this.publish(); },
		'triage/open': ({ id }) => this.openItem(id),
		'triage/done': async ({ id }) => { if (this.shown.has(id)) await this.deps.service.markDone(id); },
		'triage/snooze': async ({ id }) => { if (this.shown.has(id)) await this.deps.service.snooze(id, SNOOZE_HOURS); },
	};

	constructor(readonly panel: vscode.WebviewPanel, private readonly deps: TriagePanelDeps, private readonly onDispose: () => void) {
		panel.webview.html = this.html();
		this.disposables.push(
			panel.webview.onDidReceiveMessage(m => this.receive(m)),
			panel.onDidDispose(() => this.dispose()),
			deps.service.onDidChange(() => this.publish()),
		);
	}

	/** The last snapshot sent (for tests). */
	get snapshot(): TriageSnapshotDto | undefined {
		return this.snapshotValue;
	}

	/** Handles one raw message (validated first; exposed for tests). */
	async receive(raw: unknown): Promise<void> {
		const message = parseTriageMessage(raw);
		if (!message) {
			this.deps.logger.warn('Triage panel: dropped an invalid message from the webview.');
			return;
		}
		try {
			await this.dispatch(message);
		} catch (error) {
			this.deps.logger.error('Triage panel: a message handler failed.', error);
		}
	}

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		this.onDispose();
		for (const d of this.disposables.splice(0)) d.dispose();
		this.panel.dispose();
	}

	private dispatch(message: TriageInbound): void | Promise<void> {
		switch (message.method) {
			case 'triage/setView': return this.commands['triage/setView'](message.params);
			case 'triage/open': return this.commands['triage/open'](message.params);
			case 'triage/done': return this.commands['triage/done'](message.params);
			case 'triage/snooze': return this.commands['triage/snooze'](message.params);
			default: return this.commands[message.method](undefined);
		}
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
		this.snapshotValue = {
			status: state.computedAt === 0 ? 'loading' : 'ready',
			strings: triageStrings(),
			view: v,
			rows: rows.map(e => toRow(e, nowDate)),
			summary: triageSummary(state.entries),
			pending: state.pending.length > 0 ? vscode.l10n.t('Still loading: {0}', state.pending.join(', ')) : '',
			repos: options(state.entries.map(e => [e.repo, e.repo])),
			labels: options(state.entries.flatMap(e => e.labels.map(l => [l, l] as [string, string]))),
			categories: options(state.entries.filter(e => e.categoryId && e.categoryName).map(e => [e.categoryId!, e.categoryName!])),
		};
		this.post({ kind: 'notification', method: 'triage/didChange', params: this.snapshotValue });
	}

	private post(message: HostMessage<TriageProtocol>): void {
		if (!this.disposed) void this.panel.webview.postMessage(message);
	}

	private html(): string {
		return entryHtml(this.panel.webview, this.deps.extensionUri, 'triage', vscode.l10n.t('Triage Queue'));
	}
}
