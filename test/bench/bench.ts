// npm run bench [-- --size L|demo] [--only B1] [--json FILE]
// Runs the benchmark rows of performance.md against the GitHub sandbox and prints each number beside
// its target and baseline. Numbers only: correctness lives in the unit tests. B7 re-runs this script
// in a child with --expose-gc (`--child`) against a sandbox in another process; B8 loads the built
// bundle in 20 fresh processes.
import { build } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { indexTreeGroups } from '../../src/core/indexTree';
import { RepoIndex } from '../../src/core/repoIndex';
import { computeTriage, sortTriage } from '../../src/core/triage';
import { CacheStore } from '../../src/storage/cacheStore';
import { indexEntryNames, RepoIndexStore } from '../../src/storage/indexStore';
import { SyncEngine } from '../../src/sync/syncEngine';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { addSandboxComment, expectedCounts, indexCounts, sandboxSource, sandboxSourceAt } from '../unit/sync/syncHelpers';

interface Row { id: string; metric: string; value: number | null; unit: string; target: string; comparison: string; baseline: string; baselineName: string }

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const size = (option('--size') ?? 'L') as 'L' | 'demo';
const only = option('--only');
const jsonFile = option('--json');
const isChild = args.includes('--child');
const ROOT = resolve(__dirname, '..', '..');
const CHILD_MARK = 'BENCH_ROWS ';
const ROCKET = { owner: 'acme', name: 'rocket' };
const NOW = new Date('2025-06-01T12:00:00Z');
const LATENCY_MS = 300;
const rows: Row[] = [];

function row(id: string, metric: string, value: number | null, unit: string, target: string, baseline = '', baselineName = ''): void {
	const comparison = value === null ? 'missing' : !/^[≤=]/.test(target) ? 'info' : checkTarget(value, target) ? 'meets' : 'misses';
	rows.push({ id, metric, value, unit, target, comparison, baseline, baselineName });
}

