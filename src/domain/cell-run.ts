import type { Budget, CreateRunRequest, MaestroRun } from "./api-types.js";
import type { ScoreSource } from "./score-source.js";

/** Where a cell sits in a suite's matrix. */
export interface CellKey {
  suite: string;
  case: string;
  model: string;
  budget: Budget;
  /** The repeat index, from 0. */
  repeat: number;
  /** `suite/case/model/budget/#repeat`: stable across runs, used to group, compare and resume. */
  key: string;
}

/** One assertion made on a cell, kept for the reports and the gate. */
export interface AssertionRecord {
  /** The matcher: `toMeetRequirement`, `toScoreAtLeast`, ... */
  matcher: string;
  /** The requirement asserted on, when the matcher is about one. */
  requirement?: string;
  /** The threshold asked for; null when the assertion only records (`threshold: null`). */
  threshold: number | null;
  /** The value seen: a score, a latency in ms, a cost in USD. */
  actual: number | null;
  pass: boolean;
}

/**
 * What a suite's test receives as `run`: the finished Maestro run and everything around it. Chat cells
 * carry a run built from the completion, scored by the verifiers, so every matcher works on both.
 */
export interface CellRun {
  cell: CellKey;
  request: CreateRunRequest;
  run: MaestroRun;
  /** Wall time from create to the run seen finished, as the client measured it. */
  latencyMs: number;
  /** The run's cost in USD when known (the local server reports it; AI21 does not). */
  costUsd: number | undefined;
  /** Which backend answered: `ai21`, `local` or `replay`. */
  backend: "ai21" | "local" | "replay";
  /**
   * Who scored each requirement of the run, by name: `verifier`, `partial`, `judge`, `self_assessed`,
   * `maestro` or `unscored`. The harness sets it on every cell it runs; for a run made elsewhere, read it
   * with `readScoreSources(run)`.
   */
  scoreSources?: Record<string, ScoreSource>;
  /** Assertions made on this cell so far; matchers append to it, the harness stores it for reports. */
  assertions: AssertionRecord[];
}

/** Whether `value` looks like a {@link CellRun}. */
export function isCellRun(value: unknown): value is CellRun {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<CellRun>;
  return (
    typeof candidate.cell === "object" &&
    typeof candidate.run === "object" &&
    Array.isArray(candidate.assertions)
  );
}
