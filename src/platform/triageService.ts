import * as vscode from 'vscode';
import { ConfigKeys } from '../constants';
import type { DiscussionCategory, RepoRef } from '../core/model';
import { formatRepo } from '../core/repoRef';
import {
	computeTriage, DEFAULT_SLA_HOURS, isTriageMarks, markDone, pruneMarks, snoozeUntil, visibleTriage,
	type SlaHours, type TriageCategory, type TriageEntry, type TriageMarks, type TriageRepoInput,
} from '../core/triage';
import type { Logger } from './logger';
import type { SyncService } from './syncService';

/** What {@link TriageService} needs from the container. */
export interface TriageServiceDeps {
	readonly state: vscode.Memento;
	readonly sync: SyncService;
	readonly logger: Logger;
	/** The configured repositories. */
	readonly repositories: () => readonly RepoRef[];
	/** The discussion categories of a repository (from GitHub when not cached). */
	readonly fetchCategories: (repo: RepoRef) => Promise<DiscussionCategory[]>;
	readonly host: () => string;
	readonly now?: () => number;
}

/** The queue as the panel and the status bar see it. */
export interface TriageSnapshot {
	/** Entries no done/snooze mark hides, unsorted. */
	readonly entries: readonly TriageEntry[];
	/** Repositories whose comments are not loaded yet (their items are left out until the sync loads them). */
	readonly pending: readonly string[];
	/** Epoch ms of the computation. */
	readonly computedAt: number;
}

const MARKS_KEY = 'communityDesk.triageMarks';
const EMPTY: TriageSnapshot = { entries: [], pending: [], computedAt: 0 };

/** The team setting, cleaned (strings only). */
function readTeam(): string[] {
	const value = vscode.workspace.getConfiguration(ConfigKeys.section).get<unknown>(ConfigKeys.team, []);
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(v => v.trim()) : [];
}

/** The SLA setting, falling back to the defaults for anything that is not a non-negative number. */
function readSla(): SlaHours {
	const value = vscode.workspace.getConfiguration(ConfigKeys.section).get<Partial<SlaHours>>(ConfigKeys.slaHours, DEFAULT_SLA_HOURS);
	const hours = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
	const warn = hours(value?.warn, DEFAULT_SLA_HOURS.warn);
	return { warn, breach: Math.max(warn, hours(value?.breach, DEFAULT_SLA_HOURS.breach)) };
}

/**
 * The triage queue over every configured repository's index: recomputed when the sync reports
 * changes (never at activation: it only reads indexes a view or the panel has loaded), with the
 * done/snooze marks persisted per host and account in globalState.
 */
export class TriageService implements vscode.Disposable {
	private readonly emitter = new vscode.EventEmitter<TriageSnapshot>();
	/** Fires with each new snapshot. */
	readonly onDidChange = this.emitter.event;
	private snapshotValue: TriageSnapshot = EMPTY;
	private all: TriageEntry[] = [];
	private running: Promise<TriageSnapshot> | undefined;
	private again = false;
	private readonly now: () => number;
	private readonly disposables: vscode.Disposable[] = [this.emitter];

	constructor(private readonly deps: TriageServiceDeps) {
		this.now = deps.now ?? Date.now;
		this.disposables.push(
			deps.sync.onDidSync(e => { if (e.changed || this.snapshotValue.pending.length > 0) void this.refresh(); }),
			vscode.workspace.onDidChangeConfiguration(e => {
				if (e.affectsConfiguration(`${ConfigKeys.section}.${ConfigKeys.team}`) || e.affectsConfiguration(`${ConfigKeys.section}.${ConfigKeys.slaHours}`)) void this.refresh();
			}),
		);
	}

	/** The last snapshot (empty before the first {@link refresh}). */
	get snapshot(): TriageSnapshot {
		return this.snapshotValue;
	}

	/** Recomputes the queue from the indexes (loading them when needed). Single-flight; never rejects. */
	refresh(): Promise<TriageSnapshot> {
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = this.compute().catch((error: unknown) => {
			this.deps.logger.warn(`Triage queue not computed: ${error instanceof Error ? error.message : String(error)}`);
			return this.snapshotValue;
		}).finally(() => {
			this.running = undefined;
			if (this.again) {
				this.again = false;
				void this.refresh();
			}
		});
		return this.running;
	}

	/** Marks an entry of the current queue done until new activity; false when it is not in the queue. */
	markDone(id: string): Promise<boolean> {
		return this.mark(id, (marks, entry) => markDone(marks, entry));
	}

	/** Snoozes an entry of the current queue for some hours; false when it is not in the queue. */
	snooze(id: string, hours: number): Promise<boolean> {
		return this.mark(id, (marks, entry) => snoozeUntil(marks, entry, this.now() + hours * 3_600_000));
	}

	dispose(): void {
		for (const d of this.disposables) d.dispose();
	}

	private async mark(id: string, change: (marks: TriageMarks, entry: TriageEntry) => TriageMarks): Promise<boolean> {
		const entry = this.snapshotValue.entries.find(e => e.id === id);
		if (!entry) return false;
		await this.saveMarks(change(this.marks(), entry));
		this.publish(this.snapshotValue.pending);
		return true;
	}

	private async compute(): Promise<TriageSnapshot> {
		const inputs: TriageRepoInput[] = [];
		const pending: string[] = [];
		for (const repo of this.deps.repositories()) {
			const input = await this.input(repo);
			if (input) inputs.push(input);
			else pending.push(formatRepo(repo));
		}
		this.all = computeTriage(inputs, { team: readTeam(), sla: readSla(), now: this.now() });
		const marks = this.marks();
		const pruned = pruneMarks(marks, this.all, this.now());
		if (pruned !== marks) await this.saveMarks(pruned);
		return this.publish(pending);
	}

	private publish(pending: readonly string[]): TriageSnapshot {
		this.snapshotValue = { entries: visibleTriage(this.all, this.marks(), this.now()), pending, computedAt: this.now() };
		this.emitter.fire(this.snapshotValue);
		return this.snapshotValue;
	}

	/** One repository's input, or undefined while its comments are not loaded. */
	private async input(repo: RepoRef): Promise<TriageRepoInput | undefined> {
		const entry = await this.deps.sync.repo(repo);
		const index = await entry.load();
		if (!index.commentsLoaded || index.itemCount === 0) return undefined;
		let categories: ReadonlyMap<string, TriageCategory> | undefined;
		try {
			categories = new Map((await entry.categories(() => this.deps.fetchCategories(repo))).map(c => [c.id, { name: c.name }]));
		} catch {
			categories = undefined;
		}
		return { repo: formatRepo(repo), items: index.items(), comments: index.commentColumns(), categories };
	}

	private marksKey(): string | undefined {
		const account = this.deps.sync.account();
		return account ? `${MARKS_KEY}:${this.deps.host()}/${account}` : undefined;
	}

	private marks(): TriageMarks {
		const key = this.marksKey();
		const value = key ? this.deps.state.get<unknown>(key) : undefined;
		return isTriageMarks(value) ? value : {};
	}

	private async saveMarks(marks: TriageMarks): Promise<void> {
		const key = this.marksKey();
		if (key) await this.deps.state.update(key, Object.keys(marks).length > 0 ? marks : undefined);
	}
}
