// UI end-to-end flows in a real VS Code (code-server) in headless chromium, against the GitHub
// sandbox (demo size). The extension is "installed" by linking the project into the run's
// extensions folder, so the workbench loads it like a user's install. Assumes `npm run build` ran.
// Prints `  ✔ name` / `  ✘ name: error` per flow and `e2e: N passed, N failed` at the end.
// Failures: screenshots + code-server log in test-results/. Success: test-results/tree.png, and with
// `--update-screenshot` (or UPDATE_SCREENSHOT=1) also the README's media/screenshots/tree.png.
import { copyFileSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import {
	EXTENSION_ID, RESULTS, ROOT, WORKSPACE, baseUserSettings, freshRunDir, launchChromium, log, newPage, openWorkbench, sandboxEnv, sleep, startCodeServer, startSandbox, stopAll,
} from './codeServer.mjs';

const STEP_MS = 30_000; // per UI wait: generous for 2 cores, but bounded
const SCREENSHOT = join(ROOT, 'media', 'screenshots', 'tree.png');

// The team template of the "Reply with Template" flow: the starter "Answered and closing" adapted
// (a label and close as resolved; no answer to mark from the thread's own box). The flow writes it into
// the workspace and removes it again (also at the end of the run, should the flow be interrupted).
const E2E_TEMPLATE_DIR = join(WORKSPACE, '.github', 'saved-replies');
const E2E_TEMPLATE = join(E2E_TEMPLATE_DIR, 'e2e-answered-and-closing.md');
const E2E_TEMPLATE_TITLE = 'E2E answered and closing';

function writeE2ETemplate(label, token) {
	mkdirSync(E2E_TEMPLATE_DIR, { recursive: true });
	writeFileSync(E2E_TEMPLATE, ['---', `title: ${E2E_TEMPLATE_TITLE}`, 'description: The question is answered; label it and close', 'appliesTo: discussion',
		'actions:', `  addLabels: [${JSON.stringify(label)}]`, '  close: { reason: RESOLVED }', '---',
		`Glad this is sorted out, @{{author}}! I'm closing this discussion. ${token}`, ''].join('\n'));
}

/** Removes the flow's template, and the folders when they are left empty (the fixture workspace has none). */
function removeE2ETemplate() {
	rmSync(E2E_TEMPLATE, { force: true });
	for (const dir of [E2E_TEMPLATE_DIR, join(WORKSPACE, '.github')]) {
		try {
			if (readdirSync(dir).length === 0) rmdirSync(dir);
		} catch { /* already gone */ }
	}
}

/** The tree of one view, found through its accessible name (the view title). */
const tree = (page, view) => page.getByRole('tree', { name: view });
/** A row of a tree by accessible name. */
const row = (page, view, name) => tree(page, view).getByRole('treeitem', { name }).first();

/** Expands a collapsed tree row (a click toggles, so only click when it is collapsed). */
async function expand(item) {
	await item.waitFor({ timeout: STEP_MS });
	if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
	// poll through the locator: the list recycles row elements, so a stored element handle could go stale
	for (const end = Date.now() + STEP_MS; Date.now() < end; await sleep(100)) {
		if ((await item.getAttribute('aria-expanded', { timeout: STEP_MS })) === 'true') return;
	}
	throw new Error('row did not expand');
}

/** Collapses an expanded tree row. */
async function collapse(item) {
	await item.waitFor({ timeout: STEP_MS });
	if ((await item.getAttribute('aria-expanded')) === 'true') await item.click();
}

/** Makes sure a view's pane is expanded (its header toggles the body). */
async function expandPane(page, view) {
	const header = page.locator('.pane-header', { hasText: view }).first();
	await header.waitFor({ timeout: STEP_MS });
	if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

/** Drags the side bar's sash so tree labels are not truncated in the screenshot. */
async function widenSideBar(page, width) {
	const box = await page.locator('.part.sidebar').boundingBox();
	if (!box) return;
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + box.width + 1, y);
	await page.mouse.down();
	await page.mouse.move(box.x + width, y, { steps: 5 });
	await page.mouse.up();
}

/** Waits (bounded, best effort) until no view in the side bar shows a progress bar. */
async function settled(page) {
	await page.locator('.part.sidebar .monaco-progress-container.active').first()
		.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
}

/** The content frame of the (only) thread panel. */
const threadFrame = page => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** Waits (bounded) until a text field has a value. */
async function waitForValue(locator, value) {
	await locator.waitFor({ timeout: STEP_MS });
	for (const end = Date.now() + STEP_MS; Date.now() < end; await sleep(200)) {
		if ((await locator.inputValue().catch(() => undefined)) === value) return;
	}
	throw new Error(`expected the value ${JSON.stringify(value)}, got ${JSON.stringify(await locator.inputValue().catch(() => '?'))}`);
}

/** The first frame (any webview) that shows an element matching the selector. */
async function frameWith(page, selector) {
	for (const end = Date.now() + STEP_MS; Date.now() < end; await sleep(200)) {
		for (const frame of page.frames()) {
			if (await frame.locator(selector).count().catch(() => 0)) return frame;
		}
	}
	throw new Error(`no webview shows ${selector}`);
}

/**
 * Records every request of the browser context and every CSP report on the console, so a flow can
 * check that rendering sent nothing to a host other than code-server and the sandbox (W1, W9).
 */
function watchNetwork(page, allowedUrls) {
	const allowed = new Set(allowedUrls.map(u => new URL(u).host));
	// Webview resources (`*.vscode-resource.vscode-cdn.net`, the webview's cspSource) are served inside the browser by the
	// webview's service worker from the extension folder: they never leave for that host.
	const local = u => allowed.has(new URL(u).host) || new URL(u).hostname.endsWith('.vscode-resource.vscode-cdn.net');
	const net = { requests: [], csp: [], foreign: from => net.requests.slice(from).filter(u => /^https?:/i.test(u) && !local(u)) };
	page.context().on('request', r => net.requests.push(r.url()));
	page.on('console', m => { if (/Content.Security.Policy/i.test(m.text())) net.csp.push(m.text()); });
	return net;
}

/** W9's second host: a server on 127.0.0.2 that counts every request it gets (an "attacker" image host). */
async function startHitCounter() {
	const hits = [];
	const server = createServer((req, res) => { hits.push(req.url); res.writeHead(204).end(); });
	await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.2', resolve));
	return { url: `http://127.0.0.2:${server.address().port}`, hits, close: () => new Promise(resolve => server.close(resolve)) };
}

/** Polls until a condition holds (bounded). */
async function until(check, what) {
	for (const end = Date.now() + STEP_MS; Date.now() < end; await sleep(100)) if (await check()) return;
	throw new Error(`timed out: ${what}`);
}

/**
 * Runs an entry of a tree row's context menu. A tree refresh (a background sync ends) re-renders the
 * rows and closes an open menu, so the menu is opened again, a few times at most.
 */
async function fromContextMenu(page, item, entry) {
	for (let attempt = 1; ; attempt++) {
		await settled(page);
		await item.click({ button: 'right', timeout: STEP_MS });
		try {
			const menuItem = page.getByRole('menuitem', { name: entry, exact: true });
			await menuItem.waitFor({ timeout: 5_000 });
			// The workbench ignores a mouse-up that comes right after the menu opened (it would be the
			// right-click's own release); give it a moment, and fall back to the keyboard if the click
			// still left the menu open.
			await sleep(300);
			await menuItem.click({ timeout: 5_000 });
			if (!(await menuItem.waitFor({ state: 'detached', timeout: 2_000 }).then(() => true, () => false))) {
				await menuItem.focus();
				await page.keyboard.press('Enter');
				await menuItem.waitFor({ state: 'detached', timeout: 5_000 });
			}
			return;
		} catch (err) {
			if (attempt === 3) throw new Error(`no "${entry}" in the context menu: ${String(err?.message ?? err).split('\n')[0]}`);
			await page.keyboard.press('Escape');
		}
	}
}

/** A GraphQL call to the sandbox (as mona unless another token is given); rejects on errors. */
async function sandboxGraphQL(sandbox, query, variables, token = sandbox.token) {
	const res = await fetch(`${sandbox.url}/graphql`, {
		method: 'POST', headers: { authorization: `token ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
	}).then(r => r.json());
	if (res.errors) throw new Error(`sandbox GraphQL: ${JSON.stringify(res.errors)}`);
	return res.data;
}

/**
 * Personal saved replies for the Saved Replies flow, in the run's global storage (so the fixture
 * workspace stays untouched): one that works and one with an unknown setting on line 3.
 */
function seedSavedReplies(runDir) {
	const dir = join(runDir, 'user-data', 'User', 'globalStorage', EXTENSION_ID, 'saved-replies');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'e2e-welcome.md'), '---\ntitle: E2E welcome\ndescription: Greets a newcomer\n---\nWelcome, **@{{author}}**! Tell us {{input:What you tried}}.\n');
	writeFileSync(join(dir, 'e2e-broken.md'), '---\ntitle: E2E broken\ncolour: red\n---\nHello {{nobody}}\n');
}

/** Runs a command from the command palette by its title. */
async function runCommand(page, title) {
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ timeout: STEP_MS });
	await input.fill(`>${title}`);
	await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_MS });
	await page.keyboard.press('Enter');
}

// Row names: a row's accessible name is the extension's screen-reader label when it sets one
// ("Repository acme/rocket, configured", "Discussion 12: …"), else the visible label ("#12 …").
const REPO = /^(Repository )?acme\/rocket(,|$)/;
const DOCS_REPO = /^(Repository )?acme\/rocket-docs(,|$)/;
const CATEGORY = /^(Category )?\S* ?(General|Q&A|Announcements|Ideas)/;
const DISCUSSION = /^(#|Discussion )\d+/;
const OPEN_QUERY = /^(Issue query )?Open\b/;
const ISSUE = /^(#|Issue )\d+/;

/** The flows, in order; each one starts where the previous one left the workbench. */
const flows = [
	['opens the Community Desk container', async ({ page, activity }) => {
		await activity.click();
		await widenSideBar(page, 560);
		await row(page, 'Discussions', REPO).waitFor({ timeout: STEP_MS });
	}],
	['shows categories and discussions of acme/rocket', async ({ page }) => {
		await expand(row(page, 'Discussions', REPO));
		await expand(row(page, 'Discussions', CATEGORY));
		await row(page, 'Discussions', DISCUSSION).waitFor({ timeout: STEP_MS });
	}],
	['shows open issues of acme/rocket', async ({ page }) => {
		await expandPane(page, 'Issues');
		await expand(row(page, 'Issues', REPO));
		await expand(row(page, 'Issues', OPEN_QUERY));
		await row(page, 'Issues', ISSUE).waitFor({ timeout: STEP_MS });
	}],
	['keeps rows after refresh', async ({ page, shots }) => {
		await settled(page);
		shots.tree = await page.screenshot();
		const header = page.locator('.pane-header', { hasText: 'Discussions' }).first();
		await header.hover();
		await header.getByRole('button', { name: /Refresh/ }).first().click({ timeout: STEP_MS });
		await row(page, 'Discussions', DISCUSSION).waitFor({ timeout: STEP_MS });
		await row(page, 'Issues', ISSUE).waitFor({ timeout: STEP_MS });
	}],
	['closes an open issue from the Issues tree\'s context menu with a reason; it leaves Open and GitHub shows it closed', async ({ page, sandbox }) => {
		const first = row(page, 'Issues', ISSUE);
		const name = await first.getAttribute('aria-label', { timeout: STEP_MS });
		const number = Number(/^(?:#|Issue )(\d+)/.exec(name ?? '')?.[1]);
		if (!number) throw new Error(`no issue number in the row "${name}"`);
		const issueRow = tree(page, 'Issues').getByRole('treeitem', { name: new RegExp(`^(#|Issue )${number}\\b`) }).first();
		await fromContextMenu(page, issueRow, 'Close…');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Not planned' }).first().click({ timeout: STEP_MS })
			.catch(err => { throw new Error(`no close reason to pick: ${err.message.split('\n')[0]}`); });
		await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Continue' }).click({ timeout: STEP_MS })
			.catch(err => { throw new Error(`no confirmation: ${err.message.split('\n')[0]}`); });
		await issueRow.waitFor({ state: 'detached', timeout: STEP_MS });
		const read = `query($n: Int!) { repository(owner: "acme", name: "rocket") { issue(number: $n) { id state stateReason } } }`;
		const { repository: { issue } } = await sandboxGraphQL(sandbox, read, { n: number });
		if (issue.state !== 'CLOSED' || issue.stateReason !== 'NOT_PLANNED') throw new Error(`#${number} on GitHub: ${issue.state} ${issue.stateReason}`);
		// Put it back for the later flows: reopened on GitHub, back under Open after a refresh.
		await sandboxGraphQL(sandbox, 'mutation($id: ID!) { reopenIssue(input: { issueId: $id }) { issue { state } } }', { id: issue.id });
		const header = page.locator('.pane-header', { hasText: 'Issues' }).first();
		await header.hover();
		await header.getByRole('button', { name: /Refresh/ }).first().click({ timeout: STEP_MS });
		await issueRow.waitFor({ timeout: STEP_MS });
	}],
	['opens a discussion in the thread panel from the tree, rendering hostile content inert', async ({ page, shots }) => {
		await collapse(row(page, 'Discussions', REPO));
		await expand(row(page, 'Discussions', DOCS_REPO));
		await expand(row(page, 'Discussions', /^(Category )?\S* ?General/));
		await row(page, 'Discussions', /Security corpus/).click({ timeout: STEP_MS });
		const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
		await panel.locator('h1.title', { hasText: 'Security corpus' }).waitFor({ timeout: STEP_MS });
		await panel.locator('section.comments article.comment').first().waitFor({ timeout: STEP_MS });
		await panel.getByText('hover me').first().hover().catch(() => {});
		const found = await panel.locator('#root').evaluate(root => ({
			pwn: window.__pwn,
			comments: root.querySelectorAll('section.comments article.comment').length,
			bad: root.querySelectorAll('script, iframe, object, embed, form, svg, math, style, link, base, meta, a[href^="javascript" i], a[href^="command" i], a[href^="data" i], [onerror], [onclick], [onmouseover], [style*="url"]').length,
			images: [...root.querySelectorAll('img[src]')].map(i => i.getAttribute('src')).filter(s => !s.startsWith('https:')).length,
		}));
		if (found.pwn !== undefined || found.bad !== 0 || found.images !== 0 || found.comments < 1) throw new Error(`not inert: ${JSON.stringify(found)}`);
		shots.thread = await page.screenshot();
	}],
	['renders the security corpus under its CSP: nothing past the sanitiser, no request to a third host (W1, W9)', async ({ page, net, counter }) => {
		// The counter and the request log both see a browser request to the second host…
		const probe = await page.context().newPage();
		await probe.goto(`${counter.url}/probe`).catch(() => {});
		await probe.close();
		if (counter.hits.length !== 1 || !net.foreign(0).some(u => u.startsWith(counter.url))) throw new Error(`the probe was not counted: ${JSON.stringify(counter.hits)}`);
		// …and the panel's violation listener hears its CSP refuse an image from there (never fetched).
		const body = threadFrame(page).locator('body');
		await body.evaluate((b, url) => {
			window.__csp = [];
			document.addEventListener('securitypolicyviolation', e => window.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition }), true);
			const img = document.createElement('img');
			img.id = 'csp-probe';
			img.src = `${url}/csp-probe.png`;
			b.append(img);
		}, counter.url);
		await until(() => body.evaluate(() => window.__csp.length > 0), 'the CSP refused the probe image');
		const refused = await body.evaluate(() => { document.getElementById('csp-probe')?.remove(); return window.__csp.splice(0); });
		if (refused[0]?.directive !== 'img-src' || !refused[0].blocked.startsWith(counter.url)) throw new Error(`unexpected probe report: ${JSON.stringify(refused)}`);
		// Now render the hostile thread again with everything listening.
		const from = net.requests.length;
		const cspFrom = net.csp.length;
		await body.evaluate(() => document.querySelector('h1.title')?.setAttribute('data-old', ''));
		await threadFrame(page).locator('.toolbar vscode-button', { hasText: 'Refresh' }).first().click({ timeout: STEP_MS });
		await threadFrame(page).locator('h1.title:not([data-old])', { hasText: 'Security corpus' }).waitFor({ timeout: STEP_MS });
		await threadFrame(page).locator('section.comments article.comment').first().waitFor({ timeout: STEP_MS });
		await threadFrame(page).getByText('hover me').first().hover().catch(() => {});
		await body.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
		await sleep(1500); // lazy images and anything else the render might start
		// Chromium checks this page's CSP while DOMPurify's DOMParser builds its inert copy of a body, so the corpus's inline
		// handlers, inline styles and <base> are reported (and blocked) before the sanitiser drops them. Anything else (a
		// resource the live page tried to load, a report-only policy, an inline script) would be a hole.
		const parsedOnly = v => v.disposition === 'enforce' && (v.directive === 'base-uri' || (['script-src-attr', 'style-src-attr', 'style-src-elem'].includes(v.directive) && v.blocked === 'inline'));
		const violations = await body.evaluate(() => window.__csp);
		const found = {
			unexpected: violations.filter(v => !parsedOnly(v)), console: net.csp.slice(cspFrom).filter(m => !/has been blocked/.test(m)),
			foreign: net.foreign(from), hits: counter.hits.length, pwn: await body.evaluate(() => window.__pwn),
		};
		if (found.unexpected.length || found.console.length || found.foreign.length || found.hits !== 1 || found.pwn !== undefined) {
			throw new Error(`not contained: ${JSON.stringify(found)}`);
		}
		log(`CSP: ${violations.length} blocked while sanitising, ${found.foreign.length} requests to other hosts, ${found.hits - 1} hits on the second host`);
	}],
	['locks and unlocks the discussion from the panel toolbar with the keyboard; the panel follows', async ({ page }) => {
		const panel = threadFrame(page);
		await panel.locator('header [role="toolbar"] button[data-action="lock"]').focus({ timeout: STEP_MS });
		await page.keyboard.press('Enter');
		await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ timeout: STEP_MS });
		await page.keyboard.press('Enter'); // the first lock reason
		await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Continue' }).click({ timeout: STEP_MS });
		await panel.locator('header [role="toolbar"] button[data-action="unlock"]').waitFor({ timeout: STEP_MS });
		await panel.locator('.meta', { hasText: 'Locked' }).waitFor({ timeout: STEP_MS });
		// mona maintains the repository, so the reply box stays, with a note that the thread is locked
		await panel.locator('.locked-note').waitFor({ timeout: STEP_MS });
		await panel.locator('section.reply-box[data-reply="main"]').waitFor({ timeout: STEP_MS });
		await panel.locator('header [role="toolbar"] button[data-action="unlock"]').click({ timeout: STEP_MS });
		await panel.locator('header [role="toolbar"] button[data-action="lock"]').waitFor({ timeout: STEP_MS });
		await panel.locator('.locked-note').waitFor({ state: 'detached', timeout: STEP_MS });
	}],
	['replies to the discussion with Ctrl+Enter and shows the reply in the panel', async ({ page }) => {
		const panel = threadFrame(page);
		const text = `E2E reply ${Date.now()}`;
		const box = panel.locator('section.reply-box[data-reply="main"] textarea');
		await box.click({ timeout: STEP_MS });
		await box.pressSequentially(text);
		await box.press('Control+Enter');
		await panel.locator('section.comments > article.comment', { hasText: text }).first().waitFor({ timeout: STEP_MS });
		await waitForValue(box, '');
	}],
	['opens the reply box of a comment and posts a nested reply under it', async ({ page }) => {
		const panel = threadFrame(page);
		const text = `E2E nested reply ${Date.now()}`;
		const first = panel.locator('section.comments > article.comment').first();
		await first.locator('vscode-button[data-reply-to]').click({ timeout: STEP_MS });
		const box = first.locator('section.reply-box.inline textarea');
		await box.waitFor({ timeout: STEP_MS });
		await box.pressSequentially(text);
		await box.press('Control+Enter');
		await panel.locator('section.comments > article.comment').first().locator('.replies article.comment', { hasText: text }).waitFor({ timeout: STEP_MS });
	}],
	['replies with a team template from the thread panel; GitHub shows the reply once, its label and the close reason', async ({ page, sandbox }) => {
		const panel = threadFrame(page);
		const number = Number((await panel.locator('h1.title .number').textContent({ timeout: STEP_MS }))?.replace('#', ''));
		if (!number) throw new Error('no discussion number in the panel');
		const read = `query($n: Int!) { repository(owner: "acme", name: "rocket-docs") {
			labels(first: 100) { nodes { id name } }
			discussion(number: $n) { id closed stateReason labels(first: 100) { nodes { id name } } comments(last: 100) { nodes { body } } } } }`;
		const before = (await sandboxGraphQL(sandbox, read, { n: number })).repository;
		const label = before.labels.nodes.find(l => !before.discussion.labels.nodes.some(x => x.id === l.id));
		if (!label || before.discussion.closed) throw new Error(`#${number}: no label to add, or already closed`);
		const token = `E2E template reply ${Date.now()}`;
		writeE2ETemplate(label.name, token);
		try {
			await runCommand(page, 'Community Desk: Reply with Template…');
			const input = page.locator('.quick-input-widget input');
			await input.fill(E2E_TEMPLATE_TITLE);
			await page.locator('.quick-input-list .monaco-list-row', { hasText: E2E_TEMPLATE_TITLE }).first().click({ timeout: STEP_MS })
				.catch(err => { throw new Error(`the team template is not offered: ${err.message.split('\n')[0]}`); });
			const box = panel.locator('section.reply-box[data-reply="main"]');
			await until(async () => ((await box.locator('textarea').inputValue().catch(() => '')) ?? '').includes(token), 'the rendered template in the reply box');
			const pending = (await box.locator('.reply-pending p').textContent({ timeout: STEP_MS })) ?? '';
			if (!pending.includes(label.name) || !pending.includes('RESOLVED')) throw new Error(`the box does not list the actions: "${pending}"`);
			await box.locator('vscode-button', { hasText: 'Send' }).first().click({ timeout: STEP_MS });
			await panel.locator('section.comments > article.comment', { hasText: token }).first().waitFor({ timeout: STEP_MS });
			let after;
			await until(async () => {
				after = (await sandboxGraphQL(sandbox, read, { n: number })).repository.discussion;
				return after.closed && after.labels.nodes.some(l => l.id === label.id);
			}, 'the label and the close on GitHub');
			const replies = after.comments.nodes.filter(c => c.body.includes(token)).length;
			if (after.stateReason !== 'RESOLVED' || replies !== 1) throw new Error(`#${number} on GitHub: ${after.stateReason}, ${replies} replies`);
		} finally {
			removeE2ETemplate();
			// Leave the discussion as the later flows expect it: open, without the label.
			const id = before.discussion.id;
			await sandboxGraphQL(sandbox, 'mutation($id: ID!, $l: [ID!]!) { removeLabelsFromLabelable(input: { labelableId: $id, labelIds: $l }) { clientMutationId } }', { id, l: [label.id] });
			await sandboxGraphQL(sandbox, 'mutation($id: ID!) { reopenDiscussion(input: { discussionId: $id }) { discussion { closed } } }', { id });
			await panel.locator('.toolbar vscode-button', { hasText: 'Refresh' }).first().click({ timeout: STEP_MS }).catch(() => {});
		}
	}],
	['keeps a typed draft when the panel is closed and restores it on reopen', async ({ page }) => {
		const text = `E2E draft ${Date.now()}`;
		const box = threadFrame(page).locator('section.reply-box[data-reply="main"] textarea');
		await box.click({ timeout: STEP_MS });
		await box.pressSequentially(text);
		await sleep(1000); // the debounced save (≤ 500 ms) reaches the host
		await runCommand(page, 'View: Close All Editors');
		await page.locator('iframe.webview.ready').first().waitFor({ state: 'detached', timeout: STEP_MS });
		await row(page, 'Discussions', /Security corpus/).click({ timeout: STEP_MS });
		await waitForValue(threadFrame(page).locator('section.reply-box[data-reply="main"] textarea'), text);
	}],
	['opens Community Stats with numbers and a table alternative for each chart, under its CSP', async ({ page, shots, net }) => {
		await runCommand(page, 'View: Close All Editors');
		const cspFrom = net.csp.length;
		await runCommand(page, 'Community Desk: Open Community Stats');
		const panel = await frameWith(page, 'section.cards-section .card-value');
		const values = await panel.locator('.card-value').allTextContents();
		if (values.length < 6 || !values.some(v => /\d/.test(v))) throw new Error(`no numbers in the cards: ${JSON.stringify(values)}`);
		await panel.locator('figure.chart canvas[role="img"]').first().scrollIntoViewIfNeeded({ timeout: STEP_MS });
		await sleep(500); // the charts' first paint
		writeFileSync(join(RESULTS, 'stats-charts.png'), await page.screenshot());
		for (const id of ['waiting', 'firstResponse', 'answers']) {
			const figure = panel.locator(`figure.chart[data-chart="${id}"]`);
			await figure.locator('canvas[role="img"][aria-label]').waitFor({ timeout: STEP_MS });
			await figure.locator('button[aria-pressed="false"]').click({ timeout: STEP_MS });
			await figure.locator('table.data tbody tr').first().waitFor({ timeout: STEP_MS });
			if ((await figure.locator('button[aria-pressed]').getAttribute('aria-pressed')) !== 'true') throw new Error(`${id}: the toggle does not say it is pressed`);
			if (await figure.locator('canvas').count()) throw new Error(`${id}: the chart is still shown beside its table`);
		}
		const days = await panel.locator('figure.chart[data-chart="waiting"] table.data tbody tr').count();
		if (days !== 30) throw new Error(`the waiting table has ${days} rows, not one per day of the last 30`);
		const person = panel.locator('section.people[data-list="leaderboard"] tbody th button.link').first();
		const login = (await person.textContent())?.trim();
		await person.click({ timeout: STEP_MS });
		await panel.locator('.person-card h2', { hasText: login }).waitFor({ timeout: STEP_MS });
		await page.keyboard.press('Escape');
		await panel.locator('.person-card').waitFor({ state: 'detached', timeout: STEP_MS });
		// Chart.js draws and the tables replace the charts without a single CSP refusal (no inline style or eval).
		const refused = net.csp.slice(cspFrom);
		if (refused.length) throw new Error(`CSP violations in the stats panel: ${JSON.stringify(refused)}`);
		await panel.locator('h1').first().scrollIntoViewIfNeeded().catch(() => {});
		shots.stats = await page.screenshot();
	}],
	['shows My Engagement beside the community median', async ({ page }) => {
		await expandPane(page, 'My Engagement');
		const view = await frameWith(page, 'table.engagement tbody tr');
		const heading = (await view.locator('h2').first().textContent())?.trim();
		if (heading !== 'mona') throw new Error(`My Engagement is for ${heading}, not the signed-in mona`);
		const mine = await view.locator('table.engagement tbody td.mine .value').allTextContents();
		const median = await view.locator('table.engagement tbody td.median .value').allTextContents();
		if (mine.length !== 6 || median.length !== 6 || !mine.every(v => /\d/.test(v))) throw new Error(`rows: ${JSON.stringify({ mine, median })}`);
		writeFileSync(join(RESULTS, 'engagement.png'), await page.screenshot());
	}],
	['opens the triage queue and filters it to first-timers', async ({ page }) => {
		await runCommand(page, 'View: Close All Editors');
		await runCommand(page, 'Community Desk: Open Triage Queue');
		const queue = await frameWith(page, 'table.queue tr.row');
		await queue.getByRole('checkbox', { name: 'First-timers only' }).check({ timeout: STEP_MS });
		await until(async () => (await queue.locator('tr.row').count()) > 0
			&& (await queue.locator('tr.row').count()) === (await queue.locator('tr.row td.author .badge').count()), 'only first-timer rows');
	}],
	['opens a first-timer issue from the queue, labels it and closes it with a reason; it leaves the queue', async ({ page }) => {
		let queue = await frameWith(page, 'table.queue tr.row');
		const issue = queue.locator('tr.row', { has: queue.locator('.codicon-issues') }).first();
		const id = await issue.getAttribute('data-id', { timeout: STEP_MS });
		const number = (await issue.locator('td.title').textContent()).match(/#(\d+)/)[1];
		await issue.locator('td.reason').click();
		await page.keyboard.press('Enter');
		await frameWith(page, 'h1.title');
		await page.locator('.tabs-container .tab', { hasText: 'Triage Queue' }).first().click();
		queue = await frameWith(page, `table.queue tr.row[data-id="${id}"]`);
		const row = queue.locator(`tr.row[data-id="${id}"]`);
		// L: the moderation command's label picker; tick the first label the issue does not have yet
		await row.locator('td.reason').click();
		await page.keyboard.press('l');
		const unticked = page.locator('.quick-input-list .monaco-list-row[aria-checked="false"]').first();
		await unticked.waitFor({ timeout: STEP_MS });
		const label = (await unticked.locator('.label-name').first().textContent()).trim();
		await unticked.click();
		await page.keyboard.press('Enter');
		await until(async () => ((await row.locator('td').nth(3).textContent()) ?? '').includes(label), `label "${label}" on #${number}`);
		// C: close with a reason (the second one: "not planned"), confirmed in the host's modal
		await row.locator('td.reason').click();
		await page.keyboard.press('c');
		await page.locator('.quick-input-list .monaco-list-row').nth(1).click({ timeout: STEP_MS });
		await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Continue' }).click({ timeout: STEP_MS });
		await row.waitFor({ state: 'detached', timeout: STEP_MS });
	}],
	['snoozes an item until its author replies and shows it again after the reply', async ({ page, sandbox }) => {
		const queue = await frameWith(page, 'table.queue tr.row');
		await queue.getByRole('checkbox', { name: 'First-timers only' }).uncheck({ timeout: STEP_MS });
		const first = queue.locator('tr.row').first();
		await until(async () => (await queue.locator('tr.row').count()) > (await queue.locator('tr.row td.author .badge').count()), 'the filter is off');
		const id = await first.getAttribute('data-id');
		const kind = (await first.locator('.codicon-issues').count()) > 0 ? 'issue' : 'discussion';
		const author = await first.locator('td.author').evaluate(td => td.firstChild.textContent.trim());
		await first.locator('td.reason').click();
		await page.keyboard.press('s');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Until the author replies' }).first().click({ timeout: STEP_MS });
		const row = queue.locator(`tr.row[data-id="${id}"]`);
		await row.waitFor({ state: 'detached', timeout: STEP_MS });
		// the author replies on GitHub (a token for them from the sandbox's control endpoint)
		const added = await fetch(`${sandbox.url}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: author }) });
		if (added.status !== 201) throw new Error(`no token for ${author}: ${added.status}`);
		const { token } = await added.json();
		const mutation = kind === 'issue'
			? 'mutation($id: ID!, $body: String!) { addComment(input: { subjectId: $id, body: $body }) { clientMutationId } }'
			: 'mutation($id: ID!, $body: String!) { addDiscussionComment(input: { discussionId: $id, body: $body }) { clientMutationId } }';
		const reply = await fetch(`${sandbox.url}/graphql`, {
			method: 'POST', headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ query: mutation, variables: { id, body: 'Any news on this?' } }),
		}).then(r => r.json());
		if (reply.errors) throw new Error(`the author's reply failed: ${JSON.stringify(reply.errors)}`);
		await queue.getByRole('button', { name: 'Refresh' }).click();
		await row.waitFor({ timeout: STEP_MS });
	}],
	['manages saved replies: opens the panel from the command palette, searches, previews a template and lists a broken file with its line', async ({ page, net }) => {
		await runCommand(page, 'View: Close All Editors');
		const cspFrom = net.csp.length;
		await runCommand(page, 'Community Desk: Manage Saved Replies');
		// (the command palette's list is a listbox too: look for the panel's own)
		const panel = await frameWith(page, 'section.catalog [role="listbox"] [role="option"]');
		const welcome = panel.getByRole('option', { name: /^E2E welcome\b/ });
		await welcome.click({ timeout: STEP_MS });
		// "/" moves to the search box; the host filters as the user types
		await page.keyboard.press('/');
		await page.keyboard.type('e2e welcome');
		await until(async () => (await panel.getByRole('option').count()) === 1 && (await welcome.count()) === 1, 'only the matching saved reply is listed');
		// the arrow keys move into the list, Enter previews
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		const preview = panel.locator('section.preview');
		await preview.locator('h2', { hasText: 'E2E welcome' }).waitFor({ timeout: STEP_MS });
		await preview.locator('.markdown-body strong', { hasText: '@octocat' }).waitFor({ timeout: STEP_MS });
		await preview.locator('.markdown-body', { hasText: '«What you tried»' }).waitFor({ timeout: STEP_MS });
		await preview.locator('.variable-input code', { hasText: '{{input:What you tried}}' }).waitFor({ timeout: STEP_MS });
		// the broken file is listed, with its file:line and what is wrong there
		await panel.getByRole('searchbox', { name: 'Search saved replies' }).fill('e2e-broken');
		const broken = panel.locator('[role="option"].broken');
		await broken.locator('.error', { hasText: 'saved-replies/e2e-broken.md:3' }).waitFor({ timeout: STEP_MS });
		const problem = (await broken.locator('.error').first().textContent()) ?? '';
		if (!/Unknown setting "colour"/.test(problem)) throw new Error(`the broken row says: ${problem}`);
		await broken.locator('.option-title').click();
		await preview.locator('.variable-unknown code', { hasText: '{{nobody}}' }).waitFor({ timeout: STEP_MS });
		const refused = net.csp.slice(cspFrom);
		if (refused.length) throw new Error(`CSP violations in the Saved Replies panel: ${JSON.stringify(refused)}`);
		writeFileSync(join(RESULTS, 'saved-replies.png'), await page.screenshot());
	}],
	['signs out and shows the welcome view', async ({ page }) => {
		await runCommand(page, 'Community Desk: Sign Out');
		await page.locator('.welcome-view', { hasText: /Sign in/ }).first().waitFor({ timeout: STEP_MS });
	}],
];

/**
 * The flows to run: all of them, or with COMMUNITY_DESK_E2E_FLOWS=a,b (substrings of flow names) the
 * first flow (it opens the container) and the matching ones, for working on one flow.
 */
function selectedFlows() {
	const wanted = (process.env.COMMUNITY_DESK_E2E_FLOWS ?? '').split(',').map(s => s.trim()).filter(Boolean);
	if (wanted.length === 0) return flows;
	return flows.filter(([name], i) => i === 0 || wanted.some(w => name.includes(w)));
}

async function main() {
	const runDir = freshRunDir('e2e');
	seedSavedReplies(runDir);
	mkdirSync(RESULTS, { recursive: true });
	const sandbox = await startSandbox({ size: 'demo' });
	const server = await startCodeServer({
		runDir, env: sandboxEnv(sandbox), installProject: true,
		userSettings: baseUserSettings(sandbox.url),
	});
	log(`sandbox ${sandbox.url}, code-server ${server.url}`);
	const browser = await launchChromium({ runDir: join(runDir, 'chromium') });
	const counter = await startHitCounter();
	const results = [];
	const shots = {};
	try {
		const page = await newPage(browser, { width: 1400, height: 900 });
		const net = watchNetwork(page, [sandbox.url, server.url]);
		const activity = await openWorkbench(page, server.workbenchUrl());
		log('workbench ready');
		for (const [name, flow] of selectedFlows()) {
			try {
				await flow({ page, activity, shots, net, counter, sandbox });
				results.push({ name, ok: true });
				console.log(`  ✔ ${name}`);
			} catch (err) {
				const file = join(RESULTS, `e2e-${results.length + 1}.png`);
				await page.screenshot({ path: file }).catch(() => {});
				results.push({ name, ok: false });
				console.log(`  ✘ ${name}: ${String(err?.message ?? err).split('\n')[0]} (screenshot ${file})`);
				// Leave no menu, quick pick or dialog open for the next flow.
				for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
			}
		}
	} catch (err) {
		// the workbench never became ready: every flow that did not run counts as failed
		const reason = String(err?.message ?? err).split('\n')[0];
		for (const [name] of selectedFlows().slice(results.length)) {
			results.push({ name, ok: false });
			console.log(`  ✘ ${name}: workbench not ready: ${reason}`);
		}
	} finally {
		await browser.close().catch(() => {});
		await counter.close();
		await stopAll();
		removeE2ETemplate();
	}
	const failed = results.filter(r => !r.ok).length;
	if (failed) {
		copyFileSync(server.logFile, join(RESULTS, 'e2e-code-server.log'));
		writeFileSync(join(RESULTS, 'e2e-sandbox.log'), sandbox.output());
		console.log(`logs: ${join(RESULTS, 'e2e-code-server.log')}`);
	} else if (shots.tree) {
		// A passing run always leaves its screenshots in test-results/; the committed README picture is
		// replaced only on request, so a test run never dirties the work tree.
		writeFileSync(join(RESULTS, 'tree.png'), shots.tree);
		if (shots.thread) writeFileSync(join(RESULTS, 'thread.png'), shots.thread);
		if (shots.stats) writeFileSync(join(RESULTS, 'stats.png'), shots.stats);
		if (process.argv.includes('--update-screenshot') || process.env.UPDATE_SCREENSHOT === '1') {
			mkdirSync(join(ROOT, 'media', 'screenshots'), { recursive: true });
			writeFileSync(SCREENSHOT, shots.tree);
			log(`screenshot ${SCREENSHOT}`);
		} else {
			log(`screenshot ${join(RESULTS, 'tree.png')} (npm run test:e2e -- --update-screenshot refreshes the README's)`);
		}
	}
	console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
	return failed ? 1 : 0;
}

main().then(code => process.exit(code), async err => {
	console.error(err);
	await stopAll();
	console.log('e2e: 0 passed, 1 failed');
	process.exit(1);
});
