/**
 * Identifiers shared by the manifest and the code. vscode-free so the manifest test runs in Node.
 * `test/unit/manifest.test.ts` checks that package.json and these constants agree.
 */

/** Command IDs: `communityDesk.<area>.<verb>`. */
export const Commands = {
	signIn: 'communityDesk.auth.signIn',
	signInWithToken: 'communityDesk.auth.signInWithToken',
	signOut: 'communityDesk.auth.signOut',
	addRepository: 'communityDesk.repositories.add',
	removeRepository: 'communityDesk.repositories.remove',
	refreshDiscussions: 'communityDesk.discussions.refresh',
	refreshIssues: 'communityDesk.issues.refresh',
	cancelSync: 'communityDesk.sync.cancel',
	openItem: 'communityDesk.item.open',
	openOnGitHub: 'communityDesk.item.openOnGitHub',
	copyLink: 'communityDesk.item.copyLink',
	loadMore: 'communityDesk.tree.loadMore',
	showLog: 'communityDesk.showLog',
	openThread: 'communityDesk.thread.open',
	openThreadAsText: 'communityDesk.thread.openAsText',
	openTriage: 'communityDesk.triage.open',
	replyWithTemplate: 'communityDesk.templates.reply',
	addStarterTemplates: 'communityDesk.templates.addStarterSet',
	manageTemplates: 'communityDesk.templates.manage',
	openStats: 'communityDesk.stats.open',
	exportStatsMarkdown: 'communityDesk.stats.exportMarkdown',
	exportStatsCsv: 'communityDesk.stats.exportCsv',
	statsDigest: 'communityDesk.stats.digest',
	moderationLabels: 'communityDesk.moderation.labels',
	moderationAssign: 'communityDesk.moderation.assign',
	moderationClose: 'communityDesk.moderation.close',
	moderationReopen: 'communityDesk.moderation.reopen',
	moderationLock: 'communityDesk.moderation.lock',
	moderationUnlock: 'communityDesk.moderation.unlock',
	moderationMarkAnswer: 'communityDesk.moderation.markAnswer',
	moderationUnmarkAnswer: 'communityDesk.moderation.unmarkAnswer',
	moderationHideComment: 'communityDesk.moderation.hideComment',
	moderationUnhideComment: 'communityDesk.moderation.unhideComment',
	moderationOpenOnGitHubFor: 'communityDesk.moderation.openOnGitHubFor',
} as const;

/** Command ID type. */
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** View container and view IDs. */
export const Views = {
	container: 'communityDesk',
	discussions: 'communityDesk.discussions',
	issues: 'communityDesk.issues',
	engagement: 'communityDesk.engagement',
} as const;

/** Context keys used in `when` clauses. */
export const ContextKeys = {
	signedIn: 'communityDesk.signedIn',
	hasRepositories: 'communityDesk.hasRepositories',
	authPending: 'communityDesk.authPending',
	/** A sync has run for a moment: the views show Cancel Sync. */
	syncing: 'communityDesk.syncing',
} as const;

/** Setting keys (without the `communityDesk.` section prefix where noted). */
export const ConfigKeys = {
	section: 'communityDesk',
	serverUrl: 'github.serverUrl',
	repositories: 'repositories',
	detectRepositories: 'repositories.detectFromWorkspace',
	issueQueries: 'issueQueries',
	pageSize: 'tree.pageSize',
	syncInterval: 'sync.intervalMinutes',
	team: 'team',
	notTeam: 'notTeam',
	bots: 'bots',
	slaHours: 'triage.slaHours',
	notifyOnBreach: 'triage.notifyOnBreach',
} as const;

/**
 * Environment variable holding a token for a GitHub sandbox on a loopback host (the demo and the
 * tests). Ignored for every non-loopback server, so it can never send a token to a real host.
 */
export const SandboxTokenEnv = 'COMMUNITY_DESK_SANDBOX_TOKEN';
