// Resolves `bottleneck/light.js` to src/github/bottleneckLight.ts in the unit tests, as esbuild.mjs does in the
// bundles, so @octokit/plugin-retry and plugin-throttling run here on the same limiter as in production.
// Loaded by .mocharc.json before any test.
import Module from 'node:module';
import { join } from 'node:path';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const target = join(__dirname, '..', '..', 'src', 'github', 'bottleneckLight.ts');
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
	return resolve.call(this, request === 'bottleneck/light.js' ? target : request, ...rest);
};
