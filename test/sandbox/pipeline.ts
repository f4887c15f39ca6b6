/**
 * The request pipeline: classify, read the body, match faults, authenticate, charge the budget,
 * run the endpoint (wrapping writes in write faults), then answer and log.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateHeaders, type AuthResult, type BudgetSnapshot, type Resource, type TokenRec } from './auth';
import { handleControl } from './control';
import { restError } from './errors';
import { isWriteMode, type Fault, type RequestInfo } from './faults';
import { checkGraphql, executeGraphql, prepareGraphql } from './graphqlEndpoint';
import { json, notFound, parseJsonBody, problemsParsingJson, secondaryRateLimit, serverErrorBody, type Outcome, type Reply } from './http';
import { loggedHeaders, type LogEntry, type RequestKind } from './log';
import { hash32 } from './prng';
import { matchRoute, runRoute, type RestRequest } from './rest';
import { CONTENT_MUTATIONS } from './secondary';
import type { SandboxState } from './state';

const MAX_BODY = 5 * 1024 * 1024;

/** One request in flight. */
interface Exchange {
	readonly s: SandboxState;
	readonly req: IncomingMessage;
	readonly method: string;
	readonly path: string;
	readonly query: URLSearchParams;
	readonly body: Buffer;
	readonly entry: LogEntry;
	readonly requestId: string;
}

function classify(path: string): RequestKind {
	if (path === '/graphql' || path === '/api/graphql') return 'graphql';
	return path.startsWith('/_sandbox/') ? 'control' : 'rest';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY) reject(new Error('Request body too large'));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function sleep(ms: number): Promise<void> {
	return ms > 0 ? new Promise(r => setTimeout(r, ms)) : Promise.resolve();
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
	return { ...reply, headers: { ...headers, ...reply.headers } };
}

function authHeaders(token: TokenRec | null, snapshot: BudgetSnapshot | null): Record<string, string> {
	const h: Record<string, string> = snapshot ? rateHeaders(snapshot) : {};
	if (token) h['x-oauth-scopes'] = token.scopes.join(', ');
	return h;
}

const AUTH_REQUIRED_GRAPHQL = 'This endpoint requires you to be authenticated.';

function unauthorized(message: string, docs = 'https://docs.github.com/rest'): Reply {
	return json(401, restError(message, docs));
}

/** Applies the request (non-write) fault, if any; returns an outcome to stop, or null to continue. */
function requestFault(x: Exchange, fault: Fault | null, kind: 'graphql' | 'rest', auth: AuthResult, resource: Resource): Outcome | null {
	if (!fault) return null;
	x.entry.fault = fault.mode;
	switch (fault.mode) {
		case 'drop': return 'drop';
		case 'hang': return 'hang';
		case 'status': return json(fault.status ?? 502, fault.body ?? serverErrorBody(kind, fault.status ?? 502, x.requestId));
		case 'secondaryRateLimit': return secondaryRateLimit(fault.status ?? 403, fault.retryAfter ?? 60, x.requestId);
		case 'graphqlError': {
			const message = fault.message ?? `Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include \`${x.requestId}\` when reporting this issue.`;
			return json(200, { errors: [fault.type ? { type: fault.type, message } : { message }] });
		}
		case 'exhaustBudget':
			if (auth.kind === 'ok') x.s.budgets.exhaust(auth.token.name, resource);
			return null;
		default: return null;
	}
}

/** Applies the automatic secondary limits; returns the 403 to send, or null. */
function secondaryCheck(x: Exchange, token: TokenRec | null, kind: 'graphql' | 'rest', isWrite: boolean, createsContent: boolean): Reply | null {
	const retryAfter = x.s.secondary.check({ tokenName: token?.name ?? 'anonymous', kind, isWrite, createsContent, inFlight: x.entry.inFlight });
	if (retryAfter === null) return null;
	x.entry.fault = 'secondaryRateLimit:auto';
	return secondaryRateLimit(403, retryAfter, x.requestId);
}

/** Runs a write under the write fault that matches it, if any. */
function withWriteFault(x: Exchange, info: RequestInfo, run: () => Reply): Outcome {
	const { fault } = x.s.faults.take(info, 'write');
	const kind = info.kind;
	if (!fault || !isWriteMode(fault.mode)) return run();
	x.entry.fault = fault.mode;
	const failure = () => json(fault.status ?? 502, fault.body ?? serverErrorBody(kind, fault.status ?? 502, x.requestId));
	switch (fault.mode) {
		case 'failWithoutStore': return failure();
		case 'storeThen502': run(); return failure();
		case 'storeThenDrop': run(); return 'drop';
		case 'storeHideFromReads': {
			x.s.store.beginHiddenWrite();
			try {
				return run();
			} finally {
				x.s.store.endHiddenWrite(Date.now() + (fault.ms ?? 2000));
			}
		}
	}
}

async function matchFaults(x: Exchange, info: RequestInfo): Promise<Fault | null> {
	const { latencyMs, fault } = x.s.faults.take(info);
	await sleep(x.s.latencyMs + latencyMs);
	return fault;
}

