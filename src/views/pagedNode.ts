import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Page } from '../core/model';
import type { TreeServices } from './services';
import { MessageNode, type TreeNode } from './treeNode';

/**
 * An expandable node whose children are pages of a GitHub connection. The first page loads on
 * expand; a "Load more" row fetches the next one and appends it. A failure becomes an error row
 * with a fix (sign in, retry, settings) and keeps what was already loaded.
 */
export abstract class PagedNode<T> implements TreeNode {
	private items: T[] = [];
	private cursor: string | undefined;
	private loaded = false;
	private error: unknown;
	private pending: Promise<void> | undefined;

	protected constructor(
		readonly id: string,
		protected readonly services: TreeServices,
		private readonly onChanged: (node: TreeNode) => void,
	) {}

	abstract toTreeItem(): vscode.TreeItem;
	/** Fetches one page after the cursor. */
	protected abstract fetchPage(after: string | undefined): Promise<Page<T>>;
	/** Builds the row of one item. */
	protected abstract childFor(item: T): TreeNode;
	/** What is being loaded, for error messages. */
	protected abstract subject(): string;
	/** The text of the row shown when there is nothing. */
	protected abstract emptyMessage(): string;

	async getChildren(): Promise<TreeNode[]> {
		if (!this.loaded) await this.load();
		const t = vscode.l10n.t;
		const rows: TreeNode[] = this.items.map(i => this.childFor(i));
		if (this.error !== undefined) rows.push(this.services.errorNode(`${this.id}/error`, this.error, this.subject()));
		else if (this.cursor) {
			rows.push(new MessageNode(`${this.id}/more`, t('Load more…'), 'info', {
				command: Commands.loadMore, title: t('Load more'), arguments: [this],
			}));
		} else if (rows.length === 0) rows.push(new MessageNode(`${this.id}/empty`, this.emptyMessage(), 'info'));
		return rows;
	}

	/** Loads the next page and re-renders this node. */
	async loadMore(): Promise<void> {
		await this.load();
		this.onChanged(this);
	}

	private load(): Promise<void> {
		this.pending ??= this.fetchPage(this.loaded ? this.cursor : undefined)
			.then(page => {
				this.items = [...this.items, ...page.items];
				this.cursor = page.nextCursor;
				this.error = undefined;
			}, (error: unknown) => {
				this.error = error;
				this.services.logger.warn(`Loading ${this.subject()} failed: ${error instanceof Error ? error.message : String(error)}`);
				this.services.onError(error);
			})
			.finally(() => {
				this.loaded = true;
				this.pending = undefined;
			});
		return this.pending;
	}
}
