import { strict as assert } from 'node:assert';
import type { ThreadDto, ThreadSnapshot, ThreadStrings } from '../../../../src/shared/threadProtocol';
import { associationBadge, bodySource, commentView, labelChip, MAX_BODY_CHARS, nextIndex, reduce, threadHeader, timeText } from '../../../../webview/thread/render';

const strings = new Proxy({}, { get: (_t, key) => `${String(key)}:{0}` }) as ThreadStrings;
const thread: ThreadDto = {
	kind: 'discussion', repo: { owner: 'acme', name: 'rocket' }, id: 'D', number: 1, title: 't', url: 'https://github.com/acme/rocket/discussions/1',
	state: 'CLOSED', stateReason: 'OUTDATED', category: { name: 'Q&A', emoji: '🙏', isAnswerable: true }, labels: [], author: 'a',
	authorAssociation: 'NONE', createdAt: '2024-03-01T00:00:00Z', updatedAt: '2024-03-01T00:00:00Z', body: '', bodyHTML: '', locked: true,
	lockReason: 'TOO_HEATED', isAnswered: false, reactions: [], comments: [], commentCount: 0, hasMoreComments: false,
};
const snap = (over: Partial<ThreadSnapshot> = {}): ThreadSnapshot => ({
	status: 'ready', locale: 'en', strings, now: '2024-03-04T00:00:00Z', target: { host: 'github.com', owner: 'acme', repo: 'rocket', kind: 'discussion', number: 1 }, thread, ...over,
});

describe('thread view model', () => {
	it('replaces the state with each complete snapshot', () => {
		const a = snap({ status: 'loading' });
		const b = snap();
		assert.equal(reduce(reduce({}, a), b).snapshot, b);
	});

	it('maps associations to the three badges', () => {
		assert.deepEqual(['OWNER', 'MEMBER', 'COLLABORATOR', 'CONTRIBUTOR', 'FIRST_TIMER', 'FIRST_TIME_CONTRIBUTOR', 'NONE', 'MANNEQUIN'].map(a => associationBadge(a as never)),
			['maintainer', 'maintainer', 'maintainer', 'contributor', 'firstTimer', 'firstTimer', undefined, undefined]);
	});

	it('prefers bodyHTML, falls back to markdown and cuts oversized bodies at a tag boundary', () => {
		assert.deepEqual(bodySource('md', '<p>h</p>'), { kind: 'html', text: '<p>h</p>', truncated: false });
		assert.deepEqual(bodySource('md', '  '), { kind: 'markdown', text: 'md', truncated: false });
		assert.deepEqual(bodySource(' ', ''), { kind: 'empty', text: '', truncated: false });
		const big = bodySource('', `<p>${'x'.repeat(MAX_BODY_CHARS)}</p><p>tail</p>`);
		assert.equal(big.truncated, true);
		assert.ok(big.text.length <= MAX_BODY_CHARS && !big.text.endsWith('<'));
		const md = bodySource('y'.repeat(5 * 1024 * 1024), '');
		assert.deepEqual([md.kind, md.text.length, md.truncated], ['markdown', MAX_BODY_CHARS, true]);
	});

	it('gives label chips only validated colours with a readable text colour', () => {
		assert.deepEqual(labelChip({ name: 'bug', color: 'd73a4a' }), { name: 'bug', description: undefined, background: '#d73a4a', foreground: '#000000' });
		assert.equal(labelChip({ name: 'dark', color: '0e0e0e' }).foreground, '#ffffff');
		assert.equal(labelChip({ name: 'light', color: 'fbca04' }).foreground, '#000000');
		assert.equal(labelChip({ name: 'x', color: 'red;background:url(x)' }).background, undefined);
	});

	it('formats relative times with the exact time for hover', () => {
		const t = timeText('2024-03-01T00:00:00Z', '2024-03-04T00:00:00Z', 'en');
		assert.deepEqual([t.relative, t.iso], ['3 days ago', '2024-03-01T00:00:00.000Z']);
		assert.match(t.exact, /2024/);
		assert.equal(timeText('2024-03-01T00:00:00Z', '2024-03-04T00:00:00Z', 'ru').relative, '3 дня назад');
		assert.deepEqual(timeText('nonsense', '2024-03-04T00:00:00Z', 'en'), { relative: '', exact: '', iso: '' });
	});

	it('describes the header: state, reason, category, lock, answered', () => {
		const h = threadHeader(thread, strings);
		assert.deepEqual(h, { state: 'closed:{0}', stateIcon: 'check', open: false, reason: 'reason:Outdated', category: 'category:🙏 Q&A', locked: 'locked:{0} (Too heated)', answered: 'unanswered:{0}' });
		assert.equal(threadHeader({ ...thread, kind: 'issue', state: 'OPEN', stateReason: undefined, category: undefined, locked: false, isAnswered: undefined }, strings).stateIcon, 'issues');
	});

	it('collapses minimized comments with their reason and labels answers and replies', () => {
		const reply = { id: 'r', url: 'u', author: 'b', authorAssociation: 'MEMBER' as const, createdAt: '2024-03-03T00:00:00Z', body: '', bodyHTML: '', isAnswer: false,
			isMinimized: true, minimizedReason: 'off-topic', reactions: [], replies: [], hasMoreReplies: false };
		const v = commentView({ ...reply, id: 'c', isAnswer: true, isMinimized: false, minimizedReason: undefined, replies: [reply] }, snap());
		assert.deepEqual([v.badge, v.collapsed, v.label], ['maintainer', false, 'commentBy:b, answer:{0}']);
		assert.deepEqual([v.replies[0]!.collapsed, v.replies[0]!.hiddenNote], [true, 'hiddenComment:Off topic']);
	});

	it('moves keyboard focus within bounds', () => {
		assert.deepEqual([nextIndex(-1, 3, 1), nextIndex(-1, 3, -1), nextIndex(2, 3, 1), nextIndex(0, 3, -1), nextIndex(1, 3, 1), nextIndex(0, 0, 1)], [0, 2, 2, 0, 2, -1]);
	});
});
