import * as vscode from 'vscode';
import type { ThreadStrings } from '../shared/threadProtocol';

/** The panel's strings, translated on the host (the webview has no l10n of its own). */
export function threadStrings(): ThreadStrings {
	const t = vscode.l10n.t;
	return {
		loading: t('Loading thread…'),
		refresh: t('Refresh'),
		openOnGitHub: t('Open on GitHub'),
		open: t('Status: open'),
		closed: t('Status: closed'),
		locked: t('Locked'),
		answered: t('Answered'),
		unanswered: t('Unanswered'),
		answer: t('Answer'),
		maintainer: t('Maintainer'),
		contributor: t('Contributor'),
		firstTimer: t('First-timer'),
		hiddenComment: t('This comment was hidden: {0}'),
		comments: t('Comments ({0})'),
		replies: t('Replies to {0}'),
		moreComments: t('Only the first {0} comments are shown. See the rest on GitHub.'),
		moreReplies: t('More replies on GitHub'),
		truncated: t('This text is too long to show here. Read it on GitHub.'),
		labels: t('Labels'),
		reactions: t('Reactions'),
		upvotes: t('Upvotes: {0}'),
		commentBy: t('Comment by {0}, {1}'),
		replyBy: t('Reply by {0}, {1}'),
		threadBody: t('Opened by {0}, {1}'),
		emptyBody: t('No description provided.'),
		error: t('Could not load the thread: {0}'),
		category: t('Category: {0}'),
		reason: t('Reason: {0}'),
		keyboardHelp: t('Use J and K (or Alt+Down and Alt+Up) to move between comments.'),
	};
}
