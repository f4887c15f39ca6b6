/**
 * A tiny Markdown renderer for `bodyHTML` / `bodyText`. It covers what the generators write
 * (paragraphs, headings, lists, fenced code, inline code, bold, @mentions, #refs) and escapes
 * everything else, so user-supplied HTML never comes back live (GitHub sanitizes too).
 */

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function inline(text: string, webBase: string, repoPath: string): string {
	return escapeHtml(text)
		.replace(/`([^`]+)`/g, '<code class="notranslate">$1</code>')
		.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
		.replace(/(^|\s)@([A-Za-z0-9-]+(?:\[bot\])?)/g, `$1<a class="user-mention notranslate" href="${webBase}/$2">@$2</a>`)
		.replace(/(^|\s)#(\d+)/g, `$1<a class="issue-link js-issue-link" href="${webBase}/${repoPath}/issues/$2">#$2</a>`);
}

function block(chunk: string, webBase: string, repoPath: string): string {
	const fence = /^```[^\n]*\n([\s\S]*?)\n?```$/.exec(chunk);
	if (fence) return `<div class="snippet-clipboard-content notranslate"><pre class="notranslate"><code>${escapeHtml(fence[1]!)}</code></pre></div>`;
	const heading = /^(#{1,6}) (.*)$/.exec(chunk);
	if (heading) return `<h${heading[1]!.length} dir="auto">${inline(heading[2]!, webBase, repoPath)}</h${heading[1]!.length}>`;
	const lines = chunk.split('\n');
	if (lines.every(l => /^- /.test(l))) return `<ul dir="auto">\n${lines.map(l => `<li>${inline(l.slice(2), webBase, repoPath)}</li>`).join('\n')}\n</ul>`;
	if (lines.every(l => /^\d+\. /.test(l))) return `<ol dir="auto">\n${lines.map(l => `<li>${inline(l.replace(/^\d+\. /, ''), webBase, repoPath)}</li>`).join('\n')}\n</ol>`;
	return `<p dir="auto">${lines.map(l => inline(l, webBase, repoPath)).join('<br>\n')}</p>`;
}

function chunks(markdown: string): string[] {
	const out: string[] = [];
	const re = /```[^\n]*\n[\s\S]*?```|[^\n](?:[^\n]|\n(?!\n))*/g;
	for (const m of markdown.replace(/\r\n/g, '\n').matchAll(re)) {
		const text = m[0].trim();
		if (text) out.push(text);
	}
	return out;
}

/** Renders Markdown to GitHub-flavoured HTML (subset). `repoPath` is `owner/name`. */
export function renderMarkdown(markdown: string, webBase: string, repoPath: string): string {
	return chunks(markdown).map(c => block(c, webBase, repoPath)).join('\n');
}

/** The plain text GitHub reports as `bodyText`. */
export function plainText(markdown: string): string {
	return chunks(markdown)
		.map(c => c.replace(/^```[^\n]*\n|```$/g, '').replace(/^#{1,6} /, '').replace(/^(- |\d+\. )/gm, '').replace(/\*\*|`/g, ''))
		.join('\n');
}
