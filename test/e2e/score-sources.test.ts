// Every score says where it came from, end to end (issue 14, item 6): a requirement no verifier understands
// ("The age must be a number") is scored on the local backend by the simulated model's own claim. Once it
// showed as 1.00 like a measured score and counted in the gate, and chat cells on the local server were
// labelled "simulated": false. Real vitest through `maestro-eval run`, the embedded local server, and the
// files a user reads.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../src/domain/index.js";
import { repoRoot, userEnv } from "../helpers/run-fixture-suites.js";

const cli = join(repoRoot, "bin/maestro-eval.js");
let project: string;

const peopleSuite = `
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("people", {
  cases: [{ name: "maria", input: 'Return JSON with the key "age": Maria Lopez is 34 and lives in Lyon.' }],
  requirements: [
    { name: "age", description: "The age must be a number" },
    { name: "short", description: "Write at most 3 sentences." },
    { name: "tone", description: "Write at most 3 sentences and keep a warm, friendly tone" },
  ],
  matrix: { models: ["jamba-mini"], budgets: ["low"], repeats: 3 },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;

const chatSuite = `
import { expect } from "vitest";
import { describeChat } from "maestro-eval/vitest";

describeChat("greeting", {
  cases: [{ name: "hello", messages: [{ role: "user", content: "Greet the team in one sentence." }] }],
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  matrix: { models: ["jamba-mini"] },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;

function config(gate: string): string {
  return `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], concurrency: 4, local: { timeScale: 0, seed: 5 }, gate: ${gate} });
`;
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: project, timeout: 180_000, env: userEnv() },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  project = mkdtempSync(join(repoRoot, ".tmp-e2e-sources-"));
  mkdirSync(join(project, "suites"));
  writeFileSync(join(project, "suites/people.eval.ts"), peopleSuite);
  writeFileSync(join(project, "suites/greeting.eval.ts"), chatSuite);
  writeFileSync(join(project, "maestro-eval.config.ts"), config("{ requirements: { age: { min: 0.5 } } }"));
  writeFileSync(
    join(project, "trusting.config.ts"),
    config(
      '{ requirements: { age: { min: 0.5 } }, trustedSources: ["verifier", "partial", "self_assessed"] }',
    ),
  );
  writeFileSync(join(project, "bad.config.ts"), config('{ trustedSources: ["verifier", "self"] }'));
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe("score sources end to end", () => {
  test("the table marks the self-assessed score, report.json and JUnit name every source, and the gate leaves it out", async () => {
    const { code, stdout } = await runCli(["run", "--reports", "reports", "--progress", "off"]);
    // The only threshold rests on self-assessed scores: the gate has nothing it trusts to check.
    expect(code).toBe(1);
    // The people suite's table: the rows up to the next blank line after its title.
    const table = stdout.slice(stdout.indexOf('suite "people": ')).split("\n\n")[0]!.split("\n");
    const row = (name: string) => table.find((line) => new RegExp(`│ ${name}\\s+│`).test(line));
    expect(row("age")).toMatch(/│ age\s+│\s+\d\.\d\d \[\d\.\d\d, \d\.\d\d\] \(\d\/3\) S │/);
    expect(row("tone")).toMatch(/ P │$/);
    expect(row("short")).toMatch(/\(\d\/3\) │$/);
    expect(stdout).toContain(
      "marks: P partly verified (some clauses not understood); S self-assessed by the model (not gated by default); unmarked scores were verified",
    );
    expect(stdout).toContain(
      'requirement "age" has no scored runs on jamba-mini/low; the requirement threshold is 0.50 (3 self-assessed scores left out: not in gate.trustedSources)',
    );
    expect(stdout).toContain(
      "note: left out of the gate: 3 self-assessed scores; trusted sources: verifier, partial, judge, maestro (gate.trustedSources)",
    );

    const report = JSON.parse(readFileSync(join(project, "reports/report.json"), "utf8")) as EvalReport;
    const people = report.cells.filter((cell) => cell.suite === "people");
    expect(people).toHaveLength(3);
    for (const cell of people) {
      expect(cell.requirements.map((item) => [item.name, item.source])).toEqual([
        ["age", "self_assessed"],
        ["short", "verifier"],
        ["tone", "partial"],
      ]);
    }
    const group = report.suites.find((suite) => suite.name === "people")!.groups[0]!;
    expect(group.requirements.find((item) => item.name === "age")!.sources).toEqual({ self_assessed: 3 });
    // The local server's sim answered the chat cell: it says so, as a Maestro run on the local server does.
    const chat = report.cells.find((cell) => cell.suite === "greeting")!;
    expect(chat.kind).toBe("chat");
    expect(chat.simulated).toBe(true);
    expect(chat.requirements.map((item) => item.source)).toEqual(["verifier"]);

    const junit = readFileSync(join(project, "reports/junit.xml"), "utf8");
    expect(junit).toMatch(/[✓✗] age: \d\.\d\d (≥|&lt;) 1\.00 \[self-assessed\]/);
    expect(junit).toMatch(/ tone: \d\.\d\d (≥|&lt;) 1\.00 \[partly verified\]/);

    const summary = readFileSync(join(project, "reports/summary.md"), "utf8");
    expect(summary).toContain("S self-assessed by the model (not gated by default)");
    const html = readFileSync(join(project, "reports/report.html"), "utf8");
    expect(html).toContain("S self-assessed by the model (not gated by default)");
  }, 180_000);

  test("maestro-eval gate on the written report agrees, and counts the scores when told to trust them", async () => {
    const strict = await runCli(["gate", "reports/report.json", "--json"]);
    expect(strict.code).toBe(1);
    const result = JSON.parse(strict.stdout) as {
      sources: { trusted: string[]; gated: Record<string, number>; excluded: Record<string, number> };
    };
    expect(result.sources).toEqual({
      trusted: ["verifier", "partial", "judge", "maestro"],
      gated: { verifier: 4, partial: 3 },
      excluded: { self_assessed: 3 },
    });

    const trusting = await runCli(["gate", "reports/report.json", "--config", "trusting.config.ts"]);
    expect(trusting.stdout).not.toContain('requirement "age" has no scored runs');
    expect(trusting.stdout).not.toContain("left out of the gate");

    const bad = await runCli(["gate", "reports/report.json", "--config", "bad.config.ts"]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(
      'gate.trustedSources[1] must be one of "verifier", "partial", "judge", "maestro", "self_assessed", got "self"',
    );
  }, 180_000);
});
