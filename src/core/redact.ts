/** Secret redaction for logs and messages (security checklist A3, A7). Pure. */

const PATTERNS: readonly RegExp[] = [
	/\b(gh[pousr]_[A-Za-z0-9_]{8,})/g,
	/\b(github_pat_[A-Za-z0-9_]{8,})/g,
	/\b((?:authorization|token|bearer)["']?\s*[:=]?\s*["']?(?:token |bearer )?)([A-Za-z0-9_\-.]{8,})/gi,
];

/** Replaces anything that looks like a GitHub token or an Authorization value with `***`. */
export function redact(text: string, knownSecrets: readonly string[] = []): string {
	let out = text;
	for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join('***');
	out = out.replace(PATTERNS[0]!, '***').replace(PATTERNS[1]!, '***');
	return out.replace(PATTERNS[2]!, (_m, prefix: string) => `${prefix}***`);
}
