// Pure model of the reply boxes: drafts (newest wins), what a box shows for its outbox state, and
// the send shortcut. No DOM, so it is unit-tested in Node.
import type { DraftDto, ReplyStatusDto, ThreadDto, ThreadStrings } from '../../src/shared/threadProtocol';
import { format } from './render';

/** A draft kept in the webview's own state. */
export interface LocalDraft {
	readonly body: string;
	readonly updatedAt: number;
}

/** Drafts by box key (`''` for the thread's box, else the comment id). */
export type DraftTable = Readonly<Record<string, LocalDraft>>;

/** The key of a box. */
export function boxKey(replyToId: string | null): string {
	return replyToId ?? '';
}

/** Merges host drafts into local ones: per box, the newest wins; empty bodies count as no draft. */
export function mergeDrafts(local: DraftTable, host: readonly DraftDto[]): DraftTable {
	const out: Record<string, LocalDraft> = { ...local };
	for (const d of host) {
		const key = boxKey(d.replyToId);
		const mine = out[key];
		if (!mine || d.updatedAt > mine.updatedAt) out[key] = { body: d.body, updatedAt: d.updatedAt };
	}
	for (const [k, d] of Object.entries(out)) if (d.body.trim() === '') delete out[k];
	return out;
}

/** Drops drafts that GitHub now has (state `sent`, edited at or before the sent draft). */
export function clearSentDrafts(local: DraftTable, boxes: readonly ReplyStatusDto[]): DraftTable {
	const out: Record<string, LocalDraft> = { ...local };
	for (const b of boxes) {
		const key = boxKey(b.replyToId);
		const d = out[key];
		if (b.state === 'sent' && d && d.updatedAt <= (b.draftAt ?? b.sentAt)) delete out[key];
	}
	return out;
}

/** What a box shows. */
export interface BoxView {
	/** Send is disabled and the text read-only: a reply is in flight or being looked for (R8). */
	readonly busy: boolean;
	readonly sendLabel: string;
	/** A status line; `alert` for failures (role=alert), else polite. */
	readonly status?: { readonly text: string; readonly alert: boolean };
	/** The reply was confirmed just now: clear the text. */
	readonly justSent: boolean;
}

/** Decides what a box shows for its latest outbox state (and the state it had before). */
export function boxView(status: ReplyStatusDto | undefined, previous: ReplyStatusDto['state'] | undefined, s: ThreadStrings): BoxView {
	if (!status) return { busy: false, sendLabel: s.send, justSent: false };
	switch (status.state) {
		case 'sending':
			return { busy: true, sendLabel: s.send, status: { text: s.sending, alert: false }, justSent: false };
		case 'unknown':
			return { busy: true, sendLabel: s.send, status: { text: s.checking, alert: false }, justSent: false };
		case 'sent': {
			const justSent = previous !== undefined && previous !== 'sent';
			return { busy: false, sendLabel: s.send, status: justSent ? { text: s.sent, alert: false } : undefined, justSent };
		}
		case 'failed':
			return {
				busy: false,
				sendLabel: s.sendAgain,
				status: { text: status.failure === 'notFound' ? s.notConfirmed : format(s.sendFailed, status.message ?? ''), alert: true },
				justSent: false,
			};
	}
}

/** Whether a thread gets reply boxes: not when it is locked, unless the viewer may still comment (write access). */
export function canReply(thread: ThreadDto): boolean {
	return thread.canReply ?? !thread.locked;
}

/** Whether a key press is the send shortcut: Ctrl+Enter, or Cmd+Enter on macOS. */
export function isSendShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
	return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}
