// The matchers' option types, and their signatures on vitest's `expect(...)`.
import type { CellRun, MaestroRun, RunStatus } from "../domain/index.js";

/** What the matchers accept as `received`, and as the other run of `toMatchOutputOf`. */
export type MatchableRun = CellRun | MaestroRun;

/**
 * How a threshold applies to an array of runs (the repeats of a cell, or all cells of a case): to their
 * mean (the default for arrays), to each run, or to a count of runs (`{ atLeast: 2 }`: at least 2 of them).
 */
export type AggregateOption = "mean" | "each" | { atLeast: number };

/** How a pass-or-fail check applies to an array of runs: to each run (the default), or to a count. */
export type CheckAggregateOption = "each" | { atLeast: number };

/** Options of the threshold matchers: `toScoreAtLeast`, `toMeetRequirement`, `toFinishWithin`. */
export interface ThresholdMatcherOptions {
  aggregate?: AggregateOption;
}

/** Options of the pass-or-fail matchers: `toHaveStatus`, `toPassMandatoryGate`. */
export interface CheckMatcherOptions {
  aggregate?: CheckAggregateOption;
}

/** Options of `toCostAtMost`. */
export interface CostMatcherOptions extends ThresholdMatcherOptions {
  /**
   * Let a run whose cost is unknown pass (AI21 does not report cost; the local server does). Default false:
   * a cost gate that cannot see the cost fails, rather than passing silently.
   */
  allowUnknown?: boolean;
}

/** Options of `toAgreeWithVerifiers`. */
export interface AgreeWithVerifiersOptions extends CheckMatcherOptions {
  /**
   * The largest difference between a reported and a verified score that still counts as agreement, within
   * [0, 1]; default 0.2. `null` records the audit without failing.
   */
  tolerance?: number | null;
}

/** Options of `toMatchOutputOf`. */
export interface MatchOutputOfOptions extends CheckMatcherOptions {
  /** JSON paths or key names to leave out: `created_at`, `$.meta.id`, `items[*].id`. */
  ignore?: readonly string[];
  /** Numbers whose difference is at most this count as equal; default 0. */
  tolerance?: number;
  /** The most lines of the difference summary in the message; default 10. */
  maxLines?: number;
}

/** Options of `toCallTool`. */
export interface CallToolOptions extends CheckMatcherOptions {
  /** Parameters the call must have (other parameters may be there too); nested objects compare by their keys. */
  withParameters?: Record<string, unknown>;
}

/** A source `toCiteSource` looks for: a library file by id, a web page by URL, or any file carrying a label. */
export type SourceReference = { fileId: string } | { url: string } | { label: string };

/** The matchers as `expect(received)` offers them; `R` is what each returns. */
export interface MaestroMatchers<R = unknown> {
  /**
   * The run ended with `status`.
   *
   * @example expect(run).toHaveStatus("completed")
   */
  toHaveStatus(status: RunStatus, options?: CheckMatcherOptions): R;
  /**
   * The overall `requirements_result.score` is at least `min` (within [0, 1]); `null` records it only.
   *
   * @example expect(run).toScoreAtLeast(0.7)
   */
  toScoreAtLeast(min: number | null, options?: ThresholdMatcherOptions): R;
  /**
   * The requirement `name` scored at least `min` (default 1); an unknown name fails and lists the known ones.
   *
   * @example expect(run).toMeetRequirement("formats", 0.8)
   */
  toMeetRequirement(name: string, min?: number | null, options?: ThresholdMatcherOptions): R;
  /**
   * Every mandatory requirement scored 1, and the overall score follows the mandatory rule (0 when one
   * did not): a run that breaks the rule fails as API drift.
   *
   * @example expect(run).toPassMandatoryGate()
   */
  toPassMandatoryGate(options?: CheckMatcherOptions): R;
  /**
   * The run's self-reported requirement scores agree with the deterministic verifiers within `tolerance`.
   *
   * @example expect(run).toAgreeWithVerifiers({ tolerance: 0.2 })
   */
  toAgreeWithVerifiers(options?: AgreeWithVerifiersOptions): R;
  /**
   * The run's output matches `other`'s: by path when both are JSON, by line and word otherwise.
   *
   * @example expect(mini).toMatchOutputOf(large, { ignore: ["id"], tolerance: 0.01 })
   */
  toMatchOutputOf(other: MatchableRun, options?: MatchOutputOfOptions): R;
  /**
   * The run took at most `ms` milliseconds, create to finish; `null` records it only.
   *
   * @example expect(run).toFinishWithin(30_000)
   */
  toFinishWithin(ms: number | null, options?: ThresholdMatcherOptions): R;
  /**
   * The run cost at most `usd` dollars; an unknown cost fails unless `allowUnknown`; `null` records it only.
   *
   * @example expect(run).toCostAtMost(0.01)
   */
  toCostAtMost(usd: number | null, options?: CostMatcherOptions): R;
  /**
   * The run called the http or mcp tool `name` (failed calls count), with these parameters when given.
   *
   * @example expect(run).toCallTool("order_status", { withParameters: { order_id: "A-1042" } })
   */
  toCallTool(name: string, options?: CallToolOptions): R;
  /**
   * The run's file_search or web_search results include this file, page, or a file with this label.
   *
   * @example expect(run).toCiteSource({ label: "refund-policy" })
   */
  toCiteSource(source: SourceReference, options?: CheckMatcherOptions): R;
  /**
   * Every page the run's web_search found falls under one of these prefixes (AI21's `urls` forms).
   *
   * @example expect(run).toUseOnlySources(["docs.example.com"])
   */
  toUseOnlySources(prefixes: readonly string[], options?: CheckMatcherOptions): R;
}

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must be declared exactly as vitest declares it.
  interface Matchers<T = any> extends MaestroMatchers<T> {}
}
