// maestro-eval run, gate, bless and merge end to end: a small project in a temporary directory inside
// the repository (so `maestro-eval` resolves to this package), real vitest, the embedded local server.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../src/domain/index.js";
import { parseResultLines } from "../../src/domain/index.js";
import { repoRoot, userEnv } from "../helpers/run-fixture-suites.js";

const cli = join(repoRoot, "bin/maestro-eval.js");
let project: string;

const suite = `
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro(
  "orders",
  {
    cases: [
      { name: "refund", input: "Reply to the customer: Order: 4411\\nProduct: kettle\\nMessage: The kettle leaks; I want a refund." },
      { name: "delay", input: "Reply to the customer: Order: 5120\\nProduct: lamp\\nMessage: Where is my lamp? It is two weeks late." },
    ],
    requirements: [
      { name: "length", description: "Write at most 4 sentences." },
      { name: "no CEO", description: "Don't mention the CEO.", is_mandatory: true },
    ],
    matrix: { models: ["jamba-large", "jamba-mini"], budgets: ["low", "high"], repeats: 2 },
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
    expect(run).toMeetRequirement("length", null);
  },
);
`;

/** A small second suite, so that shards (vitest shards by file) have a file each. */
function smallSuite(name: string, input: string) {
  return `
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("${name}", {
  cases: [{ name: "only", input: ${JSON.stringify(input)} }],
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  matrix: { models: ["jamba-mini"], budgets: ["low", "medium"] },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;
}

function config(gate: string, timeScale = 0) {
  return `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], concurrency: 4, local: { timeScale: ${timeScale}, seed: 5 }, gate: ${gate} });
`;
}

function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      {
        cwd: project,
        timeout: 180_000,
        env: userEnv(env),
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function readReport(dir: string): EvalReport {
  return JSON.parse(readFileSync(join(project, dir, "report.json"), "utf8")) as EvalReport;
}

beforeAll(() => {
  project = mkdtempSync(join(repoRoot, ".tmp-e2e-"));
  mkdirSync(join(project, "suites"));
  writeFileSync(join(project, "suites/orders.eval.ts"), suite);
  writeFileSync(
    join(project, "suites/greetings.eval.ts"),
    smallSuite("greetings", "Greet Dana, who joins the team on Monday."),
  );
  writeFileSync(
    join(project, "suites/notes.eval.ts"),
    smallSuite("notes", "Summarise: the shipment of 40 crates left Rotterdam on Monday."),
  );
  writeFileSync(
    join(project, "maestro-eval.config.ts"),
    config('{ groups: ["jamba-large/high"], mandatory: { minPassRate: 1 } }'),
  );
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe("maestro-eval run", () => {
  test("runs the suites on the local server, prints tables, diffs and the recommendation, writes every report and passes the gate", async () => {
    const { code, stdout, stderr } = await runCli(["run", "--reports", "reports", "--progress", "lines"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain('suite "orders": 16 cells · 16 passed · 0 failed (simulated models)');
    expect(stdout).toMatch(/│ length\s+│/);
    expect(stdout).toContain("mandatory gate");
    expect(stdout).toContain("Cheapest model/budget that passes the gate and every assertion:");
    expect(stdout).toMatch(/Gate PASSED: \d+ thresholds? checked, 0 failing/);
    for (const file of ["results.jsonl", "report.json", "report.html", "junit.xml", "summary.md"]) {
      expect(existsSync(join(project, "reports", file))).toBe(true);
    }
    const report = readReport("reports");
    expect(report.cells).toHaveLength(20);
    expect(parseResultLines(readFileSync(join(project, "reports/results.jsonl"), "utf8"))).toHaveLength(20);
    // A test case per cell, and the gate's own (passed) test case.
    const junit = readFileSync(join(project, "reports/junit.xml"), "utf8");
    expect(junit.match(/<testcase /g)).toHaveLength(21);
    expect(junit).toContain('<testcase classname="gate" name="gate" time="0.000">');
    expect(readFileSync(join(project, "reports/summary.md"), "utf8")).toContain("gate passed");
  }, 180_000);

  test("a stricter gate fails with exit 1 and says which threshold, with its numbers", async () => {
    writeFileSync(
      join(project, "strict.config.ts"),
      config('{ groups: ["jamba-mini/low"], overall: { min: 0.99 } }'),
    );
    const { code, stdout } = await runCli([
      "run",
      "--config",
      "strict.config.ts",
      "--reports",
      "reports-strict",
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Gate FAILED/);
    expect(stdout).toMatch(/✗ \[quality\] suite "orders": overall mean \d\.\d+ < 0\.99 on jamba-mini\/low/);
  }, 180_000);

  test("bad flags and bad configuration exit 3 with a clear message", async () => {
    const unknown = await runCli(["run", "--model", "x"]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("unknown option '--model'");
    const badValue = await runCli(["run", "--repeats", "0"]);
    expect(badValue.code).toBe(3);
    expect(badValue.stderr).toContain('--repeats must be a number from 1 to 1000, got "0"');
    writeFileSync(join(project, "bad.config.ts"), "export default { concurrency: 0, gate: {} };\n");
    const badConfig = await runCli(["run", "--config", "bad.config.ts"]);
    expect(badConfig.code).toBe(3);
    expect(badConfig.stderr).toMatch(/bad\.config\.ts: concurrency must be a whole number >= 1, got 0/);
  }, 60_000);

  test("gate and bless work on the written report; a baseline compares paired over repeats", async () => {
    const bless = await runCli(["bless", "reports/report.json"]);
    expect(bless.code).toBe(0);
    expect(existsSync(join(project, "reports/baseline.json"))).toBe(true);
    const gate = await runCli(["gate", "reports/report.json", "--baseline", "reports/baseline.json"]);
    expect(gate.code).toBe(0);
    expect(gate.stdout).toContain("Against the baseline (paired over cases and repeats):");
    const missing = await runCli(["gate", "nowhere.json"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("no report at");
  }, 60_000);

  // Shards merged equal one run: test/integration/verdict-invariants.test.ts compares the whole report
  // (and the packed-package test merges shards as the README shows), so it is not repeated here.

  test("kill -9 in the middle of a run, then --resume: nothing lost, nothing finished run again", async () => {
    writeFileSync(join(project, "slow.config.ts"), config("{}", 0.6));
    const dir = join(project, "reports-killed");
    const child: ChildProcess = spawn(
      process.execPath,
      [cli, "run", "--config", "slow.config.ts", "--reports", "reports-killed", "--progress", "off"],
      {
        cwd: project,
        detached: true,
        stdio: "ignore",
        env: userEnv(),
      },
    );
    const results = join(dir, "results.jsonl");
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const done = existsSync(results) ? parseResultLines(readFileSync(results, "utf8")).length : 0;
      if (done >= 4) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = parseResultLines(readFileSync(results, "utf8"));
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.length).toBeLessThan(20);
    const { code } = await runCli([
      "run",
      "--config",
      "slow.config.ts",
      "--reports",
      "reports-killed",
      "--resume",
      "--progress",
      "off",
    ]);
    expect(code).toBe(0);
    const report = readReport("reports-killed");
    expect(report.cells).toHaveLength(20);
    const after = new Map(report.cells.map((cell) => [cell.key, cell.runId]));
    for (const line of before) expect(after.get(line.meta.cell.key)).toBe(line.meta.run.id);
    expect(parseResultLines(readFileSync(results, "utf8"))).toHaveLength(20);
  }, 240_000);
});
