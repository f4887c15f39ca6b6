/** Builds a seeded store for a size. Data is generated in memory on every start, never read from fixture files. */
import { Store } from './store';
import { seedTiny } from './seedTiny';
import { DEMO_PROFILE, L_PROFILE, seedRandom } from './seedRandom';

/** The data sizes: `tiny` (hand-written, for unit tests), `demo` (lively, two repositories), `L` (benchmark). */
export type SandboxSize = 'tiny' | 'demo' | 'L';

/** What a generated store depends on. */
export interface SeedOptions {
	readonly size: SandboxSize;
	readonly seed: number;
	/** The data's "now" (epoch ms); timestamps are deterministic offsets back from it. */
	readonly nowMs: number;
	readonly webBase?: string;
	readonly avatarBase?: string;
}

/** Generates the store for a size. */
export function generateStore(options: SeedOptions): Store {
	const store = new Store(options);
	if (options.size === 'tiny') seedTiny(store);
	else seedRandom(store, options.size === 'L' ? L_PROFILE : DEMO_PROFILE);
	return store;
}
