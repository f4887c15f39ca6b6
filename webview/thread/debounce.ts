// A debouncer with injected timers (unit-tested without waiting): drafts are saved at most this
// long after the last keystroke, and at once on blur or when the panel is hidden (D1).

/** Draft saves wait this long after the last keystroke (the checklist asks for ≤ 500 ms). */
export const DRAFT_DEBOUNCE_MS = 400;

/** Timer functions (the window's, or fakes in tests). */
export interface Timers {
	set(fn: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

/** A debounced action. */
export interface Debounced {
	/** Runs the action `ms` after the last call. */
	schedule(): void;
	/** Runs a scheduled action now (no-op when nothing is scheduled). */
	flush(): void;
	/** Drops a scheduled action. */
	cancel(): void;
	/** Whether an action is scheduled. */
	pending(): boolean;
}

/** Debounces `action` by `ms`. */
export function debounce(action: () => void, ms: number, timers: Timers): Debounced {
	let handle: unknown;
	let scheduled = false;
	const cancel = () => {
		if (scheduled) timers.clear(handle);
		scheduled = false;
	};
	const run = () => {
		scheduled = false;
		action();
	};
	return {
		schedule: () => {
			cancel();
			scheduled = true;
			handle = timers.set(run, ms);
		},
		flush: () => {
			if (!scheduled) return;
			cancel();
			action();
		},
		cancel,
		pending: () => scheduled,
	};
}
