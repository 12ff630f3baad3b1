// Misuse throws TypeError or RangeError prefixed with the matcher's name; a received value that is not a run
// is a failed assertion, .not or not.
import { describe, expect, test } from "vitest";
import { installMaestroMatchers, maestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, createRepeats, outcomeOf } from "./fixtures.js";

installMaestroMatchers();

const run = createCellRun();
const repeats = createRepeats([1, 1, 1]);

describe("matcher misuse", () => {
  test.each<[string, () => void, TypeError | RangeError]>([
    [
      "toScoreAtLeast above 1",
      () => expect(run).toScoreAtLeast(1.5),
      new RangeError("toScoreAtLeast: threshold must be within [0, 1], got 1.5"),
    ],
    [
      "toScoreAtLeast below 0",
      () => expect(run).toScoreAtLeast(-0.1),
      new RangeError("toScoreAtLeast: threshold must be within [0, 1], got -0.1"),
    ],
    [
      "toScoreAtLeast with a string",
      () => expect(run).toScoreAtLeast("0.8" as unknown as number),
      new TypeError('toScoreAtLeast: threshold must be within [0, 1] or null, got "0.8"'),
    ],
    [
      "toScoreAtLeast with no threshold",
      () => (expect(run) as unknown as { toScoreAtLeast(): void }).toScoreAtLeast(),
      new TypeError("toScoreAtLeast: threshold must be within [0, 1] or null, got undefined"),
    ],
    [
      "toScoreAtLeast with NaN",
      () => expect(run).toScoreAtLeast(Number.NaN),
      new TypeError("toScoreAtLeast: threshold must be within [0, 1] or null, got NaN"),
    ],
    [
      "toMeetRequirement without a name",
      () => expect(run).toMeetRequirement(""),
      new TypeError('toMeetRequirement: name must be a non-empty string, got ""'),
    ],
    [
      "toMeetRequirement with a number as name",
      () => expect(run).toMeetRequirement(0.8 as unknown as string),
      new TypeError("toMeetRequirement: name must be a non-empty string, got 0.8"),
    ],
    [
      "toMeetRequirement above 1",
      () => expect(run).toMeetRequirement("formats", 2),
      new RangeError("toMeetRequirement: threshold must be within [0, 1], got 2"),
    ],
    [
      "toFinishWithin below 0",
      () => expect(run).toFinishWithin(-5),
      new RangeError("toFinishWithin: threshold must be a non-negative number of milliseconds, got -5"),
    ],
    [
      "toCostAtMost below 0",
      () => expect(run).toCostAtMost(-1),
      new RangeError("toCostAtMost: threshold must be a non-negative number of dollars, got -1"),
    ],
    [
      "toCostAtMost with allowUnknown not a boolean",
      () => expect(run).toCostAtMost(1, { allowUnknown: "yes" as unknown as boolean }),
      new TypeError('toCostAtMost: allowUnknown must be a boolean, got "yes"'),
    ],
    [
      "toHaveStatus with an unknown status",
      () => expect(run).toHaveStatus("done" as "completed"),
      new TypeError(
        'toHaveStatus: status must be one of "in_progress", "completed", "failed", "requires_action", got "done"',
      ),
    ],
    [
      "toAgreeWithVerifiers above 1",
      () => expect(run).toAgreeWithVerifiers({ tolerance: 1.5 }),
      new RangeError("toAgreeWithVerifiers: tolerance must be within [0, 1], got 1.5"),
    ],
    [
      "toMatchOutputOf with no other run",
      () => expect(run).toMatchOutputOf("baseline" as unknown as typeof run),
      new TypeError('toMatchOutputOf: the other run must be a CellRun or a MaestroRun, got "baseline"'),
    ],
    [
      "toMatchOutputOf with a negative tolerance",
      () => expect(run).toMatchOutputOf(run, { tolerance: -1 }),
      new RangeError("toMatchOutputOf: tolerance must be a non-negative finite number, got -1"),
    ],
    [
      "toMatchOutputOf with an unreadable ignore path",
      () => expect(run).toMatchOutputOf(run, { ignore: ["a["] }),
      new TypeError(
        'toMatchOutputOf: cannot read ignore path "a["; write a key name, or a path such as $.items[*].id',
      ),
    ],
    [
      "toMatchOutputOf with maxLines 0",
      () => expect(run).toMatchOutputOf(run, { maxLines: 0 }),
      new RangeError("toMatchOutputOf: maxLines must be a positive integer, got 0"),
    ],
    [
      "options that are not an object",
      () => expect(run).toPassMandatoryGate("each" as never),
      new TypeError('toPassMandatoryGate: options must be an object, got "each"'),
    ],
    [
      "aggregate mean on a pass-or-fail matcher",
      () => expect(repeats).toPassMandatoryGate({ aggregate: "mean" as "each" }),
      new TypeError(
        'toPassMandatoryGate: aggregate "mean" needs a numeric matcher; use "each" or { atLeast: n }',
      ),
    ],
    [
      "an unknown aggregate",
      () => expect(repeats).toScoreAtLeast(0.5, { aggregate: "median" as "mean" }),
      new TypeError('toScoreAtLeast: aggregate must be "mean", "each" or { atLeast: n }, got "median"'),
    ],
    [
      "atLeast 0",
      () => expect(repeats).toScoreAtLeast(0.5, { aggregate: { atLeast: 0 } }),
      new RangeError("toScoreAtLeast: aggregate.atLeast must be a positive integer, got 0"),
    ],
    [
      "atLeast more than the runs",
      () => expect(repeats).toMeetRequirement("formats", 0.5, { aggregate: { atLeast: 4 } }),
      new RangeError("toMeetRequirement: aggregate.atLeast must be at most the number of runs (3), got 4"),
    ],
    [
      "atLeast 2 of a single run",
      () => expect(run).toHaveStatus("completed", { aggregate: { atLeast: 2 } }),
      new RangeError("toHaveStatus: aggregate.atLeast must be at most the number of runs (1), got 2"),
    ],
  ])("%s throws", (_, call, error) => {
    expect(call).toThrow(error);
    expect(() => call()).toThrowError(error.constructor as typeof TypeError);
  });

  test("misuse throws before anything is recorded", () => {
    const fresh = createCellRun();
    expect(() => expect(fresh).toScoreAtLeast(2)).toThrow(RangeError);
    expect(fresh.assertions).toEqual([]);
  });
});

