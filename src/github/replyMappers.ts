import type { FindCommentQuery, PostedComment } from '../core/model';
import { matchesReply } from '../core/outbox';
import { GitHubError } from './errors';
import { toLogin } from './mappers';
import type { RawPostedComment } from './replyQueries';

/** Maps a posted comment; a 2xx without a comment counts as a server problem (outcome unknown). */
export function postedCommentOf(raw: RawPostedComment | null | undefined): PostedComment {
	if (!raw?.id) throw new GitHubError('server', 'GitHub answered without the new comment.');
	return toPostedComment(raw);
}

/** Maps a raw comment of the reply read-backs. */
export function toPostedComment(raw: RawPostedComment): PostedComment {
	return { id: raw.id, url: raw.url, createdAt: raw.createdAt, author: toLogin(raw.author), body: raw.body ?? '' };
}

/** The newest comment that is the reply (by marker, else by exact text, author and time). */
export function findPostedComment(nodes: readonly (RawPostedComment | null)[], query: FindCommentQuery): PostedComment | undefined {
	for (let i = nodes.length - 1; i >= 0; i--) {
		const raw = nodes[i];
		if (!raw) continue;
		const comment = toPostedComment(raw);
		if (matchesReply(comment, query)) return comment;
	}
	return undefined;
}
