/**
 * Localisation seam for pure code: adapters pass `vscode.l10n.t`, tests pass {@link englishT}.
 * Messages use `{0}`-style placeholders and the English text is the key, as with `vscode.l10n.t`;
 * with a `comment` the key becomes `message/comment`.
 */
type Arg = string | number | boolean;

/** The two call shapes of `vscode.l10n.t` that Community Desk uses. */
export interface Translate {
	(message: string, ...args: Arg[]): string;
	(options: { message: string; args?: Arg[]; comment: string | string[] }): string;
}

function fill(message: string, args: readonly Arg[]): string {
	return message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

/** Fills `{0}`, `{1}`… without translating: the English fallback and the test double. */
export const englishT: Translate = ((first: string | { message: string; args?: Arg[] }, ...rest: Arg[]) =>
	typeof first === 'string' ? fill(first, rest) : fill(first.message, first.args ?? [])) as Translate;

/** Plural forms of one message, one per CLDR category (`other` required). `{0}` is the count. */
export interface PluralForms {
	readonly one?: string;
	readonly few?: string;
	readonly many?: string;
	readonly other: string;
}

/**
 * Picks a plural form with `Intl.PluralRules` (l10n has no ICU plurals) and translates it with the
 * comment `plural:<category>`, so a translation keeps one entry per category (Russian: one, few, many).
 */
export function plural(t: Translate, locale: string, n: number, forms: PluralForms): string {
	let category: Intl.LDMLPluralRule = 'other';
	try {
		category = new Intl.PluralRules(locale).select(n);
	} catch {
		category = n === 1 ? 'one' : 'other';
	}
	const message = (forms as unknown as Record<string, string | undefined>)[category] ?? forms.other;
	return t({ message, args: [n], comment: `plural:${category}` });
}
