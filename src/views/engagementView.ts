import * as vscode from 'vscode';
import { personEngagement } from '../core/stats';
import type { Logger } from '../platform/logger';
import type { StatsService } from '../platform/statsService';
import type { HostMessage } from '../shared/protocol';
import {
	DEFAULT_STATS_VIEW, parseEngagementMessage, statsWindowOf, type EngagementCommandHandlers, type EngagementProtocol, type EngagementSnapshotDto,
} from '../shared/statsProtocol';
import { entryHtml, panelOptions } from '../webviews/page';
import { engagementSnapshot, engagementStrings, formatWindow } from '../webviews/statsSnapshot';

/** What the view needs from the rest of the extension. */
export interface EngagementViewDeps {
	readonly extensionUri: vscode.Uri;
	readonly service: StatsService;
	readonly logger: Logger;
	/** The signed-in user's login, or undefined when signed out. */
	readonly login: () => Promise<string | undefined>;
	/** Opens the Community Stats panel. */
	readonly openStats: () => void;
	/** Fires on sign-in and sign-out (the view then shows the new account). */
	readonly onDidChangeAccount: vscode.Event<unknown>;
}

/**
 * "My engagement": the signed-in user's activity over the last 30 days beside the community median.
 * A webview view (the only one, ux.md §1); it computes only while visible and recomputes, debounced,
 * when a sync changes items.
 */
export class EngagementView implements vscode.WebviewViewProvider, vscode.Disposable {
	private view: vscode.WebviewView | undefined;
	private snapshotValue: EngagementSnapshotDto | undefined;
	private generation = 0;
	private readonly disposables: vscode.Disposable[] = [];
	private readonly commands: EngagementCommandHandlers = {
		'webview/ready': async () => { await this.refresh(); },
		'engagement/openStats': () => this.deps.openStats(),
	};

	constructor(private readonly deps: EngagementViewDeps) {
		this.disposables.push(deps.service.onDidChange(() => void this.refresh()), deps.onDidChangeAccount(() => void this.refresh()));
	}

	/** The last snapshot sent (for tests). */
	get snapshot(): EngagementSnapshotDto | undefined {
		return this.snapshotValue;
	}

	resolveWebviewView(view: vscode.WebviewView): void {
		this.view = view;
		const { retainContextWhenHidden: _unused, enableFindWidget: _find, ...options } = panelOptions(this.deps.extensionUri);
		view.webview.options = options;
		view.webview.html = entryHtml(view.webview, this.deps.extensionUri, 'engagement', vscode.l10n.t('My Engagement'));
		const subscriptions = [
			view.webview.onDidReceiveMessage(m => this.receive(m)),
			view.onDidChangeVisibility(() => { if (view.visible) void this.refresh(); }),
		];
		view.onDidDispose(() => {
			for (const s of subscriptions) s.dispose();
			if (this.view === view) this.view = undefined;
		});
	}

	/** Handles one raw message (validated first; exposed for tests). */
	async receive(raw: unknown): Promise<void> {
		const message = parseEngagementMessage(raw);
		if (!message) {
			this.deps.logger.warn('My engagement: dropped an invalid message from the webview.');
			return;
		}
		try {
			await this.commands[message.method](undefined);
		} catch (error) {
			this.deps.logger.error('My engagement: a message handler failed.', error);
		}
	}

	/** Recomputes and sends the snapshot (only while the view is visible). */
	async refresh(): Promise<EngagementSnapshotDto | undefined> {
		if (!this.view?.visible) return this.snapshotValue;
		const generation = ++this.generation;
		const t = vscode.l10n.t;
		const lang = vscode.env.language;
		const login = await this.deps.login().catch(() => undefined);
		const window = statsWindowOf(DEFAULT_STATS_VIEW, Date.now());
		const label = `${t('Last 30 days, all repositories')}: ${formatWindow(window, lang)}`;
		let snapshot: EngagementSnapshotDto;
		if (!login) {
			snapshot = { status: 'signedOut', strings: engagementStrings(t), login: '', windowLabel: label, rows: [], streak: '', note: '' };
		} else {
			const { report } = await this.deps.service.compute({ window, repo: '' });
			snapshot = engagementSnapshot(report && personEngagement(report, login), label, t, lang);
		}
		if (generation !== this.generation) return this.snapshotValue;
		this.snapshotValue = snapshot;
		this.post({ kind: 'notification', method: 'engagement/didChange', params: snapshot });
		return snapshot;
	}

	dispose(): void {
		for (const d of this.disposables.splice(0)) d.dispose();
	}

	private post(message: HostMessage<EngagementProtocol>): void {
		void this.view?.webview.postMessage(message);
	}
}
