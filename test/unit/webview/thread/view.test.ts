import { strict as assert } from 'node:assert';
import createDOMPurify, { type WindowLike } from 'dompurify';
import type { JSDOM } from 'jsdom';
import type { ModerationParams, ThreadCommentDto, ThreadDto, ThreadSnapshot, ThreadStrings } from '../../../../src/shared/threadProtocol';
import { commentButtons, threadButtons } from '../../../../webview/thread/moderation';
import { createSanitizer } from '../../../../webview/common/sanitize';
import { render, type ViewContext } from '../../../../webview/thread/view';
import { installDom } from './domGlobals';

const strings = new Proxy({}, { get: (_t, key) => (key === 'commentActions' ? 'Actions for {0}' : `«${String(key)}»`) }) as ThreadStrings;
const comment = (id: string, over: Partial<ThreadCommentDto> = {}): ThreadCommentDto => ({
	id, url: `https://github.com/acme/rocket/discussions/1#${id}`, author: `author-${id}`, authorAssociation: 'NONE', createdAt: '2024-03-01T00:00:00Z',
	body: `body ${id}`, bodyHTML: '', isAnswer: false, isMinimized: false, reactions: [], replies: [], hasMoreReplies: false, ...over,
});
const thread = (over: Partial<ThreadDto> = {}): ThreadDto => ({
	kind: 'discussion', repo: { owner: 'acme', name: 'rocket' }, id: 'D_1', number: 1, title: 'A title', url: 'https://github.com/acme/rocket/discussions/1',
	state: 'OPEN', labels: [], author: 'mona', authorAssociation: 'OWNER', createdAt: '2024-03-01T00:00:00Z', updatedAt: '2024-03-01T00:00:00Z',
	body: 'b', bodyHTML: '', locked: false, reactions: [], commentCount: 2, hasMoreComments: false, canReply: true, gitHubOnly: true,
	actions: ['labels', 'close', 'lock'],
	comments: [comment('C_1', { actions: ['markAnswer', 'hide'], replies: [comment('R_1', { actions: ['unhide'], isMinimized: true, minimizedReason: 'spam' })] }), comment('C_2')],
	...over,
});
const snap = (over: Partial<ThreadSnapshot> = {}): ThreadSnapshot => ({
	status: 'ready', locale: 'en', strings, now: '2024-03-04T00:00:00Z', target: { host: 'github.com', owner: 'acme', repo: 'rocket', kind: 'discussion', number: 1 },
	thread: thread(), ...over,
});

