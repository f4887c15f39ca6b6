// `npm test` (and .ci/run): the single test command. Works on a fresh clone with plain Node 20 and
// no node_modules: npm ci when needed, set up code-server + chromium, build, then run every suite
// (each one even if an earlier one failed), print a table, and end with `N passed, N failed`.
// build/lint/types count as one test each. Exit code 1 when anything failed.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { RESULTS, ROOT, ensureDeps, ensureSetup, mochaCounts } from './codeServer.mjs';

/** Runs a command, streaming its output, and returns {code, out, seconds}. */
function runCaptured(command, args) {
	const start = Date.now();
	return new Promise(resolve => {
		const proc = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
		let out = '';
		proc.stdout.on('data', d => { out += d; process.stdout.write(d); });
		proc.stderr.on('data', d => { out += d; process.stderr.write(d); });
		proc.on('close', code => resolve({ code: code ?? 1, out, seconds: (Date.now() - start) / 1000 }));
	});
}

/** A suite that counts as one test: passed when the command exits 0. */
const single = (command, args) => async () => {
	const r = await runCaptured(command, args);
	return { ...r, passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 };
};

/** A suite that reports counts; a non-zero exit without a counted failure still fails once. */
const counted = (command, args, parse) => async () => {
	const r = await runCaptured(command, args);
	const c = parse(r.out);
	if (r.code !== 0 && c.failed === 0) c.failed = 1;
	return { ...r, passed: c.passed, failed: c.failed };
};

/** Parses a harness summary line such as `host: 3 passed, 0 failed`. */
const summaryLine = prefix => out => {
	const m = [...out.matchAll(new RegExp(`^${prefix}: (\\d+) passed, (\\d+) failed`, 'gm'))].at(-1);
	return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 0 };
};

const suites = [
	['build', single('npm', ['run', 'build'])],
	['lint', single('npm', ['run', 'lint'])],
	['types', single('npm', ['run', 'check-types'])],
	['unit', counted('npm', ['run', 'test:unit'], mochaCounts)],
	['host', counted('node', ['test/harness/runHostTests.mjs'], summaryLine('host')), { needs: ['setup', 'build'] }],
	['e2e', counted('node', ['test/harness/e2e.mjs'], summaryLine('e2e')), { needs: ['setup', 'build'] }],
];

/** Prints the table and the final line; returns the exit code. */
function report(rows, started) {
	const pad = (s, n) => String(s).padEnd(n);
	console.log(`\n${pad('suite', 8)}${pad('passed', 8)}${pad('failed', 8)}time`);
	for (const r of rows) console.log(`${pad(r.name, 8)}${pad(r.passed, 8)}${pad(r.failed, 8)}${r.seconds.toFixed(1)}s${r.note ? `  (${r.note})` : ''}`);
	const passed = rows.reduce((n, r) => n + r.passed, 0);
	const failed = rows.reduce((n, r) => n + r.failed, 0);
	console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)}s`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed > 0 ? 1 : 0;
}

async function main() {
	const started = Date.now();
	mkdirSync(RESULTS, { recursive: true });
	try {
		ensureDeps();
	} catch (err) {
		console.error(err.message);
		return report([{ name: 'deps', passed: 0, failed: 1, seconds: 0, note: 'npm ci failed' }], started);
	}
	const broken = new Set();
	try {
		ensureSetup();
	} catch (err) {
		console.error(err.message);
		broken.add('setup');
	}
	const rows = [];
	for (const [name, runSuite, { needs = [] } = {}] of suites) {
		const missing = needs.filter(n => broken.has(n));
		if (missing.length) {
			rows.push({ name, passed: 0, failed: 1, seconds: 0, note: `not run: ${missing.join(', ')} failed` });
			continue;
		}
		console.log(`\n=== ${name} ===`);
		const r = await runSuite();
		if (r.failed) broken.add(name);
		rows.push({ name, passed: r.passed, failed: r.failed, seconds: r.seconds });
	}
	return report(rows, started);
}

main().then(code => process.exit(code), err => {
	console.error(err);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
