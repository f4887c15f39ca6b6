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

/** The triage panel's messages. */
export interface TriageProtocol {
	readonly requests: Record<never, never>;
	readonly commands: {
		readonly 'webview/ready': undefined;
		readonly 'triage/refresh': undefined;
		readonly 'triage/setView': TriageViewDto;
		readonly 'triage/open': { readonly id: string };
		readonly 'triage/done': { readonly id: string };
		readonly 'triage/snooze': { readonly id: string };
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
const MAX_TEXT = 200;
const MAX_ID = 200;

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
		case 'triage/open':
		case 'triage/done':
		case 'triage/snooze': {
			const id = (value.params as { id?: unknown } | null | undefined)?.id;
			return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID ? { kind: 'command', method: value.method, params: { id } } : undefined;
		}
		default:
			return undefined;
	}
}

/** The message type the webview posts. */
export type TriageWebviewMessage = WebviewMessage<TriageProtocol>;
