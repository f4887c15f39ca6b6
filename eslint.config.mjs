// Lint: typescript-eslint's recommended rules plus the zones of the house style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Pure, GitHub-layer and webview code must not import vscode (inject what it needs instead).' };
/** Builds a `no-restricted-imports` rule that forbids `vscode` (optionally) and some folders. */
function zone(message, folders, forbidVscode = true) {
	return ['error', {
		paths: forbidVscode ? [noVscode] : [],
		patterns: folders.length ? [{ group: folders.flatMap(f => [`**/${f}/*`, `**/${f}`]), message }] : [],
	}];
}

export default tseslint.config(
	{ ignores: ['.tmp/**', 'dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.d.ts'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'No default exports (house style).' }],
			'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
			eqeqeq: ['error', 'always', { null: 'ignore' }],
		},
	},
	{
		files: ['src/core/**/*.ts'],
		rules: { 'no-restricted-imports': zone('src/core is pure: it may not import adapters or the GitHub layer.', ['github', 'storage', 'sync', 'platform', 'views', 'webviews', 'commands']) },
	},
	{
		files: ['src/shared/**/*.ts'],
		rules: { 'no-restricted-imports': zone('src/shared is the wire contract: it may import only src/shared.', ['core', 'github', 'platform', 'views', 'webviews', 'commands']) },
	},
	{
		files: ['src/github/**/*.ts', 'src/constants.ts'],
		rules: { 'no-restricted-imports': zone('src/github is vscode-free: it may not import adapters.', ['platform', 'views', 'webviews', 'commands']) },
	},
	{
		files: ['src/storage/**/*.ts'],
		rules: { 'no-restricted-imports': zone('src/storage is vscode-free Node I/O: it may import only src/core and src/storage.', ['github', 'sync', 'platform', 'views', 'webviews', 'commands']) },
	},
	{
		files: ['src/sync/**/*.ts'],
		rules: { 'no-restricted-imports': zone('src/sync is vscode-free: it may not import adapters.', ['platform', 'views', 'webviews', 'commands']) },
	},
	{
		files: ['webview/**/*.ts'],
		rules: {
			'no-restricted-imports': zone('webview/ runs in the browser: it may import only src/shared.', ['core', 'github', 'platform', 'views', 'webviews', 'commands']),
			'no-restricted-properties': ['error',
				{ object: 'Math', property: 'random', message: 'Use crypto.getRandomValues.' },
				{ property: 'innerHTML', message: 'Use textContent or the sanitiser.' },
				{ property: 'outerHTML', message: 'Use textContent or the sanitiser.' }],
		},
	},
	{
		files: ['test/**/*.ts', 'test/**/*.mjs', '*.mjs'],
		rules: { 'max-lines-per-function': 'off' },
	},
	{
		files: ['**/*.mjs'],
		languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', window: 'readonly', document: 'readonly' } },
	},
);
