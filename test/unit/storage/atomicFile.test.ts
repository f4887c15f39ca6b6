import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicFileWriter, nodeFileOps, type FileOps } from '../../../src/storage/atomicFile';

function errno(code: string): NodeJS.ErrnoException {
	return Object.assign(new Error(code), { code });
}

describe('AtomicFileWriter', function () {
	this.timeout(60_000);
	let dir: string;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'cd-atomic-'));
	});
	afterEach(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	it('writes the file and leaves no temporary file behind', async () => {
		const path = join(dir, 'sub', 'a.json');
		await new AtomicFileWriter().write(path, '{"a":1}');
		assert.equal(readFileSync(path, 'utf8'), '{"a":1}');
		assert.deepEqual(readdirSync(join(dir, 'sub')), ['a.json']);
	});

	it('retries a rename refused with EPERM twice, then succeeds', async () => {
		let failures = 0;
		const sleeps: number[] = [];
		const ops: FileOps = { ...nodeFileOps, rename: async (from, to) => {
			if (failures < 2) {
				failures++;
				throw errno('EPERM');
			}
			await nodeFileOps.rename(from, to);
		} };
		const path = join(dir, 'b.json');
		await new AtomicFileWriter({ ops, sleep: async ms => void sleeps.push(ms) }).write(path, '"new"');
		assert.equal(readFileSync(path, 'utf8'), '"new"');
		assert.deepEqual(sleeps, [25, 50]);
	});

	it('gives up after 5 retries and removes its temporary file', async () => {
		const ops: FileOps = { ...nodeFileOps, rename: async () => { throw errno('EBUSY'); } };
		const path = join(dir, 'c.json');
		writeFileSync(path, '"old"');
		await assert.rejects(new AtomicFileWriter({ ops, sleep: async () => undefined }).write(path, '"new"'), /EBUSY/);
		assert.equal(readFileSync(path, 'utf8'), '"old"');
		assert.deepEqual(readdirSync(dir), ['c.json']);
	});

	it('does not retry other errors', async () => {
		let calls = 0;
		const ops: FileOps = { ...nodeFileOps, rename: async () => { calls++; throw errno('ENOSPC'); } };
		await assert.rejects(new AtomicFileWriter({ ops, sleep: async () => undefined }).write(join(dir, 'd.json'), '1'), /ENOSPC/);
		assert.equal(calls, 1);
	});

	it('runs writes to the same file one at a time, in order', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const ops: FileOps = { ...nodeFileOps, writeSynced: async (p, d) => {
			maxInFlight = Math.max(maxInFlight, ++inFlight);
			await new Promise(r => setTimeout(r, 5));
			await nodeFileOps.writeSynced(p, d);
			inFlight--;
		} };
		const writer = new AtomicFileWriter({ ops });
		const path = join(dir, 'e.json');
		await Promise.all([1, 2, 3, 4].map(n => writer.write(path, String(n))));
		assert.equal(maxInFlight, 1);
		assert.equal(readFileSync(path, 'utf8'), '4');
	});

	it('leaves the old or the new file, always parseable, when the writer is killed mid-write', async () => {
		const path = join(dir, 'cache.json');
		const child = join(__dirname, 'fixtures', 'writeLoop.ts');
		const versions: number[] = [];
		for (let kill = 0; kill < 8; kill++) {
			const proc = spawn(process.execPath, ['--import', 'tsx', child, path], { stdio: ['ignore', 'pipe', 'inherit'] });
			await new Promise<void>(resolve => proc.stdout.once('data', () => resolve()));
			await new Promise(r => setTimeout(r, 20 + Math.floor(Math.random() * 150)));
			const exited = new Promise(resolve => proc.once('exit', resolve));
			proc.kill('SIGKILL');
			await exited;
			if (existsSync(path)) {
				const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version: number };
				versions.push(parsed.version);
			}
		}
		assert.ok(versions.length > 0, 'at least one write completed before a kill');
		assert.ok(versions.every(v => Number.isInteger(v) && v > 0));
	});
});
