// The run history end to end: maestro-eval run appends to reports/history.jsonl (whatever --reports it
// writes to, unless --no-history), and maestro-eval history prints the trend, as a user runs them.
import { execFile } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseHistory } from "../../src/domain/run-history.js";
import { repoRoot, userEnv } from "../helpers/run-fixture-suites.js";

const cli = join(repoRoot, "bin/maestro-eval.js");
let project: string;

function suite(length: string): string {
  return `
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("orders", {
  cases: [{ name: "refund", input: "Reply to the customer: Order: 4411\\nProduct: kettle\\nMessage: The kettle leaks; I want a refund." }],
  requirements: [
    { name: "length", description: ${JSON.stringify(length)} },
    { name: "no CEO", description: "Don't mention the CEO.", is_mandatory: true },
  ],
  matrix: { models: ["jamba-mini"], repeats: 2 },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: project, timeout: 170_000, env: userEnv() },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const historyFile = () => join(project, "reports/history.jsonl");

beforeAll(() => {
  project = mkdtempSync(join(repoRoot, ".tmp-history-"));
  mkdirSync(join(project, "suites"));
  writeFileSync(join(project, "suites/orders.eval.ts"), suite("Write at most 4 sentences."));
  writeFileSync(
    join(project, "maestro-eval.config.ts"),
    `import { defineConfig } from "maestro-eval";\nexport default defineConfig({ local: { timeScale: 0, seed: 3 } });\n`,
  );
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe("maestro-eval run and history", () => {
  test("every run appends one line per suite to the config's reports directory, even with --reports; --no-history adds none", async () => {
    const first = await runCli(["run", "--progress", "off"]);
    // Whatever the gate says (0 or 1): the run finished and wrote its reports.
    expect(first.stderr).toBe("");
    expect([0, 1]).toContain(first.code);
    // A stricter requirement: its scores change, and so does its trend.
    writeFileSync(join(project, "suites/orders.eval.ts"), suite("Answer in exactly 1 word."));
    const second = await runCli(["run", "--progress", "off", "--reports", "scratch"]);
    expect(second.stderr).toBe("");
    expect(existsSync(join(project, "scratch/report.json"))).toBe(true);
    expect(existsSync(join(project, "scratch/history.jsonl"))).toBe(false);
    const { entries, unreadable } = parseHistory(readFileSync(historyFile(), "utf8"));
    expect(unreadable).toEqual([]);
    expect(entries).toHaveLength(2);
    const commit = readFileSync(join(repoRoot, ".git/HEAD"), "utf8").trim();
    for (const entry of entries) {
      expect(entry).toMatchObject({
        suite: "orders",
        backends: ["local"],
        simulated: true,
        shard: null,
        source: "run",
      });
      // Inside this repository: a commit, and the branch when HEAD names one.
      expect(entry.commit).toMatch(/^[0-9a-f]{7,}$/);
      expect(entry.branch).toBe(commit.startsWith("ref: refs/heads/") ? commit.slice(16) : null);
      expect(entry.groups.map((group) => group.group)).toEqual(["jamba-mini/low"]);
      expect(entry.groups[0]!.requirements.map((requirement) => requirement.name)).toEqual([
        "length",
        "no CEO",
      ]);
    }
    expect(entries[0]!.run).not.toBe(entries[1]!.run);
    const report = JSON.parse(readFileSync(join(project, "scratch/report.json"), "utf8"));
    expect(entries[1]!.groups[0]!.overall).toBeCloseTo(report.suites[0].groups[0].overall.mean, 4);

    const untracked = await runCli(["run", "--progress", "off", "--no-history", "--reports", "scratch"]);
    expect(untracked.stderr).toBe("");
    expect(parseHistory(readFileSync(historyFile(), "utf8")).entries).toHaveLength(2);
  }, 600_000);

  test("history prints a sparkline per requirement with the commit where it changed most, and skips unreadable lines by number", async () => {
    appendFileSync(historyFile(), '{"v":1,"run":"cut by a ki\n');
    const { code, stdout } = await runCli(["history", "--suite", "orders"]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^History: reports\/history\.jsonl · 2 runs from \d{4}-\d\d-\d\d \d\d:\d\d to \d{4}-\d\d-\d\d \d\d:\d\d · simulated models$/,
    );
    expect(lines[1]).toBe("  1 unreadable line skipped (line 3): cut by a kill, or not a history entry");
    expect(lines).toContain('suite "orders" · jamba-mini/low');
    const length = lines.find((line) => line.startsWith("  length "));
    expect(length).toMatch(/^ {2}length +[▁▂▃▄▅▆▇█]{2} +\d\.\d\d +(?:none|[+-]\d\.\d\d at [0-9a-f]{7,}.*)$/);
    expect(lines.some((line) => /^ {2}no CEO \* /.test(line))).toBe(true);
    expect(lines.some((line) => line.startsWith("  latency p50 "))).toBe(true);

    const unknown = await runCli(["history", "--suite", "nope"]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr.trim()).toBe(
      'maestro-eval history: no suite "nope" in reports/history.jsonl; its suites are "orders"',
    );
  }, 300_000);
});
