/** What every seeded size shares: the organization, well-known users, labels, categories, saved replies. */
import type { Store } from './store';
import type { CategoryRec, RepoRec, UserRec } from './records';
import { DAY_MS } from './time';

/** GitHub's default labels plus a few common extras, with GitHub's colours. */
export const LABELS: readonly (readonly [name: string, color: string, description: string, isDefault: boolean])[] = [
	['bug', 'd73a4a', "Something isn't working", true],
	['documentation', '0075ca', 'Improvements or additions to documentation', true],
	['duplicate', 'cfd3d7', 'This issue or pull request already exists', true],
	['enhancement', 'a2eeef', 'New feature or request', true],
	['good first issue', '7057ff', 'Good for newcomers', true],
	['help wanted', '008672', 'Extra attention is needed', true],
	['invalid', 'e4e669', "This doesn't seem right", true],
	['question', 'd876e3', 'Further information is requested', true],
	['wontfix', 'ffffff', 'This will not be worked on', true],
	['needs triage', 'fbca04', 'Waiting for a maintainer to look at it', false],
	['priority: high', 'b60205', '', false],
	['area: cli', 'c5def5', 'The command-line interface', false],
	['area: api', 'bfdadc', 'The public API', false],
	['dependencies', '0366d6', 'Pull requests that update a dependency file', false],
];

/** The discussion categories of a new GitHub repository (without Polls). */
export const CATEGORIES: readonly Omit<CategoryRec, 'dbId' | 'repo' | 'createdAt'>[] = [
	{ name: 'Announcements', slug: 'announcements', emoji: ':mega:', emojiChar: '📣', description: 'Updates from maintainers', isAnswerable: false },
	{ name: 'General', slug: 'general', emoji: ':speech_balloon:', emojiChar: '💬', description: 'Chat about anything and everything here', isAnswerable: false },
	{ name: 'Ideas', slug: 'ideas', emoji: ':bulb:', emojiChar: '💡', description: 'Share ideas for new features', isAnswerable: false },
	{ name: 'Q&A', slug: 'q-a', emoji: ':pray:', emojiChar: '🙏', description: 'Ask the community for help', isAnswerable: true },
	{ name: 'Show and tell', slug: 'show-and-tell', emoji: ':raised_hands:', emojiChar: '🙌', description: 'Show off something you\'ve made', isAnswerable: false },
];

const SAVED_REPLIES: readonly (readonly [string, string])[] = [
	['Thanks, closing', 'Thanks for the report! This is fixed in the latest release, so I am closing this issue.'],
	['Need reproduction', 'Thanks for opening this. Could you share a minimal reproduction (a small repository or the exact steps) so we can look into it?'],
	['Duplicate', 'This looks like a duplicate of #${number}. Please follow that issue for updates.'],
	['Moved to discussions', 'This is a question rather than a bug, so it fits better in our Q&A discussions. Thanks!'],
	['Welcome, first-timer', 'Welcome, and thanks for your first contribution! A maintainer will review this soon.'],
];

/** The users every size has: the org, the viewer and the users behind the named tokens. */
export interface CoreUsers {
	readonly org: UserRec;
	readonly mona: UserRec;
	readonly octocat: UserRec;
	readonly bots: readonly UserRec[];
}

/** Adds the organization, the viewer `mona` (OWNER), the contributor `octocat` and the bots. */
export function addCoreUsers(store: Store): CoreUsers {
	const t = store.nowMs - 3000 * DAY_MS;
	const org = store.addUser('acme', 'Acme Rockets', 'Organization', 'none', t);
	const mona = store.addUser('mona', 'Mona Lisa Octocat', 'User', 'owner', t);
	const octocat = store.addUser('octocat', 'The Octocat', 'User', 'contributor', t);
	const bots = ['dependabot[bot]', 'github-actions[bot]', 'renovate[bot]'].map(login => store.addUser(login, null, 'Bot', 'bot', t));
	return { org, mona, octocat, bots };
}

/** Adds a repository with the standard labels and categories. */
export function addStandardRepo(store: Store, org: UserRec, name: string, description: string): RepoRec {
	const repo = store.addRepo(org, name, description, store.nowMs - 900 * DAY_MS);
	for (const [label, color, text, isDefault] of LABELS) store.addLabel(repo, label, color, text || null, isDefault);
	for (const category of CATEGORIES) store.addCategory(repo, category);
	return repo;
}

/** Adds the viewer's saved replies. */
export function addSavedReplies(store: Store, user: UserRec): void {
	SAVED_REPLIES.forEach(([title, body], i) => store.addSavedReply(user, title, body, store.nowMs - (40 + i * 7) * DAY_MS));
}

/** A category of a repository by name. */
export function categoryNamed(repo: RepoRec, name: string): CategoryRec {
	const c = repo.categories.find(x => x.name === name);
	if (!c) throw new Error(`No category ${name}`);
	return c;
}
