import * as vscode from 'vscode';
import { registerCommands } from './commands/index';
import { Container } from './container';

/** What `activate` returns: handles for the integration tests. Not a public API. */
export interface CommunityDeskApi {
	readonly container: Container;
}

/** Activation: builds the container and registers commands. No network here. */
export function activate(context: vscode.ExtensionContext): CommunityDeskApi {
	const container = new Container(context);
	context.subscriptions.push(container, ...registerCommands(container));
	void container.repositories.detect();
	return { container };
}

/** Nothing to do: every resource is a disposable on the context. */
export function deactivate(): void {}
