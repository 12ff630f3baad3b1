// Argument checks shared by the matchers. Misuse throws, prefixed with the matcher's name, as vitest's own
// matchers do; a received value that is not a run is a failed assertion instead (see read-runs.ts).
import { describeArgument } from "./format.js";
import type { AggregateOption, CheckAggregateOption } from "./types.js";

/** An aggregate option read, with `atLeast` checked against the number of runs. */
export type Aggregate = "mean" | "each" | { atLeast: number };

/** Reads an options argument: absent is `{}`; anything but a plain object throws. */
export function readOptionsObject<T extends object>(matcher: string, options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${matcher}: options must be an object, got ${describeArgument(options)}`);
  }
  return options;
}

/**
 * Reads a threshold: a number within `[min, max]`, or null to record without failing. `what` describes
 * the range in the message (`within [0, 1]`, `a non-negative number of milliseconds`); `name` names the
 * argument (`threshold`, `tolerance`).
 */
export function readThreshold(
  matcher: string,
  value: unknown,
  range: { min: number; max: number; what: string },
  name = "threshold",
): number | null {
  if (value === null) return null;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`${matcher}: ${name} must be ${range.what} or null, got ${describeArgument(value)}`);
  }
  if (value < range.min || value > range.max) {
    throw new RangeError(`${matcher}: ${name} must be ${range.what}, got ${value}`);
  }
  return value;
}

/** Reads `aggregate` for a threshold matcher; arrays default to the mean. */
export function readAggregate(matcher: string, value: AggregateOption | undefined, runs: number): Aggregate {
  if (value === undefined) return "mean";
  if (value === "mean" || value === "each") return value;
  return readAtLeast(matcher, value, runs, '"mean", "each" or { atLeast: n }');
}

/** Reads `aggregate` for a pass-or-fail matcher, which has no mean; arrays default to each run. */
export function readCheckAggregate(
  matcher: string,
  value: CheckAggregateOption | undefined,
  runs: number,
): "each" | { atLeast: number } {
  if (value === undefined || value === "each") return "each";
  if ((value as unknown) === "mean") {
    throw new TypeError(`${matcher}: aggregate "mean" needs a numeric matcher; use "each" or { atLeast: n }`);
  }
  return readAtLeast(matcher, value, runs, '"each" or { atLeast: n }');
}

function readAtLeast(matcher: string, value: unknown, runs: number, allowed: string): { atLeast: number } {
  if (typeof value !== "object" || value === null || !("atLeast" in value)) {
    throw new TypeError(`${matcher}: aggregate must be ${allowed}, got ${describeArgument(value)}`);
  }
  const { atLeast } = value as { atLeast: unknown };
  if (typeof atLeast !== "number" || !Number.isInteger(atLeast) || atLeast < 1) {
    throw new RangeError(
      `${matcher}: aggregate.atLeast must be a positive integer, got ${describeArgument(atLeast)}`,
    );
  }
  if (atLeast > runs) {
    throw new RangeError(
      `${matcher}: aggregate.atLeast must be at most the number of runs (${runs}), got ${atLeast}`,
    );
  }
  return { atLeast };
}
