import { strict as assert } from 'node:assert';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommunityDeskApi } from '../../../src/extension';
import { createVscodeStub, installVscodeStub, manifestDefaults, stubContext } from '../vscodeStub';

// The lazily loaded feature bundles (performance.md B8/B9): builds extension.js and the feature bundles
// with the options of `node esbuild.mjs --production` into a temporary folder, then checks that
// extension.js holds none of a feature's own modules (an eager import that drags one back fails here),
// that a feature bundle duplicates no stateful module of extension.js, and that activation loads no
// feature while the first use loads it from beside extension.js.

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

/** Modules that belong to one feature only: they must be in its bundle and not in extension.js. */
const FEATURE_MODULES: Record<string, string[]> = {
	stats: [
		'src/features/stats.ts', 'src/core/stats.ts', 'src/core/statsReport.ts', 'src/commands/stats.ts', 'src/platform/statsService.ts',
		'src/shared/statsProtocol.ts', 'src/views/engagementView.ts', 'src/webviews/statsPanel.ts', 'src/webviews/statsSnapshot.ts', 'src/webviews/statsText.ts',
	],
	templates: [
		'src/features/templates.ts', 'src/core/templates.ts', 'src/commands/templates.ts', 'src/commands/starterTemplates.ts', 'src/platform/templateSources.ts',
		'src/webviews/templatesPanel.ts', 'src/shared/templatesProtocol.ts', 'src/core/templateCatalog.ts',
	],
	triage: ['src/features/triage.ts', 'src/webviews/triagePanel.ts', 'src/shared/triageProtocol.ts'],
	moderation: ['src/features/moderation.ts', 'src/commands/moderation.ts'],
};
/**
 * Folders whose modules hold state or classes checked with `instanceof` (services, the client, errors,
 * stores, views): a feature gets those from the container, so its bundle must not carry a copy.
 */
const STATEFUL = /^(src\/(platform|github|storage|views|commands|features\/lazy)|node_modules)\//;

/**
 * Keeps the stub's command handlers, and lets it create webview panels (view types recorded in `panels`):
 * enough for the triage panel to open in plain Node.
 */
function recordPanels(api: Record<string, unknown>): { handlers: Map<string, (...args: unknown[]) => unknown>; panels: string[] } {
	const handlers = new Map<string, (...args: unknown[]) => unknown>();
	const panels: string[] = [];
	const commands = api['commands'] as { registerCommand(id: string, run?: (...args: unknown[]) => unknown): unknown };
	const register = commands.registerCommand;
	commands.registerCommand = (id, run) => { handlers.set(id, run!); return register(id); };
	const none = () => ({ dispose: () => undefined });
	(api['window'] as Record<string, unknown>)['createWebviewPanel'] = (viewType: string) => {
		panels.push(viewType);
		return {
			viewType, reveal: () => undefined, dispose: () => undefined, onDidDispose: none,
			webview: { html: '', cspSource: 'stub:', asWebviewUri: (uri: unknown) => uri, onDidReceiveMessage: none, postMessage: async () => true },
		};
	};
	return { handlers, panels };
}

interface EsbuildScript {
	LAZY_FEATURES: string[];
	nodeBuilds(options: { production: boolean; outdir: string }): BuildOptions[];
}

