// Soak under faults: a generated 1,000-cell matrix run by the real CLI against the embedded local
// server injecting 429s (with Retry-After), 500s and 503s, connection resets, stuck runs and failed runs.
// Run twice, with an infrastructure tolerance above and below the error rate the faults produce: both
// runs must account for every cell exactly once, never create a run twice, and exit 2 only when the
// errors exceed the tolerance.
import { join } from "node:path";
import type { FaultOptions } from "../../src/local/index.js";
import { auditReports, type ReportAudit } from "./audit-reports.js";
import { configSource, writeGeneratedSuites } from "./generated-suites.js";
import { createTempProject, runCli } from "./temp-project.js";

/** Options of {@link runFaultSoak}. */
export interface FaultSoakOptions {
  seed: number;
  /** Cells in flight at once. Default 16. */
  concurrency?: number;
  /** Every step of every simulated run takes this long. Default 50 ms. */
  latencyMs?: number;
  /** How long one cell may take, polling included; stuck runs end as timeouts past it. Default 5,000 ms. */
  timeoutMs?: number;
  /** The Retry-After of every 429 and 503, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** The infrastructure tolerances of the two runs; the faults give about 6.5% errors. */
  tolerances?: { above: number; below: number };
  /** Keep the temporary project (to look at it after a failure). */
  keep?: boolean;
  log?: (line: string) => void;
}

/** One of the two runs. */
export interface FaultSoakRun {
  maxErrorRate: number;
  exitCode: number;
  /** The exit codes this tolerance allows, given the error rate observed. */
  allowedExitCodes: number[];
  seconds: number;
  audit: Omit<ReportAudit, "runIds">;
  /** Runs the server created against runs the cells can explain: one per create it accepted. */
  runsExplained: number;
  problems: string[];
  stderrTail: string;
}

/** What {@link runFaultSoak} found. */
export interface FaultSoakResult {
  cells: number;
  faults: FaultOptions;
  runs: FaultSoakRun[];
  problems: string[];
}

/** 10% 429, 5% 500/503, 2% resets on every route; 1% of runs stuck past the deadline, 1% failed. */
export function soakFaults(retryAfterSeconds: number, timeoutMs: number): FaultOptions {
  return {
    routes: { "*": { tooManyRequests: 0.1, serverError: 0.025, unavailable: 0.025, reset: 0.02 } },
    failedRuns: 0.01,
    stuckRuns: 0.01,
    retryAfterSeconds,
    // Well past the cell's deadline, and short enough that the store lets go of them.
    stuckMs: timeoutMs * 6,
  };
}

/** Runs the soak: 4 files × 25 cases × 2 models × 5 repeats = 1,000 cells, twice. */
export async function runFaultSoak(options: FaultSoakOptions): Promise<FaultSoakResult> {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const faults = soakFaults(options.retryAfterSeconds ?? 1, timeoutMs);
  const tolerances = options.tolerances ?? { above: 0.2, below: 0.02 };
  const project = createTempProject("soak-faults");
  const problems: string[] = [];
  const runs: FaultSoakRun[] = [];
  try {
    const keys = writeGeneratedSuites(project, {
      name: "soak",
      files: 4,
      casesPerFile: 25,
      models: ["jamba-large", "jamba-mini"],
      budgets: ["low"],
      repeats: 5,
    });
    for (const [label, maxErrorRate] of [
      ["above", tolerances.above],
      ["below", tolerances.below],
    ] as const) {
      const config = `${label}.config.ts`;
      project.write(
        config,
        configSource({
          suites: ["suites/*.eval.ts"],
          concurrency: options.concurrency ?? 16,
          timeoutMs,
          local: {
            seed: options.seed,
            timeScale: 1,
            sim: { fixedLatencyMs: options.latencyMs ?? 50 },
            faults,
          },
          gate: { infrastructure: { maxErrorRate } },
        }),
      );
      const reports = `reports-${label}`;
      log(`  run with infrastructure.maxErrorRate ${maxErrorRate}: ${keys.length} cells ...`);
      const result = await runCli(project, [
        "run",
        "--config",
        config,
        "--reports",
        reports,
        "--progress",
        "off",
      ]);
      const { runIds: _runIds, ...audit } = auditReports(join(project.dir, reports), keys);
      const runProblems = [...audit.problems];
      const server = audit.server;
      if (server === undefined) runProblems.push("no local-server.json");
      else if (server.duplicateCreates !== 0)
        runProblems.push(`the server saw ${server.duplicateCreates} duplicate creates`);
      // A cell reaches the server's store unless its create was refused (500, or 429/503 past the retries).
      const runsExplained = audit.resultCells - audit.createsRefused;
      if (server !== undefined && server.runsCreated !== runsExplained)
        runProblems.push(`the server created ${server.runsCreated} runs; the cells explain ${runsExplained}`);
      const over = audit.infrastructureErrors > 0 && audit.infrastructureErrorRate > maxErrorRate;
      const allowedExitCodes = over ? [2] : [0, 1];
      if (!allowedExitCodes.includes(result.code))
        runProblems.push(
          `exit code ${result.code}, expected ${allowedExitCodes.join(" or ")} (error rate ${audit.infrastructureErrorRate.toFixed(
            4,
          )}, tolerance ${maxErrorRate})`,
        );
      if (label === "above" && over)
        runProblems.push(`the faults gave an error rate above ${maxErrorRate}: the check is moot`);
      if (label === "below" && !over)
        runProblems.push(`the faults gave an error rate below ${maxErrorRate}: the check is moot`);
      log(
        `    exit ${result.code} in ${(result.ms / 1000).toFixed(1)} s; ${audit.resultCells} cells, ${
          audit.infrastructureErrors
        } infrastructure errors (${(audit.infrastructureErrorRate * 100).toFixed(1)}%); runs created ${
          server?.runsCreated
        }, duplicates ${server?.duplicateCreates}; ${runProblems.length === 0 ? "checks met" : runProblems.join("; ")}`,
      );
      runs.push({
        maxErrorRate,
        exitCode: result.code,
        allowedExitCodes,
        seconds: result.ms / 1000,
        audit,
        runsExplained,
        problems: runProblems,
        stderrTail: result.stderr.slice(-2_000),
      });
      problems.push(...runProblems.map((problem) => `maxErrorRate ${maxErrorRate}: ${problem}`));
    }
    return { cells: keys.length, faults, runs, problems };
  } finally {
    if (options.keep !== true) project.remove();
  }
}
