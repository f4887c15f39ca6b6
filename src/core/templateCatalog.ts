/**
 * The "Saved Replies" panel's pure decisions: which group a template belongs to, which templates a
 * search shows, how a body looks with sample values, and the names and text of new files. No
 * `vscode`; messages go through the injected `t`.
 */
import type { Translate } from './l10n';
import { INPUT_PREFIX, promptLabel, unknownVariables, variablesOf, type ReplyTemplate, type TemplateSource } from './templates';
import { cyrb53 } from './hash';

/** The folder of team templates inside a repository folder, as it appears in a template's `file`. */
const TEAM_DIR = '.github/saved-replies';

/** Templates of one source (team templates: of one workspace folder). */
export interface CatalogGroup {
	/** `team:<folder>`, `personal` or `github`. */
	readonly key: string;
	readonly source: TemplateSource;
	/** The workspace folder's name (team groups only). */
	readonly folder?: string;
	readonly templates: readonly ReplyTemplate[];
}

/** The workspace folder a team template's `file` (`<folder>/.github/saved-replies/<name>`) belongs to. */
export function teamFolderOf(file: string, folders: readonly string[]): string | undefined {
	const matches = folders.filter(f => file.startsWith(`${f}/${TEAM_DIR}/`));
	if (matches.length > 0) return matches.reduce((a, b) => (b.length > a.length ? b : a));
	const at = file.indexOf(`/${TEAM_DIR}/`);
	return at > 0 ? file.slice(0, at) : undefined;
}

const byTitle = (a: ReplyTemplate, b: ReplyTemplate) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }) || a.file.localeCompare(b.file);

/**
 * Groups templates by where they live: one team group per workspace folder (in the given order,
 * listed even when empty so the user sees where team templates go), then personal, then GitHub
 * (only when it has any). Each group is sorted by title; broken templates stay in their group.
 */
export function groupTemplates(templates: readonly ReplyTemplate[], teamFolders: readonly string[]): CatalogGroup[] {
	const team = new Map<string, ReplyTemplate[]>(teamFolders.map(f => [f, []]));
	const personal: ReplyTemplate[] = [];
	const github: ReplyTemplate[] = [];
	for (const tp of templates) {
		if (tp.source === 'personal') personal.push(tp);
		else if (tp.source === 'github') github.push(tp);
		else {
			const folder = teamFolderOf(tp.file, teamFolders) ?? '';
			team.set(folder, [...(team.get(folder) ?? []), tp]);
		}
	}
	const groups: CatalogGroup[] = [...team].map(([folder, list]) => ({ key: `team:${folder}`, source: 'team', folder, templates: list.sort(byTitle) }));
	groups.push({ key: 'personal', source: 'personal', templates: personal.sort(byTitle) });
	if (github.length > 0) groups.push({ key: 'github', source: 'github', templates: github.sort(byTitle) });
	return groups;
}


/**
 * Row ids for template ids (`source:file`): `t` and a base-36 hash, the same across reloads so a
 * selection survives a refresh; a (very unlikely) clash gets `-2`, `-3`… in the order given.
 */
export function rowIds(templateIds: readonly string[]): Map<string, string> {
	const out = new Map<string, string>();
	const taken = new Set<string>();
	for (const id of templateIds) {
		if (out.has(id)) continue;
		const base = `t${cyrb53(id).toString(36)}`;
		let row = base;
		for (let i = 2; taken.has(row); i++) row = `${base}-${i}`;
		taken.add(row);
		out.set(id, row);
	}
	return out;
}

/** Whether a template matches a search: every word of the query appears in its title, description, text or file name (any case). */
export function matchesQuery(template: ReplyTemplate, query: string): boolean {
	const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const text = [template.title, template.description ?? '', template.body, template.file].join('\n').toLocaleLowerCase();
	return words.every(w => text.includes(w));
}

