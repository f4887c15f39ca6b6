import { strict as assert } from 'node:assert';
import {
	decodeHtmlEntities,
	emojiFromHtml,
	parseScopes,
	toCategory,
	toDiscussionSummary,
	toIssueSummary,
	toLabels,
	toPage,
	toRepositoryInfo,
	toViewer,
} from '../../../src/github/mappers';
import type { RawDiscussionCategory, RawDiscussionSummary, RawIssueSummary } from '../../../src/github/queries';
import { clampPageSize, issuesVariables, scopeIssueSearch } from '../../../src/github/variables';

function rawDiscussion(overrides: Partial<RawDiscussionSummary> = {}): RawDiscussionSummary {
	return {
		id: 'D_1', number: 7, title: 'How do I launch?', url: 'https://github.com/acme/rocket/discussions/7',
		createdAt: '2024-03-01T10:00:00Z', updatedAt: '2024-03-02T10:00:00Z', closed: false, stateReason: null,
		locked: false, activeLockReason: null, isAnswered: false, upvoteCount: 3, author: { login: 'hubot' },
		authorAssociation: 'CONTRIBUTOR', category: { id: 'DIC_qa' }, comments: { totalCount: 4 },
		labels: { nodes: [{ id: 'L_1', name: 'question', color: 'd876e3', description: null }] },
		...overrides,
	};
}

function rawIssue(overrides: Partial<RawIssueSummary> = {}): RawIssueSummary {
	return {
		id: 'I_1', number: 12, title: 'Engine stalls', url: 'https://github.com/acme/rocket/issues/12', state: 'CLOSED',
		stateReason: 'NOT_PLANNED', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-05T00:00:00Z', closedAt: '2024-01-05T00:00:00Z',
		locked: true, activeLockReason: 'TOO_HEATED', author: { login: 'mona' }, authorAssociation: 'OWNER', comments: { totalCount: 9 },
		labels: { nodes: [null, { id: 'L_2', name: 'bug', color: '#d73a4a', description: 'Something is broken' }] },
		assignees: { nodes: [{ login: 'mona' }, null, { login: 'hubot' }] },
		repository: { owner: { login: 'acme' }, name: 'rocket' },
		...overrides,
	};
}

const category = (emojiHTML: string): RawDiscussionCategory => ({
	id: 'DIC_1', name: 'Q&A', slug: 'q-a', emoji: ':pray:', emojiHTML, description: 'Ask the community', isAnswerable: true,
});

