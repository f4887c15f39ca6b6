import * as vscode from 'vscode';
import { Commands } from '../constants';
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

	constructor(readonly entry: ConfiguredRepository, private readonly s: TreeServices, private readonly changed: Changed) {
		this.id = `issues/${formatRepo(entry.repo).toLowerCase()}`;
		this.url = `${s.config.serverOrDefault().webUrl}/${formatRepo(entry.repo)}/issues`;
	}

	toTreeItem(): vscode.TreeItem {
		return treeItemFrom(this.id, describeRepository(this.entry.repo, this.entry.source, this.s.describe()), vscode.TreeItemCollapsibleState.Expanded);
	}

	async getChildren(): Promise<TreeNode[]> {
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

	protected async fetchPage(after: string | undefined): Promise<Page<IssueSummary>> {
		const viewer = await this.services.viewer();
		const resolved = this.query.resolve({ repo: this.entry.repo, user: viewer.login, now: new Date(), t: vscode.l10n.t });
		if (!resolved.ok) throw new GitHubError('invalid', resolved.error);
		return this.services.client.listIssues(this.entry.repo, resolved.query, { first: this.services.config.pageSize(), after });
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
		const item = treeItemFrom(this.id, describeIssue(this.issue, this.s.describe()), vscode.TreeItemCollapsibleState.None);
		item.command = { command: Commands.openItem, title: vscode.l10n.t('Open Thread'), arguments: [this] };
		return item;
	}
}
