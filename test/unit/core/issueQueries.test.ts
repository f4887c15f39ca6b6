import { strict as assert } from 'node:assert';
import { builtInQueries, expandSearch, parseUserQueries } from '../../../src/core/issueQueries';

const ctx = { repo: { owner: 'acme', name: 'rocket' }, user: 'mona', now: new Date('2026-11-25T12:00:00Z') };

describe('issue queries', () => {
	it('has the four built-in filter queries', () => {
		assert.deepEqual(builtInQueries.map(q => q.label), ['Open', 'Assigned to me', 'Mentioning me', 'Recently updated']);
		const assigned = builtInQueries[1]!.resolve(ctx);
		assert.ok(assigned.ok);
		assert.deepEqual(assigned.query, { kind: 'filter', filter: { states: ['OPEN'], assignee: 'mona', orderBy: 'UPDATED_AT' } });
		const recent = builtInQueries[3]!.resolve(ctx);
		assert.ok(recent.ok && recent.query.kind === 'filter');
		assert.equal(recent.query.filter.since, '2026-11-11T12:00:00.000Z');
	});

	it('expands ${user}, ${owner}, ${repo} and scopes to the repository', () => {
		const r = expandSearch('is:open assignee:${user} label:"${repo} bug"', ctx);
		assert.ok(r.ok);
		assert.deepEqual(r.query, { kind: 'search', q: 'repo:acme/rocket is:open assignee:mona label:"rocket bug" is:issue' });
	});

	it('keeps an explicit repo: qualifier and is: type', () => {
		const r = expandSearch('repo:${owner}/other is:issue no:label', ctx);
		assert.ok(r.ok);
		assert.deepEqual(r.query, { kind: 'search', q: 'repo:acme/other is:issue no:label' });
	});

	it('never evaluates templates and reports unknown variables', () => {
		const r = expandSearch('${process.exit()} is:open', ctx);
		assert.equal(r.ok, false);
		if (!r.ok) assert.match(r.error, /Unknown variable \$\{process\.exit\(\)\}/);
	});

	it('parses the setting and reports malformed entries', () => {
		const { queries, errors } = parseUserQueries([{ label: 'Needs triage', query: 'is:open no:label' }, { label: '' }, 'x']);
		assert.equal(queries.length, 1);
		assert.equal(queries[0]!.label, 'Needs triage');
		assert.equal(errors.length, 2);
		assert.deepEqual(parseUserQueries({}).errors.length, 1);
		assert.deepEqual(parseUserQueries(undefined), { queries: [], errors: [] });
	});
});
