// The triage queue panel, built as its own bundle (`dist/triage.js`) and loaded on first use through
// `LazyFeature` (see `esbuild.mjs`): the command, the status bar item and the breach notice open it through
// `communityDesk.triage.open`. The triage service (queue, counts for the status bar, SLA notices) stays in
// the extension bundle and comes in through `createTriageFeature`, with the logger and the thread panels'
// `open`: this bundle holds its own copies of the pure modules it imports, so it must not import a
// service or a class the extension bundle creates or checks with `instanceof`.
import type * as vscode from 'vscode';
import { TriagePanels, type TriagePanelDeps } from '../webviews/triagePanel';

/** What the triage panel feature needs from the container. */
export type TriageFeatureDeps = TriagePanelDeps;

/** The loaded triage panel feature. */
export interface TriageFeature extends vscode.Disposable {
	readonly panels: TriagePanels;
	/** `communityDesk.triage.open`. */
	open(): void;
}

/** Creates the panel manager from the container's services (the queue itself lives in the triage service). */
export function createTriageFeature(deps: TriageFeatureDeps): TriageFeature {
	const panels = new TriagePanels(deps);
	return {
		panels,
		open: () => void panels.open(),
		dispose: () => panels.dispose(),
	};
}
