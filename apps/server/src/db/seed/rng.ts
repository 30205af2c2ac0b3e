import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_32 = 0x1_0000_0000;

/** FNV-1a over a label, mixed with a seed: the seed of a forked generator. */
function hashLabel(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche (murmur3 fmix32) so neighbouring labels give unrelated seeds
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The only source of randomness in the demo generator. Built on pure-rand's xoroshiro128+,
 * so the same seed gives the same municipality on every machine. `fork(label)` gives an
 * independent stream per concern (e.g. "attendance/2025/school-3"), so changing how one part
 * draws numbers does not reshuffle every other part.
 */
export class Rng {
  private readonly gen: RandomGenerator;
  private readonly seed: number;

  private constructor(seed: number) {
    this.seed = seed | 0;
    this.gen = xoroshiro128plus(this.seed);
  }

  /** A root generator for a seed. */
  static create(seed: number): Rng {
    return new Rng(seed);
  }

  /** An independent generator identified by a label; the same label always gives the same stream. */
  fork(...label: (string | number)[]): Rng {
    return new Rng(hashLabel(this.seed, label.join('/')));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.gen.next() >>> 0) / TWO_32;
  }

  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks by relative weights (they need not sum to 1). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** Normal deviate (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential deviate with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Poisson count (Knuth for small means, a rounded normal for large ones). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** k distinct items in random order (fewer when the list is shorter). */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle([...items]).slice(0, Math.max(0, k));
  }

  /** Base32 (RFC 4648 alphabet) string of the given length, for pseudonyms and ids. */
  base32(length: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, 31)] ?? 'A';
    return out;
  }
}

/** Logistic function, used to turn latent abilities into probabilities. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
