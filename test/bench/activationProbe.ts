// Bench B8, one sample: bundled by bench.ts into a temporary .cjs and run as
// `node probe.cjs <dist/extension.js> <extension root>` in a fresh process each time. Loads the built
// extension against the vscode stub, calls `activate`, and prints one JSON line with the timings,
// the registered commands and any network attempt.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVscodeStub, guardNetwork, installVscodeStub, manifestDefaults, stubContext } from '../unit/vscodeStub';

async function main(): Promise<void> {
	const [bundle, root] = process.argv.slice(2) as [string, string];
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
	const network = guardNetwork();
	const { api, record } = createVscodeStub(manifestDefaults(manifest));
	installVscodeStub(api);
	const context = stubContext(root, manifest);
	const t0 = performance.now();
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const extension = require(bundle) as { activate(context: unknown): unknown };
	const t1 = performance.now();
	extension.activate(context);
	const t2 = performance.now();
	await new Promise(resolve => setTimeout(resolve, 50));
	process.stdout.write(`${JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, commands: record.commands.length, network: network.attempts })}\n`);
}

void main().then(() => process.exit(0), (error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
