import { isWebviewEnvelope, type CommandHandlers, type WebviewMessage } from './protocol';

// The wire contract of the "Community stats" panel and the "My engagement" view. The host computes
// the metrics (src/core/stats.ts) and sends complete, already formatted snapshots; the webviews send
// the window they want and act on person ids, which the host checks against the snapshot it last sent.

/** The window presets the panel offers; `custom` uses {@link StatsViewDto.from}/{@link StatsViewDto.to}. */
export type StatsPresetDto = '7' | '30' | '90' | '365' | 'custom';

/** The window and scope the webview asks for. */
export interface StatsViewDto {
	readonly preset: StatsPresetDto;
	/** `YYYY-MM-DD` (UTC), first day of a custom window. */
	readonly from: string;
	/** `YYYY-MM-DD` (UTC), last day of a custom window (inclusive). */
	readonly to: string;
	/** `owner/name`, or '' for every configured repository. */
	readonly repo: string;
}

/** A choice of a menu. */
export interface StatsOptionDto {
	readonly value: string;
	readonly label: string;
}

/** A headline number with its definition (shown as a tooltip and to screen readers). */
export interface StatsCardDto {
	readonly id: string;
	readonly label: string;
	/** Formatted value ("5 h", "82 %", "no data"). */
	readonly value: string;
	/** A second line ("p90 1 d 4 h · 23 items"); '' when none. */
	readonly detail: string;
	/** What the number means, in one or two sentences. */
	readonly definition: string;
}

/** The theme colours a series may use (`--vscode-charts-<colour>`). */
export type ChartColourDto = 'blue' | 'red' | 'green' | 'yellow' | 'orange' | 'purple' | 'foreground';

/** One series of a chart; null is "no data" (a gap), never 0. */
export interface ChartSeriesDto {
	readonly name: string;
	readonly colour: ChartColourDto;
	readonly values: readonly (number | null)[];
}

