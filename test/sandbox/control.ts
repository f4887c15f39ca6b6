/** Control endpoints under `/_sandbox/` for out-of-process tests (loopback only, plus the control secret when set). */
import type { IncomingMessage } from 'node:http';
import type { Resource } from './auth';
import type { FaultSpec } from './faults';
import { json, notFound, parseJsonBody, problemsParsingJson, type Reply } from './http';
import type { SandboxState } from './state';

let added = 0;

/** Adds a token for a user (shared by the control endpoint and the programmatic API). */
export function addTokenFor(s: SandboxState, login: string, scopes: readonly string[] = ['repo', 'read:user'], token?: string, name?: string): string {
	const user = s.store.user(login);
	if (!user) throw new Error(`No user ${login}`);
	const value = token ?? `ghp_sandbox_${login.replace(/[^a-z0-9]/gi, '')}_added${String(++added).padStart(4, '0')}`;
	s.tokens.add(value, name ?? login, user, scopes);
	return value;
}

function isLoopback(address: string | undefined): boolean {
	return !!address && (address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.'));
}

type Handler = (s: SandboxState, body: unknown, query: URLSearchParams) => Reply;

function tokenBody(body: unknown): string | null {
	const t = (body as { token?: unknown } | undefined)?.token;
	return typeof t === 'string' ? t : null;
}

function setRevoked(s: SandboxState, body: unknown, revoked: boolean): Reply {
	const token = tokenBody(body);
	return token && s.tokens.setRevoked(token, revoked) ? { status: 204 } : json(404, { message: 'Unknown token' });
}

function addFaults(s: SandboxState, body: unknown): Reply {
	const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
	try {
		return json(201, { faults: specs.map(f => s.faults.add(f)) });
	} catch (e) {
		return json(422, { message: (e as Error).message });
	}
}

function addToken(s: SandboxState, body: unknown): Reply {
	const b = (body ?? {}) as { login?: unknown; scopes?: unknown; token?: unknown; name?: unknown };
	if (typeof b.login !== 'string') return json(422, { message: 'login is required' });
	const scopes = Array.isArray(b.scopes) ? b.scopes.map(String) : undefined;
	try {
		return json(201, { token: addTokenFor(s, b.login, scopes, typeof b.token === 'string' ? b.token : undefined, typeof b.name === 'string' ? b.name : undefined) });
	} catch (e) {
		return json(422, { message: (e as Error).message });
	}
}

function exhaust(s: SandboxState, body: unknown): Reply {
	const b = (body ?? {}) as { token?: unknown; resource?: unknown };
	const rec = typeof b.token === 'string' ? s.tokens.get(b.token) : undefined;
	if (!rec) return json(404, { message: 'Unknown token' });
	s.budgets.exhaust(rec.name, (typeof b.resource === 'string' ? b.resource : 'graphql') as Resource);
	return { status: 204 };
}

function countComments(s: SandboxState, query: URLSearchParams): Reply {
	try {
		return json(200, { count: s.store.countComments(query.get('thread') ?? '') });
	} catch (e) {
		return json(404, { message: (e as Error).message });
	}
}

const ROUTES: Readonly<Record<string, Handler>> = {
	'GET /_sandbox/info': s => json(200, { url: s.url, ...s.info, stats: s.store.stats() }),
	'GET /_sandbox/faults': s => json(200, { faults: s.faults.active() }),
	'POST /_sandbox/faults': addFaults,
	'DELETE /_sandbox/faults': s => (s.faults.clear(), { status: 204 }),
	'GET /_sandbox/log': (s, _b, q) => json(200, { entries: s.log.entries.filter(e => e.seq > Number(q.get('since') ?? 0)) }),
	'DELETE /_sandbox/log': s => (s.log.clear(), { status: 204 }),
	'POST /_sandbox/tokens': addToken,
	'POST /_sandbox/tokens/revoke': (s, b) => setRevoked(s, b, true),
	'POST /_sandbox/tokens/restore': (s, b) => setRevoked(s, b, false),
	'POST /_sandbox/budget/exhaust': exhaust,
	'POST /_sandbox/budget/reset': s => (s.budgets.reset(), s.secondary.reset(), { status: 204 }),
	'GET /_sandbox/comments/count': (s, _b, q) => countComments(s, q),
};

/** Handles a `/_sandbox/…` request. */
export function handleControl(s: SandboxState, req: IncomingMessage, path: string, query: URLSearchParams, body: Buffer): Reply {
	if (!isLoopback(req.socket.remoteAddress)) return json(403, { message: 'The sandbox control API is loopback-only' });
	if (s.controlSecret !== null && req.headers['x-sandbox-control'] !== s.controlSecret) return json(403, { message: 'Missing or wrong x-sandbox-control header' });
	const handler = ROUTES[`${req.method} ${path}`];
	if (!handler) return notFound();
	const parsed = parseJsonBody(body);
	if (!parsed.ok) return problemsParsingJson();
	return handler(s, parsed.value, query);
}
