/** Deterministic pseudo-random numbers for the sandbox seed (mulberry32 plus helpers). */

/** A seeded random source; every method advances the same stream. */
export class Rng {
	private state: number;

	/** Creates a stream from a 32-bit seed. */
	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1) (mulberry32). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max] inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}

	/** An element chosen by weight; `weights` has the same length as `items`. */
	weighted<T>(items: readonly T[], weights: readonly number[]): T {
		const total = weights.reduce((a, b) => a + b, 0);
		let r = this.next() * total;
		for (let i = 0; i < items.length; i++) {
			r -= weights[i]!;
			if (r < 0) return items[i]!;
		}
		return items[items.length - 1]!;
	}

	/** A non-negative integer from an exponential distribution with the given mean. */
	expInt(mean: number): number {
		return Math.floor(-Math.log(1 - this.next()) * mean);
	}
}

/** Mixes numbers into one 32-bit hash (used to derive per-item streams, e.g. for lazy bodies). */
export function hash32(...parts: number[]): number {
	let h = 0x811c9dc5;
	for (const p of parts) {
		h = Math.imul(h ^ (p >>> 0), 0x01000193);
		h ^= h >>> 13;
		h = Math.imul(h, 0x5bd1e995);
		h ^= h >>> 15;
	}
	return h >>> 0;
}

/** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s (Zipf-like). */
export class ZipfSampler {
	private readonly cumulative: Float64Array;

	/** Precomputes the cumulative weights for `n` ranks with exponent `s`. */
	constructor(n: number, s = 1.05) {
		this.cumulative = new Float64Array(n);
		let sum = 0;
		for (let k = 0; k < n; k++) {
			sum += 1 / Math.pow(k + 1, s);
			this.cumulative[k] = sum;
		}
	}

	/** Draws one rank using the given random stream. */
	sample(rng: Rng): number {
		const c = this.cumulative;
		const target = rng.next() * c[c.length - 1]!;
		let lo = 0;
		let hi = c.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (c[mid]! < target) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}
