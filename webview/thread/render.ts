// Pure view model of the thread panel: what to show, decided without a DOM (unit-tested in Node).
import type { AuthorAssociationDto, ThreadCommentDto, ThreadDto, ThreadSnapshot, ThreadStrings } from '../../src/shared/threadProtocol';

/** Bodies longer than this are cut, with a link to GitHub (security checklist W11). */
export const MAX_BODY_CHARS = 256 * 1024;

/** The panel's state: the last snapshot from the host. */
export interface ThreadState {
	readonly snapshot?: ThreadSnapshot;
}

/** Reducer: every notification is a complete snapshot, so the new one replaces the old. */
export function reduce(state: ThreadState, snapshot: ThreadSnapshot): ThreadState {
	return { ...state, snapshot };
}

/** Which badge an author gets. */
export type AssociationBadge = 'maintainer' | 'contributor' | 'firstTimer' | undefined;

/** Maps GitHub's association to the panel's three badges (maintainer = owner, member, collaborator). */
export function associationBadge(a: AuthorAssociationDto): AssociationBadge {
	if (a === 'OWNER' || a === 'MEMBER' || a === 'COLLABORATOR') return 'maintainer';
	if (a === 'CONTRIBUTOR') return 'contributor';
	if (a === 'FIRST_TIMER' || a === 'FIRST_TIME_CONTRIBUTOR') return 'firstTimer';
	return undefined;
}

/** What to render as a body: GitHub's HTML when present (its images go through camo), else markdown. */
export interface BodySource {
	readonly kind: 'html' | 'markdown' | 'empty';
	readonly text: string;
	readonly truncated: boolean;
}

/** Chooses and bounds a body. */
export function bodySource(body: string, bodyHTML: string): BodySource {
	const [kind, text] = bodyHTML.trim() ? ['html', bodyHTML] as const : body.trim() ? ['markdown', body] as const : ['empty', ''] as const;
	if (text.length <= MAX_BODY_CHARS) return { kind, text, truncated: false };
	// Cut HTML at a tag boundary so no half tag is left; the sanitiser closes what stays open.
	const cut = text.slice(0, MAX_BODY_CHARS);
	const safe = kind === 'html' ? cut.slice(0, Math.max(0, cut.lastIndexOf('<'))) : cut;
	return { kind, text: safe, truncated: true };
}

/** A label chip: a validated colour and a text colour with enough contrast. */
export interface LabelChip {
	readonly name: string;
	readonly description?: string;
	/** `#rrggbb`, or undefined when GitHub's value is not a hex colour. */
	readonly background?: string;
	readonly foreground?: '#000000' | '#ffffff';
}

/** Builds a label chip; only a 6-digit hex colour ever reaches a style property. */
export function labelChip(label: { name: string; color: string; description?: string }): LabelChip {
	if (!/^[0-9a-f]{6}$/i.test(label.color)) return { name: label.name, description: label.description };
	const [r, g, b] = [0, 2, 4].map(i => channel(parseInt(label.color.slice(i, i + 2), 16)));
	const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
	// Pick the text colour with the higher WCAG contrast ratio against the label colour.
	const foreground = (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
	return { name: label.name, description: label.description, background: `#${label.color.toLowerCase()}`, foreground };
}

function channel(v: number): number {
	const s = v / 255;
	return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Fills `{0}`, `{1}`… in a host-translated string. */
export function format(template: string, ...args: (string | number)[]): string {
	return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
	['year', 365 * 86_400_000], ['month', 30 * 86_400_000], ['week', 7 * 86_400_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000],
];

/** A time as shown: relative text, the exact time for `title`, and the ISO value for `<time datetime>`. */
export interface TimeText {
	readonly relative: string;
	readonly exact: string;
	readonly iso: string;
}

/** "3 days ago" / "3 дня назад" plus the exact date and time; '' parts for an invalid date. */
export function timeText(iso: string, now: string, locale: string): TimeText {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return { relative: '', exact: '', iso: '' };
	const delta = t - Date.parse(now);
	let relative: string;
	let exact: string;
	try {
		const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
		const unit = UNITS.find(([, ms]) => Math.abs(delta) >= ms);
		relative = unit ? rtf.format(Math.round(delta / unit[1]), unit[0]) : rtf.format(0, 'second');
		exact = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'medium' }).format(t);
	} catch {
		relative = exact = new Date(t).toISOString();
	}
	return { relative, exact, iso: new Date(t).toISOString() };
}

/** The header line of a thread: state, reason, category and lock, as text. */
export interface ThreadHeader {
	readonly state: string;
	readonly stateIcon: 'issues' | 'issue-closed' | 'comment-discussion' | 'check';
	readonly open: boolean;
	readonly reason?: string;
	readonly category?: string;
	readonly locked?: string;
	readonly answered?: string;
}

/** Words for enum values such as `NOT_PLANNED` → "not planned" (GitHub's own wording, untranslated codes are never shown raw). */
export function humanize(code: string): string {
	const s = code.toLowerCase().replace(/[_-]+/g, ' ').trim();
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Decides the header of a thread. */
export function threadHeader(t: ThreadDto, s: ThreadStrings): ThreadHeader {
	const open = t.state === 'OPEN';
	return {
		state: open ? s.open : s.closed,
		stateIcon: t.kind === 'discussion' ? (open ? 'comment-discussion' : 'check') : open ? 'issues' : 'issue-closed',
		open,
		reason: t.stateReason ? format(s.reason, humanize(t.stateReason)) : undefined,
		category: t.category ? format(s.category, `${t.category.emoji ? `${t.category.emoji} ` : ''}${t.category.name}`) : undefined,
		locked: t.locked ? (t.lockReason ? `${s.locked} (${humanize(t.lockReason)})` : s.locked) : undefined,
		answered: t.isAnswered === undefined ? undefined : t.isAnswered ? s.answered : s.unanswered,
	};
}

/** How a comment is shown. */
export interface CommentView {
	readonly comment: ThreadCommentDto;
	readonly badge: AssociationBadge;
	readonly time: TimeText;
	/** The screen-reader label of the comment's region. */
	readonly label: string;
	readonly collapsed: boolean;
	readonly hiddenNote?: string;
	readonly replies: readonly CommentView[];
}

/** Decides how a comment and its replies are shown. */
export function commentView(c: ThreadCommentDto, snap: ThreadSnapshot, isReply = false): CommentView {
	const time = timeText(c.createdAt, snap.now, snap.locale);
	const s = snap.strings;
	return {
		comment: c,
		badge: associationBadge(c.authorAssociation),
		time,
		label: format(isReply ? s.replyBy : s.commentBy, c.author, time.relative) + (c.isAnswer ? `, ${s.answer}` : ''),
		collapsed: c.isMinimized,
		hiddenNote: c.isMinimized ? format(s.hiddenComment, humanize(c.minimizedReason ?? 'hidden')) : undefined,
		replies: isReply ? [] : c.replies.map(r => commentView(r, snap, true)),
	};
}

/** Moves keyboard focus among items: index of the next item, clamped. */
export function nextIndex(current: number, count: number, delta: 1 | -1): number {
	if (count === 0) return -1;
	if (current < 0) return delta > 0 ? 0 : count - 1;
	return Math.min(count - 1, Math.max(0, current + delta));
}
