import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { englishT } from '../../../src/core/l10n';
import type { DiscussionSummary, IssueSummary } from '../../../src/core/model';
import type { ViewerAccess } from '../../../src/core/moderation';
import { describeDiscussion, describeIssue, describeRepository } from '../../../src/core/treeItems';

// The tree context menus of the moderation commands against the context values the trees really
// produce: each item state offers exactly the actions that apply to it (close or reopen, lock or
// unlock, assignees on issues only), and each viewer only what they may do (read-only viewers get
// no triage actions, and close or reopen only their own items).

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
const d = { t: englishT, locale: 'en', now: new Date('2026-11-25T12:00:00Z') };

/** The commands with this prefix whose `view/item/context` entry matches a context value (evaluating its `viewItem =~ /…/`). */
function offered(contextValue: string, prefix = 'communityDesk.moderation.'): string[] {
	return manifest.contributes.menus['view/item/context']!
		.filter(m => m.command.startsWith(prefix))
		.filter(m => {
			const match = /viewItem =~ \/(.+)\/$/.exec(m.when ?? '');
			assert.ok(match, `${m.command}: when clause ${m.when}`);
			return new RegExp(match[1]!).test(contextValue);
		})
		.map(m => m.command.replace(prefix, ''));
}

const issue = (over: Partial<IssueSummary>, access?: ViewerAccess) => describeIssue({
	id: 'I_1', number: 7, title: 'Crash', url: 'https://github.com/acme/rocket/issues/7', repo: { owner: 'acme', name: 'rocket' }, author: 'hubot',
	authorAssociation: 'NONE', state: 'OPEN', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-24T12:00:00Z', locked: false, commentCount: 1,
	labels: [], assignees: [], ...over,
}, d, access).contextValue;
const discussion = (over: Partial<DiscussionSummary>, access?: ViewerAccess) => describeDiscussion({
	id: 'D_1', number: 42, title: 'Q', url: 'https://github.com/acme/rocket/discussions/42', author: 'octocat', authorAssociation: 'NONE',
	categoryId: 'C', createdAt: '2026-11-20T12:00:00Z', updatedAt: '2026-11-22T12:00:00Z', closed: false, locked: false, isAnswered: false,
	commentCount: 3, upvoteCount: 0, labels: [], ...over,
}, d, access).contextValue;

describe('moderation tree menus', () => {
	it('offers close and lock on an open issue, reopen and unlock on a closed, locked one', () => {
		assert.deepEqual(offered(issue({})), ['labels', 'assign', 'close', 'lock', 'openOnGitHubFor']);
		assert.deepEqual(offered(issue({ state: 'CLOSED', locked: true })), ['labels', 'assign', 'reopen', 'unlock', 'openOnGitHubFor']);
	});

	it('never offers assignees on discussions, in any state', () => {
		assert.deepEqual(offered(discussion({})), ['labels', 'close', 'lock', 'openOnGitHubFor']);
		assert.deepEqual(offered(discussion({ closed: true, isAnswered: true, locked: true })), ['labels', 'reopen', 'unlock', 'openOnGitHubFor']);
		assert.deepEqual(offered(discussion({ isAnswered: undefined })), ['labels', 'close', 'lock', 'openOnGitHubFor']);
	});

	it('offers nothing on repository and category rows', () => {
		assert.deepEqual(offered('repository:settings'), []);
		assert.deepEqual(offered('category:answerable'), []);
	});

	it('offers everything to a triager, a maintainer or while the permission is not known (GitHub decides)', () => {
		for (const permission of ['TRIAGE', 'WRITE', 'MAINTAIN', 'ADMIN', undefined]) {
			assert.deepEqual(offered(issue({}, { permission, login: 'mona' })), ['labels', 'assign', 'close', 'lock', 'openOnGitHubFor'], String(permission));
			assert.deepEqual(offered(discussion({ locked: true }, { permission, login: 'octocat' })), ['labels', 'close', 'unlock', 'openOnGitHubFor'], `${permission}, own`);
			assert.equal(issue({ author: 'mona' }, { permission, login: 'mona' }), 'issue:open', 'no flags: the context value is the state alone');
		}
	});

	it('hides labels, assignees, locking and closing others\' items from a read-only viewer', () => {
		const reader = { permission: 'READ', login: 'mona' };
		assert.equal(issue({}, reader), 'issue:open:read');
		assert.deepEqual(offered(issue({}, reader)), ['openOnGitHubFor']);
		assert.deepEqual(offered(issue({ state: 'CLOSED', locked: true }, reader)), ['openOnGitHubFor']);
		assert.deepEqual(offered(discussion({}, reader)), ['openOnGitHubFor']);
		assert.deepEqual(offered(discussion({ closed: true, isAnswered: true }, reader)), ['openOnGitHubFor']);
	});

	it('lets a read-only author close and reopen their own items, and nothing more', () => {
		assert.equal(issue({ author: 'Mona' }, { permission: 'READ', login: 'mona' }), 'issue:open:read:own');
		assert.deepEqual(offered(issue({ author: 'mona' }, { permission: 'READ', login: 'mona' })), ['close', 'openOnGitHubFor']);
		assert.deepEqual(offered(issue({ author: 'mona', state: 'CLOSED', locked: true }, { permission: 'READ', login: 'mona' })), ['reopen', 'openOnGitHubFor']);
		assert.deepEqual(offered(discussion({}, { permission: 'READ', login: 'octocat' })), ['close', 'openOnGitHubFor']);
		assert.deepEqual(offered(discussion({ closed: true }, { permission: 'READ', login: 'octocat' })), ['reopen', 'openOnGitHubFor']);
	});

	it('flags a repository row of a read-only viewer and keeps "Remove Repository" on it', () => {
		const repo = { owner: 'acme', name: 'rocket' };
		const reader = describeRepository(repo, 'settings', d, undefined, { permission: 'READ' }).contextValue;
		assert.equal(reader, 'repository:settings:read');
		assert.deepEqual(offered(reader, 'communityDesk.repositories.'), ['remove']);
		assert.deepEqual(offered(describeRepository(repo, 'settings', d, undefined, { permission: 'ADMIN' }).contextValue, 'communityDesk.repositories.'), ['remove']);
		assert.deepEqual(offered(describeRepository(repo, 'workspace', d, undefined, { permission: 'READ' }).contextValue, 'communityDesk.repositories.'), []);
	});
});
