// Chart.js wiring of the stats panel: only the pieces used (tree-shaken), theme colours from the
// `--vscode-charts-*` variables, no animation under reduced motion, and a redraw on theme change.
// Chart.js sets `element.style` properties only, which the CSP (`style-src ${cspSource}`) allows.
import {
	BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration,
} from 'chart.js';
import type { StatsChartDto } from '../../src/shared/statsProtocol';
import { chartPalette } from './model';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const live = new Map<HTMLCanvasElement, { chart: Chart; dto: StatsChartDto }>();

function reducedMotion(): boolean {
	return document.body.classList.contains('vscode-reduce-motion') || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function configuration(dto: StatsChartDto): ChartConfiguration {
	const style = getComputedStyle(document.documentElement);
	const p = chartPalette(name => style.getPropertyValue(name));
	const foreground = style.getPropertyValue('--vscode-foreground').trim() || p.foreground;
	return {
		type: dto.kind,
		data: {
			labels: [...dto.labels],
			datasets: dto.series.map(s => ({
				label: s.name,
				data: [...s.values],
				borderColor: p[s.colour],
				backgroundColor: p[s.colour],
				pointRadius: dto.kind === 'line' && dto.labels.length > 60 ? 0 : 2,
				spanGaps: false,
			})),
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: reducedMotion() ? false : { duration: 200 },
			color: foreground,
			font: { family: p.font },
			interaction: { mode: 'index', intersect: false },
			plugins: { legend: { labels: { color: foreground } }, tooltip: { enabled: true } },
			scales: {
				x: { ticks: { color: foreground, autoSkip: dto.kind === 'line', maxRotation: 0 }, grid: { color: p.lines } },
				y: { beginAtZero: true, title: { display: true, text: dto.unit, color: foreground }, ticks: { color: foreground, precision: 0 }, grid: { color: p.lines } },
			},
		},
	};
}

/** Draws a chart on a canvas (replacing any chart it had). */
export function drawChart(canvas: HTMLCanvasElement, dto: StatsChartDto): void {
	live.get(canvas)?.chart.destroy();
	live.set(canvas, { chart: new Chart(canvas, configuration(dto)), dto });
}

/** Destroys every chart (before the panel re-renders). */
export function destroyCharts(): void {
	for (const { chart } of live.values()) chart.destroy();
	live.clear();
}

/** Redraws the charts with the new theme's colours when the theme (kind or id) changes. */
export function followTheme(): void {
	new MutationObserver(() => {
		for (const [canvas, { dto }] of [...live]) drawChart(canvas, dto);
	}).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
}
