/**
 * The wire contract between the extension host and its webviews. Pure: no `vscode`, no DOM.
 * Each webview declares its own maps (requests, commands, notifications) in a sibling file and
 * uses the generic envelope and handler types below, so both sides compile against one contract.
 */

/** Maps of one webview's messages. */
export interface ProtocolMaps {
	/** Webview → host, awaited: `params` in, `result` out. */
	readonly requests: Record<string, { params: unknown; result: unknown }>;
	/** Webview → host, fire-and-forget. */
	readonly commands: Record<string, unknown>;
	/** Host → webview: always complete snapshots, never deltas. */
	readonly notifications: Record<string, unknown>;
}

/** A message from a webview to the host. */
export type WebviewMessage<P extends ProtocolMaps> =
	| { readonly kind: 'request'; readonly id: number; readonly method: keyof P['requests'] & string; readonly params: unknown }
	| { readonly kind: 'command'; readonly method: keyof P['commands'] & string; readonly params: unknown };

/** A message from the host to a webview. */
export type HostMessage<P extends ProtocolMaps> =
	| { readonly kind: 'response'; readonly id: number; readonly result?: unknown; readonly error?: string }
	| { readonly kind: 'notification'; readonly method: keyof P['notifications'] & string; readonly params: unknown };

/** The host must implement every request: a missing key is a compile error. */
export type RequestHandlers<P extends ProtocolMaps> = {
	[M in keyof P['requests']]: (params: P['requests'][M]['params']) => Promise<P['requests'][M]['result']>;
};

/** The host must implement every command. */
export type CommandHandlers<P extends ProtocolMaps> = {
	[M in keyof P['commands']]: (params: P['commands'][M]) => void | Promise<void>;
};

const METHOD = /^[a-z][A-Za-z]*\/[a-z][A-Za-z]*$/;

/**
 * Checks the envelope of an inbound webview message (security checklist M1). The params are then
 * validated by each handler; anything that fails here is dropped by the caller.
 */
export function isWebviewEnvelope(value: unknown): value is { kind: 'request' | 'command'; id?: number; method: string; params: unknown } {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	if (typeof v.method !== 'string' || !METHOD.test(v.method) || v.method.length > 64) return false;
	if (v.kind === 'command') return true;
	return v.kind === 'request' && typeof v.id === 'number' && Number.isSafeInteger(v.id) && v.id > 0;
}
