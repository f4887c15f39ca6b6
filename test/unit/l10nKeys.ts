import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every `*.ts` file under a folder. */
function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap(d =>
		d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []);
}

const CALL = /\b(?:l10n\.t|\bt)\(\s*'((?:[^'\\]|\\.)*)'/g;
const FORM = /\b(one|few|many|other):\s*'((?:[^'\\]|\\.)*)'/g;
const BUILT_IN_LABEL = /filterQuery\('[a-z]+',\s*'((?:[^'\\]|\\.)*)'/g;

/** Message keys used by `vscode.l10n.t` / injected `t` calls, plural forms and built-in query labels. */
export function collectL10nKeys(root: string): Set<string> {
	const keys = new Set<string>();
	for (const file of tsFiles(join(root, 'src'))) {
		const text = readFileSync(file, 'utf8');
		for (const re of [CALL, BUILT_IN_LABEL]) {
			for (const m of text.matchAll(re)) keys.add(unescape(m[1]!));
		}
		// Plural forms are translated with the comment `plural:<category>` (see src/core/l10n.ts).
		for (const m of text.matchAll(FORM)) keys.add(`${unescape(m[2]!)}/plural:${m[1]}`);
	}
	return keys;
}

function unescape(s: string): string {
	return s.replace(/\\'/g, "'").replace(/\\\\/g, '\\');
}
