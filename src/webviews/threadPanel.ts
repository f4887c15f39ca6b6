import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Thread, ThreadLocator } from '../core/model';
import type { OutboxEntry } from '../core/outbox';
import { actionsForBox, describeReplyActions, hasTemplateActions, type ReplyActions, type ReplyBoxContext } from '../core/templateActions';
import type { TemplateActions } from '../core/templates';
import type { ModerationAction, ModerationChange, ModerationOutcome, ModerationTarget } from '../core/moderation';
import type { ThreadFreshness } from '../core/threadCache';
import { externalLinkTarget } from '../core/threadRef';
import type { GitHubClient } from '../github/client';
import { presentError } from '../github/presentation';
import type { Logger } from '../platform/logger';
import { PanelHost, receiveMessage } from './messages';
import {
	MARKER_RESERVE, MAX_REPLY_CHARS, NODE_ID, parseThreadMessage, parseThreadPanelState, type DraftParams, type ModerationActionDto, type ModerationParams, type ReplySnapshot, type ReplyStatusDto,
	type RunningModerationDto, type ThreadCommandHandlers, type ThreadCommentDto, type ThreadDto, type ThreadInbound, type ThreadPanelState, type ThreadProtocol,
	type ThreadRequestHandlers, type ThreadSnapshot,
} from '../shared/threadProtocol';
import { entryHtml, panelOptions } from './page';
import { ReplyService, type ReplyBox, type ReplyStorage } from './replies';
import { ThreadFetcher } from './threadFetcher';
import { addPage, mergePages, NO_PAGES, toThreadDto, type LoadedPages } from './threadDto';
import { threadStrings } from './threadStrings';

/** The view type of thread panels (also the serializer's key). */
export const THREAD_VIEW_TYPE = 'communityDesk.thread';

/** The moderation command each panel action runs (the moderation contract; they prompt and confirm in host UI). */
export const MODERATION_COMMANDS: Readonly<Record<ModerationActionDto, string>> = {
	labels: Commands.moderationLabels,
	assign: Commands.moderationAssign,
	close: Commands.moderationClose,
	reopen: Commands.moderationReopen,
	lock: Commands.moderationLock,
	unlock: Commands.moderationUnlock,
	markAnswer: Commands.moderationMarkAnswer,
	unmarkAnswer: Commands.moderationUnmarkAnswer,
	hide: Commands.moderationHideComment,
	unhide: Commands.moderationUnhideComment,
	openOnGitHubFor: Commands.moderationOpenOnGitHubFor,
};

/** What panels need from the rest of the extension. */
export interface ThreadPanelDeps {
	readonly extensionUri: vscode.Uri;
	readonly client: GitHubClient;
	readonly logger: Logger;
	/** The configured GitHub host (`github.com`, or a GHES host with port). */
	readonly host: () => string;
	/** Where drafts and the outbox live (`workspaceState`: never synced, D4). */
	readonly storage: ReplyStorage;
	/** Runs a sent reply's template actions (the lazy templates bundle); called at most once per reply. */
	readonly runTemplateActions?: (entry: OutboxEntry) => Promise<void>;
	/** What the index knows of a thread (its `updatedAt`), so an unchanged thread reopens from the body LRU. */
	readonly freshness?: (ref: ThreadLocator) => ThreadFreshness | undefined;
}

/** What each panel gets: the shared deps plus the reply service and the thread fetcher. */
interface PanelDeps extends ThreadPanelDeps {
	readonly replies: ReplyService;
	readonly threads: ThreadFetcher;
}

/** The stable key of a panel's thread. */
export function threadKey(s: ThreadPanelState): string {
	return `${s.host}/${s.owner}/${s.repo}/${s.kind}/${s.number}`.toLowerCase();
}

/** One panel per thread: opens, reveals and revives them. */
export class ThreadPanels implements vscode.Disposable {
	private readonly panels = new Map<string, ThreadPanel>();
	/** Drafts and the outbox of every panel. */
	readonly replies: ReplyService;
	private readonly deps: PanelDeps;
	/** First pages of threads, through the body LRU; replies and moderation changes invalidate. */
	private readonly fetcher: ThreadFetcher;

