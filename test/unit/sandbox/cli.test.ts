import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

describe('sandbox CLI', () => {
	it('prints one line once listening, serves requests, and stops cleanly on SIGTERM', async function () {
		this.timeout(20_000);
		const cli = resolve(__dirname, '../../sandbox/cli.ts');
		const child = spawn(process.execPath, [require.resolve('tsx/cli'), cli, '--size', 'tiny', '--port', '0', '--seed', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stderr.on('data', (d: Buffer) => (err += d.toString()));
		const line = await new Promise<string>((ok, fail) => {
			child.stdout.on('data', (d: Buffer) => {
				out += d.toString();
				if (out.includes('\n')) ok(out.split('\n')[0]!);
			});
			child.on('exit', code => fail(new Error(`exited ${code}: ${err}`)));
		});
		const m = /^GitHub sandbox listening on (http:\/\/127\.0\.0\.1:\d+) \(token: (\S+)\)$/.exec(line);
		assert.ok(m, line);
		const res = await fetch(`${m[1]}/api/v3/user`, { headers: { authorization: `token ${m[2]}` } });
		assert.equal(((await res.json()) as { login: string }).login, 'mona');
		const code = await new Promise<number | null>(ok => {
			child.on('exit', c => ok(c));
			child.kill('SIGTERM');
		});
		assert.equal(code, 0, err);
		assert.equal(out.trim().split('\n').length, 1, 'exactly one line on stdout');
	});
});
