// `maestro-eval run --resume` after a run with errors: the cells that ended in an error run again, and
// their new outcomes reach results.jsonl (the crash-safe record, kept at one line per cell), not only report.json. They did not:
// the reporter skipped appending a cell whose earlier line was an error, so results.jsonl kept the
// error, a later --resume ran the now finished cell again, and a kill lost its run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../src/domain/index.js";
import { parseResultLines } from "../../src/domain/index.js";
import type { ServerStatsFile } from "./audit-reports.js";
import { configSource, writeGeneratedSuites } from "./generated-suites.js";
import { createTempProject, runCli } from "./temp-project.js";

const project = createTempProject("resume-errors");
afterAll(() => project.remove());

function read(where: { dir: string }) {
  const dir = join(where.dir, "reports");
  const lines = parseResultLines(readFileSync(join(dir, "results.jsonl"), "utf8"));
  const last = new Map(lines.map((line) => [line.meta.cell.key, line]));
  const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as EvalReport;
  const stats = JSON.parse(readFileSync(join(dir, "local-server.json"), "utf8")) as ServerStatsFile;
  const errors = [...last.values()].filter((line) => line.meta.error !== undefined).length;
  return { lines, last, report, stats, errors };
}

describe("maestro-eval run --resume", () => {
  test("runs the cells that ended in an error again and appends their new outcomes to results.jsonl", async () => {
    const keys = writeGeneratedSuites(project, {
      name: "resume",
      files: 1,
      casesPerFile: 10,
      models: ["jamba-mini"],
      budgets: ["low"],
      repeats: 2,
    });
    project.write(
      "maestro-eval.config.ts",
      configSource({
        suites: ["suites/*.eval.ts"],
        concurrency: 8,
        local: { seed: 3, timeScale: 0, faults: { failedRuns: 0.3 } },
        // This test is about --resume, not scores: the sim misses the mandatory requirement on some cells.
        gate: { infrastructure: { maxErrorRate: 1 }, mandatory: { minPassRate: 0 } },
      }),
    );
    const args = ["run", "--reports", "reports", "--progress", "off"];
    const firstRun = await runCli(project, args);
    expect(firstRun.code, `${firstRun.stdout}\n${firstRun.stderr}`).toBe(0);
    const first = read(project);
    expect(first.lines).toHaveLength(keys.length);
    expect(first.errors).toBeGreaterThan(0);

    const resumed = await runCli(project, [...args, "--resume"]);
    expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);
    const second = read(project);
    // Only the cells in error ran again; results.jsonl is rewritten to one line per cell, its latest outcome.
    expect(second.stats.runsCreated).toBe(first.errors);
    expect(second.lines).toHaveLength(keys.length);
    // The last line of every cell says what report.json says.
    expect(second.report.cells).toHaveLength(keys.length);
    for (const cell of second.report.cells) {
      const line = second.last.get(cell.key);
      expect(line?.meta.error?.name ?? null, cell.key).toBe(cell.error?.name ?? null);
      if (cell.error === null) expect(line?.meta.run.id, cell.key).toBe(cell.runId);
    }
    // Cells that finished in the first run kept their runs.
    for (const [key, line] of first.last)
      if (line.meta.error === undefined) expect(second.last.get(key)?.meta.run.id).toBe(line.meta.run.id);
  }, 120_000);
});
