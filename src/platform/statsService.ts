import * as vscode from 'vscode';
import { ConfigKeys } from '../constants';
import type { RepoRef } from '../core/model';
import { formatRepo } from '../core/repoRef';
import { computeStats, type StatsReport, type StatsRepoInput, type StatsWindow } from '../core/stats';
import { DEFAULT_SLA_HOURS } from '../core/triage';
import { isColdSyncComplete } from '../sync/repoSync';
import type { PeopleSettings } from './config';
import type { Logger } from './logger';
import type { SyncService } from './syncService';

/** What {@link StatsService} needs from the container. */
export interface StatsServiceDeps {
	readonly sync: SyncService;
	readonly logger: Logger;
	/** The configured repositories. */
	readonly repositories: () => readonly RepoRef[];
	/** The `team`, `notTeam` and `bots` settings (`Config.people`), read at each computation. */
	readonly people: () => PeopleSettings;
	readonly now?: () => number;
	/** Quiet time after a sync or settings change before listeners hear of it (default 750 ms). */
	readonly debounceMs?: number;
}

/** What to compute: a window and one repository (`owner/name`) or '' for all. */
export interface StatsRequest {
	readonly window: StatsWindow;
	readonly repo: string;
}

/** A computed report with the repositories it could not include yet. */
export interface StatsResult {
	/** Undefined when no repository's comments are loaded yet. */
	readonly report: StatsReport | undefined;
	/** Repositories whose comments are still loading (left out until the sync loads them). */
	readonly pending: readonly string[];
	/** The inputs the report was computed from (for contributor cards); valid until the next sync. */
	readonly inputs: readonly StatsRepoInput[];
}

/** The settings whose change changes the figures (the people settings as `Config.people` reads them). */
const AFFECTING = [ConfigKeys.team, ConfigKeys.notTeam, ConfigKeys.bots, ConfigKeys.slaHours, ConfigKeys.repositories].map(key => `${ConfigKeys.section}.${key}`);

/** The SLA target of the stats: the triage queue's `breach` threshold, so both agree on "past the SLA". */
function readSlaHours(): number {
	const value = vscode.workspace.getConfiguration(ConfigKeys.section).get<{ breach?: unknown }>(ConfigKeys.slaHours);
	const breach = value?.breach;
	return typeof breach === 'number' && Number.isFinite(breach) && breach >= 0 ? breach : DEFAULT_SLA_HOURS.breach;
}

/**
 * Community statistics over the synced indexes, computed on demand with `computeStats` (pure and
 * fast, bench B6). It never syncs by itself beyond what loading an index starts; listeners hear,
 * debounced, when a sync changed items or the team, not-team, bots or SLA settings changed, and
 * recompute then.
 */
export class StatsService implements vscode.Disposable {
	private readonly emitter = new vscode.EventEmitter<void>();
	/** Fires (debounced) when figures may have changed. */
	readonly onDidChange = this.emitter.event;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private readonly now: () => number;
	private readonly disposables: vscode.Disposable[] = [this.emitter];

	constructor(private readonly deps: StatsServiceDeps) {
		this.now = deps.now ?? Date.now;
		this.disposables.push(
			deps.sync.onDidSync(e => { if (e.changed) this.changed(); }),
			vscode.workspace.onDidChangeConfiguration(e => {
				if (AFFECTING.some(key => e.affectsConfiguration(key))) this.changed();
			}),
		);
	}

	/** The configured repositories as `owner/name`. */
	repoNames(): string[] {
		return this.deps.repositories().map(formatRepo);
	}

	/** Computes a report (loading indexes as needed). Never rejects: a failure gives no report. */
	async compute(request: StatsRequest): Promise<StatsResult> {
		const inputs: StatsRepoInput[] = [];
		const pending: string[] = [];
		const wanted = request.repo.toLowerCase();
		for (const repo of this.deps.repositories()) {
			const name = formatRepo(repo);
			if (wanted && name.toLowerCase() !== wanted) continue;
			try {
				const input = await this.input(repo);
				if (input) inputs.push(input);
				else pending.push(name);
			} catch (error) {
				this.deps.logger.warn(`Stats: ${name} not loaded: ${error instanceof Error ? error.message : String(error)}`);
				pending.push(name);
			}
		}
		if (inputs.length === 0) return { report: undefined, pending, inputs };
		const report = computeStats(inputs, { window: request.window, now: this.now(), ...this.deps.people(), slaHours: readSlaHours() });
		return { report, pending, inputs };
	}

	dispose(): void {
		if (this.timer) clearTimeout(this.timer);
		for (const d of this.disposables) d.dispose();
	}

	private changed(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.emitter.fire();
		}, this.deps.debounceMs ?? 750);
	}

	/** One repository's input, or undefined while its comments are not loaded. */
	private async input(repo: RepoRef): Promise<StatsRepoInput | undefined> {
		const entry = await this.deps.sync.repo(repo);
		const index = await entry.load();
		if (!index.commentsLoaded || index.itemCount === 0) return undefined;
		// While the backfill runs, earlier activity may be missing: "new" cannot be verified yet.
		return { repo: formatRepo(repo), items: index.items(), comments: index.commentColumns(), historyStart: isColdSyncComplete(index) ? undefined : this.now() };
	}
}
