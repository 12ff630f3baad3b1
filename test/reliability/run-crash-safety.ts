// Crash safety: `kill -9` of the whole CLI process group (the CLI, its vitest workers, the embedded
// server) at seeded random points of a run, several times, each followed by `--resume`, then one last
// `--resume` that finishes. A few faults (3% failed runs, 2% resets after a create) leave cells ended in
// errors, which `--resume` runs again. Nothing may be lost (every cell in results.jsonl and report.json)
// and nothing finished may run again (every cell recorded with a run before a kill keeps its run id, and
// the last run creates exactly the runs of the cells not yet finished).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseResultLines } from "../../src/domain/index.js";
import { auditReports } from "./audit-reports.js";
import { configSource, writeGeneratedSuites } from "./generated-suites.js";
import { createTempProject, delay, killGroup, runCli, spawnCliGroup } from "./temp-project.js";

/** Options of {@link runCrashSafety}. */
export interface CrashSafetyOptions {
  seed: number;
  /** How many times the run is killed before the last `--resume`. Default 5. */
  kills?: number;
  keep?: boolean;
  log?: (line: string) => void;
}

/** One kill. */
export interface CrashKill {
  /** Whether the run was started with `--resume`. */
  resumed: boolean;
  /** What the kill waited for: a number of finished cells, or a time after the start. */
  aim: string;
  /** Cells results.jsonl records as finished with a run when the run started, and just after the kill. */
  cellsBefore: number;
  cellsAfter: number;
  /** Time from the start of the run to the kill. */
  ms: number;
}

/** What {@link runCrashSafety} found. */
export interface CrashSafetyResult {
  cells: number;
  kills: CrashKill[];
  final: {
    exitCode: number;
    seconds: number;
    cellsBefore: number;
    /** Cells not finished with a run before the last `--resume` (missing, or ended in an error). */
    cellsLeft: number;
    runsCreated: number | undefined;
    /** Cells whose error was followed by another attempt, over all the resumes. */
    retried: number;
    /** Cells still ended in an error after the last `--resume`. */
    errors: number;
    duplicateCreates: number | undefined;
  };
  /** Cells recorded before some kill whose run id later changed (run again), or that vanished. */
  rerun: number;
  lost: number;
  seconds: number;
  problems: string[];
}

/** A small seeded PRNG (mulberry32): the kill points are the same for the same seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The run id of every cell results.jsonl records as finished with a run, and how many lines it has. */
function readRunIds(file: string): { ids: Map<string, string>; lines: number } {
  const ids = new Map<string, string>();
  if (!existsSync(file)) return { ids, lines: 0 };
  const lines = parseResultLines(readFileSync(file, "utf8"));
  for (const line of lines) if (line.meta.error === undefined) ids.set(line.meta.cell.key, line.meta.run.id);
  return { ids, lines: lines.length };
}

