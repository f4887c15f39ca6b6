import Module from 'node:module';
import { Socket } from 'node:net';
import { join } from 'node:path';

// A `vscode` stand-in for running `activate` in plain Node (the activation unit test and bench B8).
// It implements what activation touches and records registrations; any other member of a namespace
// throws "not stubbed", so a new dependency of `activate` fails loudly instead of passing silently.
// `guardNetwork` makes every fetch and socket connection fail and records it.

type Listener<T> = (e: T) => unknown;
interface Disposes { dispose(): unknown }

/** What a stubbed activation did. */
export interface StubRecord {
	readonly commands: string[];
	readonly executed: unknown[][];
	readonly treeViews: string[];
	readonly serializers: string[];
	readonly webviewViews: string[];
}

class EventEmitter<T> {
	private listeners: Listener<T>[] = [];
	readonly event = (listener: Listener<T>): Disposes => {
		this.listeners.push(listener);
		return { dispose: () => void (this.listeners = this.listeners.filter(l => l !== listener)) };
	};
	fire(e: T): void {
		this.listeners.forEach(l => l(e));
	}
	dispose(): void {
		this.listeners = [];
	}
}

class Uri {
	private constructor(readonly scheme: string, readonly path: string) {}
	static file(path: string): Uri {
		return new Uri('file', path);
	}
	static parse(value: string): Uri {
		const url = new URL(value);
		return new Uri(url.protocol.slice(0, -1), url.pathname);
	}
	static joinPath(base: Uri, ...parts: string[]): Uri {
		return new Uri(base.scheme, join(base.path, ...parts));
	}
	get fsPath(): string {
		return this.path;
	}
	toString(): string {
		return `${this.scheme}://${this.path}`;
	}
}

class Disposable {
	constructor(private readonly fn: () => unknown = () => undefined) {}
	static from(...items: Disposes[]): Disposable {
		return new Disposable(() => items.forEach(i => i.dispose()));
	}
	dispose(): void {
		this.fn();
	}
}

/** A namespace object whose unknown members throw (functions and plain values pass through). */
function strict<T extends object>(name: string, members: T): T {
	return new Proxy(members, {
		get(target, key) {
			if (typeof key === 'symbol' || key in target) {
				return (target as Record<string | symbol, unknown>)[key];
			}
			throw new Error(`vscode stub: ${name}.${key} is not stubbed (activate started using it?)`);
		},
	});
}

