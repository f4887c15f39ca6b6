import * as vscode from 'vscode';
import type { Logger } from '../platform/logger';
import { PanelHost, receiveMessage } from './messages';
import type { StatsResult, StatsService } from '../platform/statsService';
import { STATS_VIEW_TYPE } from '../features/statsHost';
import {
	DEFAULT_STATS_VIEW, isWebUrl, parseStatsMessage, parseStatsView, statsWindowOf, type StatsCommandHandlers, type StatsInbound, type StatsPersonCardDto,
	type StatsProtocol, type StatsSnapshotDto, type StatsViewDto,
} from '../shared/statsProtocol';
import { entryHtml, panelOptions } from './page';
import { personCard, personThreads, shownPeople, statsSnapshot } from './statsSnapshot';

const VIEW_KEY = 'communityDesk.statsView';

/** A message to compose for a person of a list. */
export type PersonMessageKind = 'thank' | 'checkIn';

/** What the panel needs from the rest of the extension. */
export interface StatsPanelDeps {
	readonly extensionUri: vscode.Uri;
	readonly service: StatsService;
	readonly logger: Logger;
	/** Remembers the last window and repository across sessions. */
	readonly state: vscode.Memento;
	/** `https://github.com` or the GHES web URL. */
	readonly webUrl: () => string;
	/** Starts a sync of every repository (the refresh button). */
	readonly syncAll: () => Promise<unknown>;
	/** Opens a composed thank-you or check-in message for a person. */
	readonly composeMessage: (kind: PersonMessageKind, login: string, panel: StatsPanel) => Promise<void>;
	/** Runs an export or the digest for the panel's current window and repository. */
	readonly runCommand: (command: 'exportMarkdown' | 'exportCsv' | 'digest', view: StatsViewDto) => Promise<unknown>;
}

/** The single stats panel: opens or reveals it. */
export class StatsPanels implements vscode.Disposable {
	private current: StatsPanel | undefined;

	constructor(private readonly deps: StatsPanelDeps) {}

	/** The open panel, if any. */
	get panel(): StatsPanel | undefined {
		return this.current;
	}

	/** Opens the panel (one per window), optionally on a given window and repository. */
	open(view?: StatsViewDto): StatsPanel {
		if (this.current) {
			this.current.panel.reveal();
			if (view) void this.current.setView(view);
			return this.current;
		}
		const panel = vscode.window.createWebviewPanel(STATS_VIEW_TYPE, vscode.l10n.t('Community Stats'), vscode.ViewColumn.Active, panelOptions(this.deps.extensionUri));
		this.current = new StatsPanel(panel, this.deps, () => { this.current = undefined; }, view);
		return this.current;
	}

	/** Restores the panel VS Code saved at shutdown (the window and repository come from workspace state). */
	revive(panel: vscode.WebviewPanel): void {
		if (this.current) {
			panel.dispose();
			return;
		}
		panel.webview.options = panelOptions(this.deps.extensionUri);
		this.current = new StatsPanel(panel, this.deps, () => { this.current = undefined; });
	}

	dispose(): void {
		this.current?.dispose();
	}
}

/** The host side of the stats panel: computes on the host, acts only on people and links it has sent. */
export class StatsPanel extends PanelHost<StatsProtocol> {
	private viewValue: StatsViewDto;
	private result: StatsResult | undefined;
	private card: StatsPersonCardDto | undefined;
	private people = new Map<string, string>();
	private urls = new Set<string>();
	private snapshotValue: StatsSnapshotDto | undefined;
	private generation = 0;
	private readonly commands: StatsCommandHandlers = {
		'webview/ready': async () => { this.publish(); await this.recompute(); },
		'stats/refresh': async () => { void this.deps.syncAll(); await this.recompute(); },
		'stats/setView': view => this.setView(view),
		'stats/showPerson': ({ id }) => this.showPerson(id),
		'stats/closePerson': () => { this.card = undefined; this.publish(); },
		'stats/thank': ({ id }) => this.compose('thank', id),
		'stats/checkIn': ({ id }) => this.compose('checkIn', id),
		'stats/openUrl': ({ url }) => this.openUrl(url),
		'stats/exportMarkdown': async () => { await this.deps.runCommand('exportMarkdown', this.viewValue); },
		'stats/exportCsv': async () => { await this.deps.runCommand('exportCsv', this.viewValue); },
		'stats/digest': async () => { await this.deps.runCommand('digest', this.viewValue); },
	};

