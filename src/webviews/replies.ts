// Replies of thread panels: drafts and the outbox (security checklist R7, R8, D1–D4). Deliberately
// vscode-free: storage is anything Memento-shaped (workspaceState in the extension, a Map in
// tests), and clock, sleep and ids are injected, so the unknown-outcome paths are tested fast.
import { randomUUID } from 'node:crypto';
import { clearDraft, draftKey, parseDrafts, putDraft, serializeDrafts, setDraftActions, threadDraftPrefix, type Draft, type DraftLocation } from '../core/drafts';
import type { CommentTarget, PostedComment, ThreadLocator } from '../core/model';
import {
	actionsDue, bodyHash, boxKeyOf, DEFAULT_SCHEDULE, decideSend, embedMarker, needsReconcile, newEntry, outcomeOf, parseOutboxEntry, pruneOutbox, reconcileDelays,
	transition, type OutboxEntry, type OutboxEvent, type ReconcileSchedule,
} from '../core/outbox';
import { hasTemplateActions, type ReplyActions } from '../core/templateActions';
import type { TemplateActions } from '../core/templates';
import type { GitHubClient } from '../github/client';

/** Workspace-state keys. Neither is ever passed to `setKeysForSync` (D4). */
export const OUTBOX_KEY = 'communityDesk.outbox';
/** Key of the draft table. */
export const DRAFTS_KEY = 'communityDesk.drafts';

/** Memento-shaped storage (`ExtensionContext.workspaceState`). */
export interface ReplyStorage {
	get<T>(key: string): T | undefined;
	update(key: string, value: unknown): PromiseLike<void>;
}

/** What the service needs. */
export interface ReplyServiceDeps {
	readonly client: Pick<GitHubClient, 'addComment' | 'findComment'>;
	readonly storage: ReplyStorage;
	/** The host the client talks to now; entries of other hosts wait. */
	readonly host: () => string;
	/** A user-facing message for a failed write. */
	readonly describeError?: (error: unknown) => string;
	readonly onError?: (message: string, error: unknown) => void;
	readonly now?: () => number;
	readonly sleep?: (ms: number) => Promise<void>;
	readonly newId?: () => string;
	readonly schedule?: ReconcileSchedule;
	/**
	 * Runs a reply's template actions once GitHub has the reply. Called at most once per entry: the
	 * entry is stored with `actionsDone` before the call, so a reload or a look-up never runs them again.
	 */
	readonly runActions?: (entry: OutboxEntry) => Promise<void>;
}

/** One reply box: a thread, and the top-level comment replied within (if any). */
export type ReplyBox = DraftLocation;

/** Drafts and the outbox of every thread panel. One per extension host. */
export class ReplyService {
	private readonly busy = new Set<string>();
	/** Entries whose actions were started in this session (besides `actionsDone` in storage). */
	private readonly actionsStarted = new Set<string>();
	private readonly reconciling = new Map<string, Promise<OutboxEntry | undefined>>();
	private readonly listeners = new Set<(box: ReplyBox) => void>();
	private readonly now: () => number;
	private readonly sleep: (ms: number) => Promise<void>;
	private readonly newId: () => string;
	private disposed = false;

	constructor(private readonly deps: ReplyServiceDeps) {
		this.now = deps.now ?? Date.now;
		this.sleep = deps.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
		this.newId = deps.newId ?? randomUUID;
	}