describe('mappers', () => {
	describe('toDiscussionSummary', () => {
		it('maps every field', () => {
			assert.deepEqual(toDiscussionSummary(rawDiscussion()), {
				id: 'D_1', number: 7, title: 'How do I launch?', url: 'https://github.com/acme/rocket/discussions/7',
				author: 'hubot', authorAssociation: 'CONTRIBUTOR', categoryId: 'DIC_qa',
				createdAt: '2024-03-01T10:00:00Z', updatedAt: '2024-03-02T10:00:00Z', closed: false, stateReason: undefined,
				locked: false, lockReason: undefined, isAnswered: false, commentCount: 4, upvoteCount: 3,
				labels: [{ id: 'L_1', name: 'question', color: 'd876e3', description: undefined }],
			});
		});

		it('shows a deleted author as ghost', () => {
			assert.equal(toDiscussionSummary(rawDiscussion({ author: null })).author, 'ghost');
		});

		it('leaves isAnswered undefined outside answerable categories', () => {
			assert.equal(toDiscussionSummary(rawDiscussion({ isAnswered: null })).isAnswered, undefined);
			assert.equal(toDiscussionSummary(rawDiscussion({ isAnswered: true })).isAnswered, true);
		});

		it('maps closed, lock reason and state reason; tolerates values a newer GitHub may add', () => {
			const d = toDiscussionSummary(rawDiscussion({ closed: true, stateReason: 'DUPLICATE', locked: true, activeLockReason: 'SPAM' }));
			assert.deepEqual([d.closed, d.stateReason, d.locked, d.lockReason], [true, 'DUPLICATE', true, 'SPAM']);
			const odd = toDiscussionSummary(rawDiscussion({ stateReason: 'FUTURE' as never, authorAssociation: 'ROBOT' as never, labels: null }));
			assert.deepEqual([odd.stateReason, odd.authorAssociation, odd.labels], [undefined, 'NONE', []]);
		});
	});

	describe('toIssueSummary', () => {
		it('maps every field, skipping null list entries', () => {
			assert.deepEqual(toIssueSummary(rawIssue()), {
				id: 'I_1', number: 12, title: 'Engine stalls', url: 'https://github.com/acme/rocket/issues/12',
				repo: { owner: 'acme', name: 'rocket' }, author: 'mona', authorAssociation: 'OWNER', state: 'CLOSED',
				stateReason: 'NOT_PLANNED', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-05T00:00:00Z',
				closedAt: '2024-01-05T00:00:00Z', locked: true, lockReason: 'TOO_HEATED', commentCount: 9,
				labels: [{ id: 'L_2', name: 'bug', color: 'd73a4a', description: 'Something is broken' }],
				assignees: ['mona', 'hubot'],
			});
		});

		it('handles ghosts, open issues and DUPLICATE (newer than the schema snapshot)', () => {
			const i = toIssueSummary(rawIssue({ author: null, state: 'OPEN', stateReason: 'DUPLICATE', closedAt: null, locked: false, activeLockReason: null, labels: null }));
			assert.deepEqual([i.author, i.state, i.stateReason, i.closedAt, i.lockReason, i.labels], ['ghost', 'OPEN', 'DUPLICATE', undefined, undefined, []]);
		});
	});

	describe('toCategory and emoji', () => {
		it('takes the Unicode emoji out of emojiHTML', () => {
			const c = toCategory(category('<div><g-emoji class="g-emoji" alias="speech_balloon">💬</g-emoji></div>'));
			assert.deepEqual(c, { id: 'DIC_1', name: 'Q&A', slug: 'q-a', emoji: '💬', description: 'Ask the community', isAnswerable: true });
		});

		const cases: [string, string, string][] = [
			['decimal entity', '<div><g-emoji class="g-emoji" alias="pray">&#128591;</g-emoji></div>', '🙏'],
			['hex entity', '<div><g-emoji alias="bulb">&#x1F4A1;</g-emoji></div>', '💡'],
			['ZWJ sequence', '<g-emoji alias="family">👨‍👩‍👧</g-emoji>', '👨‍👩‍👧'],
			['flag', '<g-emoji alias="fr">🇫🇷</g-emoji>', '🇫🇷'],
			['keycap', '<g-emoji alias="hash">#️⃣</g-emoji>', '#️⃣'],
			['variation selector', '<g-emoji alias="heart">❤️</g-emoji>', '❤️'],
			['no g-emoji wrapper', '<div>🎉</div>', '🎉'],
			['custom image emoji', '<div><img class="emoji" alt=":octocat:" src="https://github.githubassets.com/images/icons/emoji/octocat.png"></div>', ''],
			['plain text', '<div>hello</div>', ''],
			['encoded markup', '<g-emoji>&lt;img src=x onerror=alert(1)&gt;</g-emoji>', ''],
			['script', '<div><script>alert(1)</script></div>', ''],
			['emoji plus markup text', '<g-emoji>💬 &lt;b&gt;</g-emoji>', ''],
			['invalid code point', '<g-emoji>&#xD800;</g-emoji>', ''],
			['empty', '', ''],
		];
		for (const [name, html, expected] of cases) {
			it(`emojiFromHtml: ${name}`, () => {
				const emoji = emojiFromHtml(html);
				assert.equal(emoji, expected);
				assert.ok(!/[<>]/.test(emoji), 'no markup ever survives');
			});
		}

		it('decodes numeric and basic named entities only', () => {
			assert.equal(decodeHtmlEntities('&#65;&#x42;&amp;&lt;&unknown;'), 'AB&<&unknown;');
		});

		it('drops an empty description', () => {
			assert.equal(toCategory({ ...category(''), description: null }).description, undefined);
			assert.equal(toCategory({ ...category(''), description: '' }).description, undefined);
		});
	});

	describe('toRepositoryInfo, toViewer, toLabels', () => {
		it('maps a repository', () => {
			assert.deepEqual(toRepositoryInfo({
				id: 'R_1', name: 'rocket', owner: { login: 'acme' }, url: 'https://github.com/acme/rocket', isPrivate: true,
				hasDiscussionsEnabled: true, hasIssuesEnabled: false, viewerPermission: null,
			}), {
				id: 'R_1', owner: 'acme', name: 'rocket', url: 'https://github.com/acme/rocket', isPrivate: true,
				hasDiscussionsEnabled: true, hasIssuesEnabled: false, viewerPermission: undefined,
			});
		});

		it('maps the viewer and its scopes', () => {
			assert.deepEqual(toViewer({ login: 'mona', name: null, avatar_url: '' }, 'repo,  read:org ,'), { login: 'mona', name: undefined, avatarUrl: undefined, scopes: ['repo', 'read:org'] });
			assert.deepEqual(parseScopes(''), []);
			assert.equal(parseScopes(undefined), undefined);
		});

		it('strips a leading # from label colours', () => {
			assert.equal(toLabels({ nodes: [{ id: 'L', name: 'x', color: '#ABCDEF', description: null }] })[0]!.color, 'ABCDEF');
		});
	});

	describe('toPage', () => {
		it('skips null nodes and sets the cursor only when there is a next page', () => {
			const more = toPage({ totalCount: 120, pageInfo: { hasNextPage: true, endCursor: 'Y3Vy' }, nodes: [rawDiscussion(), null] }, toDiscussionSummary);
			assert.equal(more.items.length, 1);
			assert.equal(more.totalCount, 120);
			assert.equal(more.nextCursor, 'Y3Vy');
			const last = toPage({ totalCount: 1, pageInfo: { hasNextPage: false, endCursor: 'Y3Vy' }, nodes: null }, toDiscussionSummary);
			assert.deepEqual(last, { items: [], totalCount: 1, nextCursor: undefined });
		});
	});

	describe('variables', () => {
		it('clamps the page size to 1..100, default 50', () => {
			assert.deepEqual([undefined, 0, -5, 1, 37.9, 100, 101, 1e9, Number.NaN].map(clampPageSize), [50, 1, 1, 1, 37, 100, 100, 100, 50]);
		});

		it('scopes searches to the repository and to issues', () => {
			const repo = { owner: 'acme', name: 'rocket' };
			assert.equal(scopeIssueSearch(repo, 'repo:acme/rocket label:bug'), 'repo:acme/rocket label:bug is:issue');
			assert.equal(scopeIssueSearch(repo, 'label:bug  no:assignee'), 'repo:acme/rocket label:bug no:assignee is:issue');
			assert.equal(scopeIssueSearch(repo, 'repo:acme/rocket is:issue is:open'), 'repo:acme/rocket is:issue is:open');
			assert.equal(scopeIssueSearch(repo, 'repo:acme/rocket type:issue'), 'repo:acme/rocket type:issue');
			assert.equal(scopeIssueSearch(repo, 'repo:acme/rocket is:issues'), 'repo:acme/rocket is:issues is:issue');
		});

		it('omits an empty filterBy and defaults the order to recently updated', () => {
			assert.deepEqual(issuesVariables({ owner: 'a', name: 'b' }, { states: [] }, {}), {
				owner: 'a', name: 'b', first: 50, cursor: undefined, states: undefined, filterBy: undefined,
				orderBy: { field: 'UPDATED_AT', direction: 'DESC' },
			});
			const since = issuesVariables({ owner: 'a', name: 'b' }, { since: '2024-01-01T00:00:00Z', createdBy: 'mona', mentioned: 'hubot' }, { after: 'c' });
			assert.deepEqual(since['filterBy'], { assignee: undefined, mentioned: 'hubot', createdBy: 'mona', labels: undefined, since: '2024-01-01T00:00:00Z' });
			assert.equal(since['cursor'], 'c');
		});
	});
});