/** Runs 2 files × 12 cases × 2 models × 5 repeats = 240 cells, killed `kills` times on the way. */
export async function runCrashSafety(options: CrashSafetyOptions): Promise<CrashSafetyResult> {
  const log = options.log ?? (() => undefined);
  const random = createRandom(options.seed);
  const started = performance.now();
  const project = createTempProject("soak-crash");
  const problems: string[] = [];
  const kills: CrashKill[] = [];
  try {
    const keys = writeGeneratedSuites(project, {
      name: "crash",
      files: 2,
      casesPerFile: 12,
      models: ["jamba-large", "jamba-mini"],
      budgets: ["low"],
      repeats: 5,
    });
    project.write(
      "maestro-eval.config.ts",
      configSource({
        suites: ["suites/*.eval.ts"],
        concurrency: 8,
        local: {
          seed: options.seed,
          timeScale: 1,
          sim: { fixedLatencyMs: 150 },
          faults: { failedRuns: 0.03, routes: { createRun: { reset: 0.02 } } },
        },
        gate: { infrastructure: { maxErrorRate: 0.5 } },
      }),
    );
    const reports = join(project.dir, "reports");
    const results = join(reports, "results.jsonl");
    // Every run id a kill left in results.jsonl: it must survive to the end unchanged.
    const recorded = new Map<string, string>();
    for (let kill = 0; kill < (options.kills ?? 5); kill += 1) {
      const resumed = kill > 0;
      const start = readRunIds(results);
      const before = start.lines;
      const remaining = keys.length - start.ids.size;
      // Mostly a number of cells finishing (lines appended) somewhere in what is left; now and then a time
      // from the start, which may land in start-up, before any cell finished.
      const byTime = random() < 0.25;
      const target = before + 1 + Math.floor(random() * Math.max(1, remaining * 0.6));
      const afterMs = 500 + Math.floor(random() * 4_000);
      const jitterMs = Math.floor(random() * 200);
      const aim = byTime
        ? `${afterMs} ms after the start`
        : `${target - before} more cells (+${jitterMs} ms)`;
      const at = performance.now();
      const child = spawnCliGroup(project, [
        "run",
        "--reports",
        "reports",
        "--progress",
        "off",
        ...(resumed ? ["--resume"] : []),
      ]);
      let exited = false;
      child.once("exit", () => {
        exited = true;
      });
      if (byTime) await delay(afterMs);
      else {
        const deadline = performance.now() + 120_000;
        while (!exited && performance.now() < deadline && readRunIds(results).lines < target) await delay(20);
        await delay(jitterMs);
      }
      if (exited) problems.push(`kill ${kill + 1}: the run ended before the kill (aim: ${aim})`);
      await killGroup(child);
      const ms = performance.now() - at;
      const after = readRunIds(results);
      for (const [key, id] of recorded) {
        if (after.ids.get(key) !== id) problems.push(`kill ${kill + 1}: ${key} changed or vanished`);
      }
      for (const [key, id] of after.ids) recorded.set(key, id);
      kills.push({
        resumed,
        aim,
        cellsBefore: start.ids.size,
        cellsAfter: after.ids.size,
        ms: Math.round(ms),
      });
      log(
        `  kill -9 #${kill + 1} (${resumed ? "--resume, " : ""}aim ${aim}) at ${(ms / 1000).toFixed(1)} s: ${
          after.ids.size
        }/${keys.length} cells finished with a run, ${after.lines} lines`,
      );
    }
    const finishedBefore = readRunIds(results);
    const cellsBefore = finishedBefore.lines;
    const cellsLeft = keys.length - finishedBefore.ids.size;
    const final = await runCli(project, ["run", "--reports", "reports", "--progress", "off", "--resume"]);
    const audit = auditReports(reports, keys, { resumed: true });
    problems.push(...audit.problems);
    let rerun = 0;
    let lost = 0;
    for (const [key, id] of recorded) {
      const now = audit.runIds.get(key);
      if (now === undefined) lost += 1;
      else if (now !== id) rerun += 1;
    }
    if (lost > 0) problems.push(`${lost} cells recorded before a kill are gone`);
    if (rerun > 0) problems.push(`${rerun} cells recorded before a kill were run again`);
    // Errors within the tolerance: 0, or 1 when a cell's assertion saw its error.
    if (final.code !== 0 && final.code !== 1)
      problems.push(`the last --resume exited ${final.code}: ${final.stderr.slice(-500)}`);
    const runsCreated = audit.server?.runsCreated;
    if (runsCreated !== cellsLeft)
      problems.push(`the last --resume created ${runsCreated} runs for ${cellsLeft} cells not yet finished`);
    if ((audit.server?.duplicateCreates ?? 0) !== 0)
      problems.push(`the last --resume created ${audit.server?.duplicateCreates} runs twice`);
    log(
      `  last --resume: exit ${final.code} in ${(final.ms / 1000).toFixed(1)} s; ${audit.resultCells}/${
        keys.length
      } cells (${audit.retried} retried after an error, ${audit.infrastructureErrors} still in error), ${runsCreated} runs created for ${cellsLeft} cells left; ${recorded.size} cells recorded before kills: ${lost} lost, ${rerun} run again`,
    );
    return {
      cells: keys.length,
      kills,
      final: {
        exitCode: final.code,
        seconds: final.ms / 1000,
        cellsBefore,
        cellsLeft,
        runsCreated,
        retried: audit.retried,
        errors: audit.infrastructureErrors + audit.usageErrors,
        duplicateCreates: audit.server?.duplicateCreates,
      },
      rerun,
      lost,
      seconds: (performance.now() - started) / 1000,
      problems,
    };
  } finally {
    if (options.keep !== true) project.remove();
  }
}