const noop = (): Disposable => new Disposable();
const format = (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

/** Builds the stub `vscode` module; `defaults` are configuration defaults by full key. */
export function createVscodeStub(defaults: Record<string, unknown> = {}): { api: Record<string, unknown>; record: StubRecord } {
	const record: StubRecord = { commands: [], executed: [], treeViews: [], serializers: [], webviewViews: [] };
	const configuration = (section?: string) => {
		const full = (key: string) => (section ? `${section}.${key}` : key);
		return {
			get: <V>(key: string, fallback?: V) => (full(key) in defaults ? defaults[full(key)] : fallback) as V,
			has: (key: string) => full(key) in defaults,
			inspect: (key: string) => ({ key: full(key), defaultValue: defaults[full(key)] }),
			update: async () => undefined,
		};
	};
	const api: Record<string, unknown> = {
		EventEmitter, Uri, Disposable,
		TreeItem: class { constructor(readonly label: unknown, readonly collapsibleState?: number) {} },
		ThemeIcon: class { constructor(readonly id: string, readonly color?: unknown) {} },
		ThemeColor: class { constructor(readonly id: string) {} },
		MarkdownString: class {
			value = '';
			appendText(s: string) { this.value += s; return this; }
			appendMarkdown(s: string) { this.value += s; return this; }
		},
		TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
		ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
		ViewColumn: { Active: -1, Beside: -2, One: 1 },
		StatusBarAlignment: { Left: 1, Right: 2 },
		ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
		ExtensionMode: { Production: 1, Development: 2, Test: 3 },
		l10n: strict('l10n', { t: (message: string, ...args: unknown[]) => format(message, ...args), bundle: undefined, uri: undefined }),
		env: strict('env', { language: 'en', appName: 'stub', uiKind: 1, machineId: 'stub', openExternal: async () => false, clipboard: { writeText: async () => undefined } }),
		window: strict('window', {
			createOutputChannel: () => ({ name: 'stub', logLevel: 2, onDidChangeLogLevel: noop, trace() {}, debug() {}, info() {}, warn() {}, error() {}, append() {}, appendLine() {}, replace() {}, clear() {}, show() {}, hide() {}, dispose() {} }),
			createTreeView: (id: string) => {
				record.treeViews.push(id);
				return { visible: false, onDidChangeVisibility: noop, onDidExpandElement: noop, onDidCollapseElement: noop, onDidChangeSelection: noop, reveal: async () => undefined, dispose() {} };
			},
			registerWebviewPanelSerializer: (viewType: string) => {
				record.serializers.push(viewType);
				return new Disposable();
			},
			registerWebviewViewProvider: (viewId: string) => {
				record.webviewViews.push(viewId);
				return new Disposable();
			},
			withProgress: <R>(_options: unknown, task: (p: { report(): void }) => R) => task({ report() {} }),
			showErrorMessage: async () => undefined,
			showWarningMessage: async () => undefined,
			showInformationMessage: async () => undefined,
			setStatusBarMessage: noop,
			createStatusBarItem: () => ({ id: '', name: '', text: '', tooltip: undefined, command: undefined, accessibilityInformation: undefined, show() {}, hide() {}, dispose() {} }),
			onDidChangeWindowState: noop,
			state: { focused: true },
		}),
		commands: strict('commands', {
			registerCommand: (id: string) => {
				record.commands.push(id);
				return new Disposable();
			},
			executeCommand: async (...args: unknown[]) => void record.executed.push(args),
		}),
		workspace: strict('workspace', {
			getConfiguration: configuration,
			onDidChangeConfiguration: noop,
			onDidGrantWorkspaceTrust: noop,
			onDidChangeWorkspaceFolders: noop,
			isTrusted: true,
			workspaceFolders: undefined,
			registerTextDocumentContentProvider: () => new Disposable(),
		}),
		authentication: strict('authentication', {
			onDidChangeSessions: noop,
			getSession: async () => undefined,
		}),
		extensions: strict('extensions', { getExtension: () => undefined }),
	};
	return { api, record };
}

/** Makes `require('vscode')` return `api` until the returned function is called. */
export function installVscodeStub(api: Record<string, unknown>): () => void {
	const m = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
	const original = m._load;
	m._load = function (request: string, parent: unknown, isMain: boolean) {
		return request === 'vscode' ? api : original.call(this, request, parent, isMain);
	};
	return () => {
		m._load = original;
	};
}

/** An `ExtensionContext` for `activate`, rooted at the extension folder. */
export function stubContext(root: string, packageJSON: Record<string, unknown>): Record<string, unknown> {
	const memento = () => {
		const data = new Map<string, unknown>();
		return { get: (k: string, d?: unknown) => (data.has(k) ? data.get(k) : d), update: async (k: string, v: unknown) => void data.set(k, v), keys: () => [...data.keys()], setKeysForSync() {} };
	};
	const extensionUri = Uri.file(root);
	return {
		subscriptions: [] as Disposes[],
		extensionUri,
		extensionPath: root,
		extension: { id: 'community-desk.community-desk', extensionUri, extensionPath: root, packageJSON, isActive: true },
		extensionMode: 1,
		globalState: memento(),
		workspaceState: memento(),
		secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: noop },
		globalStorageUri: Uri.file(join(root, '.tmp', 'globalStorage')),
		storageUri: undefined,
		logUri: Uri.file(join(root, '.tmp', 'log')),
		asAbsolutePath: (p: string) => join(root, p),
	};
}

/** Configuration defaults by full key, from the manifest's `contributes.configuration`. */
export function manifestDefaults(packageJSON: Record<string, unknown>): Record<string, unknown> {
	const contributes = packageJSON['contributes'] as { configuration?: { properties?: Record<string, { default?: unknown }> } | { properties?: Record<string, { default?: unknown }> }[] };
	const groups = Array.isArray(contributes.configuration) ? contributes.configuration : [contributes.configuration ?? {}];
	return Object.fromEntries(groups.flatMap(g => Object.entries(g.properties ?? {})).map(([k, v]) => [k, v.default]));
}

/** Makes `fetch` and every socket connection throw, recording each attempt, until restored. */
export function guardNetwork(): { attempts: string[]; restore(): void } {
	const attempts: string[] = [];
	const originalFetch = globalThis.fetch;
	const originalConnect = Socket.prototype.connect;
	globalThis.fetch = (async (input: unknown) => {
		attempts.push(`fetch ${String(input instanceof Request ? input.url : input)}`);
		throw new Error('network access during activation');
	}) as typeof fetch;
	Socket.prototype.connect = function (...args: unknown[]) {
		attempts.push(`socket ${JSON.stringify(args[0])}`);
		throw new Error('network access during activation');
	} as typeof Socket.prototype.connect;
	return {
		attempts,
		restore() {
			globalThis.fetch = originalFetch;
			Socket.prototype.connect = originalConnect;
		},
	};
}
