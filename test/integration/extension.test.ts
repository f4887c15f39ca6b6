// Smoke suite inside a real extension host: the extension is installed, activates, registers its
// contributed commands, and its views open. The launchers (test/harness/runHostTests.mjs,
// runElectronTests.mjs) point the extension at the GitHub sandbox.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommunityDeskApi } from '../../src/extension';
import { EXTENSION_ID } from './helpers';

interface ContributedCommand { command: string }

describe('Community Desk extension', () => {
	let extension: vscode.Extension<CommunityDeskApi>;
	let api: CommunityDeskApi;

	before(async () => {
		const found = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(found, `${EXTENSION_ID} is not installed`);
		extension = found as vscode.Extension<CommunityDeskApi>;
		api = await extension.activate();
	});

	it('runs against the GitHub sandbox', () => {
		const sandboxUrl = process.env.COMMUNITY_DESK_TEST_SANDBOX_URL;
		assert.ok(sandboxUrl, 'COMMUNITY_DESK_TEST_SANDBOX_URL is not set: start the tests through a harness launcher');
		const serverUrl = vscode.workspace.getConfiguration('communityDesk').get<string>('github.serverUrl');
		assert.equal(serverUrl?.replace(/\/$/, ''), sandboxUrl.replace(/\/$/, ''));
	});

	it('activates and returns its test API with both trees', () => {
		assert.equal(extension.isActive, true);
		assert.equal(api.container.discussions.viewId, 'communityDesk.discussions');
		assert.equal(api.container.issues.viewId, 'communityDesk.issues');
	});

	it('registers every contributed command', async () => {
		const contributed = (extension.packageJSON.contributes?.commands ?? []) as ContributedCommand[];
		const expected = new Set([
			...contributed.map(c => c.command),
			'communityDesk.auth.signInWithToken', 'communityDesk.auth.signOut',
			'communityDesk.discussions.refresh', 'communityDesk.issues.refresh', 'communityDesk.repositories.add',
		]);
		const registered = new Set(await vscode.commands.getCommands(true));
		const missing = [...expected].filter(c => !registered.has(c));
		assert.deepEqual(missing, [], `commands contributed but not registered: ${missing.join(', ')}`);
	});

	it('opens its view container and focuses both views', async () => {
		await vscode.commands.executeCommand('workbench.view.extension.communityDesk');
		await vscode.commands.executeCommand('communityDesk.discussions.focus');
		await vscode.commands.executeCommand('communityDesk.issues.focus');
	});
});
