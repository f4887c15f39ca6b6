import { strict as assert } from 'node:assert';
import { GitHubError } from '../../../src/github/errors';
import { toDiscussionThread, toIssueThread, toReactions } from '../../../src/github/mappers';
import { OctokitGitHubClient } from '../../../src/github/octokitClient';
import type { RawDiscussionThread, RawIssueThread } from '../../../src/github/queries';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const ROCKET = { owner: 'acme', name: 'rocket' };
const page = (hasNextPage = false) => ({ hasNextPage, endCursor: hasNextPage ? 'c' : null });
const comment = (id: string, extra: object = {}) => ({
	id, url: `https://github.com/acme/rocket/discussions/1#discussioncomment-${id}`, createdAt: '2024-03-01T10:00:00Z',
	body: 'hi', bodyHTML: '<p>hi</p>', author: { login: 'octocat' }, authorAssociation: 'CONTRIBUTOR' as const,
	isMinimized: false, minimizedReason: null, reactionGroups: [], isAnswer: false, upvoteCount: 0, ...extra,
});

function rawDiscussion(overrides: Partial<RawDiscussionThread> = {}): RawDiscussionThread {
	return {
		id: 'D_1', number: 1, title: 'Build fails', url: 'https://github.com/acme/rocket/discussions/1',
		createdAt: '2024-03-01T09:00:00Z', updatedAt: '2024-03-02T09:00:00Z', closed: false, stateReason: null, locked: false,
		activeLockReason: null, isAnswered: true, upvoteCount: 3, viewerCanReact: true, body: '**b**', bodyHTML: '<p><strong>b</strong></p>',
		author: null, authorAssociation: 'FIRST_TIMER', category: { name: 'Q&A', emojiHTML: '<div><g-emoji>🙏</g-emoji></div>', isAnswerable: true },
		answer: { id: 'C_2' }, labels: { nodes: [{ id: 'L', name: 'bug', color: '#d73a4a', description: null }, null] },
		reactionGroups: [{ content: 'THUMBS_UP', reactors: { totalCount: 2 } }, { content: 'EYES', reactors: { totalCount: 0 } }],
		comments: {
			totalCount: 150, pageInfo: page(true),
			nodes: [
				{ ...comment('C_1', { isMinimized: true, minimizedReason: 'off-topic' }), replies: { totalCount: 0, pageInfo: page(), nodes: [] } },
				{ ...comment('C_2', { isAnswer: true, upvoteCount: 4 }), replies: { totalCount: 60, pageInfo: page(true), nodes: [comment('R_1'), null] } },
				null,
			],
		},
		...overrides,
	};
}

describe('thread mappers', () => {
	it('maps a discussion with its answer, replies, truncation and reactions', () => {
		const t = toDiscussionThread(ROCKET, rawDiscussion());
		assert.deepEqual([t.kind, t.state, t.author, t.authorAssociation, t.answerId, t.isAnswered], ['discussion', 'OPEN', 'ghost', 'FIRST_TIMER', 'C_2', true]);
		assert.deepEqual(t.category, { name: 'Q&A', emoji: '🙏', isAnswerable: true });
		assert.deepEqual(t.labels.map(l => l.color), ['d73a4a']);
		assert.deepEqual(t.reactions, [{ content: 'THUMBS_UP', count: 2 }]);
		assert.deepEqual([t.commentCount, t.hasMoreComments, t.comments.length], [150, true, 2]);
		assert.deepEqual([t.commentsCursor, t.viewerCanReact, t.comments.map(c => c.repliesCursor)], ['c', true, [undefined, 'c']]);
		const [minimized, answer] = t.comments;
		assert.deepEqual([minimized!.isMinimized, minimized!.minimizedReason, minimized!.hasMoreReplies], [true, 'off-topic', false]);
		assert.deepEqual([answer!.isAnswer, answer!.upvoteCount, answer!.replies.length, answer!.hasMoreReplies], [true, 4, 1, true]);
		assert.deepEqual(answer!.replies[0]!.replies, []);
	});

	it('maps closed and locked states and drops unknown enum values', () => {
		const t = toDiscussionThread(ROCKET, rawDiscussion({ closed: true, stateReason: 'DUPLICATE', locked: true, activeLockReason: 'SPAM', isAnswered: null, answer: null }));
		assert.deepEqual([t.state, t.stateReason, t.lockReason, t.isAnswered, t.answerId], ['CLOSED', 'DUPLICATE', 'SPAM', undefined, undefined]);
		const odd = toDiscussionThread(ROCKET, rawDiscussion({ stateReason: 'FUTURE', activeLockReason: 'NEW' as never, locked: true }));
		assert.deepEqual([odd.stateReason, odd.lockReason], [undefined, undefined]);
	});

	it('keeps only known, non-zero reactions and reduces odd minimized reasons to a token', () => {
		assert.deepEqual(toReactions([{ content: 'BOGUS', reactors: { totalCount: 9 } }, { content: 'HEART', reactors: { totalCount: 1 } }]), [{ content: 'HEART', count: 1 }]);
		assert.deepEqual(toReactions(null), []);
		const raw: RawIssueThread = {
			id: 'I_1', number: 7, title: 't', url: 'u', createdAt: 'c', updatedAt: 'u', state: 'CLOSED', stateReason: 'NOT_PLANNED', locked: false,
			activeLockReason: null, viewerCanReact: false, body: 'b', bodyHTML: '', author: { login: 'a' }, authorAssociation: 'OWNER', labels: null, reactionGroups: null,
			comments: { totalCount: 1, pageInfo: page(), nodes: [comment('IC_1', { isMinimized: true, minimizedReason: '<img src=x onerror=alert(1)>' })] },
		};
		const t = toIssueThread(ROCKET, raw);
		assert.deepEqual([t.kind, t.state, t.stateReason, t.category, t.upvoteCount, t.hasMoreComments], ['issue', 'CLOSED', 'NOT_PLANNED', undefined, undefined, false]);
		assert.equal(t.comments[0]!.minimizedReason, 'imgsrcxonerroralert');
		assert.equal(t.comments[0]!.isAnswer, false);
	});
});

