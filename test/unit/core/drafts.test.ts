import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	clearDraft, DRAFT_FORMAT, draftKey, MAX_BODY_CHARS, MAX_DRAFTS, newestDraft, parseDrafts, putDraft, serializeDrafts, setDraftActions, threadDraftPrefix,
} from '../../../src/core/drafts';

const loc = { host: 'GitHub.com', repo: 'Acme/Rocket', kind: 'discussion' as const, number: 5 };

describe('drafts', () => {
	it('keys by host, repo, kind, number and replyToId (node ids keep their case)', () => {
		assert.equal(draftKey(loc), 'github.com/acme/rocket/discussion/5/');
		assert.equal(draftKey({ ...loc, replyToId: 'DC_kwAB' }), 'github.com/acme/rocket/discussion/5/DC_kwAB');
		assert.ok(draftKey({ ...loc, replyToId: 'x' }).startsWith(threadDraftPrefix(loc)));
		assert.notEqual(draftKey({ ...loc, kind: 'issue' }), draftKey(loc));
	});

	it('newest wins, and an older save never overwrites a newer draft', () => {
		assert.deepEqual(newestDraft({ body: 'a', updatedAt: 1 }, { body: 'b', updatedAt: 2 }), { body: 'b', updatedAt: 2 });
		assert.deepEqual(newestDraft({ body: 'a', updatedAt: 3 }, { body: 'b', updatedAt: 2 }), { body: 'a', updatedAt: 3 });
		assert.equal(newestDraft(undefined, undefined), undefined);
		const k = draftKey(loc);
		const t1 = putDraft({}, k, { body: 'new', updatedAt: 10 });
		assert.deepEqual(putDraft(t1, k, { body: 'stale', updatedAt: 5 })[k], { body: 'new', updatedAt: 10 });
		assert.equal(putDraft(t1, k, { body: '  ', updatedAt: 11 })[k], undefined, 'an empty body removes the draft');
	});

	it('clears only drafts edited at or before the sent one', () => {
		const k = draftKey(loc);
		const t = putDraft({}, k, { body: 'x', updatedAt: 10 });
		assert.equal(clearDraft(t, k, 10)[k], undefined);
		assert.ok(clearDraft(t, k, 9)[k], 'edited after the send: kept');
	});

	it('stays bounded, dropping the oldest, and reads back only valid drafts', () => {
		let t = {};
		for (let i = 0; i < MAX_DRAFTS + 5; i++) t = putDraft(t, `k${i}`, { body: 'x', updatedAt: i });
		assert.equal(Object.keys(t).length, MAX_DRAFTS);
		assert.equal((t as Record<string, unknown>).k0, undefined);
		assert.deepEqual(parseDrafts({ a: { body: 'ok', updatedAt: 1 }, b: { body: 1 }, c: { body: 'x'.repeat(MAX_BODY_CHARS + 1), updatedAt: 1 }, d: null }), { a: { body: 'ok', updatedAt: 1 } });
		for (const junk of [null, 'x', [], 3]) assert.deepEqual(parseDrafts(junk), {});
	});
});

describe('draft template actions (format 2)', () => {
	const k = draftKey(loc);
	const actions = { addLabels: ['answered'], close: { reason: 'RESOLVED' } };

	it('keep a template\'s actions while the text is edited, until dropped or the text is cleared', () => {
		const t1 = putDraft({}, k, { body: 'Hi', updatedAt: 1, actions });
		const typed = putDraft(t1, k, { body: 'Hi there', updatedAt: 2 });
		assert.deepEqual(typed[k], { body: 'Hi there', updatedAt: 2, actions }, 'typing keeps them');
		assert.deepEqual(putDraft(typed, k, { body: 'Hi', updatedAt: 3, actions: undefined })[k], { body: 'Hi', updatedAt: 3 }, 'an explicit undefined drops them');
		assert.deepEqual(setDraftActions(typed, k, undefined)[k], { body: 'Hi there', updatedAt: 2 }, '"Do not apply" keeps the text');
		assert.deepEqual(setDraftActions(typed, k, { lock: { reason: 'SPAM' } })[k]?.actions, { lock: { reason: 'SPAM' } });
		assert.deepEqual(setDraftActions({}, k, actions), {}, 'no draft, no actions');
		assert.equal(putDraft(typed, k, { body: ' ', updatedAt: 4 })[k], undefined, 'a cleared box drops the draft and its actions');
	});

	it('are stored versioned and read back validated; format 1 drafts still load', () => {
		const stored = JSON.parse(JSON.stringify(serializeDrafts({ [k]: { body: 'Hi', updatedAt: 1, actions }, b: { body: 'plain', updatedAt: 2 } }))) as unknown;
		assert.deepEqual(stored, { [k]: { v: DRAFT_FORMAT, body: 'Hi', updatedAt: 1, actions }, b: { v: DRAFT_FORMAT, body: 'plain', updatedAt: 2 } });
		assert.deepEqual(parseDrafts(stored), { [k]: { body: 'Hi', updatedAt: 1, actions }, b: { body: 'plain', updatedAt: 2 } }, 'a reload restores text and actions');
		assert.deepEqual(parseDrafts({ old: { body: 'format 1', updatedAt: 5 } }), { old: { body: 'format 1', updatedAt: 5 } });
		assert.deepEqual(parseDrafts({ old: { body: 'format 1', updatedAt: 5, actions } }), { old: { body: 'format 1', updatedAt: 5 } }, 'format 1 has no actions');
		assert.deepEqual(parseDrafts({ x: { v: 2, body: 'kept', updatedAt: 5, actions: { close: 'RESOLVED' } } }), { x: { body: 'kept', updatedAt: 5 } }, 'malformed actions are dropped, the text kept');
		assert.deepEqual(parseDrafts({ x: { v: 3, body: 'newer', updatedAt: 5, actions } }), { x: { body: 'newer', updatedAt: 5 } }, 'a newer format keeps at least its text');
	});
});

describe('drafts are never synced (D4)', () => {
	it('no source file passes the draft or outbox keys to setKeysForSync', () => {
		const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
			.flatMap(d => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
		for (const file of walk(join(__dirname, '../../../src'))) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/setKeysForSync\(([^)]*)\)/g)) {
				assert.doesNotMatch(m[1]!, /draft|outbox|DRAFTS_KEY|OUTBOX_KEY/i, file);
			}
		}
	});
});
