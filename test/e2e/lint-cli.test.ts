// maestro-eval lint and validate's requirement lint, end to end: a project in a temporary directory inside
// the repository (so that `maestro-eval` resolves to this package), the real CLI, vitest collecting the
// suites. Nothing is sent: lint never starts a server.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot, userEnv } from "../helpers/run-fixture-suites.js";

const cli = join(repoRoot, "bin/maestro-eval.js");
let project: string;

const conflicting = `
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("support reply", {
  cases: [
    { name: "refund", input: "Reply to the customer: the kettle leaks." },
    { name: "late", input: "Reply to the customer: the lamp is late.", request: { response_language: "german" } },
  ],
  requirements: [
    { name: "short", description: "Use at most 50 words." },
    { name: "detailed", description: "Write at least 100 words." },
    { name: "french", description: "Respond in French." },
    { name: "tone", description: "Sound warm and kind.", is_mandatory: true },
  ],
  matrix: { models: ["jamba-mini"] },
});
`;

const clean = `
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("notes", {
  cases: [{ name: "only", input: "Summarise: 40 crates left Rotterdam on Monday." }],
  requirements: [
    { name: "short", description: "Write at most 3 sentences." },
    { name: "no CEO", description: "Don't mention the CEO.", is_mandatory: true },
  ],
  matrix: { models: ["jamba-mini"], budgets: ["low", "high"] },
});
`;

const warningsOnly = `
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("duplicates", {
  cases: [{ name: "twice", input: "Greet Dana." }],
  requirements: [
    { name: "brief", description: "Use at most 40 words." },
    { name: "concise", description: "Keep it to at most 40 words." },
  ],
  matrix: { models: ["jamba-mini"] },
});
`;

const tooLong = Array.from({ length: 131 }, (_, index) => `w${index}`).join(" ");
const broken = `
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("broken", {
  cases: [{ name: "long", input: "Hi" }],
  requirements: [{ name: "rambling", description: ${JSON.stringify(tooLong)} }],
  matrix: { models: ["jamba-mini"] },
});
`;

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

