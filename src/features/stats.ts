// The community-stats feature, built as its own bundle (`dist/stats.js`) and loaded on first use through
// `LazyFeature` (see `esbuild.mjs`). Everything stateful (logger, sync service, client, memento, auth
// events, the GitHubError guard) comes in through `createStatsFeature`: this bundle holds its own copies
// of the pure modules it imports, so it must not import a service, a cache or a class the extension
// bundle creates or checks with `instanceof`.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { composePersonMessage, exportCsv, exportMarkdown, openStats, weeklyDigest, type DigestOutcome, type StatsCommandDeps } from '../commands/stats';
import type { Logger } from '../platform/logger';
import { StatsService, type StatsServiceDeps } from '../platform/statsService';
import type { SyncService } from '../platform/syncService';
import { EngagementView } from '../views/engagementView';
import { StatsPanels } from '../webviews/statsPanel';

/** The commands the stats panel's toolbar runs. */
const statsCommand = { exportMarkdown: Commands.exportStatsMarkdown, exportCsv: Commands.exportStatsCsv, digest: Commands.statsDigest } as const;

/** What the stats feature needs from the container. */
export interface StatsFeatureDeps extends Pick<StatsCommandDeps, 'client' | 'repositories' | 'webUrl' | 'isGitHubError'> {
	readonly extensionUri: vscode.Uri;
	readonly logger: Logger;
	readonly sync: SyncService;
	/** Workspace state: the panel remembers its window and repository there. */
	readonly workspaceState: vscode.Memento;
	/** The signed-in user's login, or undefined when signed out. */
	readonly login: () => Promise<string | undefined>;
	/** Fires on sign-in and sign-out. */
	readonly onDidChangeAccount: vscode.Event<unknown>;
	/** The `team`, `notTeam` and `bots` settings (`Config.people`). */
	readonly people: StatsServiceDeps['people'];
}

/** The loaded stats feature: its service, panel, view and command handlers. */
export interface StatsFeature extends vscode.Disposable {
	readonly service: StatsService;
	readonly panels: StatsPanels;
	readonly engagement: EngagementView;
	/** `communityDesk.stats.open`. */
	open(arg?: unknown): void;
	/** `communityDesk.stats.exportMarkdown`. */
	exportMarkdown(arg?: unknown): Promise<vscode.Uri | undefined>;
	/** `communityDesk.stats.exportCsv`. */
	exportCsv(arg?: unknown): Promise<vscode.Uri | undefined>;
	/** `communityDesk.stats.digest`. */
	digest(arg?: unknown): Promise<DigestOutcome>;
}

/** Creates the stats service, the panel manager and the "My engagement" view from the container's services. */
export function createStatsFeature(deps: StatsFeatureDeps): StatsFeature {
	const service = new StatsService({ sync: deps.sync, logger: deps.logger, repositories: deps.repositories, people: deps.people });
	const panels = new StatsPanels({
		extensionUri: deps.extensionUri, service, logger: deps.logger, state: deps.workspaceState, webUrl: deps.webUrl,
		syncAll: () => deps.sync.syncAll(),
		composeMessage: (kind, login, panel) => composePersonMessage(deps, kind, login, panel),
		runCommand: async (command, view) => vscode.commands.executeCommand(statsCommand[command], { view }),
	});
	const engagement = new EngagementView({
		extensionUri: deps.extensionUri, service, logger: deps.logger, openStats: () => void panels.open(),
		login: deps.login, onDidChangeAccount: deps.onDidChangeAccount,
	});
	const commands: StatsCommandDeps = { ...deps, service, panels };
	return {
		service, panels, engagement,
		open: arg => openStats(commands, arg),
		exportMarkdown: arg => exportMarkdown(commands, arg),
		exportCsv: arg => exportCsv(commands, arg),
		digest: arg => weeklyDigest(commands, arg),
		dispose: () => {
			engagement.dispose();
			panels.dispose();
			service.dispose();
		},
	};
}
