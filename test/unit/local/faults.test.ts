import { describe, expect, test } from "vitest";
import { MaestroConfigurationError } from "../../../src/errors/index.js";
import { createFaultPlan, type FaultRoute, parseFaultOptions } from "../../../src/local/index.js";

describe("parseFaultOptions", () => {
  test.each([
    ["a list", [], "faults.yaml: the fault configuration must be an object"],
    ["null", null, "faults.yaml: the fault configuration must be an object"],
    ["a string", "often", "faults.yaml: the fault configuration must be an object"],
    [
      "an unknown option",
      { failedRun: 0.1 },
      "faults.yaml: failedRun is not a fault option; expected one of routes, failedRuns, stuckRuns, retryAfterSeconds, slowMs, stuckMs",
    ],
    ["a rate above 1", { failedRuns: 2 }, "faults.yaml: failedRuns must be a rate within [0, 1], got 2"],
    ["a negative rate", { stuckRuns: -0.1 }, "faults.yaml: stuckRuns must be a rate within [0, 1], got -0.1"],
    [
      "a rate as text",
      { failedRuns: "10%" },
      'faults.yaml: failedRuns must be a rate within [0, 1], got "10%"',
    ],
    ["a null rate", { failedRuns: null }, "faults.yaml: failedRuns must be a rate within [0, 1], got null"],
    [
      "a route rate above 1",
      { routes: { createRun: { tooManyRequests: 2 } } },
      "faults.yaml: routes.createRun.tooManyRequests must be a rate within [0, 1], got 2",
    ],
    [
      "an unknown route",
      { routes: { deleteRun: { serverError: 0.1 } } },
      "faults.yaml: routes.deleteRun is not a route; expected createRun, retrieveRun, chat or *",
    ],
    [
      "an unknown fault",
      { routes: { chat: { timeout: 0.1 } } },
      "faults.yaml: routes.chat.timeout is not a fault; expected one of tooManyRequests, serverError, unavailable, reset, slow",
    ],
    ["routes that are not an object", { routes: "all" }, "faults.yaml: routes must be an object"],
    ["a route that is not an object", { routes: { "*": 0.5 } }, "faults.yaml: routes.* must be an object"],
    [
      "route rates adding up past 1",
      { routes: { retrieveRun: { serverError: 0.6, unavailable: 0.5 } } },
      "faults.yaml: routes.retrieveRun rates add up to 1.1; at most 1 is possible",
    ],
    ["a negative delay", { slowMs: -5 }, "faults.yaml: slowMs must be a number >= 0, got -5"],
    [
      "an infinite delay",
      { stuckMs: Number.POSITIVE_INFINITY },
      "faults.yaml: stuckMs must be a number >= 0, got null",
    ],
    [
      "a Retry-After as text",
      { retryAfterSeconds: "2" },
      'faults.yaml: retryAfterSeconds must be a number >= 0, got "2"',
    ],
  ])("rejects %s, naming the file and the field", (_name, value, message) => {
    const error = (() => {
      try {
        parseFaultOptions(value, "faults.yaml");
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MaestroConfigurationError);
    expect((error as Error).message).toBe(message);
  });

  test.each([
    ["nothing", {}],
    ["rates at the bounds", { failedRuns: 0, stuckRuns: 1 }],
    [
      "route rates adding up to exactly 1",
      { routes: { createRun: { tooManyRequests: 0.5, serverError: 0.5 } } },
    ],
    [
      "route rates adding up to 1 in floating point",
      { routes: { chat: { tooManyRequests: 0.34, serverError: 0.56, unavailable: 0.1 } } },
    ],
    [
      "every option",
      {
        routes: { "*": { slow: 0.1 }, createRun: { reset: 0.05 } },
        failedRuns: 0.1,
        stuckRuns: 0.1,
        retryAfterSeconds: 0,
        slowMs: 10,
        stuckMs: 1000,
      },
    ],
  ])("accepts %s as given", (_name, value) => {
    expect(parseFaultOptions(value, "faults.yaml")).toEqual(value);
  });
});

describe("createFaultPlan", () => {
  const draws = (plan: ReturnType<typeof createFaultPlan>, route: FaultRoute, count: number) =>
    Array.from({ length: count }, () => plan.forRequest(route));

  test("injects nothing without options", () => {
    const plan = createFaultPlan();
    expect(draws(plan, "createRun", 100).every((fault) => fault.kind === "none")).toBe(true);
    expect(plan.forRun("any")).toBe("none");
    expect(plan.stuckMs).toBe(Number.POSITIVE_INFINITY);
    expect(plan.injected).toEqual({});
  });

  test("the n-th request of a route gets the same decision for the same seed, another for another seed", () => {
    const options = { routes: { "*": { tooManyRequests: 0.3, serverError: 0.2, reset: 0.1 } } };
    const first = draws(createFaultPlan(options, 5), "chat", 200);
    expect(draws(createFaultPlan(options, 5), "chat", 200)).toEqual(first);
    expect(draws(createFaultPlan(options, 6), "chat", 200)).not.toEqual(first);
  });

  test("counts requests per route, so one route's traffic does not shift another's faults", () => {
    const options = { routes: { "*": { serverError: 0.5 } } };
    const alone = draws(createFaultPlan(options, 1), "retrieveRun", 50);
    const mixed = createFaultPlan(options, 1);
    draws(mixed, "createRun", 37);
    expect(draws(mixed, "retrieveRun", 50)).toEqual(alone);
  });

  test.each([
    ["tooManyRequests", { kind: "status", status: 429, retryAfterSeconds: 3 }],
    ["serverError", { kind: "status", status: 500 }],
    ["unavailable", { kind: "status", status: 503, retryAfterSeconds: 3 }],
    ["reset", { kind: "reset" }],
    ["slow", { kind: "slow", delayMs: 250 }],
  ] as const)("a %s rate of 1 always gives %j", (fault, expected) => {
    const plan = createFaultPlan({
      routes: { createRun: { [fault]: 1 } },
      retryAfterSeconds: 3,
      slowMs: 250,
    });
    expect(draws(plan, "createRun", 20)).toEqual(Array.from({ length: 20 }, () => expected));
    expect(plan.injected).toEqual({ [`createRun.${fault}`]: 20 });
    expect(plan.forRequest("chat")).toEqual({ kind: "none" });
  });

  test("defaults: Retry-After 1 s, slow answers 2 s late, stuck runs stuck forever", () => {
    const plan = createFaultPlan({ routes: { chat: { unavailable: 0.5, slow: 0.5 } } });
    const kinds = draws(plan, "chat", 50);
    expect(kinds).toContainEqual({ kind: "status", status: 503, retryAfterSeconds: 1 });
    expect(kinds).toContainEqual({ kind: "slow", delayMs: 2_000 });
    expect(plan.stuckMs).toBe(Number.POSITIVE_INFINITY);
  });

  test('a route\'s own entry replaces the "*" entry', () => {
    const plan = createFaultPlan({ routes: { "*": { serverError: 1 }, chat: { reset: 1 } } });
    expect(plan.forRequest("chat")).toEqual({ kind: "reset" });
    expect(plan.forRequest("retrieveRun")).toEqual({ kind: "status", status: 500 });
  });

  test("rates are honoured over many requests, each fault excluding the others", () => {
    const plan = createFaultPlan(
      { routes: { createRun: { tooManyRequests: 0.2, serverError: 0.1, slow: 0.3 } } },
      9,
    );
    const counts: Record<string, number> = {};
    for (const fault of draws(plan, "createRun", 10_000)) {
      const key = fault.kind === "status" ? String(fault.status) : fault.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts["429"]! / 10_000).toBeCloseTo(0.2, 1);
    expect(counts["500"]! / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.slow! / 10_000).toBeCloseTo(0.3, 1);
    expect(counts.none! / 10_000).toBeCloseTo(0.4, 1);
    expect(plan.injected).toEqual({
      "createRun.tooManyRequests": counts["429"],
      "createRun.serverError": counts["500"],
      "createRun.slow": counts.slow,
    });
  });

  test("a run's fate depends only on the seed and its id", () => {
    const options = { failedRuns: 0.25, stuckRuns: 0.25, stuckMs: 500 };
    const ids = Array.from({ length: 2_000 }, (_, index) => `run-${index}`);
    const fates = ids.map((id) => createFaultPlan(options, 2).forRun(id));
    const plan = createFaultPlan(options, 2);
    expect([...ids].reverse().map((id) => plan.forRun(id))).toEqual([...fates].reverse());
    expect(plan.stuckMs).toBe(500);
    const share = (fate: string) => fates.filter((item) => item === fate).length / fates.length;
    expect(share("failed")).toBeCloseTo(0.25, 1);
    expect(share("stuck")).toBeCloseTo(0.25, 1);
    expect(plan.injected["run.failed"]! + plan.injected["run.stuck"]!).toBe(
      fates.filter((fate) => fate !== "none").length,
    );
  });
});
