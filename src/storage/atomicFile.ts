import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Atomic JSON/text files (security.md D5): write a temporary file in the same folder, fsync it,
// then rename it over the target, so a crash leaves either the old or the new file, never half
// of one. Windows may refuse the rename for a moment (a virus scanner or indexer holds the file),
// so EPERM/EBUSY/EACCES are retried with a growing delay. One writer per file: writes to the
// same path are queued.

/** The file-system calls an atomic write needs (injectable so tests can make `rename` fail). */
export interface FileOps {
	/** Creates `path`, writes `data`, fsyncs and closes it. */
	writeSynced(path: string, data: string): Promise<void>;
	rename(from: string, to: string): Promise<void>;
	unlink(path: string): Promise<void>;
	mkdir(path: string): Promise<void>;
}

/** {@link FileOps} over `node:fs`. */
export const nodeFileOps: FileOps = {
	async writeSynced(path, data) {
		const handle = await fs.open(path, 'wx', 0o600);
		try {
			await handle.writeFile(data, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}
	},
	rename: (from, to) => fs.rename(from, to),
	unlink: path => fs.unlink(path),
	mkdir: async path => {
		await fs.mkdir(path, { recursive: true });
	},
};

/** Options of {@link AtomicFileWriter}. */
export interface AtomicWriteOptions {
	readonly ops?: FileOps;
	/** Retries of a refused rename (default 5). */
	readonly retries?: number;
	/** First retry delay; it doubles on each retry (default 25 ms). */
	readonly backoffMs?: number;
	readonly sleep?: (ms: number) => Promise<void>;
}

/** Error codes that mean "the file is busy right now", worth another rename attempt. */
const TRANSIENT = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** Writes files atomically, one write at a time per path. */
export class AtomicFileWriter {
	private readonly tails = new Map<string, Promise<unknown>>();
	private readonly ops: FileOps;
	private readonly sleep: (ms: number) => Promise<void>;

	constructor(private readonly options: AtomicWriteOptions = {}) {
		this.ops = options.ops ?? nodeFileOps;
		this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
	}

	/** Replaces `path` with `data` atomically; resolves once the new content is in place. */
	write(path: string, data: string): Promise<void> {
		const previous = this.tails.get(path) ?? Promise.resolve();
		const next = previous.catch(() => undefined).then(() => this.writeNow(path, data));
		const tail = next.catch(() => undefined);
		this.tails.set(path, tail);
		void tail.then(() => {
			if (this.tails.get(path) === tail) {
				this.tails.delete(path);
			}
		});
		return next;
	}

	private async writeNow(path: string, data: string): Promise<void> {
		await this.ops.mkdir(dirname(path));
		const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
		await this.ops.writeSynced(temp, data);
		try {
			await this.renameWithRetry(temp, path);
		} catch (error) {
			await this.ops.unlink(temp).catch(() => undefined);
			throw error;
		}
	}

	private async renameWithRetry(from: string, to: string): Promise<void> {
		const retries = this.options.retries ?? 5;
		for (let attempt = 0; ; attempt++) {
			try {
				await this.ops.rename(from, to);
				return;
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if (attempt >= retries || !code || !TRANSIENT.has(code)) {
					throw error;
				}
				await this.sleep((this.options.backoffMs ?? 25) * 2 ** attempt);
			}
		}
	}
}
