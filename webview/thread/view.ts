// DOM of the thread panel. GitHub strings reach the DOM only through textContent/attributes set
// with setAttribute on inert elements, or through the sanitiser for bodies (security checklist W4).
import type { ModerationParams, ReactionDto, ThreadDto, ThreadSnapshot } from '../../src/shared/threadProtocol';
import { actionToolbar, commentButtons, pendingText, threadButtons } from './moderation';
import { associationBadge, bodySource, commentView, format, labelChip, threadHeader, timeText, type CommentView } from './render';
import type { Sanitizer } from '../common/sanitize';
import { button, el, icon } from '../common/dom';

const REACTION_EMOJI: Readonly<Record<ReactionDto['content'], string>> = {
	THUMBS_UP: '👍', THUMBS_DOWN: '👎', LAUGH: '😄', HOORAY: '🎉', CONFUSED: '😕', HEART: '❤️', ROCKET: '🚀', EYES: '👀',
};

/** What the view needs from its surroundings. */
export interface ViewContext {
	readonly sanitizer: Sanitizer;
	readonly snapshot: ThreadSnapshot;
	/** Asks the host to open a URL (the host decides whether it may). */
	readonly openLink: (url: string) => void;
	/** The reply boxes (kept across renders); none when absent. */
	readonly replies?: ReplySlots;
	readonly refresh: () => void;
	/** Asks the host to run a moderation action (it checks, prompts and confirms). */
	readonly moderate?: (params: ModerationParams) => void;
	/** Asks the host for the next page of comments (null) or of one comment's replies. */
	readonly loadMore?: (replyToId: string | null) => void;
}

/** Where reply boxes go: the view asks, the reply controller owns the elements. */
export interface ReplySlots {
	/** The box of the thread (`null`) or of a top-level comment, when it should show. */
	box(replyToId: string | null): HTMLElement | undefined;
	/** Whether the inline box of a comment is open. */
	isOpen(replyToId: string): boolean;
	/** Opens the inline box of a comment and focuses it. */
	open(replyToId: string): void;
}

/** A `<time>` with the relative text, the exact time on hover and the machine value. */
function time(iso: string, ctx: ViewContext): HTMLTimeElement {
	const t = timeText(iso, ctx.snapshot.now, ctx.snapshot.locale);
	const e = el('time', 'time', t.relative);
	e.dateTime = t.iso;
	e.title = t.exact;
	return e;
}

function header(t: ThreadDto, ctx: ViewContext): HTMLElement {
	const s = ctx.snapshot.strings;
	const h = threadHeader(t, s);
	const root = el('header', 'thread-header');
	const title = el('h1', 'title');
	title.id = 'thread-title';
	title.append(el('span', 'title-text', t.title), ' ', el('span', 'number', `#${t.number}`));
	const meta = el('div', 'meta');
	const state = el('span', `state ${h.open ? 'state-open' : 'state-closed'}`);
	state.append(icon(h.stateIcon), ' ', h.state);
	meta.append(state);
	for (const text of [h.reason, h.category, h.answered, h.locked]) if (text) meta.append(el('span', 'meta-item', text));
	const toolbar = el('div', 'toolbar');
	toolbar.append(button(s.openOnGitHub, 'link-external', () => ctx.openLink(t.url), true), button(s.refresh, 'refresh', ctx.refresh, true));
	const actions = threadButtons(t, ctx.snapshot);
	if (actions.length && ctx.moderate) toolbar.append(actionToolbar(s.moderation, actions, action => ctx.moderate?.({ action })));
	root.append(title, meta, labels(t, ctx), toolbar, moderationLine(t, ctx));
	return root;
}

/** The change on its way (polite) and the last failure (alert). */
function moderationLine(t: ThreadDto, ctx: ViewContext): HTMLElement {
	const line = el('div', 'moderation-line');
	const status = el('p', 'moderation-status', pendingText(t.pending, ctx.snapshot));
	status.setAttribute('role', 'status');
	status.setAttribute('aria-live', 'polite');
	line.append(status);
	if (ctx.snapshot.notice) {
		const alert = el('p', 'error moderation-notice', ctx.snapshot.notice);
		alert.setAttribute('role', 'alert');
		line.append(alert);
	}
	return line;
}

function labels(t: ThreadDto, ctx: ViewContext): HTMLElement {
	const list = el('ul', 'labels');
	list.setAttribute('aria-label', ctx.snapshot.strings.labels);
	for (const label of t.labels) {
		const chip = labelChip(label);
		const item = el('li', 'label', chip.name);
		if (chip.description) item.title = chip.description;
		// Only a validated #rrggbb ever reaches a style property (CSSOM, allowed by the CSP).
		if (chip.background && chip.foreground) {
			item.style.backgroundColor = chip.background;
			item.style.color = chip.foreground;
		}
		list.append(item);
	}
	return list;
}

