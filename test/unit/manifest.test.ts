import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { Commands, ConfigKeys, Views } from '../../src/constants';
import { collectL10nKeys } from './l10nKeys';

const root = join(__dirname, '..', '..');
const read = (f: string) => JSON.parse(readFileSync(join(root, f), 'utf8'));
const pkg = read('package.json');

describe('package.json manifest', () => {
	it('contributes exactly the commands in constants.ts, each with a category', () => {
		const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
		assert.deepEqual(contributed, Object.values(Commands).sort());
		for (const c of pkg.contributes.commands) assert.equal(c.category, '%communityDesk.category%', c.command);
	});

	it('contributes the views in constants.ts inside one container', () => {
		assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, Views.container);
		assert.deepEqual(pkg.contributes.views[Views.container].map((v: { id: string }) => v.id), [Views.discussions, Views.issues, Views.engagement]);
		assert.equal(pkg.contributes.views[Views.container].find((v: { id: string }) => v.id === Views.engagement).type, 'webview');
	});

	it('never activates on * or at startup', () => {
		const events: string[] = pkg.activationEvents ?? [];
		assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
	});

	it('keeps the server URL application-scoped and restricted in untrusted workspaces', () => {
		const props = Object.assign({}, ...pkg.contributes.configuration.map((g: { properties: object }) => g.properties));
		assert.equal(props[`communityDesk.${ConfigKeys.serverUrl}`].scope, 'application');
		assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
		assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('communityDesk.github.serverUrl'));
		assert.ok(pkg.capabilities.virtualWorkspaces);
		for (const key of [ConfigKeys.repositories, ConfigKeys.issueQueries, ConfigKeys.pageSize, ConfigKeys.detectRepositories]) {
			assert.ok(props[`communityDesk.${key}`], key);
		}
	});

	it('hides tree-only commands from the palette', () => {
		const hidden = pkg.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
		for (const id of [Commands.loadMore, Commands.openItem, Commands.copyLink, Commands.removeRepository]) assert.ok(hidden.includes(id), id);
	});
});

describe('localisation', () => {
	const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map(m => m[0]).sort().join();

	it('every %key% of package.json exists in package.nls.json and package.nls.ru.json', () => {
		const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map(m => m[1]!);
		const en = read('package.nls.json');
		const ru = read('package.nls.ru.json');
		for (const k of keys) {
			assert.ok(en[k], `package.nls.json lacks ${k}`);
			assert.ok(ru[k], `package.nls.ru.json lacks ${k}`);
		}
		assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
	});

	it('the Russian bundle translates every message of the code, with the same placeholders', () => {
		const bundle: Record<string, string> = read('l10n/bundle.l10n.ru.json');
		const keys = collectL10nKeys(root);
		const missing = [...keys].filter(k => !(k in bundle));
		assert.deepEqual(missing, [], 'missing Russian translations');
		const stale = Object.keys(bundle).filter(k => !keys.has(k));
		assert.deepEqual(stale, [], 'translations of messages no longer in the code');
		for (const [k, v] of Object.entries(bundle)) assert.equal(placeholders(v), placeholders(k.replace(/\/plural:\w+$/, '')), k);
	});

	it('ships every file a webview loads (.vscodeignore: everything is ignored unless a negation matches)', () => {
		const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').split(/\r?\n/).map(l => l.trim()).filter(l => l && !l.startsWith('#'));
		assert.equal(lines[0], '**', 'the list starts by ignoring everything');
		const ships = (file: string) => lines.some(l => l.startsWith('!') && minimatch(file, l.slice(1), { dot: true }));
		const entries = readdirSync(join(root, 'webview'), { withFileTypes: true })
			.filter(d => d.isDirectory() && existsSync(join(root, 'webview', d.name, 'main.ts'))).map(d => d.name);
		assert.ok(entries.length >= 4, 'webview entries found');
		for (const name of entries) {
			assert.ok(ships(`dist/webview/${name}.js`), `dist/webview/${name}.js is not packaged`);
			assert.ok(!ships(`dist/webview/${name}.js.map`), `source maps stay out of the package`);
			if (existsSync(join(root, 'media', 'webview', `${name}.css`))) assert.ok(ships(`media/webview/${name}.css`), `media/webview/${name}.css is not packaged`);
		}
		for (const file of ['dist/webview/codicon.css', 'dist/webview/codicon.ttf', 'dist/extension.js', pkg.contributes.viewsContainers.activitybar[0].icon]) {
			assert.ok(ships(file), `${file} is not packaged`);
		}
	});
});
