// Pure view logic of the stats panel and the "My engagement" view (no DOM, no Chart.js), so it is
// unit-tested in Node: window changes, theme colours and the bar widths of the engagement view.
import type { ChartColourDto, StatsPresetDto, StatsSnapshotDto, StatsViewDto } from '../../src/shared/statsProtocol';

/** UI-only state the panel keeps across reloads (never host data). */
export interface StatsWebviewState {
	/** Charts shown as their table alternative. */
	readonly tables: readonly string[];
	/** Whether the metric definitions are shown inline under each card. */
	readonly definitions: boolean;
}

/** The state before the user changes anything. */
export const INITIAL_STATE: StatsWebviewState = { tables: [], definitions: false };

/** Shows or hides a chart's table alternative. */
export function toggleTable(state: StatsWebviewState, chartId: string): StatsWebviewState {
	const on = state.tables.includes(chartId);
	return { ...state, tables: on ? state.tables.filter(id => id !== chartId) : [...state.tables, chartId] };
}

/** A state read back from `getState`, cleaned (it may come from an older version). */
export function restoreState(value: unknown): StatsWebviewState {
	if (typeof value !== 'object' || value === null) return INITIAL_STATE;
	const v = value as Record<string, unknown>;
	const tables = Array.isArray(v.tables) ? v.tables.filter((t): t is string => typeof t === 'string').slice(0, 20) : [];
	return { tables, definitions: v.definitions === true };
}

/** `YYYY-MM-DD` of a UTC instant. */
export function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The view after picking a preset. Switching to `custom` pre-fills the last 30 days (ending today,
 * UTC) unless dates were already chosen, so the request is valid at once.
 */
export function withPreset(view: StatsViewDto, preset: StatsPresetDto, nowMs: number): StatsViewDto {
	if (preset !== 'custom') return { ...view, preset };
	if (view.from && view.to) return { ...view, preset };
	return { ...view, preset, from: isoDay(nowMs - 29 * 86_400_000), to: isoDay(nowMs) };
}

/** The view after editing a custom date; undefined while the range is incomplete or reversed. */
export function withCustomDates(view: StatsViewDto, from: string, to: string): StatsViewDto | undefined {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return undefined;
	return { ...view, preset: 'custom', from, to };
}

/** Fallbacks for themes that do not define a chart colour. */
const FALLBACK: Record<ChartColourDto, string> = {
	blue: '#3794ff', red: '#f14c4c', green: '#89d185', yellow: '#cca700', orange: '#d18616', purple: '#b180d7', foreground: '#cccccc',
};

/** Chart colours of the current theme, read through `read` (`getComputedStyle(...).getPropertyValue`). */
export function chartPalette(read: (cssVariable: string) => string): Record<ChartColourDto, string> & { lines: string; font: string } {
	const get = (name: string, fallback: string) => read(name).trim() || fallback;
	const palette = Object.fromEntries(
		(Object.keys(FALLBACK) as ChartColourDto[]).map(c => [c, get(`--vscode-charts-${c}`, FALLBACK[c])]),
	) as Record<ChartColourDto, string>;
	return { ...palette, lines: get('--vscode-charts-lines', 'rgba(128,128,128,0.5)'), font: get('--vscode-font-family', 'sans-serif') };
}

/** Bar width in percent for a 0..1 ratio (null or junk: 0), so both bars of a row compare. */
export function barPercent(ratio: number | null): number {
	if (ratio === null || !Number.isFinite(ratio)) return 0;
	return Math.round(Math.min(1, Math.max(0, ratio)) * 100);
}

/** The chart ids of a snapshot that should show as tables. */
export function tablesShown(snapshot: StatsSnapshotDto, state: StatsWebviewState): Set<string> {
	return new Set(snapshot.charts.map(c => c.id).filter(id => state.tables.includes(id)));
}
