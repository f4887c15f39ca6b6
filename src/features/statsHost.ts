import * as vscode from 'vscode';
import { Views } from '../constants';
import type { StatsFeature } from './stats';
import type { LazyFeature } from './lazy';

/** The view type of the stats panel. */
export const STATS_VIEW_TYPE = 'communityDesk.stats';

/**
 * What stays in the extension bundle of the stats feature: the "My engagement" view provider and the
 * stats panel serializer. Both load the feature only when VS Code asks them to resolve or restore.
 */
export function registerStatsHost(stats: LazyFeature<StatsFeature>): vscode.Disposable[] {
	return [
		vscode.window.registerWebviewViewProvider(Views.engagement, {
			resolveWebviewView: async view => (await stats.get()).engagement.resolveWebviewView(view),
		}),
		vscode.window.registerWebviewPanelSerializer(STATS_VIEW_TYPE, {
			deserializeWebviewPanel: async panel => (await stats.get()).panels.revive(panel),
		}),
	];
}