/** The groups with only the templates a search shows; with a query, groups left empty are dropped. */
export function filterGroups(groups: readonly CatalogGroup[], query: string): CatalogGroup[] {
	if (query.trim() === '') return [...groups];
	return groups.map(g => ({ ...g, templates: g.templates.filter(tp => matchesQuery(tp, query)) })).filter(g => g.templates.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Preview with sample values

/** The sample values a preview fills in (a made-up thread; the real ones come from the thread replied to). */
export function sampleValues(t: Translate): ReadonlyMap<string, string> {
	return new Map([
		['author', 'octocat'], ['me', 'monalisa'], ['repo', 'octo-org/octo-repo'], ['number', '42'],
		['title', t('Example: the app crashes on start')], ['category', 'Q&A'], ['days_open', '3'], ['duplicate_of', '#12'],
	]);
}

/** How the preview treats one variable of a body. */
export interface PreviewVariable {
	/** Normalised name (`author`, `input:What is missing?`). */
	readonly name: string;
	readonly kind: 'sample' | 'input' | 'unknown';
	/** The sample value, the prompt shown when the template is used, or '' for an unknown variable. */
	readonly value: string;
}

/** A body as the preview shows it, and its variables. */
export interface TemplatePreview {
	/** Markdown: fixed variables filled with sample values, inputs as «label», unknown ones left as written. */
	readonly text: string;
	readonly variables: readonly PreviewVariable[];
	/** Names of unknown variables (the template cannot be used until they are fixed). */
	readonly unknown: readonly string[];
}

const VARIABLE = /\{\{([^{}]*)\}\}/g;

function normalizeName(raw: string): string {
	const name = raw.trim();
	return name.startsWith(INPUT_PREFIX) ? INPUT_PREFIX + name.slice(INPUT_PREFIX.length).trim() : name;
}

/**
 * Fills a body for the preview by plain lookup (never evaluated, like `renderTemplate`): known
 * variables get {@link sampleValues}, `{{input:…}}` becomes «its label», unknown names stay as written
 * and are listed. Text is cut at `maxLength` so a huge body cannot stall the page (W11).
 */
export function previewTemplate(body: string, t: Translate, maxLength = 64 * 1024): TemplatePreview {
	const samples = sampleValues(t);
	const unknown = unknownVariables(body);
	const unknownSet = new Set(unknown);
	const kindOf = (name: string): PreviewVariable['kind'] => (unknownSet.has(name) ? 'unknown' : name.startsWith(INPUT_PREFIX) ? 'input' : 'sample');
	const variables = variablesOf(body).map(name => {
		const kind = kindOf(name);
		return { name, kind, value: kind === 'sample' ? samples.get(name) ?? '' : kind === 'input' ? promptLabel(name) : '' };
	});
	const filled = body.replace(VARIABLE, (whole, raw: string) => {
		const name = normalizeName(raw);
		const kind = kindOf(name);
		if (kind === 'unknown') return whole;
		return kind === 'input' ? `«${promptLabel(name)}»` : samples.get(name) ?? whole;
	});
	const text = filled.length > maxLength ? `${filled.slice(0, maxLength)}\n\n…` : filled;
	return { text, variables, unknown };
}

// ---------------------------------------------------------------------------------------------
// New files

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/** A file-name stem from a title: letters and digits of any script, lower case, words joined by "-". */
export function slugify(title: string): string {
	const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
	if (slug === '') return 'saved-reply';
	return RESERVED.test(slug) ? `${slug}-reply` : slug;
}

/**
 * `<stem>.md`, or `<stem>-2.md`, `<stem>-3.md`… : the first name not among `existing` (compared
 * without case, as on case-insensitive file systems). Never a name that would replace a file.
 */
export function uniqueFileName(stem: string, existing: Iterable<string>): string {
	const taken = new Set([...existing].map(n => n.toLowerCase()));
	for (let i = 1; ; i++) {
		const name = i === 1 ? `${stem}.md` : `${stem}-${i}.md`;
		if (!taken.has(name.toLowerCase())) return name;
	}
}

/** A YAML double-quoted string the template parser reads back exactly. */
export function yamlString(text: string): string {
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

/** The text of a new template: a valid front matter with the settings commented out, and a first line. */
export function templateSkeleton(title: string, t: Translate): string {
	return [
		'---',
		`title: ${yamlString(title)}`,
		`description: ${yamlString('')}`,
		'appliesTo: both  # issue | discussion | both',
		'# categories: [Q&A]',
		'# labels: [bug]',
		'# actions:',
		'#   addLabels: [needs-info]',
		'---',
		'Hi @{{author}},',
		'',
		t('Write the reply here.'),
		'',
	].join('\n');
}

/** The line (0-based) of a skeleton's reply text, where the editor puts the cursor. */
export const SKELETON_BODY_LINE = 11;

/** The title of a copy. */
export function copyTitle(title: string, t: Translate): string {
	return t('{0} (copy)', title);
}

/**
 * The text of a duplicate. From a template file: the same text with the title changed (or added)
 * in its front matter, so comments and settings are kept; from a GitHub saved reply (no file): a
 * front matter with the title, then its text.
 */
export function duplicateText(raw: string | undefined, template: ReplyTemplate, t: Translate): string {
	const title = `title: ${yamlString(copyTitle(template.title, t))}`;
	if (raw === undefined) return `---\n${title}\n---\n${template.body}\n`;
	const lines = raw.replace(/^\uFEFF/, '').split(/\r?\n/);
	const end = lines[0]?.trim() === '---' ? lines.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
	if (end < 0) return `---\n${title}\n---\n${raw}`;
	const at = lines.findIndex((l, i) => i > 0 && i < end && /^title\s*:/.test(l));
	if (at > 0) lines[at] = title;
	else lines.splice(1, 0, title);
	return lines.join('\n');
}
