import type { Logger } from '../platform/logger';

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
