import { strict as assert } from 'node:assert';
import { parseRepoRef, repoFromRemoteUrl, sameRepo, uniqueRepos } from '../../../src/core/repoRef';

describe('parseRepoRef', () => {
	it('accepts owner/name, URLs and .git suffixes', () => {
		for (const input of ['acme/rocket', ' acme/rocket ', 'https://github.com/acme/rocket', 'acme/rocket.git', 'acme/rocket/']) {
			const r = parseRepoRef(input);
			assert.ok(r.ok, input);
			assert.deepEqual(r.repo, { owner: 'acme', name: 'rocket' });
		}
	});

	it('explains malformed names', () => {
		const cases: Array<[string, RegExp]> = [
			['acme', /owner\/name/],
			['acme/rocket/extra', /owner\/name/],
			['-acme/rocket', /not a valid GitHub user/],
			['acme/rock et', /not a valid repository name/],
			['ac--me/rocket', /not a valid GitHub user/],
			['acme/..', /not a valid repository name/],
		];
		for (const [input, message] of cases) {
			const r = parseRepoRef(input);
			assert.equal(r.ok, false, input);
			if (!r.ok) assert.match(r.error, message);
		}
	});
});

describe('repoFromRemoteUrl', () => {
	it('reads https, scp-like and ssh remotes of the right host only', () => {
		assert.deepEqual(repoFromRemoteUrl('https://github.com/acme/rocket.git', 'github.com'), { owner: 'acme', name: 'rocket' });
		assert.deepEqual(repoFromRemoteUrl('git@github.com:acme/rocket.git', 'github.com'), { owner: 'acme', name: 'rocket' });
		assert.deepEqual(repoFromRemoteUrl('ssh://git@ghe.io:2222/acme/rocket', 'ghe.io'), { owner: 'acme', name: 'rocket' });
		assert.equal(repoFromRemoteUrl('https://gitlab.com/acme/rocket.git', 'github.com'), undefined);
		assert.equal(repoFromRemoteUrl('/local/path/repo', 'github.com'), undefined);
	});
});

describe('sameRepo / uniqueRepos', () => {
	it('compares case-insensitively and keeps the first spelling', () => {
		assert.ok(sameRepo({ owner: 'Acme', name: 'Rocket' }, { owner: 'acme', name: 'rocket' }));
		assert.deepEqual(uniqueRepos([{ owner: 'Acme', name: 'R' }, { owner: 'acme', name: 'r' }, { owner: 'b', name: 'c' }]),
			[{ owner: 'Acme', name: 'R' }, { owner: 'b', name: 'c' }]);
	});
});
