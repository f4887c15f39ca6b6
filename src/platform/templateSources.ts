import * as vscode from 'vscode';
import type { Translate } from '../core/l10n';
import { fromSavedReply, parseTemplate, type ReplyTemplate, type TemplateSource } from '../core/templates';
import type { GitHubClient } from '../github/client';
import type { presentError } from '../github/presentation';

/** Folder of team templates inside a workspace folder. */
export const TEAM_TEMPLATE_DIR = ['.github', 'saved-replies'] as const;
/** Folder of personal templates inside the extension's global storage. */
export const PERSONAL_TEMPLATE_DIR = 'saved-replies';
/** Template files larger than this are reported instead of read. */
const MAX_TEMPLATE_BYTES = 64 * 1024;

/** A source that could not be read, and why (shown to the user). */
export interface NotLoaded {
	readonly source: TemplateSource;
	readonly reason: string;
}

/** Every template found, and the sources that were not loaded. */
export interface TemplateLoad {
	readonly templates: readonly ReplyTemplate[];
	readonly notLoaded: readonly NotLoaded[];
}

/** What loading needs. */
export interface TemplateSourceDeps {
	readonly globalStorageUri: vscode.Uri;
	readonly client: Pick<GitHubClient, 'listSavedReplies'>;
	readonly t: Translate;
	/** The extension bundle's `presentError` (this module runs in the templates bundle, whose copy would not recognise the client's errors). */
	readonly presentError: typeof presentError;
}

/**
 * Loads team templates (workspace folders' `.github/saved-replies/*.md`, trusted workspaces only,
 * through `workspace.fs` so virtual workspaces work), personal ones (global storage) and the
 * viewer's GitHub saved replies (read-only). Never rejects: failures become {@link NotLoaded}.
 */
export async function loadTemplates(deps: TemplateSourceDeps): Promise<TemplateLoad> {
	const [team, personal, github] = await Promise.all([loadTeam(deps.t), loadPersonal(deps), loadGitHub(deps)]);
	return {
		templates: [...team.templates, ...personal.templates, ...github.templates],
		notLoaded: [...team.notLoaded, ...personal.notLoaded, ...github.notLoaded],
	};
}

async function loadTeam(t: Translate): Promise<TemplateLoad> {
	const folders = vscode.workspace.workspaceFolders ?? [];
	if (folders.length === 0) return { templates: [], notLoaded: [] };
	if (!vscode.workspace.isTrusted) {
		return { templates: [], notLoaded: [{ source: 'team', reason: t('Team templates are not loaded because this workspace is not trusted.') }] };
	}
	const loads = await Promise.all(folders.map(f => loadFolder(vscode.Uri.joinPath(f.uri, ...TEAM_TEMPLATE_DIR), `${f.name}/${TEAM_TEMPLATE_DIR.join('/')}`, 'team', t)));
	return { templates: loads.flatMap(l => l.templates), notLoaded: loads.flatMap(l => l.notLoaded) };
}

function loadPersonal(deps: TemplateSourceDeps): Promise<TemplateLoad> {
	return loadFolder(vscode.Uri.joinPath(deps.globalStorageUri, PERSONAL_TEMPLATE_DIR), PERSONAL_TEMPLATE_DIR, 'personal', deps.t);
}

async function loadGitHub(deps: TemplateSourceDeps): Promise<TemplateLoad> {
	try {
		const replies = await deps.client.listSavedReplies();
		return { templates: replies.map(r => fromSavedReply(r.id, r.title, r.body, deps.t)), notLoaded: [] };
	} catch (error) {
		const reason = deps.t('GitHub saved replies are not loaded: {0}', deps.presentError(error, deps.t, vscode.env.language).message);
		return { templates: [], notLoaded: [{ source: 'github', reason }] };
	}
}

/** Reads every `*.md` of a folder; a missing folder is no templates, not an error. */
async function loadFolder(dir: vscode.Uri, label: string, source: TemplateSource, t: Translate): Promise<TemplateLoad> {
	let entries: [string, vscode.FileType][];
	try {
		entries = await vscode.workspace.fs.readDirectory(dir);
	} catch (error) {
		if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { templates: [], notLoaded: [] };
		return { templates: [], notLoaded: [{ source, reason: t('Templates in {0} could not be read.', label) }] };
	}
	const files = entries.filter(([name, type]) => type === vscode.FileType.File && name.toLowerCase().endsWith('.md')).map(([name]) => name).sort();
	const templates = await Promise.all(files.map(name => readTemplate(vscode.Uri.joinPath(dir, name), `${label}/${name}`, source, t)));
	return { templates, notLoaded: [] };
}

async function readTemplate(uri: vscode.Uri, file: string, source: TemplateSource, t: Translate): Promise<ReplyTemplate> {
	try {
		const bytes = await vscode.workspace.fs.readFile(uri);
		if (bytes.byteLength > MAX_TEMPLATE_BYTES) return brokenTemplate(file, source, t('The file is larger than 64 KB.'));
		return parseTemplate(new TextDecoder('utf-8').decode(bytes), file, source, t);
	} catch {
		return brokenTemplate(file, source, t('The file could not be read.'));
	}
}

function brokenTemplate(file: string, source: TemplateSource, message: string): ReplyTemplate {
	return {
		id: `${source}:${file}`, source, file, title: file, appliesTo: 'both', categories: [], labels: [], actions: {}, body: '',
		errors: [{ file, line: 1, message }],
	};
}
