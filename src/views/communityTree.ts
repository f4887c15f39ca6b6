import * as vscode from 'vscode';
import type { TreeNode } from './treeNode';

/**
 * The TreeDataProvider shared by the Discussions and Issues views: roots come from a function,
 * children from the nodes themselves; `refresh()` drops every cached child.
 */
export class CommunityTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private roots: Promise<TreeNode[]> | undefined;

	constructor(
		readonly viewId: string,
		private readonly buildRoots: () => Promise<TreeNode[]>,
	) {}

	getTreeItem(node: TreeNode): vscode.TreeItem {
		return node.toTreeItem();
	}

	getChildren(node?: TreeNode): Promise<TreeNode[]> {
		if (node) return this.withProgress(node.getChildren?.() ?? Promise.resolve([]));
		this.roots ??= this.buildRoots();
		return this.withProgress(this.roots);
	}

	/** Reloads everything (or re-renders one node that changed, e.g. after "Load more"). */
	refresh(node?: TreeNode): void {
		if (!node) this.roots = undefined;
		this.changed.fire(node);
	}

	/** Re-renders every row from the nodes already built (new descriptions; no children are refetched). */
	rerender(): void {
		this.changed.fire(undefined);
	}

	dispose(): void {
		this.changed.dispose();
	}

	private withProgress<T>(work: Promise<T>): Promise<T> {
		return Promise.resolve(vscode.window.withProgress({ location: { viewId: this.viewId } }, () => work));
	}
}
