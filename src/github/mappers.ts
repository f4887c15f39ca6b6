import { stripMarker } from '../core/outbox';
import { threadPermissions } from '../core/moderation';
import type {
	AuthorAssociation,
	DiscussionCategory,
	DiscussionStateReason,
	DiscussionSummary,
	IssueStateReason,
	IssueSummary,
	Label,
	LockReason,
	Page,
	ReactionContent,
	ReactionCount,
	RepoRef,
	RepositoryInfo,
	SavedReply,
	Thread,
	ThreadComment,
	Viewer,
} from '../core/model';
import type {
	RawActor,
	RawConnection,
	RawDiscussionCategory,
	RawDiscussionSummary,
	RawIssueSummary,
	RawLabelConnection,
	RawPageInfo,
	RawDiscussionComment,
	RawDiscussionThread,
	RawDiscussionTopComment,
	RawIssueThread,
	RawReactionGroup,
	RawRepository,
	RawSearchNode,
	RawThreadCommentBase,
	RestUser,
	SavedRepliesQueryResult,
} from './queries';

// Pure raw → domain mappers. Total: unknown enum values from a newer GitHub map to a safe default
// instead of throwing, and no GitHub markup ever reaches a domain object.

/** Login shown for deleted accounts (GitHub's own placeholder). */
export const GHOST_LOGIN = 'ghost';

const AUTHOR_ASSOCIATIONS: readonly AuthorAssociation[] = [
	'OWNER', 'MEMBER', 'COLLABORATOR', 'CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'FIRST_TIMER', 'MANNEQUIN', 'NONE',
];
const DISCUSSION_STATE_REASONS: readonly DiscussionStateReason[] = ['RESOLVED', 'OUTDATED', 'DUPLICATE', 'REOPENED'];
const ISSUE_STATE_REASONS: readonly IssueStateReason[] = ['COMPLETED', 'NOT_PLANNED', 'REOPENED', 'DUPLICATE'];
const LOCK_REASONS: readonly LockReason[] = ['OFF_TOPIC', 'TOO_HEATED', 'RESOLVED', 'SPAM'];