	constructor(panel: vscode.WebviewPanel, private readonly deps: StatsPanelDeps, onDispose: () => void, view?: StatsViewDto) {
		super(panel, onDispose);
		this.viewValue = view ?? parseStatsView(deps.state.get<unknown>(VIEW_KEY)) ?? DEFAULT_STATS_VIEW;
		panel.webview.html = entryHtml(panel.webview, deps.extensionUri, 'stats', vscode.l10n.t('Community Stats'));
		this.disposables.push(
			// A hidden panel's page is gone; it asks again (webview/ready) when shown.
			deps.service.onDidChange(() => { if (this.panel.visible) void this.recompute(); }),
		);
	}

	/** The last snapshot sent (for tests). */
	get snapshot(): StatsSnapshotDto | undefined {
		return this.snapshotValue;
	}

	/** The window and repository shown. */
	get view(): StatsViewDto {
		return this.viewValue;
	}

	/** The last computed result (for the thank-you and check-in messages). */
	get lastResult(): StatsResult | undefined {
		return this.result;
	}

	/** Handles one raw message (validated first; exposed for tests). */
	receive(raw: unknown): Promise<void> {
		return receiveMessage(raw, { name: 'Stats panel', logger: this.deps.logger }, parseStatsMessage, m => this.dispatch(m));
	}

	/** Shows another window or repository and recomputes. */
	async setView(view: StatsViewDto): Promise<void> {
		this.viewValue = view;
		this.card = undefined;
		await this.deps.state.update(VIEW_KEY, view);
		await this.recompute();
	}

	/** Recomputes the report for the current view and sends it (a newer request wins). */
	async recompute(): Promise<void> {
		const generation = ++this.generation;
		const view = this.viewValue;
		const result = await this.deps.service.compute({ window: statsWindowOf(view, Date.now()), repo: view.repo });
		if (generation !== this.generation || this.disposed) return;
		this.result = result;
		if (this.card) this.card = this.cardFor(this.card.login);
		this.publish();
	}

	private dispatch(message: StatsInbound): void | Promise<void> {
		switch (message.method) {
			case 'stats/setView': return this.commands['stats/setView'](message.params);
			case 'stats/showPerson': return this.commands['stats/showPerson'](message.params);
			case 'stats/thank': return this.commands['stats/thank'](message.params);
			case 'stats/checkIn': return this.commands['stats/checkIn'](message.params);
			case 'stats/openUrl': return this.commands['stats/openUrl'](message.params);
			default: return this.commands[message.method](undefined);
		}
	}

	private showPerson(id: string): void {
		const login = this.people.get(id);
		if (!login) {
			this.deps.logger.warn('Stats panel: refused a person who is not in the lists.');
			return;
		}
		this.card = this.cardFor(login);
		this.publish();
	}

	private cardFor(login: string): StatsPersonCardDto | undefined {
		const r = this.result;
		if (!r?.report) return undefined;
		const threads = personThreads(r.inputs, login, r.report.window);
		return personCard(r.report, login, threads, this.deps.webUrl(), vscode.l10n.t, vscode.env.language);
	}

	private async compose(kind: PersonMessageKind, id: string): Promise<void> {
		const login = this.people.get(id);
		if (!login) {
			this.deps.logger.warn('Stats panel: refused a person who is not in the lists.');
			return;
		}
		await this.deps.composeMessage(kind, login, this);
	}

	/** Opens only links this panel has shown (W7: web links only, re-checked here). */
	private async openUrl(url: string): Promise<void> {
		if (!this.urls.has(url) || !isWebUrl(url)) {
			this.deps.logger.warn('Stats panel: refused to open a link it did not show.');
			return;
		}
		await vscode.env.openExternal(vscode.Uri.parse(url, true));
	}

	private publish(): void {
		const r = this.result;
		const view = this.viewValue;
		const snapshot = statsSnapshot({
			report: r?.report, view, window: statsWindowOf(view, Date.now()), repos: this.deps.service.repoNames(), pending: r?.pending ?? [],
			error: r && !r.report && r.pending.length === 0 ? vscode.l10n.t('No repositories to compute statistics for. Add one with "Community Desk: Add Repository".') : '',
			card: this.card, t: vscode.l10n.t, lang: vscode.env.language, now: Date.now(),
		});
		this.snapshotValue = snapshot;
		this.people = shownPeople(snapshot.lists);
		this.urls = new Set(snapshot.card ? [snapshot.card.profileUrl, ...snapshot.card.threads.map(th => th.url)] : []);
		this.post({ kind: 'notification', method: 'stats/didChange', params: snapshot });
	}
}
