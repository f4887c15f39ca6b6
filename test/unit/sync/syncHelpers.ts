import { RepoIndex } from '../../../src/core/repoIndex';
import { OctokitGitHubClient } from '../../../src/github/octokitClient';
import { OctokitSyncSource } from '../../../src/github/octokitSyncSource';
import type { Sandbox } from '../../sandbox/server';

// Shared by the sync tests and the benchmark: a real client against the sandbox, and the numbers
// the sandbox's own store says a full sync must find.

/** A sync source over the real Octokit client pointed at the sandbox. */
export function sandboxSource(sb: Sandbox, token = sb.token): OctokitSyncSource {
	return sandboxSourceAt(sb.url, token);
}

/** The same for a sandbox in another process, by its URL and token. */
export function sandboxSourceAt(url: string, token: string): OctokitSyncSource {
	const client = OctokitGitHubClient.create(async () => token, { restBaseUrl: `${url}/api/v3`, graphqlUrl: `${url}/api/graphql`, retryBaseDelayMs: 10 });
	return new OctokitSyncSource(client);
}

/** What a complete sync of `owner/name` must hold. */
export interface ExpectedCounts {
	issues: number;
	discussions: number;
	issueComments: number;
	discussionComments: number;
	replies: number;
}

/** Counts straight from the sandbox store (pull requests left out, as the issues connection does). */
export function expectedCounts(sb: Sandbox, owner: string, name: string): ExpectedCounts {
	const repo = sb.store.repo(owner, name)!;
	const issues = repo.issues.filter(t => t.kind === 'issue');
	return {
		issues: issues.length,
		discussions: repo.discussions.length,
		issueComments: issues.reduce((n, t) => n + t.comments.length, 0),
		discussionComments: repo.discussions.reduce((n, t) => n + t.comments.length, 0),
		replies: repo.discussions.reduce((n, t) => n + t.comments.reduce((m, c) => m + (c.replies?.length ?? 0), 0), 0),
	};
}

/** The same counts from an index. */
export function indexCounts(index: RepoIndex): ExpectedCounts {
	const kindOf = new Map(index.items().map(i => [i.id, i.kind]));
	const counts = { issues: 0, discussions: 0, issueComments: 0, discussionComments: 0, replies: 0 };
	for (const item of index.items()) {
		counts[item.kind === 'issue' ? 'issues' : 'discussions']++;
	}
	const rows = commentRows(index);
	rows.ids.forEach((_, row) => {
		const kind = kindOf.get(index.items()[rows.item[row]!]!.id);
		if (kind === 'issue') counts.issueComments++;
		else if (rows.parent[row] === -1) counts.discussionComments++;
		else counts.replies++;
	});
	return counts;
}

/** The comment ids of an index with their item rows and parent rows, read back from its serialized comments part. */
export function commentRows(index: RepoIndex): { ids: string[]; item: number[]; parent: number[] } {
	const { chunks } = index.toCommentsJSON('');
	const numbers = (column: string) => (column === '' ? [] : column.split(',').map(Number));
	return {
		ids: chunks.flatMap(c => (c.ids.startsWith('[') ? JSON.parse(c.ids) as string[] : c.ids === '' ? [] : c.ids.split(' '))),
		item: chunks.flatMap(c => numbers(c.item)),
		parent: chunks.flatMap(c => numbers(c.parent)),
	};
}

/** Runs a GraphQL document against the sandbox directly (for mutations in tests). */
export async function sandboxGraphql<T>(sb: Sandbox, query: string, variables: Record<string, unknown> = {}): Promise<T> {
	const response = await fetch(`${sb.url}/graphql`, {
		method: 'POST',
		headers: { authorization: `token ${sb.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ query, variables }),
	});
	const body = await response.json() as { data: T; errors?: unknown[] };
	if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
	return body.data;
}

/** Adds a comment to an issue or discussion node through the sandbox's GraphQL mutations. */
export async function addSandboxComment(sb: Sandbox, subjectId: string, kind: 'issue' | 'discussion'): Promise<void> {
	const mutation = kind === 'issue'
		? 'mutation($id: ID!) { addComment(input: { subjectId: $id, body: "ping" }) { clientMutationId } }'
		: 'mutation($id: ID!) { addDiscussionComment(input: { discussionId: $id, body: "ping" }) { clientMutationId } }';
	await sandboxGraphql(sb, mutation, { id: subjectId });
}
