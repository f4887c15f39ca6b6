/**
 * Small DOM builders shared by the webviews. Text only ever goes in through `textContent`, so
 * GitHub strings can never become markup here (security checklist W4).
 */

/** Creates an element with a class and optional text (always as textContent). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
	const e = document.createElement(tag);
	if (className) e.className = className;
	if (text !== undefined) e.textContent = text;
	return e;
}

/** A decorative codicon, hidden from screen readers. */
export function icon(name: string): HTMLElement {
	const i = el('i', `codicon codicon-${name}`);
	i.setAttribute('aria-hidden', 'true');
	return i;
}

/** A `vscode-button` with a codicon; the label is text, never markup. */
export function button(label: string, codicon: string, onClick: () => void, secondary = false): HTMLElement {
	const b = document.createElement('vscode-button');
	b.setAttribute('icon', codicon);
	if (secondary) b.setAttribute('secondary', '');
	b.textContent = label;
	b.addEventListener('click', onClick);
	return b;
}
