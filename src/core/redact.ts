/** Secret redaction for logs and messages (security checklist A3, A7). Pure. */

const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9_]{8,}|github_pat_[A-Za-z0-9_]{8,})/g;
const AUTH_HEADER = /\b(authorization["']?\s*[:=]\s*["']?(?:token|bearer|basic)?\s*)[^\s"',}]+/gi;
const BEARER_VALUE = /\b(bearer\s+)[A-Za-z0-9_\-.=]{8,}/gi;
/** "token X" where X looks like a credential (has a digit, 12+ characters), not an English word. */
const TOKEN_VALUE = /\b(token\s+)(?=[A-Za-z_\-.=]*\d)[A-Za-z0-9_\-.=]{12,}/gi;
const QUERY_SECRET = /([?&](?:access_token|token|client_secret)=)[^&\s#"']+/gi;

/** Replaces anything that looks like a GitHub token or an Authorization value with `***`. */
export function redact(text: string, knownSecrets: readonly string[] = []): string {
	let out = text;
	for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join('***');
	return out
		.replace(GITHUB_TOKEN, '***')
		.replace(AUTH_HEADER, (_m, prefix: string) => `${prefix}***`)
		.replace(BEARER_VALUE, (_m, prefix: string) => `${prefix}***`)
		.replace(TOKEN_VALUE, (_m, prefix: string) => `${prefix}***`)
		.replace(QUERY_SECRET, (_m, prefix: string) => `${prefix}***`);
}
