// The reply boxes of the panel: keeps one ReplyBox per box across re-renders, saves drafts in the
// webview state and (debounced) on the host, restores the newest draft, sends, and shows the
// outbox state the host reports. Nothing here decides the target: the host checks every id (M2).
import type { DraftParams, ReplySnapshot, ReplyStatusDto, ThreadPanelState, ThreadProtocol, ThreadSnapshot } from '../../src/shared/threadProtocol';
import type { HostConnection } from '../common/host';
import { debounce, DRAFT_DEBOUNCE_MS, type Debounced, type Timers } from './debounce';
import { format } from './render';
import { ReplyBox } from './replyBox';
import { boxKey, boxView, canReply, clearSentDrafts, mergeDrafts, type DraftTable, type LocalDraft } from './replyModel';
import type { Sanitizer } from '../common/sanitize';
import type { ReplySlots } from './view';

/** What the webview persists with `setState`: the serializer's target plus drafts (D1). */
export type ThreadWebviewState = ThreadPanelState & { readonly drafts?: DraftTable };

/** What the controller needs. */
export interface ReplyControllerDeps {
	readonly host: HostConnection<ThreadProtocol, ThreadWebviewState>;
	readonly sanitizer: Sanitizer;
	/** Re-renders the panel from the last snapshot. */
	readonly rerender: () => void;
	readonly timers: Timers;
	readonly now: () => number;
}

/** Keeps only well-formed drafts from the saved webview state. */
function restoredDrafts(state: ThreadWebviewState | undefined): DraftTable {
	const out: Record<string, LocalDraft> = {};
	for (const [k, d] of Object.entries(state?.drafts ?? {})) {
		if (typeof d?.body === 'string' && typeof d.updatedAt === 'number' && d.body.length <= 65_536) out[k] = { body: d.body, updatedAt: d.updatedAt };
	}
	return out;
}

/** The reply boxes of one panel. */
export class ReplyController implements ReplySlots {
	private readonly boxes = new Map<string, ReplyBox>();
	private readonly savers = new Map<string, Debounced>();
	private readonly opened = new Set<string>();
	/** Inline boxes closed with Cancel (their drafts are kept, not shown). */
	private readonly closed = new Set<string>();
	private readonly statuses = new Map<string, ReplyStatusDto>();
	/** The template actions listed under each box, by box key (host-translated lines). */
	private pendingActions = new Map<string, readonly string[]>();
	private drafts: DraftTable;
	private snapshot: ThreadSnapshot | undefined;

	constructor(private readonly deps: ReplyControllerDeps) {
		this.drafts = restoredDrafts(deps.host.getState());
	}

	/** A new thread snapshot: remembered for strings and ids, and the webview state is saved. */
	setSnapshot(snapshot: ThreadSnapshot): void {
		this.snapshot = snapshot;
		this.persist();
	}

	/** The host's drafts and outbox states: newest draft wins, confirmed drafts are cleared. */
	onReplies(replies: ReplySnapshot): void {
		const before = this.drafts;
		this.drafts = clearSentDrafts(mergeDrafts(this.drafts, replies.drafts), replies.boxes);
		const previous = new Map([...this.statuses].map(([k, v]) => [k, v.state]));
		this.statuses.clear();
		for (const b of replies.boxes) this.statuses.set(boxKey(b.replyToId), b);
		this.pendingActions = new Map([['', replies.pendingActions ?? []], ...(replies.nestedActions ?? []).map(n => [n.replyToId, n.steps] as const)]);
		for (const [key, box] of this.boxes) box.setPendingActions(this.pendingActions.get(key) ?? []);
		let layoutChanged = false;
		for (const [key, box] of this.boxes) {
			const view = this.apply(key, box, previous.get(key));
			if (view && key !== '' && this.drafts[key] === undefined && before[key] !== undefined) {
				this.opened.delete(key); // a nested reply went out: close its box
				layoutChanged = true;
			}
		}
		const ids = new Set(this.snapshot?.thread?.comments.map(c => c.id) ?? []);
		for (const key of Object.keys(this.drafts)) if (ids.has(key) && !this.boxes.has(key) && !this.closed.has(key)) layoutChanged = true;
		this.persist();
		if (layoutChanged) this.deps.rerender();
	}

	/** @inheritdoc */
	box(replyToId: string | null): HTMLElement | undefined {
		const key = boxKey(replyToId);
		const thread = this.snapshot?.thread;
		if (!thread || !canReply(thread)) return undefined;
		if (replyToId !== null && !this.isOpen(replyToId)) return undefined;
		return this.ensure(key, replyToId).element;
	}

