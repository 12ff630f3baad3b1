// How numbers read in every message, table and report: one table per formatter.
import { describe, expect, test } from "vitest";
import {
  formatDuration,
  formatP,
  formatPercent,
  formatScore,
  formatScoreChange,
  formatUsd,
  isAtLeast,
  plural,
  quote,
} from "../../../src/domain/index.js";

describe("formatScore", () => {
  test.each([
    [0, "0.00"],
    [0.5, "0.50"],
    [0.8333333, "0.83"],
    [0.8999, "0.90"],
    [0.995, "0.99"],
    [0.999, "1.00"],
    [1, "1.00"],
  ])("%d alone reads %s", (value, text) => {
    expect(formatScore(value)).toBe(text);
  });

  test.each([
    // Apart at two decimals: two decimals.
    [0.85, 0.9, "0.85", "0.90"],
    [1, 0.8, "1.00", "0.80"],
    // A score that fails its threshold never reads as equal to it.
    [0.8999, 0.9, "0.8999", "0.9000"],
    [0.899999, 0.9, "0.899999", "0.900000"],
    [0.6666667, 0.67, "0.667", "0.670"],
    [0.799999998, 0.8, "0.799999998", "0.800000000"],
    // Equal numbers keep two decimals, and so do numbers within floating-point noise of each other.
    [0.9, 0.9, "0.90", "0.90"],
    [(0.7 + 0.9) / 2, 0.8, "0.80", "0.80"],
    [0.1 + 0.2, 0.3, "0.30", "0.30"],
  ])("%d against %d reads %s, and the other against it %s", (value, against, text, otherText) => {
    expect(formatScore(value, against)).toBe(text);
    expect(formatScore(against, value)).toBe(otherText);
  });

  test.each([
    [0.9, "0.90"],
    [1, "1.00"],
    [0.8999, "0.8999"],
    [2 / 3, "0.667"],
    [0.875, "0.875"],
    [0.995, "0.995"],
    [0.999, "0.999"],
    [0.123456789, "0.123"],
    [0.1 + 0.2, "0.30"],
  ])('%d against "hundredth" reads %s', (value, text) => {
    expect(formatScore(value, "hundredth")).toBe(text);
  });

  test("a score under a threshold in hundredths never reads as meeting it, alone or against it", () => {
    for (let hundredths = 1; hundredths <= 100; hundredths += 1) {
      const threshold = hundredths / 100;
      for (const gap of [0.004, 0.0004, 1e-6, 1e-8]) {
        const value = threshold - gap;
        if (isAtLeast(value, threshold)) continue;
        expect(Number(formatScore(value, threshold))).toBeLessThan(Number(formatScore(threshold, value)));
        expect(Number(formatScore(value, "hundredth"))).toBeLessThan(
          Number(formatScore(threshold, "hundredth")),
        );
      }
    }
  });
});

describe("formatScoreChange", () => {
  test.each([
    [0.05, "+0.05"],
    [-0.75, "-0.75"],
    [-0.004, "-0.004"],
    [0.00001, "+0.00001"],
    [0, "+0.00"],
  ])("%d reads %s", (delta, text) => {
    expect(formatScoreChange(delta)).toBe(text);
  });
});

describe("formatUsd", () => {
  test.each([
    [0, "$0"],
    [0.002134, "$0.00213"],
    [0.01, "$0.01"],
    [0.999, "$0.999"],
    [1, "$1.00"],
    [1.2345, "$1.23"],
    [123.456, "$123.46"],
  ])("%d reads %s", (value, text) => {
    expect(formatUsd(value)).toBe(text);
  });
});

describe("formatDuration", () => {
  test.each([
    [0, "0 ms"],
    [849.6, "850 ms"],
    [999.4, "999 ms"],
    [1000, "1.0 s"],
    [1234, "1.2 s"],
    [59_949, "59.9 s"],
    [60_000, "1.0 min"],
    [150_000, "2.5 min"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatPercent", () => {
  test.each([
    [0, "0%"],
    [0.05, "5%"],
    [0.07, "7%"],
    [0.125, "12.5%"],
    [0.0025, "0.25%"],
    [0.001, "0.1%"],
    [1, "100%"],
  ])("%d reads %s", (rate, text) => {
    expect(formatPercent(rate)).toBe(text);
  });
});

describe("formatP", () => {
  test.each([
    [null, "n/a"],
    [0.5, "0.500"],
    [0.0123, "0.012"],
    [0.001, "0.001"],
    [0.00012, "1.2e-4"],
  ])("%s reads %s", (value, text) => {
    expect(formatP(value)).toBe(text);
  });
});

describe("plural and quote", () => {
  test.each([
    [1, "cell", undefined, "1 cell"],
    [0, "cell", undefined, "0 cells"],
    [2, "difference", "differences", "2 differences"],
    [3, "child", "children", "3 children"],
  ])("%i %s reads %s", (count, noun, nouns, text) => {
    expect(plural(count, noun, nouns)).toBe(text);
  });

  test("quote writes a name as JSON", () => {
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
  });
});
