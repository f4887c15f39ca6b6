import * as vscode from 'vscode';
import { ConfigKeys } from '../constants';
import type { DiscussionCategory, RepoRef } from '../core/model';
import { formatRepo } from '../core/repoRef';
import {
	computeTriage, DEFAULT_SLA_HOURS, isTriageMarks, markAllDone, nextSlaChange, nextSnoozeEnd, pruneMarks, snoozeAll, visibleTriage,
	type SlaHours, type SnoozeChoice, type TriageCategory, type TriageEntry, type TriageMarks, type TriageRepoInput,
} from '../core/triage';
import { affectsPeopleSettings, readPeopleSettings } from './config';
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
	/** Other changes of the indexes to recompute on (moderation applies its changes to the index at once). */
	readonly indexChanges?: readonly vscode.Event<unknown>[];
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
/** Bounds of the timer that recomputes when an entry crosses an SLA threshold (setTimeout's limit is ~24.8 days). */
const MIN_TIMER_MS = 60_000;
const MAX_TIMER_MS = 24 * 3_600_000;
const EMPTY: TriageSnapshot = { entries: [], pending: [], computedAt: 0 };

/** The SLA setting, falling back to the defaults for anything that is not a non-negative number. */
export function readSla(): SlaHours {
	const value = vscode.workspace.getConfiguration(ConfigKeys.section).get<Partial<SlaHours>>(ConfigKeys.slaHours, DEFAULT_SLA_HOURS);
	const hours = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
	const warn = hours(value?.warn, DEFAULT_SLA_HOURS.warn);
	return { warn, breach: Math.max(warn, hours(value?.breach, DEFAULT_SLA_HOURS.breach)) };
}

/**
 * The triage queue over every configured repository's index: recomputed when the sync reports
 * changes (never at activation: it only reads indexes a view or the panel has loaded), with the
 * done/snooze marks persisted per host and account in globalState. A timer recomputes when the next
 * entry crosses an SLA threshold, so the status bar and breach notices follow the clock.
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
	private timer: ReturnType<typeof setTimeout> | undefined;
	/** When the next entry crosses an SLA threshold (Infinity: none will). */
	private nextSla = Infinity;
	private readonly disposables: vscode.Disposable[] = [this.emitter];

	constructor(private readonly deps: TriageServiceDeps) {
		this.now = deps.now ?? Date.now;
		this.disposables.push(
			deps.sync.onDidSync(e => { if (e.changed || this.snapshotValue.pending.length > 0) void this.refresh(); }),
			vscode.workspace.onDidChangeConfiguration(e => {
				if (affectsPeopleSettings(e) || e.affectsConfiguration(`${ConfigKeys.section}.${ConfigKeys.slaHours}`)) void this.refresh();
			}),
			...(deps.indexChanges ?? []).map(event => event(() => { if (this.snapshotValue.computedAt !== 0) void this.refresh(); })),
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

	/** Syncs every repository now, then recomputes (the panel's refresh). Never rejects. */
	async syncAndRefresh(): Promise<TriageSnapshot> {
		await this.deps.sync.syncAll();
		return this.refresh();
	}

	/** Marks entries of the current queue done until new activity; resolves how many were in the queue. */
	markDone(ids: readonly string[]): Promise<number> {
		return this.mark(ids, (marks, entries) => markAllDone(marks, entries));
	}

	/** Snoozes entries of the current queue; resolves how many were in the queue. */
	snooze(ids: readonly string[], choice: SnoozeChoice): Promise<number> {
		return this.mark(ids, (marks, entries) => snoozeAll(marks, entries, choice, this.now()));
	}

	dispose(): void {
		if (this.timer) clearTimeout(this.timer);
		for (const d of this.disposables) d.dispose();
	}

	private async mark(ids: readonly string[], change: (marks: TriageMarks, entries: readonly TriageEntry[]) => TriageMarks): Promise<number> {
		const wanted = new Set(ids);
		const entries = this.snapshotValue.entries.filter(e => wanted.has(e.id));
		if (entries.length === 0) return 0;
		await this.saveMarks(change(this.marks(), entries));
		this.schedule();
		this.publish(this.snapshotValue.pending);
		return entries.length;
	}

	private async compute(): Promise<TriageSnapshot> {
		const inputs: TriageRepoInput[] = [];
		const pending: string[] = [];
		for (const repo of this.deps.repositories()) {
			const input = await this.input(repo);
			if (input) inputs.push(input);
			else pending.push(formatRepo(repo));
		}
		const sla = readSla();
		this.all = computeTriage(inputs, { ...readPeopleSettings(), sla, now: this.now() });
		const marks = this.marks();
		const pruned = pruneMarks(marks, this.all, this.now());
		if (pruned !== marks) await this.saveMarks(pruned);
		this.nextSla = nextSlaChange(this.all, this.now(), sla) ?? Infinity;
		this.schedule();
		return this.publish(pending);
	}

	/** Recomputes when the next entry crosses a threshold or the next snooze ends (checked at least daily). */
	private schedule(): void {
		if (this.timer) clearTimeout(this.timer);
		const next = Math.min(this.nextSla, nextSnoozeEnd(this.marks(), this.now()) ?? Infinity);
		const delay = Math.min(MAX_TIMER_MS, Math.max(MIN_TIMER_MS, next - this.now()));
		this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, delay);
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
