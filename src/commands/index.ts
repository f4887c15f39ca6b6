import * as vscode from 'vscode';
import { Commands, Views, type CommandId } from '../constants';
import type { Container } from '../container';
import type { PagedNode } from '../views/pagedNode';
import type { TreeNode } from '../views/treeNode';
import { signIn, signInWithToken, signOut } from './auth';
import { copyLink, openOnGitHub } from './items';
import { addRepository, removeRepository } from './repositories';
import { addStarterSet } from './starterTemplates';
import { replyWithTemplate } from './templates';
import { openItem, openThread } from './thread';

/** Every command of the extension, as data: id → handler. */
export function registerCommands(c: Container): vscode.Disposable[] {
	const table: Record<CommandId, (...args: never[]) => unknown> = {
		[Commands.signIn]: () => signIn(c),
		[Commands.signInWithToken]: () => signInWithToken(c),
		[Commands.signOut]: () => signOut(c),
		[Commands.addRepository]: (input?: string) => addRepository(c, typeof input === 'string' ? input : undefined),
		[Commands.removeRepository]: (node?: Parameters<typeof removeRepository>[1]) => removeRepository(c, node),
		[Commands.refreshDiscussions]: () => c.syncAndRefresh(Views.discussions),
		[Commands.refreshIssues]: () => c.syncAndRefresh(Views.issues),
		[Commands.openItem]: (node?: TreeNode) => openItem(c, node),
		[Commands.openOnGitHub]: (node?: TreeNode) => openOnGitHub(node),
		[Commands.copyLink]: (node?: TreeNode) => copyLink(node),
		[Commands.loadMore]: (node?: PagedNode<unknown>) => node?.loadMore(),
		[Commands.showLog]: () => c.logger.show(),
		[Commands.openThread]: (input?: string) => openThread(c, typeof input === 'string' ? input : undefined),
		[Commands.openTriage]: () => void c.triagePanels.open(),
		[Commands.replyWithTemplate]: (target?: unknown) => replyWithTemplate(c, target),
		[Commands.addStarterTemplates]: (folder?: unknown) => addStarterSet(c, folder),
	};
	return Object.entries(table).map(([id, run]) => vscode.commands.registerCommand(id, run));
}
