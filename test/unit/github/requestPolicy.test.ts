import { strict as assert } from 'node:assert';
import { parse, type OperationDefinitionNode } from 'graphql';
import * as queries from '../../../src/github/queries';
import {
	classifyRequest,
	DO_NOT_RETRY_STATUSES,
	graphQLOperationType,
	maxRetries,
	mayRetry,
	mayWaitOutRateLimit,
	READ_RETRIES,
} from '../../../src/github/requestPolicy';

/** The operation type graphql-js sees (the reference for the light-weight scanner). */
function referenceType(document: string): string | undefined {
	const op = parse(document).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
	return op?.operation;
}

describe('requestPolicy', () => {
	describe('graphQLOperationType', () => {
		const documents = [
			'query Q { viewer { login } }',
			'{ viewer { login } }',
			'mutation M($id: ID!) { closeDiscussion(input: {discussionId: $id}) { discussion { id } } }',
			'subscription S { x }',
			'fragment F on Query { viewer { login } }\nmutation M { addComment(input: {subjectId: "1", body: "query"}) { clientMutationId } }',
			'fragment F on Mutation @dir(arg: { a: 1 }) { x }\nquery Q { ...F }',
			'# mutation in a comment\nquery Q { viewer { login } }',
			'query Q($q: String = "mutation") { search(query: $q, type: ISSUE, first: 1) { issueCount } }',
			'"""\nmutation in a description\n"""\nquery Q { viewer { login } }',
			'query Q($o: IssueOrder = {field: CREATED_AT, direction: ASC}) { viewer { login } }',
			...(Object.values(queries) as unknown[]).filter((v): v is string => typeof v === 'string' && /\b(query|mutation)\b/.test(v)),
		];
		for (const document of documents) {
			it(`agrees with graphql-js: ${document.replace(/\s+/g, ' ').slice(0, 60)}`, () => {
				assert.equal(graphQLOperationType(document), referenceType(document));
			});
		}

		it('returns undefined when there is no operation', () => {
			assert.equal(graphQLOperationType('fragment F on Query { viewer { login } }'), undefined);
			assert.equal(graphQLOperationType(''), undefined);
		});
	});

	describe('classifyRequest', () => {
		it('treats GET/HEAD as reads and every other REST method as a write', () => {
			assert.equal(classifyRequest('GET', '/user').kind, 'read');
			assert.equal(classifyRequest('HEAD', '/user').kind, 'read');
			for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
				assert.equal(classifyRequest(method, '/repos/acme/x/issues/1/labels').kind, 'write', method);
			}
		});

		it('classifies GraphQL by operation type, and unknown documents as writes', () => {
			assert.deepEqual(classifyRequest('POST', '/graphql', queries.DISCUSSIONS_QUERY), { kind: 'read', graphql: true, notifying: false, resource: 'graphql' });
			assert.equal(classifyRequest('POST', 'https://ghe.example/api/graphql', 'mutation { lockLockable(input: {lockableId: "x"}) { clientMutationId } }').kind, 'write');
			assert.equal(classifyRequest('POST', '/graphql', 'fragment F on Query { viewer { login } }').kind, 'write');
			assert.equal(classifyRequest('POST', '/graphql', undefined).kind, 'write');
		});

		it('marks comment-like writes as notifying', () => {
			assert.equal(classifyRequest('POST', '/repos/acme/x/issues/1/comments').notifying, true);
			assert.equal(classifyRequest('POST', 'https://ghe.example/api/v3/repos/acme/x/issues/1/comments').notifying, true);
			assert.equal(classifyRequest('PUT', '/repos/acme/x/issues/1/lock').notifying, false);
			assert.equal(classifyRequest('POST', '/graphql', 'mutation R($id: ID!) { addDiscussionComment(input: {discussionId: $id, body: "x"}) { comment { id } } }').notifying, true);
			assert.equal(classifyRequest('POST', '/graphql', 'mutation L($id: ID!) { lockLockable(input: {lockableId: $id}) { clientMutationId } }').notifying, false);
		});

		it('names the rate-limit pool', () => {
			assert.equal(classifyRequest('GET', '/search/issues?q=x').resource, 'search');
			assert.equal(classifyRequest('GET', '/api/v3/search/issues').resource, 'search');
			assert.equal(classifyRequest('GET', '/user').resource, 'core');
		});
	});

	describe('retry policy (R6)', () => {
		it('never retries a write, whatever went wrong', () => {
			for (const failure of [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 408 }, {}, { timedOut: true }]) {
				assert.equal(mayRetry('write', failure, 0), false, JSON.stringify(failure));
			}
			assert.equal(maxRetries('write'), 0);
		});

		it('retries reads on 5xx, 408 and network errors, at most twice', () => {
			for (const failure of [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }, { status: 408 }, {}]) {
				assert.equal(mayRetry('read', failure, 0), true, JSON.stringify(failure));
				assert.equal(mayRetry('read', failure, READ_RETRIES - 1), true);
				assert.equal(mayRetry('read', failure, READ_RETRIES), false);
			}
			assert.equal(READ_RETRIES, 2);
		});

		it('never retries 400/401/403/404/410/422/429 or a timeout', () => {
			for (const status of [400, 401, 403, 404, 409, 410, 422, 429, 451]) {
				assert.equal(mayRetry('read', { status }, 0), false, String(status));
				assert.ok(DO_NOT_RETRY_STATUSES.includes(status), `plugin-retry is told not to retry ${status}`);
			}
			assert.equal(DO_NOT_RETRY_STATUSES.includes(408), false);
			assert.equal(mayRetry('read', { timedOut: true }, 0), false);
		});

		it('waits out a rate limit only for a read, once, and only up to the limit', () => {
			assert.equal(mayWaitOutRateLimit('read', 30_000, 0), true);
			assert.equal(mayWaitOutRateLimit('read', 60_000, 0), true);
			assert.equal(mayWaitOutRateLimit('read', 60_001, 0), false);
			assert.equal(mayWaitOutRateLimit('read', 1000, 1), false);
			assert.equal(mayWaitOutRateLimit('write', 1000, 0), false);
			assert.equal(mayWaitOutRateLimit('read', 5000, 0, 1000), false);
		});
	});
});
