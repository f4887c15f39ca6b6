/**
 * The GitHub sandbox: a local stand-in for api.github.com (GraphQL + REST) on a loopback address.
 *
 * ```ts
 * const sandbox = await startSandbox({ size: 'tiny' });
 * // point the client at sandbox.url (REST) and `${sandbox.url}/graphql`, with sandbox.token
 * sandbox.faults.add({ mode: 'storeThen502', mutation: 'addDiscussionComment' });
 * await sandbox.close();
 * ```
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { Budgets, DEFAULT_LIMITS, Tokens, type Resource } from './auth';
import { addTokenFor } from './control';
import { Faults } from './faults';
import { RequestLog } from './log';
import { handleRequest } from './pipeline';
import { DEFAULT_SECONDARY_LIMITS, SecondaryLimiter, type SecondaryLimits } from './secondary';
import { githubSchema } from './schema';
import { generateStore, type SandboxSize } from './seed';
import type { LatencyModel, SandboxState } from './state';
import type { Store } from './store';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
	/** Port to listen on; 0 (default) = any free port. */
	port?: number;
	/** Data size; default `demo`. */
	size?: SandboxSize;
	/** PRNG seed; default 1. */
	seed?: number;
	/** The data's "now"; default the real current time. Pass a fixed date for byte-identical data. */
	now?: Date;
	/** Fixed latency per API request in ms; default 0. */
	latencyMs?: number;
	/** Optional latency model (recorded in the log as `modelledMs`; slept only with `sleep: true`). */
	latencyModel?: LatencyModel;
	/** Loopback host to bind; default `127.0.0.1`. Non-loopback hosts are refused. */
	host?: string;
	/** Secret for `x-sandbox-control`; default random; `false` = loopback check only. */
	controlSecret?: string | false;
	/** Overrides of the hourly limits (`graphql` points, `core` requests) and the per-minute `search` limit. */
	limits?: Partial<Record<Resource, number>>;
	/**
	 * Secondary limits enforced automatically (403 + `retry-after`). Default: 100 concurrent requests,
	 * 80 content-creating requests a minute and 500 an hour, per token; `false` = none.
	 */
	secondaryLimits?: SecondaryLimits | false;
	/** Clock of the secondary limits (default real time): a benchmark that models time passes its own. */
	secondaryClock?: () => number;
	/** Base of web URLs in the data; default `https://github.com`. */
	webBase?: string;
	/** Base of avatar URLs; default `https://avatars.githubusercontent.com`. */
	avatarBase?: string;
}

/** The named tokens every sandbox has. */
export interface SandboxTokens {
	/** `mona`, the viewer: OWNER of the acme repositories, scopes `repo, read:user`. */
	readonly mona: string;
	/** `octocat`, a CONTRIBUTOR without write access, scopes `repo, read:user`. */
	readonly contributor: string;
	/** `mona` with only the `public_repo` scope. */
	readonly publicOnly: string;
	/** `mona` with only `read:user` (cannot write). */
	readonly readOnly: string;
	readonly [name: string]: string;
}

/** The deterministic tokens of the default users. */
export const SANDBOX_TOKENS = {
	mona: 'ghp_sandbox_mona_0000000000000000000000',
	contributor: 'ghp_sandbox_octocat_00000000000000000000',
	publicOnly: 'ghp_sandbox_mona_public_repo_0000000000',
	readOnly: 'ghp_sandbox_mona_read_user_000000000000',
} as const;