	constructor(deps: ThreadPanelDeps) {
		this.fetcher = new ThreadFetcher({ client: deps.client, host: deps.host, freshness: deps.freshness });
		this.replies = new ReplyService({
			client: this.fetcher.invalidatingWrites(deps.client),
			storage: deps.storage,
			host: deps.host,
			describeError: error => presentError(error, vscode.l10n.t, vscode.env.language).message,
			onError: (message, error) => deps.logger.warn(`${message} ${error instanceof Error ? error.message : String(error)}`),
			runActions: deps.runTemplateActions,
		});
		this.deps = { ...deps, replies: this.replies, threads: this.fetcher };
		// D3: replies whose outcome is unknown (a crash or reload mid-send) are looked for now.
		void this.replies.resumePending();
	}

	/** Opens (or reveals) the panel of a thread; `prefetched` saves the first fetch when the caller has the thread. */
	open(target: ThreadPanelState, prefetched?: Thread): ThreadPanel {
		const existing = this.panels.get(threadKey(target));
		if (existing) {
			existing.reveal();
			return existing;
		}
		const panel = vscode.window.createWebviewPanel(THREAD_VIEW_TYPE, `#${target.number}`, vscode.ViewColumn.Active, panelOptions(this.deps.extensionUri));
		return this.adopt(panel, target, prefetched);
	}

	/** Revives a panel after a reload from its saved `{host, owner, repo, kind, number}` only. */
	async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
		const target = parseThreadPanelState(state);
		if (!target || this.panels.has(threadKey(target))) {
			this.deps.logger.warn('Thread panel not restored: its saved state is invalid or already open.');
			panel.dispose();
			return;
		}
		panel.webview.options = panelOptions(this.deps.extensionUri);
		this.adopt(panel, target);
	}

	/** The serializer VS Code calls for panels saved at shutdown. */
	serializer(): vscode.WebviewPanelSerializer {
		return { deserializeWebviewPanel: (panel, state) => this.revive(panel, state) };
	}

	/** The panel target of a thread on the connected host. */
	targetOf(ref: ThreadLocator): ThreadPanelState {
		return { host: this.deps.host(), owner: ref.repo.owner, repo: ref.repo.name, kind: ref.kind, number: ref.number };
	}

	/** How many thread panels are open. */
	get size(): number {
		return this.panels.size;
	}

	/** The open panel of a thread, if any. */
	get(target: ThreadPanelState): ThreadPanel | undefined {
		return this.panels.get(threadKey(target));
	}

	/** The focused thread panel, else the only one open. */
	active(): ThreadPanel | undefined {
		const all = [...this.panels.values()];
		return all.find(p => p.panel.active) ?? (all.length === 1 ? all[0] : undefined);
	}

	/** Shows moderation changes (from any surface) in the panels of their threads. */
	watchModeration(onDidChange: vscode.Event<ModerationChange>): vscode.Disposable {
		return onDidChange(change => {
			this.fetcher.invalidate(change.target);
			for (const p of this.panels.values()) p.onModerationChange(change);
		});
	}

	/** Closes every thread panel. */
	closeAll(): void {
		for (const p of [...this.panels.values()]) p.dispose();
	}

	/** Closes every panel and stops the reply service's look-ups (on deactivation). */
	dispose(): void {
		this.closeAll();
		this.replies.dispose();
	}

	private adopt(panel: vscode.WebviewPanel, target: ThreadPanelState, prefetched?: Thread): ThreadPanel {
		const key = threadKey(target);
		const threadPanel = new ThreadPanel(panel, target, this.deps, prefetched, () => this.panels.delete(key));
		this.panels.set(key, threadPanel);
		return threadPanel;
	}
}