	/** Listens for changes of any box (outbox state or a cleared draft). */
	onDidChange(listener: (box: ReplyBox) => void): { dispose(): void } {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	// -----------------------------------------------------------------------------------------
	// Drafts

	/** The drafts of one thread, by `replyToId` ('' for the thread's own box). */
	draftsOf(thread: Omit<ReplyBox, 'replyToId'>): Map<string, Draft> {
		const prefix = threadDraftPrefix(thread);
		const out = new Map<string, Draft>();
		for (const [key, draft] of Object.entries(this.drafts())) {
			if (key.startsWith(prefix)) out.set(key.slice(prefix.length), draft);
		}
		return out;
	}

	/** Saves a draft unless a newer one is stored (an empty body removes it; see `putDraft` for its actions). */
	async saveDraft(box: ReplyBox, draft: Draft): Promise<void> {
		await this.deps.storage.update(DRAFTS_KEY, serializeDrafts(putDraft(this.drafts(), draftKey(box), draft)));
	}

	/** Sets or drops the template actions of a box's draft (they survive reloads with the draft). */
	async setDraftActions(box: ReplyBox, actions: ReplyActions | undefined): Promise<void> {
		await this.deps.storage.update(DRAFTS_KEY, serializeDrafts(setDraftActions(this.drafts(), draftKey(box), actions)));
	}

	private drafts(): Record<string, Draft> {
		return parseDrafts(this.deps.storage.get(DRAFTS_KEY));
	}

	// -----------------------------------------------------------------------------------------
	// Outbox

	/** Every valid outbox entry. */
	entries(): OutboxEntry[] {
		const raw = this.deps.storage.get<unknown>(OUTBOX_KEY);
		return Array.isArray(raw) ? raw.map(parseOutboxEntry).filter((e): e is OutboxEntry => e !== undefined) : [];
	}

	/** The newest entry of a box. */
	latest(box: ReplyBox): OutboxEntry | undefined {
		const key = boxKeyOf(toOutboxFields(box));
		return this.entries().filter(e => boxKeyOf(e) === key).sort((a, b) => b.sentAt - a.sentAt)[0];
	}

	/** Whether a box is posting or looking for a reply right now (Send stays disabled). */
	isBusy(box: ReplyBox): boolean {
		const latest = this.latest(box);
		return this.busy.has(boxKeyOf(toOutboxFields(box))) || (latest !== undefined && needsReconcile(latest));
	}

	/**
	 * "Send": posts `body` (with its marker) unless a reply of this box is in flight or being looked
	 * for. After a failure the same client id is reused, and GitHub is checked once more first.
	 * Resolves with the box's entry once the post is answered (a look-up may still be running).
	 */
	async send(box: ReplyBox, target: CommentTarget, body: string, draftAt?: number, actions?: TemplateActions): Promise<OutboxEntry | undefined> {
		const key = boxKeyOf(toOutboxFields(box));
		if (this.busy.has(key)) return this.latest(box);
		this.busy.add(key);
		try {
			return await this.sendExclusive(box, target, body, draftAt, hasTemplateActions(actions) ? actions : undefined);
		} finally {
			this.busy.delete(key);
			this.fire(box);
		}
	}

	private async sendExclusive(box: ReplyBox, target: CommentTarget, body: string, draftAt: number | undefined, actions: TemplateActions | undefined): Promise<OutboxEntry | undefined> {
		const decision = decideSend(this.latest(box));
		if (decision.action === 'wait') return this.latest(box);
		if (decision.action === 'checkThenPost') {
			const checked = await this.checkOnce(decision.reuse);
			if (checked !== 'notFound') return this.latest(box);
		}
		const post: OutboxEvent = { type: 'post', at: this.now(), bodyHash: bodyHash(body), draftAt };
		let entry = decision.reuse
			? { ...transition(decision.reuse, post), actions, actionsDone: undefined }
			: newEntry({ ...toOutboxFields(box), uuid: this.newId(), bodyHash: post.bodyHash, sentAt: post.at, draftAt, actions });
		await this.store(entry); // before the request: a crash now is reconciled on the next activation (D3)
		this.fire(box);
		try {
			const posted = await this.deps.client.addComment(target, embedMarker(body, entry.uuid), { replyToId: box.replyToId, clientId: entry.uuid });
			entry = await this.settle(entry, { type: 'confirmed', commentId: posted.id });
		} catch (error) {
			entry = await this.failed(entry, error);
		}
		return entry;
	}

	/** Records a failed post: rejected (not stored) or unknown (then looked for in the background). */
	private async failed(entry: OutboxEntry, error: unknown): Promise<OutboxEntry> {
		const kind = typeof error === 'object' && error !== null && 'kind' in error ? String((error as { kind: unknown }).kind) : undefined;
		const message = this.deps.describeError?.(error);
		if (outcomeOf(kind) === 'rejected') return this.settle(entry, { type: 'rejected', message });
		const unknown = await this.settle(entry, { type: 'ambiguous', message });
		void this.reconcile(unknown.uuid);
		return unknown;
	}

	/**
	 * Looks for an entry's reply over the schedule (R7): found → sent (and its draft is cleared);
	 * not found in the window → failed, so "Send again" is offered. One look-up per entry at a time.
	 */
	reconcile(uuid: string): Promise<OutboxEntry | undefined> {
		const running = this.reconciling.get(uuid);
		if (running) return running;
		const task = this.reconcileLoop(uuid).finally(() => this.reconciling.delete(uuid));
		this.reconciling.set(uuid, task);
		return task;
	}

	/** Reconciles every `sending`/`unknown` entry of the current host (on activation, D3). */
	resumePending(): Promise<unknown> {
		const host = this.deps.host().toLowerCase();
		return Promise.all(this.entries().filter(e => needsReconcile(e) && e.host.toLowerCase() === host).map(e => this.reconcile(e.uuid)));
	}

	/** Stops look-ups at their next step. */
	dispose(): void {
		this.disposed = true;
		this.listeners.clear();
	}

	private async reconcileLoop(uuid: string): Promise<OutboxEntry | undefined> {
		let entry = this.find(uuid);
		if (!entry) return undefined;
		if (entry.state === 'sending') {
			if (this.busy.has(boxKeyOf(entry))) return entry; // posting now: its answer decides
			entry = await this.settle(entry, { type: 'ambiguous' }); // a post interrupted by a crash
		}
		for (const delay of reconcileDelays(this.deps.schedule ?? DEFAULT_SCHEDULE)) {
			if (delay > 0) await this.sleep(delay);
			entry = this.find(uuid);
			if (!entry || entry.state !== 'unknown' || this.disposed) return entry;
			const found = await this.look(entry);
			if (found) return this.settle(entry, { type: 'found', commentId: found.id });
		}
		return this.settle(entry, { type: 'notFound' });
	}

	/** One look before "Send again": found → sent; not found → post; could not look → stay failed. */
	private async checkOnce(entry: OutboxEntry): Promise<'found' | 'notFound' | 'error'> {
		try {
			const found = await this.deps.client.findComment(locatorOf(entry), lookupOf(entry));
			if (!found) return 'notFound';
			await this.settle(entry, { type: 'found', commentId: found.id });
			return 'found';
		} catch (error) {
			await this.store({ ...entry, message: this.deps.describeError?.(error) });
			return 'error';
		}
	}

	private async look(entry: OutboxEntry): Promise<PostedComment | undefined> {
		try {
			return await this.deps.client.findComment(locatorOf(entry), lookupOf(entry));
		} catch (error) {
			this.deps.onError?.('Reply outbox: a look-up failed; trying again.', error);
			return undefined;
		}
	}

	/** Applies an event, stores the entry, clears the draft once GitHub has the reply (D2), notifies. */
	private async settle(entry: OutboxEntry, event: OutboxEvent): Promise<OutboxEntry> {
		const next = transition(this.find(entry.uuid) ?? entry, event);
		await this.store(next);
		if (next.state === 'sent') {
			const box = boxOf(next);
			await this.deps.storage.update(DRAFTS_KEY, serializeDrafts(clearDraft(this.drafts(), draftKey(box), next.draftAt ?? next.sentAt)));
		}
		this.fire(boxOf(next));
		if (actionsDue(next)) return this.startActions(next);
		return next;
	}

	/** Marks the entry's actions done (stored first), then runs them in the background: never twice. */
	private async startActions(entry: OutboxEntry): Promise<OutboxEntry> {
		if (this.actionsStarted.has(entry.uuid)) return entry;
		this.actionsStarted.add(entry.uuid);
		const done = { ...entry, actionsDone: true };
		await this.store(done);
		const run = this.deps.runActions;
		if (run) {
			void run(done).catch(error => this.deps.onError?.('Reply outbox: template actions failed.', error));
		}
		return done;
	}

	private find(uuid: string): OutboxEntry | undefined {
		return this.entries().find(e => e.uuid === uuid);
	}

	private async store(entry: OutboxEntry): Promise<void> {
		const others = this.entries().filter(e => e.uuid !== entry.uuid);
		await this.deps.storage.update(OUTBOX_KEY, pruneOutbox([...others, entry], this.now()));
	}

	private fire(box: ReplyBox): void {
		for (const l of [...this.listeners]) {
			try {
				l(box);
			} catch (error) {
				this.deps.onError?.('Reply outbox: a listener failed.', error);
			}
		}
	}
}

/** The outbox fields of a box (`repo` as `owner/name`). */
function toOutboxFields(box: ReplyBox): Pick<OutboxEntry, 'host' | 'repo' | 'kind' | 'number' | 'replyToId'> {
	return { host: box.host, repo: box.repo, kind: box.kind, number: box.number, replyToId: box.replyToId };
}

function boxOf(e: OutboxEntry): ReplyBox {
	return { host: e.host, repo: e.repo, kind: e.kind, number: e.number, replyToId: e.replyToId };
}

function locatorOf(e: OutboxEntry): ThreadLocator {
	const [owner, name] = e.repo.split('/') as [string, string];
	return { repo: { owner, name }, kind: e.kind, number: e.number };
}

/** Look for the marker among comments created since a minute before the first post. */
function lookupOf(e: OutboxEntry) {
	return { clientId: e.uuid, replyToId: e.replyToId, since: new Date(e.sentAt - 60_000).toISOString() };
}