beforeAll(() => {
  project = mkdtempSync(join(repoRoot, ".tmp-lint-"));
  mkdirSync(join(project, "suites"));
  mkdirSync(join(project, "more"));
  writeFileSync(join(project, "suites/support.eval.ts"), conflicting);
  writeFileSync(join(project, "suites/notes.eval.ts"), clean);
  writeFileSync(join(project, "more/duplicates.eval.ts"), warningsOnly);
  writeFileSync(join(project, "suites/broken.eval.ts"), broken);
  writeFileSync(
    join(project, "more.config.ts"),
    `import { defineConfig } from "maestro-eval";\nexport default defineConfig({ suites: ["more/*.eval.ts"] });\n`,
  );
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe("maestro-eval lint", () => {
  test("names the suite, case, requirements and clauses of every conflict, and exits 3 on an error", async () => {
    const { code, stdout, stderr } = await runCli(["lint", "suites/support", "suites/notes"]);
    expect(stderr).toBe("");
    expect(code).toBe(3);
    expect(stdout).toContain(
      [
        'suite "support reply" · case "late"',
        '  error    language      requirement "french" ("in French") and response_language (German) conflict: a text has one language',
        '  error    count-range   requirement "short" ("at most 50 words") and requirement "detailed" ("at least 100 words") conflict: no count of words is both at most 50 and at least 100',
        '  warning  unverifiable  mandatory requirement "tone": no verifier understands "Sound warm and kind" and no judge is configured: its score is the local model\'s self-assessment or Maestro\'s alone on AI21, and a mandatory requirement below 1 sets the overall score to 0; conflicts with it cannot be checked',
      ].join("\n"),
    );
    expect(stdout).toContain('suite "support reply" · case "refund"');
    // The clean suite is counted, and has nothing to show.
    expect(stdout).not.toContain('suite "notes"');
    expect(stdout.trim().split("\n").at(-1)).toBe("Lint: 2 suites, 3 cases, 3 errors, 2 warnings");
  }, 180_000);

  test("--json: every finding with its suite and case, and a suite that fails to load names the case", async () => {
    const { code, stdout } = await runCli(["lint", "--json"]);
    expect(code).toBe(3);
    const json = JSON.parse(stdout) as {
      suites: number;
      cases: number;
      errors: number;
      warnings: number;
      loadErrors: string[];
      findings: { rule: string; suite: string; case: string; requirements: string[] }[];
    };
    expect(json).toMatchObject({ suites: 2, cases: 3, errors: 3, warnings: 2 });
    expect(
      json.findings.map((finding) => [finding.suite, finding.case, finding.rule, finding.requirements]),
    ).toEqual([
      ["support reply", "late", "language", ["french", "response_language"]],
      ["support reply", "late", "count-range", ["short", "detailed"]],
      ["support reply", "late", "unverifiable", ["tone"]],
      ["support reply", "refund", "count-range", ["short", "detailed"]],
      ["support reply", "refund", "unverifiable", ["tone"]],
    ]);
    expect(json.loadErrors).toHaveLength(1);
    expect(json.loadErrors[0]).toContain('suite "broken" case "long" is invalid');
    expect(json.loadErrors[0]).toContain("has 131 words; at most 128 are allowed");
  }, 180_000);

  test("warnings alone exit 0, and 3 with --strict", async () => {
    const { code, stdout } = await runCli(["lint", "--config", "more.config.ts"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '  warning  near-duplicate  requirements "brief" and "concise" ask for the same checks; Maestro scores and refines each, so a duplicate weighs twice',
    );
    const strict = await runCli(["lint", "--strict", "--config", "more.config.ts"]);
    expect(strict.code).toBe(3);
    expect(strict.stdout.trim().split("\n").at(-1)).toBe(
      "Lint: 1 suite, 1 case, 0 errors, 1 warning (--strict counts warnings as errors)",
    );
  }, 180_000);
});

describe("maestro-eval run lints too", () => {
  // A run lints once its worker is idle (after the first cells were sent), and the reporter reads the
  // findings when the suite ends: they must be the ones `lint` finds at collection.
  test("report.json and the terminal hold the findings lint --json gives", async () => {
    const linted = await runCli(["lint", "--json", "suites/support"]);
    const expected = (JSON.parse(linted.stdout) as { findings: unknown[] }).findings;
    expect(expected).toHaveLength(5);
    const run = await runCli(["run", "suites/support", "--reports", "reports-run", "--no-history"]);
    expect(run.stderr).not.toContain("Error");
    const report = JSON.parse(readFileSync(join(project, "reports-run/report.json"), "utf8")) as {
      lint: unknown[];
      cells: unknown[];
    };
    expect(report.cells).toHaveLength(2);
    expect(report.lint).toEqual(expected);
    expect(run.stdout).toContain(
      'error    count-range   requirement "short" ("at most 50 words") and requirement "detailed" ("at least 100 words") conflict',
    );
    // Lint errors do not decide the exit code: the gate on the written report does.
    const gate = await runCli(["gate", "reports-run/report.json"]);
    expect(run.code).toBe(gate.code);
  }, 180_000);
});

describe("maestro-eval validate lints a valid run request's requirements", () => {
  test("a conflict is an error at the first requirement involved", async () => {
    writeFileSync(
      join(project, "body.json"),
      JSON.stringify({
        input: "Describe the kettle.",
        requirements: [
          { name: "lower", description: "Write in all lowercase letters." },
          { name: "caps", description: "Write in all capital letters." },
        ],
      }),
    );
    const { code, stdout } = await runCli(["validate", "--json", "body.json"]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout).issues).toEqual([
      {
        loc: ["body", "requirements", 0],
        msg: 'requirement "lower" ("in all lowercase letters") and requirement "caps" ("in all capital letters") conflict: a text cannot be all lowercase and all capitals',
        type: "lint.case",
        severity: "error",
      },
    ]);
  }, 180_000);
});