/** The host side of one thread panel: thin; fetches, snapshots, and validates every message. */
export class ThreadPanel extends PanelHost<ThreadProtocol> {
	private snapshot: ThreadSnapshot;
	private generation = 0;
	/** The first page as last fetched, and the pages loaded since with "Load more". */
	private firstPage: Thread | undefined;
	private pages: LoadedPages = NO_PAGES;
	private status: ThreadSnapshot['status'] = 'loading';
	private error: string | undefined;
	/** Moderation changes shown before GitHub's state is refetched: `pending` until confirmed. */
	private changes: { readonly action: ModerationAction; pending: boolean }[] = [];
	private running: RunningModerationDto | undefined;
	private notice: string | undefined;
	/** Resolved at the first snapshot that is not loading (see {@link whenLoaded}). */
	private loadedWaiters: ((loaded: boolean) => void)[] = [];
	private readonly loadingMore = new Set<string>();
	private readonly requests: ThreadRequestHandlers = {
		'thread/get': async () => this.snapshot,
	};
	private readonly commands: ThreadCommandHandlers = {
		'webview/ready': () => this.load(),
		'thread/refresh': () => this.load(true),
		'link/open': ({ url }) => this.openLink(url),
		'draft/save': params => this.saveDraft(params),
		'reply/send': params => this.sendReply(params),
		'moderation/run': params => void this.moderate(params),
		'comments/loadMore': ({ replyToId }) => this.loadMore(replyToId),
		// The command asks for inputs and puts the text into the box as a draft; it posts nothing.
		'template/pick': async ({ replyToId }) => {
			await vscode.commands.executeCommand(Commands.replyWithTemplate, replyToId === null ? this.target : { ...this.target, replyToId });
		},
		'reply/dropActions': ({ replyToId }) => this.dropActions(replyToId),
	};
	/** Outbox entries already seen as sent (each triggers one refresh). */
	private readonly seenSent = new Set<string>();

	constructor(
		panel: vscode.WebviewPanel,
		readonly target: ThreadPanelState,
		private readonly deps: PanelDeps,
		private prefetched: Thread | undefined,
		onDispose: () => void,
	) {
		super(panel, onDispose);
		this.snapshot = this.compose();
		panel.webview.html = this.html();
		this.disposables.push(deps.replies.onDidChange(box => { if (this.owns(box)) this.onRepliesChanged(); }));
		this.disposables.push({ dispose: () => { for (const resolve of this.loadedWaiters.splice(0)) resolve(false); } });
		for (const e of this.entries()) this.seenSent.add(e.uuid);
	}

	/** The last snapshot sent (for tests). */
	get current(): ThreadSnapshot {
		return this.snapshot;
	}

	reveal(): void {
		this.panel.reveal();
	}

	/**
	 * Puts text into a reply box as a draft (after any text already there) through the draft
	 * mechanism, so the user reviews it and sends it with Send, through the outbox: the thread's own
	 * box, or with `replyToId` the box of a top-level comment of this discussion. A template's actions
	 * are stored with the draft (they survive a reload) and go with the reply from that box. False when
	 * the thread is not loaded, is locked, the comment is not part of it, or the reply would be too long.
	 */
	async insertDraft(text: string, actions?: { readonly actions: TemplateActions }, replyToId: string | null = null): Promise<boolean> {
		const box = this.box(replyToId);
		const thread = this.snapshot.thread;
		if (!box || !thread || !canReply(thread)) return false;
		const existing = this.deps.replies.draftsOf(this.thread()).get(replyToId ?? '')?.body.trimEnd() ?? '';
		const body = existing.trim() ? `${existing}\n\n${text}` : text;
		if (body.length > MAX_REPLY_CHARS - MARKER_RESERVE) return false;
		// The latest template decides what happens after posting (actions of an earlier one are replaced).
		const pending = hasTemplateActions(actions?.actions) ? stripAnswer(actions.actions) : undefined;
		await this.deps.replies.saveDraft(box, { body, updatedAt: Date.now(), actions: pending });
		this.publishReplies();
		this.reveal();
		return true;
	}

	/** Resolves true once the thread is shown (false: it failed to load, or the panel closed first). */
	whenLoaded(): Promise<boolean> {
		if (this.disposed) return Promise.resolve(false);
		if (this.snapshot.status !== 'loading') return Promise.resolve(this.snapshot.status === 'ready');
		return new Promise(resolve => this.loadedWaiters.push(resolve));
	}

