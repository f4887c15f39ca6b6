// Runs the mocha integration suite (dist/test/integration/index.js) inside the real Node extension
// host of code-server, against the GitHub sandbox. Assumes `npm run build` already ran.
// The workbench honours the URL `payload` (extensionDevelopmentPath / extensionTestsPath) only when
// the server runs with enable-smoke-test-driver; it reports console output via
// window.codeAutomationLog and the result via window.codeAutomationExit.
// Usage: node test/harness/runHostTests.mjs   (env HOST_TESTS_TIMEOUT_S, default 300; COMMUNITY_DESK_TEST_FILES=triage
// runs only the bundled suites whose file name contains it)
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import {
	RESULTS, ROOT, baseUserSettings, WORKSPACE, elapsed, freshRunDir, launchChromium, log, mochaCounts, newPage, sandboxEnv, startCodeServer, startSandbox, stopAll,
} from './codeServer.mjs';

const TESTS = join(ROOT, 'dist', 'test', 'integration', 'index.js');
const TIMEOUT_MS = Number(process.env.HOST_TESTS_TIMEOUT_S ?? 300) * 1000;
const VERBOSE = Boolean(process.env.HOST_TESTS_VERBOSE);
/** Workbench chatter that is expected offline; hidden unless HOST_TESTS_VERBOSE is set (always in the log file). */
const NOISE = /open-vsx\.org|^\s+at |connection token|Creating a socket|reconnection-grace-time|builtin extensions cache|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|authentication provider 'github'|vsda|^Canceled/;

async function main() {
	if (!existsSync(TESTS)) throw new Error(`${TESTS} is missing: run \`npm run build\` first`);
	const runDir = freshRunDir('host');
	const sandbox = await startSandbox({ size: 'demo' });
	log(`sandbox ${sandbox.url}`);
	const server = await startCodeServer({
		runDir, env: sandboxEnv(sandbox),
		userSettings: baseUserSettings(sandbox.url),
		extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
	});
	log(`code-server ${server.url} (log: ${server.logFile})`);

	const browser = await launchChromium({ runDir: join(runDir, 'chromium') });
	let output = '';
	let code;
	try {
		const page = await newPage(browser);
		const exited = new Promise(resolve => page.exposeFunction('codeAutomationExit', c => resolve(c)));
		await page.exposeFunction('codeAutomationLog', (type, args) => {
			// args are console.log arguments, format string first (mocha's reporter uses %s / %d)
			const line = format(...(Array.isArray(args) ? args : [args]));
			output += `${line}\n`;
			const shown = VERBOSE ? line : line.split('\n').filter(l => !NOISE.test(l)).join('\n');
			if (shown.trim()) (type === 'error' ? console.error : console.log)(shown);
		});
		await page.goto(server.workbenchUrl({
			folder: WORKSPACE,
			payload: [
				['extensionDevelopmentPath', server.remoteUri(ROOT)],
				['extensionTestsPath', server.remoteUri(TESTS)],
				['skipWelcome', 'true'],
			],
		}));
		code = await Promise.race([exited, new Promise(resolve => setTimeout(() => resolve('timeout'), TIMEOUT_MS))]);
		if (code === 'timeout') console.error(`TIMEOUT: no result from the extension host after ${TIMEOUT_MS / 1000}s`);
	} finally {
		await browser.close().catch(() => {});
		await stopAll();
	}
	writeFileSync(join(runDir, 'extension-host.log'), output);
	const counts = mochaCounts(output);
	// A crash before mocha reports (or a timeout) still has to count as a failure.
	if (code !== 0 && counts.failed === 0) counts.failed = 1;
	if (code !== 0) {
		// keep the evidence where CI artefacts are collected
		mkdirSync(RESULTS, { recursive: true });
		copyFileSync(server.logFile, join(RESULTS, 'host-code-server.log'));
		writeFileSync(join(RESULTS, 'host-extension-host.log'), output);
		console.log(`--- code-server log (tail; full logs in ${RESULTS}) ---\n${server.output().slice(-3000)}`);
	}
	log(`extension-host tests finished with ${code} in ${elapsed()}`);
	console.log(`host: ${counts.passed} passed, ${counts.failed} failed`);
	return code === 0 && counts.failed === 0 ? 0 : 1;
}

main().then(code => process.exit(code), async err => {
	console.error(err);
	await stopAll();
	console.log('host: 0 passed, 1 failed');
	process.exit(1);
});
