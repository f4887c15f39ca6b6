/**
 * A discussion in acme/rocket-docs (demo size) whose title, body and comments carry a hostile
 * corpus: the thread panel must render it inert (no script, no navigation, no foreign request).
 * The body's `bodyHTML` is empty so clients render the markdown themselves; one comment's `bodyHTML`
 * is raw hostile HTML, as if GitHub's own sanitiser had been bypassed.
 */
import type { RepoRec, UserRec } from './records';
import type { Store } from './store';
import { wholeSeconds } from './time';

/** The title of the seeded thread. */
export const SECURITY_CORPUS_TITLE = 'Security corpus <img src=x onerror="window.__pwn=1">';

const MARKDOWN = [
	'Links: [js](javascript:window.__pwn=1) [cmd](command:workbench.action.terminal.new) [data](data:text/html,<script>window.__pwn=1</script>) [vb](vbscript:x)',
	'[entity](&#x6A;avascript:window.__pwn=1) [ok](https://example.com/) [relative](/acme/rocket-docs/issues/1) [mail](mailto:a@example.com)',
	'![tracker](http://127.0.0.2:9/t.png) ![data](data:image/png;base64,iVBORw0KGgo=)',
	'<script>window.__pwn=1</script><img src=x onerror="window.__pwn=1"><div onmouseover="window.__pwn=1">hover me</div>',
	'<svg onload="window.__pwn=1"><script>window.__pwn=1</script></svg><iframe src="http://127.0.0.2:9/"></iframe>',
	'<link rel=prefetch href="http://127.0.0.2:9/p"><base href="http://127.0.0.2:9/"><form action="http://127.0.0.2:9/"><input name=q><button>go</button></form>',
	'<style>body{display:none}</style><p style="color:red">styled</p><a href="JaVaScRiPt:window.__pwn=1">case</a> <a href=" &#14;javascript:window.__pwn=1">ws</a>',
].join('\n\n');

const HTML = [
	'<p>Raw HTML as if GitHub had let it through:</p>',
	'<script>window.__pwn=1</script><img src="x" onerror="window.__pwn=1"><a href="javascript:window.__pwn=1">js</a>',
	'<a href="command:workbench.action.terminal.new">cmd</a><a href="java&#x09;script:window.__pwn=1">tab</a>',
	'<iframe srcdoc="<script>parent.__pwn=1</script>"></iframe><object data="x"></object><embed src="x">',
	'<math><mtext><table><mglyph><style><img src=x onerror="window.__pwn=1">',
	'<details open ontoggle="window.__pwn=1"><summary>details</summary>inside</details>',
	'<meta http-equiv="refresh" content="0;url=http://127.0.0.2:9/"><link rel=dns-prefetch href="//127.0.0.2">',
].join('\n');

/** Adds the security-corpus discussion (General category, the most recently updated there). */
export function seedSecurityCorpus(store: Store, repo: RepoRec, maintainer: UserRec): void {
	const author = store.user('octocat') ?? maintainer;
	const t = store.addThread(repo, 'discussion');
	t.category = repo.categories.find(c => c.name === 'General') ?? repo.categories[0]!;
	t.title = SECURITY_CORPUS_TITLE;
	t.author = author;
	t.createdAt = wholeSeconds(store.nowMs - 2 * 3_600_000);
	t.bodyOverride = MARKDOWN;
	t.bodyHtmlOverride = '';
	const raw = store.addComment(t);
	raw.author = author;
	raw.createdAt = raw.updatedAt = t.createdAt + 60_000;
	raw.bodyOverride = 'Raw HTML comment';
	raw.bodyHtmlOverride = HTML;
	const plain = store.addComment(t);
	plain.author = maintainer;
	plain.createdAt = plain.updatedAt = t.createdAt + 120_000;
	plain.bodyOverride = MARKDOWN;
	const reply = store.addComment(t, plain);
	reply.author = author;
	reply.createdAt = reply.updatedAt = t.createdAt + 180_000;
	reply.bodyOverride = '[reply link](command:workbench.action.terminal.new) <img src=x onerror="window.__pwn=1">';
	t.updatedAt = reply.updatedAt;
}