	/** @inheritdoc */
	isOpen(replyToId: string): boolean {
		if (this.opened.has(replyToId)) return true;
		const draft = this.drafts[replyToId]?.body.trim() ?? '';
		return !this.closed.has(replyToId) && (draft !== '' || this.statuses.get(replyToId)?.state === 'failed');
	}

	/** @inheritdoc */
	open(replyToId: string): void {
		this.opened.add(replyToId);
		this.closed.delete(replyToId);
		this.deps.rerender();
		this.boxes.get(replyToId)?.focus();
	}

	/** The box that has focus, if any (to restore focus after a re-render). */
	focused(): ReplyBox | undefined {
		return [...this.boxes.values()].find(b => b.hasFocus());
	}

	/** Saves every pending draft now (blur, panel hidden). */
	flushAll(): void {
		for (const s of this.savers.values()) s.flush();
	}

	private ensure(key: string, replyToId: string | null): ReplyBox {
		const existing = this.boxes.get(key);
		if (existing) return existing;
		const s = this.snapshot!.strings;
		const author = this.snapshot?.thread?.comments.find(c => c.id === replyToId)?.author ?? '';
		const box = new ReplyBox({
			replyToId, strings: s, sanitizer: this.deps.sanitizer,
			label: replyToId ? format(s.replyToLabel, author) : s.replyLabel,
			handlers: {
				onInput: body => this.onInput(key, body),
				onFlush: () => this.savers.get(key)?.flush(),
				onSend: body => this.send(key, replyToId, body),
				onCancel: replyToId ? () => this.cancel(key) : undefined,
				onTemplate: () => this.pickTemplate(key, replyToId),
				onDropActions: () => this.deps.host.command('reply/dropActions', { replyToId }),
			},
		});
		box.setPendingActions(this.pendingActions.get(key) ?? []);
		box.body = this.drafts[key]?.body ?? '';
		if (this.drafts[key]) box.setStatus(s.draftRestored);
		this.boxes.set(key, box);
		this.savers.set(key, debounce(() => this.saveDraft(key, replyToId), DRAFT_DEBOUNCE_MS, this.deps.timers));
		this.apply(key, box, undefined);
		return box;
	}

	/** Shows a box's outbox state; clears its text when GitHub confirmed the reply just now. */
	private apply(key: string, box: ReplyBox, previous: ReplyStatusDto['state'] | undefined): boolean {
		const view = boxView(this.statuses.get(key), previous, this.snapshot!.strings);
		const draft = this.drafts[key];
		if (view.justSent || (!draft && !box.hasFocus() && !view.busy && this.statuses.get(key)?.state === 'sent')) box.body = draft?.body ?? '';
		else if (draft && !box.hasFocus() && draft.body !== box.body) box.body = draft.body;
		box.show(view);
		return view.justSent;
	}

	private onInput(key: string, body: string): void {
		this.drafts = { ...this.drafts, [key]: { body, updatedAt: this.deps.now() } };
		this.persist();
		this.savers.get(key)?.schedule();
	}

	private saveDraft(key: string, replyToId: string | null): void {
		const d = this.drafts[key];
		this.deps.host.command('draft/save', { replyToId, body: d?.body ?? '', updatedAt: d?.updatedAt ?? this.deps.now() });
	}

	private send(key: string, replyToId: string | null, body: string): void {
		this.savers.get(key)?.cancel();
		const updatedAt = this.drafts[key]?.body === body ? this.drafts[key]!.updatedAt : this.deps.now();
		this.drafts = { ...this.drafts, [key]: { body, updatedAt } };
		this.persist();
		// Shown at once, so a second click or Ctrl+Enter does nothing (the host checks too, R8).
		this.statuses.set(key, { replyToId, state: 'sending', sentAt: this.deps.now(), draftAt: updatedAt });
		const box = this.boxes.get(key);
		if (box) box.show(boxView(this.statuses.get(key), undefined, this.snapshot!.strings));
		const params: DraftParams = { replyToId, body, updatedAt };
		this.deps.host.command('reply/send', params);
	}

	/** Saves the draft first, so the host appends the template to what was typed (in this box). */
	private pickTemplate(key: string, replyToId: string | null): void {
		this.savers.get(key)?.flush();
		this.deps.host.command('template/pick', { replyToId });
	}

	private cancel(key: string): void {
		this.savers.get(key)?.flush();
		this.opened.delete(key);
		this.closed.add(key);
		this.deps.rerender();
	}

	private persist(): void {
		if (this.snapshot) this.deps.host.setState({ ...this.snapshot.target, drafts: this.drafts });
	}
}
