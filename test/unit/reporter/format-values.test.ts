// How a summary reads in every table: intervals as they are, within [0, 1], "too few runs" below 3, and a
// mark for every score the verifiers did not measure. The two regressions quoted in issue 14 are here:
// `0.50 ± 6.35 (1/2)` (a t interval on two runs) and `1.00 ± 0.15 (9/9)` (an asymmetric interval as ±).
import { describe, expect, test } from "vitest";
import type { RateReport, ScoreSummaryReport, SuiteReport } from "../../../src/domain/index.js";
import { meanInterval, wilsonInterval } from "../../../src/domain/index.js";
import {
  describeSourceMarks,
  formatInterval,
  formatRate,
  formatScoreSummary,
  formatSourceMarks,
} from "../../../src/reporter/format-values.js";

function summary(values: number[], sources: ScoreSummaryReport["sources"] = { verifier: values.length }) {
  const { mean, interval } = meanInterval(values);
  const passed = values.filter((value) => value >= 1).length;
  return {
    n: values.length,
    mean,
    interval,
    sources,
    min: Math.min(...values),
    max: Math.max(...values),
    pass: rate(passed, values.length),
    threshold: 1,
  } satisfies ScoreSummaryReport;
}

function rate(passed: number, total: number): RateReport {
  const { low, high } = wilsonInterval(passed, total);
  return { passed, total, rate: passed / total, interval: { low, high } };
}

describe("formatScoreSummary", () => {
  test.each([
    // Once `0.50 ± 6.35 (1/2)`.
    [[0, 1], "0.50 (1/2, too few runs)"],
    [[1], "1.00 (1/1, too few runs)"],
    // Once `1.00 ± 0.15 (9/9)`: the Wilson interval of 9 of 9 is [0.70, 1.00], not symmetric.
    [[1, 1, 1, 1, 1, 1, 1, 1, 1], "1.00 [0.70, 1.00] (9/9)"],
    [[0, 0, 0], "0.00 [0.00, 0.57] (0/3)"],
    [[0.5, 1, 0.75], "0.75 [0.25, 0.97] (1/3)"],
  ])("%j reads %s", (values, text) => {
    expect(formatScoreSummary(summary(values))).toBe(text);
  });

  test("marks scores the verifiers did not fully measure", () => {
    expect(formatScoreSummary(summary([1, 1, 1], { self_assessed: 3 }))).toBe("1.00 [0.43, 1.00] (3/3) S");
    expect(formatScoreSummary(summary([1, 1, 1], { verifier: 1, partial: 1, judge: 1 }))).toBe(
      "1.00 [0.43, 1.00] (3/3) PJ",
    );
    expect(formatScoreSummary(summary([1, 1, 1], { maestro: 3 }))).toBe("1.00 [0.43, 1.00] (3/3) M");
  });
});

describe("formatRate", () => {
  test.each([
    [9, 9, "1.00 [0.70, 1.00] (9/9)"],
    [6, 9, "0.67 [0.35, 0.88] (6/9)"],
    [2, 2, "1.00 (2/2, too few runs)"],
  ])("%i of %i reads %s", (passed, total, text) => {
    expect(formatRate(rate(passed, total))).toBe(text);
  });
});

describe("formatInterval", () => {
  test("rounds outwards, so the printed interval holds the computed one", () => {
    expect(formatInterval({ low: 0.2561, high: 0.9632 })).toBe("[0.25, 0.97]");
    expect(formatInterval({ low: 0, high: 1 })).toBe("[0.00, 1.00]");
    expect(formatInterval({ low: 0.5, high: 0.5 })).toBe("[0.50, 0.50]");
  });
});

describe("source marks", () => {
  test("formatSourceMarks lists the marks in a fixed order and none for verified scores", () => {
    expect(formatSourceMarks({ verifier: 4 })).toBe("");
    expect(formatSourceMarks({ self_assessed: 1, partial: 2 })).toBe("PS");
    expect(formatSourceMarks({ unscored: 1 })).toBe("U");
  });

  test("describeSourceMarks explains the marks the tables show, and nothing when all were verified", () => {
    const suite = (sources: ScoreSummaryReport["sources"]) =>
      ({
        groups: [{ requirements: [summary([1, 1, 1], sources)], overall: null }],
      }) as unknown as SuiteReport;
    expect(describeSourceMarks([suite({ verifier: 3 })])).toBe("");
    expect(describeSourceMarks([suite({ self_assessed: 3 }), suite({ partial: 1, verifier: 2 })])).toBe(
      "marks: P partly verified (some clauses not understood); S self-assessed by the model (not gated by default); unmarked scores were verified",
    );
  });
});
