import { describe, expect, expectTypeOf, test } from "vitest";
import type { CellRun, MaestroRun } from "../../src/domain/index.js";
import {
  type AgreeWithVerifiersOptions,
  type CheckMatcherOptions,
  type CostMatcherOptions,
  type MatchableRun,
  type MatchOutputOfOptions,
  maestroMatchers,
  type ThresholdMatcherOptions,
} from "../../src/matchers/index.js";

declare const run: CellRun;
declare const bare: MaestroRun;
declare const repeats: CellRun[];

describe("matcher types", () => {
  test("the matchers are on expect(...) with their parameters", () => {
    expectTypeOf(expect(run).toHaveStatus).parameters.toEqualTypeOf<
      [status: MaestroRun["status"], options?: CheckMatcherOptions]
    >();
    expectTypeOf(expect(run).toScoreAtLeast).parameters.toEqualTypeOf<
      [min: number | null, options?: ThresholdMatcherOptions]
    >();
    expectTypeOf(expect(run).toMeetRequirement).parameters.toEqualTypeOf<
      [name: string, min?: number | null, options?: ThresholdMatcherOptions]
    >();
    expectTypeOf(expect(run).toPassMandatoryGate).parameters.toEqualTypeOf<[options?: CheckMatcherOptions]>();
    expectTypeOf(expect(run).toAgreeWithVerifiers).parameters.toEqualTypeOf<
      [options?: AgreeWithVerifiersOptions]
    >();
    expectTypeOf(expect(run).toMatchOutputOf).parameters.toEqualTypeOf<
      [other: MatchableRun, options?: MatchOutputOfOptions]
    >();
    expectTypeOf(expect(run).toFinishWithin).parameters.toEqualTypeOf<
      [ms: number | null, options?: ThresholdMatcherOptions]
    >();
    expectTypeOf(expect(run).toCostAtMost).parameters.toEqualTypeOf<
      [usd: number | null, options?: CostMatcherOptions]
    >();
  });

  test("they read on .not, on bare runs and on arrays of runs", () => {
    expect(run).not.toMeetRequirement("formats", 0.8);
    expect(bare).toScoreAtLeast(0.7);
    expect(repeats).toMeetRequirement("formats", 0.8, { aggregate: { atLeast: 2 } });
    expect(repeats).toFinishWithin(30_000, { aggregate: "each" });
    expect(repeats).toCostAtMost(null, { allowUnknown: true });
    expect(run).toMatchOutputOf(bare, { ignore: ["id", "$.items[*].sku"], tolerance: 0.01, maxLines: 5 });
    expect(run).toAgreeWithVerifiers({ tolerance: null });
  });

  test("maestroMatchers fits expect.extend", () => {
    expectTypeOf(maestroMatchers).toExtend<Parameters<typeof expect.extend>[0]>();
    expectTypeOf<keyof typeof maestroMatchers>().toEqualTypeOf<
      | "toHaveStatus"
      | "toScoreAtLeast"
      | "toMeetRequirement"
      | "toPassMandatoryGate"
      | "toAgreeWithVerifiers"
      | "toMatchOutputOf"
      | "toFinishWithin"
      | "toCostAtMost"
      | "toCallTool"
      | "toCiteSource"
      | "toUseOnlySources"
    >();
  });

  test("wrong argument types do not compile", () => {
    // @ts-expect-error a threshold is a number, not a string
    expect(run).toScoreAtLeast("0.8");
    // @ts-expect-error toScoreAtLeast needs a threshold (null to record only)
    expect(run).toScoreAtLeast();
    // @ts-expect-error "done" is not a run status
    expect(run).toHaveStatus("done");
    // @ts-expect-error the requirement's name comes first
    expect(run).toMeetRequirement(0.8);
    // @ts-expect-error atLeast is a count
    expect(repeats).toMeetRequirement("formats", 0.8, { aggregate: { atLeast: "2" } });
    // @ts-expect-error a pass-or-fail matcher has no mean
    expect(repeats).toPassMandatoryGate({ aggregate: "mean" });
    // @ts-expect-error allowUnknown is a boolean
    expect(run).toCostAtMost(0.01, { allowUnknown: "yes" });
    // @ts-expect-error the other run is a run, not its output
    expect(run).toMatchOutputOf("expected text");
    // @ts-expect-error ignore takes a list of paths
    expect(run).toMatchOutputOf(bare, { ignore: "id" });
  });
});
