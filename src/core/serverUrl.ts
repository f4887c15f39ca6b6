/**
 * Where GitHub lives for this user: github.com or a GitHub Enterprise Server host. Pure.
 */

import { englishT, type Translate } from './l10n';

/** The resolved endpoints of a GitHub server. */
export interface GitHubServer {
	/** `github.com` or the GHES host (with port when not default). */
	readonly host: string;
	/** Web URL, e.g. `https://github.com`; used for links. */
	readonly webUrl: string;
	/** REST base, e.g. `https://api.github.com` or `https://HOST/api/v3`. */
	readonly restBaseUrl: string;
	/** GraphQL endpoint, e.g. `https://api.github.com/graphql` or `https://HOST/api/graphql`. */
	readonly graphqlUrl: string;
	/** `dotcom` for github.com, `enterprise` for everything else. */
	readonly kind: 'dotcom' | 'enterprise';
	/** True for 127.0.0.0/8, ::1 and localhost (the only hosts allowed over plain http). */
	readonly isLoopback: boolean;
}

/** The result of parsing the server setting: a server, or a message saying what is wrong. */
export type ServerParseResult = { readonly ok: true; readonly server: GitHubServer } | { readonly ok: false; readonly error: string };

const DOTCOM: GitHubServer = {
	host: 'github.com',
	webUrl: 'https://github.com',
	restBaseUrl: 'https://api.github.com',
	graphqlUrl: 'https://api.github.com/graphql',
	kind: 'dotcom',
	isLoopback: false,
};

/** True when a host name is a loopback address. */
export function isLoopbackHost(hostname: string): boolean {
	const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Parses the `communityDesk.github.serverUrl` setting. Empty means github.com. Anything else must be
 * an `https:` URL of a GitHub Enterprise Server (`http:` only for loopback hosts), without
 * credentials, query or fragment. An `/api/v3` or `/api/graphql` suffix is tolerated.
 * `t` localises the error message (English by default).
 */
export function parseServerUrl(value: string | undefined, t: Translate = englishT): ServerParseResult {
	const raw = (value ?? '').trim();
	if (raw === '') return { ok: true, server: DOTCOM };
	let url: URL;
	try {
		url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
	} catch {
		return { ok: false, error: t('"{0}" is not a valid URL.', raw) };
	}
	const loopback = isLoopbackHost(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
		return { ok: false, error: t('"{0}" must use https (plain http is allowed only for localhost).', raw) };
	}
	if (url.username || url.password || url.search || url.hash) {
		return { ok: false, error: t('"{0}" must not contain credentials, a query or a fragment.', raw) };
	}
	const host = url.host.toLowerCase();
	if (host === 'github.com' || host === 'api.github.com' || host === 'www.github.com') return { ok: true, server: DOTCOM };
	const base = `${url.protocol}//${host}`;
	return {
		ok: true,
		server: { host, webUrl: base, restBaseUrl: `${base}/api/v3`, graphqlUrl: `${base}/api/graphql`, kind: 'enterprise', isLoopback: loopback },
	};
}
