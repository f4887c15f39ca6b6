import * as vscode from 'vscode';
import type { Container } from '../container';
import type { RepoRef, Thread, ThreadKind } from '../core/model';
import { formatRepo } from '../core/repoRef';
import { parseThreadRef, type ThreadRefInput } from '../core/threadRef';
import { GitHubError } from '../github/errors';
import { presentError } from '../github/presentation';
import type { ThreadPanelState } from '../shared/threadProtocol';
import type { TreeNode } from '../views/treeNode';
import { openOnGitHub } from './items';
import { openThreadAsText as openAsText } from './threadText';

/** "Open Thread…": a URL, `owner/repo#N` or `#N` (in the first configured repository). Bad input changes nothing. */
export async function openThread(c: Container, input?: string): Promise<void> {
	const found = await askThread(c, input);
	if (found) c.threads.open(found.target, found.thread);
}

/** "Open Thread as Text": the given or focused thread, else one the user names as for "Open Thread…". */
export function openThreadAsText(c: Container, arg?: unknown): Promise<unknown> {
	return openAsText(c, arg, async () => (await askThread(c, undefined))?.target);
}

/**
 * Asks for a thread (or takes `input`) and resolves it: the panel target, plus the thread when it
 * had to be fetched to learn its kind. Shows a message and resolves undefined for bad input.
 */
async function askThread(c: Container, input: string | undefined): Promise<{ target: ThreadPanelState; thread?: Thread } | undefined> {
	const text = typeof input === 'string' ? input : await vscode.window.showInputBox({
		title: vscode.l10n.t('Open Thread'),
		prompt: vscode.l10n.t('A discussion or issue link, owner/repo#number, or #number'),
		placeHolder: 'https://github.com/owner/repo/discussions/1',
		ignoreFocusOut: true,
		validateInput: v => (v.trim() === '' ? undefined : parseThreadRef(v, vscode.l10n.t).ok ? undefined : vscode.l10n.t('Not a thread link, owner/repo#number or #number.')),
	});
	if (text === undefined || text.trim() === '') return undefined;
	const parsed = parseThreadRef(text, vscode.l10n.t);
	if (!parsed.ok) {
		void vscode.window.showErrorMessage(parsed.error);
		return undefined;
	}
	const target = resolveTarget(c, parsed.ref);
	if (typeof target === 'string') {
		void vscode.window.showErrorMessage(target);
		return undefined;
	}
	return resolveKind(c, target.repo, target.kind, parsed.ref.number);
}

/** Checks the host and fills in the repository; returns an error message for the user instead. */
function resolveTarget(c: Container, ref: ThreadRefInput): { repo: RepoRef; kind?: ThreadKind } | string {
	const host = c.config.serverOrDefault().host;
	if (ref.host && ref.host !== host.toLowerCase()) {
		return vscode.l10n.t('This link is for {0}, but Community Desk is connected to {1}.', ref.host, host);
	}
	const repo = ref.repo ?? c.repositories.list()[0]?.repo;
	if (!repo) return vscode.l10n.t('Add a repository first, or enter owner/repo#number.');
	return { repo, kind: ref.kind };
}

/** Completes a target; without a kind, tries a discussion and then an issue (they share one number space). */
async function resolveKind(c: Container, repo: RepoRef, kind: ThreadKind | undefined, number: number): Promise<{ target: ThreadPanelState; thread?: Thread } | undefined> {
	try {
		const thread = kind ? undefined : await findThread(c, repo, number);
		if (!kind && !thread) {
			void vscode.window.showErrorMessage(vscode.l10n.t('There is no discussion or issue #{0} in {1}.', number, formatRepo(repo)));
			return undefined;
		}
		return { target: { host: c.config.serverOrDefault().host, owner: repo.owner, repo: repo.name, kind: kind ?? thread!.kind, number }, thread };
	} catch (error) {
		void vscode.window.showErrorMessage(presentError(error, vscode.l10n.t, vscode.env.language, `${formatRepo(repo)}#${number}`).message);
		return undefined;
	}
}

async function findThread(c: Container, repo: RepoRef, number: number): Promise<Thread | undefined> {
	for (const kind of ['discussion', 'issue'] as const) {
		try {
			return await c.client.getThread(repo, kind, number);
		} catch (error) {
			if (!GitHubError.is(error, 'notFound')) throw error;
		}
	}
	return undefined;
}

/** A click on a tree row: discussions and issues open in a thread panel, anything else on GitHub. */
export async function openItem(c: Container, node?: TreeNode): Promise<void> {
	const ref = node?.thread;
	if (!ref) return openOnGitHub(node);
	c.threads.open({ host: c.config.serverOrDefault().host, owner: ref.repo.owner, repo: ref.repo.name, kind: ref.kind, number: ref.number });
}
