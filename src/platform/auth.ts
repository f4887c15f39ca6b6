import * as vscode from 'vscode';
import { SandboxTokenEnv } from '../constants';
import type { GitHubServer } from '../core/serverUrl';
import type { Logger } from './logger';

/** Where the current token comes from. */
export type TokenSource = 'session' | 'token' | 'sandbox';

/** The sign-in state the views show. No network is involved in computing it. */
export type AuthState =
	| { readonly kind: 'signedOut' }
	| { readonly kind: 'signedIn'; readonly source: TokenSource; readonly account?: string };

const PROVIDER_TIMEOUT_MS = 4000;
const SIGNED_OUT_KEY = 'communityDesk.signedOut';

/**
 * Finds the token for the configured GitHub server: a personal access token kept in SecretStorage,
 * the sandbox token (loopback hosts only), or a session of VS Code's `github` / `github-enterprise`
 * provider. A missing or hanging provider (code-server offline) degrades to the token path.
 */
export class AuthService implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<AuthState>();
	/** Fires when the sign-in state or the token changes. */
	readonly onDidChange = this.changed.event;
	private current: { state: AuthState; token?: string } | undefined;
	private resolving: Promise<{ state: AuthState; token?: string }> | undefined;
	private readonly disposables: vscode.Disposable[] = [this.changed];

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly server: () => GitHubServer,
		private readonly scopes: () => string[],
		private readonly logger: Logger,
	) {
		this.disposables.push(vscode.authentication.onDidChangeSessions(e => {
			if (e.provider.id === this.providerId()) this.invalidate();
		}));
	}

	/** The token for the next request, or undefined when signed out. */
	readonly getToken = async (): Promise<string | undefined> => (await this.resolve()).token;

	/** The current state (resolving it on first use). */
	async state(): Promise<AuthState> {
		return (await this.resolve()).state;
	}

	/** Forgets the cached token (after a server change or a rejected token) and notifies listeners. */
	invalidate(): void {
		this.current = undefined;
		this.resolving = undefined;
		void this.resolve().then(r => this.changed.fire(r.state));
	}

	/** Signs in with VS Code's GitHub account provider; returns false when it is unavailable. */
	async signInWithProvider(): Promise<boolean> {
		const id = this.providerId();
		if (!id) return false;
		try {
			const session = await withTimeout(
				vscode.authentication.getSession(id, this.scopes(), { createIfNone: true }),
				60_000,
			);
			if (!session) return false;
			await this.context.globalState.update(this.signedOutKey(), undefined);
			this.invalidate();
			return true;
		} catch (error) {
			this.logger.warn(`Sign-in through the ${id} provider failed: ${error instanceof Error ? error.message : String(error)}`);
			return false;
		}
	}

	/** Stores a personal access token (already validated by the caller) for the current server. */
	async storeToken(token: string): Promise<void> {
		this.logger.addSecret(token);
		await this.context.secrets.store(this.secretKey(), token);
		await this.context.globalState.update(this.signedOutKey(), undefined);
		this.invalidate();
	}

	/** Signs out of this server: forgets the stored token and ignores provider sessions until sign-in. */
	async signOut(): Promise<void> {
		await this.context.secrets.delete(this.secretKey());
		await this.context.globalState.update(this.signedOutKey(), true);
		this.invalidate();
	}

	dispose(): void {
		for (const d of this.disposables) d.dispose();
	}

	private resolve(): Promise<{ state: AuthState; token?: string }> {
		if (this.current) return Promise.resolve(this.current);
		this.resolving ??= this.lookUp().then(r => {
			this.current = r;
			if (r.token) this.logger.addSecret(r.token);
			return r;
		});
		return this.resolving;
	}

	private async lookUp(): Promise<{ state: AuthState; token?: string }> {
		if (this.context.globalState.get<boolean>(this.signedOutKey())) return { state: { kind: 'signedOut' } };
		const stored = await this.context.secrets.get(this.secretKey());
		if (stored) return { state: { kind: 'signedIn', source: 'token' }, token: stored };
		const sandbox = process.env[SandboxTokenEnv];
		if (sandbox && this.server().isLoopback) return { state: { kind: 'signedIn', source: 'sandbox' }, token: sandbox };
		const session = await this.silentSession();
		if (session) return { state: { kind: 'signedIn', source: 'session', account: session.account.label }, token: session.accessToken };
		return { state: { kind: 'signedOut' } };
	}

	private async silentSession(): Promise<vscode.AuthenticationSession | undefined> {
		const id = this.providerId();
		if (!id) return undefined;
		try {
			return await withTimeout(vscode.authentication.getSession(id, this.scopes(), { silent: true }), PROVIDER_TIMEOUT_MS);
		} catch (error) {
			this.logger.info(`No ${id} session (${error instanceof Error ? error.message : String(error)}); use "Sign in with a Token" instead.`);
			return undefined;
		}
	}

	/**
	 * `github` for github.com; `github-enterprise` only when VS Code's own GHES setting points at the
	 * same host (that provider serves exactly one host); none for loopback sandboxes.
	 */
	private providerId(): string | undefined {
		const server = this.server();
		if (server.kind === 'dotcom') return 'github';
		if (server.isLoopback) return undefined;
		const ghes = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri');
		try {
			return ghes && new URL(ghes).host.toLowerCase() === server.host ? 'github-enterprise' : undefined;
		} catch {
			return undefined;
		}
	}

	private secretKey(): string {
		return `communityDesk.token:${this.server().host}`;
	}

	private signedOutKey(): string {
		return `${SIGNED_OUT_KEY}:${this.server().host}`;
	}
}

function withTimeout<T>(promise: Thenable<T>, ms: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
		promise.then(
			v => { clearTimeout(timer); resolve(v); },
			e => { clearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); },
		);
	});
}