	/**
	 * Fetches the thread (only from this panel's own target) and sends a complete snapshot; `quiet`
	 * keeps the thread on screen without a loading state (a refetch after a moderation change).
	 */
	async load(force = false, quiet = false): Promise<void> {
		const generation = ++this.generation;
		const prefetched = force ? undefined : this.prefetched;
		this.prefetched = undefined;
		if (!prefetched && !quiet) {
			this.status = 'loading';
			this.render();
		}
		const settledBefore = this.changes.filter(c => !c.pending);
		const next = await this.fetch(prefetched, force);
		if (generation === this.generation) {
			this.status = next.status;
			this.error = next.error;
			if (next.status === 'ready' || next.thread === null) this.firstPage = next.thread ?? undefined;
			// Confirmed changes are in what GitHub returned now; keep showing only those still on their way.
			if (next.status === 'ready') this.changes = this.changes.filter(c => !settledBefore.includes(c));
			this.render();
		}
		this.publishReplies();
		for (const e of this.entries()) if (e.state === 'sending' || e.state === 'unknown') void this.deps.replies.reconcile(e.uuid);
	}

	/** The replies snapshot: host drafts of this thread and the latest state of each box. */
	replySnapshot(): ReplySnapshot {
		const drafts = [...this.deps.replies.draftsOf(this.thread())].map(([id, d]) => ({ replyToId: id || null, body: d.body, updatedAt: d.updatedAt }));
		const latest = new Map<string, ReplyStatusDto>();
		for (const e of this.entries().sort((a, b) => a.sentAt - b.sentAt)) {
			latest.set(e.replyToId ?? '', {
				replyToId: e.replyToId ?? null, state: e.state, failure: e.failure, message: e.message, draftAt: e.draftAt, sentAt: e.sentAt,
			});
		}
		return { drafts, boxes: [...latest.values()], pendingActions: this.stepsOf(null), nestedActions: this.nestedSteps() };
	}

	/** What the template actions waiting in a box will do, one line each (none: nothing waits). */
	private stepsOf(replyToId: string | null): string[] {
		const actions = this.pendingOf(replyToId);
		return actions ? describeReplyActions(actions, this.boxContext(replyToId), vscode.l10n.t) : [];
	}

	private nestedSteps(): { replyToId: string; steps: string[] }[] {
		return [...this.deps.replies.draftsOf(this.thread())]
			.filter(([id, d]) => id !== '' && d.actions)
			.map(([replyToId]) => ({ replyToId, steps: this.stepsOf(replyToId) }));
	}

	/** The template actions stored with a box's draft. */
	private pendingOf(replyToId: string | null): ReplyActions | undefined {
		return this.deps.replies.draftsOf(this.thread()).get(replyToId ?? '')?.actions;
	}

	/** A box as "mark the answer" sees it: the thread's kind, and the comment answered with what the viewer may do. */
	private boxContext(replyToId: string | null): ReplyBoxContext & { replyToId?: string } {
		const kind = this.snapshot.thread?.kind ?? this.target.kind;
		const comment = replyToId === null ? undefined : this.snapshot.thread?.comments.find(c => c.id === replyToId);
		if (!comment) return { kind };
		return { kind, replyToId: comment.id, answering: { author: comment.author, isAnswer: comment.isAnswer, canMarkAnswer: comment.actions?.includes('markAnswer') === true } };
	}

	/** "Do not apply": the box's draft keeps its text and loses its template actions. */
	private async dropActions(replyToId: string | null): Promise<void> {
		const box = this.box(replyToId) ?? (replyToId !== null && NODE_ID.test(replyToId) ? { ...this.thread(), replyToId } : undefined);
		if (box) await this.deps.replies.setDraftActions(box, undefined);
		this.publishReplies();
	}

