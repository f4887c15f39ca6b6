import { englishT, type Translate } from './l10n';
import type { RepoRef, ThreadKind } from './model';
import { parseRepoRef } from './repoRef';

/** What "Open Thread…" was given: the number always; the rest when the input says so. */
export interface ThreadRefInput {
	readonly number: number;
	/** Absent for `#N` (the caller picks a repository). */
	readonly repo?: RepoRef;
	/** Absent unless the input was a URL (`…/issues/N` or `…/discussions/N`). */
	readonly kind?: ThreadKind;
	/** The URL's host (with port), lower case; absent unless the input was a URL. */
	readonly host?: string;
}

/** The result of parsing "Open Thread…" input. */
export type ThreadRefResult = { readonly ok: true; readonly ref: ThreadRefInput } | { readonly ok: false; readonly error: string };

const URL_PATH = /^\/([^/]+)\/([^/]+)\/(issues|discussions)\/(\d+)\/?$/;
const SHORT = /^([^\s/#]+\/[^\s/#]+)?#(\d+)$/;
const MAX_NUMBER = 2 ** 31 - 1;

/**
 * Parses `https://host/owner/repo/issues/N` (or `/discussions/N`), `owner/repo#N` or `#N`.
 * Query strings and fragments of URLs are ignored; anything else is an error with a message for the user.
 */
export function parseThreadRef(input: string, t: Translate = englishT): ThreadRefResult {
	const text = input.trim();
	const invalid = { ok: false as const, error: t('"{0}" is not a thread link, owner/repo#number or #number.', text.slice(0, 200)) };
	if (/^https?:\/\//i.test(text)) return fromUrl(text, invalid, t);
	const m = SHORT.exec(text);
	if (!m) return invalid;
	const number = toNumber(m[2]!);
	if (number === undefined) return invalid;
	if (!m[1]) return { ok: true, ref: { number } };
	const repo = parseRepoRef(m[1], t);
	return repo.ok ? { ok: true, ref: { number, repo: repo.repo } } : repo;
}

function fromUrl(text: string, invalid: ThreadRefResult, t: Translate): ThreadRefResult {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return invalid;
	}
	const m = URL_PATH.exec(url.pathname);
	const number = m ? toNumber(m[4]!) : undefined;
	if (!m || number === undefined || url.username || url.password) return invalid;
	const repo = parseRepoRef(`${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`, t);
	if (!repo.ok) return repo;
	return { ok: true, ref: { number, repo: repo.repo, kind: m[3] === 'issues' ? 'issue' : 'discussion', host: url.host.toLowerCase() } };
}

function toNumber(digits: string): number | undefined {
	const n = Number(digits);
	return Number.isSafeInteger(n) && n > 0 && n <= MAX_NUMBER ? n : undefined;
}

/**
 * Resolves a link clicked in a thread panel to what the host may open (security checklist W7):
 * http, https and mailto only, relative links against the thread's page. Undefined for everything
 * else (`command:`, `vscode:`, `file:`, `javascript:`, `data:`…).
 */
export function externalLinkTarget(href: string, base: string): string | undefined {
	let url: URL;
	try {
		url = new URL(href, base);
	} catch {
		return undefined;
	}
	return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:' ? url.toString() : undefined;
}