function checkTarget(value: number, target: string): boolean {
	const m = /^([≤=])\s*([\d.]+)/.exec(target);
	return !m || (m[1] === '≤' ? value <= Number(m[2]) : value === Number(m[2]));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

async function withSandbox<T>(fn: (sb: Sandbox) => Promise<T>): Promise<T> {
	const sb = await startSandbox({ port: 0, size, now: NOW, secondaryLimits: false, latencyModel: { baseMs: LATENCY_MS, perNodeMs: 0, perKbMs: 0, jitterMs: 0 } });
	try {
		return await fn(sb);
	} finally {
		await sb.close();
	}
}

/** B1: cold sync; also returns the synced index for B4 and B7. */
async function benchColdSync(sb: Sandbox): Promise<RepoIndex> {
	const index = new RepoIndex();
	sb.log.clear();
	await new SyncEngine(ROCKET, { source: sandboxSource(sb), index }).coldSync();
	const log = sb.log.api('graphql');
	const totals = sb.log.totals('graphql');
	const modelledMin = log.reduce((n, e) => n + (e.modelledMs ?? LATENCY_MS), 0) / 60_000;
	const firstRender = (log[0]?.modelledMs ?? LATENCY_MS) / 1000;
	const rest = sb.log.api('rest').length;
	const naive = await naiveRest(sb);
	row('B1', 'cold sync GraphQL requests', totals.requests, 'requests', '≤450', `${naive.requests} (extrapolated)`, 'naive REST; floor ≥130');
	row('B1', 'cold sync points', totals.cost, 'points', '≤600', '≈430', 'floor');
	row('B1', 'cold sync REST requests', rest, 'requests', '≤0');
	row('B1', 'modelled wall time at 300 ms (sequential)', Math.round(modelledMin * 10) / 10, 'min', '≤12', `${Math.round(naive.requests * LATENCY_MS / 600) / 100} min`, 'naive REST');
	row('B4b', 'open items visible after (modelled)', firstRender, 's', '≤2');
	return index;
}

/** Naive REST sync of the first 500 issues (pages of 100, then comments per issue), extrapolated. */
async function naiveRest(sb: Sandbox): Promise<{ requests: number }> {
	const cap = 500;
	const headers = { authorization: `token ${sb.token}` };
	let requests = 0;
	const numbers: number[] = [];
	for (let page = 1; numbers.length < cap; page++) {
		const r = await fetch(`${sb.url}/api/v3/repos/acme/rocket/issues?state=all&per_page=100&page=${page}`, { headers });
		requests++;
		const list = await r.json() as { number: number; comments: number; pull_request?: unknown }[];
		if (!list.length) break;
		numbers.push(...list.filter(i => !i.pull_request).map(i => i.number));
	}
	for (const n of numbers.slice(0, cap)) {
		for (let page = 1; ; page++) {
			const r = await fetch(`${sb.url}/api/v3/repos/acme/rocket/issues/${n}/comments?per_page=100&page=${page}`, { headers });
			requests++;
			if ((await r.json() as unknown[]).length < 100) break;
		}
	}
	const total = sb.store.repo('acme', 'rocket')!.issues.filter(t => t.kind === 'issue').length;
	console.log(`(naive REST baseline: ${requests} requests for ${Math.min(cap, numbers.length)} issues, extrapolated linearly to ${total})`);
	return { requests: Math.round(requests * total / Math.min(cap, numbers.length)) };
}

async function benchRefresh(sb: Sandbox, index: RepoIndex): Promise<void> {
	const engine = new SyncEngine(ROCKET, { source: sandboxSource(sb), index });
	sb.log.clear();
	await engine.refresh();
	row('B2', 'refresh, nothing changed: requests', sb.log.totals('graphql').requests, 'requests', '≤1', '≈2', 'PR extension');
	row('B2', 'refresh, nothing changed: points', sb.log.totals('graphql').cost, 'points', '≤1', '≥6', 'PR extension');
	const targets = [...index.items().filter(i => i.kind === 'issue').slice(0, 40), ...index.items().filter(i => i.kind === 'discussion').slice(0, 10)];
	for (const item of targets) {
		await addSandboxComment(sb, item.id, item.kind);
	}
	sb.log.clear();
	const result = await engine.refresh();
	const reflected = targets.filter(t => result.changed.includes(t.id)).length;
	row('B2b', '50 changed: requests', sb.log.totals('graphql').requests, 'requests', '≤2', '1', 'floor');
	row('B2b', '50 changed: points', sb.log.totals('graphql').cost, 'points', '≤3');
	row('B2b', '50 changed: reflected', reflected, 'items', '=50');
}

const TREE_PAGE = 30;

/** B4: read + parse + validate the items file and build the trees' top-level rows; then the comments, lazily. */
async function benchCacheRender(index: RepoIndex): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
	try {
		const store = new RepoIndexStore(new CacheStore({ baseDir: dir }), 'github.com', 'mona', ROCKET);
		await store.save(index);
		const render: number[] = [];
		const attach: number[] = [];
		let groups = 0;
		for (let i = 0; i < 15; i++) {
			const start = performance.now();
			const loaded = await store.loadItems();
			groups = indexTreeGroups(loaded.index.items(), TREE_PAGE).length;
			render.push(performance.now() - start);
			const before = performance.now();
			await store.loadComments(loaded.index);
			attach.push(performance.now() - before);
		}
		const itemsBytes = statSync(new CacheStore({ baseDir: dir }).filePath('github.com', 'mona', indexEntryNames(ROCKET).items)).size;
		row('B4', `first tree render from the items file (${index.itemCount} items, ${groups} groups, median of 15)`, round(median(render)), 'ms', '≤150', '≈7000 ms', 'PR extension');
		row('B4', 'the same, slowest of 15', round(Math.max(...render)), 'ms', '≤150');
		row('B4', 'comments attached afterwards (lazy, median)', round(median(attach)), 'ms', '–');
		row('B4', 'items file', round(itemsBytes / 1e6, 1), 'MB', '–');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** B5: the triage queue recomputed (and sorted) over the synced index, median of 15 after a warm-up. */
function benchTriage(index: RepoIndex): void {
	const inputs = [{ repo: 'acme/rocket', items: index.items(), comments: index.commentColumns() }];
	const now = NOW.getTime();
	computeTriage(inputs, { now });
	const times: number[] = [];
	let waiting = 0;
	for (let i = 0; i < 15; i++) {
		const start = performance.now();
		waiting = sortTriage(computeTriage(inputs, { now })).length;
		times.push(performance.now() - start);
	}
	row('B5', `triage recompute + sort (${index.itemCount} items, ${index.commentCount} comment events, ${waiting} waiting, median of 15)`, round(median(times), 1), 'ms', '≤10');
}

/** B7 in the parent: re-runs this script with --expose-gc for the B7 rows. */
function benchHeapInChild(): void {
	const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'test/bench/bench.ts'), '--only', 'B7', '--child', '--size', size], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1e8 });
	const line = out.split('\n').find(l => l.startsWith(CHILD_MARK));
	if (!line) throw new Error(`B7 child printed no rows:\n${out}`);
	rows.push(...JSON.parse(line.slice(CHILD_MARK.length)) as Row[]);
}

