import * as vscode from 'vscode';
import { plural } from '../core/l10n';
import type { Label, LockReason, RepoRef } from '../core/model';
import {
	DISCUSSION_CLOSE_REASONS, HIDE_CLASSIFIERS, ISSUE_CLOSE_REASONS, LOCK_REASONS, describeAction, describeReason, describeTarget, gitHubOnlyActions,
	isDestructive, parseIssueNumber,
	type AssignableUser, type DiscussionCloseReason, type GitHubOnlyAction, type HideClassifier, type IssueCloseReason, type ModerationAction,
	type ModerationOutcome, type ModerationState, type ModerationTarget, type UserRef,
} from '../core/moderation';
import { formatRepo } from '../core/repoRef';
import type { GitHubError } from '../github/errors';
import type { Logger } from '../platform/logger';
import type { ModerationService } from '../platform/moderationService';
import type { TreeNode } from '../views/treeNode';

// The moderation commands of the contract. Thread-level commands take a tree node, a
// ModerationTarget or a ModerationTarget[] (bulk); comment-level ones take `{ target, commentId }`.
// An optional second argument presets the choices so callers (tests, the triage queue) can skip the
// prompts. Every command resolves to a ModerationOutcome and never rejects.

/** Choices a caller may preset instead of being asked. */
export interface ModerationPresets {
	/** Close reason (`COMPLETED`, `NOT_PLANNED`, `DUPLICATE` for issues; `RESOLVED`, `OUTDATED`, `DUPLICATE` for discussions). */
	readonly reason?: string;
	/** The original of an issue closed as `DUPLICATE`: `123`, `#123` or an issue URL. */
	readonly duplicateOf?: number | string;
	/** Label names to add. */
	readonly labels?: readonly string[];
	/** Label names to remove. */
	readonly removeLabels?: readonly string[];
	/** Logins to assign. */
	readonly assignees?: readonly string[];
	/** Logins to unassign. */
	readonly removeAssignees?: readonly string[];
	readonly lockReason?: string;
	readonly classifier?: string;
	/** Skips the confirmation of destructive and bulk actions. */
	readonly confirmed?: boolean;
	/** For "Open on GitHub for…": `pin`, `transfer` or `convertToDiscussion`. */
	readonly action?: string;
}

/**
 * What the moderation commands need from the container. They run in their own bundle (`dist/moderation.js`),
 * so the GitHubError guard comes in too: a copy of the class in that bundle would not recognise the client's errors.
 */
export interface ModerationCommandDeps {
	readonly logger: Logger;
	readonly moderation: ModerationService;
	/** The configured server's web URL (`https://github.com` or the GHES host). */
	readonly webUrl: () => string;
	readonly isGitHubError: typeof GitHubError.is;
}

/** A comment-level command's subject. */
export interface CommentSubject {
	readonly target: ModerationTarget;
	readonly commentId: string;
}

const CANCELLED: ModerationOutcome = { cancelled: true, applied: [], failed: [] };
const NOTHING: ModerationOutcome = { cancelled: false, applied: [], failed: [] };

/** A tree node as the moderation commands read it (issue and discussion rows carry their summary). */
type ThreadNode = TreeNode & { readonly issue?: { readonly id: string }; readonly discussion?: { readonly id: string } };

/** The targets of a thread-level command's first argument; empty when it names none. */
export function targetsOf(arg: unknown): ModerationTarget[] {
	if (Array.isArray(arg)) return arg.flatMap(a => targetsOf(a));
	if (isTarget(arg)) return [{ repo: { owner: arg.repo.owner, name: arg.repo.name }, kind: arg.kind, number: arg.number, id: arg.id }];
	const node = arg as ThreadNode | undefined;
	if (node && typeof node === 'object' && node.thread && isTarget({ ...node.thread })) {
		return [{ ...node.thread, id: node.issue?.id ?? node.discussion?.id }];
	}
	return [];
}

function isTarget(x: unknown): x is ModerationTarget {
	const t = x as ModerationTarget | undefined;
	return !!t && typeof t === 'object' && (t.kind === 'issue' || t.kind === 'discussion') && Number.isSafeInteger(t.number) && t.number > 0
		&& !!t.repo && typeof t.repo.owner === 'string' && typeof t.repo.name === 'string' && (t.id === undefined || typeof t.id === 'string');
}

