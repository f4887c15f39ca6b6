// The moderation commands, built as their own bundle (`dist/moderation.js`) and loaded on first use through
// `LazyFeature` (see `esbuild.mjs`). The ModerationService they drive (writes, optimistic index changes,
// access checks for the trees) stays in the extension bundle and comes in through `createModerationFeature`,
// with the logger, the server's web URL and the GitHubError guard: this bundle holds its own copies of the
// pure modules it imports, so it must not import a service or a class the extension bundle creates or
// checks with `instanceof`.
import type * as vscode from 'vscode';
import {
	assign, close, hideComment, labels, lock, markAnswer, openOnGitHubFor, reopen, unhideComment, unlock, unmarkAnswer, type ModerationCommandDeps,
} from '../commands/moderation';
import type { ModerationOutcome } from '../core/moderation';

/** The handlers, by the last segment of their command id (`communityDesk.moderation.<name>`). */
const COMMANDS = { labels, assign, close, reopen, lock, unlock, markAnswer, unmarkAnswer, hideComment, unhideComment, openOnGitHubFor } as const;

/** A moderation command's name: `communityDesk.moderation.<name>`. */
export type ModerationCommandName = keyof typeof COMMANDS;

/** What the moderation commands need from the container. */
export type ModerationFeatureDeps = ModerationCommandDeps;

/** The loaded moderation commands. */
export interface ModerationFeature extends vscode.Disposable {
	/**
	 * Runs `communityDesk.moderation.<name>` with its arguments (a tree node, target(s) or comment subject,
	 * then optional presets); resolves to the outcome and never rejects.
	 */
	run(name: ModerationCommandName, arg?: unknown, presets?: unknown): Promise<ModerationOutcome>;
}

/** Creates the command handlers from the container's services (they keep no state of their own). */
export function createModerationFeature(deps: ModerationFeatureDeps): ModerationFeature {
	return {
		run: (name, arg, presets) => COMMANDS[name](deps, arg, presets),
		dispose: () => undefined,
	};
}