/** Starts `test/sandbox/cli.ts` in another process and returns its URL, token and a stop function. */
async function sandboxProcess(): Promise<{ url: string; token: string; stop(): void }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', '--size', size, '--port', '0', '--now', NOW.toISOString()], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
	const line = await new Promise<string>((ok, fail) => {
		let buffer = '';
		child.stdout.on('data', (chunk: Buffer) => {
			buffer += chunk.toString();
			if (buffer.includes('\n')) ok(buffer.split('\n')[0]!);
		});
		child.once('exit', code => fail(new Error(`sandbox exited with ${code}`)));
	});
	const m = /listening on (\S+) \(token: (\S+)\)/.exec(line);
	if (!m) throw new Error(`unexpected sandbox line: ${line}`);
	return { url: m[1]!, token: m[2]!, stop: () => void child.kill('SIGTERM') };
}

/** B7 in the child: heap retained by a full sync (index and client kept), and the disk cache it writes. */
async function benchHeap(): Promise<void> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('B7 needs --expose-gc (run through `npm run bench`, which re-spawns itself)');
	const sandbox = await sandboxProcess();
	try {
		for (let i = 0; i < 3; i++) gc();
		const before = process.memoryUsage().heapUsed;
		let peak = before;
		const source = sandboxSourceAt(sandbox.url, sandbox.token);
		const index = new RepoIndex();
		const outcome = await new SyncEngine(ROCKET, { source, index, onProgress: () => void (peak = Math.max(peak, process.memoryUsage().heapUsed)) }).coldSync();
		for (let i = 0; i < 3; i++) gc();
		const retained = process.memoryUsage().heapUsed - before;
		row('B7', `heap delta after a full sync, after gc (${index.itemCount} items, ${index.commentCount} comments, complete: ${outcome.complete})`, round(retained / 1e6, 1), 'MB', '≤60', '≈138 MB', 'GitHub-shaped objects with bodies');
		row('B7', 'peak heap delta during the sync (sampled per page)', round((peak - before) / 1e6, 1), 'MB', '–');
		const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
		try {
			const saved = await new RepoIndexStore(new CacheStore({ baseDir: dir }), 'github.com', 'mona', ROCKET).save(index);
			row('B7', 'disk cache (items + comments files)', round(((saved.items?.bytes ?? 0) + saved.comments.bytes) / 1e6, 1), 'MB', '≤15');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	} finally {
		sandbox.stop();
	}
}

/** Builds the extension with the production options of esbuild.mjs into a temporary folder. */
async function buildProduction(dir: string): Promise<string> {
	const outfile = join(dir, 'extension.js');
	await build({ entryPoints: [join(ROOT, 'src/extension.ts')], outfile, bundle: true, minify: true, sourcemap: false, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'silent' });
	return outfile;
}