/** A chart and its accessible table alternative. */
export interface StatsChartDto {
	readonly id: string;
	readonly kind: 'line' | 'bar';
	readonly title: string;
	/** One-sentence summary, the chart's `aria-label`. */
	readonly summary: string;
	/** Tooltip: what the chart counts. */
	readonly definition: string;
	/** The x axis labels. */
	readonly labels: readonly string[];
	/** The y axis title ("hours", "items"). */
	readonly unit: string;
	readonly series: readonly ChartSeriesDto[];
	/** The same data as text: header cells, then one row per label. */
	readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

/** A person in the leaderboard or a list (texts formatted by the host). */
export interface StatsPersonDto {
	/** Stable id the webview sends back (the host keeps the mapping). */
	readonly id: string;
	readonly login: string;
	readonly team: boolean;
	/** Short facts, one per column of the list it is in. */
	readonly cells: readonly string[];
}

/** A list of people (leaderboard, rising members, lapsed regulars, new contributors). */
export interface StatsPeopleDto {
	readonly id: 'leaderboard' | 'rising' | 'lapsed' | 'newcomers';
	readonly title: string;
	readonly definition: string;
	readonly columns: readonly string[];
	readonly people: readonly StatsPersonDto[];
	/** The action each row offers ('' for none). */
	readonly action: '' | 'thank' | 'checkIn';
	/** Shown when the list is empty. */
	readonly empty: string;
}

/** The card of one person, shown when a name is clicked. */
export interface StatsPersonCardDto {
	readonly id: string;
	readonly login: string;
	readonly profileUrl: string;
	/** "Team" / "Community" / "Community, new". */
	readonly role: string;
	/** Label/value facts (first activity, last activity, answers accepted, …). */
	readonly facts: readonly { readonly label: string; readonly value: string }[];
	/** Their recent threads in the window, newest first. */
	readonly threads: readonly { readonly title: string; readonly url: string; readonly detail: string }[];
}

/** Every string of a webview, translated by the host. */
export interface StatsStrings {
	readonly [key: string]: string;
}

/** The whole panel state the host sends. */
export interface StatsSnapshotDto {
	readonly status: 'loading' | 'ready';
	readonly strings: StatsStrings;
	readonly view: StatsViewDto;
	readonly repos: readonly StatsOptionDto[];
	/** "1 Nov 2026 – 30 Nov 2026 (UTC)". */
	readonly windowLabel: string;
	/** "Computed 14:03; team = configured list and owners, members, collaborators". */
	readonly note: string;
	/** Repositories still loading, as a sentence ('' when none). */
	readonly pending: string;
	/** An error to show instead of the numbers ('' when none), e.g. an invalid custom window. */
	readonly error: string;
	readonly cards: readonly StatsCardDto[];
	readonly charts: readonly StatsChartDto[];
	readonly lists: readonly StatsPeopleDto[];
	readonly card?: StatsPersonCardDto;
}

/** One row of "My engagement": the viewer beside the community median. */
export interface EngagementRowDto {
	readonly id: string;
	readonly label: string;
	readonly mine: string;
	readonly median: string;
	readonly definition: string;
	/** Mine relative to the median, for the bar: 0..1 each, or null without data. */
	readonly mineRatio: number | null;
	readonly medianRatio: number | null;
}

/** The "My engagement" view's state. */
export interface EngagementSnapshotDto {
	readonly status: 'loading' | 'ready' | 'signedOut';
	readonly strings: StatsStrings;
	readonly login: string;
	/** "Last 30 days, all repositories". */
	readonly windowLabel: string;
	readonly rows: readonly EngagementRowDto[];
	/** "Streak: 4 days" etc. */
	readonly streak: string;
	readonly note: string;
}

/** The panel's messages. */
export interface StatsProtocol {
	readonly requests: Record<never, never>;
	readonly commands: {
		readonly 'webview/ready': undefined;
		readonly 'stats/refresh': undefined;
		readonly 'stats/setView': StatsViewDto;
		readonly 'stats/showPerson': { readonly id: string };
		readonly 'stats/closePerson': undefined;
		readonly 'stats/thank': { readonly id: string };
		readonly 'stats/checkIn': { readonly id: string };
		readonly 'stats/openUrl': { readonly url: string };
		readonly 'stats/exportMarkdown': undefined;
		readonly 'stats/exportCsv': undefined;
		readonly 'stats/digest': undefined;
	};
	readonly notifications: {
		readonly 'stats/didChange': StatsSnapshotDto;
	};
}

/** The "My engagement" view's messages. */
export interface EngagementProtocol {
	readonly requests: Record<never, never>;
	readonly commands: {
		readonly 'webview/ready': undefined;
		readonly 'engagement/openStats': undefined;
	};
	readonly notifications: {
		readonly 'engagement/didChange': EngagementSnapshotDto;
	};
}

/** The panel host's command handlers (a missing one is a compile error). */
export type StatsCommandHandlers = CommandHandlers<StatsProtocol>;
/** The view host's command handlers. */
export type EngagementCommandHandlers = CommandHandlers<EngagementProtocol>;

/** A validated inbound panel message. */
export type StatsInbound = {
	[M in keyof StatsProtocol['commands']]: { readonly kind: 'command'; readonly method: M; readonly params: StatsProtocol['commands'][M] }
}[keyof StatsProtocol['commands']];

/** A validated inbound view message. */
export type EngagementInbound = {
	[M in keyof EngagementProtocol['commands']]: { readonly kind: 'command'; readonly method: M; readonly params: EngagementProtocol['commands'][M] }
}[keyof EngagementProtocol['commands']];

/** The message types the webviews post. */
export type StatsWebviewMessage = WebviewMessage<StatsProtocol>;
export type EngagementWebviewMessage = WebviewMessage<EngagementProtocol>;

/** The window before the user changes anything: the last 30 days, every repository. */
export const DEFAULT_STATS_VIEW: StatsViewDto = { preset: '30', from: '', to: '', repo: '' };

const PRESETS: readonly string[] = ['7', '30', '90', '365', 'custom'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const ID = /^[A-Za-z0-9_=:.\-[\]]{1,200}$/;
const MAX_URL = 2000;

/** True for a real calendar date `YYYY-MM-DD` (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
	if (!DATE.test(value)) return false;
	const t = Date.parse(`${value}T00:00:00Z`);
	return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** Validates a view sent by the webview (a custom window needs two dates, the first not after the second). */
export function parseStatsView(value: unknown): StatsViewDto | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	if (typeof v.preset !== 'string' || !PRESETS.includes(v.preset)) return undefined;
	if (typeof v.repo !== 'string' || (v.repo !== '' && !REPO.test(v.repo))) return undefined;
	const from = typeof v.from === 'string' ? v.from : '';
	const to = typeof v.to === 'string' ? v.to : '';
	if ((from !== '' && !isIsoDate(from)) || (to !== '' && !isIsoDate(to))) return undefined;
	if (v.preset === 'custom' && (from === '' || to === '' || from > to)) return undefined;
	return { preset: v.preset as StatsPresetDto, from, to, repo: v.repo };
}

function idParam(params: unknown): { id: string } | undefined {
	const id = (params as { id?: unknown } | null | undefined)?.id;
	return typeof id === 'string' && ID.test(id) ? { id } : undefined;
}

/** Only web links leave a webview (security checklist W7); the host re-checks before opening. */
export function isWebUrl(value: unknown): value is string {
	if (typeof value !== 'string' || value.length > MAX_URL) return false;
	try {
		const u = new URL(value);
		return u.protocol === 'https:' || u.protocol === 'http:';
	} catch {
		return false;
	}
}

/** Validates an inbound panel message (envelope, method and params); undefined means drop it. */
export function parseStatsMessage(value: unknown): StatsInbound | undefined {
	if (!isWebviewEnvelope(value) || value.kind !== 'command') return undefined;
	switch (value.method) {
		case 'webview/ready':
		case 'stats/refresh':
		case 'stats/closePerson':
		case 'stats/exportMarkdown':
		case 'stats/exportCsv':
		case 'stats/digest':
			return { kind: 'command', method: value.method, params: undefined };
		case 'stats/setView': {
			const view = parseStatsView(value.params);
			return view && { kind: 'command', method: 'stats/setView', params: view };
		}
		case 'stats/showPerson':
		case 'stats/thank':
		case 'stats/checkIn': {
			const params = idParam(value.params);
			return params && { kind: 'command', method: value.method, params };
		}
		case 'stats/openUrl': {
			const url = (value.params as { url?: unknown } | null | undefined)?.url;
			return isWebUrl(url) ? { kind: 'command', method: 'stats/openUrl', params: { url } } : undefined;
		}
		default:
			return undefined;
	}
}

/** Validates an inbound "My engagement" message; undefined means drop it. */
export function parseEngagementMessage(value: unknown): EngagementInbound | undefined {
	if (!isWebviewEnvelope(value) || value.kind !== 'command') return undefined;
	switch (value.method) {
		case 'webview/ready':
		case 'engagement/openStats':
			return { kind: 'command', method: value.method, params: undefined };
		default:
			return undefined;
	}
}

const DAY_MS = 86_400_000;

/**
 * The half-open window `[start, end)` of whole UTC days a view stands for: a preset of N days ends
 * with today (UTC), a custom window runs from its first day to the end of its last. Epoch ms.
 */
export function statsWindowOf(view: StatsViewDto, nowMs: number): { readonly start: number; readonly end: number } {
	if (view.preset === 'custom' && isIsoDate(view.from) && isIsoDate(view.to)) {
		return { start: Date.parse(`${view.from}T00:00:00Z`), end: Date.parse(`${view.to}T00:00:00Z`) + DAY_MS };
	}
	const days = view.preset === 'custom' ? 30 : Number(view.preset);
	const end = Math.floor(nowMs / DAY_MS) * DAY_MS + DAY_MS;
	return { start: end - days * DAY_MS, end };
}
