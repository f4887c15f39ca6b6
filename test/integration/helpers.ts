// Shared helpers of the integration suites (not a suite itself: index.ts loads only *.test.js).
import * as assert from 'node:assert/strict';
import type { CommunityTree } from '../../src/views/communityTree';
import type { TreeNode } from '../../src/views/treeNode';

/** The extension under test. */
export const EXTENSION_ID = 'community-desk.community-desk';
/** The GitHub sandbox the launcher started (test/harness/codeServer.mjs). */
export const sandboxUrl = process.env.COMMUNITY_DESK_TEST_SANDBOX_URL ?? '';
export const sandboxToken = process.env.COMMUNITY_DESK_TEST_SANDBOX_TOKEN ?? '';

/**
 * Polls until a value satisfies a predicate: auth, settings, sync and webview changes are
 * asynchronous. Fails with the last value after `timeoutMs` (default 10 s).
 */
export async function eventually<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, what: string, { timeoutMs = 10_000, intervalMs = 200 } = {}): Promise<T> {
	let last: T | undefined;
	for (let i = 0; i < Math.ceil(timeoutMs / intervalMs); i++) {
		last = await read();
		if (ok(last)) return last;
		await new Promise(r => setTimeout(r, intervalMs));
	}
	assert.fail(`${what}; last: ${describe(last)}`);
}

/** A short rendering of a value for a failure message (panels and snapshots may be circular or large). */
function describe(value: unknown): string {
	try {
		return (JSON.stringify(value) ?? String(value)).slice(0, 2000);
	} catch {
		return String(value);
	}
}

/** The labels of a node's children (the roots without a node). */
export async function labels(tree: CommunityTree, node?: TreeNode): Promise<string[]> {
	const children = await tree.getChildren(node);
	return children.map(c => String(tree.getTreeItem(c).label));
}

/** The first child whose label matches; fails listing the labels there are. */
export async function child(tree: CommunityTree, parent: TreeNode | undefined, match: RegExp): Promise<TreeNode> {
	const children = await tree.getChildren(parent);
	const found = children.find(c => match.test(String(tree.getTreeItem(c).label)));
	assert.ok(found, `no child matching ${match} in ${JSON.stringify(children.map(c => tree.getTreeItem(c).label))}`);
	return found;
}
