import { describe, expect, test } from "vitest";
import { diffOutputs, summarizeOutputDiff } from "../../../src/diff/index.js";

describe("summarizeOutputDiff", () => {
  test.each([
    ["equal JSON", diffOutputs({ a: 1 }, '{"a": 1}'), "JSON outputs are equal"],
    ["equal text", diffOutputs("same", "same"), "text outputs are equal"],
    [
      "JSON differences, one line each",
      diffOutputs({ total: 12, note: "x", items: [1] }, { total: 13, items: [1, 2], extra: true }),
      [
        "JSON outputs differ at 4 paths:",
        "  + $.extra: true",
        "  + $.items[1]: 2",
        '  - $.note: "x"',
        "  ~ $.total: 12 → 13",
      ].join("\n"),
    ],
    [
      "text differences with word marks",
      diffOutputs(
        "Dear Anna,\nThe total is 12 USD.\nThanks\nBest",
        "Dear Anna,\nThe total is 13 USD.\nBest\nRegards",
      ),
      [
        "text outputs differ in 3 lines:",
        "  ~ 2: The total is [-12-]{+13+} USD.",
        "  - 3: Thanks",
        "  + 4: Regards",
      ].join("\n"),
    ],
    ["one difference", diffOutputs({ a: 1 }, { a: 2 }), "JSON outputs differ at 1 path:\n  ~ $.a: 1 → 2"],
  ])("%s", (_, diff, expected) => {
    expect(summarizeOutputDiff(diff)).toBe(expected);
  });

  test.each([
    [1, ["JSON outputs differ at 5 paths:"]],
    [2, ["JSON outputs differ at 5 paths:", "  … and 5 more"]],
    [3, ["JSON outputs differ at 5 paths:", "  ~ $.a: 1 → 2", "  … and 4 more"]],
    [
      6,
      [
        "JSON outputs differ at 5 paths:",
        "  ~ $.a: 1 → 2",
        "  ~ $.b: 1 → 2",
        "  ~ $.c: 1 → 2",
        "  ~ $.d: 1 → 2",
        "  ~ $.e: 1 → 2",
      ],
    ],
  ])("maxLines %i caps the summary, heading included", (maxLines, lines) => {
    const diff = diffOutputs({ a: 1, b: 1, c: 1, d: 1, e: 1 }, { a: 2, b: 2, c: 2, d: 2, e: 2 });
    const summary = summarizeOutputDiff(diff, { maxLines });
    expect(summary.split("\n")).toEqual(lines);
  });

  test("long values and lines are cut with an ellipsis; values stay on one line", () => {
    const long = "x".repeat(200);
    const json = summarizeOutputDiff(diffOutputs({ a: long }, { a: "y" }));
    expect(json).toBe(`JSON outputs differ at 1 path:\n  ~ $.a: "${"x".repeat(58)}… → "y"`);
    const text = summarizeOutputDiff(diffOutputs("a", `a\n${long}`));
    expect(text).toBe(`text outputs differ in 1 line:\n  + 2: ${"x".repeat(114)}…`);
    const multiline = summarizeOutputDiff(diffOutputs({ a: "one" }, { a: "one\ntwo" }));
    expect(multiline).toBe('JSON outputs differ at 1 path:\n  ~ $.a: "one" → "one\\ntwo"');
  });

  test.each([0, -1, 1.5, Number.NaN])("maxLines %d throws a RangeError", (maxLines) => {
    expect(() => summarizeOutputDiff(diffOutputs(1, 2), { maxLines })).toThrow(
      new RangeError(`summarizeOutputDiff: maxLines must be a positive integer, got ${maxLines}`),
    );
  });
});