describe('getThread against the GitHub sandbox', function () {
	this.timeout(30_000);
	let sb: Sandbox;
	const client = () => OctokitGitHubClient.create(async () => sb.token, { restBaseUrl: `${sb.url}/api/v3`, graphqlUrl: `${sb.url}/api/graphql` });

	before(async () => {
		sb = await startSandbox({ port: 0, size: 'demo' });
	});
	after(async () => {
		await sb?.close();
	});

	it('reads an answered discussion with replies, at the documented cost', async () => {
		const rec = sb.store.discussions.find(d => d.repo.name === 'rocket' && d.answer && d.comments.some(c => (c.replies?.length ?? 0) > 0))!;
		sb.log.clear();
		const t = await client().getThread(ROCKET, 'discussion', rec.number);
		assert.equal(t.title, rec.title);
		assert.equal(t.comments.length, rec.comments.length);
		assert.ok(t.comments.some(c => c.replies.length > 0));
		assert.equal(t.comments.filter(c => c.isAnswer).length, 1);
		assert.equal(t.comments.find(c => c.isAnswer)!.id, t.answerId);
		assert.ok(t.bodyHTML.length > 0 && t.body.length > 0);
		assert.deepEqual(sb.log.api('graphql').map(e => [e.operationName, e.cost]), [['DiscussionThread', 52]]);
	});

	it('reads an issue with its comments for 1 point', async () => {
		const rec = sb.store.issues.find(i => i.kind === 'issue' && i.repo.name === 'rocket' && i.comments.length > 2)!;
		sb.log.clear();
		const t = await client().getThread(ROCKET, 'issue', rec.number);
		assert.deepEqual([t.kind, t.number, t.comments.length], ['issue', rec.number, rec.comments.length]);
		assert.deepEqual(sb.log.api('graphql').map(e => e.cost), [1]);
	});

	it('notes truncation when an issue has more than 100 comments', async () => {
		const rec = sb.store.issues.find(i => i.kind === 'issue' && i.comments.length > 100)!;
		const t = await client().getThread({ owner: 'acme', name: rec.repo.name }, 'issue', rec.number);
		assert.deepEqual([t.comments.length, t.hasMoreComments, t.commentCount], [100, true, rec.comments.length]);
	});

	it('loads the next pages of comments and of replies from the cursors of the first page', async () => {
		const rec = sb.store.issues.find(i => i.kind === 'issue' && i.repo.name === 'rocket' && i.comments.length > 100)
			?? sb.store.issues.find(i => i.kind === 'issue' && i.comments.length > 100)!;
		const repo = { owner: 'acme', name: rec.repo.name };
		const first = await client().getThread(repo, 'issue', rec.number);
		assert.ok(first.commentsCursor, 'the first page has a cursor');
		const next = await client().getThreadComments({ repo, kind: 'issue', number: rec.number }, { after: first.commentsCursor! });
		assert.equal(next.items.length, Math.min(100, rec.comments.length - 100));
		assert.equal(new Set([...first.comments, ...next.items].map(c => c.id)).size, first.comments.length + next.items.length, 'no comment twice');
		assert.equal(next.totalCount, rec.comments.length);

		const d = sb.store.discussions.find(x => x.repo.name === 'rocket' && x.comments.length > 0)!;
		const parent = d.comments[0]!;
		while ((parent.replies?.length ?? 0) < 57) sb.store.addComment(d, parent);
		const thread = await client().getThread(ROCKET, 'discussion', d.number);
		const top = thread.comments.find(c => c.replies.length === 50)!;
		assert.ok(top && top.hasMoreReplies && top.repliesCursor, 'the first 50 replies and a cursor');
		sb.log.clear();
		const more = await client().getThreadComments({ repo: ROCKET, kind: 'discussion', number: d.number }, { after: top.repliesCursor!, replyToId: top.id });
		assert.equal(more.items.length, parent.replies!.length - 50);
		assert.equal(more.nextCursor, undefined);
		assert.ok(more.items.every(r => !top.replies.some(x => x.id === r.id)));
		assert.deepEqual(sb.log.api('graphql').map(e => [e.operationName, e.cost]), [['DiscussionRepliesPage', 1]]);
	});

	it('reports a number of the other kind as notFound', async () => {
		const issue = sb.store.issues.find(i => i.kind === 'issue' && i.repo.name === 'rocket')!;
		const error = await client().getThread(ROCKET, 'discussion', issue.number).then(() => undefined, (e: unknown) => e);
		assert.ok(GitHubError.is(error, 'notFound'), String(error));
	});
});
