import { describe, expect, test } from "vitest";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, createRun, outcomeOf } from "./fixtures.js";

expect.extend(maestroMatchers);

const large = () =>
  createCellRun({ model: "jamba-large", repeat: 3, result: '{"id": "a", "total": 12, "currency": "USD"}' });

describe("toMatchOutputOf", () => {
  test("equal JSON outputs match, whatever their formatting", () => {
    const mini = createCellRun({ result: '```json\n{"currency": "USD", "total": 12, "id": "a"}\n```' });
    expect(mini).toMatchOutputOf(large());
    expect(outcomeOf(() => expect(mini).not.toMatchOutputOf(large()))).toEqual({
      passed: false,
      message:
        "expected output not to match the output of run 9a8b7c6d… (jamba-large/low #3), got no differences (jamba-mini/low #0, run 3f1c9a2b…)",
    });
  });

  test("differences are summarised from the other run's output to this one's", () => {
    const mini = () =>
      createCellRun({ result: '{"id": "b", "total": 13, "currency": "USD", "note": "rush"}' });
    expect(outcomeOf(() => expect(mini()).toMatchOutputOf(large(), { ignore: ["id"] }))).toEqual({
      passed: false,
      message: [
        "expected output to match the output of run 9a8b7c6d… (jamba-large/low #3), got 2 differences (jamba-mini/low #0, run 3f1c9a2b…):",
        "  JSON outputs differ at 2 paths:",
        '    + $.note: "rush"',
        "    ~ $.total: 12 → 13",
      ].join("\n"),
    });
    expect(mini()).toMatchOutputOf(large(), { ignore: ["id", "note"], tolerance: 1 });
    expect(mini()).not.toMatchOutputOf(large(), { ignore: ["id", "note"] });
  });

  test("text outputs are compared by line and word; maxLines caps the summary", () => {
    const reply = createRun({ id: "ref", result: "Dear Anna,\nYour order ships Monday.\nBest,\nSam" });
    const other = createCellRun({ result: "Dear Anna,\nYour order ships Tuesday.\nKind regards,\nSamuel" });
    expect(outcomeOf(() => expect(other).toMatchOutputOf(reply, { maxLines: 3 }))).toEqual({
      passed: false,
      message: [
        "expected output to match the output of run ref, got 3 differences (jamba-mini/low #0, run 3f1c9a2b…):",
        "  text outputs differ in 3 lines:",
        "    ~ 2: Your order ships [-Monday-]{+Tuesday+}.",
        "    … and 2 more",
      ].join("\n"),
    });
  });

  test("vitest receives both outputs for its diff, and the record counts the differences", () => {
    const mini = createCellRun({ result: "a\nb" });
    const other = createCellRun({ result: "a\nc" });
    expect(maestroMatchers.toMatchOutputOf.call(expect.getState(), mini, other)).toMatchObject({
      pass: false,
      actual: "a\nb",
      expected: "a\nc",
    });
    expect(mini.assertions).toEqual([{ matcher: "toMatchOutputOf", threshold: 0, actual: 1, pass: false }]);
  });

  test("arrays: every repeat against one reference, failures with their summaries", () => {
    const repeats = [
      createCellRun({ result: '{"id": "a", "total": 12, "currency": "USD"}' }),
      createCellRun({ repeat: 1, result: '{"id": "a", "total": 12, "currency": "EUR"}' }),
    ];
    expect(outcomeOf(() => expect(repeats).toMatchOutputOf(large()))).toEqual({
      passed: false,
      message: [
        "expected output to match the output of run 9a8b7c6d… (jamba-large/low #3) in each of 2 runs, got 1 of 2",
        "  ✓ no differences (jamba-mini/low #0, run 3f1c9a2b…)",
        "  ✗ 1 difference (jamba-mini/low #1, run 7d2e8c41…)",
        "    JSON outputs differ at 1 path:",
        '      ~ $.currency: "USD" → "EUR"',
      ].join("\n"),
    });
    expect(repeats).toMatchOutputOf(large(), { aggregate: { atLeast: 1 } });
  });
});
