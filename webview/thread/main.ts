// Entry of the thread panel: wires the host connection to the pure reducer and the view.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import DOMPurify from 'dompurify';
import type { ModerationParams, ThreadProtocol } from '../../src/shared/threadProtocol';
import { connect } from '../common/host';
import { nextIndex, reduce, type ThreadState } from './render';
import { ReplyController, type ThreadWebviewState } from './replies';
import { createSanitizer, isGitHubImageHost } from '../common/sanitize';
import { render } from './view';

const host = connect<ThreadProtocol, ThreadWebviewState>();
/** The thread's own server (a GitHub Enterprise host serves its attachments itself). */
let threadHost = '';
const sanitizer = createSanitizer(DOMPurify, window, { imageHostAllowed: h => isGitHubImageHost(h) || (threadHost !== '' && h === threadHost) });
const root = document.getElementById('root')!;
let state: ThreadState = {};

const openLink = (url: string) => host.command('link/open', { url });
const refresh = () => host.command('thread/refresh', undefined);
const moderate = (params: ModerationParams) => host.command('moderation/run', params);
const loadMore = (replyToId: string | null) => host.command('comments/loadMore', { replyToId });

/** Renders the last snapshot again, keeping focus in the reply box or on the control that had it. */
function draw(): void {
	const snapshot = state.snapshot;
	if (!snapshot) return;
	const focused = replies.focused();
	const control = focusedControl();
	render(root, { sanitizer, snapshot, openLink, refresh, replies, moderate, loadMore });
	if (focused && !focused.hasFocus()) focused.focus();
	else if (control) restoreFocus(control);
}

/** The moderation or "Load more" control that has focus, as a selector that finds it again after a render. */
function focusedControl(): string | undefined {
	const active = document.activeElement;
	const control = active?.closest?.('[data-action], [data-load-more]');
	if (!control) return undefined;
	const comment = control.closest<HTMLElement>('article[data-comment-id]')?.dataset.commentId;
	const own = control.hasAttribute('data-action') ? `[data-action="${CSS.escape(control.getAttribute('data-action')!)}"]` : `[data-load-more="${CSS.escape(control.getAttribute('data-load-more')!)}"]`;
	return comment ? `article[data-comment-id="${CSS.escape(comment)}"] ${own}` : `header ${own}, main > ${own}`;
}

/** Moves focus back to a control when it is still there and enabled (Close becomes Reopen: focus stays where it was). */
function restoreFocus(selector: string): void {
	const target = root.querySelector<HTMLElement>(selector);
	if (target && !(target as HTMLButtonElement).disabled) target.focus();
}

const replies = new ReplyController({
	host, sanitizer, rerender: draw, now: () => Date.now(),
	timers: { set: (fn, ms) => window.setTimeout(fn, ms), clear: handle => window.clearTimeout(handle as number) },
});

host.onNotification('thread/didChange', snapshot => {
	threadHost = hostOf(snapshot.thread?.url);
	state = reduce(state, snapshot);
	replies.setSnapshot(snapshot); // saves the serializer's target and the drafts
	draw();
});

host.onNotification('reply/didChange', snapshot => replies.onReplies(snapshot));

// D1: drafts are saved on the host when the panel is hidden or loses focus, not only while typing.
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') replies.flushAll(); });
window.addEventListener('blur', () => replies.flushAll());
window.addEventListener('pagehide', () => replies.flushAll());

// Every link goes through the host, which opens http, https and mailto only (security checklist W7).
for (const type of ['click', 'auxclick'] as const) {
	document.addEventListener(type, event => {
		const link = (event.target as Element | null)?.closest?.('a');
		if (!link) return;
		event.preventDefault();
		event.stopPropagation();
		const href = link.getAttribute('href');
		if (href) openLink(href);
	}, true);
}

// J/K and Alt+Down/Up move between the post and the comments.
document.addEventListener('keydown', event => {
	const down = event.key === 'j' || (event.altKey && event.key === 'ArrowDown');
	const up = event.key === 'k' || (event.altKey && event.key === 'ArrowUp');
	if ((!down && !up) || (event.target as Element).closest('input, textarea, [contenteditable], vscode-textarea, vscode-textfield')) return;
	const items = [...document.querySelectorAll<HTMLElement>('article.comment')];
	const i = nextIndex(items.indexOf(document.activeElement as HTMLElement), items.length, down ? 1 : -1);
	if (i >= 0) {
		event.preventDefault();
		items[i]!.focus();
	}
});

host.command('webview/ready', undefined);

/** The host name of a thread URL, or '' when there is none. */
function hostOf(url: string | undefined): string {
	try {
		return url ? new URL(url).hostname.toLowerCase() : '';
	} catch {
		return '';
	}
}
