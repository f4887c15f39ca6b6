import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isLocalCursor, localDiscussionPage } from '../core/indexSummaries';
import type { DiscussionCategory, DiscussionSummary, Page, RepoRef } from '../core/model';
import { formatRepo } from '../core/repoRef';
import { describeCategory, describeDiscussion, describeRepository } from '../core/treeItems';
import type { ConfiguredRepository } from '../platform/repositories';
import { PagedNode } from './pagedNode';
import type { TreeServices } from './services';
import { treeItemFrom, type TreeNode } from './treeNode';

type Changed = (node: TreeNode) => void;

/** Roots of the Discussions view: one node per repository (empty when signed out, for the welcome view). */
export function discussionRoots(s: TreeServices, changed: Changed): (repos: ConfiguredRepository[]) => TreeNode[] {
	return repos => repos.map(r => new DiscussionRepositoryNode(r, s, changed));
}

/** A repository: its children are the discussion categories. */
export class DiscussionRepositoryNode implements TreeNode {
	readonly id: string;
	readonly url: string;
	private categories: Promise<TreeNode[]> | undefined;

	constructor(readonly entry: ConfiguredRepository, private readonly s: TreeServices, private readonly changed: Changed) {
		this.id = `discussions/${formatRepo(entry.repo).toLowerCase()}`;
		this.url = `${s.config.serverOrDefault().webUrl}/${formatRepo(entry.repo)}/discussions`;
	}

	toTreeItem(): vscode.TreeItem {
		const d = describeRepository(this.entry.repo, this.entry.source, this.s.describe(), this.s.sync.status(this.entry.repo), this.s.access(this.entry.repo));
		return treeItemFrom(this.id, d, vscode.TreeItemCollapsibleState.Expanded);
	}

	/** The categories (from the local copy when it has them), after a row for a failed sync. */
	async getChildren(): Promise<TreeNode[]> {
		this.categories ??= this.s.sync.repo(this.entry.repo)
			.then(sync => sync.categories(() => this.s.client.listDiscussionCategories(this.entry.repo)))
			.then(cats => cats.map(c => new CategoryNode(this.entry.repo, c, this.s, this.changed)), (error: unknown) => {
				this.categories = undefined;
				this.s.onError(error);
				return [this.s.errorNode(`${this.id}/error`, error, formatRepo(this.entry.repo))];
			});
		const nodes = await this.categories;
		const failed = this.s.sync.status(this.entry.repo)?.error;
		if (failed === undefined || nodes.some(n => n.id === `${this.id}/error`)) return nodes;
		return [this.s.errorNode(`${this.id}/sync-error`, failed, formatRepo(this.entry.repo)), ...nodes];
	}
}

/** A category: its children are pages of discussions, most recently updated first. */
export class CategoryNode extends PagedNode<DiscussionSummary> {
	readonly url: string;

	constructor(private readonly repo: RepoRef, readonly category: DiscussionCategory, s: TreeServices, changed: Changed) {
		super(`discussions/${formatRepo(repo).toLowerCase()}/${category.id}`, s, changed);
		this.url = `${s.config.serverOrDefault().webUrl}/${formatRepo(repo)}/discussions/categories/${encodeURIComponent(category.slug)}`;
	}

	toTreeItem(): vscode.TreeItem {
		return treeItemFrom(this.id, describeCategory(this.category, this.services.describe()), vscode.TreeItemCollapsibleState.Collapsed);
	}

	/** Pages of the local copy once it holds every discussion; GitHub's pages until then. */
	protected async fetchPage(after: string | undefined): Promise<Page<DiscussionSummary>> {
		const size = this.services.config.pageSize();
		if (after === undefined || isLocalCursor(after)) {
			const index = await (await this.services.sync.repo(this.repo)).load();
			const local = localDiscussionPage(index, this.category.id, this.repo, this.services.config.serverOrDefault().webUrl, after, size);
			if (local) return local;
		}
		return this.services.client.listDiscussions(this.repo, { categoryId: this.category.id, first: size, after });
	}

	protected childFor(item: DiscussionSummary): TreeNode {
		return new DiscussionNode(this.id, item, this.services, this.repo);
	}

	protected subject(): string {
		return `${formatRepo(this.repo)} · ${this.category.name}`;
	}

	protected emptyMessage(): string {
		return vscode.l10n.t('No discussions in this category yet.');
	}
}

/** A discussion row: a click opens it in a thread panel. */
export class DiscussionNode implements TreeNode {
	readonly id: string;
	readonly url: string;
	readonly thread: TreeNode['thread'];

	constructor(parentId: string, readonly discussion: DiscussionSummary, private readonly s: TreeServices, private readonly repo: RepoRef) {
		this.id = `${parentId}/${discussion.number}`;
		this.url = discussion.url;
		this.thread = { repo, kind: 'discussion', number: discussion.number };
	}

	toTreeItem(): vscode.TreeItem {
		const item = treeItemFrom(this.id, describeDiscussion(this.discussion, this.s.describe(), this.s.access(this.repo)), vscode.TreeItemCollapsibleState.None);
		item.command = { command: Commands.openItem, title: vscode.l10n.t('Open Thread'), arguments: [this] };
		return item;
	}
}
