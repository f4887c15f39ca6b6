import type { DiscussionCategory, DiscussionSummary, IssueSummary, Label, RepoRef } from './model';
import { plural, type Translate } from './l10n';
import { viewerFlags, type ViewerAccess } from './moderation';
import { formatRepo } from './repoRef';
import { formatAge, formatDateTime, formatMoment } from './time';

/** Everything a tree row shows, decided in pure code; `views/` only translates it to a TreeItem. */
export interface ItemDescription {
	readonly label: string;
	readonly description?: string;
	/** A codicon id; undefined for no icon (a category shows its emoji instead). */
	readonly icon?: string;
	/** A theme colour id for the icon, if any. */
	readonly iconColor?: string;
	/** Colon-separated, e.g. `discussion:open:unanswered`; menus match with regular expressions. */
	readonly contextValue: string;
	/** Plain-text tooltip lines. GitHub text is untrusted: the adapter must add it as plain text only. */
	readonly tooltip: readonly string[];
	/** A sentence for screen readers. */
	readonly accessibilityLabel: string;
}

/** Locale, clock and translation for the describe functions. */
export interface DescribeContext {
	readonly t: Translate;
	readonly locale: string;
	readonly now: Date;
}

/** How far a repository's local copy is: shown on its row. */
export interface RepositorySyncState {
	/** Epoch ms of the last finished sync. */
	readonly syncedAt?: number;
	readonly syncing?: boolean;
}

/**
 * Describes a repository node, with its last sync when it has a local copy. `access` adds the
 * viewer flags to the context value (`repository:settings:read`).
 */
export function describeRepository(repo: RepoRef, source: 'settings' | 'workspace', d: DescribeContext, sync?: RepositorySyncState, access?: ViewerAccess): ItemDescription {
	const name = formatRepo(repo);
	const origin = source === 'workspace' ? d.t('from the workspace') : d.t('from settings');
	const synced = sync?.syncing ? d.t('syncing…')
		: sync?.syncedAt !== undefined ? d.t('synced {0}', formatMoment(sync.syncedAt, d.now, d.locale)) : undefined;
	const lastSynced = sync?.syncedAt !== undefined ? [d.t('Last synced: {0}', formatDateTime(new Date(sync.syncedAt).toISOString(), d.locale))] : [];
	return {
		label: name,
		description: synced ? `${origin} · ${synced}` : origin,
		icon: 'repo',
		contextValue: [`repository:${source}`, ...viewerFlags(access)].join(':'),
		tooltip: [name, origin, ...lastSynced],
		accessibilityLabel: d.t('Repository {0}, {1}', name, synced ? `${origin}, ${synced}` : origin),
	};
}

/** Describes a discussion category node: emoji and name. */
export function describeCategory(category: DiscussionCategory, d: DescribeContext): ItemDescription {
	const label = category.emoji ? `${category.emoji} ${category.name}` : category.name;
	const kind = category.isAnswerable ? d.t('answerable') : undefined;
	return {
		label,
		description: kind,
		icon: category.emoji ? undefined : 'comment-discussion',
		contextValue: `category:${category.isAnswerable ? 'answerable' : 'plain'}`,
		tooltip: [category.name, ...(category.description ? [category.description] : []), ...(kind ? [kind] : [])],
		accessibilityLabel: category.isAnswerable
			? d.t('Category {0}, answerable', category.name)
			: d.t('Category {0}', category.name),
	};
}

/** State words of a discussion, most important first. */
function discussionStates(x: DiscussionSummary, t: Translate): string[] {
	const states: string[] = [];
	if (x.isAnswered === true) states.push(t('answered'));
	if (x.isAnswered === false) states.push(t('unanswered'));
	if (x.closed) states.push(t('closed'));
	if (x.locked) states.push(t('locked'));
	return states;
}

function discussionIcon(x: DiscussionSummary): { icon: string; iconColor?: string } {
	if (x.locked) return { icon: 'lock' };
	if (x.isAnswered === true) return { icon: 'pass-filled', iconColor: 'charts.green' };
	if (x.closed) return { icon: 'circle-slash', iconColor: 'charts.purple' };
	if (x.isAnswered === false) return { icon: 'question', iconColor: 'charts.yellow' };
	return { icon: 'comment-discussion' };
}

