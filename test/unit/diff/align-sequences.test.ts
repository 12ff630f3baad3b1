// alignSequences against a naive longest-common-subsequence length. The seed comes from MAESTRO_EVAL_SEED
// when set; on a failure fast-check prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import { alignSequences } from "../../../src/diff/align-sequences.js";

const params: fc.Parameters<unknown> = { numRuns: 300 };

function naiveLcsLength(a: readonly string[], b: readonly string[]): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === a.length || j === b.length) return 0;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const value = a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1));
    memo.set(key, value);
    return value;
  };
  return go(0, 0);
}

const sequence = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 14 });

describe("alignSequences", () => {
  test("removals come before additions within a change", () => {
    expect(alignSequences(["a", "x", "c"], ["a", "y", "c"], (p, q) => p === q).steps).toEqual([
      { type: "equal", left: 0, right: 0 },
      { type: "remove", left: 1 },
      { type: "add", right: 1 },
      { type: "equal", left: 2, right: 2 },
    ]);
  });

  test("visits every item once, in order, and keeps a longest common subsequence", () => {
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        const { steps, approximate } = alignSequences(a, b, (p, q) => p === q);
        expect(approximate).toBe(false);
        const lefts = steps.flatMap((step) => (step.type === "add" ? [] : [step.left]));
        const rights = steps.flatMap((step) => (step.type === "remove" ? [] : [step.right]));
        expect(lefts).toEqual(a.map((_, index) => index));
        expect(rights).toEqual(b.map((_, index) => index));
        const kept = steps.filter((step) => step.type === "equal");
        for (const step of kept) expect(a[step.left]).toBe(b[step.right]);
        expect(kept.length).toBe(naiveLcsLength(a, b));
      }),
      params,
    );
  });

  test("gives up on alignment past its table budget, and says so", () => {
    const left = Array.from({ length: 2100 }, (_, index) => `l${index}`);
    const right = Array.from({ length: 2100 }, (_, index) => `r${index}`);
    const { steps, approximate } = alignSequences(left, right, (p, q) => p === q);
    expect(approximate).toBe(true);
    expect(steps.filter((step) => step.type === "remove")).toHaveLength(2100);
    expect(steps.filter((step) => step.type === "add")).toHaveLength(2100);
  });
});
