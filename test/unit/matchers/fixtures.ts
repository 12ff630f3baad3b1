// Hand-built runs for the matcher tests: a CellRun the harness would hand a suite, and bare MaestroRuns.
import { expect } from "vitest";
import type { Budget, CellRun, MaestroRun, RequirementResult } from "../../../src/domain/index.js";

/** The run ids the fixtures use, so messages can be asserted exactly: `run 3f1c9a2b…`. */
export const RUN_IDS = [
  "3f1c9a2b-5d4e-4f60-8a71-0b2c3d4e5f60",
  "7d2e8c41-1a2b-4c3d-9e4f-5a6b7c8d9e0f",
  "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d",
  "9a8b7c6d-5e4f-4321-8fed-cba987654321",
] as const;

/** Requirements as the invoice example reports them: one mandatory, one not. */
export function requirementResults(
  scores: { fields?: number; formats?: number } = {},
  reasons: { fields?: string; formats?: string } = {},
): RequirementResult[] {
  const { fields = 1, formats = 1 } = scores;
  return [
    {
      name: "fields present",
      description: "Ensure all required fields are extracted and not left empty",
      is_mandatory: true,
      score: fields,
      reason: reasons.fields ?? (fields < 1 ? "Missing the invoice number" : "None"),
    },
    {
      name: "formats",
      description: "Dates must follow YYYY-MM-DD and amounts should be in USD format.",
      is_mandatory: false,
      score: formats,
      reason: reasons.formats ?? (formats < 1 ? "2 of 4 dates well formed" : null),
    },
  ];
}

/** The overall score Maestro reports: the mean, or 0 when a mandatory requirement is below 1. */
export function overallScore(requirements: readonly RequirementResult[]): number {
  if (requirements.some((requirement) => requirement.is_mandatory && requirement.score < 1)) return 0;
  return requirements.reduce((sum, requirement) => sum + requirement.score, 0) / requirements.length;
}

export interface RunFixtureOptions {
  id?: string;
  status?: MaestroRun["status"];
  result?: unknown;
  requirements?: RequirementResult[] | null;
  /** The overall score; computed from the requirements when absent. */
  score?: number;
  error?: string;
  local?: { model: string; budget: Budget; latencyMs: number; costUsd: number };
}

/** A finished Maestro run with the invoice requirements, all met unless told otherwise. */
export function createRun(options: RunFixtureOptions = {}): MaestroRun {
  const requirements = options.requirements === undefined ? requirementResults() : options.requirements;
  const run: MaestroRun = {
    id: options.id ?? RUN_IDS[0],
    status: options.status ?? "completed",
    result: options.result ?? '{"invoice_number": "INV-1", "date": "2024-05-01", "total": "$120.00"}',
  };
  if (requirements !== null) {
    run.requirements_result = {
      score: options.score ?? overallScore(requirements),
      finish_reason: "Perfect result achieved",
      requirements,
    };
  }
  if (options.error !== undefined) run.error = { message: options.error };
  if (options.local) {
    run.x_local = {
      generator: "sim",
      simulated: true,
      model: options.local.model,
      budget: options.local.budget,
      steps: [],
      cost_usd: options.local.costUsd,
      latency_ms: options.local.latencyMs,
      score_sources: Object.fromEntries((requirements ?? []).map((item) => [item.name, "verifier" as const])),
    };
  }
  return run;
}

export interface CellRunFixtureOptions extends RunFixtureOptions {
  model?: string;
  budget?: Budget;
  repeat?: number;
  latencyMs?: number;
  costUsd?: number | undefined;
  backend?: CellRun["backend"];
}

/** A CellRun of the invoice suite: jamba-mini/low #0 on the local backend unless told otherwise. */
export function createCellRun(options: CellRunFixtureOptions = {}): CellRun {
  const { model = "jamba-mini", budget = "low", repeat = 0 } = options;
  return {
    cell: {
      suite: "invoice extraction",
      case: "acme",
      model,
      budget,
      repeat,
      key: `invoice extraction/acme/${model}/${budget}/#${repeat}`,
    },
    request: {
      input: "Extract the invoice fields as JSON.",
      models: [model],
      budget,
      include: ["requirements_result"],
    },
    run: createRun({ ...options, id: options.id ?? RUN_IDS[repeat % RUN_IDS.length]! }),
    latencyMs: options.latencyMs ?? 1200,
    costUsd: "costUsd" in options ? options.costUsd : 0.0042,
    backend: options.backend ?? "local",
    assertions: [],
  };
}

/** The repeats of one cell, with the given scores for "formats". */
export function createRepeats(
  formatScores: readonly number[],
  options: CellRunFixtureOptions = {},
): CellRun[] {
  return formatScores.map((formats, repeat) =>
    createCellRun({ ...options, repeat, requirements: requirementResults({ formats }) }),
  );
}

/** Whether an assertion passed, and its message when it did not. */
export type Outcome = { passed: true } | { passed: false; message: string };

/** Runs an assertion and tells how it went, so tables can state outcomes and exact messages. */
export function outcomeOf(assertion: () => void): Outcome {
  try {
    assertion();
    return { passed: true };
  } catch (error) {
    if (!(error instanceof Error) || error instanceof TypeError || error instanceof RangeError) throw error;
    return { passed: false, message: error.message };
  }
}

/** The message of the assertion error `assertion` throws; fails the test when it does not throw. */
export function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error("expected the assertion to fail, but it passed");
}