	/** The first page of the thread, or an error (`thread: null` when the thread must not be shown at all). */
	private async fetch(prefetched: Thread | undefined, force: boolean): Promise<{ status: 'ready' | 'error'; thread?: Thread | null; error?: string }> {
		const { target } = this;
		if (target.host.toLowerCase() !== this.deps.host().toLowerCase()) {
			return { status: 'error', thread: null, error: vscode.l10n.t('This thread is on {0}, but Community Desk is connected to {1}.', target.host, this.deps.host()) };
		}
		try {
			const thread = prefetched ?? await this.deps.threads.fetch({ repo: { owner: target.owner, name: target.repo }, kind: target.kind, number: target.number }, force);
			return { status: 'ready', thread };
		} catch (error) {
			const subject = `${target.owner}/${target.repo}#${target.number}`;
			return { status: 'error', error: presentError(error, vscode.l10n.t, vscode.env.language, subject).message };
		}
	}

	/** Sends a snapshot of the current state. */
	private render(): void {
		this.snapshot = this.compose();
		if (this.snapshot.status !== 'loading') for (const resolve of this.loadedWaiters.splice(0)) resolve(this.snapshot.status === 'ready');
		if (this.disposed) return;
		const { thread } = this.snapshot;
		if (thread) this.panel.title = shortTitle(thread.number, thread.title);
		this.post({ kind: 'notification', method: 'thread/didChange', params: this.snapshot });
	}

	private compose(): ThreadSnapshot {
		const applied = this.changes.map(c => c.action);
		const pending = this.changes.filter(c => c.pending).map(c => c.action);
		return {
			status: this.status, locale: vscode.env.language, strings: threadStrings(), now: new Date().toISOString(), target: this.target,
			thread: this.firstPage && toThreadDto(mergePages(this.firstPage, this.pages), applied, pending),
			error: this.error, running: this.running, notice: this.notice, loadingMore: [...this.loadingMore],
		};
	}

	// -----------------------------------------------------------------------------------------
	// Moderation

	/**
	 * Runs a moderation action offered for this panel's thread (or one of its comments) through the
	 * moderation command, which prompts and confirms in host UI; then refetches. `presets` skip the
	 * prompts (tests). Resolves with the command's outcome, or undefined when the action was refused.
	 */
	async moderate(params: ModerationParams, presets?: Readonly<Record<string, unknown>>): Promise<ModerationOutcome | undefined> {
		const thread = this.snapshot.thread;
		if (!thread || this.snapshot.status !== 'ready' || this.running || !isOffered(thread, params)) {
			this.deps.logger.warn('Thread panel: refused a moderation action that is not offered for this thread now.');
			return undefined;
		}
		const target: ModerationTarget = { repo: { owner: this.target.owner, name: this.target.repo }, kind: thread.kind, number: thread.number, id: thread.id };
		const subject = params.commentId === undefined ? target : { target, commentId: params.commentId };
		this.running = params;
		this.notice = undefined;
		this.render();
		let outcome: ModerationOutcome | undefined;
		try {
			outcome = await vscode.commands.executeCommand<ModerationOutcome | undefined>(MODERATION_COMMANDS[params.action], subject, ...(presets ? [presets] : []));
		} catch (error) {
			this.deps.logger.error('Thread panel: a moderation command failed.', error);
			this.notice = vscode.l10n.t('The change was not made: {0}', error instanceof Error ? error.message : String(error));
		}
		this.running = undefined;
		if (outcome?.failed.length) this.notice = vscode.l10n.t('The change was not made: {0}', outcome.failed.map(f => f.message).join(' '));
		this.render();
		if (outcome && !outcome.cancelled && params.action !== 'openOnGitHubFor') await this.load(true, true);
		return outcome;
	}

	/** A moderation change from any surface: shown at once, marked done, or undone with a message. */
	onModerationChange(change: ModerationChange): void {
		const t = change.target;
		const mine = t.kind === this.target.kind && t.number === this.target.number
			&& t.repo.owner.toLowerCase() === this.target.owner.toLowerCase() && t.repo.name.toLowerCase() === this.target.repo.toLowerCase();
		if (!mine || this.disposed) return;
		const key = JSON.stringify(change.action);
		const existing = this.changes.find(c => JSON.stringify(c.action) === key);
		if (change.phase === 'optimistic') {
			if (!existing) this.changes.push({ action: change.action, pending: true });
		} else if (change.phase === 'confirmed') {
			if (existing) existing.pending = false;
			// Changes made elsewhere are refetched here; this panel's own are refetched when their command resolves.
			if (!this.running) void this.load(true, true);
		} else {
			this.changes = this.changes.filter(c => c !== existing);
			this.notice = vscode.l10n.t('GitHub refused the change, so it was undone.');
		}
		this.render();
	}

