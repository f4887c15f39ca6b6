import * as vscode from 'vscode';
import { ConfigKeys } from '../constants';
import { parseServerUrl, type GitHubServer, type ServerParseResult } from '../core/serverUrl';

/** Who is who in the triage queue and the stats: the `team`, `notTeam` and `bots` settings. */
export interface PeopleSettings {
	/** Extra team logins. */
	readonly team: string[];
	/** Logins never counted as team, whatever their association. */
	readonly notTeam: string[];
	/** Machine users counted as bots besides `*[bot]`. */
	readonly bots: string[];
}

/** A list-of-logins setting, cleaned (strings only, trimmed, no blanks). */
function readLogins(key: string): string[] {
	const value = vscode.workspace.getConfiguration(ConfigKeys.section).get<unknown>(key, []);
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(v => v.trim()) : [];
}

/** The `team`, `notTeam` and `bots` settings, cleaned. */
export function readPeopleSettings(): PeopleSettings {
	return { team: readLogins(ConfigKeys.team), notTeam: readLogins(ConfigKeys.notTeam), bots: readLogins(ConfigKeys.bots) };
}

/** True when a configuration change touches the `team`, `notTeam` or `bots` setting. */
export function affectsPeopleSettings(e: vscode.ConfigurationChangeEvent): boolean {
	return [ConfigKeys.team, ConfigKeys.notTeam, ConfigKeys.bots].some(key => e.affectsConfiguration(`${ConfigKeys.section}.${key}`));
}

/** Typed access to the extension's settings. */
export class Config {
	private get section(): vscode.WorkspaceConfiguration {
		return vscode.workspace.getConfiguration(ConfigKeys.section);
	}

	/**
	 * The GitHub server. The setting is application-scoped: only the user's own settings count, so a
	 * workspace can never redirect the token to another host (security checklist A5).
	 */
	server(): ServerParseResult {
		const inspected = this.section.inspect<string>(ConfigKeys.serverUrl);
		return parseServerUrl(inspected?.globalValue ?? inspected?.defaultValue ?? '', vscode.l10n.t);
	}

	/** The server, or github.com when the setting is invalid (the error is reported separately). */
	serverOrDefault(): GitHubServer {
		const result = this.server();
		return result.ok ? result.server : (parseServerUrl('') as { ok: true; server: GitHubServer }).server;
	}

	/** Raw `communityDesk.repositories` entries. */
	repositories(): unknown {
		return this.section.get<unknown>(ConfigKeys.repositories, []);
	}

	detectRepositories(): boolean {
		return this.section.get<boolean>(ConfigKeys.detectRepositories, true);
	}

	issueQueries(): unknown {
		return this.section.get<unknown>(ConfigKeys.issueQueries, []);
	}

	/** Tree page size, clamped to GitHub's 1..100. */
	pageSize(): number {
		const n = this.section.get<number>(ConfigKeys.pageSize, 30);
		return Math.min(100, Math.max(1, Math.floor(Number.isFinite(n) ? n : 30)));
	}

	/** Minutes between background refreshes (0 = off), clamped to 0..1440. */
	syncIntervalMinutes(): number {
		const n = this.section.get<number>(ConfigKeys.syncInterval, 5);
		return Math.min(1440, Math.max(0, Number.isFinite(n) ? n : 5));
	}

	/** Whether to ask for the `repo` scope (private repositories) instead of `public_repo`. */
	privateRepositories(): boolean {
		return this.section.get<boolean>('github.privateRepositories', false);
	}

	/** Writes the repository list where it is read from: the workspace when one is open, else the user. */
	async setRepositories(value: readonly string[]): Promise<void> {
		const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
		await this.section.update(ConfigKeys.repositories, value, target);
	}

	/** Who is who in the triage queue and the stats (see {@link readPeopleSettings}). */
	people(): PeopleSettings {
		return readPeopleSettings();
	}

	/** Fires when a setting of this extension changes. */
	onDidChange(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
		return vscode.workspace.onDidChangeConfiguration(e => {
			if (e.affectsConfiguration(ConfigKeys.section)) listener(e);
		});
	}
}