/** B8: `require` + `activate` of the production bundle against the vscode stub, 20 fresh processes. */
async function benchActivation(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
	try {
		const bundle = await buildProduction(dir);
		const probe = join(dir, 'probe.cjs');
		await build({ entryPoints: [join(ROOT, 'test/bench/activationProbe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
		const samples = Array.from({ length: 20 }, () => JSON.parse(execFileSync(process.execPath, [probe, bundle, ROOT], { encoding: 'utf8' })) as { loadMs: number; activateMs: number; commands: number; network: string[] });
		const network = samples.flatMap(x => x.network);
		if (network.length) console.error(`\n!!! B8: activate() touched the network ${network.length} times: ${network.slice(0, 3).join('; ')}\n`);
		row('B8', 'load (require the bundle), median of 20 fresh processes', round(median(samples.map(x => x.loadMs)), 1), 'ms', '≤30', '≥300 ms', 'PR extension');
		row('B8', 'activate(), median of 20', round(median(samples.map(x => x.activateMs)), 1), 'ms', '≤20');
		row('B8', 'load + activate, median of 20', round(median(samples.map(x => x.loadMs + x.activateMs)), 1), 'ms', '≤50');
		row('B8', `network calls during activation (${samples[0]!.commands} commands registered)`, network.length, 'calls', '≤0');
		const pkg = JSON.parse(execFileSync(process.execPath, ['-p', 'JSON.stringify(require("./package.json").activationEvents ?? [])'], { cwd: ROOT, encoding: 'utf8' })) as string[];
		row('B8', 'eager activation events (*, onStartupFinished)', pkg.filter(e => e === '*' || e === 'onStartupFinished').length, 'events', '≤0');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** One cold sync against a fresh sandbox, optionally with faults; points, requests and whether it is complete and exact. */
async function faultRun(setup: (sb: Sandbox) => void, onPage?: (sb: Sandbox, pages: number) => void): Promise<{ points: number; requests: number; failed: number; complete: boolean; exact: boolean; stops: number; faults: Record<string, number> }> {
	return withSandbox(async sb => {
		setup(sb);
		const index = new RepoIndex();
		let pages = 0;
		let stops = 0;
		let outcome = await new SyncEngine(ROCKET, { source: sandboxSource(sb), index, onProgress: () => onPage?.(sb, ++pages) }).coldSync();
		while (!outcome.complete && stops < 3) {
			stops++;
			sb.resetBudgets(); // the modelled reset: the budget is back, and a fresh client resumes from the checkpoint
			outcome = await new SyncEngine(ROCKET, { source: sandboxSource(sb), index }).coldSync();
		}
		const log = sb.log.api('graphql');
		const faults: Record<string, number> = {};
		log.filter(e => e.fault).forEach(e => void (faults[e.fault!] = (faults[e.fault!] ?? 0) + 1));
		const stats = sb.store.stats();
		const counts = indexCounts(index);
		const exact = JSON.stringify(counts) === JSON.stringify(expectedCounts(sb, ROCKET.owner, ROCKET.name)) && counts.issues === stats.issues && counts.discussions === stats.discussions;
		return { points: sb.log.totals('graphql').cost, requests: log.length, failed: log.filter(e => e.status !== 200).length, complete: outcome.complete, exact, stops, faults };
	});
}

/** B11: the cold sync under a secondary limit, an exhausted budget and 10 % of 502s, against a clean run. */
async function benchFaults(): Promise<void> {
	const clean = await faultRun(() => undefined);
	const faulty = await faultRun(sb => {
		sb.faults.add({ mode: 'secondaryRateLimit', kind: 'graphql', retryAfter: 1 });
		sb.faults.add({ mode: 'status', status: 502, kind: 'graphql', times: null, probability: 0.1 });
	}, (sb, pages) => pages === 40 && sb.exhaustBudget());
	console.log(`(B11 clean: ${JSON.stringify(clean)}; faulty: ${JSON.stringify(faulty)})`);
	row('B11', `recovered: complete and counts match the store (size ${size}; ${faulty.failed} failed requests: ${Object.entries(faulty.faults).map(([k, v]) => `${v}× ${k}`).join(', ')})`, faulty.complete && faulty.exact ? 1 : 0, 'yes=1', '=1');
	row('B11', `extra points vs a clean run (${faulty.points} vs ${clean.points})`, round(100 * (faulty.points - clean.points) / clean.points, 1), '%', '≤5');
	row('B11', `extra requests vs a clean run (${faulty.requests} vs ${clean.requests})`, round(100 * (faulty.requests - clean.requests) / clean.requests, 1), '%', '–');
	row('B11', 'budget exhaustion: stops with a saved checkpoint, resumes after the (modelled) reset', faulty.stops, 'stops', '–');
}

async function benchBundle(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
	try {
		row('B9', 'dist/extension.js minified', round(statSync(await buildProduction(dir)).size / 1024, 1), 'KB', '≤250', '183 KB', 'full octokit alone');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const vsix = 'dist/community-desk.vsix';
	row('B9', '.vsix (last `npm run package`)', existsSync(vsix) ? Math.round(statSync(vsix).size / 102.4) / 10 : null, 'KB', '≤600');
}

function missing(id: string, metric: string, target: string, why: string): void {
	row(id, `${metric} (${why})`, null, '', target);
}

async function main(): Promise<void> {
	if (isChild) {
		await benchHeap();
		process.stdout.write(`${CHILD_MARK}${JSON.stringify(rows)}\n`);
		return;
	}
	const want = (id: string) => !only || only === id;
	if (want('B1') || want('B2') || want('B2b') || want('B4') || want('B5')) {
		await withSandbox(async sb => {
			const index = await benchColdSync(sb);
			if (want('B5') || !only) benchTriage(index);
			if (want('B4') || !only) await benchCacheRender(index);
			if (want('B2') || want('B2b') || !only) await benchRefresh(sb, index);
		});
	}
	if (want('B6')) missing('B6', 'stats over 200k events', '≤25', 'stats not implemented yet');
	if (want('B7')) benchHeapInChild();
	if (want('B8')) await benchActivation();
	if (want('B9')) await benchBundle();
	if (want('B10')) missing('B10', '100 queued writes', '0 hits', 'not measured yet');
	if (want('B11')) await benchFaults();
	console.table(rows.map(r => ({ id: r.id, metric: r.metric, value: r.value ?? 'missing', unit: r.unit, target: r.target, result: r.comparison, baseline: r.baseline ? `${r.baseline} (${r.baselineName})` : '' })));
	if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ rows }, null, '\t'));
}

void main().then(() => process.exit(0), error => {
	console.error(error);
	process.exit(1);
});
