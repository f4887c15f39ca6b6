import { strict as assert } from 'node:assert';
import { Marked } from 'marked';
import { englishT } from '../../../src/core/l10n';
import type { Thread, ThreadComment } from '../../../src/core/model';
import { escapeInline, fenced, threadAsText } from '../../../src/core/threadText';

const HOSTILE = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> ![t](https://127.0.0.2/t.png) https://127.0.0.2/ *em* `code`';
const comment = (id: string, over: Partial<ThreadComment> = {}): ThreadComment => ({
	id, url: 'https://github.com/acme/rocket/discussions/1', author: 'octocat', authorAssociation: 'NONE', createdAt: '2024-03-01T10:00:00Z',
	body: HOSTILE, bodyHTML: '', isAnswer: false, isMinimized: false, reactions: [], replies: [], hasMoreReplies: false, ...over,
});
const thread: Thread = {
	kind: 'discussion', repo: { owner: 'acme', name: 'rocket' }, id: 'D_1', number: 7, title: `Title ${HOSTILE}`, url: 'https://github.com/acme/rocket/discussions/7',
	state: 'CLOSED', stateReason: 'OUTDATED', category: { name: 'Q&A [x](command:y)', emoji: '', isAnswerable: true }, labels: [{ id: 'L', name: '<b>bug</b>', color: 'ffffff' }],
	author: 'mona](command:x)', authorAssociation: 'OWNER', createdAt: '2024-03-01T09:00:00Z', updatedAt: '2024-03-01T09:00:00Z',
	body: 'Body\n~~~\nescape attempt [x](command:z)\n~~~~~\n<script>alert(1)</script>', bodyHTML: '<p>ignored</p>', locked: true, lockReason: 'TOO_HEATED',
	isAnswered: true, reactions: [], commentCount: 3, hasMoreComments: true,
	comments: [comment('C_1', { isAnswer: true, replies: [comment('R_1', { author: 'hubot' })], hasMoreReplies: true }), comment('C_2', { isMinimized: true, minimizedReason: 'off-topic' })],
};

describe('Open Thread as Text', () => {
	const text = threadAsText(thread, englishT, 'en');
	const html = new Marked({ gfm: true }).parse(text, { async: false });

	it('writes the facts, the post, every comment and reply, and what is left on GitHub', () => {
		assert.match(text, /^# Discussion 7: Title /);
		assert.ok(text.includes('acme/rocket · Closed · Reason: outdated · Category: Q\\&A \\[x\\]\\(command\\:y\\) · Answered · Locked (too heated)'), text);
		assert.ok(text.includes('Labels: \\<b\\>bug\\</b\\>'));
		assert.match(text, /## 3 comments/);
		assert.match(text, /### octocat · Mar 1, 2024, 10:00 AM UTC · Answer/);
		assert.match(text, /#### Reply by hubot/);
		assert.match(text, /### octocat · .* · Hidden: off topic/);
		assert.match(text, /_More replies on GitHub_/);
		assert.match(text, /_Only the first 2 comments are shown\. See the rest on GitHub\._/);
	});

	it('is inert even when rendered as Markdown: no link, image, HTML or autolink from user text', () => {
		assert.equal(/<a |<img|<script|<b>/i.test(html), false, html);
		assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the body is shown as code');
		assert.ok(html.includes('escape attempt'), 'text after a fence inside the body stays inside the block');
		assert.equal((html.match(/<pre>/g) ?? []).length, 1 + 3, 'the post, two comments and one reply: one block each');
	});

	it('escapes inline text and fences longer than any run inside', () => {
		assert.equal(escapeInline('a\nb [x](y)'), 'a b \\[x\\]\\(y\\)');
		assert.equal(fenced('x ~~~~~ y'), '~~~~~~text\nx ~~~~~ y\n~~~~~~');
		assert.equal(fenced('plain'), '~~~text\nplain\n~~~');
	});
});