describe("received values that are not runs", () => {
  test.each<[string, unknown, string]>([
    ["a string", "hello", 'received string "hello", not a CellRun, a MaestroRun or an array of them'],
    ["undefined", undefined, "received undefined, not a CellRun, a MaestroRun or an array of them"],
    ["null", null, "received null, not a CellRun, a MaestroRun or an array of them"],
    ["a number", 0.9, "received number 0.9, not a CellRun, a MaestroRun or an array of them"],
    [
      "the output instead of the run",
      { result: "x", requirements_result: {} },
      "received an object with keys result, requirements_result, not a CellRun, a MaestroRun or an array of them",
    ],
    ["an empty array", [], "received an empty array, not runs"],
    ["an array with a stray item", [run, "x"], 'item 1 of the received array is string "x", not a run'],
  ])("%s fails, .not or not", (_, received, problem) => {
    expect(outcomeOf(() => expect(received).toScoreAtLeast(0.5))).toEqual({
      passed: false,
      message: `expected overall score to be at least 0.50, but ${problem}`,
    });
    expect(outcomeOf(() => expect(received).not.toHaveStatus("completed"))).toEqual({
      passed: false,
      message: `expected run not to have status "completed", but ${problem}`,
    });
  });

  test("every matcher turns a non-run into a failed assertion", () => {
    const calls: [string, () => void][] = [
      ["toHaveStatus", () => expect(42).toHaveStatus("completed")],
      ["toScoreAtLeast", () => expect(42).toScoreAtLeast(0.5)],
      ["toMeetRequirement", () => expect(42).toMeetRequirement("formats")],
      ["toPassMandatoryGate", () => expect(42).toPassMandatoryGate()],
      ["toAgreeWithVerifiers", () => expect(42).toAgreeWithVerifiers()],
      ["toMatchOutputOf", () => expect(42).toMatchOutputOf(run)],
      ["toFinishWithin", () => expect(42).toFinishWithin(1000)],
      ["toCostAtMost", () => expect(42).toCostAtMost(1)],
      ["toCallTool", () => expect(42).toCallTool("order_status")],
      ["toCiteSource", () => expect(42).toCiteSource({ url: "https://example.com" })],
      ["toUseOnlySources", () => expect(42).toUseOnlySources(["example.com"])],
    ];
    expect(calls.map(([name]) => name).sort()).toEqual(Object.keys(maestroMatchers).sort());
    for (const [, call] of calls) {
      const outcome = outcomeOf(call);
      expect(outcome.passed).toBe(false);
      expect(outcome.passed === false && outcome.message).toMatch(/, but received number 42, not a CellRun/);
    }
  });
});

describe("installMaestroMatchers", () => {
  test("can be called again without harm", () => {
    installMaestroMatchers();
    expect(run).toHaveStatus("completed");
  });
});
