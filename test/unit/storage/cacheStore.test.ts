import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CACHE_SCHEMA_VERSION, CacheStore, partitionName } from '../../../src/storage/cacheStore';

const HOST = 'github.com';
const ACCOUNT = 'mona';
const isNumbers = (d: unknown): d is number[] => Array.isArray(d) && d.every(n => typeof n === 'number');

describe('CacheStore', () => {
	let dir: string;
	let store: CacheStore;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'cd-cache-'));
		store = new CacheStore({ baseDir: dir, now: () => 1_700_000_000_000 });
	});
	afterEach(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	/** Writes raw text where the cache entry `index` would be. */
	function plant(text: string): string {
		const path = store.filePath(HOST, ACCOUNT, 'index');
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, text);
		return path;
	}

	it('round-trips data in a versioned envelope', async () => {
		assert.deepEqual(await store.save(HOST, ACCOUNT, 'index', [1, 2, 3]), { written: true, bytes: readFileSync(store.filePath(HOST, ACCOUNT, 'index')).length });
		const raw = JSON.parse(readFileSync(store.filePath(HOST, ACCOUNT, 'index'), 'utf8'));
		assert.deepEqual(raw, { schemaVersion: CACHE_SCHEMA_VERSION, host: HOST, account: ACCOUNT, writtenAt: 1_700_000_000_000, data: [1, 2, 3] });
		assert.deepEqual(await store.load(HOST, ACCOUNT, 'index', isNumbers), { data: [1, 2, 3], needsRefetch: false, writtenAt: 1_700_000_000_000 });
	});

	it('reports a missing cache as empty without moving anything', async () => {
		assert.deepEqual(await store.load(HOST, ACCOUNT, 'index', isNumbers), { data: undefined, needsRefetch: true });
	});

	const broken: [string, string][] = [
		['truncated JSON', '{"schemaVersion":1,"host":"github.com","acc'],
		['arbitrary bytes', '\u0000\u00ff\u0001garbage'],
		['a wrong schema version', JSON.stringify({ schemaVersion: 999, host: HOST, account: ACCOUNT, writtenAt: 1, data: [] })],
		['another account', JSON.stringify({ schemaVersion: CACHE_SCHEMA_VERSION, host: HOST, account: 'octocat', writtenAt: 1, data: [] })],
		['data failing validation', JSON.stringify({ schemaVersion: CACHE_SCHEMA_VERSION, host: HOST, account: ACCOUNT, writtenAt: 1, data: ['x'] })],
		['a huge number as the timestamp', `{"schemaVersion":${CACHE_SCHEMA_VERSION},"host":"github.com","account":"mona","writtenAt":1e999,"data":[]}`],
		['null', 'null'],
	];
	for (const [what, text] of broken) {
		it(`moves ${what} aside and returns empty with needsRefetch`, async () => {
			const path = plant(text);
			const result = await store.load(HOST, ACCOUNT, 'index', isNumbers);
			assert.equal(result.data, undefined);
			assert.equal(result.needsRefetch, true);
			assert.equal(result.movedAside, `${path}.corrupt-1700000000000`);
			assert.equal(existsSync(path), false);
			assert.equal(readFileSync(result.movedAside!, 'utf8'), text);
		});
	}

	it('keeps partitions apart and sanitises their names', async () => {
		await store.save(HOST, 'mona', 'index', [1]);
		await store.save('ghe.example.com', '../../etc', 'index', [2]);
		assert.deepEqual((await store.load('ghe.example.com', '../../etc', 'index', isNumbers)).data, [2]);
		assert.deepEqual((await store.load(HOST, 'mona', 'index', isNumbers)).data, [1]);
		for (const name of readdirSync(dir)) {
			assert.match(name, /^[a-z0-9._-]+__[a-z0-9._-]+__[0-9a-f]{8}$/);
		}
		assert.notEqual(partitionName('a', 'b_c'), partitionName('a_b', 'c'));
	});

	it('purges one partition and leaves the others', async () => {
		await store.save(HOST, 'mona', 'index', [1]);
		await store.save(HOST, 'octocat', 'index', [2]);
		await store.purge(HOST, 'mona');
		assert.equal(existsSync(store.partitionDir(HOST, 'mona')), false);
		assert.deepEqual((await store.load(HOST, 'octocat', 'index', isNumbers)).data, [2]);
	});

	it('refuses data over the size cap and keeps the previous file', async () => {
		const small = new CacheStore({ baseDir: dir, maxBytes: 1000 });
		await small.save(HOST, ACCOUNT, 'index', [1]);
		const result = await small.save(HOST, ACCOUNT, 'index', Array.from({ length: 1000 }, (_, i) => i));
		assert.equal(result.written, false);
		assert.deepEqual((await small.load(HOST, ACCOUNT, 'index', isNumbers)).data, [1]);
	});

	it('never writes a token', async () => {
		const result = await store.save(HOST, ACCOUNT, 'index', { note: 'ghp_sandbox_mona_0000000000000000000000' });
		assert.deepEqual(result, { written: false, reason: 'containsSecret', bytes: result.bytes });
		assert.equal(existsSync(store.filePath(HOST, ACCOUNT, 'index')), false);
	});
});
