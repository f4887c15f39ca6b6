import * as vscode from 'vscode';
import type { LazyFeature } from './lazy';
import type { TemplatesFeature } from './templates';

/** The view type of the Saved Replies panel. */
export const TEMPLATES_VIEW_TYPE = 'communityDesk.templates';

/**
 * What stays in the extension bundle of the Saved Replies panel: its serializer, which loads the
 * templates feature only when VS Code restores a panel it saved at shutdown.
 */
export function registerTemplatesHost(templates: LazyFeature<TemplatesFeature>): vscode.Disposable[] {
	return [
		vscode.window.registerWebviewPanelSerializer(TEMPLATES_VIEW_TYPE, {
			deserializeWebviewPanel: async (panel, state: unknown) => (await templates.get()).panels.revive(panel, state),
		}),
	];
}
