import * as vscode from 'vscode';
import type { RepoRef } from '../core/model';
import { parseRepoRef, repoFromRemoteUrl, sameRepo } from '../core/repoRef';
import type { Config } from './config';
import type { Logger } from './logger';

/** A repository the views show, and where it came from. */
export interface ConfiguredRepository {
	readonly repo: RepoRef;
	readonly source: 'settings' | 'workspace';
}

/** The subset of the `vscode.git` extension API this file uses. */
interface GitApi {
	readonly repositories: ReadonlyArray<{ readonly state: { readonly remotes: ReadonlyArray<{ readonly fetchUrl?: string; readonly pushUrl?: string }> } }>;
	onDidOpenRepository(listener: () => void): vscode.Disposable;
	onDidCloseRepository(listener: () => void): vscode.Disposable;
}

/**
 * The repositories to browse: the `communityDesk.repositories` setting plus, in trusted workspaces,
 * the GitHub remotes of the workspace's git repositories (through the `vscode.git` API only, never
 * by spawning git ourselves).
 */
export class RepositoryService implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChange = this.changed.event;
	private detected: RepoRef[] = [];
	private invalid: string[] = [];
	private readonly disposables: vscode.Disposable[] = [this.changed];
	private gitWatched = false;

	constructor(
		private readonly config: Config,
		private readonly host: () => string,
		private readonly logger: Logger,
	) {
		this.disposables.push(
			config.onDidChange(e => { if (e.affectsConfiguration('communityDesk.repositories')) this.changed.fire(); }),
			vscode.workspace.onDidGrantWorkspaceTrust(() => void this.detect()),
		);
	}

	/** Repositories from settings first, then detected ones not already listed. */
	list(): ConfiguredRepository[] {
		const fromSettings = this.fromSettings();
		const detected = this.detected.filter(d => !fromSettings.some(s => sameRepo(s, d)));
		return [
			...fromSettings.map(repo => ({ repo, source: 'settings' as const })),
			...detected.map(repo => ({ repo, source: 'workspace' as const })),
		];
	}

	/** Entries of the setting that are not valid `owner/name` names, with the reason. */
	invalidEntries(): readonly string[] {
		this.fromSettings();
		return this.invalid;
	}

	/** Adds a repository to the setting (the caller has checked it exists). */
	async add(repo: RepoRef): Promise<void> {
		const current = this.rawSettings();
		if (current.some(s => { const p = parseRepoRef(s); return p.ok && sameRepo(p.repo, repo); })) return;
		await this.config.setRepositories([...current, `${repo.owner}/${repo.name}`]);
	}

	/** Removes a repository from the setting. */
	async remove(repo: RepoRef): Promise<void> {
		const current = this.rawSettings();
		await this.config.setRepositories(current.filter(s => { const p = parseRepoRef(s); return !(p.ok && sameRepo(p.repo, repo)); }));
	}

	/** Reads git remotes of the workspace (trusted workspaces only). Safe to call repeatedly. */
	async detect(): Promise<void> {
		if (!vscode.workspace.isTrusted || !this.config.detectRepositories()) return;
		const api = await this.gitApi();
		if (!api) return;
		if (!this.gitWatched) {
			this.gitWatched = true;
			this.disposables.push(api.onDidOpenRepository(() => this.refreshDetected(api)), api.onDidCloseRepository(() => this.refreshDetected(api)));
		}
		this.refreshDetected(api);
	}

	dispose(): void {
		for (const d of this.disposables) d.dispose();
	}

	private refreshDetected(api: GitApi): void {
		const host = this.host();
		const found: RepoRef[] = [];
		for (const r of api.repositories) {
			for (const remote of r.state.remotes) {
				const ref = repoFromRemoteUrl(remote.fetchUrl ?? remote.pushUrl ?? '', host);
				if (ref && !found.some(f => sameRepo(f, ref))) found.push(ref);
			}
		}
		const before = JSON.stringify(this.detected);
		this.detected = found;
		if (JSON.stringify(found) !== before) this.changed.fire();
	}

	private async gitApi(): Promise<GitApi | undefined> {
		try {
			const ext = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
			if (!ext) return undefined;
			const exports = ext.isActive ? ext.exports : await ext.activate();
			return exports.getAPI(1);
		} catch (error) {
			this.logger.warn(`The git extension is not available: ${error instanceof Error ? error.message : String(error)}`);
			return undefined;
		}
	}

	private rawSettings(): string[] {
		const raw = this.config.repositories();
		return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
	}

	private fromSettings(): RepoRef[] {
		const raw = this.config.repositories();
		const out: RepoRef[] = [];
		this.invalid = [];
		if (!Array.isArray(raw)) {
			this.invalid.push(vscode.l10n.t('communityDesk.repositories must be a list of "owner/name" strings.'));
			return out;
		}
		for (const entry of raw) {
			const parsed = typeof entry === 'string' ? parseRepoRef(entry, vscode.l10n.t) : { ok: false as const, error: vscode.l10n.t('{0} is not a repository name.', JSON.stringify(entry)) };
			if (parsed.ok) { if (!out.some(o => sameRepo(o, parsed.repo))) out.push(parsed.repo); }
			else this.invalid.push(parsed.error);
		}
		return out;
	}
}
