import * as vscode from 'vscode';
import { Commands, ContextKeys, Views } from './constants';
import type { Viewer } from './core/model';
import type { GitHubServer } from './core/serverUrl';
import type { GitHubClient, TokenProvider } from './github/client';
import { GitHubError } from './github/errors';
import { OctokitGitHubClient } from './github/octokitClient';
import { presentError } from './github/presentation';
import { SessionGitHubClient } from './github/sessionClient';
import { LazyFeature } from './features/lazy';
import type { ModerationFeature } from './features/moderation';
import type { StatsFeature } from './features/stats';
import { registerStatsHost } from './features/statsHost';
import { registerTemplatesHost } from './features/templatesHost';
import { registerTriageHost } from './features/triageHost';
import type { TemplatesFeature } from './features/templates';
import type { TriageFeature } from './features/triage';
import { AuthService } from './platform/auth';
import { Config } from './platform/config';
import { Logger } from './platform/logger';
import { ModerationService } from './platform/moderationService';
import { RepositoryService } from './platform/repositories';
import { SyncService } from './platform/syncService';
import { TriageService } from './platform/triageService';
import { CommunityTree } from './views/communityTree';
import { discussionRoots } from './views/discussionsTree';
import { issueRoots } from './views/issuesTree';
import { describeContext, errorNode, type TreeServices } from './views/services';
import { MessageNode, type TreeNode } from './views/treeNode';
import { TriageBreachNotifier, TriageStatus } from './views/triageStatus';
import { THREAD_VIEW_TYPE, ThreadPanels } from './webviews/threadPanel';

/** Creates the concrete GitHub client for a server (replaceable in tests). */
export function octokitFactory(version: string): (server: GitHubServer, getToken: TokenProvider) => GitHubClient {
	return (server, getToken) => OctokitGitHubClient.create(getToken, {
		restBaseUrl: server.restBaseUrl,
		graphqlUrl: server.graphqlUrl,
		userAgent: `community-desk-vscode/${version}`,
	});
}

/**
 * The composition root: builds services, the client and the trees, and wires their events.
 * No logic beyond wiring, and no network here (requests start when a view asks for children).
 */
