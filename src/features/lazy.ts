import type * as vscode from 'vscode';
import type { Logger } from '../platform/logger';

/**
 * A feature bundle loaded on first use. `load` is `async () => (await import('./features/<name>')).create…(deps)`:
 * esbuild maps that import to the separate `dist/<name>.js` (see `esbuild.mjs`), so users who never use
 * the feature do not pay for it at activation (performance.md B8/B9). The feature gets every stateful
 * service from the container through its factory; it is created once and disposed with the container.
 */
export class LazyFeature<T extends vscode.Disposable> implements vscode.Disposable {
	private promise: Promise<T> | undefined;
	private value: T | undefined;
	private disposed = false;

	constructor(private readonly name: string, private readonly load: () => Promise<T>, private readonly logger: Logger) {}

	/** The feature if it has been loaded (for tests and for callers that must not load it). */
	get loaded(): T | undefined {
		return this.value;
	}

	/** Loads and creates the feature once; a failed load is logged and tried again on the next call. */
	get(): Promise<T> {
		this.promise ??= this.load().then(feature => {
			if (this.disposed) {
				feature.dispose();
				throw new Error(`The ${this.name} feature was loaded after the extension was deactivated.`);
			}
			this.value = feature;
			return feature;
		}, (error: unknown) => {
			this.promise = undefined;
			this.logger.error(`The ${this.name} feature could not be loaded`, error);
			throw error;
		});
		return this.promise;
	}

	dispose(): void {
		this.disposed = true;
		this.value?.dispose();
		this.value = undefined;
	}
}