function isCommentSubject(x: unknown): x is CommentSubject {
	const s = x as CommentSubject | undefined;
	return !!s && typeof s === 'object' && isTarget(s.target) && typeof s.commentId === 'string' && s.commentId.length > 0;
}

function presetsOf(arg: unknown): ModerationPresets {
	return arg && typeof arg === 'object' && !Array.isArray(arg) ? arg as ModerationPresets : {};
}

/**
 * Wraps a command so it always resolves to an outcome, with failures shown once. Bad input found
 * before anything is sent fails every target of `arg` with that message.
 */
async function guarded(c: ModerationCommandDeps, arg: unknown, run: () => Promise<ModerationOutcome>): Promise<ModerationOutcome> {
	try {
		const outcome = await run();
		report(outcome);
		return outcome;
	} catch (error) {
		c.logger.error('Moderation command failed', error);
		const message = vscode.l10n.t('The change was not made: {0}', error instanceof Error ? error.message : String(error));
		void vscode.window.showErrorMessage(message);
		const targets = isCommentSubject(arg) ? targetsOf(arg.target) : targetsOf(arg);
		return { cancelled: false, applied: [], failed: targets.map(target => ({ target, message })) };
	}
}

/** Tells the user what failed (rolled back already), and what a bulk run did. */
function report(outcome: ModerationOutcome): void {
	if (outcome.failed.length === 1 && outcome.applied.length === 0) {
		void vscode.window.showErrorMessage(outcome.failed[0]!.message);
	} else if (outcome.failed.length > 0) {
		void vscode.window.showErrorMessage(vscode.l10n.t('{0} of {1} changes failed and were undone: {2}', outcome.failed.length,
			outcome.failed.length + outcome.applied.length, outcome.failed.map(f => f.message).join(' ')));
	} else if (outcome.applied.length > 1) {
		vscode.window.setStatusBarMessage(plural(vscode.l10n.t, vscode.env.language, outcome.applied.length, {
			one: 'Changed {0} item on GitHub', few: 'Changed {0} items on GitHub', many: 'Changed {0} items on GitHub', other: 'Changed {0} items on GitHub',
		}), 4000);
	}
}

/** Asks for confirmation in a host modal (destructive or bulk), unless preset. */
async function confirm(targets: readonly ModerationTarget[], action: ModerationAction, presets: ModerationPresets): Promise<boolean> {
	if (presets.confirmed === true || (!isDestructive(action) && targets.length < 2)) return true;
	const t = vscode.l10n.t;
	const verb = describeAction(t, action);
	const what = targets.length === 1 ? `${describeTarget(t, targets[0]!)} (${formatRepo(targets[0]!.repo)})`
		: plural(t, vscode.env.language, targets.length, { one: '{0} item', few: '{0} items', many: '{0} items', other: '{0} items' });
	const go = t('Continue');
	const choice = await vscode.window.showWarningMessage(t('{0}: {1}?', capitalize(verb), what), { modal: true, detail: t('This changes the item on GitHub for everyone.') }, go);
	return choice === go;
}

