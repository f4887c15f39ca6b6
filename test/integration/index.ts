// Entry point of the integration suite (`extensionTestsPath`): VS Code loads this module inside the
// extension host and awaits `run()`. It runs every `*.test.js` bundled next to it (or in a
// subfolder) by esbuild.mjs, with mocha's BDD UI and spec reporter.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Runs the suite; rejects when any test fails (the launcher turns that into exit code 1).
 * `COMMUNITY_DESK_TEST_FILES` (a substring of the bundled file names, e.g. `triage`) runs only the
 * matching suites while developing; the full run never sets it.
 */
export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
	const only = process.env['COMMUNITY_DESK_TEST_FILES'];
	const files = fs.readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
		.filter(f => f.endsWith('.test.js') && (!only || f.includes(only)))
		.sort();
	for (const f of files) mocha.addFile(path.join(__dirname, f));
	return new Promise((resolve, reject) => {
		try {
			mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
		} catch (err) {
			reject(err);
		}
	});
}
