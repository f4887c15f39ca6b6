import { englishT, type Translate } from './l10n';
import type { RepoRef } from './model';

/** The result of parsing user input as a repository name. */
export type RepoParseResult = { readonly ok: true; readonly repo: RepoRef } | { readonly ok: false; readonly error: string };

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Parses `owner/name` (also accepting a pasted `https://host/owner/name` URL or a trailing `.git`).
 * Applies GitHub's naming rules so that obvious typos are caught before any request.
 * `t` localises the error message (English by default).
 */
export function parseRepoRef(input: string, t: Translate = englishT): RepoParseResult {
	let text = input.trim();
	const url = /^https?:\/\/[^/]+\/(.+)$/i.exec(text);
	if (url) text = url[1]!;
	text = text.replace(/\.git$/i, '').replace(/\/+$/, '');
	const parts = text.split('/');
	if (parts.length !== 2 || !parts[0] || !parts[1]) {
		return { ok: false, error: t('"{0}" is not in the form owner/name.', input.trim()) };
	}
	const [owner, name] = parts as [string, string];
	if (!OWNER.test(owner)) return { ok: false, error: t('"{0}" is not a valid GitHub user or organization name.', owner) };
	if (!NAME.test(name) || name === '.' || name === '..') return { ok: false, error: t('"{0}" is not a valid repository name.', name) };
	return { ok: true, repo: { owner, name } };
}

/** `owner/name`. */
export function formatRepo(repo: RepoRef): string {
	return `${repo.owner}/${repo.name}`;
}

/** Case-insensitive equality (GitHub names are case-insensitive). */
export function sameRepo(a: RepoRef, b: RepoRef): boolean {
	return a.owner.toLowerCase() === b.owner.toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase();
}

/** Removes duplicates (case-insensitive), keeping the first spelling and the order. */
export function uniqueRepos(repos: readonly RepoRef[]): RepoRef[] {
	const out: RepoRef[] = [];
	for (const r of repos) if (!out.some(o => sameRepo(o, r))) out.push(r);
	return out;
}

/**
 * Extracts `owner/name` from a git remote URL when it points at `host`
 * (`https://host/o/r(.git)`, `git@host:o/r(.git)`, `ssh://git@host(:port)/o/r(.git)`).
 */
export function repoFromRemoteUrl(remote: string, host: string): RepoRef | undefined {
	const h = host.toLowerCase().replace(/:\d+$/, '');
	const patterns = [
		/^(?:https?|git|ssh):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/i,
		/^(?:[^@/]+@)?([^/:]+):([^/]+)\/([^/]+?)(?:\.git)?\/?$/i,
	];
	for (const p of patterns) {
		const m = p.exec(remote.trim());
		if (m && m[1]!.toLowerCase() === h) {
			const parsed = parseRepoRef(`${m[2]}/${m[3]}`);
			return parsed.ok ? parsed.repo : undefined;
		}
	}
	return undefined;
}
