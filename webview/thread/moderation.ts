// Moderation in the thread panel: which buttons to show (pure, from what the host offers) and the
// toolbars that hold them. The host decides what is offered and checks it again on every click;
// each button only asks the host to run the action, which prompts and confirms in host UI.
import type { CommentActionDto, ModerationActionDto, ThreadCommentDto, ThreadDto, ThreadSnapshot } from '../../src/shared/threadProtocol';
import { el, icon } from '../common/dom';

/** One toolbar button. */
export interface ActionButton {
	readonly action: ModerationActionDto;
	readonly label: string;
	readonly icon: string;
	/** Disabled while this panel waits for an action, or while a change is on its way to GitHub. */
	readonly disabled: boolean;
}

const ICONS: Readonly<Record<ModerationActionDto, string>> = {
	labels: 'tag', assign: 'person-add', close: 'issue-closed', reopen: 'issue-reopened', lock: 'lock', unlock: 'unlock',
	openOnGitHubFor: 'github', markAnswer: 'pass', unmarkAnswer: 'circle-slash', hide: 'eye-closed', unhide: 'eye',
};

/** The thread's moderation buttons, in the host's order, then "Open on GitHub for…". */
export function threadButtons(t: ThreadDto, snap: ThreadSnapshot): ActionButton[] {
	const busy = snap.running !== undefined || t.pending !== undefined;
	const actions: ModerationActionDto[] = [...(t.actions ?? []), ...(t.gitHubOnly ? ['openOnGitHubFor' as const] : [])];
	return actions.map(action => ({
		action,
		label: action === 'openOnGitHubFor' && t.kind === 'issue' ? snap.strings.openOnGitHubForIssue : snap.strings[`action.${action}`],
		icon: action === 'close' && t.kind === 'discussion' ? 'check' : ICONS[action],
		// Opening GitHub changes nothing here, so it never waits.
		disabled: busy && action !== 'openOnGitHubFor',
	}));
}

/** A comment's moderation buttons. */
export function commentButtons(c: ThreadCommentDto, snap: ThreadSnapshot): ActionButton[] {
	const busy = (snap.running?.commentId !== undefined && snap.running.commentId === c.id) || c.pending !== undefined;
	return (c.actions ?? []).map((action: CommentActionDto) => ({ action, label: snap.strings[`action.${action}`], icon: ICONS[action], disabled: busy }));
}

/** What the thread's moderation line says: the change on its way, if any. */
export function pendingText(pending: ModerationActionDto | undefined, snap: ThreadSnapshot): string {
	return pending && pending !== 'openOnGitHubFor' ? snap.strings[`pending.${pending}`] : '';
}

/**
 * A toolbar of icon buttons (WAI-ARIA toolbar: one Tab stop; Left/Right, Home/End move focus;
 * Enter or Space presses). Each button's accessible name is its localized label.
 */
export function actionToolbar(label: string, buttons: readonly ActionButton[], run: (action: ModerationActionDto) => void): HTMLElement {
	const bar = el('div', 'action-toolbar');
	bar.setAttribute('role', 'toolbar');
	bar.setAttribute('aria-label', label);
	const items = buttons.map((b, i) => {
		const button = el('button', 'icon-button');
		button.type = 'button';
		button.append(icon(b.icon));
		button.setAttribute('aria-label', b.label);
		button.title = b.label;
		button.dataset.action = b.action;
		button.disabled = b.disabled;
		button.tabIndex = i === 0 ? 0 : -1;
		button.addEventListener('click', () => run(b.action));
		return button;
	});
	bar.append(...items);
	bar.addEventListener('keydown', event => {
		const i = items.indexOf(event.target as HTMLButtonElement);
		if (i < 0) return;
		const next = event.key === 'ArrowRight' ? (i + 1) % items.length
			: event.key === 'ArrowLeft' ? (i - 1 + items.length) % items.length
				: event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : -1;
		if (next < 0) return;
		event.preventDefault();
		event.stopPropagation();
		for (const [j, b] of items.entries()) b.tabIndex = j === next ? 0 : -1;
		items[next]!.focus();
	});
	return bar;
}
