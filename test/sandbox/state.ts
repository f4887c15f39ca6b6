/** The mutable state of a running sandbox, shared by the request pipeline and the control endpoints. */
import type { Budgets, Tokens } from './auth';
import type { Faults } from './faults';
import type { RequestLog } from './log';
import type { SecondaryLimiter } from './secondary';
import type { Store } from './store';

/** A latency model: `baseMs + perNodeMs × nodes + perKbMs × KB of response ± jitterMs`. */
export interface LatencyModel {
	readonly baseMs: number;
	readonly perNodeMs?: number;
	readonly perKbMs?: number;
	readonly jitterMs?: number;
	/** Actually wait the modelled time (default false: only record `modelledMs` in the log). */
	readonly sleep?: boolean;
}

/** Everything a request needs. */
export interface SandboxState {
	readonly store: Store;
	readonly tokens: Tokens;
	readonly budgets: Budgets;
	readonly faults: Faults;
	readonly log: RequestLog;
	readonly secondary: SecondaryLimiter;
	/** Fixed latency added to every API request. */
	latencyMs: number;
	latencyModel: LatencyModel | null;
	/** Required in `x-sandbox-control` for `/_sandbox/` requests; null = loopback check only. */
	readonly controlSecret: string | null;
	/** `http://127.0.0.1:PORT`, set once listening. */
	url: string;
	inFlight: number;
	readonly info: { readonly size: string; readonly seed: number };
}