function capitalize(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Runs one action built per target, after the confirmation. */
async function runConfirmed(c: ModerationCommandDeps, targets: readonly ModerationTarget[], action: ModerationAction, presets: ModerationPresets,
	perTarget: (t: ModerationTarget) => ModerationAction | undefined = () => action): Promise<ModerationOutcome> {
	if (!(await confirm(targets, action, presets))) return CANCELLED;
	return c.moderation.runMany(targets, perTarget);
}

// ---------------------------------------------------------------------------------------------
// Close, reopen, lock, unlock

/** Closes issues and discussions with a reason (an issue closed as duplicate names the original). */
export function close(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return guarded(c, arg, async () => {
		const targets = targetsOf(arg);
		const presets = presetsOf(presetArg);
		if (targets.length === 0) return NOTHING;
		const kinds = [...new Set(targets.map(t => t.kind))];
		const actions = new Map<string, ModerationAction>();
		for (const kind of kinds) {
			const action = await closeAction(c, kind, targets.find(t => t.kind === kind)!.repo, presets);
			if (!action) return CANCELLED;
			actions.set(kind, action);
		}
		return runConfirmed(c, targets, actions.get(kinds[0]!)!, presets, t => actions.get(t.kind));
	});
}

async function closeAction(c: ModerationCommandDeps, kind: 'issue' | 'discussion', repo: RepoRef, presets: ModerationPresets): Promise<ModerationAction | undefined> {
	const reasons: readonly (IssueCloseReason | DiscussionCloseReason)[] = kind === 'issue' ? ISSUE_CLOSE_REASONS : DISCUSSION_CLOSE_REASONS;
	const reason = await chooseReason(reasons, presets.reason, kind === 'issue' ? vscode.l10n.t('Close the issue as…') : vscode.l10n.t('Close the discussion as…'),
		value => vscode.l10n.t('Unknown close reason {0}.', value));
	if (!reason) return undefined;
	if (kind !== 'issue' || reason !== 'DUPLICATE') return { kind: 'close', reason };
	const duplicateOf = presets.duplicateOf !== undefined ? presetDuplicate(presets.duplicateOf, repo) : await askDuplicateOf(c, repo);
	return duplicateOf === undefined ? undefined : { kind: 'close', reason, duplicateOf };
}

function presetDuplicate(value: number | string, repo: RepoRef): number {
	const n = typeof value === 'number' ? value : parseIssueNumber(value, repo);
	if (n === undefined || !Number.isSafeInteger(n) || n <= 0) throw new Error(vscode.l10n.t('"{0}" is not an issue number.', String(value)));
	return n;
}

/** Asks for the original issue (`#123`, `123` or its URL) and checks that it exists. */
async function askDuplicateOf(c: ModerationCommandDeps, repo: RepoRef): Promise<number | undefined> {
	const t = vscode.l10n.t;
	const text = await vscode.window.showInputBox({
		title: t('Close as a duplicate'),
		prompt: t('The issue of {0} this one duplicates', formatRepo(repo)),
		placeHolder: t('#123'),
		ignoreFocusOut: true,
		validateInput: async value => {
			const n = parseIssueNumber(value, repo);
			if (n === undefined) return t('Enter an issue number such as #123.');
			try {
				await c.moderation.state({ repo, kind: 'issue', number: n });
				return undefined;
			} catch (error) {
				return c.isGitHubError(error, 'notFound') ? t('There is no issue #{0} in {1}.', n, formatRepo(repo)) : undefined;
			}
		},
	});
	return text === undefined ? undefined : parseIssueNumber(text, repo);
}

/** Reopens closed issues and discussions. */
export function reopen(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return guarded(c, arg, async () => {
		const targets = targetsOf(arg);
		return targets.length === 0 ? NOTHING : runConfirmed(c, targets, { kind: 'reopen' }, presetsOf(presetArg));
	});
}

/** Locks conversations with a reason. */
export function lock(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return guarded(c, arg, async () => {
		const targets = targetsOf(arg);
		const presets = presetsOf(presetArg);
		if (targets.length === 0) return NOTHING;
		const reason = await chooseReason<LockReason>(LOCK_REASONS, presets.lockReason, vscode.l10n.t('Lock the conversation as…'),
			value => vscode.l10n.t('Unknown lock reason {0}.', value));
		if (!reason) return CANCELLED;
		return runConfirmed(c, targets, { kind: 'lock', reason }, presets);
	});
}

/** Unlocks conversations. */
export function unlock(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return guarded(c, arg, async () => {
		const targets = targetsOf(arg);
		return targets.length === 0 ? NOTHING : runConfirmed(c, targets, { kind: 'unlock' }, presetsOf(presetArg));
	});
}

/**
 * The preset reason, checked against `reasons` (bad input: `unknown`'s message, nothing sent), or
 * else the one picked from a single-choice quick pick of their translated names (undefined: dismissed).
 */
async function chooseReason<R extends IssueCloseReason | DiscussionCloseReason | LockReason | HideClassifier>(reasons: readonly R[], preset: string | undefined,
	title: string, unknown: (value: string) => string): Promise<R | undefined> {
	if (preset !== undefined) {
		const found = reasons.find(r => r === preset);
		if (!found) throw new Error(unknown(preset));
		return found;
	}
	const picked = await vscode.window.showQuickPick(reasons.map(r => ({ label: capitalize(describeReason(vscode.l10n.t, r)), reason: r })), { title, placeHolder: title });
	return picked?.reason;
}

// ---------------------------------------------------------------------------------------------
// Labels and assignees

/** Adds and removes labels: a multi-select of the repository's labels, the current ones pre-selected. */
export function labels(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return guarded(c, arg, async () => {
		const presets = presetsOf(presetArg);
		const t = vscode.l10n.t;
		return changeSet<Label>(c, targetsOf(arg), presets, {
			oneRepository: t('Labels can be changed on items of one repository at a time.'),
			choices: repo => c.moderation.labels(repo),
			current: s => s.labels,
			preset: { add: presets.labels, remove: presets.removeLabels },
			picker: { title: t('Labels'), placeHolder: t('Select the labels') },
			item: l => ({ label: l.name, description: `● #${l.color}`, detail: l.description, iconPath: new vscode.ThemeIcon('tag') }),
			resolve: async (repo, all, names) => resolveLabels(all, names, repo),
			actions: (add, remove) => [...(add.length ? [{ kind: 'addLabels', labels: add } as const] : []), ...(remove.length ? [{ kind: 'removeLabels', labels: remove } as const] : [])],
			nameOf: l => l.name,
		});
	});
}

/** Assigns and unassigns users on issues: a multi-select of assignable users, the current ones pre-selected. */
export function assign(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return guarded(c, arg, async () => {
		const all = targetsOf(arg);
		const targets = all.filter(t => t.kind === 'issue');
		const presets = presetsOf(presetArg);
		const t = vscode.l10n.t;
		if (all.length > 0 && targets.length === 0) throw new Error(t('Discussions have no assignees; only issues can be assigned.'));
		return changeSet<AssignableUser>(c, targets, presets, {
			oneRepository: t('Assignees can be changed on issues of one repository at a time.'),
			choices: repo => c.moderation.assignableUsers(repo),
			current: s => s.assignees,
			preset: { add: presets.assignees, remove: presets.removeAssignees },
			picker: { title: t('Assignees'), placeHolder: t('Select the assignees') },
			item: u => ({ label: u.login, description: u.name, iconPath: new vscode.ThemeIcon('account') }),
			resolve: (repo, users, logins) => resolveUsers(c, repo, users, logins),
			actions: (add, remove) => [
				...(add.length ? [{ kind: 'addAssignees', assignees: add } as const] : []), ...(remove.length ? [{ kind: 'removeAssignees', assignees: remove } as const] : []),
			],
			nameOf: u => u.login,
		});
	});
}

/** What differs between the label and the assignee commands; {@link changeSet} is the flow they share. */
interface SetChange<T> {
	/** The message when the targets span repositories. */
	readonly oneRepository: string;
	/** The repository's choices (labels, assignable users). */
	choices(repo: RepoRef): Promise<readonly T[]>;
	/** A target's current names in GitHub's state. */
	current(state: ModerationState): readonly string[] | undefined;
	/** Names to add and remove given by the caller (no picker when either is given). */
	readonly preset: { readonly add?: readonly string[]; readonly remove?: readonly string[] };
	readonly picker: { readonly title: string; readonly placeHolder: string };
	/** A choice's row in the multi-select; its label must be the choice's name. */
	item(choice: T): vscode.QuickPickItem;
	/** The choices named (a clear error for an unknown name). */
	resolve(repo: RepoRef, choices: readonly T[], names: readonly string[]): Promise<T[]>;
	/** The actions that add and remove these choices on one target. */
	actions(add: T[], remove: T[]): ModerationAction[];
	nameOf(choice: T): string;
}

/**
 * Changes a set (labels, assignees) on targets of one repository: the change preset or picked (the
 * names every target has pre-selected), then, per target, adds what it lacks and removes what it has.
 */
async function changeSet<T>(c: ModerationCommandDeps, targets: readonly ModerationTarget[], presets: ModerationPresets, spec: SetChange<T>): Promise<ModerationOutcome> {
	const repos = reposOf(targets);
	if (repos.length === 0) return NOTHING;
	if (repos.length > 1) throw new Error(spec.oneRepository);
	const repo = repos[0]!;
	const [choices, current] = await Promise.all([spec.choices(repo), currentValues(c, targets, spec.current)]);
	const change = spec.preset.add !== undefined || spec.preset.remove !== undefined
		? { add: spec.preset.add ?? [], remove: spec.preset.remove ?? [] }
		: await pickSet(choices, current, spec);
	if (!change) return CANCELLED;
	const add = await spec.resolve(repo, choices, change.add);
	const remove = await spec.resolve(repo, choices, change.remove);
	return runSetChange(c, targets, current, presets, add, remove, spec);
}

/** Each target's current values (from GitHub), keyed by target number. */
async function currentValues(c: ModerationCommandDeps, targets: readonly ModerationTarget[], pick: (s: ModerationState) => readonly string[] | undefined): Promise<Map<number, readonly string[]>> {
	const entries = await Promise.all(targets.map(async t => [t.number, pick(await c.moderation.state(t)) ?? []] as const));
	return new Map(entries);
}

function reposOf(targets: readonly ModerationTarget[]): RepoRef[] {
	const byName = new Map(targets.map(t => [formatRepo(t.repo).toLowerCase(), t.repo]));
	return [...byName.values()];
}

function resolveLabels(all: readonly Label[], names: readonly string[], repo: RepoRef): Label[] {
	return names.map(name => {
		const found = all.find(l => l.name.toLowerCase() === name.toLowerCase());
		if (!found) throw new Error(vscode.l10n.t('There is no label "{0}" in {1}.', name, formatRepo(repo)));
		return found;
	});
}

async function resolveUsers(c: ModerationCommandDeps, repo: RepoRef, known: readonly UserRef[], logins: readonly string[]): Promise<UserRef[]> {
	const out: UserRef[] = [];
	for (const login of logins) {
		const found = known.find(u => u.login.toLowerCase() === login.toLowerCase())
			?? (await c.moderation.assignableUsers(repo, login)).find(u => u.login.toLowerCase() === login.toLowerCase());
		if (!found) throw new Error(vscode.l10n.t('{0} cannot be assigned to issues of {1}.', login, formatRepo(repo)));
		out.push(found);
	}
	return out;
}

/** The multi-select of a set; returns the names to add and to remove, or undefined when dismissed. */
async function pickSet<T>(choices: readonly T[], current: ReadonlyMap<number, readonly string[]>, spec: SetChange<T>): Promise<{ add: string[]; remove: string[] } | undefined> {
	const common = commonTo(current);
	const items = choices.map(x => ({ ...spec.item(x), picked: common.has(spec.nameOf(x).toLowerCase()) }));
	const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: spec.picker.title, placeHolder: spec.picker.placeHolder, matchOnDetail: true });
	return picked && diffPicked(picked.map(p => p.label), common, choices.map(x => spec.nameOf(x)));
}

