import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { RepoRef, Viewer } from '../core/model';
import type { ViewerAccess } from '../core/moderation';
import type { DescribeContext } from '../core/treeItems';
import type { GitHubClient } from '../github/client';
import { presentError } from '../github/presentation';
import type { AuthService } from '../platform/auth';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { RepositoryService } from '../platform/repositories';
import type { SyncService } from '../platform/syncService';
import { MessageNode, type TreeNode } from './treeNode';

/** What the tree nodes need from the rest of the extension. */
export interface TreeServices {
	readonly client: GitHubClient;
	readonly auth: AuthService;
	readonly repositories: RepositoryService;
	readonly config: Config;
	readonly logger: Logger;
	/** The local index of each repository and its background sync. */
	readonly sync: SyncService;
	/** The signed-in user, fetched once per sign-in. */
	viewer(): Promise<Viewer>;
	/** What the viewer may do in a repository as far as known now (never waits; the menus follow it). */
	access(repo: RepoRef): ViewerAccess;
	/** Locale, clock and translation for the pure describe functions. */
	describe(): DescribeContext;
	/** A row explaining a failure, with the command that fixes it. */
	errorNode(id: string, error: unknown, subject: string): TreeNode;
	/** Reports a failure once to the rest of the extension (e.g. a rejected token). */
	onError(error: unknown): void;
}

/** The standard describe context from VS Code's display language. */
export function describeContext(): DescribeContext {
	return { t: vscode.l10n.t, locale: vscode.env.language, now: new Date() };
}

/** Builds the error row for {@link TreeServices.errorNode}. */
export function errorNode(id: string, error: unknown, subject: string, refreshCommand: string): TreeNode {
	const p = presentError(error, vscode.l10n.t, vscode.env.language, subject);
	const t = vscode.l10n.t;
	const command: vscode.Command | undefined =
		p.action === 'signIn' ? { command: Commands.signIn, title: t('Sign In to GitHub') }
			: p.action === 'retry' ? { command: refreshCommand, title: t('Try again') }
				: p.action === 'openSettings' ? { command: 'workbench.action.openSettings', title: t('Open Settings'), arguments: ['communityDesk'] }
					: undefined;
	return new MessageNode(id, p.message, p.severity === 'info' ? 'info' : 'error', command);
}
