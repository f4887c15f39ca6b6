// The integration suite in VS Code desktop through @vscode/test-electron, for machines that can
// download VS Code (a desktop, or CI with internet). Offline machines use `npm run test:host`
// (code-server) instead. Assumes `npm run build` ran.
// Usage: node test/harness/runElectronTests.mjs   (env VSCODE_VERSION: 'stable' (default), 'insiders' or e.g. '1.90.0')
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TOOLS, WORKSPACE, baseUserSettings, log, sandboxEnv, startSandbox, stopAll } from './codeServer.mjs';

const TESTS = join(ROOT, 'dist', 'test', 'integration', 'index.js');
const RUN = join(TOOLS, 'runs', 'electron');
const version = process.env.VSCODE_VERSION ?? 'stable';

/** True when an error looks like "could not download VS Code" rather than a test failure. */
const isDownloadError = err => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|download|update\.code\.visualstudio\.com|socket hang up/i
	.test(String(err?.stack ?? err));

async function main() {
	if (!existsSync(TESTS)) throw new Error(`${TESTS} is missing: run \`npm run build\` first`);
	const { runTests } = await import('@vscode/test-electron');
	const sandbox = await startSandbox({ size: 'demo' });
	log(`sandbox ${sandbox.url}`);
	// Fresh profile with the same settings as the code-server runs (server URL, repositories).
	rmSync(RUN, { recursive: true, force: true });
	mkdirSync(join(RUN, 'user-data', 'User'), { recursive: true });
	writeFileSync(join(RUN, 'user-data', 'User', 'settings.json'), JSON.stringify(baseUserSettings(sandbox.url), null, '\t'));
	try {
		return await runTests({
			version,
			cachePath: join(TOOLS, 'electron'), // downloaded VS Code builds, next to code-server
			extensionDevelopmentPath: ROOT,
			extensionTestsPath: TESTS,
			launchArgs: [WORKSPACE, '--disable-extensions', '--user-data-dir', join(RUN, 'user-data'), '--extensions-dir', join(RUN, 'extensions')],
			extensionTestsEnv: sandboxEnv(sandbox),
		});
	} catch (err) {
		if (isDownloadError(err)) {
			console.error(`\nCould not download VS Code ${version} for @vscode/test-electron (${String(err?.message ?? err).split('\n')[0]}).\n`
				+ 'This machine has no access to update.code.visualstudio.com. Run the same suite in code-server instead:\n'
				+ '  npm run build && npm run test:host\n');
			return 2;
		}
		// runTests rejects with "Test run failed with code 1" when the suite fails
		console.error(String(err?.message ?? err));
		return 1;
	} finally {
		await stopAll();
	}
}

main().then(code => process.exit(code), async err => {
	console.error(err);
	await stopAll();
	process.exit(1);
});