/** Values every target has (lower case). */
function commonTo(current: ReadonlyMap<number, readonly string[]>): Set<string> {
	const lists = [...current.values()].map(v => new Set(v.map(x => x.toLowerCase())));
	return lists.length === 0 ? new Set() : new Set([...lists[0]!].filter(x => lists.every(l => l.has(x))));
}

function diffPicked(picked: readonly string[], common: ReadonlySet<string>, all: readonly string[]): { add: string[]; remove: string[] } {
	const chosen = new Set(picked.map(p => p.toLowerCase()));
	return { add: [...picked], remove: all.filter(n => common.has(n.toLowerCase()) && !chosen.has(n.toLowerCase())) };
}

/**
 * Runs a set change on each target: adds what it lacks and removes what it has. A target that needs
 * nothing is skipped.
 */
async function runSetChange<T>(c: ModerationCommandDeps, targets: readonly ModerationTarget[], current: ReadonlyMap<number, readonly string[]>, presets: ModerationPresets,
	add: readonly T[], remove: readonly T[], spec: Pick<SetChange<T>, 'actions' | 'nameOf'>): Promise<ModerationOutcome> {
	const has = (t: ModerationTarget, x: T) => (current.get(t.number) ?? []).some(v => v.toLowerCase() === spec.nameOf(x).toLowerCase());
	const plan = new Map(targets.map(t => [t, spec.actions(add.filter(x => !has(t, x)), remove.filter(x => has(t, x)))] as const));
	const first = [...plan.values()].find(a => a.length > 0)?.[0];
	if (!first) return NOTHING;
	if (!(await confirm(targets.filter(t => plan.get(t)!.length > 0), first, presets))) return CANCELLED;
	return c.moderation.runMany(targets, t => plan.get(t));
}

