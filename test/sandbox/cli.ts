/**
 * `npx tsx test/sandbox/cli.ts [--port N] [--size demo|L|tiny] [--seed N] [--latency MS] [--now ISO] [--control-secret S]`
 * Prints one line once listening and stops cleanly on SIGINT/SIGTERM. The control API requires the
 * `x-sandbox-control` header only when a secret is given (flag or `SANDBOX_CONTROL_SECRET`).
 */
import { startSandbox, type SandboxOptions } from './server';
import type { SandboxSize } from './seed';

function parseArgs(argv: readonly string[]): SandboxOptions {
	const o: SandboxOptions = { controlSecret: process.env['SANDBOX_CONTROL_SECRET'] || false };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i]!;
		const value = argv[i + 1];
		const take = (): string => {
			if (value === undefined) throw new Error(`${flag} needs a value`);
			i++;
			return value;
		};
		switch (flag) {
			case '--port': o.port = Number(take()); break;
			case '--size': o.size = take() as SandboxSize; break;
			case '--seed': o.seed = Number(take()); break;
			case '--latency': o.latencyMs = Number(take()); break;
			case '--now': o.now = new Date(take()); break;
			case '--control-secret': o.controlSecret = take(); break;
			default: throw new Error(`Unknown option ${flag}`);
		}
	}
	if (o.size && !['demo', 'L', 'tiny'].includes(o.size)) throw new Error(`--size must be demo, L or tiny`);
	return o;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
	process.stdout.write(`GitHub sandbox listening on ${sandbox.url} (token: ${sandbox.token})\n`);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
