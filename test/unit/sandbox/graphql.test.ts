import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { at, gql, NOW } from './helpers';

const TREE = `query Tree($owner: String!, $name: String!, $after: String, $categoryId: ID) {
	repository(owner: $owner, name: $name) {
		id nameWithOwner hasDiscussionsEnabled viewerPermission
		discussionCategories(first: 100) { nodes { id name slug emoji isAnswerable } }
		discussions(first: 2, after: $after, categoryId: $categoryId, orderBy: { field: UPDATED_AT, direction: DESC }) {
			totalCount pageInfo { hasNextPage endCursor }
			nodes { id number title updatedAt isAnswered category { id name } comments { totalCount } labels(first: 10) { nodes { name } } }
		}
	}
}`;

describe('sandbox GraphQL', () => {
	let sb: Sandbox;
	before(async () => (sb = await startSandbox({ size: 'tiny', now: NOW })));
	after(() => sb.close());

	it('answers 401 Bad credentials for an unknown or revoked token', async () => {
		const r = await gql(sb, '{ viewer { login } }', {}, 'ghp_nope');
		assert.equal(r.status, 401);
		assert.deepEqual(r.body, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
		sb.revokeToken(sb.tokens.contributor);
		assert.equal((await gql(sb, '{ viewer { login } }', {}, sb.tokens.contributor)).status, 401);
		sb.restoreToken(sb.tokens.contributor);
		assert.equal(at((await gql(sb, '{ viewer { login } }', {}, sb.tokens.contributor)).body, 'data.viewer.login'), 'octocat');
	});

	it('requires authentication', async () => {
		const r = await gql(sb, '{ viewer { login } }', {}, null);
		assert.equal(r.status, 401);
		assert.equal(r.body['message'], 'This endpoint requires you to be authenticated.');
	});

	it("rejects fields that do not exist in GitHub's schema, in GitHub's shape", async () => {
		const r = await gql(sb, '{ repository(owner: "acme", name: "rocket") { discussions(first: 1, labels: ["x"]) { nodes { assignees(first: 1) { totalCount } } } } }');
		assert.equal(r.status, 200);
		assert.equal('data' in r.body, false);
		const errors = r.body['errors'] as { message: string; extensions: { code: string }; locations: unknown[] }[];
		assert.deepEqual(errors.map(e => e.message), ["Field 'discussions' doesn't accept argument 'labels'", "Field 'assignees' doesn't exist on type 'Discussion'"]);
		assert.deepEqual(errors.map(e => e.extensions.code), ['argumentNotAccepted', 'undefinedField']);
		assert.ok(errors.every(e => Array.isArray(e.locations) && e.locations.length > 0));
	});

	it('reports syntax errors and bad variables without data', async () => {
		assert.match(String(at((await gql(sb, '{ viewer { login }')).body, 'errors.0.message')), /^Parse error/);
		const r = await gql(sb, 'query($o: String!) { repository(owner: $o, name: "x") { id } }', {});
		assert.equal(at(r.body, 'errors.0.message'), 'Variable $o of type String! was provided invalid value');
	});

	it('fails loudly for a schema field the sandbox does not implement', async () => {
		const r = await gql(sb, '{ repository(owner: "acme", name: "rocket") { name stargazerCount } }');
		assert.equal(at(r.body, 'data.repository'), null);
		assert.equal(at(r.body, 'errors.0.message'), "Field 'Repository.stargazerCount' is not implemented by the GitHub sandbox");
		assert.deepEqual(at(r.body, 'errors.0.path'), ['repository', 'stargazerCount']);
	});

	it('serves the discussion tree with keyset pagination and category filter', async () => {
		const vars = { owner: 'acme', name: 'rocket' };
		const first = await gql(sb, TREE, vars);
		assert.equal(first.body["errors"], undefined, JSON.stringify(first.body["errors"]));
		const repo = at(first.body, 'data.repository') as Record<string, unknown>;
		assert.equal(repo['nameWithOwner'], 'acme/rocket');
		assert.equal(repo['viewerPermission'], 'ADMIN');
		assert.deepEqual((at(repo, 'discussionCategories.nodes') as { name: string }[]).map(c => c.name), ['Announcements', 'General', 'Ideas', 'Q&A', 'Show and tell']);
		assert.equal(at(repo, 'discussions.totalCount'), 5);
		const seen = (at(repo, 'discussions.nodes') as { number: number }[]).map(d => d.number);
		let cursor = at(repo, 'discussions.pageInfo.endCursor');
		while (cursor) {
			const page = await gql(sb, TREE, { ...vars, after: cursor });
			seen.push(...(at(page.body, 'data.repository.discussions.nodes') as { number: number }[]).map(d => d.number));
			cursor = at(page.body, 'data.repository.discussions.pageInfo.hasNextPage') ? at(page.body, 'data.repository.discussions.pageInfo.endCursor') : null;
		}
		assert.deepEqual(seen, [10, 8, 6, 5, 2]);
		const qa = (at(repo, 'discussionCategories.nodes') as { id: string; name: string }[]).find(c => c.name === 'Q&A')!;
		const onlyQa = await gql(sb, TREE, { ...vars, categoryId: qa.id });
		const nodes = at(onlyQa.body, 'data.repository.discussions.nodes') as { number: number; isAnswered: boolean }[];
		assert.deepEqual(nodes.map(n => [n.number, n.isAnswered]), [[6, false], [2, true]]);
	});

	it('returns isAnswered null outside answerable categories and threads replies under comments', async () => {
		const r = await gql(sb, `{ repository(owner: "acme", name: "rocket") {
			announcement: discussion(number: 8) { isAnswered category { isAnswerable } }
			qa: discussion(number: 2) { isAnswered answer { id author { login } } answerChosenBy { login }
				comments(first: 10) { totalCount nodes { id isAnswer replies(first: 10) { totalCount nodes { replyTo { id } author { login } } } } } } } }`);
		assert.equal(at(r.body, 'data.repository.announcement.isAnswered'), null);
		const qa = at(r.body, 'data.repository.qa') as Record<string, unknown>;
		const comments = at(qa, 'comments.nodes') as { id: string; isAnswer: boolean; replies: { totalCount: number; nodes: { replyTo: { id: string } }[] } }[];
		assert.equal(qa['isAnswered'], true);
		assert.equal(at(qa, 'answer.id'), comments[0]!.id);
		assert.equal(at(qa, 'answerChosenBy.login'), 'first-timer-fran');
		assert.deepEqual(comments.map(c => c.isAnswer), [true, false]);
		assert.equal(comments[0]!.replies.totalCount, 2);
		assert.ok(comments[0]!.replies.nodes.every(n => n.replyTo.id === comments[0]!.id));
	});

	it('filters issues by states, labels and filterBy, excluding pull requests', async () => {
		const q = `query($f: IssueFilters, $labels: [String!]) { repository(owner: "acme", name: "rocket") {
			issues(first: 100, labels: $labels, filterBy: $f, orderBy: { field: CREATED_AT, direction: ASC }) { totalCount nodes { number } } } }`;
		const numbers = async (vars: Record<string, unknown>) => (at((await gql(sb, q, vars)).body, 'data.repository.issues.nodes') as { number: number }[]).map(n => n.number);
		assert.deepEqual(await numbers({}), [1, 3, 7, 9]);
		assert.deepEqual(await numbers({ f: { states: ['OPEN'] } }), [1, 9]);
		assert.deepEqual(await numbers({ f: { assignee: 'mona' } }), [1]);
		assert.deepEqual(await numbers({ f: { mentioned: 'mona' } }), [9]);
		assert.deepEqual(await numbers({ f: { createdBy: 'octocat' } }), [1, 7]);
		assert.deepEqual(await numbers({ labels: ['bug', 'documentation'] }), [1, 7]);
		assert.deepEqual(await numbers({ f: { since: '2025-05-25T00:00:00Z' } }), [7, 9]);
	});

	it('reports DUPLICATE as NOT_PLANNED unless enableDuplicate is set', async () => {
		const t = sb.store.thread('acme/rocket#3')!;
		t.stateReason = 'DUPLICATE';
		const r = await gql(sb, '{ repository(owner: "acme", name: "rocket") { issue(number: 3) { a: stateReason b: stateReason(enableDuplicate: true) } } }');
		assert.deepEqual(at(r.body, 'data.repository.issue'), { a: 'NOT_PLANNED', b: 'DUPLICATE' });
		t.stateReason = 'NOT_PLANNED';
	});

	it('searches with qualifiers and counts', async () => {
		const search = async (type: string, query: string) => {
			const r = await gql(sb, `query($q: String!) { search(type: ${type}, query: $q, first: 50) { issueCount discussionCount nodes { __typename ... on Issue { number } ... on PullRequest { number } ... on Discussion { number } } } }`, { q: query });
			const s = at(r.body, 'data.search') as { issueCount: number; discussionCount: number; nodes: { number: number }[] };
			return [s.issueCount + s.discussionCount, s.nodes.map(n => n.number)];
		};
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:issue is:open sort:created-desc'), [2, [9, 1]]);
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:open'), [3, [9, 4, 1]]);
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:issue is:closed label:"good first issue"'), [1, [7]]);
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:issue no:label'), [1, [9]]);
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:issue no:assignee author:octocat'), [1, [7]]);
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:issue assignee:mona'), [1, [1]]);
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:issue mentions:mona'), [1, [9]]);
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:issue created:>=2025-05-20 sort:updated-desc'), [2, [9, 7]]);
		assert.deepEqual(await search('ISSUE', 'repo:acme/rocket is:issue updated:>=2025-05-20'), [2, [9, 7]]);
		assert.deepEqual(await search('ISSUE', 'windows in:title repo:acme/rocket'), [1, [1]]);
		assert.deepEqual(await search('DISCUSSION', 'repo:acme/rocket is:open sort:created-desc'), [4, [8, 6, 5, 2]]);
	});

	it('looks up nodes by ID and reports unknown IDs as NOT_FOUND', async () => {
		const id = sb.store.nodeId(sb.store.thread('acme/rocket#2')!);
		assert.match(id, /^D_kwDO/);
		const r = await gql(sb, 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Discussion { number } } }', { ids: [id, 'D_kwDOnope'] });
		assert.deepEqual(at(r.body, 'data.nodes'), [{ __typename: 'Discussion', id, number: 2 }, null]);
		assert.equal(at(r.body, 'errors.0.type'), 'NOT_FOUND');
		assert.deepEqual(at(r.body, 'errors.0.path'), ['nodes', 1]);
	});

	it('answers NOT_FOUND for an unknown repository', async () => {
		const r = await gql(sb, '{ repository(owner: "acme", name: "nope") { id } }');
		assert.deepEqual(r.body, { data: { repository: null }, errors: [{ message: "Could not resolve to a Repository with the name 'acme/nope'.", type: 'NOT_FOUND', path: ['repository'], locations: [{ line: 1, column: 3 }] }] });
	});

	it('gives the viewer saved replies and hides them from other users', async () => {
		const q = '{ viewer { login savedReplies(first: 100) { totalCount nodes { title body } } } }';
		assert.equal(at((await gql(sb, q)).body, 'data.viewer.savedReplies.totalCount'), 5);
		assert.equal(at((await gql(sb, q, {}, sb.tokens.contributor)).body, 'data.viewer.savedReplies.totalCount'), 0);
	});

	it('answers RATE_LIMITED once the primary budget is exhausted', async () => {
		sb.exhaustBudget(sb.tokens.publicOnly);
		const r = await gql(sb, '{ viewer { login } }', {}, sb.tokens.publicOnly);
		assert.equal(r.status, 200);
		assert.deepEqual(r.body, { errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for user ID ${sb.store.user('mona')!.dbId}.` }] });
		assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
		assert.equal((await gql(sb, '{ viewer { login } }')).status, 200, 'other tokens keep their own budget');
		sb.resetBudgets();
	});
});

describe('sandbox tokens', () => {
	it('adds tokens at runtime with their own scopes and budget', async () => {
		const sb = await startSandbox({ size: 'tiny', now: NOW });
		try {
			const t = sb.addToken({ login: 'hubot', scopes: ['read:user'], name: 'hubotRead' });
			assert.equal(sb.tokens['hubotRead'], t);
			const r = await gql(sb, '{ viewer { login } rateLimit { used } }', {}, t);
			assert.deepEqual(at(r.body, 'data'), { viewer: { login: 'hubot' }, rateLimit: { used: 1 } });
			assert.equal(r.headers.get('x-oauth-scopes'), 'read:user');
			assert.throws(() => sb.addToken({ login: 'nobody-here' }));
		} finally {
			await sb.close();
		}
	});
});
