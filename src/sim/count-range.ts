// Sets of allowed counts, as sorted disjoint integer intervals. A count the draft must reach is the
// intersection of what every met count check allows, minus what every broken one allows.

/** An inclusive integer interval; `max` may be Infinity. */
export interface CountInterval {
  min: number;
  max: number;
}

/** A set of non-negative integers: sorted, disjoint, non-adjacent intervals. Empty means nothing fits. */
export type CountRange = readonly CountInterval[];

/** Every non-negative integer. */
export const ANY_COUNT: CountRange = [{ min: 0, max: Number.POSITIVE_INFINITY }];

/** The interval a check's optional bounds describe. */
export function toInterval(min: number | undefined, max: number | undefined): CountInterval {
  return { min: min ?? 0, max: max ?? Number.POSITIVE_INFINITY };
}

/** The counts in `range` that also lie in `interval`. */
export function intersectRange(range: CountRange, interval: CountInterval): CountRange {
  const result: CountInterval[] = [];
  for (const part of range) {
    const min = Math.max(part.min, interval.min);
    const max = Math.min(part.max, interval.max);
    if (min <= max) result.push({ min, max });
  }
  return result;
}

/** The counts in `range` outside `interval`. */
export function subtractRange(range: CountRange, interval: CountInterval): CountRange {
  const result: CountInterval[] = [];
  for (const part of range) {
    if (interval.max < part.min || interval.min > part.max) {
      result.push(part);
      continue;
    }
    if (part.min < interval.min) result.push({ min: part.min, max: interval.min - 1 });
    if (part.max > interval.max) result.push({ min: interval.max + 1, max: part.max });
  }
  return result;
}

/** Whether `count` is in `range`. */
export function inRange(range: CountRange, count: number): boolean {
  return range.some((part) => count >= part.min && count <= part.max);
}

/** How far `count` is from the nearest count in `range` (0 inside it; Infinity for an empty range). */
export function distanceToRange(range: CountRange, count: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const part of range) {
    if (count < part.min) best = Math.min(best, part.min - count);
    else if (count > part.max) best = Math.min(best, count - part.max);
    else return 0;
  }
  return best;
}

/** The count in `range` nearest to `count` (the lower one on a tie); undefined for an empty range. */
export function nearestInRange(range: CountRange, count: number): number | undefined {
  let best: number | undefined;
  for (const part of range) {
    const candidate = Math.min(Math.max(count, part.min), part.max);
    if (best === undefined || Math.abs(candidate - count) < Math.abs(best - count)) best = candidate;
  }
  return best;
}

/** The smallest and largest counts of a non-empty range (largest may be Infinity). */
export function rangeBounds(range: CountRange): CountInterval {
  return { min: range[0]?.min ?? 0, max: range.at(-1)?.max ?? Number.POSITIVE_INFINITY };
}