/**
 * Describes a discussion row: title, number, author, answered/locked/closed, comment count, age.
 * The context value is `discussion:<open|closed>:<plain|answered|unanswered>[:locked]`, then the
 * viewer flags of `access` (`:read`, `:own`).
 */
export function describeDiscussion(x: DiscussionSummary, d: DescribeContext, access?: ViewerAccess): ItemDescription {
	const comments = plural(d.t, d.locale, x.commentCount, {
		one: '{0} comment', few: '{0} comments', many: '{0} comments', other: '{0} comments',
	});
	const age = formatAge(x.updatedAt, d.now, d.locale);
	const states = discussionStates(x, d.t);
	const flags = [x.closed ? 'closed' : 'open', x.isAnswered === undefined ? 'plain' : x.isAnswered ? 'answered' : 'unanswered', ...(x.locked ? ['locked'] : []), ...viewerFlags(access, x.author)];
	return {
		label: `#${x.number} ${x.title}`,
		description: [x.author, comments, age].join(' · '),
		...discussionIcon(x),
		contextValue: `discussion:${flags.join(':')}`,
		tooltip: [
			`#${x.number} ${x.title}`,
			d.t('by {0}, created {1}', x.author, formatDateTime(x.createdAt, d.locale)),
			d.t('updated {0}', formatDateTime(x.updatedAt, d.locale)),
			[comments, ...states, ...(x.upvoteCount > 0 ? [plural(d.t, d.locale, x.upvoteCount, { one: '{0} upvote', few: '{0} upvotes', many: '{0} upvotes', other: '{0} upvotes' })] : [])].join(' · '),
			...labelLine(x.labels, d.t),
		],
		accessibilityLabel: d.t('Discussion {0}: {1}, {2}, by {3}, updated {4}', x.number, x.title, [comments, ...states].join(', '), x.author, age),
	};
}

/**
 * Describes an issue row: title, number, author, labels, comment count, age. The context value is
 * `issue:<open|closed>[:locked]`, then the viewer flags of `access` (`:read`, `:own`).
 */
export function describeIssue(x: IssueSummary, d: DescribeContext, access?: ViewerAccess): ItemDescription {
	const comments = plural(d.t, d.locale, x.commentCount, {
		one: '{0} comment', few: '{0} comments', many: '{0} comments', other: '{0} comments',
	});
	const age = formatAge(x.updatedAt, d.now, d.locale);
	const labels = x.labels.map(l => l.name);
	const state = x.state === 'OPEN' ? d.t('open') : x.stateReason === 'NOT_PLANNED' ? d.t('closed as not planned') : d.t('closed');
	return {
		label: `#${x.number} ${x.title}`,
		description: [...(labels.length ? [labels.join(', ')] : []), x.author, comments, age].join(' · '),
		icon: x.locked ? 'lock' : x.state === 'OPEN' ? 'issues' : x.stateReason === 'NOT_PLANNED' ? 'circle-slash' : 'issue-closed',
		iconColor: x.state === 'OPEN' ? 'charts.green' : 'charts.purple',
		contextValue: ['issue', x.state === 'OPEN' ? 'open' : 'closed', ...(x.locked ? ['locked'] : []), ...viewerFlags(access, x.author)].join(':'),
		tooltip: [
			`#${x.number} ${x.title}`,
			d.t('by {0}, created {1}', x.author, formatDateTime(x.createdAt, d.locale)),
			d.t('updated {0}', formatDateTime(x.updatedAt, d.locale)),
			[state, comments, ...(x.locked ? [d.t('locked')] : [])].join(' · '),
			...labelLine(x.labels, d.t),
			...(x.assignees.length ? [d.t('Assigned to {0}', x.assignees.join(', '))] : []),
		],
		accessibilityLabel: d.t('Issue {0}: {1}, {2}, {3}, by {4}, updated {5}', x.number, x.title, state, comments, x.author, age),
	};
}

function labelLine(labels: readonly Label[], t: Translate): string[] {
	return labels.length ? [t('Labels: {0}', labels.map(l => l.name).join(', '))] : [];
}