async function graphqlFlow(x: Exchange): Promise<Outcome> {
	if (x.method !== 'POST') return notFound();
	const p = prepareGraphql(x.body);
	const auth = x.s.tokens.authenticate(x.req.headers.authorization);
	const token = auth.kind === 'ok' ? auth.token : null;
	Object.assign(x.entry, { operationName: p.operationName, mutation: p.ok && p.isMutation, mutations: p.ok ? p.mutations : [], tokenId: token?.name ?? null });
	const info: RequestInfo = { kind: 'graphql', method: x.method, path: x.path, operationName: p.operationName, mutations: x.entry.mutations, isWrite: x.entry.mutation, tokenName: token?.name ?? null };
	const fault = await matchFaults(x, info);
	const stop = requestFault(x, fault, 'graphql', auth, 'graphql');
	if (stop) return stop;
	if (auth.kind === 'none') return unauthorized(AUTH_REQUIRED_GRAPHQL, 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql');
	if (!token) return unauthorized('Bad credentials');
	const headers = { 'x-accepted-oauth-scopes': 'repo', 'x-github-media-type': 'github.v4; format=json' };
	if (!p.ok) return withHeaders(p.reply, { ...headers, ...authHeaders(token, x.s.budgets.peek(token.name, 'graphql')) });
	const checked = checkGraphql(p);
	if (!checked.ok) return withHeaders(checked.reply, { ...headers, ...authHeaders(token, x.s.budgets.peek(token.name, 'graphql')) });
	x.entry.nodeCount = checked.report.nodeCount;
	const limited = secondaryCheck(x, token, 'graphql', p.isMutation, p.mutations.some(m => CONTENT_MUTATIONS.has(m)));
	if (limited) return withHeaders(limited, headers);
	const charged = checked.dryRun ? { ok: true, snapshot: x.s.budgets.peek(token.name, 'graphql') } : x.s.budgets.charge(token.name, 'graphql', checked.cost);
	const h = { ...headers, ...authHeaders(token, charged.snapshot) };
	if (!charged.ok) return json(200, { errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for user ID ${token.user.dbId}.` }] }, h);
	x.entry.cost = checked.dryRun ? 0 : checked.cost;
	const run = () => withHeaders(executeGraphql(x.s.store, token, p, checked, charged.snapshot), h);
	return p.isMutation ? withWriteFault(x, info, run) : run();
}

function etagOf(raw: string, tokenName: string): string {
	return `W/"${createHash('sha256').update(raw).update('\u0000').update(tokenName).digest('hex')}"`;
}

function etagMatches(header: string | undefined, etag: string): boolean {
	if (!header) return false;
	const strip = (e: string) => e.trim().replace(/^W\//, '');
	return header.split(',').some(e => e.trim() === '*' || strip(e) === strip(etag));
}

function restRequest(x: Exchange, apiPath: string, token: TokenRec | null, body: unknown): RestRequest {
	const prefix = x.path.startsWith('/api/v3') ? '/api/v3' : '';
	return {
		method: x.method, apiPath, query: x.query, body, base: { store: x.s.store, api: `${x.s.url}${prefix}` }, user: token?.user ?? null,
		scopes: token?.scopes ?? [], budgets: x.s.budgets, tokenName: token?.name ?? 'anonymous',
	};
}

function rateLimited(userId: number, h: Record<string, string>): Reply {
	return json(403, restError(`API rate limit exceeded for user ID ${userId}.`, 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'), h);
}

/** A GET: run first, so an `If-None-Match` hit can answer 304 without charging. */
function restRead(x: Exchange, r: RestRequest, run: () => Reply, tokenName: string, token: TokenRec | null, resource: Resource | null): Reply {
	const reply = run();
	if (resource === null) return withHeaders(reply, authHeaders(token, x.s.budgets.peek(tokenName, 'core')));
	if (reply.status !== 200) {
		const charged = x.s.budgets.charge(tokenName, resource, 1);
		x.entry.cost = charged.ok ? 1 : 0;
		return charged.ok ? withHeaders(reply, authHeaders(token, charged.snapshot)) : rateLimited(r.user?.dbId ?? 0, authHeaders(token, charged.snapshot));
	}
	const raw = JSON.stringify(reply.body);
	const etag = etagOf(raw, tokenName);
	const cacheHeaders = { etag, 'cache-control': 'private, max-age=60, s-maxage=60', vary: 'Accept, Authorization, Cookie, X-GitHub-OTP' };
	if (etagMatches(x.req.headers['if-none-match'], etag)) {
		x.entry.etagHit = true;
		return { status: 304, headers: { ...cacheHeaders, ...authHeaders(token, x.s.budgets.peek(tokenName, resource)) } };
	}
	const charged = x.s.budgets.charge(tokenName, resource, 1);
	if (!charged.ok) return rateLimited(r.user?.dbId ?? 0, authHeaders(token, charged.snapshot));
	x.entry.cost = 1;
	return { ...withHeaders(reply, { ...cacheHeaders, ...authHeaders(token, charged.snapshot) }), raw };
}

async function restFlow(x: Exchange): Promise<Outcome> {
	const apiPath = x.path.startsWith('/api/v3') ? x.path.slice('/api/v3'.length) || '/' : x.path;
	const auth = x.s.tokens.authenticate(x.req.headers.authorization);
	const token = auth.kind === 'ok' ? auth.token : null;
	const isWrite = x.method !== 'GET' && x.method !== 'HEAD';
	Object.assign(x.entry, { mutation: isWrite, tokenId: token?.name ?? (auth.kind === 'none' ? 'anonymous' : null) });
	const info: RequestInfo = { kind: 'rest', method: x.method, path: x.path, operationName: null, mutations: [], isWrite, tokenName: token?.name ?? null };
	const fault = await matchFaults(x, info);
	const stop = requestFault(x, fault, 'rest', auth, 'core');
	if (stop) return stop;
	if (auth.kind === 'bad') return unauthorized('Bad credentials');
	const tokenName = token?.name ?? 'anonymous';
	const match = matchRoute(x.method, apiPath);
	const parsed = parseJsonBody(x.body);
	if (!match) return restRead(x, restRequest(x, apiPath, token, undefined), notFound, tokenName, token, 'core');
	if (match.route.auth && !token) return unauthorized('Requires authentication');
	if (isWrite && !token!.scopes.some(sc => sc === 'repo' || sc === 'public_repo')) return withHeaders(notFound(), { 'x-accepted-oauth-scopes': 'repo', ...authHeaders(token, null) });
	if (!parsed.ok) return problemsParsingJson();
	const limited = secondaryCheck(x, token, 'rest', isWrite, x.method === 'POST' && /\/comments$/.test(apiPath));
	if (limited) return limited;
	const r = restRequest(x, apiPath, token, parsed.value);
	const run = () => runRoute(match.route, match.params, r);
	if (!isWrite) return restRead(x, r, run, tokenName, token, match.route.free ? null : match.route.resource ?? 'core');
	const charged = x.s.budgets.charge(tokenName, 'core', 1);
	if (!charged.ok) return rateLimited(token!.user.dbId, authHeaders(token, charged.snapshot));
	x.entry.cost = 1;
	const outcome = withWriteFault(x, info, run);
	return outcome === 'drop' || outcome === 'hang' ? outcome : withHeaders(outcome, authHeaders(token, charged.snapshot));
}

function modelledLatency(x: Exchange, bytes: number): number | null {
	const m = x.s.latencyModel;
	if (!m) return null;
	const jitter = m.jitterMs ? ((hash32(x.s.info.seed, x.entry.seq) / 0xffffffff) * 2 - 1) * m.jitterMs : 0;
	return Math.max(0, Math.round(m.baseMs + (m.perNodeMs ?? 0) * x.entry.nodeCount + ((m.perKbMs ?? 0) * bytes) / 1024 + jitter));
}

async function deliver(x: Exchange, res: ServerResponse, outcome: Outcome): Promise<void> {
	if (outcome === 'drop') {
		x.entry.status = 0;
		x.req.socket.destroy();
		return;
	}
	if (outcome === 'hang') {
		x.entry.status = 0;
		await new Promise<void>(resolve => res.on('close', () => resolve()));
		return;
	}
	const hasBody = outcome.body !== undefined && outcome.status !== 204 && outcome.status !== 304;
	const raw = hasBody ? outcome.raw ?? JSON.stringify(outcome.body) : '';
	const modelled = x.entry.kind === 'control' ? null : modelledLatency(x, Buffer.byteLength(raw));
	x.entry.modelledMs = modelled;
	if (modelled && x.s.latencyModel?.sleep) await sleep(modelled);
	const headers: Record<string, string> = { 'x-github-request-id': x.requestId, ...outcome.headers };
	if (hasBody) headers['content-type'] = 'application/json; charset=utf-8';
	if (x.entry.kind === 'rest') headers['x-github-media-type'] ??= 'github.v3; format=json';
	res.writeHead(outcome.status, headers);
	res.end(raw);
	x.entry.status = outcome.status;
	x.entry.bytes = Buffer.byteLength(raw);
}

/** Handles one HTTP request end to end. */
export async function handleRequest(s: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox');
	const kind = classify(url.pathname);
	s.inFlight++;
	const entry = s.log.begin(req.method ?? 'GET', url.pathname, kind, s.inFlight, loggedHeaders(req.headers));
	try {
		const body = await readBody(req);
		const x: Exchange = { s, req, method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, entry, requestId: `SANDBOX:${entry.seq.toString(16).toUpperCase()}` };
		const outcome = kind === 'control' ? handleControl(s, req, x.path, x.query, body) : kind === 'graphql' ? await graphqlFlow(x) : await restFlow(x);
		await deliver(x, res, outcome);
	} catch (e) {
		entry.status = 500;
		if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify({ message: `GitHub sandbox internal error: ${(e as Error).stack ?? String(e)}` }));
	} finally {
		s.inFlight--;
		// On the clock of startedAt (sub-millisecond), so back-to-back requests never look overlapped.
		entry.durationMs = performance.timeOrigin + performance.now() - entry.startedAt;
	}
}
