import * as vscode from 'vscode';
import { redact } from '../core/redact';

/** The "Community Desk" output channel. Every line is redacted: tokens never reach the log. */
export class Logger implements vscode.Disposable {
	private readonly channel = vscode.window.createOutputChannel('Community Desk', { log: true });
	private readonly secrets = new Set<string>();

	/** Registers a secret to scrub even when it does not look like a GitHub token. */
	addSecret(secret: string): void {
		this.secrets.add(secret);
	}

	info(message: string): void {
		this.channel.info(this.clean(message));
	}

	warn(message: string): void {
		this.channel.warn(this.clean(message));
	}

	error(message: string, error?: unknown): void {
		const detail = error instanceof Error ? `: ${error.message}` : error !== undefined ? `: ${String(error)}` : '';
		this.channel.error(this.clean(message + detail));
	}

	show(): void {
		this.channel.show(true);
	}

	dispose(): void {
		this.channel.dispose();
	}

	private clean(text: string): string {
		return redact(text, [...this.secrets]);
	}
}
