import * as vscode from 'vscode';
import { Commands } from '../constants';
import { plural } from '../core/l10n';
import { triageCounts } from '../core/triage';
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
		text: `$(comment-discussion) ${waiting}`,
		tooltip: t('Community Desk: {0}. Open the triage queue.', summary),
		label: t('Community Desk: {0}. Open the triage queue.', summary),
	};
}

/**
 * The left status bar item `$(comment-discussion) N`: items waiting on the team, breaches in the
 * tooltip and accessibility label; a click opens the queue. Shown once the queue has been computed.
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
