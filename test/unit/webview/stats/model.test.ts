import { strict as assert } from 'node:assert';
import { DEFAULT_STATS_VIEW } from '../../../../src/shared/statsProtocol';
import { barPercent, chartPalette, INITIAL_STATE, restoreState, toggleTable, withCustomDates, withPreset } from '../../../../webview/stats/model';

describe('stats webview model', () => {
	it('toggles a chart between chart and table and keeps the others', () => {
		const a = toggleTable(INITIAL_STATE, 'waiting');
		assert.deepEqual(a.tables, ['waiting']);
		const b = toggleTable(a, 'answers');
		assert.deepEqual(b.tables, ['waiting', 'answers']);
		assert.deepEqual(toggleTable(b, 'waiting').tables, ['answers']);
	});

	it('restores only well-formed state', () => {
		assert.deepEqual(restoreState(undefined), INITIAL_STATE);
		assert.deepEqual(restoreState({ tables: ['waiting', 3, null], definitions: 'yes' }), { tables: ['waiting'], definitions: false });
		assert.deepEqual(restoreState({ tables: [], definitions: true }), { tables: [], definitions: true });
	});

	it('pre-fills the last 30 days when switching to a custom window', () => {
		const now = Date.parse('2026-11-25T10:00:00Z');
		assert.deepEqual(withPreset(DEFAULT_STATS_VIEW, 'custom', now), { ...DEFAULT_STATS_VIEW, preset: 'custom', from: '2026-10-27', to: '2026-11-25' });
		const chosen = { ...DEFAULT_STATS_VIEW, preset: 'custom' as const, from: '2026-01-01', to: '2026-01-31' };
		assert.deepEqual(withPreset({ ...chosen, preset: '7' }, 'custom', now), chosen, 'keeps dates already chosen');
		assert.deepEqual(withPreset(chosen, '90', now), { ...chosen, preset: '90' });
	});

	it('accepts only complete, ordered custom dates', () => {
		assert.equal(withCustomDates(DEFAULT_STATS_VIEW, '2026-11-02', '2026-11-01'), undefined);
		assert.equal(withCustomDates(DEFAULT_STATS_VIEW, '', '2026-11-01'), undefined);
		assert.deepEqual(withCustomDates(DEFAULT_STATS_VIEW, '2026-11-01', '2026-11-01'), { ...DEFAULT_STATS_VIEW, preset: 'custom', from: '2026-11-01', to: '2026-11-01' });
	});

	it('reads chart colours from the theme and falls back when a theme lacks one', () => {
		const theme: Record<string, string> = { '--vscode-charts-blue': ' #0000ff ', '--vscode-charts-lines': 'rgba(1,2,3,0.5)' };
		const p = chartPalette(name => theme[name] ?? '');
		assert.equal(p.blue, '#0000ff');
		assert.equal(p.lines, 'rgba(1,2,3,0.5)');
		assert.equal(p.red, '#f14c4c');
	});

	it('clamps bar widths', () => {
		assert.deepEqual([barPercent(null), barPercent(Number.NaN), barPercent(-1), barPercent(0.456), barPercent(3)], [0, 0, 0, 46, 100]);
	});
});
