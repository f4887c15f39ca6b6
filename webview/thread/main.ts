// Entry of the thread panel: wires the host connection to the pure reducer and the view.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import DOMPurify from 'dompurify';
import type { ThreadPanelState, ThreadProtocol } from '../../src/shared/threadProtocol';
import { connect } from '../common/host';
import { nextIndex, reduce, type ThreadState } from './render';
import { createSanitizer } from './sanitize';
import { render } from './view';

const host = connect<ThreadProtocol, ThreadPanelState>();
const sanitizer = createSanitizer(DOMPurify, window);
const root = document.getElementById('root')!;
let state: ThreadState = {};

const openLink = (url: string) => host.command('link/open', { url });
const refresh = () => host.command('thread/refresh', undefined);

host.onNotification('thread/didChange', snapshot => {
	state = reduce(state, snapshot);
	host.setState(snapshot.target); // only what the serializer needs to revive the panel
	render(root, { sanitizer, snapshot, openLink, refresh });
});

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
	if ((!down && !up) || (event.target as Element).closest('input, textarea, [contenteditable]')) return;
	const items = [...document.querySelectorAll<HTMLElement>('article.comment')];
	const i = nextIndex(items.indexOf(document.activeElement as HTMLElement), items.length, down ? 1 : -1);
	if (i >= 0) {
		event.preventDefault();
		items[i]!.focus();
	}
});

host.command('webview/ready', undefined);
