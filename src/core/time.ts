/** Time formatting for the views. Pure: `now` and the locale are passed in. */

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
	['year', 365 * 86_400_000],
	['month', 30 * 86_400_000],
	['week', 7 * 86_400_000],
	['day', 86_400_000],
	['hour', 3_600_000],
	['minute', 60_000],
];

/** "3 days ago" / "3 дня назад"; "now" under a minute. Invalid dates give ''. */
export function formatAge(iso: string, now: Date, locale: string): string {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return '';
	const delta = t - now.getTime();
	const rtf = relativeFormat(locale);
	for (const [unit, ms] of UNITS) {
		if (Math.abs(delta) >= ms) return rtf.format(Math.round(delta / ms), unit);
	}
	return rtf.format(0, 'second');
}

/** Absolute date and time for tooltips ("5 Aug 2026, 14:03"). */
export function formatDateTime(iso: string, locale: string): string {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return '';
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(t);
	} catch {
		return new Date(t).toISOString();
	}
}

/** A short moment for "synced …": the time today ("14:03"), else the date and time. Epoch ms in. */
export function formatMoment(ms: number, now: Date, locale: string): string {
	const at = new Date(ms);
	const sameDay = at.toDateString() === now.toDateString();
	try {
		return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' }).format(at);
	} catch {
		return at.toISOString();
	}
}

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
	try {
		return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	} catch {
		return new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
	}
}
