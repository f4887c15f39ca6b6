import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isIndexIssueQuery, isLocalCursor, localIssuePage } from '../core/indexSummaries';
import { builtInQueries, parseUserQueries, type IssueQueryDefinition } from '../core/issueQueries';
import type { IssueSummary, Page } from '../core/model';
import { formatRepo } from '../core/repoRef';
import { describeIssue, describeRepository } from '../core/treeItems';
import { GitHubError } from '../github/errors';
import type { ConfiguredRepository } from '../platform/repositories';
import { PagedNode } from './pagedNode';
import type { TreeServices } from './services';
import { MessageNode, plainTooltip, treeItemFrom, type TreeNode } from './treeNode';

type Changed = (node: TreeNode) => void;

/** Roots of the Issues view: one node per repository. */
export function issueRoots(s: TreeServices, changed: Changed): (repos: ConfiguredRepository[]) => TreeNode[] {
	return repos => repos.map(r => new IssueRepositoryNode(r, s, changed));
}

/** A repository: its children are the built-in and the user's queries. */
export class IssueRepositoryNode implements TreeNode {
	readonly id: string;
	readonly url: string;
	private queries: TreeNode[] | undefined;

	constructor(readonly entry: ConfiguredRepository, private readonly s: TreeServices, private readonly changed: Changed) {
		this.id = `issues/${formatRepo(entry.repo).toLowerCase()}`;
		this.url = `${s.config.serverOrDefault().webUrl}/${formatRepo(entry.repo)}/issues`;
	}

	toTreeItem(): vscode.TreeItem {
		const d = describeRepository(this.entry.repo, this.entry.source, this.s.describe(), this.s.sync.status(this.entry.repo), this.s.access(this.entry.repo));
		return treeItemFrom(this.id, d, vscode.TreeItemCollapsibleState.Expanded);
	}

	/** The queries (built once per node, so a re-render keeps their pages), after a row for a failed sync. */
	async getChildren(): Promise<TreeNode[]> {
		this.queries ??= this.buildQueries();
		const failed = this.s.sync.status(this.entry.repo)?.error;
		return failed === undefined ? this.queries : [this.s.errorNode(`${this.id}/sync-error`, failed, formatRepo(this.entry.repo)), ...this.queries];
	}

	private buildQueries(): TreeNode[] {
		const user = parseUserQueries(this.s.config.issueQueries(), vscode.l10n.t);
		const nodes: TreeNode[] = [...builtInQueries, ...user.queries].map(q => new QueryNode(this.entry, q, this.s, this.changed));
		user.errors.forEach((e, i) => nodes.push(new MessageNode(`${this.id}/query-error-${i}`, e, 'warning', {
			command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['communityDesk.issueQueries'],
		})));
		return nodes;
	}
}

/** A query: its children are pages of matching issues. */
export class QueryNode extends PagedNode<IssueSummary> {
	readonly url: string;

	constructor(private readonly entry: ConfiguredRepository, readonly query: IssueQueryDefinition, s: TreeServices, changed: Changed) {
		super(`issues/${formatRepo(entry.repo).toLowerCase()}/${query.id}`, s, changed);
		this.url = `${s.config.serverOrDefault().webUrl}/${formatRepo(entry.repo)}/issues`;
	}

	toTreeItem(): vscode.TreeItem {
		const label = this.query.builtIn ? vscode.l10n.t(this.query.label) : this.query.label;
		const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
		item.id = this.id;
		item.iconPath = new vscode.ThemeIcon(this.query.builtIn ? builtInIcon(this.query.id) : 'search');
		item.contextValue = `issueQuery:${this.query.builtIn ? 'builtIn' : 'custom'}`;
		item.tooltip = plainTooltip([label]);
		item.accessibilityInformation = { label: vscode.l10n.t('Issue query {0} in {1}', label, formatRepo(this.entry.repo)) };
		return item;
	}

	/** Built-in queries page through the local copy once it can answer them; GitHub answers the rest. */
	protected async fetchPage(after: string | undefined): Promise<Page<IssueSummary>> {
		if (this.query.builtIn && isIndexIssueQuery(this.query.id) && (after === undefined || isLocalCursor(after))) {
			const local = await this.localPage(after);
			if (local) return local;
		}
		const user = this.services.sync.account() ?? (await this.services.viewer()).login;
		const resolved = this.query.resolve({ repo: this.entry.repo, user, now: new Date(), t: vscode.l10n.t });
		if (!resolved.ok) throw new GitHubError('invalid', resolved.error);
		return this.services.client.listIssues(this.entry.repo, resolved.query, { first: this.services.config.pageSize(), after });
	}

	private async localPage(after: string | undefined): Promise<Page<IssueSummary> | undefined> {
		const sync = await this.services.sync.repo(this.entry.repo);
		const index = await sync.load();
		const user = this.services.sync.account() ?? (await this.services.viewer()).login;
		const query = { id: this.query.id, repo: this.entry.repo, user, now: new Date(), webUrl: this.services.config.serverOrDefault().webUrl };
		return localIssuePage(index, query, after, this.services.config.pageSize());
	}

	protected childFor(item: IssueSummary): TreeNode {
		return new IssueNode(this.id, item, this.services);
	}

	protected subject(): string {
		return formatRepo(this.entry.repo);
	}

	protected emptyMessage(): string {
		return vscode.l10n.t('No matching issues.');
	}
}

function builtInIcon(id: string): string {
	return id === 'assigned' ? 'account' : id === 'mentioned' ? 'mention' : id === 'recent' ? 'history' : 'issues';
}

/** An issue row with its labels: a click opens it in a thread panel. */
export class IssueNode implements TreeNode {
	readonly id: string;
	readonly url: string;
	readonly thread: TreeNode['thread'];

	constructor(parentId: string, readonly issue: IssueSummary, private readonly s: TreeServices) {
		this.id = `${parentId}/${issue.number}`;
		this.url = issue.url;
		this.thread = { repo: issue.repo, kind: 'issue', number: issue.number };
	}

	toTreeItem(): vscode.TreeItem {
		const item = treeItemFrom(this.id, describeIssue(this.issue, this.s.describe(), this.s.access(this.issue.repo)), vscode.TreeItemCollapsibleState.None);
		item.command = { command: Commands.openItem, title: vscode.l10n.t('Open Thread'), arguments: [this] };
		return item;
	}
}
