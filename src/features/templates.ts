// Saved-reply templates, built as their own bundle (`dist/templates.js`) and loaded on first use through
// `LazyFeature` (see `esbuild.mjs`). The thread panels, the client, the viewer and `presentError` come in
// through `createTemplatesFeature`: this bundle holds its own copies of the pure modules it imports, so
// it must not import a service or a class the extension bundle creates or checks with `instanceof`.
import * as vscode from 'vscode';
import { addStarterSet, type StarterSetDeps, type StarterSetResult } from '../commands/starterTemplates';
import { runTemplateActions, type TemplateActionDeps, type TemplateActionReport } from '../commands/templateActions';
import { replyWithTemplate, type TemplateCommandDeps } from '../commands/templates';
import type { OutboxEntry } from '../core/outbox';
import { loadTemplates, type TemplateLoad } from '../platform/templateSources';

/** What the templates feature needs from the container. */
export interface TemplatesFeatureDeps extends TemplateCommandDeps, StarterSetDeps, TemplateActionDeps {}

/** The loaded templates feature: its command handlers and the template loader. */
export interface TemplatesFeature extends vscode.Disposable {
	/** `communityDesk.templates.reply`. */
	replyWithTemplate(target?: unknown): Promise<void>;
	/** `communityDesk.templates.addStarterSet`. */
	addStarterSet(folder?: unknown): Promise<StarterSetResult | undefined>;
	/** Runs the template actions of a reply GitHub confirmed (the outbox calls it once per reply). */
	runActions(entry: OutboxEntry): Promise<TemplateActionReport>;
	/** Every team, personal and GitHub template (never rejects). */
	loadTemplates(): Promise<TemplateLoad>;
}

/** Creates the templates feature from the container's services (it keeps no state of its own). */
export function createTemplatesFeature(deps: TemplatesFeatureDeps): TemplatesFeature {
	return {
		replyWithTemplate: target => replyWithTemplate(deps, target),
		addStarterSet: folder => addStarterSet(deps, folder),
		runActions: entry => runTemplateActions(deps, entry),
		loadTemplates: () => loadTemplates({ globalStorageUri: deps.globalStorageUri, client: deps.client, t: vscode.l10n.t, presentError: deps.presentError }),
		dispose: () => undefined,
	};
}
