import { isWebviewEnvelope, type CommandHandlers, type WebviewMessage } from './protocol';

// The triage panel's wire contract. The host sorts and filters (with src/core/triage.ts) and sends
// complete snapshots; the webview sends the view it wants and acts on row ids, which the host checks
// against the snapshot it last sent.

/** Orders the panel offers. */
export type TriageSortDto = 'sla' | 'age' | 'activity';

/** The filters and order the webview asks for. */
export interface TriageViewDto {
	readonly sort: TriageSortDto;
	readonly repo: string;
	readonly kind: '' | 'issue' | 'discussion';
	readonly label: string;
	readonly categoryId: string;
	readonly firstTimersOnly: boolean;
	/** Minimum hours waited (0: any). */
	readonly minAgeHours: number;
	readonly text: string;
}

/** One row of the queue, ready to show (texts localised by the host). */
export interface TriageRowDto {
	readonly id: string;
	readonly repo: string;
	readonly kind: 'issue' | 'discussion';
	readonly number: number;
	readonly title: string;
	readonly author: string;
	readonly firstTimer: boolean;
	/** Category name (discussions) or labels (issues), joined. */
	readonly tags: string;
	readonly reason: string;
	/** ISO time the item has waited since. */
	readonly waitingSince: string;
	/** "3 days ago". */
	readonly age: string;
	readonly sla: 'ok' | 'warn' | 'breach';
	readonly slaText: string;
	readonly commentCount: number;
	/**
	 * The moderation actions the viewer may take here, by repository permission: none with read access
	 * (but closing their own item), every one with triage access or more, and every one while the
	 * permission is not known yet (GitHub decides). Assigning applies to issues only, whatever this says.
	 */
	readonly allowed: readonly TriageModerationAction[];
}

/** A choice of a filter menu. */
export interface TriageOptionDto {
	readonly value: string;
	readonly label: string;
}

/** Every string of the panel, translated by the host. */
export interface TriageStrings {
	readonly [key: string]: string;
}

/** The whole panel state the host sends. */
export interface TriageSnapshotDto {
	readonly status: 'loading' | 'ready';
	readonly strings: TriageStrings;
	readonly view: TriageViewDto;
	readonly rows: readonly TriageRowDto[];
	/** "12 waiting, 3 breached". */
	readonly summary: string;
	/** Repositories still loading, as a sentence ('' when none). */
	readonly pending: string;
	readonly repos: readonly TriageOptionDto[];
	readonly labels: readonly TriageOptionDto[];
	readonly categories: readonly TriageOptionDto[];
}

/** The moderation actions the panel offers (the moderation commands do the work and ask for details). */
export type TriageModerationAction = 'labels' | 'assign' | 'close';

/** How to snooze, when the webview already knows (otherwise the host asks). `date` is `YYYY-MM-DD`. */
export type TriageSnoozeDto =
	| { readonly kind: 'hours'; readonly hours: number }
	| { readonly kind: 'date'; readonly date: string }
	| { readonly kind: 'authorReplies' };

/** What the webview keeps with `setState`; VS Code hands it back to the serializer after a reload. */
export interface TriageWebviewState {
	/** The row under the cursor. */
	readonly selectedId?: string;
	/** Rows selected for a bulk action. */
	readonly checked?: readonly string[];
	/** The filters and order last shown. */
	readonly view?: TriageViewDto;
}

/** Rows acted on: the selection, or the focused row. */
export interface TriageIdsDto {
	readonly ids: readonly string[];
}

/** The triage panel's messages. */
export interface TriageProtocol {
	readonly requests: Record<never, never>;
	readonly commands: {
		readonly 'webview/ready': undefined;
		/** Syncs the repositories, then recomputes the queue. */
		readonly 'triage/refresh': undefined;
		readonly 'triage/setView': TriageViewDto;
		readonly 'triage/open': { readonly id: string };
		/** Done until new activity. */
		readonly 'triage/done': TriageIdsDto;
		readonly 'triage/snooze': TriageIdsDto & { readonly snooze?: TriageSnoozeDto };
		readonly 'triage/moderate': TriageIdsDto & { readonly action: TriageModerationAction };
		/** "Reply with Template…": one row opens its thread with the template in the reply box; several get one reply each after a preview. */
		readonly 'triage/template': TriageIdsDto;
	};
	readonly notifications: {
		readonly 'triage/didChange': TriageSnapshotDto;
	};
}

/** The host's command handlers (a missing one is a compile error). */
export type TriageCommandHandlers = CommandHandlers<TriageProtocol>;

/** A validated inbound message. */
export type TriageInbound = {
	[M in keyof TriageProtocol['commands']]: { readonly kind: 'command'; readonly method: M; readonly params: TriageProtocol['commands'][M] }
}[keyof TriageProtocol['commands']];

/** The view before the user changes anything. */
export const DEFAULT_TRIAGE_VIEW: TriageViewDto = { sort: 'sla', repo: '', kind: '', label: '', categoryId: '', firstTimersOnly: false, minAgeHours: 0, text: '' };

