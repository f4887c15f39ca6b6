// UI end-to-end flows in a real VS Code (code-server) in headless chromium, against the GitHub
// sandbox (demo size). The extension is "installed" by linking the project into the run's
// extensions folder, so the workbench loads it like a user's install. Assumes `npm run build` ran.
// Prints `  ✔ name` / `  ✘ name: error` per flow and `e2e: N passed, N failed` at the end.
// Failures: screenshots + code-server log in test-results/. Success: test-results/tree.png, and with
// `--update-screenshot` (or UPDATE_SCREENSHOT=1) also the README's media/screenshots/tree.png.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	RESULTS, ROOT, baseUserSettings, freshRunDir, launchChromium, log, newPage, openWorkbench, sandboxEnv, sleep, startCodeServer, startSandbox, stopAll,
} from './codeServer.mjs';

const STEP_MS = 30_000; // per UI wait: generous for 2 cores, but bounded
const SCREENSHOT = join(ROOT, 'media', 'screenshots', 'tree.png');

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
	['signs out and shows the welcome view', async ({ page }) => {
		await runCommand(page, 'Community Desk: Sign Out');
		await page.locator('.welcome-view', { hasText: /Sign in/ }).first().waitFor({ timeout: STEP_MS });
	}],
];

async function main() {
	const runDir = freshRunDir('e2e');
	mkdirSync(RESULTS, { recursive: true });
	const sandbox = await startSandbox({ size: 'demo' });
	const server = await startCodeServer({
		runDir, env: sandboxEnv(sandbox), installProject: true,
		userSettings: baseUserSettings(sandbox.url),
	});
	log(`sandbox ${sandbox.url}, code-server ${server.url}`);
	const browser = await launchChromium({ runDir: join(runDir, 'chromium') });
	const results = [];
	const shots = {};
	try {
		const page = await newPage(browser, { width: 1400, height: 900 });
		const activity = await openWorkbench(page, server.workbenchUrl());
		log('workbench ready');
		for (const [name, flow] of flows) {
			try {
				await flow({ page, activity, shots });
				results.push({ name, ok: true });
				console.log(`  ✔ ${name}`);
			} catch (err) {
				const file = join(RESULTS, `e2e-${results.length + 1}.png`);
				await page.screenshot({ path: file }).catch(() => {});
				results.push({ name, ok: false });
				console.log(`  ✘ ${name}: ${String(err?.message ?? err).split('\n')[0]} (screenshot ${file})`);
			}
		}
	} catch (err) {
		// the workbench never became ready: every flow that did not run counts as failed
		const reason = String(err?.message ?? err).split('\n')[0];
		for (const [name] of flows.slice(results.length)) {
			results.push({ name, ok: false });
			console.log(`  ✘ ${name}: workbench not ready: ${reason}`);
		}
	} finally {
		await browser.close().catch(() => {});
		await stopAll();
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
