import { strict as assert } from 'node:assert';
import {
	DEFAULT_STATS_VIEW, isIsoDate, isWebUrl, parseEngagementMessage, parseStatsMessage, parseStatsView, statsWindowOf,
} from '../../../src/shared/statsProtocol';

const DAY = 86_400_000;

describe('stats protocol', () => {
	it('accepts the commands with valid params and strips extra fields', () => {
		assert.deepEqual(parseStatsMessage({ kind: 'command', method: 'webview/ready' }), { kind: 'command', method: 'webview/ready', params: undefined });
		assert.deepEqual(parseStatsMessage({ kind: 'command', method: 'stats/exportCsv', params: { evil: 1 } }), { kind: 'command', method: 'stats/exportCsv', params: undefined });
		assert.deepEqual(parseStatsMessage({ kind: 'command', method: 'stats/showPerson', params: { id: 'p:octocat' } }),
			{ kind: 'command', method: 'stats/showPerson', params: { id: 'p:octocat' } });
		assert.deepEqual(parseStatsMessage({ kind: 'command', method: 'stats/setView', params: { ...DEFAULT_STATS_VIEW, repo: 'acme/rocket', extra: true } }),
			{ kind: 'command', method: 'stats/setView', params: { ...DEFAULT_STATS_VIEW, repo: 'acme/rocket' } });
		assert.deepEqual(parseStatsMessage({ kind: 'command', method: 'stats/openUrl', params: { url: 'https://github.com/acme/rocket/issues/1' } }),
			{ kind: 'command', method: 'stats/openUrl', params: { url: 'https://github.com/acme/rocket/issues/1' } });
	});

	it('drops unknown methods, requests and bad params', () => {
		assert.equal(parseStatsMessage({ kind: 'command', method: 'stats/delete' }), undefined);
		assert.equal(parseStatsMessage({ kind: 'request', id: 1, method: 'stats/refresh' }), undefined);
		assert.equal(parseStatsMessage({ kind: 'command', method: 'stats/thank', params: { id: 7 } }), undefined);
		assert.equal(parseStatsMessage({ kind: 'command', method: 'stats/checkIn', params: { id: '<img src=x>' } }), undefined);
		assert.equal(parseStatsMessage({ kind: 'command', method: 'stats/showPerson', params: { id: 'x'.repeat(201) } }), undefined);
		assert.equal(parseStatsMessage({ kind: 'command', method: 'stats/showPerson', params: null }), undefined);
		for (const url of ['command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://vscode.git/clone?url=x', 'javascript:alert(1)', 'not a url', 42]) {
			assert.equal(parseStatsMessage({ kind: 'command', method: 'stats/openUrl', params: { url } }), undefined, String(url));
		}
		assert.equal(parseStatsMessage({ kind: 'command', method: 'stats/setView', params: { preset: '14', from: '', to: '', repo: '' } }), undefined);
		assert.equal(parseStatsMessage('stats/refresh'), undefined);
		assert.equal(parseEngagementMessage({ kind: 'command', method: 'stats/refresh' }), undefined);
		assert.deepEqual(parseEngagementMessage({ kind: 'command', method: 'engagement/openStats' }), { kind: 'command', method: 'engagement/openStats', params: undefined });
	});

	it('validates views: presets, repositories and custom windows', () => {
		assert.deepEqual(parseStatsView(DEFAULT_STATS_VIEW), DEFAULT_STATS_VIEW);
		assert.deepEqual(parseStatsView({ preset: 'custom', from: '2026-11-01', to: '2026-11-30', repo: '' }), { preset: 'custom', from: '2026-11-01', to: '2026-11-30', repo: '' });
		assert.equal(parseStatsView({ preset: 'custom', from: '2026-11-30', to: '2026-11-01', repo: '' }), undefined, 'reversed');
		assert.equal(parseStatsView({ preset: 'custom', from: '', to: '2026-11-01', repo: '' }), undefined, 'incomplete');
		assert.equal(parseStatsView({ preset: '30', from: '2026-02-30', to: '', repo: '' }), undefined, 'no such day');
		assert.equal(parseStatsView({ preset: '30', from: '', to: '', repo: 'acme' }), undefined, 'not owner/name');
		assert.equal(parseStatsView({ preset: '30', from: '', to: '', repo: 'acme/rocket;rm' }), undefined);
		assert.equal(parseStatsView({ preset: 30, from: '', to: '', repo: '' }), undefined);
		assert.equal(parseStatsView(undefined), undefined);
		assert.equal(isIsoDate('2024-02-29'), true);
		assert.equal(isIsoDate('2025-02-29'), false);
	});

	it('never throws on junk and only lets known commands through (M1)', () => {
		let seed = 7;
		const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const junk = (depth: number): unknown => {
			const pick = Math.floor(rand() * 9);
			if (depth > 2 || pick < 3) return [undefined, null, 0, -1, Number.NaN, '', 'p:x', 'https://x.y', '__proto__', true][Math.floor(rand() * 10)];
			if (pick < 5) return Array.from({ length: Math.floor(rand() * 3) }, () => junk(depth + 1));
			const methods = ['webview/ready', 'stats/setView', 'stats/showPerson', 'stats/openUrl', 'stats/thank', 'stats/nope', 'constructor', 'engagement/openStats'];
			return { kind: rand() < 0.7 ? 'command' : 'request', id: rand() < 0.5 ? 1 : 'x', method: methods[Math.floor(rand() * methods.length)], params: junk(depth + 1) };
		};
		const known = new Set(['webview/ready', 'stats/refresh', 'stats/setView', 'stats/showPerson', 'stats/closePerson', 'stats/thank', 'stats/checkIn', 'stats/openUrl', 'stats/exportMarkdown', 'stats/exportCsv', 'stats/digest']);
		let accepted = 0;
		for (let i = 0; i < 5000; i++) {
			const m = parseStatsMessage(junk(0));
			if (m) {
				accepted++;
				assert.ok(known.has(m.method), m.method);
				if (m.method === 'stats/openUrl') assert.ok(isWebUrl(m.params.url));
				if (m.method === 'stats/showPerson') assert.match(m.params.id, /^[A-Za-z0-9_=:.\-[\]]{1,200}$/);
			}
			parseEngagementMessage(junk(0));
		}
		assert.ok(accepted > 0, 'some valid messages were generated');
	});

	it('allows only http(s) links of bounded length', () => {
		assert.equal(isWebUrl('https://github.com/octocat'), true);
		assert.equal(isWebUrl('http://127.0.0.1:3000/acme'), true);
		assert.equal(isWebUrl(`https://github.com/${'a'.repeat(2000)}`), false);
		assert.equal(isWebUrl('mailto:a@b.c'), false);
	});

	it('turns views into half-open windows of whole UTC days', () => {
		const now = Date.parse('2026-11-25T15:00:00Z');
		const w30 = statsWindowOf(DEFAULT_STATS_VIEW, now);
		assert.equal(new Date(w30.end).toISOString(), '2026-11-26T00:00:00.000Z', 'today is included');
		assert.equal((w30.end - w30.start) / DAY, 30);
		assert.equal((statsWindowOf({ ...DEFAULT_STATS_VIEW, preset: '7' }, now).end - statsWindowOf({ ...DEFAULT_STATS_VIEW, preset: '7' }, now).start) / DAY, 7);
		const custom = statsWindowOf({ preset: 'custom', from: '2026-11-01', to: '2026-11-01', repo: '' }, now);
		assert.deepEqual(custom, { start: Date.parse('2026-11-01T00:00:00Z'), end: Date.parse('2026-11-02T00:00:00Z') });
	});
});
