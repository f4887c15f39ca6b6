// Entry of the thread panel: wires the host connection to the pure reducer and the view.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import DOMPurify from 'dompurify';
import type { ThreadProtocol } from '../../src/shared/threadProtocol';
import { connect } from '../common/host';
import { nextIndex, reduce, type ThreadState } from './render';
import { ReplyController, type ThreadWebviewState } from './replies';
import { createSanitizer, isGitHubImageHost } from './sanitize';
import { render } from './view';

const host = connect<ThreadProtocol, ThreadWebviewState>();
/** The thread's own server (a GitHub Enterprise host serves its attachments itself). */
let threadHost = '';
const sanitizer = createSanitizer(DOMPurify, window, { imageHostAllowed: h => isGitHubImageHost(h) || (threadHost !== '' && h === threadHost) });
const root = document.getElementById('root')!;
let state: ThreadState = {};

const openLink = (url: string) => host.command('link/open', { url });
const refresh = () => host.command('thread/refresh', undefined);

/** Renders the last snapshot again, keeping focus in the reply box that had it. */
function draw(): void {
	const snapshot = state.snapshot;
	if (!snapshot) return;
	const focused = replies.focused();
	render(root, { sanitizer, snapshot, openLink, refresh, replies });
	if (focused && !focused.hasFocus()) focused.focus();
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
