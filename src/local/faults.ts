import { createHash } from "node:crypto";
import { MaestroConfigurationError } from "../errors/index.js";

/** The routes faults can be aimed at. */
export type FaultRoute = "createRun" | "retrieveRun" | "chat";

/** Rates in [0, 1] of each transport fault on one route; they are drawn in this order and exclude each other. */
export interface RouteFaults {
  /** 429 with `Retry-After`. */
  tooManyRequests?: number;
  /** 500. */
  serverError?: number;
  /** 503 with `Retry-After`. */
  unavailable?: number;
  /** The connection is destroyed without an answer. For createRun: after the run was accepted. */
  reset?: number;
  /** The answer is delayed by `slowMs`. */
  slow?: number;
}

/** Fault injection of the local server, deterministic for a given seed and request order. */
export interface FaultOptions {
  /** Transport faults per route; `"*"` applies to every route without its own entry. */
  routes?: Partial<Record<FaultRoute | "*", RouteFaults>>;
  /** Rate of runs that end `failed` with an error message. */
  failedRuns?: number;
  /** Rate of runs that stay `in_progress` for `stuckMs`. */
  stuckRuns?: number;
  /** The `Retry-After` sent with 429 and 503, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** How long a slow answer is delayed. Default 2,000 ms. */
  slowMs?: number;
  /** How long a stuck run stays in progress; forever when omitted. */
  stuckMs?: number;
}

/** What to do with one request. */
export type TransportFault =
  | { kind: "none" }
  | { kind: "status"; status: 429 | 500 | 503; retryAfterSeconds?: number }
  | { kind: "reset" }
  | { kind: "slow"; delayMs: number };

/** What happens to one run. */
export type RunFault = "none" | "failed" | "stuck";

/** Decides faults request by request; the n-th request of a route always gets the same decision. */
export interface FaultPlan {
  forRequest(route: FaultRoute): TransportFault;
  forRun(runId: string): RunFault;
  readonly stuckMs: number;
  /** How many faults of each kind were injected. */
  readonly injected: Readonly<Record<string, number>>;
}

const RATE_KEYS = ["tooManyRequests", "serverError", "unavailable", "reset", "slow"] as const;

/** Checks fault options read from a user's file; `where` names the file in messages. */
export function parseFaultOptions(value: unknown, where: string): FaultOptions {
  const fail = (field: string, message: string) =>
    new MaestroConfigurationError(`${where}: ${field} ${message}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail("the fault configuration", "must be an object");
  }
  const input = value as Record<string, unknown>;
  const known = new Set(["routes", "failedRuns", "stuckRuns", "retryAfterSeconds", "slowMs", "stuckMs"]);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw fail(key, `is not a fault option; expected one of ${[...known].join(", ")}`);
  }
  const rate = (field: string, item: unknown) => {
    if (item === undefined) return;
    if (typeof item !== "number" || !(item >= 0 && item <= 1))
      throw fail(field, `must be a rate within [0, 1], got ${JSON.stringify(item)}`);
  };
  const positive = (field: string, item: unknown) => {
    if (item === undefined) return;
    if (typeof item !== "number" || !(item >= 0) || !Number.isFinite(item))
      throw fail(field, `must be a number >= 0, got ${JSON.stringify(item)}`);
  };
  rate("failedRuns", input.failedRuns);
  rate("stuckRuns", input.stuckRuns);
  positive("retryAfterSeconds", input.retryAfterSeconds);
  positive("slowMs", input.slowMs);
  positive("stuckMs", input.stuckMs);
  if (input.routes !== undefined) {
    if (typeof input.routes !== "object" || input.routes === null) throw fail("routes", "must be an object");
    for (const [route, faults] of Object.entries(input.routes)) {
      if (!["createRun", "retrieveRun", "chat", "*"].includes(route)) {
        throw fail(`routes.${route}`, "is not a route; expected createRun, retrieveRun, chat or *");
      }
      if (typeof faults !== "object" || faults === null) throw fail(`routes.${route}`, "must be an object");
      let total = 0;
      for (const [key, item] of Object.entries(faults)) {
        if (!(RATE_KEYS as readonly string[]).includes(key)) {
          throw fail(`routes.${route}.${key}`, `is not a fault; expected one of ${RATE_KEYS.join(", ")}`);
        }
        rate(`routes.${route}.${key}`, item);
        total += item as number;
      }
      // Decimal rates that add up to 1 may not in binary (0.34 + 0.56 + 0.1 is 1.0000000000000002).
      if (total > 1 + 1e-9) {
        throw fail(`routes.${route}`, `rates add up to ${Number(total.toFixed(9))}; at most 1 is possible`);
      }
    }
  }
  return input as FaultOptions;
}

/** Creates the fault plan of a server from its seed. */
export function createFaultPlan(options: FaultOptions = {}, seed = 0): FaultPlan {
  const counters = new Map<string, number>();
  const injected: Record<string, number> = {};
  const count = (kind: string) => {
    injected[kind] = (injected[kind] ?? 0) + 1;
  };
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  return {
    forRequest(route) {
      const faults = options.routes?.[route] ?? options.routes?.["*"];
      if (faults === undefined) return { kind: "none" };
      const n = (counters.get(route) ?? 0) + 1;
      counters.set(route, n);
      let draw = unitHash(seed, route, n);
      for (const key of RATE_KEYS) {
        const rate = faults[key] ?? 0;
        if (draw < rate) {
          count(`${route}.${key}`);
          if (key === "tooManyRequests") return { kind: "status", status: 429, retryAfterSeconds };
          if (key === "serverError") return { kind: "status", status: 500 };
          if (key === "unavailable") return { kind: "status", status: 503, retryAfterSeconds };
          if (key === "reset") return { kind: "reset" };
          return { kind: "slow", delayMs: options.slowMs ?? 2_000 };
        }
        draw -= rate;
      }
      return { kind: "none" };
    },
    forRun(runId) {
      const draw = unitHash(seed, "run", runId);
      const failed = options.failedRuns ?? 0;
      if (draw < failed) {
        count("run.failed");
        return "failed";
      }
      if (draw < failed + (options.stuckRuns ?? 0)) {
        count("run.stuck");
        return "stuck";
      }
      return "none";
    },
    stuckMs: options.stuckMs ?? Number.POSITIVE_INFINITY,
    injected,
  };
}

/** A number in [0, 1) that depends only on its parts. */
export function unitHash(...parts: readonly (string | number)[]): number {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