export class Container implements vscode.Disposable {
	readonly logger = new Logger();
	readonly config = new Config();
	readonly auth: AuthService;
	readonly repositories: RepositoryService;
	readonly client: GitHubClient;
	readonly sync: SyncService;
	readonly discussions: CommunityTree;
	readonly issues: CommunityTree;
	readonly threads: ThreadPanels;
	readonly moderation: ModerationService;
	/** The moderation commands: `dist/moderation.js`, loaded on first use (they drive {@link moderation}). */
	readonly moderationCommands: LazyFeature<ModerationFeature>;
	readonly triage: TriageService;
	/** The triage queue panel: `dist/triage.js`, loaded when first opened (the queue is {@link triage}). */
	readonly triagePanel: LazyFeature<TriageFeature>;
	/** Community stats, the stats panel and "My engagement": `dist/stats.js`, loaded on first use. */
	readonly stats: LazyFeature<StatsFeature>;
	/** Saved-reply templates: `dist/templates.js`, loaded on first use. */
	readonly templates: LazyFeature<TemplatesFeature>;
	private viewerPromise: Promise<Viewer> | undefined;
	private warnedAboutToken = false;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(readonly context: vscode.ExtensionContext) {
		const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');
		this.auth = new AuthService(context, () => this.config.serverOrDefault(), () => this.scopes(), this.logger);
		this.repositories = new RepositoryService(this.config, () => this.config.serverOrDefault().host, this.logger);
		const session = new SessionGitHubClient(() => this.config.server(), this.auth.getToken, octokitFactory(version));
		this.client = session;
		this.sync = new SyncService({
			context, config: this.config, auth: this.auth, logger: this.logger, reader: session, viewer: () => this.viewer(),
			repositories: () => this.repositories.list().map(r => r.repo), onError: error => this.onError(error),
		});
		const discussionNodes = discussionRoots(this.treeServices(Commands.refreshDiscussions), n => this.discussions.refresh(n));
		const issueNodes = issueRoots(this.treeServices(Commands.refreshIssues), n => this.issues.refresh(n));
		this.discussions = new CommunityTree(Views.discussions, () => this.roots(discussionNodes));
		this.issues = new CommunityTree(Views.issues, () => this.roots(issueNodes));
		const views = [
			vscode.window.createTreeView(Views.discussions, { treeDataProvider: this.discussions, showCollapseAll: true }),
			vscode.window.createTreeView(Views.issues, { treeDataProvider: this.issues, showCollapseAll: true }),
		];
		this.sync.watchViews(views);
		this.disposables.push(this.logger, this.auth, this.repositories, this.sync, this.discussions, this.issues, ...views);
		this.threads = new ThreadPanels({
			extensionUri: context.extensionUri, client: this.client, logger: this.logger, host: () => this.config.serverOrDefault().host, storage: context.workspaceState,
			runTemplateActions: async entry => { await (await this.templates.get()).runActions(entry); },
			freshness: ref => this.sync.freshness(ref),
		});
		this.disposables.push(this.threads, vscode.window.registerWebviewPanelSerializer(THREAD_VIEW_TYPE, this.threads.serializer()));
		this.moderation = new ModerationService({ client: this.client, sync: this.sync, logger: this.logger, state: context.globalState,
			host: () => this.config.serverOrDefault().host });
		this.disposables.push(this.moderation, this.moderation.onDidChange(() => this.refreshAll()), this.threads.watchModeration(this.moderation.onDidChange),
			this.moderation.onDidChangeAccess(() => { this.discussions.rerender(); this.issues.rerender(); }));
		this.triage = new TriageService({
			state: context.globalState, sync: this.sync, logger: this.logger, repositories: () => this.repositories.list().map(r => r.repo),
			fetchCategories: repo => this.client.listDiscussionCategories(repo), host: () => this.config.serverOrDefault().host,
			indexChanges: [this.moderation.onDidChange],
		});
		this.disposables.push(this.triage, new TriageStatus(this.triage), new TriageBreachNotifier(this.triage));
		// Lazily loaded bundles: each gets the container's services, so it holds no second logger, client or sync.
		this.stats = new LazyFeature('stats', async () => (await import('./features/stats')).createStatsFeature({
			extensionUri: context.extensionUri, logger: this.logger, sync: this.sync, client: this.client, workspaceState: context.workspaceState,
			repositories: () => this.repositories.list().map(r => r.repo), webUrl: () => this.config.serverOrDefault().webUrl,
			login: async () => ((await this.auth.state()).kind === 'signedIn' ? (await this.viewer()).login : undefined),
			onDidChangeAccount: this.auth.onDidChange, isGitHubError: GitHubError.is, people: () => this.config.people(),
		}), this.logger);
		this.templates = new LazyFeature('templates', async () => (await import('./features/templates')).createTemplatesFeature({
			threads: this.threads, client: this.client, viewer: () => this.viewer(), globalStorageUri: context.globalStorageUri,
			extensionUri: context.extensionUri, logger: this.logger, presentError, moderation: this.moderation,
		}), this.logger);
		this.triagePanel = new LazyFeature('triage', async () => (await import('./features/triage')).createTriageFeature({
			extensionUri: context.extensionUri, service: this.triage, logger: this.logger, host: () => this.config.serverOrDefault().host,
			access: repo => this.moderation.viewerAccess(repo), onDidChangeAccess: this.moderation.onDidChangeAccess,
			openThread: target => void this.threads.open(target),
		}), this.logger);
		this.moderationCommands = new LazyFeature('moderation', async () => (await import('./features/moderation')).createModerationFeature({
			logger: this.logger, moderation: this.moderation, webUrl: () => this.config.serverOrDefault().webUrl, isGitHubError: GitHubError.is,
		}), this.logger);
		this.disposables.push(this.stats, this.templates, this.triagePanel, this.moderationCommands, ...registerStatsHost(this.stats), ...registerTemplatesHost(this.templates),
			...registerTriageHost(this.triagePanel));
		this.wireEvents();
	}

