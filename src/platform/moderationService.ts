import * as vscode from 'vscode';
import { englishT } from '../core/l10n';
import type { Label, RepoRef } from '../core/model';
import {
	applyCommentState, applyState, describeAction, describeTarget, isCommentAction, isReflected, patchComment, patchItem, revertItem,
	type AssignableUser, type ModerationAction, type ModerationChange, type ModerationOutcome, type ModerationState, type ModerationTarget, type ViewerAccess,
} from '../core/moderation';
import type { CommentEvent, IndexedItem, RepoIndex } from '../core/repoIndex';
import { formatRepo } from '../core/repoRef';
import type { GitHubClient } from '../github/client';
import { GitHubError } from '../github/errors';
import { presentError } from '../github/presentation';
import type { Logger } from './logger';
import type { SyncService } from './syncService';

/** What {@link ModerationService} needs from the container. */
export interface ModerationServiceDeps {
	readonly client: GitHubClient;
	readonly sync: SyncService;
	readonly logger: Logger;
	/** Where known repository permissions are kept across windows (so a warm start sends no request). */
	readonly state?: vscode.Memento;
	/** The configured server's host, part of the key of a known permission. */
	readonly host?: () => string;
	/** The clock of the optimistic `closedAt` and `answerChosenAt` (tests fix it). */
	readonly now?: () => number;
}

/** The result of one action on one target. */
export type ModerationResult =
	| { readonly ok: true; readonly target: ModerationTarget; readonly state: ModerationState }
	| { readonly ok: false; readonly target: ModerationTarget; readonly message: string };

/** What the optimistic update changed, to undo it exactly. */
interface LocalChange {
	readonly index: RepoIndex;
	readonly before: IndexedItem;
	readonly comments: readonly CommentEvent[];
}

/** How long the label list of a repository is reused by the pickers. */
const LABELS_TTL_MS = 60_000;
/** How long a repository permission is trusted (here and on disk), and how soon a failed look-up is tried again. */
const PERMISSION_TTL_MS = 12 * 3_600_000;
const PERMISSION_RETRY_MS = 60_000;
/** The global-state key of the known permissions: `{ [account@owner/name]: { at, permission } }`. */
const PERMISSIONS_KEY = 'communityDesk.moderation.permissions';

/** A repository permission as known: when it was looked up, and whether that failed. */
interface PermissionEntry {
	readonly at: number;
	readonly permission?: string;
	readonly pending?: boolean;
	readonly failed?: boolean;
}

/**
 * Runs moderation actions: applies each to the repository's in-memory index at once (the trees
 * and the triage queue update), sends it through the GitHub client (one mutation, serialized by
 * the write scheduler, never retried), then writes GitHub's confirmed state or undoes the change.
 * When the outcome is unknown (network error, 5xx) it reads the state back before calling it failed.
 */
export class ModerationService implements vscode.Disposable {
	private readonly emitter = new vscode.EventEmitter<ModerationChange>();
	/** Fires on every phase of every action: `optimistic`, then `confirmed` or `rolledBack`. */
	readonly onDidChange = this.emitter.event;
	private readonly labelCache = new Map<string, { at: number; labels: Promise<Label[]> }>();
	private readonly permissions = new Map<string, PermissionEntry>();
	private readonly accessEmitter = new vscode.EventEmitter<RepoRef>();
	/** Fires when a repository permission becomes known or changes (the trees re-render their menus). */
	readonly onDidChangeAccess = this.accessEmitter.event;
	/** Serializes runs so a bulk action and a single one never interleave their local changes. */
	private tail: Promise<unknown> = Promise.resolve();

	constructor(private readonly deps: ModerationServiceDeps) {}

	/** Every label of a repository (cached for a minute; a failure is not cached). */
	labels(repo: RepoRef): Promise<Label[]> {
		const key = formatRepo(repo).toLowerCase();
		const hit = this.labelCache.get(key);
		if (hit && Date.now() - hit.at < LABELS_TTL_MS) return hit.labels;
		const labels = this.deps.client.listLabels(repo);
		this.labelCache.set(key, { at: Date.now(), labels });
		labels.catch(() => this.labelCache.delete(key));
		return labels;
	}

	/**
	 * What the tree knows of the viewer in a repository: the permission when known, and the login.
	 * When the permission is not known (or is old), looks it up in the background, once per server,
	 * account and repository; {@link onDidChangeAccess} fires when it arrives. Never waits on the
	 * network, and asks nothing before the account is known.
	 */
	viewerAccess(repo: RepoRef): ViewerAccess {
		const login = this.deps.sync.account();
		if (login === undefined) return {};
		const key = `${this.deps.host?.() ?? ''}/${login}@${formatRepo(repo)}`.toLowerCase();
		const entry = this.permissions.get(key) ?? this.storedPermission(key);
		const age = entry ? Date.now() - entry.at : Infinity;
		if (!entry?.pending && age >= (entry?.failed ? PERMISSION_RETRY_MS : PERMISSION_TTL_MS)) this.lookUpPermission(key, repo);
		return { permission: entry?.permission, login };
	}

