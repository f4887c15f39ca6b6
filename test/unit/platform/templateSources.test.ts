import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TemplateCommandDeps, TemplateReplyResult } from '../../../src/commands/templates';
import { englishT } from '../../../src/core/l10n';
import type { ThreadDto } from '../../../src/shared/threadProtocol';
import type { loadTemplates as Load } from '../../../src/platform/templateSources';
import { createVscodeStub, installVscodeStub } from '../vscodeStub';

// Team templates come from the workspace, so an untrusted workspace must not supply them (W12): the
// loader skips them and says why, "Reply with Template…" shows that reason, and personal templates
// (the extension's own storage) still work. Plain Node, with `vscode` stubbed over a temporary folder.

const TEAM = '---\ntitle: Team close\nactions:\n  close: { reason: DUPLICATE }\n---\nClosing, {{author}}.\n';
const PERSONAL = '---\ntitle: My thanks\n---\nThanks @{{author}}!\n';

type QuickPickItem = { label: string; template?: { title: string }; notice?: string };

describe('templates in an untrusted workspace', () => {
	let root: string;
	let uninstall: () => void;
	let trusted = false;
	let picks: QuickPickItem[][] = [];
	let warnings: string[] = [];
	let loadTemplates: typeof Load;
	let replyWithTemplate: (c: TemplateCommandDeps, target?: unknown, presets?: unknown) => Promise<TemplateReplyResult | undefined>;

	before(() => {
		root = mkdtempSync(join(tmpdir(), 'cd-templates-'));
		mkdirSync(join(root, 'ws', '.github', 'saved-replies'), { recursive: true });
		writeFileSync(join(root, 'ws', '.github', 'saved-replies', 'close.md'), TEAM);
		mkdirSync(join(root, 'global', 'saved-replies'), { recursive: true });
		writeFileSync(join(root, 'global', 'saved-replies', 'thanks.md'), PERSONAL);
		const { api } = createVscodeStub();
		const Uri = api.Uri as { file(p: string): { path: string } };
		class FileSystemError extends Error {
			constructor(readonly code: string) { super(code); }
		}
		api.FileType = { File: 1, Directory: 2 };
		api.FileSystemError = FileSystemError;
		api.workspace = {
			get isTrusted() { return trusted; },
			workspaceFolders: [{ uri: Uri.file(join(root, 'ws')), name: 'ws', index: 0 }],
			fs: {
				readDirectory: async (u: { path: string }) => {
					try {
						return readdirSync(u.path).map(n => [n, statSync(join(u.path, n)).isFile() ? 1 : 2]);
					} catch {
						throw new FileSystemError('FileNotFound');
					}
				},
				readFile: async (u: { path: string }) => new Uint8Array(readFileSync(u.path)),
			},
		};
		const window = api.window as Record<string, unknown>;
		api.window = {
			...Object.fromEntries(['showErrorMessage', 'showInformationMessage'].map(k => [k, window[k]])),
			showWarningMessage: async (m: string) => { warnings.push(m); return undefined; },
			showInputBox: async () => undefined,
			showQuickPick: async (items: Promise<QuickPickItem[]> | QuickPickItem[]) => {
				const list = await items;
				picks.push(list);
				return list.find(i => i.template?.title === 'My thanks');
			},
		};
		uninstall = installVscodeStub(api);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		loadTemplates = (require('../../../src/platform/templateSources') as typeof import('../../../src/platform/templateSources')).loadTemplates;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		replyWithTemplate = (require('../../../src/commands/templates') as typeof import('../../../src/commands/templates')).replyWithTemplate;
	});

	after(() => {
		uninstall();
		rmSync(root, { recursive: true, force: true });
	});

	beforeEach(() => {
		picks = [];
		warnings = [];
	});

	const deps = (inserted: string[]): TemplateCommandDeps => {
		const thread = {
			kind: 'issue', repo: { owner: 'acme', name: 'rocket' }, number: 5, title: 'Crash', author: 'octo', createdAt: '2024-03-01T00:00:00Z',
			labels: [], locked: false, comments: [],
		} as unknown as ThreadDto;
		const panel = {
			current: { status: 'ready', thread },
			insertDraft: async (text: string) => { inserted.push(text); return true; },
		};
		const uri = (createVscodeStub().api.Uri as { file(p: string): unknown }).file(join(root, 'global'));
		return {
			threads: { active: () => panel, get: () => undefined, open: () => { throw new Error('not used'); }, targetOf: () => { throw new Error('not used'); }, replies: { send: async () => undefined } },
			client: { listSavedReplies: async () => [], getThread: async () => { throw new Error('not used'); } },
			viewer: async () => ({ login: 'mona' }),
			globalStorageUri: uri,
			presentError: (error: unknown) => ({ message: String(error) }),
		} as unknown as TemplateCommandDeps;
	};

	it('does not load team templates and says why, while personal ones load', async () => {
		const load = await loadTemplates({ globalStorageUri: deps([]).globalStorageUri, client: { listSavedReplies: async () => [] }, t: englishT, presentError: (() => ({ message: '' })) as never });
		assert.deepEqual(load.templates.map(t => `${t.source}:${t.title}`), ['personal:My thanks']);
		assert.deepEqual(load.notLoaded, [{ source: 'team', reason: 'Team templates are not loaded because this workspace is not trusted.' }]);
	});

	it('"Reply with Template…" lists the reason and the personal template, and the personal one works', async () => {
		const inserted: string[] = [];
		const result = await replyWithTemplate(deps(inserted));
		assert.equal(picks.length, 1);
		assert.deepEqual(picks[0]!.map(i => i.label), ['My thanks', '$(warning) Team templates are not loaded because this workspace is not trusted.']);
		assert.equal(picks[0]!.some(i => i.template?.title === 'Team close'), false);
		assert.deepEqual(inserted, ['Thanks @octo!']);
		assert.deepEqual(result, { kind: 'draft', replyToId: null });
	});

	it('loads the team templates once the workspace is trusted', async () => {
		trusted = true;
		try {
			const load = await loadTemplates({ globalStorageUri: deps([]).globalStorageUri, client: { listSavedReplies: async () => [] }, t: englishT, presentError: (() => ({ message: '' })) as never });
			assert.deepEqual(load.templates.map(t => `${t.source}:${t.title}`).sort(), ['personal:My thanks', 'team:Team close']);
			assert.deepEqual(load.notLoaded, []);
		} finally {
			trusted = false;
		}
	});
});
