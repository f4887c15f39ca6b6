import type * as vscode from 'vscode';
import type { Logger } from '../platform/logger';
import type { HostMessage, ProtocolMaps } from '../shared/protocol';

/**
 * The inbound half every panel shares: validates a raw webview message with the panel's parser,
 * logs and drops what does not parse (the webview renders untrusted content, so its messages are
 * untrusted too), and runs the handler; a failing handler is logged and reported to `onError`,
 * never thrown into the webview's message loop. Stateless, so each lazy bundle may carry a copy.
 */
export async function receiveMessage<M>(
	raw: unknown,
	panel: { readonly name: string; readonly logger: Pick<Logger, 'warn' | 'error'> },
	parse: (raw: unknown) => M | undefined,
	handle: (message: M) => unknown,
	onError?: (message: M) => void,
): Promise<void> {
	const message = parse(raw);
	if (message === undefined) {
		panel.logger.warn(`${panel.name}: dropped an invalid message from the webview.`);
		return;
	}
	try {
		await handle(message);
	} catch (error) {
		panel.logger.error(`${panel.name}: a message handler failed.`, error);
		onError?.(message);
	}
}

/**
 * What every panel's host side shares: it hears its webview's messages and its own disposal, posts
 * only while open, and on dispose tells its owner, drops its listeners and closes the panel (once).
 */
export abstract class PanelHost<P extends ProtocolMaps> implements vscode.Disposable {
	protected disposed = false;
	protected readonly disposables: vscode.Disposable[] = [];

	constructor(readonly panel: vscode.WebviewPanel, private readonly onDispose: () => void) {
		this.disposables.push(
			panel.webview.onDidReceiveMessage(m => this.receive(m)),
			panel.onDidDispose(() => this.dispose()),
		);
	}

	/** Handles one raw message from the webview (validated first; exposed for tests). */
	abstract receive(raw: unknown): Promise<void>;

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		this.onDispose();
		for (const d of this.disposables.splice(0)) d.dispose();
		this.panel.dispose();
	}

	protected post(message: HostMessage<P>): void {
		if (!this.disposed) void this.panel.webview.postMessage(message);
	}
}