// ---------------------------------------------------------------------------------------------
// Comments

/** Runs a comment-level action on `{ target, commentId }`. */
function commentCommand(c: ModerationCommandDeps, arg: unknown, presetArg: unknown, build: (p: ModerationPresets) => Promise<ModerationAction | undefined> | ModerationAction | undefined): Promise<ModerationOutcome> {
	return guarded(c, arg, async () => {
		if (!isCommentSubject(arg)) return NOTHING;
		const presets = presetsOf(presetArg);
		const action = await build(presets);
		if (!action) return CANCELLED;
		return runConfirmed(c, targetsOf(arg.target), action, presets);
	});
}

/** Marks a discussion comment as the answer. */
export function markAnswer(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return commentCommand(c, arg, presetArg, () => isCommentSubject(arg) ? { kind: 'markAnswer', commentId: arg.commentId } : undefined);
}

/** Unmarks the answer (asks for confirmation). */
export function unmarkAnswer(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return commentCommand(c, arg, presetArg, () => isCommentSubject(arg) ? { kind: 'unmarkAnswer', commentId: arg.commentId } : undefined);
}

/** Hides a comment with a classifier (asks for it, then for confirmation). */
export function hideComment(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return commentCommand(c, arg, presetArg, async presets => {
		if (!isCommentSubject(arg)) return undefined;
		const classifier = await chooseReason(HIDE_CLASSIFIERS, presets.classifier, vscode.l10n.t('Hide the comment as…'),
			value => vscode.l10n.t('Unknown classifier {0}.', value));
		return classifier && { kind: 'hide', commentId: arg.commentId, classifier };
	});
}

