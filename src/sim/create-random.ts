// A small seeded PRNG for the simulated generator. The engine needs the same request, model, budget, seed
// and repeat index to give the same output byte for byte on every machine, so nothing here may depend on
// Math.random, the clock or the platform: the seed is hashed with SHA-256 and drives sfc32, whose state is
// four 32-bit integers updated with integer arithmetic only.
import { createHash } from "node:crypto";

/** A function returning the next number of a seeded sequence, uniform in [0, 1). */
export type RandomSource = () => number;

/** The four 32-bit words of the seed's SHA-256 digest that start the generator. */
function hashSeed(seed: string | number): [number, number, number, number] {
  const digest = createHash("sha256")
    .update(`${typeof seed}:${String(seed)}`)
    .digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

/**
 * Creates a seeded random source: the same seed gives the same sequence on every platform. Numbers and
 * strings are different seeds (`1` and `"1"` give different sequences).
 *
 * @example
 * const random = createRandom("run-42");
 * random(); // 0.7154..., the same on every call of createRandom("run-42")
 */
export function createRandom(seed: string | number): RandomSource {
  if (typeof seed === "number" && !Number.isFinite(seed)) {
    throw new RangeError(`createRandom: seed must be a finite number or a string, got ${seed}`);
  }
  let [a, b, c, d] = hashSeed(seed);
  const next = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), as in PractRand.
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still echo the seed words; discard them as the reference implementation does.
  for (let round = 0; round < 12; round++) next();
  return next;
}

/**
 * Derives a seed from its parts (a request hash, a model name, a repeat index...): the same parts in the
 * same order give the same seed, and any change gives an unrelated one. Returns 16 hex digits.
 *
 * @example
 * createRandom(deriveSeed(seed, "jamba-large", "medium", repeat));
 */
export function deriveSeed(...parts: readonly (string | number)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    if (typeof part === "number" && !Number.isFinite(part)) {
      throw new RangeError(`deriveSeed: every part must be a finite number or a string, got ${part}`);
    }
    // Length-prefixed so that ("ab", "c") and ("a", "bc") differ.
    const text = `${typeof part}:${String(part)}`;
    hash.update(`${text.length}:${text};`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** An integer in [min, max] (both included) drawn from `random`. */
export function pickInteger(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list drawn from `random`. */
export function pickOne<T>(random: RandomSource, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError("pickOne: the list is empty");
  return item;
}
