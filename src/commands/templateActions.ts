import * as vscode from 'vscode';
import { describeAction, type AssignableUser, type ModerationAction, type ModerationTarget, type UserRef } from '../core/moderation';
import { boxKeyOf, type OutboxEntry } from '../core/outbox';
import { planTemplateActions, type TemplateActionPlan } from '../core/templateActions';
import type { Label } from '../core/model';
import type { presentError } from '../github/presentation';

/**
 * What running a template's actions needs. It runs in the lazily loaded templates bundle, so the
 * moderation service comes from the container (a `Pick` of `ModerationService`), never from an import.
 */
export interface TemplateActionDeps {
	readonly moderation: {
		labels(repo: ModerationTarget['repo']): Promise<Label[]>;
		assignableUsers(repo: ModerationTarget['repo'], query?: string): Promise<AssignableUser[]>;
		run(target: ModerationTarget, action: ModerationAction): Promise<{ readonly ok: true } | { readonly ok: false; readonly message: string }>;
	};
	readonly presentError: typeof presentError;
}

/** What became of a reply's template actions. */
export interface TemplateActionReport {
	readonly applied: readonly ModerationAction[];
	readonly failed: readonly { readonly action?: ModerationAction; readonly message: string }[];
	/** Steps that could not apply to this reply (for example "mark the answer" on a top-level reply). */
	readonly skipped: readonly string[];
}

/**
 * Runs the template actions of a reply GitHub has confirmed, in order, through the moderation
 * service (optimistic, serialized, rolled back with a message). The outbox calls this once per
 * entry. Stops at the first refusal (later steps may depend on it) and says what was applied, unless
 * a bulk reply waits for this reply's report (`quiet`): it then gets the report and says it once for all.
 */
export async function runTemplateActions(c: TemplateActionDeps, entry: OutboxEntry, quiet?: QuietActionReports): Promise<TemplateActionReport> {
	const deliver = quiet?.claim(entry);
	let report: TemplateActionReport;
	try {
		report = await applyTemplateActions(c, entry);
	} catch (error) {
		report = { applied: [], failed: [{ message: c.presentError(error, vscode.l10n.t, vscode.env.language).message }], skipped: [] };
	}
	if (deliver) deliver(report);
	else announceReport(entry, report);
	return report;
}

/** A bulk reply's wait for the report of one reply's actions. */
export interface ExpectedReport {
	/** Settles once the actions ran (the outbox starts them when GitHub confirms the reply: `actionsDone`). */
	readonly report: Promise<TemplateActionReport>;
	/** Stops waiting: a later run of that box's actions is announced as usual. */
	cancel(): void;
}

/**
 * Reports of template actions that a bulk reply collects instead of one message per reply. The bulk
 * reply expects a box and the reply's text just before posting it; the run of that reply's actions is
 * delivered to it, any other run (such as an older reply found later by a look-up) is announced.
 */
export class QuietActionReports {
	private readonly waiting = new Map<string, { readonly bodyHash: string; resolve(r: TemplateActionReport): void }>();

	/** Expects the run of the actions of the reply with `bodyHash` in a box. */
	expect(box: Parameters<typeof boxKeyOf>[0], bodyHash: string): ExpectedReport {
		const key = boxKeyOf(box);
		let resolve!: (r: TemplateActionReport) => void;
		const report = new Promise<TemplateActionReport>(r => { resolve = r; });
		const slot = { bodyHash, resolve };
		this.waiting.set(key, slot);
		return { report, cancel: () => { if (this.waiting.get(key) === slot) this.waiting.delete(key); } };
	}

	/** The delivery of an entry's report when a bulk reply waits for it (the wait ends here). */
	claim(entry: OutboxEntry): ((r: TemplateActionReport) => void) | undefined {
		const key = boxKeyOf(entry);
		const slot = this.waiting.get(key);
		if (!slot || slot.bodyHash !== entry.bodyHash) return undefined;
		this.waiting.delete(key);
		return slot.resolve;
	}
}

async function applyTemplateActions(c: TemplateActionDeps, entry: OutboxEntry): Promise<TemplateActionReport> {
	const actions = entry.actions;
	if (!actions) return { applied: [], failed: [], skipped: [] };
	const [owner, name] = entry.repo.split('/') as [string, string];
	const target: ModerationTarget = { repo: { owner, name }, kind: entry.kind, number: entry.number };
	let plan: TemplateActionPlan;
	try {
		const labels = actions.addLabels?.length || actions.removeLabels?.length ? await c.moderation.labels(target.repo) : [];
		const users: UserRef[] = [];
		if (entry.kind === 'issue') {
			for (const login of actions.assign ?? []) {
				const wanted = login.replace(/^@/, '').toLowerCase();
				const found = (await c.moderation.assignableUsers(target.repo, wanted)).find(u => u.login.toLowerCase() === wanted);
				if (found) users.push(found);
			}
		}
		plan = planTemplateActions(actions, { kind: entry.kind, labels, users, replyToId: entry.replyToId }, vscode.l10n.t);
	} catch (error) {
		return { applied: [], failed: [{ message: c.presentError(error, vscode.l10n.t, vscode.env.language).message }], skipped: [] };
	}
	if (!plan.ok) return { applied: [], failed: plan.errors.map(message => ({ message })), skipped: [] };
	const applied: ModerationAction[] = [];
	for (const action of plan.actions) {
		const result = await c.moderation.run(target, action);
		if (!result.ok) return { applied, failed: [{ action, message: result.message }], skipped: plan.skipped };
		applied.push(action);
	}
	return { applied, failed: [], skipped: plan.skipped };
}

function announceReport(entry: OutboxEntry, report: TemplateActionReport): void {
	const where = `${entry.repo}#${entry.number}`;
	const done = report.applied.map(a => describeAction(vscode.l10n.t, a)).join(', ');
	const skipped = report.skipped.join(' ');
	if (report.failed.length === 0) {
		if (report.applied.length === 0) void vscode.window.showWarningMessage(vscode.l10n.t('The reply to {0} was posted; its template actions did not apply: {1}', where, skipped));
		else if (skipped) void vscode.window.showInformationMessage(vscode.l10n.t('The reply to {0} was posted and its template actions were applied: {1}. Not done: {2}', where, done, skipped));
		else void vscode.window.showInformationMessage(vscode.l10n.t('The reply to {0} was posted and its template actions were applied: {1}.', where, done));
		return;
	}
	const why = report.failed.map(f => (f.action ? `${describeAction(vscode.l10n.t, f.action)}: ${f.message}` : f.message)).join(' ');
	void vscode.window.showWarningMessage(report.applied.length > 0
		? vscode.l10n.t('The reply to {0} was posted; applied: {1}. The remaining template actions were not run: {2}', where, done, why)
		: vscode.l10n.t('The reply to {0} was posted, but its template actions were not run: {1}', where, why));
}
