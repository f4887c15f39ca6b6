/**
 * A thread as a Markdown text document ("Open Thread as Text": the accessible, read-only view).
 * Safe by construction: every string GitHub users wrote is either backslash-escaped inline text
 * (titles, logins, labels, category) or sits in a fenced code block longer than any backtick or
 * tilde run inside it (bodies), so neither the editor nor a Markdown preview turns it into links,
 * HTML or images. Pure: no vscode.
 */
import type { Translate } from './l10n';
import { plural } from './l10n';
import type { Thread, ThreadComment } from './model';

/** Characters Markdown gives a meaning to inline (CommonMark's escapable ASCII punctuation). */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!<>|~"'&:=]/g;

/** One line of untrusted text as inert Markdown: line breaks flattened, punctuation escaped. */
export function escapeInline(text: string): string {
	return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(MARKDOWN_PUNCTUATION, c => `\\${c}`);
}

/** A fenced block that no run of backticks or tildes inside `text` can close early. */
export function fenced(text: string): string {
	const longest = Math.max(2, ...[...text.matchAll(/~+/g)].map(m => m[0].length));
	const fence = '~'.repeat(longest + 1);
	return `${fence}text\n${text.replace(/\r\n?/g, '\n').trimEnd()}\n${fence}`;
}

/** An ISO time in the reader's locale, or the raw value when it cannot be formatted. */
function when(iso: string, locale: string): string {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return escapeInline(iso);
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(t) + ' UTC';
	} catch {
		return new Date(t).toISOString();
	}
}

function humanize(code: string): string {
	return code.toLowerCase().replace(/[_-]+/g, ' ');
}

function body(text: string, t: Translate): string {
	return text.trim() ? fenced(text) : `_${t('No description provided.')}_`;
}

/** The parts of a comment (or the opening post) the document shows. */
type Post = Pick<ThreadComment, 'author' | 'createdAt' | 'body' | 'isAnswer' | 'isMinimized' | 'minimizedReason'>;

function comment(c: Post, heading: string, t: Translate, locale: string): string {
	const notes = [when(c.createdAt, locale)];
	if (c.isAnswer) notes.push(t('Answer'));
	if (c.isMinimized) notes.push(t('Hidden: {0}', escapeInline(humanize(c.minimizedReason ?? 'hidden'))));
	const parts = [`${heading} ${escapeInline(c.author)} · ${notes.join(' · ')}`, '', body(c.body, t)];
	return parts.join('\n');
}

/** The document: header facts, the opening post, then each comment with its replies. */
export function threadAsText(thread: Thread, t: Translate, locale: string): string {
	const kind = thread.kind === 'discussion' ? t('Discussion') : t('Issue');
	const facts = [`${escapeInline(thread.repo.owner)}/${escapeInline(thread.repo.name)}`, thread.state === 'OPEN' ? t('Open') : t('Closed')];
	if (thread.stateReason) facts.push(t('Reason: {0}', humanize(thread.stateReason)));
	if (thread.category) facts.push(t('Category: {0}', escapeInline(thread.category.name)));
	if (thread.isAnswered !== undefined) facts.push(thread.isAnswered ? t('Answered') : t('Unanswered'));
	if (thread.locked) facts.push(thread.lockReason ? `${t('Locked')} (${humanize(thread.lockReason)})` : t('Locked'));
	const lines = [`# ${kind} ${thread.number}: ${escapeInline(thread.title)}`, '', facts.join(' · ')];
	if (thread.labels.length) lines.push('', t('Labels: {0}', thread.labels.map(l => escapeInline(l.name)).join(', ')));
	lines.push('', `\`${thread.url.replace(/`/g, '')}\``, '', comment({ author: thread.author, createdAt: thread.createdAt, body: thread.body, isAnswer: false, isMinimized: false }, '##', t, locale));
	lines.push('', `## ${plural(t, locale, thread.commentCount, { one: '{0} comment', few: '{0} comments', many: '{0} comments', other: '{0} comments' })}`);
	for (const c of thread.comments) {
		lines.push('', comment(c, '###', t, locale));
		for (const r of c.replies) lines.push('', comment(r, `#### ${t('Reply by')}`, t, locale));
		if (c.hasMoreReplies) lines.push('', `_${t('More replies on GitHub')}_`);
	}
	if (thread.hasMoreComments) lines.push('', `_${t('Only the first {0} comments are shown. See the rest on GitHub.', thread.comments.length)}_`);
	return `${lines.join('\n')}\n`;
}
