import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { RepoRef, ThreadLocator, Viewer } from '../core/model';
import type { ThreadFreshness } from '../core/threadCache';
import { ContextKeys } from '../constants';
import { formatRepo } from '../core/repoRef';
import { GitHubError } from '../github/errors';
import { OctokitSyncSource, type GraphQLReader } from '../github/octokitSyncSource';
import { CacheStore } from '../storage/cacheStore';
import { isSyncDue, RefreshScheduler } from '../sync/refreshScheduler';
import { RepoSync, type RepoSyncResult } from '../sync/repoSync';
import type { AuthService } from './auth';
import type { Config } from './config';
import type { Logger } from './logger';

/** What {@link SyncService} needs from the container. */
export interface SyncServiceDeps {
	readonly context: vscode.ExtensionContext;
	readonly config: Config;
	readonly auth: AuthService;
	readonly logger: Logger;
	/** The container's GitHub client pipeline (`SessionGitHubClient`). */
	readonly reader: GraphQLReader;
	/** The signed-in user (one request; only when the account of the token is not remembered). */
	readonly viewer: () => Promise<Viewer>;
	/** The repositories the views show. */
	readonly repositories: () => readonly RepoRef[];
	/** Reports a failure once (e.g. a rejected token). */
	readonly onError: (error: unknown) => void;
}

/** What a sync event means for the trees. */
export interface SyncEvent {
	/** True when items changed: rebuild the trees; false: only re-render the rows (sync time). */
	readonly changed: boolean;
}

/** The sync state of a repository row. */
export interface RepoSyncStatus {
	readonly syncedAt?: number;
	readonly syncing: boolean;
	readonly error?: unknown;
}

interface Partition {
	readonly host: string;
	readonly account: string;
}

const ACCOUNT_KEY = 'communityDesk.cacheAccount';
/** Passes after which the trees can show more from the index (open issues; recent issues; discussions). */
const VISIBLE_PASSES = new Set(['openIssues', 'closedIssues', 'closedDiscussions']);
/** A sync still running after this long shows Cancel Sync in the views' title (an idle refresh never does). */
const SHOW_CANCEL_AFTER_MS = 750;

/** The key of a repository's entry: host, account and repository (case-insensitive). */
function repoKey(p: { readonly host: string; readonly account: string }, ref: RepoRef): string {
	return `${p.host}\n${p.account}\n${formatRepo(ref).toLowerCase()}`;
}

/**
 * Owns, per repository of the signed-in host and account, the index, its sync and its disk cache
 * partition (`globalStorageUri/<host>__<account>__<hash>/`). Nothing happens in the constructor: a
 * repository is loaded when a view first asks for it, and synced then when its cache is stale.
 */