/** A running sandbox. */
export interface Sandbox {
	/** `http://127.0.0.1:PORT` (REST at `/` and `/api/v3`, GraphQL at `/graphql` and `/api/graphql`). */
	readonly url: string;
	/** `${url}/graphql`. */
	readonly graphqlUrl: string;
	/** The viewer's (mona's) token. */
	readonly token: string;
	readonly tokens: SandboxTokens;
	readonly store: Store;
	readonly log: RequestLog;
	readonly faults: Faults;
	readonly budgets: Budgets;
	/** Value for the `x-sandbox-control` header of `/_sandbox/` requests (null when not required). */
	readonly controlSecret: string | null;
	/** Sets the fixed per-request latency. */
	setLatency(ms: number, model?: LatencyModel | null): void;
	/** Makes a token answer 401 Bad credentials. */
	revokeToken(token: string): void;
	/** Undoes {@link revokeToken}. */
	restoreToken(token: string): void;
	/** Adds a token for an existing user (also listed in `tokens` under `name`, default the login); returns it. Default scopes `repo, read:user`. */
	addToken(options: { login: string; scopes?: string[]; token?: string; name?: string }): string;
	/** Uses up a token's primary budget (default: the viewer's GraphQL points). */
	exhaustBudget(token?: string, resource?: Resource): void;
	/** Forgets all budget usage (primary and secondary). */
	resetBudgets(): void;
	/** Requests currently in flight. */
	inFlight(): number;
	/** Stops listening and drops open connections. */
	close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const address = server.address();
			resolve(typeof address === 'object' && address ? address.port : port);
		});
	});
}

function addDefaultTokens(s: SandboxState): void {
	const mona = s.store.user('mona')!;
	s.tokens.add(SANDBOX_TOKENS.mona, 'mona', mona, ['repo', 'read:user']);
	s.tokens.add(SANDBOX_TOKENS.contributor, 'contributor', s.store.user('octocat')!, ['repo', 'read:user']);
	s.tokens.add(SANDBOX_TOKENS.publicOnly, 'publicOnly', mona, ['public_repo']);
	s.tokens.add(SANDBOX_TOKENS.readOnly, 'readOnly', mona, ['read:user']);
}

function makeState(o: SandboxOptions): SandboxState {
	const seed = o.seed ?? 1;
	const size = o.size ?? 'demo';
	const store = generateStore({ size, seed, nowMs: (o.now ?? new Date()).getTime(), webBase: o.webBase, avatarBase: o.avatarBase });
	const secret = o.controlSecret === false ? null : o.controlSecret ?? randomBytes(16).toString('hex');
	const s: SandboxState = {
		store, tokens: new Tokens(), budgets: new Budgets({ ...DEFAULT_LIMITS, ...o.limits }), faults: new Faults(seed), log: new RequestLog(),
		secondary: new SecondaryLimiter(o.secondaryLimits === false ? {} : o.secondaryLimits ?? DEFAULT_SECONDARY_LIMITS, o.secondaryClock),
		latencyMs: o.latencyMs ?? 0, latencyModel: o.latencyModel ?? null, controlSecret: secret, url: '', inFlight: 0, info: { size, seed },
	};
	addDefaultTokens(s);
	return s;
}

/** Starts a sandbox (the schema is built once per process, the data on every start). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK.test(host)) throw new Error(`The GitHub sandbox only binds loopback addresses, not '${host}'`);
	githubSchema();
	const s = makeState(options);
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => void handleRequest(s, req, res));
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const port = await listen(server, options.port ?? 0, host);
	s.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	const tokenOf = (t?: string) => s.tokens.get(t ?? SANDBOX_TOKENS.mona);
	const tokens: Record<string, string> = { ...SANDBOX_TOKENS };
	return {
		url: s.url, graphqlUrl: `${s.url}/graphql`, token: SANDBOX_TOKENS.mona, tokens: tokens as unknown as SandboxTokens, store: s.store, log: s.log,
		faults: s.faults, budgets: s.budgets, controlSecret: s.controlSecret,
		setLatency: (ms, model) => {
			s.latencyMs = ms;
			if (model !== undefined) s.latencyModel = model;
		},
		revokeToken: t => void s.tokens.setRevoked(t, true),
		restoreToken: t => void s.tokens.setRevoked(t, false),
		addToken: o => {
			const value = addTokenFor(s, o.login, o.scopes, o.token, o.name);
			tokens[o.name ?? o.login] = value;
			return value;
		},
		exhaustBudget: (t, resource = 'graphql') => {
			const rec = tokenOf(t);
			if (!rec) throw new Error('Unknown token');
			s.budgets.exhaust(rec.name, resource);
		},
		resetBudgets: () => {
			s.budgets.reset();
			s.secondary.reset();
		},
		inFlight: () => s.inFlight,
		close: () => new Promise<void>(resolve => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		}),
	};
}
