// `npm run demo`: Community Desk against the GitHub sandbox (demo data), in a real VS Code.
// - With a `code` binary on PATH: VS Code desktop with the extension in development mode.
// - Otherwise: code-server on 127.0.0.1 (--port, default 8080) with the project linked in as an
//   installed extension; prints the URL to open and runs until Ctrl+C.
// - --headless-check: open that URL in headless chromium, wait for acme/rocket in the tree, save
//   test-results/demo.png and exit 0/1 (a quick check without a human).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	RESULTS, ROOT, TOOLS, WORKSPACE, baseUserSettings, ensureDeps, ensureSetup, launchChromium, log, newPage, openWorkbench, run,
	sandboxEnv, shutdown, spawnTracked, startCodeServer, startSandbox, stopAll,
} from './codeServer.mjs';

const argv = process.argv.slice(2);
const headlessCheck = argv.includes('--headless-check');
const portArg = argv.includes('--port') ? Number(argv[argv.indexOf('--port') + 1]) : undefined;
const DEMO_DIR = join(TOOLS, 'demo'); // reset on every start: each demo begins signed in, with fresh state

/** Absolute path of `code` when VS Code desktop is installed. */
function findCode() {
	const r = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

/** VS Code desktop: development mode, own user-data/extensions folders; ends when the window closes. */
async function runDesktop(code, sandbox) {
	const userData = join(DEMO_DIR, 'user-data');
	mkdirSync(join(userData, 'User'), { recursive: true });
	writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(baseUserSettings(sandbox.url), null, '\t'));
	log(`starting ${code} (close the window or press Ctrl+C to stop)`);
	const proc = spawnTracked(code, ['--new-window', '--wait', '--user-data-dir', userData, '--extensions-dir', join(DEMO_DIR, 'extensions'),
		`--extensionDevelopmentPath=${ROOT}`, WORKSPACE], { env: { ...process.env, ...sandboxEnv(sandbox) }, onData: d => process.stdout.write(d) });
	await new Promise(resolve => proc.on('exit', resolve));
}

/** code-server with the extension installed (a link to the project). */
async function startServer(sandbox) {
	const port = portArg ?? (headlessCheck ? 0 : 8080);
	return startCodeServer({ port, runDir: join(DEMO_DIR, 'code-server'), env: sandboxEnv(sandbox), installProject: true, userSettings: baseUserSettings(sandbox.url) });
}

/** Opens the demo in headless chromium and checks that the tree shows acme/rocket. */
async function headless(server) {
	const browser = await launchChromium({ runDir: join(DEMO_DIR, 'chromium') });
	const shot = join(RESULTS, 'demo.png');
	mkdirSync(RESULTS, { recursive: true });
	try {
		const page = await newPage(browser);
		try {
			await (await openWorkbench(page, server.workbenchUrl())).click();
			await page.getByRole('treeitem', { name: /acme\/rocket/ }).first().waitFor({ timeout: 60_000 });
			log('demo check passed: the tree shows acme/rocket');
			return 0;
		} catch (err) {
			console.error(`demo check failed: ${String(err?.message ?? err).split('\n')[0]}`);
			return 1;
		} finally {
			await page.screenshot({ path: shot }).catch(() => {});
			log(`screenshot ${shot}`);
		}
	} finally {
		await browser.close().catch(() => {});
	}
}

async function main() {
	ensureDeps();
	ensureSetup();
	if (run('node', ['esbuild.mjs']) !== 0) throw new Error('build failed');
	rmSync(DEMO_DIR, { recursive: true, force: true });
	const sandbox = await startSandbox({ size: 'demo' });
	log(`GitHub sandbox ${sandbox.url} (token ${sandbox.token})`);
	const code = headlessCheck ? undefined : findCode();
	if (code) {
		await runDesktop(code, sandbox);
		return 0;
	}
	const server = await startServer(sandbox);
	if (headlessCheck) return headless(server);
	shutdown.exitCode = 0;
	console.log(`\nCommunity Desk demo is running in code-server.\n  Open ${server.workbenchUrl()}\n  (log: ${server.logFile})\nPress Ctrl+C to stop.\n`);
	const exit = await new Promise(resolve => server.proc.on('exit', resolve));
	if (shutdown.requested) return 0; // Ctrl+C: the signal handler stops everything
	console.error(`code-server exited (${exit}):\n${server.output().slice(-2000)}`);
	return 1;
}

main().then(async code => { await stopAll(); process.exit(code); }, async err => {
	console.error(err?.message ?? err);
	await stopAll();
	process.exit(1);
});
