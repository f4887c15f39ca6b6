import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { join, resolve as resolvePath } from 'node:path';
import {
	computeCost,
	documentedPoints,
	findGraphQLDocuments,
	fragmentNames,
	hasOperation,
	loadSchemas,
	paginationArguments,
	readSources,
	validateDocument,
	type FoundDocument,
	type Schemas,
} from './graphqlDocs';

const ROOT = resolvePath(__dirname, '../../..');
/** Loads a source module through tsx's require hook (dynamic import() would bypass it). */
const loadModule = createRequire(__filename);
/** Budget per document: GitHub allows 5,000 points an hour, shared with every other app of the user. */
const MAX_POINTS = 5;
const MAX_NODES = 5_000;
/**
 * Documents allowed above the default budget, with why: opened one at a time, on demand, never in a
 * loop (100 comments × 50 replies, each with reaction counts, is what a thread panel needs at once).
 */
const BUDGET_EXCEPTIONS: Readonly<Record<string, { points: number; nodes: number }>> = {
	DISCUSSION_THREAD_QUERY: { points: 60, nodes: 6_000 },
};

/**
 * Documents using what GitHub added after the package's introspection JSON was generated (the SDL,
 * schema.graphql, has it): exactly these messages are expected from schema.json, nothing else.
 */
const SCHEMA_JSON_LAG: Readonly<Record<string, readonly string[]>> = {
	CLOSE_ISSUE_AS_DUPLICATE_MUTATION: [
		'Value "DUPLICATE" does not exist in "IssueClosedStateReason" enum.',
		'Field "duplicateIssueId" is not defined by type "CloseIssueInput".',
		'Unknown argument "enableDuplicate" on field "Issue.stateReason".',
	],
};

/** Throws unless a document is valid against both schema files and cheap. */
function assertValidAndCheap(schemas: Schemas, document: string, label: string, name?: string): void {
	const { json, idl } = validateDocument(schemas, document);
	assert.deepEqual(json, (name !== undefined ? SCHEMA_JSON_LAG[name] : undefined) ?? [], `${label}: invalid against schema.json (validate())`);
	assert.deepEqual(idl, [], `${label}: invalid against schema.graphql`);
	const cost = computeCost(schemas.json, document);
	const budget = (name !== undefined ? BUDGET_EXCEPTIONS[name] : undefined) ?? { points: MAX_POINTS, nodes: MAX_NODES };
	assert.ok(cost.points <= budget.points, `${label}: costs ${cost.points} points (${cost.requests} requests)`);
	assert.ok(cost.nodes <= budget.nodes, `${label}: may return ${cost.nodes} nodes`);
}

