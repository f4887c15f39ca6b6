import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AtomicFileWriter } from './atomicFile';

// The disk cache (security.md D5–D7, performance.md B7): versioned JSON envelopes in one folder per
// host and account under the extension's global storage. Loading never throws: anything unreadable
// is moved aside as `*.corrupt-<ts>` and reported as empty with `needsRefetch`.

/** Version of the envelope and of the data layout inside it; bump it to drop old caches. */
export const CACHE_SCHEMA_VERSION = 2;
/** Default cap of one cache file: fixture L's comments file is about 10 MB, its items file about 4 MB. */
export const DEFAULT_MAX_CACHE_BYTES = 32 * 1024 * 1024;

/** What is written to disk. */
export interface CacheEnvelope<T> {
	readonly schemaVersion: number;
	readonly host: string;
	readonly account: string;
	/** Epoch ms. */
	readonly writtenAt: number;
	readonly data: T;
}

/** The outcome of {@link CacheStore.load}. */
export interface CacheLoadResult<T> {
	/** The data, or undefined when there was no usable cache. */
	readonly data: T | undefined;
	/** True when the cache was missing or unusable and the data must be fetched again. */
	readonly needsRefetch: boolean;
	/** Epoch ms of the write that produced `data`. */
	readonly writtenAt?: number;
	/** Where an unusable file was moved to. */
	readonly movedAside?: string;
}

/** The outcome of {@link CacheStore.save}. */
export type CacheSaveResult = { readonly written: true; readonly bytes: number } | { readonly written: false; readonly reason: 'tooLarge' | 'containsSecret'; readonly bytes: number };

/** Options of {@link CacheStore}. */
export interface CacheStoreOptions {
	/** Base folder (in the extension: `context.globalStorageUri.fsPath`). */
	readonly baseDir: string;
	/** Largest file written; larger data is refused (default {@link DEFAULT_MAX_CACHE_BYTES}). */
	readonly maxBytes?: number;
	readonly writer?: AtomicFileWriter;
	readonly now?: () => number;
}

/** Strings that look like GitHub credentials; a cache containing one is never written (D7). */
const TOKEN_PATTERN = /\b(?:gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,})/;

const yieldToLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/** A file-system-safe, collision-free folder name for one host and account. */
export function partitionName(host: string, account: string): string {
	const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 60) || '_';
	const hash = createHash('sha256').update(`${host.toLowerCase()}\n${account.toLowerCase()}`).digest('hex').slice(0, 8);
	return `${safe(host)}__${safe(account)}__${hash}`;
}

/** Versioned, partitioned, bounded JSON files. */
export class CacheStore {
	private readonly writer: AtomicFileWriter;
	private readonly now: () => number;

	constructor(private readonly options: CacheStoreOptions) {
		this.writer = options.writer ?? new AtomicFileWriter();
		this.now = options.now ?? Date.now;
	}

	/** The folder of one host and account. */
	partitionDir(host: string, account: string): string {
		return join(this.options.baseDir, partitionName(host, account));
	}

	/** The file of one cache entry (`name` is sanitised too). */
	filePath(host: string, account: string, name: string): string {
		return join(this.partitionDir(host, account), `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
	}

	/** Writes `data` atomically; refuses data over the cap or containing something token-like. */
	async save<T>(host: string, account: string, name: string, data: T): Promise<CacheSaveResult> {
		const envelope: CacheEnvelope<T> = { schemaVersion: CACHE_SCHEMA_VERSION, host, account, writtenAt: this.now(), data };
		const text = JSON.stringify(envelope);
		const bytes = Buffer.byteLength(text);
		if (bytes > (this.options.maxBytes ?? DEFAULT_MAX_CACHE_BYTES)) {
			return { written: false, reason: 'tooLarge', bytes };
		}
		if (TOKEN_PATTERN.test(text)) {
			return { written: false, reason: 'containsSecret', bytes };
		}
		await this.writer.write(this.filePath(host, account, name), text);
		return { written: true, bytes };
	}

	/**
	 * Reads and validates an entry. Never throws: a missing file is empty; a file that cannot be
	 * parsed, has another schema version, another host or account, or fails `validate` is moved
	 * aside and reported as empty with `needsRefetch`.
	 */
	async load<T>(host: string, account: string, name: string, validate: (data: unknown) => data is T): Promise<CacheLoadResult<T>> {
		const path = this.filePath(host, account, name);
		let bytes: Buffer;
		try {
			bytes = await fs.readFile(path);
		} catch {
			return { data: undefined, needsRefetch: true };
		}
		// Decoding and parsing a big entry (the index's comments, ~10 MB) each block the event loop
		// for a few milliseconds: not both in one go.
		await yieldToLoop();
		const text = bytes.toString('utf8');
		await yieldToLoop();
		const envelope = parseEnvelope(text, host, account);
		if (envelope && validate(envelope.data)) {
			return { data: envelope.data, needsRefetch: false, writtenAt: envelope.writtenAt };
		}
		return { data: undefined, needsRefetch: true, movedAside: await this.moveAside(path) };
	}

	/** Moves an entry aside as `*.corrupt-<ts>` (its data passed the shape check but not a deeper one). */
	moveAsideEntry(host: string, account: string, name: string): Promise<string | undefined> {
		return this.moveAside(this.filePath(host, account, name));
	}

	/** Deletes the partition of a host and account (sign-out, account switch). */
	async purge(host: string, account: string): Promise<void> {
		await fs.rm(this.partitionDir(host, account), { recursive: true, force: true });
	}

	private async moveAside(path: string): Promise<string | undefined> {
		const target = `${path}.corrupt-${this.now()}`;
		try {
			await fs.rename(path, target);
			return target;
		} catch {
			await fs.rm(path, { force: true }).catch(() => undefined);
			return undefined;
		}
	}
}

/** The envelope in `text` when it is well-formed and belongs to `host`/`account`, else undefined. */
function parseEnvelope(text: string, host: string, account: string): CacheEnvelope<unknown> | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}
	const e = value as Partial<CacheEnvelope<unknown>>;
	const ok = e.schemaVersion === CACHE_SCHEMA_VERSION && e.host === host && e.account === account
		&& typeof e.writtenAt === 'number' && Number.isFinite(e.writtenAt) && 'data' in e;
	return ok ? (e as CacheEnvelope<unknown>) : undefined;
}