describe('lazily loaded feature bundles', function () {
	this.timeout(60_000);
	const dir = mkdtempSync(join(tmpdir(), 'cd-bundles-'));
	let script: EsbuildScript;
	/** Inputs of each output file, by file name (`extension.js`, `stats.js`, …). */
	const inputs = new Map<string, string[]>();

	before(async () => {
		script = await import(pathToFileURL(join(ROOT, 'esbuild.mjs')).href) as EsbuildScript;
		const results = await Promise.all(script.nodeBuilds({ production: true, outdir: dir }).map(o => build({ ...o, absWorkingDir: ROOT })));
		for (const [file, output] of results.flatMap(r => Object.entries((r.metafile as Metafile).outputs))) {
			if (file.endsWith('.js')) inputs.set(file.split('/').pop()!, Object.keys(output.inputs));
		}
	});

	after(() => rmSync(dir, { recursive: true, force: true }));

	it('builds one bundle per feature beside extension.js, and packages each', () => {
		assert.deepEqual([...inputs.keys()].sort(), ['extension.js', ...script.LAZY_FEATURES.map(n => `${n}.js`)].sort());
		assert.deepEqual(Object.keys(FEATURE_MODULES).sort(), [...script.LAZY_FEATURES].sort());
		const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/);
		for (const name of script.LAZY_FEATURES) assert.ok(ignore.includes(`!dist/${name}.js`), `.vscodeignore does not ship dist/${name}.js`);
	});

	it('keeps every module of a feature out of extension.js', () => {
		const eager = inputs.get('extension.js')!;
		for (const [name, modules] of Object.entries(FEATURE_MODULES)) {
			assert.deepEqual(modules.filter(m => !inputs.get(`${name}.js`)!.includes(m)), [], `missing from ${name}.js`);
			assert.deepEqual(modules.filter(m => eager.includes(m)), [], `in extension.js although ${name}.js has it`);
		}
		const code = readFileSync(join(dir, 'extension.js'), 'utf8');
		for (const name of script.LAZY_FEATURES) assert.ok(code.includes(`require("./${name}.js")`), `extension.js does not require ./${name}.js`);
	});

	it('bundles our Bottleneck subset (throttleLimiter.ts) instead of Bottleneck', () => {
		for (const [file, modules] of inputs) {
			assert.ok(!modules.some(m => m.includes('node_modules/bottleneck/')), `${file} carries Bottleneck`);
		}
		assert.ok(inputs.get('extension.js')?.includes('src/github/bottleneckLight.ts'), 'our subset stands in for bottleneck/light.js');
	});

	it('gives no feature bundle a copy of a stateful module of extension.js', () => {
		const eager = new Set(inputs.get('extension.js'));
		for (const name of script.LAZY_FEATURES) {
			assert.deepEqual(inputs.get(`${name}.js`)!.filter(m => eager.has(m) && STATEFUL.test(m)), [], `${name}.js duplicates these`);
		}
	});

	it('refuses to build a static import of a feature entry', async () => {
		const [extension] = script.nodeBuilds({ production: false, outdir: dir });
		const { entryPoints: _entry, outdir: _out, ...options } = extension!;
		await assert.rejects(build({
			...options, write: false, absWorkingDir: ROOT,
			stdin: { contents: "import { createStatsFeature } from './src/features/stats'; console.log(createStatsFeature);", resolveDir: ROOT, loader: 'ts' },
		}), /src\/features\/stats\.ts is a lazily loaded bundle/);
	});

	it('activates without loading a feature, and loads each once on first use', async () => {
		const { api, record } = createVscodeStub(manifestDefaults(manifest));
		const uninstall = installVscodeStub(api);
		const context = stubContext(ROOT, manifest);
		const stats = require.resolve(join(dir, 'stats.js'));
		const templates = require.resolve(join(dir, 'templates.js'));
		const triage = require.resolve(join(dir, 'triage.js'));
		const moderation = require.resolve(join(dir, 'moderation.js'));
		const { handlers, panels } = recordPanels(api);
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const extension = require(join(dir, 'extension.js')) as typeof import('../../../src/extension');
			const { container } = extension.activate(context as never) as CommunityDeskApi;
			assert.ok(record.serializers.includes('communityDesk.stats') && record.webviewViews.includes('communityDesk.engagement'), 'the thin registrations are made at activation');
			assert.ok(record.serializers.includes('communityDesk.templates'), 'the Saved Replies serializer is registered at activation');
			assert.ok(record.serializers.includes('communityDesk.triage'), 'the triage panel serializer is registered at activation');
			assert.equal(require.cache[stats], undefined, 'activation loaded stats.js');
			assert.equal(require.cache[templates], undefined, 'activation loaded templates.js');
			assert.equal(require.cache[triage], undefined, 'activation loaded triage.js');
			assert.equal(require.cache[moderation], undefined, 'activation loaded moderation.js');
			const feature = await container.stats.get();
			assert.ok(require.cache[stats], 'stats.js was not loaded from beside extension.js');
			assert.equal(await container.stats.get(), feature, 'one stats feature');
			assert.deepEqual(feature.service.repoNames(), []);
			assert.equal(require.cache[templates], undefined, 'stats loaded templates.js');
			await container.templates.get();
			assert.ok(require.cache[templates]);
			assert.equal(require.cache[triage], undefined, 'stats or templates loaded triage.js');
			// the command (also behind the status bar item) loads triage.js and opens the one panel
			assert.equal(container.triagePanel.loaded, undefined);
			await handlers.get('communityDesk.triage.open')!();
			assert.ok(require.cache[triage], 'triage.js was not loaded from beside extension.js');
			assert.deepEqual(panels, ['communityDesk.triage']);
			const triageFeature = container.triagePanel.loaded!;
			assert.equal(triageFeature.panels.panel?.panel.viewType, 'communityDesk.triage');
			await handlers.get('communityDesk.triage.open')!();
			assert.equal(await container.triagePanel.get(), triageFeature, 'one triage feature');
			assert.deepEqual(panels, ['communityDesk.triage'], 'a second panel was opened');
			// a moderation command loads moderation.js and keeps the contract: no target, nothing done, no rejection
			assert.equal(require.cache[moderation], undefined, 'another feature loaded moderation.js');
			assert.deepEqual(await handlers.get('communityDesk.moderation.close')!({ bogus: true }), { cancelled: false, applied: [], failed: [] });
			assert.ok(require.cache[moderation], 'moderation.js was not loaded from beside extension.js');
			assert.ok(container.moderationCommands.loaded);
			for (const d of context['subscriptions'] as { dispose(): void }[]) d.dispose();
			assert.equal(triageFeature.panels.panel, undefined, 'the panel outlived the container');
		} finally {
			uninstall();
			for (const file of [stats, templates, triage, moderation, join(dir, 'extension.js')]) delete require.cache[file];
		}
	});
});
