import * as vscode from 'vscode';
import { Commands, ConfigKeys } from '../constants';
import { plural } from '../core/l10n';
import { newBreaches, triageCounts, type TriageEntry } from '../core/triage';
import type { TriageService, TriageSnapshot } from '../platform/triageService';

/** The status bar item's id (users can hide it by this name). */
export const TRIAGE_STATUS_ID = 'communityDesk.queue';

/** The status bar text, tooltip and accessibility label for a snapshot. */
export function describeTriageStatus(snapshot: TriageSnapshot, lang: string, t: typeof vscode.l10n.t): { text: string; tooltip: string; label: string } {
	const { waiting, breaches } = triageCounts(snapshot.entries);
	const items = plural(t, lang, waiting, { one: '{0} item needs triage', few: '{0} items need triage', many: '{0} items need triage', other: '{0} items need triage' });
	const breached = plural(t, lang, breaches, { one: '{0} past the SLA', few: '{0} past the SLA', many: '{0} past the SLA', other: '{0} past the SLA' });
	const summary = breaches > 0 ? `${items}, ${breached}` : items;
	return {
		text: breaches > 0 ? `$(comment-discussion) ${waiting} · ${t('{0} late', breaches)}` : `$(comment-discussion) ${waiting}`,
		tooltip: t('Community Desk: {0}. Open the triage queue.', summary),
		label: t('Community Desk: {0}. Open the triage queue.', summary),
	};
}

/**
 * The left status bar item `$(comment-discussion) N · M late`: items waiting on the team and those
 * past the SLA (also in the tooltip and accessibility label); a click opens the queue. Shown once the
 * queue has been computed.
 */
export class TriageStatus implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem(TRIAGE_STATUS_ID, vscode.StatusBarAlignment.Left, 10);
	private readonly subscription: vscode.Disposable;

	constructor(service: TriageService) {
		this.item.name = vscode.l10n.t('Community Desk: Triage Queue');
		this.item.command = Commands.openTriage;
		this.subscription = service.onDidChange(s => this.update(s));
	}

	private update(snapshot: TriageSnapshot): void {
		if (snapshot.computedAt === 0) {
			this.item.hide();
			return;
		}
		const d = describeTriageStatus(snapshot, vscode.env.language, vscode.l10n.t);
		this.item.text = d.text;
		this.item.tooltip = d.tooltip;
		this.item.accessibilityInformation = { label: d.label };
		this.item.show();
	}

	dispose(): void {
		this.subscription.dispose();
		this.item.dispose();
	}
}

/** How long breaches are gathered before one notification tells of them all. */
const BATCH_MS = 2_000;
/** Items named in a notification; the rest are counted. */
const NAMED = 3;

/** The notification text for newly breached entries (references only: titles are untrusted and notifications render links). */
export function describeBreaches(entries: readonly TriageEntry[], lang: string, t: typeof vscode.l10n.t): string {
	const refs = entries.slice(0, NAMED).map(e => `${e.repo}#${e.number}`).join(', ');
	if (entries.length === 1) return t('{0} has waited on the team past the SLA.', refs);
	const more = entries.length - NAMED;
	const count = plural(t, lang, entries.length, {
		one: '{0} item has waited on the team past the SLA', few: '{0} items have waited on the team past the SLA',
		many: '{0} items have waited on the team past the SLA', other: '{0} items have waited on the team past the SLA',
	});
	return more > 0 ? t('{0}: {1} and {2} more.', count, refs, more) : t('{0}: {1}.', count, refs);
}

/** What {@link TriageBreachNotifier} shows with (tests replace it). */
export type ShowBreachMessage = (message: string, ...actions: string[]) => Thenable<string | undefined>;

/**
 * The opt-in SLA breach notification (`communityDesk.triage.notifyOnBreach`). Announces each item
 * once when it passes the SLA during the session (see `newBreaches`): what is already past the SLA
 * when VS Code starts, or when the setting is turned on, is only counted in the status bar. Breaches
 * arriving close together are gathered into one message with "Open Triage Queue" and "Don't Show Again".
 */
export class TriageBreachNotifier implements vscode.Disposable {
	private known: Set<string> | undefined;
	private pending: TriageEntry[] = [];
	private timer: ReturnType<typeof setTimeout> | undefined;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(service: TriageService, private readonly show: ShowBreachMessage = (m, ...a) => vscode.window.showWarningMessage(m, ...a)) {
		this.disposables.push(
			service.onDidChange(s => this.update(s)),
			vscode.workspace.onDidChangeConfiguration(e => {
				if (!e.affectsConfiguration(`${ConfigKeys.section}.${ConfigKeys.notifyOnBreach}`)) return;
				// turned on: what is past the SLA now is known (not announced); turned off: forget
				this.known = this.enabled() && service.snapshot.computedAt !== 0 ? new Set(triageBreaches(service.snapshot)) : undefined;
			}),
		);
	}

	dispose(): void {
		if (this.timer) clearTimeout(this.timer);
		for (const d of this.disposables) d.dispose();
	}

	private enabled(): boolean {
		return vscode.workspace.getConfiguration(ConfigKeys.section).get<boolean>(ConfigKeys.notifyOnBreach, false) === true;
	}

	private update(snapshot: TriageSnapshot): void {
		if (!this.enabled()) {
			this.known = undefined;
			return;
		}
		if (snapshot.computedAt === 0) return;
		const { fresh, known } = newBreaches(snapshot.entries, this.known);
		this.known = known;
		if (fresh.length === 0) return;
		this.pending.push(...fresh.filter(e => !this.pending.some(p => p.id === e.id)));
		this.timer ??= setTimeout(() => void this.flush(), BATCH_MS);
	}

	private async flush(): Promise<void> {
		this.timer = undefined;
		const entries = this.pending.filter(e => this.known?.has(e.id));
		this.pending = [];
		if (entries.length === 0 || !this.enabled()) return;
		const t = vscode.l10n.t;
		const open = t('Open Triage Queue');
		const never = t("Don't Show Again");
		const choice = await this.show(describeBreaches(entries, vscode.env.language, t), open, never);
		if (choice === open) await vscode.commands.executeCommand(Commands.openTriage);
		if (choice === never) {
			await vscode.workspace.getConfiguration(ConfigKeys.section).update(ConfigKeys.notifyOnBreach, false, vscode.ConfigurationTarget.Global);
			vscode.window.setStatusBarMessage(t('Breach notifications are off; turn them on again with the setting {0}.', `communityDesk.${ConfigKeys.notifyOnBreach}`), 8_000);
		}
	}
}

/** Ids of the entries past the SLA. */
function triageBreaches(snapshot: TriageSnapshot): string[] {
	return snapshot.entries.filter(e => e.sla === 'breach').map(e => e.id);
}
