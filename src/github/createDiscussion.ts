import type { CreatedDiscussion } from '../core/model';
import { GitHubError } from './errors';

// Starting a discussion (the weekly digest posts one). A notifying write: the scheduler spaces it
// like a comment, and it is never retried automatically (security checklist R1, R6).

/**
 * Creates a discussion in a category of a repository.
 * Cost: 1 point (no connections).
 */
export const CREATE_DISCUSSION_MUTATION = /* GraphQL */ `
	mutation CreateDiscussion($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
		createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) {
			discussion {
				id
				number
				url
			}
		}
	}
`;

/** Raw result of {@link CREATE_DISCUSSION_MUTATION}. */
export interface CreateDiscussionResult {
	createDiscussion: { discussion: { id: string; number: number; url: string } | null } | null;
}

/** The created discussion, or a `server` error when GitHub answered without one. */
export function createdDiscussionOf(raw: CreateDiscussionResult): CreatedDiscussion {
	const d = raw.createDiscussion?.discussion;
	if (!d?.id || typeof d.number !== 'number' || typeof d.url !== 'string') throw new GitHubError('server', 'GitHub answered without the new discussion.');
	return { id: d.id, number: d.number, url: d.url };
}
