import * as vscode from 'vscode';
import { Commands, Views, type CommandId } from '../constants';
import type { Container } from '../container';
import type { ModerationCommandName } from '../features/moderation';
import type { PagedNode } from '../views/pagedNode';
import type { TreeNode } from '../views/treeNode';
import { signIn, signInWithToken, signOut } from './auth';
import { copyLink, openOnGitHub } from './items';
import { addRepository, removeRepository } from './repositories';
import { openItem, openThread, openThreadAsText } from './thread';
import { registerThreadTextProvider } from './threadText';

/** Every command of the extension, as data: id → handler. */
export function registerCommands(c: Container): vscode.Disposable[] {
	// The moderation commands load their bundle (dist/moderation.js) on first use; the ModerationService stays eager.
	const moderate = (name: ModerationCommandName) => async (arg?: unknown, presets?: unknown) => (await c.moderationCommands.get()).run(name, arg, presets);
	const table: Record<CommandId, (...args: never[]) => unknown> = {
		[Commands.signIn]: () => signIn(c),
		[Commands.signInWithToken]: () => signInWithToken(c),
		[Commands.signOut]: () => signOut(c),
		[Commands.addRepository]: (input?: string) => addRepository(c, typeof input === 'string' ? input : undefined),
		[Commands.removeRepository]: (node?: Parameters<typeof removeRepository>[1]) => removeRepository(c, node),
		[Commands.refreshDiscussions]: () => c.syncAndRefresh(Views.discussions),
		[Commands.refreshIssues]: () => c.syncAndRefresh(Views.issues),
		[Commands.cancelSync]: () => c.sync.cancel(),
		[Commands.openItem]: (node?: TreeNode) => openItem(c, node),
		[Commands.openOnGitHub]: (node?: TreeNode) => openOnGitHub(node),
		[Commands.copyLink]: (node?: TreeNode) => copyLink(node),
		[Commands.loadMore]: (node?: PagedNode<unknown>) => node?.loadMore(),
		[Commands.showLog]: () => c.logger.show(),
		[Commands.openThread]: (input?: string) => openThread(c, typeof input === 'string' ? input : undefined),
		[Commands.openThreadAsText]: (arg?: unknown) => openThreadAsText(c, arg),
		// The triage panel, templates and stats load their bundles (dist/triage.js, dist/templates.js, dist/stats.js) on first use.
		[Commands.openTriage]: async () => (await c.triagePanel.get()).open(),
		[Commands.replyWithTemplate]: async (target?: unknown, presets?: unknown) => (await c.templates.get()).replyWithTemplate(target, presets),
		[Commands.addStarterTemplates]: async (folder?: unknown) => (await c.templates.get()).addStarterSet(folder),
		[Commands.manageTemplates]: async () => (await c.templates.get()).manage(),
		[Commands.openStats]: async (arg?: unknown) => (await c.stats.get()).open(arg),
		[Commands.exportStatsMarkdown]: async (arg?: unknown) => (await c.stats.get()).exportMarkdown(arg),
		[Commands.exportStatsCsv]: async (arg?: unknown) => (await c.stats.get()).exportCsv(arg),
		[Commands.statsDigest]: async (arg?: unknown) => (await c.stats.get()).digest(arg),
		[Commands.moderationLabels]: moderate('labels'),
		[Commands.moderationAssign]: moderate('assign'),
		[Commands.moderationClose]: moderate('close'),
		[Commands.moderationReopen]: moderate('reopen'),
		[Commands.moderationLock]: moderate('lock'),
		[Commands.moderationUnlock]: moderate('unlock'),
		[Commands.moderationMarkAnswer]: moderate('markAnswer'),
		[Commands.moderationUnmarkAnswer]: moderate('unmarkAnswer'),
		[Commands.moderationHideComment]: moderate('hideComment'),
		[Commands.moderationUnhideComment]: moderate('unhideComment'),
		[Commands.moderationOpenOnGitHubFor]: moderate('openOnGitHubFor'),
	};
	return [...Object.entries(table).map(([id, run]) => vscode.commands.registerCommand(id, run)), registerThreadTextProvider(c)];
}
