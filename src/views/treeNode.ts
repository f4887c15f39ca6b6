import * as vscode from 'vscode';
import type { RepoRef, ThreadKind } from '../core/model';
import type { ItemDescription } from '../core/treeItems';

/** A node of one of the Community Desk trees. */
export interface TreeNode {
	/** Unique and stable within its tree (used as the TreeItem id, so expansion survives refresh). */
	readonly id: string;
	toTreeItem(): vscode.TreeItem;
	/** Children for expandable nodes. */
	getChildren?(): Promise<TreeNode[]>;
	/** The GitHub web URL, for "Open on GitHub" and "Copy link". */
	readonly url?: string;
	/** The discussion or issue a row stands for (a click opens it in a thread panel). */
	readonly thread?: { readonly repo: RepoRef; readonly kind: ThreadKind; readonly number: number };
}

/**
 * Builds a TreeItem from a pure description. GitHub text goes into the tooltip as plain text
 * (`appendText`), in an untrusted MarkdownString with HTML off: no `command:` link can be injected.
 */
export function treeItemFrom(id: string, d: ItemDescription, state: vscode.TreeItemCollapsibleState): vscode.TreeItem {
	const item = new vscode.TreeItem(d.label, state);
	item.id = id;
	item.description = d.description;
	item.contextValue = d.contextValue;
	if (d.icon) item.iconPath = new vscode.ThemeIcon(d.icon, d.iconColor ? new vscode.ThemeColor(d.iconColor) : undefined);
	item.tooltip = plainTooltip(d.tooltip);
	item.accessibilityInformation = { label: d.accessibilityLabel };
	return item;
}

/** A tooltip whose every line is escaped plain text. */
export function plainTooltip(lines: readonly string[]): vscode.MarkdownString {
	const md = new vscode.MarkdownString(undefined, false);
	md.isTrusted = false;
	md.supportHtml = false;
	lines.forEach((line, i) => {
		if (i > 0) md.appendMarkdown('\n\n');
		md.appendText(line);
	});
	return md;
}

/** A leaf that shows a message (an error, an empty result, a hint), optionally with an action. */
export class MessageNode implements TreeNode {
	constructor(
		readonly id: string,
		private readonly message: string,
		private readonly icon: 'error' | 'warning' | 'info',
		private readonly command?: vscode.Command,
	) {}

	toTreeItem(): vscode.TreeItem {
		const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
		item.id = this.id;
		item.iconPath = new vscode.ThemeIcon(this.icon, this.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
		item.tooltip = plainTooltip([this.message, ...(this.command ? [this.command.title] : [])]);
		item.contextValue = `message:${this.icon}`;
		item.accessibilityInformation = { label: this.message };
		if (this.command) item.command = this.command;
		return item;
	}
}