	/** The signed-in user, fetched once per sign-in. */
	viewer(): Promise<Viewer> {
		this.viewerPromise ??= this.client.getViewer().catch((e: unknown) => {
			this.viewerPromise = undefined;
			throw e;
		});
		return this.viewerPromise;
	}

	/** Reloads both trees. */
	refreshAll(): void {
		this.discussions.refresh();
		this.issues.refresh();
	}

	/** The refresh buttons: an incremental sync of every repository, then both trees rebuilt. */
	async syncAndRefresh(viewId: string): Promise<void> {
		await vscode.window.withProgress({ location: { viewId } }, () => this.sync.syncAll());
		this.refreshAll();
	}

	/** The scopes to ask VS Code's GitHub provider for (minimal: `public_repo` unless private repos are wanted). */
	scopes(): string[] {
		return [this.config.privateRepositories() ? 'repo' : 'public_repo', 'read:user'];
	}

	dispose(): void {
		for (const d of this.disposables.reverse()) d.dispose();
	}

	private treeServices(refreshCommand: string): TreeServices {
		return {
			client: this.client, auth: this.auth, repositories: this.repositories, config: this.config, logger: this.logger, sync: this.sync,
			viewer: () => this.viewer(),
			access: repo => this.moderation.viewerAccess(repo),
			describe: describeContext,
			errorNode: (id, error, subject) => errorNode(id, error, subject, refreshCommand),
			onError: error => this.onError(error),
		};
	}

	/** Roots of either tree: empty when signed out or without repositories, so the welcome view shows. */
	private async roots(build: (repos: ReturnType<RepositoryService['list']>) => TreeNode[]): Promise<TreeNode[]> {
		const state = await this.auth.state();
		const repos = this.repositories.list();
		await this.setContext(state.kind === 'signedIn', repos.length > 0);
		const server = this.config.server();
		if (!server.ok) return [new MessageNode('server-error', server.error, 'error', { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['communityDesk.github.serverUrl'] })];
		if (state.kind !== 'signedIn' || repos.length === 0) return [];
		const invalid = this.repositories.invalidEntries().map((e, i) => new MessageNode(`invalid-repo-${i}`, e, 'warning', {
			command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['communityDesk.repositories'],
		}));
		return [...build(repos), ...invalid];
	}

	private async setContext(signedIn: boolean, hasRepositories: boolean): Promise<void> {
		await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, signedIn);
		await vscode.commands.executeCommand('setContext', ContextKeys.hasRepositories, hasRepositories);
	}

	private onError(error: unknown): void {
		if (!GitHubError.is(error, 'badCredentials') || this.warnedAboutToken) return;
		this.warnedAboutToken = true;
		const signIn = vscode.l10n.t('Sign In');
		void vscode.window.showWarningMessage(vscode.l10n.t('GitHub rejected the token (it may be revoked or expired). Sign in again.'), signIn)
			.then(choice => { if (choice === signIn) void vscode.commands.executeCommand(Commands.signIn); });
	}

	private wireEvents(): void {
		this.disposables.push(
			this.auth.onDidChange(() => { this.viewerPromise = undefined; this.warnedAboutToken = false; this.refreshAll(); }),
			this.repositories.onDidChange(() => this.refreshAll()),
			this.sync.onDidSync(e => {
				if (e.changed) this.refreshAll();
				else { this.discussions.rerender(); this.issues.rerender(); }
			}),
			this.config.onDidChange(e => {
				if (e.affectsConfiguration('communityDesk.github')) {
					this.auth.invalidate();
					const server = this.config.server();
					if (!server.ok) void vscode.window.showErrorMessage(vscode.l10n.t('Invalid GitHub server URL: {0}', server.error));
				} else if (e.affectsConfiguration('communityDesk.issueQueries') || e.affectsConfiguration('communityDesk.tree')) {
					this.refreshAll();
				}
			}),
		);
	}
}