	private lookUpPermission(key: string, repo: RepoRef): void {
		const previous = this.permissions.get(key)?.permission;
		this.permissions.set(key, { at: Date.now(), permission: previous, pending: true });
		void this.deps.client.getRepository(repo).then(info => ({ permission: info.viewerPermission }), () => ({ permission: previous, failed: true })).then(found => {
			this.permissions.set(key, { at: Date.now(), ...found });
			if (!('failed' in found)) this.storePermission(key, found.permission);
			if (found.permission !== previous) this.accessEmitter.fire(repo);
		});
	}

	private storedPermission(key: string): PermissionEntry | undefined {
		const stored = this.deps.state?.get<Record<string, PermissionEntry | undefined>>(PERMISSIONS_KEY)?.[key];
		if (!stored || !Number.isFinite(stored.at)) return undefined;
		const entry = { at: stored.at, permission: typeof stored.permission === 'string' ? stored.permission : undefined };
		this.permissions.set(key, entry);
		return entry;
	}

	private storePermission(key: string, permission: string | undefined): void {
		if (!this.deps.state) return;
		const now = Date.now();
		const kept = Object.entries(this.deps.state.get<Record<string, PermissionEntry>>(PERMISSIONS_KEY) ?? {}).filter(([, e]) => now - e.at < PERMISSION_TTL_MS);
		void this.deps.state.update(PERMISSIONS_KEY, Object.fromEntries([...kept, [key, { at: now, permission }]]));
	}

	/** Users who can be assigned to issues of a repository. */
	assignableUsers(repo: RepoRef, query?: string): Promise<AssignableUser[]> {
		return this.deps.client.listAssignableUsers(repo, query);
	}

	/** GitHub's current moderation state of a thread (and a comment). */
	state(target: ModerationTarget, commentId?: string): Promise<ModerationState> {
		return this.deps.client.getModerationState(target, commentId);
	}

	/** The indexed item of a target, when the repository's index has it (no request). */
	async indexed(target: ModerationTarget): Promise<IndexedItem | undefined> {
		try {
			return findItem(await (await this.deps.sync.repo(target.repo)).load(), target);
		} catch {
			return undefined;
		}
	}

	/**
	 * Runs `actionsFor(target)` on each target, one after the other (the write queue spaces them);
	 * a target with no actions is skipped, and a target's later actions are not sent once one fails.
	 * Never rejects.
	 */
	async runMany(targets: readonly ModerationTarget[], actionsFor: (target: ModerationTarget) => ModerationAction | readonly ModerationAction[] | undefined): Promise<ModerationOutcome> {
		const results = await this.queue(targets, actionsFor);
		return {
			cancelled: false,
			applied: results.flatMap(r => (r.ok ? [r.target] : [])),
			failed: results.flatMap(r => (r.ok ? [] : [{ target: r.target, message: r.message }])),
		};
	}

	/** Runs one action on one target. Never rejects. */
	async run(target: ModerationTarget, action: ModerationAction): Promise<ModerationResult> {
		const [result] = await this.queue([target], () => action);
		return result!;
	}

	/** One result per target that had actions: its last state, or its first failure. */
	private queue(targets: readonly ModerationTarget[], actionsFor: (target: ModerationTarget) => ModerationAction | readonly ModerationAction[] | undefined): Promise<ModerationResult[]> {
		const run = this.tail.then(async () => {
			const results: ModerationResult[] = [];
			for (const target of targets) {
				const given = actionsFor(target);
				const actions: readonly ModerationAction[] = given === undefined ? [] : Array.isArray(given) ? given : [given as ModerationAction];
				let result: ModerationResult | undefined;
				for (const action of actions) {
					result = await this.runOne(result?.ok ? result.target : target, action);
					if (!result.ok) break;
				}
				if (result) results.push(result);
			}
			return results;
		});
		this.tail = run.catch(() => undefined);
		return run;
	}

	dispose(): void {
		this.emitter.dispose();
		this.accessEmitter.dispose();
	}

	private async runOne(target: ModerationTarget, action: ModerationAction): Promise<ModerationResult> {
		const local = await this.applyLocally(target, action);
		const resolved: ModerationTarget = target.id || !local ? target : { ...target, id: local.before.id };
		this.emitter.fire({ target: resolved, action, phase: 'optimistic' });
		try {
			const state = await this.send(resolved, action);
			this.confirmLocally(local, state, action);
			this.emitter.fire({ target: { ...resolved, id: state.id }, action, phase: 'confirmed' });
			this.deps.logger.info(`Moderation: ${describeAction(englishT, action)} on ${formatRepo(target.repo)} ${target.kind} #${target.number} done`);
			return { ok: true, target: { ...resolved, id: state.id }, state };
		} catch (error) {
			this.undoLocally(local, action);
			this.emitter.fire({ target: resolved, action, phase: 'rolledBack' });
			const message = failureMessage(error, resolved, action);
			this.deps.logger.warn(`Moderation of ${formatRepo(target.repo)} ${target.kind} #${target.number} failed: ${error instanceof Error ? error.message : String(error)}`);
			return { ok: false, target: resolved, message };
		}
	}