function author(login: string, badge: CommentView['badge'], iso: string, ctx: ViewContext): HTMLElement {
	const line = el('div', 'author-line');
	line.append(icon('account'), el('strong', 'author', login));
	if (badge) line.append(el('span', `badge badge-${badge}`, ctx.snapshot.strings[badge]));
	line.append(time(iso, ctx));
	return line;
}

function body(text: string, html: string, url: string, ctx: ViewContext): HTMLElement {
	const box = el('div', 'markdown-body');
	const source = bodySource(text, html);
	if (source.kind === 'empty') box.append(el('p', 'empty', ctx.snapshot.strings.emptyBody));
	else box.append(source.kind === 'html' ? ctx.sanitizer.html(source.text) : ctx.sanitizer.markdown(source.text));
	if (source.truncated) {
		const more = el('a', 'truncated', ctx.snapshot.strings.truncated);
		more.href = url;
		box.append(more);
	}
	return box;
}

function reactions(list: readonly ReactionDto[], upvotes: number | undefined, ctx: ViewContext): HTMLElement | undefined {
	if (list.length === 0 && !upvotes) return undefined;
	const row = el('ul', 'reactions');
	row.setAttribute('aria-label', ctx.snapshot.strings.reactions);
	if (upvotes) {
		const up = el('li', 'reaction');
		up.append(icon('arrow-up'), ` ${upvotes}`);
		up.setAttribute('aria-label', format(ctx.snapshot.strings.upvotes, upvotes));
		row.append(up);
	}
	for (const r of list) row.append(el('li', 'reaction', `${REACTION_EMOJI[r.content]} ${r.count}`));
	return row;
}

function comment(v: CommentView, ctx: ViewContext, topLevelOfDiscussion = false): HTMLElement {
	const c = v.comment;
	const article = el('article', `comment${c.isAnswer ? ' answer' : ''}${v.collapsed ? ' minimized' : ''}${c.pending ? ' pending' : ''}`);
	article.tabIndex = 0;
	article.setAttribute('aria-label', v.label);
	article.dataset.commentId = c.id;
	if (c.pending) article.setAttribute('aria-busy', 'true');
	const content = el('div', 'comment-content');
	if (c.isAnswer) {
		const mark = el('div', 'answer-mark');
		mark.append(icon('pass-filled'), ' ', ctx.snapshot.strings.answer);
		content.append(mark);
	}
	const line = author(c.author, v.badge, c.createdAt, ctx);
	const buttons = commentButtons(c, ctx.snapshot);
	if (buttons.length && ctx.moderate) {
		line.append(actionToolbar(format(ctx.snapshot.strings.commentActions, c.author), buttons, action => ctx.moderate?.({ action, commentId: c.id })));
	}
	const pending = pendingText(c.pending, ctx.snapshot);
	if (pending) line.append(el('span', 'comment-pending', pending));
	content.append(line);
	const main = el('div');
	main.append(body(c.body, c.bodyHTML, c.url, ctx));
	const r = reactions(c.reactions, c.upvoteCount, ctx);
	if (r) main.append(r);
	if (v.collapsed) {
		const collapsible = document.createElement('vscode-collapsible');
		collapsible.setAttribute('title', v.hiddenNote ?? '');
		collapsible.append(main);
		content.append(collapsible);
	} else {
		content.append(main);
	}
	article.append(content);
	if (v.replies.length || c.hasMoreReplies) article.append(replies(v, ctx));
	if (topLevelOfDiscussion) article.append(inlineReply(c.id, c.author, ctx));
	return article;
}

/** The "Reply" button of a top-level discussion comment, or its open box. */
function inlineReply(id: string, login: string, ctx: ViewContext): HTMLElement {
	const slot = el('div', 'inline-reply');
	const box = ctx.replies?.isOpen(id) ? ctx.replies.box(id) : undefined;
	if (box) {
		slot.append(box);
	} else if (ctx.replies && ctx.snapshot.thread && canReply(ctx.snapshot.thread)) {
		const b = button(ctx.snapshot.strings.reply, 'reply', () => ctx.replies?.open(id), true);
		b.setAttribute('aria-label', format(ctx.snapshot.strings.replyToLabel, login));
		b.dataset.replyTo = id;
		slot.append(b);
	}
	return slot;
}