/** Shows a hidden comment again. */
export function unhideComment(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return commentCommand(c, arg, presetArg, () => isCommentSubject(arg) ? { kind: 'unhide', commentId: arg.commentId } : undefined);
}

// ---------------------------------------------------------------------------------------------
// What the API cannot do

/**
 * "Open on GitHub for…": pinning or transferring a discussion and converting an issue to a
 * discussion have no API, so the thread's GitHub page is opened for the user to do it there.
 */
export function openOnGitHubFor(c: ModerationCommandDeps, arg: unknown, presetArg?: unknown): Promise<ModerationOutcome> {
	return guarded(c, arg, async () => {
		const target = targetsOf(arg)[0];
		if (!target) return NOTHING;
		const presets = presetsOf(presetArg);
		const offered = gitHubOnlyActions(target.kind);
		const action = presets.action !== undefined ? offered.find(a => a === presets.action) : await pickGitHubOnly(offered);
		if (presets.action !== undefined && !action) throw new Error(vscode.l10n.t('"{0}" is not something to do on GitHub for this item.', presets.action));
		if (!action) return CANCELLED;
		const url = threadUrl(c, target, (arg as TreeNode | undefined)?.url);
		await vscode.env.openExternal(vscode.Uri.parse(url, true));
		vscode.window.setStatusBarMessage(gitHubOnlyHint(action), 8000);
		return NOTHING;
	});
}

function gitHubOnlyTitle(action: GitHubOnlyAction): string {
	const t = vscode.l10n.t;
	return action === 'pin' ? t('Pin the discussion') : action === 'transfer' ? t('Transfer the discussion') : t('Convert the issue to a discussion');
}

function gitHubOnlyHint(action: GitHubOnlyAction): string {
	const t = vscode.l10n.t;
	return action === 'pin' ? t('On GitHub: use "Pin discussion" in the right sidebar.')
		: action === 'transfer' ? t('On GitHub: use "Transfer this discussion" in the right sidebar.')
			: t('On GitHub: use "Convert to discussion" in the right sidebar.');
}

async function pickGitHubOnly(offered: readonly GitHubOnlyAction[]): Promise<GitHubOnlyAction | undefined> {
	const picked = await vscode.window.showQuickPick(offered.map(a => ({ label: gitHubOnlyTitle(a), action: a, iconPath: new vscode.ThemeIcon('link-external') })),
		{ title: vscode.l10n.t('Open on GitHub for…'), placeHolder: vscode.l10n.t('GitHub has no API for these; the page opens on GitHub') });
	return picked?.action;
}

/** The thread's web page: the node's own link when it is http(s), else built from the configured server. */
function threadUrl(c: ModerationCommandDeps, target: ModerationTarget, nodeUrl: string | undefined): string {
	if (nodeUrl && /^https?:\/\//i.test(nodeUrl)) return nodeUrl;
	const web = c.webUrl().replace(/\/+$/, '');
	const path = target.kind === 'issue' ? 'issues' : 'discussions';
	return `${web}/${encodeURIComponent(target.repo.owner)}/${encodeURIComponent(target.repo.name)}/${path}/${target.number}`;
}
