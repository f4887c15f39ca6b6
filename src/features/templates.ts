// Saved-reply templates, built as their own bundle (`dist/templates.js`) and loaded on first use through
// `LazyFeature` (see `esbuild.mjs`). The thread panels, the client, the viewer and `presentError` come in
// through `createTemplatesFeature`: this bundle holds its own copies of the pure modules it imports, so
// it must not import a service or a class the extension bundle creates or checks with `instanceof`.
import * as vscode from 'vscode';
import { addStarterSet, type StarterSetDeps, type StarterSetResult } from '../commands/starterTemplates';
import { QuietActionReports, runTemplateActions, type TemplateActionDeps, type TemplateActionReport } from '../commands/templateActions';
import { replyWithTemplate, type TemplateCommandDeps, type TemplateReplyResult } from '../commands/templates';
import type { OutboxEntry } from '../core/outbox';
import { loadTemplates, type TemplateLoad } from '../platform/templateSources';
import { TemplatesPanels } from '../webviews/templatesPanel';

/** What the templates feature needs from the container. */
export interface TemplatesFeatureDeps extends TemplateCommandDeps, StarterSetDeps, TemplateActionDeps {}

/** The loaded templates feature: its command handlers and the template loader. */
export interface TemplatesFeature extends vscode.Disposable {
	/** `communityDesk.templates.reply`: a panel (box), a tree row, or queue item(s); then optional presets (tests). */
	replyWithTemplate(target?: unknown, presets?: unknown): Promise<TemplateReplyResult | undefined>;
	/** `communityDesk.templates.addStarterSet`. */
	addStarterSet(folder?: unknown): Promise<StarterSetResult | undefined>;
	/** Runs the template actions of a reply GitHub confirmed (the outbox calls it once per reply). */
	runActions(entry: OutboxEntry): Promise<TemplateActionReport>;
	/** Every team, personal and GitHub template (never rejects). */
	loadTemplates(): Promise<TemplateLoad>;
	/** The Saved Replies panel (one per window). */
	readonly panels: TemplatesPanels;
	/** `communityDesk.templates.manage`: opens or reveals the Saved Replies panel. */
	manage(): void;
}

/** Creates the templates feature from the container's services (its only state is the Saved Replies panel). */
export function createTemplatesFeature(deps: TemplatesFeatureDeps): TemplatesFeature {
	// A bulk reply collects its replies' action reports here instead of one message per reply.
	const quietReports = new QuietActionReports();
	const load = () => loadTemplates({ globalStorageUri: deps.globalStorageUri, client: deps.client, t: vscode.l10n.t, presentError: deps.presentError });
	const panels = new TemplatesPanels({ extensionUri: deps.extensionUri, globalStorageUri: deps.globalStorageUri, logger: deps.logger, load });
	return {
		replyWithTemplate: (target, presets) => replyWithTemplate({ ...deps, quietReports }, target, presets),
		addStarterSet: folder => addStarterSet(deps, folder),
		runActions: entry => runTemplateActions(deps, entry, quietReports),
		loadTemplates: load,
		panels,
		manage: () => { panels.open(); },
		dispose: () => panels.dispose(),
	};
}