describe('GraphQL documents in src/', function () {
	this.timeout(30_000); // building the 1.2 MB IDL schema takes a moment
	let schemas: Schemas;
	const documents: FoundDocument[] = findGraphQLDocuments(readSources(join(ROOT, 'src')), ROOT);
	const operations = documents.filter(d => hasOperation(d.text));

	before(async () => {
		schemas = await loadSchemas();
	});

	it('finds the documents of the GitHub layer', () => {
		const names = operations.map(d => d.name);
		for (const expected of ['VIEWER_QUERY', 'REPOSITORY_QUERY', 'DISCUSSION_CATEGORIES_QUERY', 'DISCUSSIONS_QUERY', 'ISSUES_QUERY', 'ISSUE_SEARCH_QUERY']) {
			assert.ok(names.includes(expected), `${expected} not found`);
		}
	});

	for (const doc of operations) {
		const label = `${doc.file}: ${doc.name ?? '(inline)'}`;
		it(`${label} is valid against GitHub's schema and cheap`, () => {
			assertValidAndCheap(schemas, doc.text, label, doc.name);
		});

		it(`${label} states its real cost and pages by $cursor`, () => {
			const cost = computeCost(schemas.json, doc.text);
			assert.equal(documentedPoints(doc.comment), cost.points, `${label}: the comment should say "→ ${cost.points} point(s)" (${cost.requests} requests)`);
			const { pageSizes, afterVariables } = paginationArguments(doc.text);
			assert.ok(pageSizes.every(n => n >= 1 && n <= 100), `${label}: first/last must be 1..100`);
			assert.ok(afterVariables.every(v => v === 'cursor'), `${label}: use $cursor for after (paginate-graphql)`);
		});
	}

	it('validates every fragment through an operation that uses it', () => {
		const spread = new Set(operations.flatMap(d => fragmentNames(d.text).spread));
		for (const doc of documents.filter(d => !hasOperation(d.text))) {
			for (const name of fragmentNames(doc.text).defined) {
				assert.ok(spread.has(name), `fragment ${name} (${doc.file}) is not used by any operation, so it is never validated`);
			}
		}
	});

	it('matches what the modules export at run time (no GraphQL string without the marker)', () => {
		const byFile = new Map<string, FoundDocument[]>();
		for (const doc of documents.filter(d => d.exported)) {
			byFile.set(doc.file, [...(byFile.get(doc.file) ?? []), doc]);
		}
		const modules = new Set([...byFile.keys(), 'src/github/queries.ts']);
		for (const file of modules) {
			const exports = loadModule(join(ROOT, file)) as Record<string, unknown>;
			const runtime = Object.entries(exports).filter((e): e is [string, string] => typeof e[1] === 'string' && /^\s*(query|mutation|subscription|fragment|\{)/.test(e[1]));
			const scanned = new Map((byFile.get(file) ?? []).map(d => [d.name, d.text]));
			assert.deepEqual(runtime.map(([n]) => n).sort(), [...scanned.keys()].sort(), `${file}: exported GraphQL strings vs /* GraphQL */ templates`);
			for (const [name, value] of runtime) {
				assert.equal(scanned.get(name), value, `${file}: ${name} resolves to the same text`);
			}
		}
	});

	describe('the checks themselves (negative tests)', () => {
		const BAD = /* not marked on purpose */ `
			query Bad {
				repository(owner: "o", name: "r") {
					discussions(first: 10, orderBy: { field: COMMENTS, direction: DESC }, labels: ["x"]) {
						nodes { timelineItems(first: 5) { totalCount } assignees(first: 1) { totalCount } }
					}
				}
			}`;

		it('rejects a document that does not match the schema', () => {
			const { json, idl } = validateDocument(schemas, BAD);
			assert.equal(json.length, 4, json.join('\n'));
			assert.equal(idl.length, 4, idl.join('\n'));
			assert.throws(() => assertValidAndCheap(schemas, BAD, 'bad'), /invalid against schema\.json/);
		});

		it('rejects a syntax error and an unused fragment', () => {
			assert.match(validateDocument(schemas, 'query { viewer { login }').json[0]!, /^syntax:/);
			assert.ok(validateDocument(schemas, 'query Q { viewer { login } } fragment F on User { login }').json.some(m => /never used/.test(m)));
		});

		it('rejects an expensive document', () => {
			const heavy = `query Heavy($cursor: String) {
				repository(owner: "o", name: "r") {
					discussions(first: 100, after: $cursor) { nodes { comments(first: 100) { nodes { replies(first: 100) { totalCount } } } } }
				}
			}`;
			assert.deepEqual(computeCost(schemas.json, heavy), { requests: 1 + 100 + 10_000, points: 101, nodes: 100 + 10_000 });
			assert.throws(() => assertValidAndCheap(schemas, heavy, 'heavy'), /costs 101 points/);
		});

		it('resolves interpolated fragments and refuses what it cannot resolve', () => {
			const files = [
				{ path: join(ROOT, 'src/a.ts'), text: 'export const F = /* GraphQL */ `fragment F on User { login }`;\nexport const Q = /* GraphQL */ `query Q { viewer { ...F } } ${F}`;' },
			];
			const found = findGraphQLDocuments(files, ROOT);
			assert.equal(found.find(d => d.name === 'Q')!.text, 'query Q { viewer { ...F } } fragment F on User { login }');
			assert.deepEqual(validateDocument(schemas, found.find(d => d.name === 'Q')!.text), { json: [], idl: [] });
			assert.throws(() => findGraphQLDocuments([{ path: 'b.ts', text: 'const Q = /* GraphQL */ `query Q { viewer { ...X } } ${MISSING}`;' }]), /does not name/);
			assert.throws(() => findGraphQLDocuments([{ path: 'c.ts', text: 'const Q = /* GraphQL */ `query Q { ${fields()} }`;' }]), /not a fragment constant/);
			assert.throws(() => findGraphQLDocuments([{ path: 'd.ts', text: 'const Q = /* GraphQL */ "query Q { viewer { login } }";' }]), /markers/);
		});

		it('notices a wrong cost comment', () => {
			assert.equal(documentedPoints('/** Cost: 301 requests → 3 points; at most 2,100 nodes. */'), 3);
			assert.equal(documentedPoints('/** Cost: 1 point (no connections). */'), 1);
			assert.equal(documentedPoints('/** No cost here. */'), undefined);
		});
	});
});