/** The thread's reply box, or why there is none (locked); on a locked thread a maintainer gets both a note and the box. */
function threadReply(t: ThreadDto, ctx: ViewContext): HTMLElement[] {
	if (!ctx.replies) return [];
	const box = canReply(t) ? ctx.replies.box(null) : undefined;
	if (!t.locked) return box ? [box] : [];
	const note = el('p', 'locked-note');
	note.append(icon('lock'), ' ', box ? ctx.snapshot.strings.lockedCanReply : ctx.snapshot.strings.lockedNoReply);
	return box ? [note, box] : [note];
}

function replies(v: CommentView, ctx: ViewContext): HTMLElement {
	const group = el('div', 'replies');
	group.setAttribute('role', 'group');
	group.setAttribute('aria-label', format(ctx.snapshot.strings.replies, v.comment.author));
	for (const r of v.replies) group.append(comment(r, ctx));
	if (v.comment.hasMoreReplies) group.append(loadMore(v.comment.id, ctx.snapshot.strings.loadMoreReplies, v.comment.url, ctx));
	return group;
}

/** "Load more" (a button the host answers from its own cursor), or a link to GitHub when it cannot. */
function loadMore(replyToId: string | null, label: string, url: string, ctx: ViewContext): HTMLElement {
	if (!ctx.loadMore) {
		const more = el('a', 'more', replyToId === null ? format(ctx.snapshot.strings.moreComments, ctx.snapshot.thread?.comments.length ?? 0) : ctx.snapshot.strings.moreReplies);
		more.href = url;
		return more;
	}
	const loading = ctx.snapshot.loadingMore?.includes(replyToId ?? '') === true;
	const b = button(loading ? ctx.snapshot.strings.loadingMore : label, 'fold-down', () => ctx.loadMore?.(replyToId), true);
	b.classList.add('more');
	b.dataset.loadMore = replyToId ?? '';
	b.toggleAttribute('disabled', loading);
	b.setAttribute('aria-busy', String(loading));
	return b;
}

function thread(t: ThreadDto, ctx: ViewContext): HTMLElement {
	const s = ctx.snapshot.strings;
	const main = el('main', 'thread');
	main.setAttribute('aria-labelledby', 'thread-title');
	const post = el('article', 'comment post');
	post.tabIndex = 0;
	post.setAttribute('aria-label', format(s.threadBody, t.author, timeText(t.createdAt, ctx.snapshot.now, ctx.snapshot.locale).relative));
	post.append(author(t.author, associationBadge(t.authorAssociation), t.createdAt, ctx),
		body(t.body, t.bodyHTML, t.url, ctx));
	const r = reactions(t.reactions, t.upvoteCount, ctx);
	if (r) post.append(r);
	const heading = el('h2', 'comments-heading', format(s.comments, t.commentCount));
	const list = el('section', 'comments');
	list.setAttribute('aria-label', format(s.comments, t.commentCount));
	for (const c of t.comments) list.append(comment(commentView(c, ctx.snapshot), ctx, t.kind === 'discussion'));
	main.append(header(t, ctx), post, heading, list);
	if (t.hasMoreComments) main.append(loadMore(null, s.loadMoreComments, t.url, ctx));
	main.append(...threadReply(t, ctx));
	main.append(el('p', 'hint', s.keyboardHelp));
	return main;
}

function status(ctx: ViewContext): HTMLElement {
	const box = el('div', 'status');
	const s = ctx.snapshot;
	if (s.status === 'loading') {
		const ring = document.createElement('vscode-progress-ring');
		ring.setAttribute('aria-live', 'polite');
		ring.setAttribute('aria-label', s.strings.loading);
		box.append(ring, el('span', undefined, s.strings.loading));
	} else if (s.status === 'error') {
		const error = el('p', 'error', format(s.strings.error, s.error ?? ''));
		error.setAttribute('role', 'alert');
		box.append(error, button(s.strings.refresh, 'refresh', ctx.refresh));
	}
	return box;
}

/** Whether the reply boxes show (a locked thread only for those who may still comment). */
function canReply(t: ThreadDto): boolean {
	return t.canReply ?? !t.locked;
}

/** Renders a complete snapshot into `root`, replacing what was there. */
export function render(root: HTMLElement, ctx: ViewContext): void {
	const nodes: HTMLElement[] = [];
	if (ctx.snapshot.status !== 'ready' || !ctx.snapshot.thread) nodes.push(status(ctx));
	if (ctx.snapshot.thread) nodes.push(thread(ctx.snapshot.thread, ctx));
	root.replaceChildren(...nodes);
	root.setAttribute('aria-busy', String(ctx.snapshot.status === 'loading'));
}
