import { isWebviewEnvelope, type CommandHandlers, type HostMessage, type WebviewMessage } from './protocol';

// The "Saved Replies" panel's wire contract. The host loads, groups, filters and previews the
// templates (src/core/templateCatalog.ts) and sends complete snapshots; the webview sends the search
// text and acts on row ids, which the host checks against the snapshot it last sent. File paths,
// URIs and texts to write never come from the webview.

/** Where a template lives. */
export type TemplateSourceDto = 'team' | 'personal' | 'github';

/** A problem of a template file, ready to show. */
export interface TemplateErrorDto {
	/** `file:line`. */
	readonly where: string;
	readonly message: string;
	/** Whether the host can open the file at that line (GitHub saved replies have no file). */
	readonly openable: boolean;
}

/** One template of the list (texts localised by the host). */
export interface TemplateRowDto {
	/** Opaque id the webview sends back. */
	readonly id: string;
	readonly title: string;
	readonly description: string;
	/** Where the file is (`rocket/.github/saved-replies/x.md`), or the GitHub saved reply's title. */
	readonly file: string;
	/** GitHub saved replies: no edit, no delete. */
	readonly readOnly: boolean;
	/** "Issues and discussions", "Issues", "Discussions". */
	readonly appliesTo: string;
	/** "Categories: Q&A · Labels: bug", or '' without filters. */
	readonly filters: string;
	/** One line per action taken after the reply is posted. */
	readonly actions: readonly string[];
	/** Non-empty: the template is broken and cannot be used. */
	readonly errors: readonly TemplateErrorDto[];
	/** The row as one sentence for screen readers. */
	readonly label: string;
}

/** The templates of one source (team: of one workspace folder). */
export interface TemplateGroupDto {
	readonly source: TemplateSourceDto;
	readonly title: string;
	/** Where its files are, or that it is read-only. */
	readonly detail: string;
	/** Shown when the group has no rows ('' when it has some). */
	readonly empty: string;
	readonly rows: readonly TemplateRowDto[];
}

/** A variable of the previewed body. */
export interface TemplateVariableDto {
	/** As written in a template: `{{author}}`. */
	readonly name: string;
	readonly kind: 'sample' | 'input' | 'unknown';
	/** "octocat", "asked when used: What is missing?", "unknown variable". */
	readonly text: string;
}

/** The selected template, rendered with sample values. */
export interface TemplatePreviewDto {
	readonly id: string;
	readonly title: string;
	readonly file: string;
	readonly readOnly: boolean;
	/** Markdown to render (sanitised in the webview). */
	readonly markdown: string;
	readonly actions: readonly string[];
	readonly variables: readonly TemplateVariableDto[];
	readonly errors: readonly TemplateErrorDto[];
}

/** Every string of the panel, translated by the host. */
export interface TemplatesStrings {
	readonly [key: string]: string;
}

/** The whole panel state the host sends. */
export interface TemplatesSnapshotDto {
	readonly status: 'loading' | 'ready';
	readonly strings: TemplatesStrings;
	readonly query: string;
	/** "6 saved replies, 1 broken"; with a search, how many match. */
	readonly summary: string;
	/** Sources not loaded and why (an untrusted workspace, GitHub not reachable…). */
	readonly notices: readonly string[];
	readonly groups: readonly TemplateGroupDto[];
	/** The previewed row ('' when none). */
	readonly selectedId: string;
	readonly preview: TemplatePreviewDto | null;
}

/** What the webview keeps across reloads (UI only) and sends with `webview/ready`. */
export interface TemplatesPanelState {
	readonly query: string;
	readonly selectedId: string;
}

/** A row acted on. */
export interface TemplateIdParams {
	readonly id: string;
}

/** The Saved Replies panel's messages. */
export interface TemplatesProtocol {
	readonly requests: Record<never, never>;
	readonly commands: {
		/** The page is ready; it asks for the search and selection it had before a reload. */
		readonly 'webview/ready': TemplatesPanelState;
		/** Reads every source again. */
		readonly 'templates/refresh': undefined;
		readonly 'templates/search': { readonly query: string };
		/** Shows a row in the preview. */
		readonly 'templates/preview': TemplateIdParams;
		/** Asks where and for a title, writes a new file, opens it. */
		readonly 'templates/create': undefined;
		/** Opens the row's file in a text editor. */
		readonly 'templates/edit': TemplateIdParams;
		/** Asks where, writes a copy titled "… (copy)", opens it. */
		readonly 'templates/duplicate': TemplateIdParams;
		/** Asks (modal, on the host), then moves the file to the trash. */
		readonly 'templates/delete': TemplateIdParams;
		/** Opens the file of a row's error at its line. */
		readonly 'templates/openError': TemplateIdParams & { readonly index: number };
	};
	readonly notifications: {
		readonly 'templates/didChange': TemplatesSnapshotDto;
	};
}

/** The host's command handlers (a missing one is a compile error). */
export type TemplatesCommandHandlers = CommandHandlers<TemplatesProtocol>;

/** A validated inbound message. */
export type TemplatesInbound = {
	[M in keyof TemplatesProtocol['commands']]: { readonly kind: 'command'; readonly method: M; readonly params: TemplatesProtocol['commands'][M] }
}[keyof TemplatesProtocol['commands']];

