import * as vscode from 'vscode';
import type { Container } from '../container';
import { threadAsText } from '../core/threadText';
import { presentError } from '../github/presentation';
import { parseThreadPanelState, type ThreadPanelState } from '../shared/threadProtocol';
import type { TreeNode } from '../views/treeNode';

/** The scheme of "Open Thread as Text" documents (read-only: a content provider's documents cannot be edited). */
export const THREAD_TEXT_SCHEME = 'communityDesk-thread';

/** `communityDesk-thread://HOST/OWNER/REPO/KIND-NUMBER.md`: the `.md` name gives the editor Markdown highlighting. */
export function threadTextUri(target: ThreadPanelState): vscode.Uri {
	return vscode.Uri.from({ scheme: THREAD_TEXT_SCHEME, authority: target.host, path: `/${target.owner}/${target.repo}/${target.kind}-${target.number}.md` });
}

/** The thread a document URI names, or undefined for anything malformed (the URI may come from a restored editor). */
export function parseThreadTextUri(uri: vscode.Uri): ThreadPanelState | undefined {
	const m = /^\/([^/]+)\/([^/]+)\/(discussion|issue)-(\d{1,9})\.md$/.exec(uri.path);
	if (uri.scheme !== THREAD_TEXT_SCHEME || !m) return undefined;
	return parseThreadPanelState({ host: uri.authority, owner: m[1], repo: m[2], kind: m[3], number: Number(m[4]) });
}

/** Serves thread documents, fetched fresh each time VS Code asks (and when the command runs again). */
export class ThreadTextProvider implements vscode.TextDocumentContentProvider {
	private readonly changed = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changed.event;

	constructor(private readonly c: Container) {}

	async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
		const target = parseThreadTextUri(uri);
		if (!target) return vscode.l10n.t('This is not a Community Desk thread.');
		const host = this.c.config.serverOrDefault().host;
		if (target.host.toLowerCase() !== host.toLowerCase()) {
			return vscode.l10n.t('This thread is on {0}, but Community Desk is connected to {1}.', target.host, host);
		}
		try {
			const thread = await this.c.client.getThread({ owner: target.owner, name: target.repo }, target.kind, target.number);
			return threadAsText(thread, vscode.l10n.t, vscode.env.language);
		} catch (error) {
			return presentError(error, vscode.l10n.t, vscode.env.language, `${target.owner}/${target.repo}#${target.number}`).message;
		}
	}

	/** Asks VS Code to fetch an open document again. */
	refresh(uri: vscode.Uri): void {
		this.changed.fire(uri);
	}

	dispose(): void {
		this.changed.dispose();
	}
}

let provider: ThreadTextProvider | undefined;

/** Registers the document provider (at activation, so restored editors resolve). */
export function registerThreadTextProvider(c: Container): vscode.Disposable {
	const p = new ThreadTextProvider(c);
	provider = p;
	const registration = vscode.workspace.registerTextDocumentContentProvider(THREAD_TEXT_SCHEME, p);
	return { dispose: () => { registration.dispose(); p.dispose(); if (provider === p) provider = undefined; } };
}

/**
 * Opens the thread of the argument (a tree row or a panel target), else of the focused thread
 * panel, else the one `ask` names, as a read-only Markdown document. Nothing is rendered as HTML.
 */
export async function openThreadAsText(c: Container, arg?: unknown, ask?: () => Promise<ThreadPanelState | undefined>): Promise<vscode.TextEditor | undefined> {
	const target = targetOf(c, arg) ?? c.threads.active()?.target ?? await ask?.();
	if (!target) return undefined;
	const uri = threadTextUri(target);
	const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
	if (open) provider?.refresh(uri);
	const document = open ?? await vscode.workspace.openTextDocument(uri);
	return vscode.window.showTextDocument(document, { preview: false, viewColumn: c.threads.active() ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active });
}

/** A tree row with a thread, or a `{host, owner, repo, kind, number}` value. */
function targetOf(c: Container, arg: unknown): ThreadPanelState | undefined {
	const ref = (arg as TreeNode | undefined)?.thread;
	if (ref) return { host: c.config.serverOrDefault().host, owner: ref.repo.owner, repo: ref.repo.name, kind: ref.kind, number: ref.number };
	return parseThreadPanelState(arg);
}
