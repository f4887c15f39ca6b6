// Markdown and HTML of GitHub bodies → inert DOM (security checklist W5, W6, W9, W11). Bodies are
// attacker-controlled; everything that reaches the page passes through DOMPurify with an allowlist
// narrower than GitHub's own (html-pipeline's), so even a GitHub sanitiser bypass stays inert.
import type { Config, DOMPurify, WindowLike } from 'dompurify';
import { Marked } from 'marked';

/** Tags kept: a subset of GitHub's allowlist (no forms, media, frames, SVG, MathML, style or script). */
export const ALLOWED_TAGS: readonly string[] = [
	'a', 'abbr', 'b', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
	'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
	'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot',
	'th', 'thead', 'time', 'tr', 'tt', 'ul', 'var', 'wbr',
];

/** Attributes kept: no `on*`, `style`, `class`, `id`, `name`, `srcdoc`, `formaction`, `xlink:href`, `data-*`. */
export const ALLOWED_ATTR: readonly string[] = [
	'href', 'src', 'alt', 'title', 'align', 'dir', 'lang', 'colspan', 'rowspan', 'scope', 'start', 'open', 'datetime', 'width', 'height',
];

/** Forbidden even if a future edit widened the allowlist. */
const FORBID_TAGS = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select',
	'option', 'meta', 'link', 'base', 'svg', 'math', 'video', 'audio', 'source', 'track', 'template', 'noscript', 'portal', 'applet'];
const FORBID_ATTR = ['style', 'srcdoc', 'formaction', 'action', 'xlink:href', 'background', 'poster', 'ping', 'class', 'id', 'name'];

/** `href` schemes allowed (plus relative links and fragments); images are https only. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
/** Links with a scheme (http:, https:, mailto:), and anything that has none (relative, #fragment). */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const CONFIG: Config = {
	ALLOWED_TAGS: [...ALLOWED_TAGS],
	ALLOWED_ATTR: [...ALLOWED_ATTR],
	FORBID_TAGS,
	FORBID_ATTR,
	ALLOWED_URI_REGEXP,
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false,
	ALLOW_UNKNOWN_PROTOCOLS: false,
	SANITIZE_DOM: true,
	SANITIZE_NAMED_PROPS: true,
	KEEP_CONTENT: true,
	WHOLE_DOCUMENT: false,
};

/** The scheme of a URL as a browser would see it, or '' when it is relative. */
export function schemeOf(value: string): string {
	try {
		return new URL(value, 'relative:/').protocol === 'relative:' ? '' : new URL(value, 'relative:/').protocol.toLowerCase();
	} catch {
		return 'invalid:';
	}
}

/**
 * Hosts GitHub serves user images from: the camo proxy and attachment stores. Images anywhere else
 * are dropped so that reading a thread never tells a third-party server the reader's address
 * (security checklist W9); GitHub's own `bodyHTML` already points images at camo.
 */
export function isGitHubImageHost(host: string): boolean {
	const h = host.toLowerCase();
	return h === 'github.com' || h === 'githubusercontent.com' || h.endsWith('.githubusercontent.com');
}

/** Options of {@link createSanitizer}. */
export interface SanitizerOptions {
	/** Decides which https hosts may serve images (default: {@link isGitHubImageHost}). */
	readonly imageHostAllowed?: (host: string) => boolean;
}

/** The host of an absolute https URL, or undefined. */
function httpsHost(value: string): string | undefined {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' ? url.hostname : undefined;
	} catch {
		return undefined;
	}
}

/** Turns rendered bodies into sanitised DOM fragments. */
export interface Sanitizer {
	/** Sanitises HTML (GitHub's `bodyHTML`, or what marked made of markdown). */
	html(html: string): DocumentFragment;
	/** Renders markdown with marked, then sanitises. */
	markdown(markdown: string): DocumentFragment;
}

/** Enforces the URL rules that a regular expression cannot: images https from allowed hosts only; links re-parsed. */
function enforceUrls(node: Element, imageHostAllowed: (host: string) => boolean): void {
	if (node.hasAttribute('href') && !(schemeOf(node.getAttribute('href')!) === '' || LINK_SCHEMES.has(schemeOf(node.getAttribute('href')!)))) {
		node.removeAttribute('href');
	}
	if (node.hasAttribute('src')) {
		const host = node.tagName === 'IMG' ? httpsHost(node.getAttribute('src')!) : undefined;
		if (host === undefined || !imageHostAllowed(host)) node.removeAttribute('src');
	}
	if (node.tagName === 'IMG') {
		node.setAttribute('referrerpolicy', 'no-referrer');
		node.setAttribute('loading', 'lazy');
	}
}

/**
 * Creates a sanitiser on a window (the webview's, or jsdom's in tests). `createDOMPurify` is
 * DOMPurify's factory; the instance and its hooks belong to this sanitiser alone.
 */
export function createSanitizer(createDOMPurify: (root: WindowLike) => DOMPurify, window: WindowLike, options: SanitizerOptions = {}): Sanitizer {
	const purify = createDOMPurify(window);
	const imageHostAllowed = options.imageHostAllowed ?? isGitHubImageHost;
	purify.addHook('afterSanitizeAttributes', node => {
		if ('hasAttribute' in node) enforceUrls(node as Element, imageHostAllowed);
	});
	const marked = new Marked({ gfm: true, breaks: false, async: false });
	const html = (text: string) => purify.sanitize(text, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
	return {
		html,
		markdown: text => html(marked.parse(text, { async: false })),
	};
}
