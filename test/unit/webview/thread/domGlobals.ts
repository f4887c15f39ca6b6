// Puts a jsdom window's globals where webview code expects them (`document`, `window`, `CSS`…) for
// one suite, and takes them away again afterwards. Not a suite itself.
import { JSDOM } from 'jsdom';

const NAMES = ['window', 'document', 'HTMLElement', 'Element', 'Node', 'CSS', 'KeyboardEvent', 'MouseEvent', 'Event', 'customElements', 'MessageEvent'] as const;

/** Installs a fresh jsdom as the globals; returns it and a function that restores the previous globals. */
export function installDom(html = '<!DOCTYPE html><html><body><div id="root"></div></body></html>'): { dom: JSDOM; restore: () => void } {
	const dom = new JSDOM(html, { pretendToBeVisual: true });
	const g = globalThis as Record<string, unknown>;
	const saved = new Map(NAMES.map(n => [n, Object.getOwnPropertyDescriptor(g, n)]));
	const w = dom.window as unknown as Record<string, unknown>;
	for (const n of NAMES) Object.defineProperty(g, n, { value: n === 'window' ? dom.window : w[n], configurable: true, writable: true });
	return {
		dom,
		restore: () => {
			for (const [n, d] of saved) {
				if (d) Object.defineProperty(g, n, d);
				else delete g[n];
			}
			dom.window.close();
		},
	};
}