/** The message type the webview posts. */
export type TemplatesWebviewMessage = WebviewMessage<TemplatesProtocol>;

/** The message type the host posts. */
export type TemplatesHostMessage = HostMessage<TemplatesProtocol>;

/** Longest search text. */
export const MAX_TEMPLATE_QUERY = 200;
/** What a row id looks like (security checklist M1). */
export const TEMPLATE_ROW_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** More errors than this on one template are not listed. */
export const MAX_TEMPLATE_ERRORS = 100;

function isRowId(value: unknown): value is string {
	return typeof value === 'string' && TEMPLATE_ROW_ID.test(value);
}

function record(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** Validates the UI state a page keeps (it comes from disk on a reload: untrusted); bad fields become ''. */
export function parseTemplatesPanelState(value: unknown): TemplatesPanelState {
	const v = record(value);
	const query = typeof v?.query === 'string' && v.query.length <= MAX_TEMPLATE_QUERY ? v.query : '';
	return { query, selectedId: isRowId(v?.selectedId) ? v.selectedId : '' };
}

function idParams(value: unknown): TemplateIdParams | undefined {
	const id = record(value)?.id;
	return isRowId(id) ? { id } : undefined;
}

/** Validates an inbound message (envelope, method and params); undefined means drop it. */
export function parseTemplatesMessage(value: unknown): TemplatesInbound | undefined {
	if (!isWebviewEnvelope(value) || value.kind !== 'command') return undefined;
	switch (value.method) {
		case 'webview/ready':
			return { kind: 'command', method: value.method, params: parseTemplatesPanelState(value.params) };
		case 'templates/refresh':
		case 'templates/create':
			return { kind: 'command', method: value.method, params: undefined };
		case 'templates/search': {
			const query = record(value.params)?.query;
			return typeof query === 'string' && query.length <= MAX_TEMPLATE_QUERY ? { kind: 'command', method: value.method, params: { query } } : undefined;
		}
		case 'templates/preview':
		case 'templates/edit':
		case 'templates/duplicate':
		case 'templates/delete': {
			const params = idParams(value.params);
			return params && { kind: 'command', method: value.method, params };
		}
		case 'templates/openError': {
			const params = idParams(value.params);
			const index = record(value.params)?.index;
			return params && typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 && index < MAX_TEMPLATE_ERRORS
				? { kind: 'command', method: value.method, params: { id: params.id, index } } : undefined;
		}
		default:
			return undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// Host → webview: the page checks what it renders too (a snapshot is built by the host, but a
// malformed one must not break the page halfway through a render).

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const stringList = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every(isString);
const listOf = <T>(v: unknown, item: (x: unknown) => x is T): v is readonly T[] => Array.isArray(v) && v.every(item);
const SOURCES: readonly unknown[] = ['team', 'personal', 'github'];
const VARIABLE_KINDS: readonly unknown[] = ['sample', 'input', 'unknown'];

function isErrorDto(value: unknown): value is TemplateErrorDto {
	const v = record(value);
	return !!v && isString(v.where) && isString(v.message) && isBoolean(v.openable);
}

function isRowDto(value: unknown): value is TemplateRowDto {
	const v = record(value);
	return !!v && isRowId(v.id) && isString(v.title) && isString(v.description) && isString(v.file) && isBoolean(v.readOnly)
		&& isString(v.appliesTo) && isString(v.filters) && stringList(v.actions) && listOf(v.errors, isErrorDto) && isString(v.label);
}

function isGroupDto(value: unknown): value is TemplateGroupDto {
	const v = record(value);
	return !!v && SOURCES.includes(v.source) && isString(v.title) && isString(v.detail) && isString(v.empty) && listOf(v.rows, isRowDto);
}

function isVariableDto(value: unknown): value is TemplateVariableDto {
	const v = record(value);
	return !!v && isString(v.name) && VARIABLE_KINDS.includes(v.kind) && isString(v.text);
}

function isPreviewDto(value: unknown): value is TemplatePreviewDto {
	const v = record(value);
	return !!v && isRowId(v.id) && isString(v.title) && isString(v.file) && isBoolean(v.readOnly) && isString(v.markdown)
		&& stringList(v.actions) && listOf(v.variables, isVariableDto) && listOf(v.errors, isErrorDto);
}

/** Validates a snapshot (the webview drops anything else). */
export function parseTemplatesSnapshot(value: unknown): TemplatesSnapshotDto | undefined {
	const v = record(value);
	const strings = record(v?.strings);
	if (!v || !strings || !Object.values(strings).every(isString)) return undefined;
	const ok = (v.status === 'loading' || v.status === 'ready') && isString(v.query) && isString(v.summary) && stringList(v.notices)
		&& listOf(v.groups, isGroupDto) && (v.selectedId === '' || isRowId(v.selectedId)) && (v.preview === null || isPreviewDto(v.preview));
	return ok ? value as TemplatesSnapshotDto : undefined;
}

/** Validates a message from the host: a `templates/didChange` notification with a valid snapshot. */
export function parseTemplatesHostMessage(value: unknown): { readonly method: 'templates/didChange'; readonly params: TemplatesSnapshotDto } | undefined {
	const v = record(value);
	if (v?.kind !== 'notification' || v.method !== 'templates/didChange') return undefined;
	const params = parseTemplatesSnapshot(v.params);
	return params && { method: 'templates/didChange', params };
}