describe('thread view: moderation, replies on locked threads, Load more (jsdom)', () => {
	let dom: JSDOM;
	let restore: () => void;
	let root: HTMLElement;
	let sent: ModerationParams[];
	let more: (string | null)[];
	let mainBox: HTMLElement;

	before(() => ({ dom, restore } = installDom()));
	after(() => restore());
	beforeEach(() => {
		root = dom.window.document.getElementById('root')!;
		sent = [];
		more = [];
		mainBox = dom.window.document.createElement('section');
		mainBox.className = 'reply-box';
	});

	function draw(s: ThreadSnapshot): void {
		const ctx: ViewContext = {
			sanitizer: createSanitizer(createDOMPurify, dom.window as unknown as WindowLike), snapshot: s, openLink: () => {}, refresh: () => {},
			moderate: p => sent.push(p), loadMore: id => more.push(id),
			replies: { box: id => (id === null ? mainBox : undefined), isOpen: () => false, open: () => {} },
		};
		render(root, ctx);
	}
	const header = () => root.querySelector('header [role=toolbar]')!;
	const buttons = (bar: Element) => [...bar.querySelectorAll('button')];

	it('shows the offered thread actions as labelled icon buttons that ask the host to run them', () => {
		draw(snap());
		const bar = header();
		assert.equal(bar.getAttribute('aria-label'), '«moderation»');
		assert.deepEqual(buttons(bar).map(b => [b.dataset.action, b.getAttribute('aria-label'), b.textContent]),
			[['labels', '«action.labels»', ''], ['close', '«action.close»', ''], ['lock', '«action.lock»', ''], ['openOnGitHubFor', '«action.openOnGitHubFor»', '']]);
		assert.ok(buttons(bar).every(b => b.querySelector('i.codicon[aria-hidden=true]')), 'decorative codicons');
		buttons(bar)[1]!.click();
		assert.deepEqual(sent, [{ action: 'close' }]);
	});

	it('offers nothing but "Open on GitHub for…" when the host offers no action', () => {
		draw(snap({ thread: thread({ actions: [], comments: [comment('C_1')] }) }));
		assert.deepEqual(buttons(header()).map(b => b.dataset.action), ['openOnGitHubFor']);
		assert.equal(root.querySelector('article [role=toolbar]'), null);
		draw(snap({ thread: thread({ actions: undefined, gitHubOnly: false, comments: [] }) }));
		assert.equal(root.querySelector('[role=toolbar]'), null);
	});

	it('puts comment actions on each comment and reply, naming the comment', () => {
		draw(snap());
		const first = root.querySelector('article[data-comment-id="C_1"]')!;
		const bar = first.querySelector(':scope > .comment-content [role=toolbar]')!;
		assert.equal(bar.getAttribute('aria-label'), 'Actions for author-C_1');
		assert.deepEqual(buttons(bar).map(b => b.dataset.action), ['markAnswer', 'hide']);
		buttons(bar)[1]!.click();
		const reply = root.querySelector('article[data-comment-id="R_1"] [role=toolbar] button') as HTMLButtonElement;
		reply.click();
		assert.deepEqual(sent, [{ action: 'hide', commentId: 'C_1' }, { action: 'unhide', commentId: 'R_1' }]);
		assert.equal(root.querySelector('article[data-comment-id="C_2"] [role=toolbar]'), null);
	});

	it('is one Tab stop; arrow keys, Home and End move between the buttons', () => {
		draw(snap());
		const list = buttons(header());
		assert.deepEqual(list.map(b => b.tabIndex), [0, -1, -1, -1]);
		list[0]!.focus();
		const key = (k: string) => dom.window.document.activeElement!.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: k, bubbles: true }));
		key('ArrowRight');
		assert.equal(dom.window.document.activeElement, list[1]);
		key('End');
		assert.equal(dom.window.document.activeElement, list[3]);
		key('ArrowRight');
		assert.equal(dom.window.document.activeElement, list[0], 'wraps around');
		key('ArrowLeft');
		assert.equal(dom.window.document.activeElement, list[3]);
		assert.deepEqual(list.map(b => b.tabIndex), [-1, -1, -1, 0]);
	});

	it('shows a change on its way and disables the buttons; shows a refusal as an alert', () => {
		const pending = snap({ thread: thread({ state: 'CLOSED', actions: ['labels', 'reopen', 'lock'], pending: 'close' }) });
		draw(pending);
		assert.equal(root.querySelector('.moderation-status[role=status]')!.textContent, '«pending.close»');
		assert.deepEqual(buttons(header()).map(b => b.disabled), [true, true, true, false], 'Open on GitHub never waits');
		assert.deepEqual(threadButtons(pending.thread!, pending).map(b => b.disabled), [true, true, true, false]);
		draw(snap({ running: { action: 'hide', commentId: 'C_1' } }));
		assert.ok(buttons(header()).slice(0, 3).every(b => b.disabled), 'one action at a time');
		assert.ok(buttons(root.querySelector('article[data-comment-id="C_1"] [role=toolbar]')!).every(b => b.disabled));
		assert.deepEqual(commentButtons(comment('C_2', { actions: ['hide'] }), snap({ running: { action: 'hide', commentId: 'C_1' } })).map(b => b.disabled), [false]);
		draw(snap({ notice: 'GitHub said no' }));
		assert.equal(root.querySelector('.moderation-notice[role=alert]')!.textContent, 'GitHub said no');
		assert.equal(root.querySelector('.moderation-status')!.textContent, '');
	});

	it('marks a comment whose change is on its way', () => {
		draw(snap({ thread: thread({ comments: [comment('C_1', { isMinimized: true, pending: 'hide', actions: ['unhide'] })] }) }));
		const article = root.querySelector('article[data-comment-id="C_1"]')!;
		assert.equal(article.getAttribute('aria-busy'), 'true');
		assert.equal(article.querySelector('.comment-pending')!.textContent, '«pending.hide»');
	});

	it('keeps the reply box on a locked thread for viewers who may still comment, with a note', () => {
		draw(snap({ thread: thread({ locked: true, canReply: true }) }));
		assert.equal(root.querySelector('.locked-note')!.textContent!.trim(), '«lockedCanReply»');
		assert.ok(root.contains(mainBox));
		assert.ok(root.querySelector('vscode-button[data-reply-to="C_1"]'), 'inline Reply buttons too');
		draw(snap({ thread: thread({ locked: true, canReply: false }) }));
		assert.equal(root.querySelector('.locked-note')!.textContent!.trim(), '«lockedNoReply»');
		assert.ok(!root.contains(mainBox));
		assert.equal(root.querySelector('vscode-button[data-reply-to]'), null);
	});

	it('offers "Load more" for comments and replies, disabled while loading', () => {
		const t = thread({ hasMoreComments: true, comments: [comment('C_1', { hasMoreReplies: true, replies: [comment('R_1')] })] });
		draw(snap({ thread: t }));
		const all = root.querySelector('main > [data-load-more=""]') as HTMLElement;
		const replies = root.querySelector('article[data-comment-id="C_1"] [data-load-more="C_1"]') as HTMLElement;
		assert.equal(all.textContent, '«loadMoreComments»');
		assert.equal(replies.textContent, '«loadMoreReplies»');
		all.click();
		replies.click();
		assert.deepEqual(more, [null, 'C_1']);
		draw(snap({ thread: t, loadingMore: [''] }));
		const busy = root.querySelector('main > [data-load-more=""]')!;
		assert.deepEqual([busy.hasAttribute('disabled'), busy.textContent], [true, '«loadingMore»']);
		assert.equal(root.querySelector('[data-load-more="C_1"]')!.hasAttribute('disabled'), false);
	});
});
