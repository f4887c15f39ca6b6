// Builds the extension (Node, CommonJS), one browser bundle per webview, and the integration
// tests that run inside a real VS Code extension host. Type-checking is separate (`npm run check-types`).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

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

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
	{ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], metafile: true },
];
if (Object.keys(webviewEntries).length > 0) {
	builds.push({ ...common, entryPoints: webviewEntries, outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022', tsconfig: 'webview/tsconfig.json' });
}
if (!production) {
	// Integration tests: loaded by the extension host through `extensionTestsPath`; mocha stays external.
	builds.push({ ...common, entryPoints: tsFiles('test/integration'), outdir: 'dist/test/integration', outbase: 'test/integration',
		bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'] });
}

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
