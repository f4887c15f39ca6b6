import type { HostMessage, ProtocolMaps } from '../../src/shared/protocol';

/**
 * The typed webview side of a protocol: one `acquireVsCodeApi()` call kept in a closure (never on
 * `window`), awaited requests, fire-and-forget commands and notification listeners.
 */
export interface HostConnection<P extends ProtocolMaps, S> {
	request<M extends keyof P['requests'] & string>(method: M, params: P['requests'][M]['params']): Promise<P['requests'][M]['result']>;
	command<M extends keyof P['commands'] & string>(method: M, params: P['commands'][M]): void;
	onNotification<M extends keyof P['notifications'] & string>(method: M, listener: (params: P['notifications'][M]) => void): void;
	/** UI-only persisted state (drafts, selection), never host data. */
	getState(): S | undefined;
	setState(state: S): void;
}

/** Connects to the host. Call once per webview. */
export function connect<P extends ProtocolMaps, S>(): HostConnection<P, S> {
	const api = acquireVsCodeApi<S>();
	let nextId = 0;
	const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
	const listeners = new Map<string, Array<(params: unknown) => void>>();
	window.addEventListener('message', (event: MessageEvent<HostMessage<P>>) => {
		const msg = event.data;
		if (msg?.kind === 'response') {
			const p = pending.get(msg.id);
			pending.delete(msg.id);
			if (msg.error !== undefined) p?.reject(new Error(msg.error));
			else p?.resolve(msg.result);
		} else if (msg?.kind === 'notification') {
			for (const l of listeners.get(msg.method) ?? []) l(msg.params);
		}
	});
	return {
		request: (method, params) => {
			const id = ++nextId;
			api.postMessage({ kind: 'request', id, method, params });
			return new Promise((resolve, reject) => pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
		},
		command: (method, params) => api.postMessage({ kind: 'command', method, params }),
		onNotification: (method, listener) => {
			listeners.set(method, [...(listeners.get(method) ?? []), listener as (p: unknown) => void]);
		},
		getState: () => api.getState(),
		setState: state => { api.setState(state); },
	};
}