	/**
	 * Sends the action. A write is never retried: when its outcome is unknown, the state is read back
	 * and decides; if that read fails too, the original error stands.
	 */
	private async send(target: ModerationTarget, action: ModerationAction): Promise<ModerationState> {
		try {
			return await this.deps.client.moderate(target, action);
		} catch (error) {
			if (!GitHubError.is(error, 'network') && !GitHubError.is(error, 'server')) throw error;
			const state = await this.deps.client.getModerationState(target, isCommentAction(action) ? action.commentId : undefined).catch(() => undefined);
			if (state && isReflected(state, action)) return state;
			throw error;
		}
	}

	/** The optimistic update of the index; undefined when the repository or item is not indexed. */
	private async applyLocally(target: ModerationTarget, action: ModerationAction): Promise<LocalChange | undefined> {
		let index: RepoIndex;
		try {
			index = await (await this.deps.sync.repo(target.repo)).load();
		} catch {
			return undefined; // not loaded (e.g. signed out): nothing to update locally
		}
		const before = findItem(index, target);
		if (!before) return undefined;
		index.upsertItem(patchItem(before, action, (this.deps.now ?? Date.now)()));
		return { index, before, comments: patchComments(index, before.id, action) };
	}

	/** Writes GitHub's confirmed state: the item's, and the comment's when the action was about one. */
	private confirmLocally(local: LocalChange | undefined, state: ModerationState, action: ModerationAction): void {
		if (!local) return;
		const current = local.index.item(local.before.id);
		if (current) local.index.upsertItem(applyState(current, state));
		const comment = state.comment && safe(() => local.index.comment(state.comment!.id));
		if (comment) tryUpsertComment(local.index, applyCommentState(comment, state.comment, action));
	}

	private undoLocally(local: LocalChange | undefined, action: ModerationAction): void {
		if (!local) return;
		const current = local.index.item(local.before.id);
		if (current) local.index.upsertItem(revertItem(current, local.before, action));
		for (const c of local.comments) tryUpsertComment(local.index, c);
	}
}

/** The indexed item of a target: by node ID when known, else by kind and number. */
export function findItem(index: RepoIndex, target: ModerationTarget): IndexedItem | undefined {
	if (target.id) {
		const byId = index.item(target.id);
		if (byId) return byId;
	}
	return index.itemByNumber(target.kind, target.number);
}

/**
 * Applies a comment-level action to the index's comment events and returns their previous values
 * (marking an answer also unmarks the previous one). Comments not loaded yet are left alone.
 */
function patchComments(index: RepoIndex, itemId: string, action: ModerationAction): CommentEvent[] {
	if (!isCommentAction(action)) return [];
	const before: CommentEvent[] = [];
	const change = (c: CommentEvent, next: CommentEvent) => {
		if (tryUpsertComment(index, next)) before.push(c);
	};
	const target = safe(() => index.comment(action.commentId));
	if (target) change(target, patchComment(target, action));
	if (action.kind === 'markAnswer') {
		for (const other of safe(() => index.commentsOf(itemId)) ?? []) {
			if (other.isAnswer && other.id !== action.commentId) change(other, { ...other, isAnswer: false });
		}
	}
	return before;
}

function tryUpsertComment(index: RepoIndex, comment: CommentEvent): boolean {
	try {
		index.upsertComment(comment);
		return true;
	} catch {
		return false; // comments not attached yet: the next sync brings GitHub's state
	}
}

function safe<T>(f: () => T): T | undefined {
	try {
		return f();
	} catch {
		return undefined;
	}
}

/** The user's message for a failed action, translated. */
function failureMessage(error: unknown, target: ModerationTarget, action: ModerationAction): string {
	const t = vscode.l10n.t;
	const what = describeTarget(t, target);
	const verb = describeAction(t, action);
	if (GitHubError.is(error, 'forbidden')) return t('Could not {0} on {1}: you do not have permission on GitHub.', verb, what);
	if (GitHubError.is(error, 'notFound') || GitHubError.is(error, 'invalid')) return t('Could not {0} on {1}: {2}', verb, what, error.message);
	if (GitHubError.is(error, 'network') || GitHubError.is(error, 'server')) {
		return t('Could not {0} on {1}: GitHub did not confirm it and it is not applied. Refresh to see the current state.', verb, what);
	}
	return t('Could not {0} on {1}: {2}', verb, what, presentError(error, t, vscode.env.language, what).message);
}
