import { describe, expect, test } from "vitest";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { createRun, outcomeOf } from "./fixtures.js";
import { createToolRun, TOOL_CALLS } from "./tool-fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";
const calls =
  'order_status({"order_id":"A-1042","options":{"verbose":true,"lang":"en"}}) success, refund_policy({}) failure';

describe("toCallTool", () => {
  test("passes when the run called the tool, failed calls included", () => {
    expect(createToolRun(TOOL_CALLS)).toCallTool("order_status");
    expect(createToolRun(TOOL_CALLS)).toCallTool("refund_policy");
    expect(outcomeOf(() => expect(createToolRun(TOOL_CALLS)).not.toCallTool("order_status"))).toEqual({
      passed: false,
      message: `expected run not to call tool "order_status", got ${calls} (${mini})`,
    });
  });

  test("a failed call of the tool says why", () => {
    expect(outcomeOf(() => expect(createToolRun(TOOL_CALLS)).not.toCallTool("refund_policy"))).toEqual({
      passed: false,
      message: `expected run not to call tool "refund_policy", got ${calls} (${mini}): "refund_policy" failed: timeout`,
    });
  });

  test("fails naming the calls the run made, or none", () => {
    expect(outcomeOf(() => expect(createToolRun(TOOL_CALLS)).toCallTool("weather"))).toEqual({
      passed: false,
      message: `expected run to call tool "weather", got ${calls} (${mini})`,
    });
    expect(outcomeOf(() => expect(createToolRun({ tool_calls: [] })).toCallTool("weather"))).toEqual({
      passed: false,
      message: `expected run to call tool "weather", got no tool calls (${mini})`,
    });
    expect(createToolRun({})).not.toCallTool("weather");
  });

  test.each<[string, Record<string, unknown>, boolean]>([
    ["one parameter", { order_id: "A-1042" }, true],
    ["a nested subset", { options: { lang: "en" } }, true],
    ["a wrong value", { order_id: "A-1043" }, false],
    ["a number for a string", { order_id: 1042 }, false],
    ["an unknown parameter", { customer: "Dana" }, false],
    ["a nested wrong value", { options: { lang: "fr" } }, false],
  ])("withParameters: %s", (_, withParameters, pass) => {
    const outcome = outcomeOf(() =>
      expect(createToolRun(TOOL_CALLS)).toCallTool("order_status", { withParameters }),
    );
    expect(outcome.passed).toBe(pass);
    if (!outcome.passed) {
      expect(outcome.message).toBe(
        `expected run to call tool "order_status" with parameters ${JSON.stringify(withParameters)}, got ${calls} (${mini})`,
      );
    }
  });

  test("a run without data_sources fails, .not or not, saying how to get them", () => {
    const message = `expected run to call tool "order_status", but the run has no data_sources (${mini}); create it with include: ["data_sources"]`;
    expect(outcomeOf(() => expect(createToolRun(undefined)).toCallTool("order_status"))).toEqual({
      passed: false,
      message,
    });
    expect(outcomeOf(() => expect(createToolRun(undefined)).not.toCallTool("order_status"))).toMatchObject({
      passed: false,
    });
    const failed = createToolRun(undefined, {
      status: "failed",
      error: "upstream timeout",
      requirements: null,
    });
    expect(outcomeOf(() => expect(failed).toCallTool("x"))).toEqual({
      passed: false,
      message: `expected run to call tool "x", but the run has no data_sources (${mini}); it ended "failed": upstream timeout`,
    });
  });

  test("arrays: each run, or a count; assertions recorded", () => {
    const runs = [createToolRun(TOOL_CALLS), createToolRun({ tool_calls: [] }, { repeat: 1 })];
    expect(outcomeOf(() => expect(runs).toCallTool("order_status"))).toEqual({
      passed: false,
      message: [
        'expected run to call tool "order_status" in each of 2 runs, got 1 of 2',
        `  ✓ ${calls} (${mini})`,
        "  ✗ no tool calls (jamba-mini/low #1, run 7d2e8c41…)",
      ].join("\n"),
    });
    expect(runs).toCallTool("order_status", { aggregate: { atLeast: 1 } });
    expect(runs[0]!.assertions.at(-1)).toEqual({
      matcher: "toCallTool",
      threshold: null,
      actual: 1,
      pass: true,
    });
  });

  test("vitest receives the calls and the expected call for its diff", () => {
    const run = createRun();
    run.data_sources = TOOL_CALLS;
    const result = maestroMatchers.toCallTool.call(expect.getState(), run, "weather", {
      withParameters: { city: "Oslo" },
    });
    expect(result).toMatchObject({
      pass: false,
      expected: { tool_name: "weather", parameters: { city: "Oslo" } },
      actual: [
        {
          tool_name: "order_status",
          parameters: { order_id: "A-1042", options: { verbose: true, lang: "en" } },
        },
        { tool_name: "refund_policy", parameters: {} },
      ],
    });
  });

  test("misuse throws, naming the matcher", () => {
    const run = createToolRun(TOOL_CALLS);
    expect(() => expect(run).toCallTool("")).toThrow(
      new TypeError('toCallTool: name must be a non-empty string, got ""'),
    );
    expect(() =>
      expect(run).toCallTool("x", { withParameters: [] as unknown as Record<string, unknown> }),
    ).toThrow(new TypeError("toCallTool: withParameters must be an object, got an array"));
  });
});
