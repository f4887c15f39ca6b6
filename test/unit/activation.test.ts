import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVscodeStub, guardNetwork, installVscodeStub, manifestDefaults, stubContext } from './vscodeStub';

// `activate` in plain Node against the vscode stub (performance.md B8, design implication 1): it must
// register every contributed command and start no network request. Imports src/extension.ts through
// tsx; nothing is built.

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { contributes: { commands: { command: string }[] } };

describe('activate (stubbed vscode)', () => {
	it('registers every contributed command and makes no network call', async () => {
		const network = guardNetwork();
		const { api, record } = createVscodeStub(manifestDefaults(manifest));
		const uninstall = installVscodeStub(api);
		const context = stubContext(ROOT, manifest);
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const extension = require('../../src/extension') as typeof import('../../src/extension');
			extension.activate(context as never);
			await new Promise(resolve => setTimeout(resolve, 50)); // let activation's fire-and-forget work run
			const contributed = manifest.contributes.commands.map(c => c.command).sort();
			assert.deepEqual(contributed.filter(id => !record.commands.includes(id)), [], 'contributed but not registered');
			assert.deepEqual(network.attempts, [], 'network access during activation');
			assert.ok((context['subscriptions'] as unknown[]).length > 0, 'disposables are handed to the context');
			for (const d of context['subscriptions'] as { dispose(): void }[]) d.dispose();
		} finally {
			uninstall();
			network.restore();
		}
	});
});