/** Returns `value` when it is one of `allowed`, else undefined. */
function oneOf<T extends string>(allowed: readonly T[], value: string | null | undefined): T | undefined {
	return value != null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The login of an actor, or `ghost` when GitHub returns null (deleted account). */
export function toLogin(actor: RawActor | null | undefined): string {
	return actor?.login ?? GHOST_LOGIN;
}

/** Maps an author association; unknown values become `NONE`. */
export function toAuthorAssociation(value: string | null | undefined): AuthorAssociation {
	return oneOf(AUTHOR_ASSOCIATIONS, value) ?? 'NONE';
}

/** Maps the REST `GET /user` body and the `x-oauth-scopes` header (absent for fine-grained tokens). */
export function toViewer(user: RestUser, oauthScopesHeader?: string | null): Viewer {
	return {
		login: user.login,
		name: user.name ?? undefined,
		avatarUrl: user.avatar_url || undefined,
		scopes: parseScopes(oauthScopesHeader),
	};
}

/** Splits an `X-OAuth-Scopes`-style header (`repo, read:org`); undefined when the header is absent. */
export function parseScopes(header: string | null | undefined): string[] | undefined {
	if (header == null) {
		return undefined;
	}
	return header.split(',').map(s => s.trim()).filter(s => s.length > 0);
}

/** Maps a raw repository. */
export function toRepositoryInfo(raw: RawRepository): RepositoryInfo {
	return {
		id: raw.id,
		owner: raw.owner.login,
		name: raw.name,
		url: raw.url,
		isPrivate: raw.isPrivate,
		hasDiscussionsEnabled: raw.hasDiscussionsEnabled,
		hasIssuesEnabled: raw.hasIssuesEnabled,
		viewerPermission: raw.viewerPermission ?? undefined,
	};
}

/** Maps the labels of an issue or discussion, skipping null entries. */
export function toLabels(raw: RawLabelConnection | null | undefined): Label[] {
	return compact(raw?.nodes).map(l => ({
		id: l.id,
		name: l.name,
		color: l.color.replace(/^#/, ''),
		description: l.description || undefined,
	}));
}

/** Maps the saved replies of {@link SavedRepliesQueryResult} (null connection: none). */
export function toSavedReplies(raw: SavedRepliesQueryResult): SavedReply[] {
	return compact(raw.viewer.savedReplies?.nodes ?? null).map(r => ({ id: r.id, title: r.title, body: r.body }));
}

/** Maps a discussion category; the emoji comes from `emojiHTML` as plain Unicode. */
export function toCategory(raw: RawDiscussionCategory): DiscussionCategory {
	return {
		id: raw.id,
		name: raw.name,
		slug: raw.slug,
		emoji: emojiFromHtml(raw.emojiHTML),
		description: raw.description || undefined,
		isAnswerable: raw.isAnswerable,
	};
}

/** Maps a discussion as listed in the tree. */
export function toDiscussionSummary(raw: RawDiscussionSummary): DiscussionSummary {
	return {
		id: raw.id,
		number: raw.number,
		title: raw.title,
		url: raw.url,
		author: toLogin(raw.author),
		authorAssociation: toAuthorAssociation(raw.authorAssociation),
		categoryId: raw.category.id,
		createdAt: raw.createdAt,
		updatedAt: raw.updatedAt,
		closed: raw.closed,
		stateReason: oneOf(DISCUSSION_STATE_REASONS, raw.stateReason),
		locked: raw.locked,
		lockReason: raw.locked ? oneOf(LOCK_REASONS, raw.activeLockReason) : undefined,
		isAnswered: raw.isAnswered ?? undefined,
		commentCount: raw.comments.totalCount,
		upvoteCount: raw.upvoteCount,
		labels: toLabels(raw.labels),
	};
}

/** Maps an issue as listed in the tree. */
export function toIssueSummary(raw: RawIssueSummary): IssueSummary {
	return {
		id: raw.id,
		number: raw.number,
		title: raw.title,
		url: raw.url,
		repo: { owner: raw.repository.owner.login, name: raw.repository.name },
		author: toLogin(raw.author),
		authorAssociation: toAuthorAssociation(raw.authorAssociation),
		state: raw.state === 'CLOSED' ? 'CLOSED' : 'OPEN',
		stateReason: oneOf(ISSUE_STATE_REASONS, raw.stateReason),
		createdAt: raw.createdAt,
		updatedAt: raw.updatedAt,
		closedAt: raw.closedAt ?? undefined,
		locked: raw.locked,
		lockReason: raw.locked ? oneOf(LOCK_REASONS, raw.activeLockReason) : undefined,
		commentCount: raw.comments.totalCount,
		labels: toLabels(raw.labels),
		assignees: compact(raw.assignees.nodes).map(a => a.login),
	};
}

/** True for search hits that are issues (pull requests and everything else are dropped). */
export function isIssueNode(node: RawSearchNode | null): node is { __typename: 'Issue' } & RawIssueSummary {
	return node?.__typename === 'Issue';
}

/** Maps one page of a connection: null nodes are skipped; the cursor is set only when there is more. */
export function toPage<R, T>(connection: RawConnection<R>, map: (raw: R) => T): Page<T> {
	return {
		items: compact(connection.nodes).map(map),
		totalCount: connection.totalCount,
		nextCursor: nextCursor(connection.pageInfo),
	};
}

/** The cursor for the next page, or undefined on the last page. */
export function nextCursor(pageInfo: RawPageInfo): string | undefined {
	return pageInfo.hasNextPage && pageInfo.endCursor ? pageInfo.endCursor : undefined;
}

/** Drops null and undefined entries of a nullable GraphQL list. */
export function compact<T>(items: readonly (T | null | undefined)[] | null | undefined): T[] {
	return (items ?? []).filter((x): x is T => x != null);
}

// ---------------------------------------------------------------------------------------------
// Threads

const REACTION_CONTENTS: readonly ReactionContent[] = ['THUMBS_UP', 'THUMBS_DOWN', 'LAUGH', 'HOORAY', 'CONFUSED', 'HEART', 'ROCKET', 'EYES'];

/** Maps reaction groups to the non-zero counts of known contents, in GitHub's order. */
export function toReactions(groups: readonly RawReactionGroup[] | null | undefined): ReactionCount[] {
	return compact(groups)
		.map(g => ({ content: oneOf(REACTION_CONTENTS, g.content), count: g.reactors?.totalCount ?? 0 }))
		.filter((r): r is ReactionCount => r.content !== undefined && r.count > 0);
}

/** GitHub reports `minimizedReason` as `off-topic`, `spam`…; anything else is reduced to a safe token. */
function toMinimizedReason(raw: RawThreadCommentBase): string | undefined {
	if (!raw.isMinimized) return undefined;
	const reason = (raw.minimizedReason ?? '').toLowerCase().replace(/[^a-z-]/g, '').slice(0, 32);
	return reason || undefined;
}

/** Maps an issue comment, or the fields of a discussion comment shared with issue comments. */
export function toThreadComment(raw: RawThreadCommentBase): ThreadComment {
	return {
		id: raw.id,
		url: raw.url,
		author: toLogin(raw.author),
		authorAssociation: toAuthorAssociation(raw.authorAssociation),
		createdAt: raw.createdAt,
		// The outbox's invisible marker is not shown (GitHub drops it from bodyHTML; some renderers escape it).
		body: stripMarker(raw.body ?? ''),
		bodyHTML: stripMarker(raw.bodyHTML ?? ''),
		isAnswer: false,
		isMinimized: raw.isMinimized,
		minimizedReason: toMinimizedReason(raw),
		reactions: toReactions(raw.reactionGroups),
		replies: [],
		hasMoreReplies: false,
		permissions: { canMinimize: raw.viewerCanMinimize === true, canMarkAsAnswer: false, canUnmarkAsAnswer: false },
	};
}

/** Maps a discussion comment or reply (with its replies when it is a top-level comment). */
export function toDiscussionComment(raw: RawDiscussionComment | RawDiscussionTopComment): ThreadComment {
	const replies = 'replies' in raw ? raw.replies : undefined;
	return {
		...toThreadComment(raw),
		isAnswer: raw.isAnswer,
		permissions: {
			canMinimize: raw.viewerCanMinimize === true,
			canMarkAsAnswer: raw.viewerCanMarkAsAnswer === true,
			canUnmarkAsAnswer: raw.viewerCanUnmarkAsAnswer === true,
		},
		upvoteCount: raw.upvoteCount,
		replies: compact(replies?.nodes).map(toDiscussionComment),
		hasMoreReplies: replies?.pageInfo.hasNextPage ?? false,
		repliesCursor: replies ? nextCursor(replies.pageInfo) : undefined,
	};
}

/** Maps a discussion with its first page of comments. */
export function toDiscussionThread(repo: RepoRef, raw: RawDiscussionThread, viewerPermission?: string | null): Thread {
	return {
		kind: 'discussion', repo, id: raw.id, number: raw.number, title: raw.title, url: raw.url,
		state: raw.closed ? 'CLOSED' : 'OPEN',
		stateReason: oneOf(DISCUSSION_STATE_REASONS, raw.stateReason),
		category: { name: raw.category.name, emoji: emojiFromHtml(raw.category.emojiHTML), isAnswerable: raw.category.isAnswerable },
		labels: toLabels(raw.labels),
		author: toLogin(raw.author), authorAssociation: toAuthorAssociation(raw.authorAssociation),
		createdAt: raw.createdAt, updatedAt: raw.updatedAt,
		body: raw.body ?? '', bodyHTML: raw.bodyHTML ?? '',
		locked: raw.locked, lockReason: raw.locked ? oneOf(LOCK_REASONS, raw.activeLockReason) : undefined,
		isAnswered: raw.isAnswered ?? undefined,
		answerId: raw.answer?.id,
		upvoteCount: raw.upvoteCount,
		reactions: toReactions(raw.reactionGroups),
		comments: compact(raw.comments.nodes).map(toDiscussionComment),
		commentCount: raw.comments.totalCount,
		hasMoreComments: raw.comments.pageInfo.hasNextPage,
		commentsCursor: nextCursor(raw.comments.pageInfo),
		viewerCanReact: raw.viewerCanReact,
		permissions: threadPermissions('discussion', { ...raw, viewerPermission }),
	};
}

/** Maps an issue with its first page of comments. */
export function toIssueThread(repo: RepoRef, raw: RawIssueThread, viewerPermission?: string | null): Thread {
	return {
		kind: 'issue', repo, id: raw.id, number: raw.number, title: raw.title, url: raw.url,
		state: raw.state === 'CLOSED' ? 'CLOSED' : 'OPEN',
		stateReason: oneOf(ISSUE_STATE_REASONS, raw.stateReason),
		labels: toLabels(raw.labels),
		author: toLogin(raw.author), authorAssociation: toAuthorAssociation(raw.authorAssociation),
		createdAt: raw.createdAt, updatedAt: raw.updatedAt,
		body: raw.body ?? '', bodyHTML: raw.bodyHTML ?? '',
		locked: raw.locked, lockReason: raw.locked ? oneOf(LOCK_REASONS, raw.activeLockReason) : undefined,
		reactions: toReactions(raw.reactionGroups),
		comments: compact(raw.comments.nodes).map(toThreadComment),
		commentCount: raw.comments.totalCount,
		hasMoreComments: raw.comments.pageInfo.hasNextPage,
		commentsCursor: nextCursor(raw.comments.pageInfo),
		viewerCanReact: raw.viewerCanReact,
		permissions: threadPermissions('issue', { ...raw, viewerPermission }),
	};
}

// ---------------------------------------------------------------------------------------------
// Emoji

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: '\u00a0' };
/** Something that makes a string an emoji rather than text: a pictograph, a flag half or a keycap. */
const EMOJI_SIGNAL = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
const MAX_EMOJI_LENGTH = 32;

/**
 * Extracts the emoji from a category's `emojiHTML`
 * (`<div><g-emoji class="g-emoji" alias="speech_balloon">💬</g-emoji></div>`) as plain Unicode.
 * Markup is never kept: tags are removed, entities decoded, and anything that is not a short emoji
 * (custom image emoji, text, stray markup) gives ''.
 */
export function emojiFromHtml(html: string | null | undefined): string {
	if (!html) {
		return '';
	}
	const inner = /<g-emoji\b[^>]*>([\s\S]*?)<\/g-emoji>/i.exec(html)?.[1] ?? html;
	const text = decodeHtmlEntities(inner.replace(/<[^>]*>/g, '')).trim();
	if (text.length === 0 || text.length > MAX_EMOJI_LENGTH || /[<>&\s]/.test(text) || !EMOJI_SIGNAL.test(text)) {
		return '';
	}
	return text;
}

/** Decodes numeric (`&#128172;`, `&#x1F4AC;`) and the basic named HTML entities; others stay as they are. */
export function decodeHtmlEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
		if (body.startsWith('#')) {
			const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
			return isValidCodePoint(code) ? String.fromCodePoint(code) : '\ufffd';
		}
		return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
	});
}

function isValidCodePoint(code: number): boolean {
	return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
}