	// -----------------------------------------------------------------------------------------
	// Load more

	/** Loads the next page of comments or of one comment's replies, from the cursor the host holds (M2). */
	private async loadMore(replyToId: string | null): Promise<void> {
		const thread = this.firstPage && mergePages(this.firstPage, this.pages);
		const key = replyToId ?? '';
		if (!thread || this.loadingMore.has(key)) return;
		const cursor = replyToId === null ? thread.commentsCursor : thread.kind === 'discussion' ? thread.comments.find(c => c.id === replyToId)?.repliesCursor : undefined;
		if (!cursor) {
			this.deps.logger.warn('Thread panel: dropped a "Load more" with nothing more to load.');
			return;
		}
		this.loadingMore.add(key);
		this.render();
		try {
			const locator = { repo: { owner: this.target.owner, name: this.target.repo }, kind: this.target.kind, number: this.target.number };
			const page = await this.deps.client.getThreadComments(locator, { after: cursor, replyToId: replyToId ?? undefined });
			this.pages = addPage(this.pages, replyToId, page.items, page.nextCursor);
		} catch (error) {
			this.notice = presentError(error, vscode.l10n.t, vscode.env.language, `${this.target.owner}/${this.target.repo}#${this.target.number}`).message;
		} finally {
			this.loadingMore.delete(key);
		}
		this.render();
	}

	/** Handles one raw message from the webview (validated first; exposed for tests). */
	receive(raw: unknown): Promise<void> {
		return receiveMessage(raw, { name: 'Thread panel', logger: this.deps.logger }, parseThreadMessage, async message => {
			if (message.kind === 'request') {
				this.post({ kind: 'response', id: message.id, result: await this.requests[message.method](message.params) });
			} else {
				await this.dispatch(message);
			}
		}, message => {
			if (message.kind === 'request') this.post({ kind: 'response', id: message.id, error: vscode.l10n.t('The request failed.') });
		});
	}

	private dispatch(message: Extract<ThreadInbound, { kind: 'command' }>): void | Promise<void> {
		switch (message.method) {
			case 'link/open': return this.commands['link/open'](message.params);
			case 'draft/save': return this.commands['draft/save'](message.params);
			case 'reply/send': return this.commands['reply/send'](message.params);
			case 'moderation/run': return this.commands['moderation/run'](message.params);
			case 'comments/loadMore': return this.commands['comments/loadMore'](message.params);
			case 'template/pick': return this.commands['template/pick'](message.params);
			case 'reply/dropActions': return this.commands['reply/dropActions'](message.params);
			default: return this.commands[message.method](undefined);
		}
	}

	/** This panel's thread, as the reply service keys it. */
	private thread(): Omit<ReplyBox, 'replyToId'> {
		const t = this.target;
		return { host: t.host, repo: `${t.owner}/${t.repo}`, kind: t.kind, number: t.number };
	}

	/**
	 * The box a message names (security checklist M2): the thread's own box, or a top-level comment
	 * of this panel's discussion as the host last fetched it. Anything else is undefined (dropped).
	 */
	private box(replyToId: string | null): ReplyBox | undefined {
		if (replyToId === null) return this.thread();
		const thread = this.snapshot.thread;
		if (!thread || thread.kind !== 'discussion' || !thread.comments.some(c => c.id === replyToId)) return undefined;
		return { ...this.thread(), replyToId };
	}

	private owns(box: ReplyBox): boolean {
		const t = this.thread();
		return box.host.toLowerCase() === t.host.toLowerCase() && box.repo.toLowerCase() === t.repo.toLowerCase() && box.kind === t.kind && box.number === t.number;
	}

	private entries() {
		return this.deps.replies.entries().filter(e => this.owns(e));
	}