export class SyncService implements vscode.Disposable {
	private readonly emitter = new vscode.EventEmitter<SyncEvent>();
	/** Fires when the trees should show new data or a new sync state. */
	readonly onDidSync = this.emitter.event;
	private readonly cache: CacheStore;
	private readonly source: OctokitSyncSource;
	private readonly repos = new Map<string, RepoSync>();
	private partition: Promise<Partition> | undefined;
	private known: Partition | undefined;
	private purging: Promise<void> | undefined;
	private readonly scheduler: RefreshScheduler;
	private readonly views: vscode.TreeView<unknown>[] = [];
	private readonly disposables: vscode.Disposable[] = [this.emitter];
	/** Runs of {@link runSyncs} in progress, and the timer that shows Cancel Sync. */
	private running = 0;
	private showCancel: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly deps: SyncServiceDeps) {
		this.cache = new CacheStore({ baseDir: deps.context.globalStorageUri.fsPath });
		this.source = new OctokitSyncSource(deps.reader);
		this.scheduler = new RefreshScheduler({ intervalMinutes: () => deps.config.syncIntervalMinutes(), tick: () => this.tick() });
		this.disposables.push(
			deps.auth.onDidChange(state => void (state.kind === 'signedOut' ? this.purge() : this.unload())),
			vscode.window.onDidChangeWindowState(() => this.updateActive()),
			deps.config.onDidChange(e => { if (e.affectsConfiguration('communityDesk.sync')) this.scheduler.reset(); }),
		);
	}

	/** The index and sync of a repository; loads it from disk and starts a sync when one is due. */
	async repo(ref: RepoRef): Promise<RepoSync> {
		const p = await this.resolvePartition();
		const key = repoKey(p, ref);
		let entry = this.repos.get(key);
		if (!entry) {
			entry = new RepoSync({
				repo: ref, ...p, cache: this.cache, source: this.source, onPassDone: done => this.onPassDone(done),
				// The daily reconcile is background work: only while the window is focused (as the periodic refresh).
				mayReconcile: () => vscode.window.state.focused,
			});
			this.repos.set(key, entry);
			void this.startIfDue(entry);
		}
		return entry;
	}

	/** The sync state of a repository already loaded (undefined before a view asked for it). */
	status(ref: RepoRef): RepoSyncStatus | undefined {
		const p = this.known;
		const entry = p && this.repos.get(repoKey(p, ref));
		return entry && { syncedAt: entry.syncedAt, syncing: entry.syncing, error: entry.lastError };
	}

	/**
	 * What the index knows of a thread, for the thread panels' body LRU: the item's `updatedAt` and
	 * whose cache it is. Only from a repository already loaded (no request, no disk read).
	 */
	freshness(ref: ThreadLocator): ThreadFreshness | undefined {
		const p = this.known;
		const item = p && this.repos.get(repoKey(p, ref.repo))?.loadedIndex?.itemByNumber(ref.kind, ref.number);
		return p && item && { scope: `${p.host}\n${p.account}`, updatedAt: item.updatedAt };
	}

	/** Syncs every shown repository now (the refresh buttons); resolves true when items changed. Never rejects. */
	async syncAll(): Promise<boolean> {
		this.scheduler.reset();
		const entries = await this.entries();
		return entries.length > 0 && this.runSyncs(entries, true);
	}

	/** True while a sync runs (Cancel Sync shows in the views once it has run for a moment). */
	get syncing(): boolean {
		return this.running > 0;
	}

	/**
	 * Cancel Sync: stops every running and queued sync; each saves what it fetched and its
	 * checkpoint, so the next sync (the refresh buttons, or the periodic refresh one interval from
	 * now) resumes where this one stopped.
	 */
	async cancel(): Promise<void> {
		const stopping = this.running > 0;
		this.scheduler.reset();
		await Promise.all([...this.repos.values()].map(e => e.abort()));
		if (stopping) vscode.window.setStatusBarMessage(vscode.l10n.t('Sync cancelled. It resumes where it stopped at the next refresh.'), 5000);
	}

	/** Watches the views: the periodic refresh runs only while one of them is visible and the window focused. */
	watchViews(views: readonly vscode.TreeView<unknown>[]): void {
		this.views.push(...views);
		for (const view of views) this.disposables.push(view.onDidChangeVisibility(() => this.updateActive()));
		this.updateActive();
	}

	/** The login the caches belong to, once known (no request: only after {@link repo} resolved). */
	account(): string | undefined {
		return this.known?.account;
	}

	/** The cache folder of the current account, once known. */
	cacheDir(): string | undefined {
		return this.known && this.cache.partitionDir(this.known.host, this.known.account);
	}

	/** Forgets everything in memory (a new account or server); the disk cache stays for the next load. */
	async unload(): Promise<void> {
		const entries = [...this.repos.values()];
		this.repos.clear();
		this.partition = undefined;
		this.known = undefined;
		await Promise.all(entries.map(e => e.abort()));
	}

	/** Sign-out: stops every sync and deletes the cache partition of this host's account. */
	purge(): Promise<void> {
		this.purging ??= this.purgeNow().finally(() => { this.purging = undefined; });
		return this.purging;
	}

	dispose(): void {
		clearTimeout(this.showCancel);
		this.scheduler.dispose();
		for (const e of this.repos.values()) void e.abort();
		for (const d of this.disposables) d.dispose();
	}

	private async purgeNow(): Promise<void> {
		const host = this.deps.config.serverOrDefault().host;
		const remembered = this.deps.context.globalState.get<{ login?: string }>(`${ACCOUNT_KEY}:${host}`);
		const account = this.known?.host === host ? this.known.account : remembered?.login;
		await this.unload();
		await this.deps.context.globalState.update(`${ACCOUNT_KEY}:${host}`, undefined);
		if (account) {
			await this.cache.purge(host, account).catch((e: unknown) => this.deps.logger.warn(`Could not delete the cache: ${String(e)}`));
		}
	}

	/** The host and account of the current token: remembered by a hash of the token, else asked of GitHub once. */
	private resolvePartition(): Promise<Partition> {
		this.partition ??= this.lookUpPartition().then(p => { this.known = p; return p; }, (error: unknown) => {
			this.partition = undefined;
			throw error;
		});
		return this.partition;
	}

	private async lookUpPartition(): Promise<Partition> {
		const server = this.deps.config.server();
		if (!server.ok) throw new GitHubError('invalid', server.error);
		const token = await this.deps.auth.getToken();
		if (!token) throw new GitHubError('signedOut', 'Not signed in to GitHub.');
		const host = server.server.host;
		const hash = createHash('sha256').update(`${host}\n${token}`).digest('hex').slice(0, 24);
		const key = `${ACCOUNT_KEY}:${host}`;
		const remembered = this.deps.context.globalState.get<{ hash?: string; login?: string }>(key);
		if (remembered?.hash === hash && remembered.login) return { host, account: remembered.login };
		const viewer = await this.deps.viewer();
		await this.deps.context.globalState.update(key, { hash, login: viewer.login });
		return { host, account: viewer.login };
	}

	private async startIfDue(entry: RepoSync): Promise<void> {
		await entry.load();
		if (isSyncDue(entry.syncedAt, Date.now(), this.deps.config.syncIntervalMinutes())) await this.runSyncs([entry]);
	}

	/** The entries of the configured repositories (none when signed out or offline without a known account). */
	private async entries(): Promise<RepoSync[]> {
		try {
			return await Promise.all(this.deps.repositories().map(r => this.repo(r)));
		} catch (error) {
			this.deps.logger.warn(`Cannot sync: ${error instanceof Error ? error.message : String(error)}`);
			this.deps.onError(error);
			return [];
		}
	}

	/**
	 * Runs syncs under a window progress; resolves true when items changed. A window progress has no
	 * cancel button, so its title points at Cancel Sync, which the views show while a sync runs.
	 */
	private async runSyncs(entries: readonly RepoSync[], manual = false): Promise<boolean> {
		const names = entries.map(e => formatRepo(e.repo)).join(', ');
		this.beginSyncing();
		try {
			const changed = await vscode.window.withProgress(
				{ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Syncing {0} (Cancel Sync in the view title stops it)', names), cancellable: true },
				async (_progress, token) => {
					const cancel = token.onCancellationRequested(() => entries.forEach(e => void e.abort()));
					try {
						const running = entries.map(e => this.syncOne(e, manual));
						this.emitter.fire({ changed: false });
						return (await Promise.all(running)).some(r => r.changed > 0);
					} finally {
						cancel.dispose();
					}
				});
			this.emitter.fire({ changed });
			return changed;
		} finally {
			this.endSyncing();
		}
	}

	private beginSyncing(): void {
		if (this.running++ > 0) return;
		this.showCancel = setTimeout(() => void vscode.commands.executeCommand('setContext', ContextKeys.syncing, true), SHOW_CANCEL_AFTER_MS);
	}

	private endSyncing(): void {
		if (--this.running > 0) return;
		clearTimeout(this.showCancel);
		void vscode.commands.executeCommand('setContext', ContextKeys.syncing, false);
	}

	private async syncOne(entry: RepoSync, manual: boolean): Promise<RepoSyncResult> {
		const result = await entry.sync(manual);
		const name = formatRepo(entry.repo);
		if (result.error !== undefined) {
			this.deps.logger.warn(`Sync of ${name} failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
			this.deps.onError(result.error);
		} else {
			const reconciled = result.reconciled ? ` (reconciled: ${result.reconciled.removed} removed, ${result.reconciled.updated} updated)` : '';
			const recovered = result.recovered ? ` (the cached comments were of another save: ${result.recovered.dropped} left out, ${result.recovered.stale} items' comments fetched again)` : '';
			this.deps.logger.info(`Synced ${name}: ${result.changed} changed${reconciled}${recovered}, ${result.requests} requests${result.complete ? '' : ' (stopped early)'}`);
		}
		return result;
	}

	/** One periodic refresh of the repositories already shown. */
	private async tick(): Promise<boolean> {
		const entries = await this.entries();
		return entries.length > 0 && this.runSyncs(entries);
	}

	/** Rebuilds the trees when a pass lets the index answer more of them (see `indexCovers`). */
	private onPassDone(done: readonly string[]): void {
		if (VISIBLE_PASSES.has(done.at(-1) ?? '')) this.emitter.fire({ changed: true });
	}

	private updateActive(): void {
		this.scheduler.setActive(vscode.window.state.focused && this.views.some(v => v.visible));
	}
}
