import { strict as assert } from 'node:assert';
import { buildCommentPagesQuery, MAX_COMMENT_PAGES_PER_REQUEST } from '../../../src/github/syncQueries';
import { computeCost, loadSchemas, validateDocument, type Schemas } from './graphqlDocs';

// The alias-batched overflow query is built at run time, so queries.test.ts cannot scan it:
// validate what the builder produces at its smallest and largest.
describe('buildCommentPagesQuery', function () {
	this.timeout(30_000);
	let schemas: Schemas;
	before(async () => {
		schemas = await loadSchemas();
	});

	for (const kind of ['issue', 'discussion'] as const) {
		for (const count of [1, MAX_COMMENT_PAGES_PER_REQUEST]) {
			it(`builds a valid, 1-point ${kind} query for ${count} item(s)`, () => {
				const document = buildCommentPagesQuery(kind, count);
				assert.deepEqual(validateDocument(schemas, document), { json: [], idl: [] });
				const cost = computeCost(schemas.json, document);
				assert.deepEqual({ points: cost.points, requests: cost.requests }, { points: 1, requests: count });
				assert.ok(cost.nodes <= 5_000);
			});
		}
	}

	it('refuses batches it cannot keep at 1 point', () => {
		assert.throws(() => buildCommentPagesQuery('issue', 0), RangeError);
		assert.throws(() => buildCommentPagesQuery('issue', MAX_COMMENT_PAGES_PER_REQUEST + 1), RangeError);
	});
});