const SORTS: readonly string[] = ['sla', 'age', 'activity'];
const ACTIONS: readonly string[] = ['labels', 'assign', 'close'];
const MAX_TEXT = 200;
const MAX_ID = 200;
/** The most rows one bulk action may name (a whole L-size queue fits). */
export const MAX_TRIAGE_IDS = 20_000;

function shortString(v: unknown, max = MAX_TEXT): v is string {
	return typeof v === 'string' && v.length <= max;
}

/** Validates a view sent by the webview. */
export function parseTriageView(value: unknown): TriageViewDto | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	const ok = typeof v.sort === 'string' && SORTS.includes(v.sort) && shortString(v.repo) && (v.kind === '' || v.kind === 'issue' || v.kind === 'discussion')
		&& shortString(v.label) && shortString(v.categoryId) && typeof v.firstTimersOnly === 'boolean'
		&& typeof v.minAgeHours === 'number' && Number.isFinite(v.minAgeHours) && v.minAgeHours >= 0 && v.minAgeHours <= 24 * 365 && shortString(v.text);
	return ok ? {
		sort: v.sort as TriageSortDto, repo: v.repo as string, kind: v.kind as TriageViewDto['kind'], label: v.label as string, categoryId: v.categoryId as string,
		firstTimersOnly: v.firstTimersOnly as boolean, minAgeHours: v.minAgeHours as number, text: v.text as string,
	} : undefined;
}

/** The view kept in a restored panel's webview state; undefined when absent or malformed (the default view then). */
export function parseTriagePanelState(state: unknown): TriageViewDto | undefined {
	return typeof state === 'object' && state !== null ? parseTriageView((state as { view?: unknown }).view) : undefined;
}

/** The rows among `ids` on which the viewer may take `action` (by `allowed`), and how many were left out. */
export function allowedRows<R extends Pick<TriageRowDto, 'id' | 'allowed'>>(rows: readonly R[], ids: readonly string[], action: TriageModerationAction): { ids: string[]; leftOut: number } {
	const byId = new Map(rows.map(r => [r.id, r]));
	const allowed = ids.filter(id => byId.get(id)?.allowed.includes(action) !== false);
	return { ids: allowed, leftOut: ids.length - allowed.length };
}

function isId(v: unknown): v is string {
	return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;
}

/** Validates a list of row ids: 1 to {@link MAX_TRIAGE_IDS} ids, each a short non-empty string; duplicates dropped. */
export function parseTriageIds(value: unknown): string[] | undefined {
	const ids = (value as { ids?: unknown } | null | undefined)?.ids;
	if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_TRIAGE_IDS || !ids.every(isId)) return undefined;
	return [...new Set(ids)];
}

/** Validates a snooze choice; undefined when absent or malformed (`ok` false when malformed). */
export function parseTriageSnooze(value: unknown): { ok: boolean; snooze?: TriageSnoozeDto } {
	if (value === undefined) return { ok: true };
	if (typeof value !== 'object' || value === null) return { ok: false };
	const v = value as Record<string, unknown>;
	if (v.kind === 'authorReplies') return { ok: true, snooze: { kind: 'authorReplies' } };
	if (v.kind === 'hours' && typeof v.hours === 'number' && Number.isFinite(v.hours) && v.hours > 0 && v.hours <= 24 * 366) return { ok: true, snooze: { kind: 'hours', hours: v.hours } };
	if (v.kind === 'date' && typeof v.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.date)) return { ok: true, snooze: { kind: 'date', date: v.date } };
	return { ok: false };
}

/** Validates an inbound message (envelope, method and params); undefined means drop it. */
export function parseTriageMessage(value: unknown): TriageInbound | undefined {
	if (!isWebviewEnvelope(value) || value.kind !== 'command') return undefined;
	switch (value.method) {
		case 'webview/ready':
		case 'triage/refresh':
			return { kind: 'command', method: value.method, params: undefined };
		case 'triage/setView': {
			const view = parseTriageView(value.params);
			return view && { kind: 'command', method: 'triage/setView', params: view };
		}
		case 'triage/open': {
			const id = (value.params as { id?: unknown } | null | undefined)?.id;
			return isId(id) ? { kind: 'command', method: value.method, params: { id } } : undefined;
		}
		case 'triage/done':
		case 'triage/template': {
			const ids = parseTriageIds(value.params);
			return ids && { kind: 'command', method: value.method, params: { ids } };
		}
		case 'triage/snooze': {
			const ids = parseTriageIds(value.params);
			if (!ids) return undefined;
			const snooze = parseTriageSnooze((value.params as { snooze?: unknown }).snooze);
			if (!snooze.ok) return undefined;
			return { kind: 'command', method: value.method, params: snooze.snooze ? { ids, snooze: snooze.snooze } : { ids } };
		}
		case 'triage/moderate': {
			const ids = parseTriageIds(value.params);
			const action = ids && (value.params as { action?: unknown }).action;
			return ids && typeof action === 'string' && ACTIONS.includes(action) ? { kind: 'command', method: value.method, params: { ids, action: action as TriageModerationAction } } : undefined;
		}
		default:
			return undefined;
	}
}

/** The message type the webview posts. */
export type TriageWebviewMessage = WebviewMessage<TriageProtocol>;
