import assert from 'node:assert/strict';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { analyseCost } from '../../sandbox/cost';
import { githubSchema } from '../../sandbox/schema';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { at, gql, NOW } from './helpers';

const DOCS_EXAMPLE = `query {
	viewer {
		login
		repositories(first: 100) { edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } }
	}
}`;

function analyse(query: string, variables: Record<string, unknown> = {}) {
	const doc = parse(query);
	const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
	return analyseCost(githubSchema(), op, new Map(), variables);
}

describe('sandbox cost analysis', () => {
	it("gives GitHub's documented example 51 points and 305,100 nodes", () => {
		const r = analyse(DOCS_EXAMPLE);
		assert.deepEqual([r.requests, r.cost, r.nodeCount, r.errors.length], [5101, 51, 305_100, 0]);
	});

	it('costs at least one point and applies variables', () => {
		const q = 'query($n: Int!) { repository(owner: "a", name: "b") { issues(first: $n) { nodes { comments(first: 20) { totalCount } } } } }';
		assert.equal(analyse(q, { n: 100 }).cost, 1);
		assert.equal(analyse(q, { n: 100 }).requests, 101);
		assert.equal(analyse(q, { n: 100 }).nodeCount, 2100);
		assert.equal(analyse(q, { n: 1 }).cost, 1);
	});

	it('counts fragments and skips @skip(if: true) selections', () => {
		const q = `query($skip: Boolean!) { repository(owner: "a", name: "b") { ...F discussions(first: 100) @skip(if: $skip) { nodes { comments(first: 100) { nodes { replies(first: 100) { totalCount } } } } } } }
			fragment F on Repository { issues(first: 100) { nodes { labels(first: 100) { totalCount } } } }`;
		const doc = parse(q);
		const op = doc.definitions[0] as OperationDefinitionNode;
		const frags = new Map([['F', doc.definitions[1] as never]]);
		assert.equal(analyseCost(githubSchema(), op, frags, { skip: true }).requests, 101);
		assert.equal(analyseCost(githubSchema(), op, frags, { skip: false }).errors[0]?.type, 'MAX_NODE_LIMIT_EXCEEDED');
	});
});

describe('sandbox GraphQL limits over HTTP', () => {
	let sb: Sandbox;
	before(async () => (sb = await startSandbox({ size: 'tiny', now: NOW })));
	after(() => sb.close());

	it('reports the 51-point cost through rateLimit(dryRun: true) without executing or charging', async () => {
		const q = DOCS_EXAMPLE.replace('viewer {', 'rateLimit(dryRun: true) { cost nodeCount remaining } viewer {');
		const before = await gql(sb, '{ rateLimit { remaining } }');
		const r = await gql(sb, q);
		assert.equal(r.status, 200);
		assert.deepEqual(at(r.body, 'data.rateLimit'), { cost: 51, nodeCount: 305_100, remaining: Number(at(before.body, 'data.rateLimit.remaining')) });
		assert.equal(at(r.body, 'data.viewer'), undefined);
	});

	it('rejects first: 101 before executing, in GitHub shape, without data', async () => {
		const r = await gql(sb, '{ repository(owner: "acme", name: "rocket") { discussions(first: 101) { totalCount } } }');
		assert.equal(r.status, 200);
		assert.equal('data' in r.body, false);
		const [e] = r.body['errors'] as { message: string; type: string; locations: unknown[] }[];
		assert.equal(e!.message, 'Requesting 101 records on the `discussions` connection exceeds the `first` limit of 100 records.');
		assert.equal(e!.type, 'EXCESSIVE_PAGINATION');
		assert.ok(Array.isArray(e!.locations));
	});

	it('rejects a connection without first or last', async () => {
		const r = await gql(sb, 'query Q($o: String!) { repository(owner: $o, name: "rocket") { discussions { totalCount nodes { id } } } }', { o: 'acme' });
		assert.equal('data' in r.body, false);
		assert.equal(at(r.body, 'errors.0.message'), 'You must provide a `first` or `last` value to properly paginate the `discussions` connection.');
		assert.equal(at(r.body, 'errors.0.type'), 'MISSING_PAGINATION_BOUNDARIES');
	});

	it('rejects a page size from a variable that is out of range', async () => {
		const r = await gql(sb, 'query($n: Int) { repository(owner: "acme", name: "rocket") { issues(last: $n) { totalCount } } }', { n: 0 });
		assert.match(String(at(r.body, 'errors.0.message')), /between 1 and 100/);
	});

	it('rejects queries over 500,000 nodes', async () => {
		const r = await gql(sb, `{ repository(owner: "acme", name: "rocket") { issues(first: 100) { nodes { comments(first: 100) { nodes {
			reactionGroups { reactors(first: 100) { totalCount } } } } } } } }`);
		assert.equal(at(r.body, 'errors.0.type'), 'MAX_NODE_LIMIT_EXCEEDED');
		assert.match(String(at(r.body, 'errors.0.message')), /requesting up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000/);
	});

	it('charges the computed cost and reports it in headers and rateLimit', async () => {
		sb.resetBudgets();
		const q = `{ rateLimit { cost used remaining } repository(owner: "acme", name: "rocket") { issues(first: 100) { nodes {
			labels(first: 100) { totalCount } assignees(first: 100) { totalCount } comments(first: 100) { totalCount } } } } }`;
		const r = await gql(sb, q);
		assert.deepEqual(at(r.body, 'data.rateLimit'), { cost: 3, used: 3, remaining: 4997 });
		assert.equal(r.headers.get('x-ratelimit-used'), '3');
		assert.equal(r.headers.get('x-ratelimit-remaining'), '4997');
		assert.equal(r.headers.get('x-ratelimit-resource'), 'graphql');
		assert.equal(sb.log.entries.at(-1)!.cost, 3);
	});
});

describe('sandbox count-only connections', () => {
	it('accepts a connection without first/last when it selects only totalCount (as GitHub does)', () => {
		const r = analyse('{ repository(owner: "a", name: "b") { issues(states: OPEN) { totalCount } discussions(first: 100) { nodes { comments { totalCount } } } } }');
		assert.deepEqual([r.errors.length, r.requests, r.nodeCount, r.cost], [0, 102, 100, 1]);
	});

	it('still rejects a count-only connection that also reads nodes through a fragment', () => {
		const doc = parse('{ repository(owner: "a", name: "b") { issues { totalCount ...N } } } fragment N on IssueConnection { nodes { id } }');
		const op = doc.definitions[0] as OperationDefinitionNode;
		const r = analyseCost(githubSchema(), op, new Map([['N', doc.definitions[1] as never]]), {});
		assert.equal(r.errors[0]?.type, 'MISSING_PAGINATION_BOUNDARIES');
	});
});
