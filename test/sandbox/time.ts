/** Time helpers: the sandbox keeps whole-second epoch milliseconds and prints GitHub's ISO form. */

/** Formats epoch ms as GitHub does (`2024-05-01T12:34:56Z`, no fraction). */
export function iso(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Formats epoch ms, or null when the value is 0 (the store's "not set"). */
export function isoOrNull(ms: number): string | null {
	return ms > 0 ? iso(ms) : null;
}

/** Truncates epoch ms to whole seconds. */
export function wholeSeconds(ms: number): number {
	return Math.floor(ms / 1000) * 1000;
}

/** Parses an ISO 8601 date or date-time; returns NaN when it is not one. */
export function parseIso(text: string): number {
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return Number.NaN;
	return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;
