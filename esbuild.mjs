// Builds the extension (Node, CommonJS), one browser bundle per webview, and the integration
// tests that run inside a real VS Code extension host. Type-checking is separate (`npm run check-types`).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape of the `$esbuild-watch` problem matcher. */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onStart(() => { if (watch) console.log('[watch] build started'); });
		build.onEnd(result => {
			for (const e of result.errors) {
				console.error(`✘ [ERROR] ${e.text}\n    ${e.location?.file}:${e.location?.line}:${e.location?.column}:`);
			}
			if (watch) console.log('[watch] build finished');
		});
	},
};

/** Every `*.ts` file under a folder, recursively. */
function tsFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap(d =>
		d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []);
}

/** Webview entry points: `webview/<name>/main.ts` becomes `dist/webview/<name>.js`. */
const webviewEntries = Object.fromEntries(
	readdirSync('webview', { withFileTypes: true })
		.filter(d => d.isDirectory() && d.name !== 'common')
		.map(d => [d.name, `webview/${d.name}/main.ts`]));

/** @type {import('esbuild').BuildOptions} */
const common = { bundle: true, minify: production, sourcemap: !production, sourcesContent: false, logLevel: 'silent', plugins: [problemMatcher] };

/**
 * Features loaded on first use: `src/features/<name>.ts` becomes `dist/<name>.js`, and the extension
 * bundle loads it with `await import('./features/<name>')` (performance.md B8/B9).
 */
export const LAZY_FEATURES = ['stats', 'templates', 'triage', 'moderation'];
const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * In the extension bundle, `import('./features/<name>')` becomes `require('./<name>.js')` (the separate
 * bundle beside it) instead of inlining the feature. A static import would load it at activation: an error.
 * @type {import('esbuild').Plugin}
 */
const lazyFeatures = {
	name: 'lazy-features',
	setup(build) {
		build.onResolve({ filter: new RegExp(`(^|[\\\\/])(${LAZY_FEATURES.join('|')})(\\.ts)?$`) }, args => {
			const name = LAZY_FEATURES.find(n => resolve(args.resolveDir, args.path).replace(/\.ts$/, '') === join(ROOT, 'src', 'features', n));
			if (!name) return undefined;
			if (args.kind !== 'dynamic-import') return { errors: [{ text: `src/features/${name}.ts is a lazily loaded bundle: load it with \`await import()\`, not a static import.` }] };
			return { path: `./${name}.js`, external: true };
		});
	},
};

/**
 * `bottleneck/light.js` (23 KB minified) becomes src/github/bottleneckLight.ts, the subset of its API that
 * plugin-retry and plugin-throttling use (throttleLimiter.ts); the unit tests resolve it the same way (test/unit/bottleneckAlias.ts).
 * @type {import('esbuild').Plugin}
 */
const noBottleneck = {
	name: 'no-bottleneck',
	setup(build) {
		build.onResolve({ filter: /^bottleneck\/light\.js$/ }, () => ({ path: join(ROOT, 'src/github/bottleneckLight.ts') }));
	},
};

/**
 * The Node bundles: `extension.js` and one `<name>.js` per lazy feature, with the same options (bench B8/B9
 * and the bundle test build them too, into a temporary folder).
 * @param {{ production: boolean; outdir: string; plugins?: import('esbuild').Plugin[] }} options
 * @returns {import('esbuild').BuildOptions[]}
 */
export function nodeBuilds({ production, outdir, plugins = [] }) {
	const node = { bundle: true, minify: production, sourcemap: !production, sourcesContent: false, logLevel: 'silent', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], metafile: true };
	return [
		// `dynamic-import: false`: the feature's `import()` becomes `require('./<name>.js')`, loaded like the extension itself.
		{ ...node, entryPoints: { extension: join(ROOT, 'src/extension.ts') }, outdir, plugins: [...plugins, lazyFeatures, noBottleneck], supported: { 'dynamic-import': false } },
		{ ...node, entryPoints: Object.fromEntries(LAZY_FEATURES.map(n => [n, join(ROOT, 'src/features', `${n}.ts`)])), outdir, plugins: [...plugins, noBottleneck] },
	];
}

/** @type {import('esbuild').BuildOptions[]} */
const builds = nodeBuilds({ production, outdir: 'dist', plugins: [problemMatcher] });
if (Object.keys(webviewEntries).length > 0) {
	builds.push({ ...common, entryPoints: webviewEntries, outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022', tsconfig: 'webview/tsconfig.json' });
}
if (!production) {
	// Integration tests: loaded by the extension host through `extensionTestsPath`; mocha stays external.
	builds.push({ ...common, entryPoints: tsFiles('test/integration'), outdir: 'dist/test/integration', outbase: 'test/integration',
		bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'] });
}

/** Builds everything into dist (only when run as a script; bench and tests import {@link nodeBuilds}). */
async function main() {
	// Codicons for the webviews: loaded by <link> from dist (localResourceRoots is only dist and media).
	mkdirSync('dist/webview', { recursive: true });
	for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules/@vscode/codicons/dist', file), join('dist/webview', file));

	const contexts = await Promise.all(builds.map(o => esbuild.context(o)));
	if (watch) {
		await Promise.all(contexts.map(c => c.watch()));
	} else {
		const results = await Promise.allSettled(contexts.map(c => c.rebuild()));
		await Promise.all(contexts.map(c => c.dispose()));
		const failed = results.filter(r => r.status === 'rejected');
		if (failed.length > 0) process.exit(1);
	}
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await main();