	private async saveDraft(params: DraftParams): Promise<void> {
		const box = this.box(params.replyToId);
		if (!box) {
			this.deps.logger.warn('Thread panel: dropped a draft for a box that is not part of this thread.');
			return;
		}
		await this.deps.replies.saveDraft(box, { body: params.body, updatedAt: params.updatedAt });
	}

	/** Sends a reply to this panel's own thread only; locked threads only when the viewer may still comment. */
	private async sendReply(params: DraftParams): Promise<void> {
		const thread = this.snapshot.thread;
		const box = this.box(params.replyToId);
		if (!box || !thread || this.snapshot.status !== 'ready' || !canReply(thread) || thread.number !== this.target.number) {
			this.deps.logger.warn('Thread panel: refused a reply (not this thread, not loaded, or locked).');
			this.publishReplies();
			return;
		}
		await this.deps.replies.saveDraft(box, { body: params.body, updatedAt: params.updatedAt });
		const repo = { owner: this.target.owner, name: this.target.repo };
		const pending = this.pendingOf(params.replyToId);
		const actions = pending && actionsForBox(pending, this.boxContext(params.replyToId));
		const entry = await this.deps.replies.send(box, { repo, kind: thread.kind, number: thread.number, id: thread.id }, params.body, params.updatedAt, actions);
		// The actions went with the reply: a draft typed since then does not take them again.
		if (actions && entry?.state === 'sent' && entry.actions !== undefined) await this.deps.replies.setDraftActions(box, undefined);
		this.publishReplies();
	}

	/** The template actions that go with the next reply from a box (for tests). */
	templateActions(replyToId: string | null = null): ReplyActions | undefined {
		return this.pendingOf(replyToId);
	}

	private onRepliesChanged(): void {
		this.publishReplies();
		const fresh = this.entries().filter(e => e.state === 'sent' && !this.seenSent.has(e.uuid));
		for (const e of fresh) this.seenSent.add(e.uuid);
		// A reply whose outcome was unknown was found: its actions went with it.
		for (const e of fresh) if (e.actions !== undefined) void this.deps.replies.setDraftActions({ ...this.thread(), replyToId: e.replyToId }, undefined);
		if (fresh.length > 0) void this.load(true);
	}

	private publishReplies(): void {
		this.post({ kind: 'notification', method: 'reply/didChange', params: this.replySnapshot() });
	}

	/** Opens http, https and mailto links only, never a command (security checklist W7). */
	private async openLink(href: string): Promise<void> {
		const base = this.snapshot.thread?.url ?? `https://${this.target.host}/${this.target.owner}/${this.target.repo}`;
		const target = externalLinkTarget(href, base);
		if (!target) {
			this.deps.logger.warn('Thread panel: refused to open a link with a scheme other than http, https or mailto.');
			return;
		}
		await vscode.env.openExternal(vscode.Uri.parse(target, true));
	}

	private html(): string {
		return entryHtml(this.panel.webview, this.deps.extensionUri, 'thread', `#${this.target.number}`);
	}
}

/** Whether a thread takes replies from the viewer (a locked one only from people with write access). */
function canReply(thread: ThreadDto): boolean {
	return thread.canReply ?? !thread.locked;
}

/** Whether an action is offered for the thread or the comment it names (replies included). */
function isOffered(thread: ThreadDto, params: ModerationParams): boolean {
	if (params.action === 'openOnGitHubFor') return thread.gitHubOnly === true;
	if (params.commentId === undefined) return (thread.actions as readonly string[] | undefined)?.includes(params.action) === true;
	const find = (list: readonly ThreadCommentDto[]): ThreadCommentDto | undefined =>
		list.map(c => (c.id === params.commentId ? c : find(c.replies))).find(c => c !== undefined);
	return (find(thread.comments)?.actions as readonly string[] | undefined)?.includes(params.action) === true;
}

/** `#12 Title` shortened for a tab. */
function shortTitle(number: number, title: string): string {
	const text = `#${number} ${title}`;
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Template actions as a box keeps them: "which comment to mark" is decided when the reply is sent. */
function stripAnswer(a: TemplateActions): ReplyActions {
	const { answerCommentId: _decidedAtSend, ...rest } = a as ReplyActions;
	return rest;
}
