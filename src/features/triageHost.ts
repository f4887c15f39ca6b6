import * as vscode from 'vscode';
import type { LazyFeature } from './lazy';
import type { TriageFeature } from './triage';

/** The view type of the triage panel. */
export const TRIAGE_VIEW_TYPE = 'communityDesk.triage';

/** Restores a triage panel VS Code saved at shutdown: loads the triage feature, which takes the panel over. */
export function triageSerializer(triage: LazyFeature<TriageFeature>): vscode.WebviewPanelSerializer {
	return { deserializeWebviewPanel: async (panel, state: unknown) => (await triage.get()).panels.revive(panel, state) };
}

/**
 * What stays in the extension bundle of the triage panel: its serializer, which loads the triage
 * feature only when VS Code restores a panel (with the filters kept in its webview state).
 */
export function registerTriageHost(triage: LazyFeature<TriageFeature>): vscode.Disposable[] {
	return [vscode.window.registerWebviewPanelSerializer(TRIAGE_VIEW_TYPE, triageSerializer(triage))];
}
