// The verdict is the product: for every scenario, the exit code of `maestro-eval run`, the exit code of
// `maestro-eval gate` on the report.json it wrote, summary.md, junit.xml and report.html all tell the same
// verdict; identical runs give identical reports; shards merged give the report of one run; a run that
// does nothing, or ends in a usage error, leaves reports/ exactly as it was; gate, merge and bless check a
// report against its schema first. One small project in a temporary directory inside the repository (so
// `maestro-eval` resolves to this package), real vitest, the embedded local server with timeScale 0.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../src/domain/index.js";
import { parseResultLines } from "../../src/domain/index.js";
import { repoRoot, userEnv } from "../helpers/run-fixture-suites.js";

const cli = join(repoRoot, "bin/maestro-eval.js");
let project: string;

// Modes, set through H3A_MODE: "" (every assertion holds, no mandatory requirement), "harder" (two
// requirements no output can meet together: every overall score drops), "mandatory" (the same two, both
// mandatory), "compare" (a case's compare asserts what cannot hold).
const orders = `
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

const mode = process.env.H3A_MODE ?? "";
const hard = mode === "harder" || mode === "mandatory";
describeMaestro(
  "orders",
  {
    cases: [
      { name: "refund", input: "Reply to the customer: Order: 4411. The kettle leaks; I want a refund." },
      { name: "delay", input: "Reply to the customer: Order: 5120. Where is my lamp? It is two weeks late." },
    ],
    requirements: [
      { name: "short", description: hard ? "Write at least 600 words." : "Write at most 5 sentences.", is_mandatory: mode === "mandatory" },
      { name: "tiny", description: hard ? "Write at most 50 words." : "Write at most 200 words.", is_mandatory: mode === "mandatory" },
    ],
    matrix: { models: ["jamba-mini"], budgets: ["low"], repeats: 3 },
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
  },
);
`;

const notes = `
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro(
  "notes",
  {
    cases: [{ name: "only", input: "Summarise: the shipment of 40 crates left Rotterdam on Monday." }],
    requirements: [{ name: "brief", description: "Write at most 3 sentences." }],
    matrix: { models: ["jamba-mini"], budgets: ["low", "medium"] },
    compare: ({ cells }) => {
      if (process.env.H3A_MODE === "compare")
        expect(cells.one("jamba-mini", "medium")).not.toHaveStatus("completed");
      else expect(cells.one("jamba-mini", "medium")).toHaveStatus("completed");
    },
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
  },
);
`;

// Six paired runs cannot show a drop at p < 0.05 unless five of them drop (the exact paired test's smallest
// p-values are 1/32 and 1/16); the "harder" drop (4 of 6 runs lose "tiny") is found at alpha 0.2.
const config = `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], concurrency: 4, local: { timeScale: 0, seed: 11 }, reports: { dir: "out" }, gate: { regression: { maxDrop: 0, alpha: 0.2 } } });
`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: project, timeout: 240_000, env: userEnv({ H3A_MODE: "", ...env }) },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function readReport(dir: string): EvalReport {
  return JSON.parse(readFileSync(join(project, dir, "report.json"), "utf8")) as EvalReport;
}

/** What each written file says the verdict is, as an exit code. */
async function verdicts(
  dir: string,
): Promise<{ gate: number; summary: number; junit: number; html: number }> {
  const gate = await runCli(["gate", join(dir, "report.json")]);
  const summary = readFileSync(join(project, dir, "summary.md"), "utf8").split("\n")[0]!;
  const junit = readFileSync(join(project, dir, "junit.xml"), "utf8");
  const html = readFileSync(join(project, dir, "report.html"), "utf8");
  const counts = /<testsuites [^>]*failures="(\d+)" errors="(\d+)"/.exec(junit)!;
  const banner = /<div class="banner (?:good|bad)"><strong>([^<]*)<\/strong>/.exec(html)?.[1] ?? "";
  return {
    gate: gate.code,
    summary: summary.includes("gate passed")
      ? 0
      : summary.includes("gate failed")
        ? 1
        : summary.includes("infrastructure")
          ? 2
          : 3,
    // JUnit has no exit code: passed is no failure and no error.
    junit: Number(counts[1]) + Number(counts[2]) === 0 ? 0 : 1,
    html: banner.startsWith("Gate passed")
      ? 0
      : banner.startsWith("Gate failed")
        ? 1
        : banner.startsWith("Infrastructure")
          ? 2
          : 3,
  };
}

async function expectOneVerdict(run: CliResult, dir: string): Promise<void> {
  const seen = await verdicts(dir);
  expect(seen, `${run.stdout}\n${run.stderr}`).toEqual({
    gate: run.code,
    summary: run.code,
    junit: run.code === 0 ? 0 : 1,
    html: run.code,
  });
}

/** The report without what differs between two identical runs: times, run ids and the shard it was. */
function comparable(report: EvalReport) {
  const { startedAt: _s, finishedAt: _f, shard: _shard, ...run } = report.run;
  return {
    ...report,
    run,
    cells: report.cells.map(({ runId: _runId, ...cell }) => cell),
  };
}

/** Every file under a directory with its size, mtime and content hash. */
function snapshotDir(dir: string): string[] {
  const path = join(project, dir);
  if (!existsSync(path)) return ["(absent)"];
  return readdirSync(path)
    .sort()
    .map((name) => {
      const file = join(path, name);
      const stat = statSync(file);
      const hash = stat.isFile() ? createHash("sha256").update(readFileSync(file)).digest("hex") : "dir";
      return `${name} ${stat.size} ${stat.mtimeMs} ${hash}`;
    });
}

let base: EvalReport;

beforeAll(async () => {
  project = mkdtempSync(join(repoRoot, ".tmp-verdict-"));
  mkdirSync(join(project, "suites"));
  writeFileSync(join(project, "maestro-eval.config.ts"), config);
  writeFileSync(join(project, "suites/orders.eval.ts"), orders);
  writeFileSync(join(project, "suites/notes.eval.ts"), notes);
  const first = await runCli(["run", "--progress", "off"]);
  expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(0);
  base = readReport("out");
}, 300_000);

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe.sequential("the verdict", () => {
  test("a run where everything holds passes, and every file says so", async () => {
    await expectOneVerdict({ code: 0, stdout: "", stderr: "" }, "out");
    expect(base.cells).toHaveLength(8);
    // The case's compare is in the report, with the assertion it made and the cell it made it on.
    expect(base.tests).toEqual([
      {
        name: "notes > only > across cells",
        suite: "notes",
        case: "only",
        state: "passed",
        failures: [],
        assertions: [
          {
            cell: "notes/only/jamba-mini/medium/#0",
            matcher: "toHaveStatus",
            threshold: null,
            actual: null,
            pass: true,
          },
        ],
      },
    ]);
  });

  test("a failed assertion in a case's compare fails the run, the gate, and every report file", async () => {
    const run = await runCli(["run", "--reports", "c", "--progress", "off"], { H3A_MODE: "compare" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '✗ [quality] suite "notes": case "only" across cells failed: expected run not to have status "completed"',
    );
    await expectOneVerdict(run, "c");
    const report = readReport("c");
    expect(report.tests[0]!.state).toBe("failed");
    const medium = report.suites.find((suite) => suite.name === "notes")!.groups[1]!;
    // The medium cell's own toHaveStatus, and the compare's failed one on that cell.
    expect(medium.assertions).toEqual({ total: 2, failed: 1 });
    expect(medium.passesThresholds).toBe(false);
    expect(readFileSync(join(project, "c/junit.xml"), "utf8")).toContain('name="across cells"');
  }, 300_000);

  test("with no gate configured, a mandatory requirement missed fails; no group is recommended anywhere", async () => {
    const run = await runCli(["run", "--reports", "m", "--progress", "off"], { H3A_MODE: "mandatory" });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/mandatory-gate pass rate 0\.00 \(0\/6\) < 1\.00 on jamba-mini\/low/);
    await expectOneVerdict(run, "m");
    const orders = readReport("m").suites.find((suite) => suite.name === "orders")!;
    expect(orders.recommendation).toBeNull();
    expect(orders.groups[0]!.passesThresholds).toBe(false);
    expect(run.stdout).toContain("orders: none passes");
    expect(run.stdout).toContain("no model/budget passes every threshold");
  }, 300_000);

  test("bless honours the config's reports.dir, and run compares with that baseline by default", async () => {
    const bless = await runCli(["bless", "--config", "maestro-eval.config.ts"]);
    expect(bless.code, bless.stderr).toBe(0);
    expect(existsSync(join(project, "out/baseline.json"))).toBe(true);
    const run = await runCli(["run", "--progress", "off", "--json"], { H3A_MODE: "harder" });
    const printed = JSON.parse(run.stdout) as { exitCode: number; gate: { comparisons: unknown[] } };
    expect(printed.gate.comparisons.length).toBeGreaterThan(0);
    expect(run.code, JSON.stringify(printed.gate.comparisons)).toBe(1);
    expect(JSON.stringify(printed.gate)).toContain("regressed on jamba-mini/low");
    await expectOneVerdict(run, "out");
  }, 300_000);

  test("two identical runs give the same report apart from times and run ids; shards merged give it too", async () => {
    const again = await runCli(["run", "--reports", "again", "--progress", "off"]);
    expect(again.code).toBe(0);
    expect(comparable(readReport("again"))).toEqual(comparable(base));
    for (const shard of [1, 2]) {
      const run = await runCli([
        "run",
        "--shard",
        `${shard}/2`,
        "--reports",
        `shard-${shard}`,
        "--progress",
        "off",
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(readReport(`shard-${shard}`).run.shard).toBe(`${shard}/2`);
    }
    const merged = await runCli(["merge", "shard-1/report.json", "shard-2/report.json", "--out", "merged"]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(comparable(readReport("merged"))).toEqual(comparable(base));
    expect(readReport("merged").run.shard).toBeNull();
  }, 400_000);

  test("--resume runs no finished cell again, keeps one line per cell and says how many lines it could not read", async () => {
    cpSync(join(project, "again"), join(project, "resumed"), { recursive: true });
    const results = join(project, "resumed/results.jsonl");
    const lines = readFileSync(results, "utf8").trimEnd().split("\n");
    writeFileSync(results, `${lines.slice(0, 6).join("\n")}\n{"meta": cut by a kill\n`);
    const kept = new Map(
      parseResultLines(readFileSync(results, "utf8")).map((line) => [line.meta.cell.key, line.meta.run.id]),
    );
    const run = await runCli(["run", "--reports", "resumed", "--resume", "--progress", "off"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("--resume: 1 unreadable line in");
    const after = readReport("resumed");
    for (const cell of after.cells) if (kept.has(cell.key)) expect(cell.runId).toBe(kept.get(cell.key));
    const finalLines = readFileSync(results, "utf8").trimEnd().split("\n");
    expect(finalLines).toHaveLength(8);
    expect(parseResultLines(finalLines.join("\n"))).toHaveLength(8);
  }, 300_000);
});

describe.sequential("a run that does nothing", () => {
  test("no cell matched: exit 3, naming the filter, reports untouched", async () => {
    const before = snapshotDir("out");
    const run = await runCli(["run", "no-such-suite", "--progress", "off"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'no cell ran: nothing matched (the filters "no-such-suite" among the suites "suites/*.eval.ts")',
    );
    expect(snapshotDir("out")).toEqual(before);
  }, 120_000);

  test("usage errors name the flag and leave the reports untouched", async () => {
    const before = snapshotDir("out");
    const repeats = await runCli(["run", "--repeats", "1.5"]);
    expect(repeats.code).toBe(3);
    expect(repeats.stderr).toContain('--repeats must be a whole number from 1 to 1000, got "1.5"');
    const budgets = await runCli(["run", "--budgets", "ultra"]);
    expect(budgets.code).toBe(3);
    expect(budgets.stderr).toContain('--budgets must be low, medium, high separated by commas, got "ultra"');
    const models = await runCli(["run", "--models", ","]);
    expect(models.code).toBe(3);
    expect(models.stderr).toContain('--models must be model names separated by commas, none empty, got ","');
    writeFileSync(
      join(project, "suites/broken.eval.ts"),
      'import { describeMaestro } from "maestro-eval/vitest";\ndescribeMaestro("x", {\n',
    );
    try {
      const broken = await runCli(["run", "broken", "--progress", "off"]);
      expect(broken.code).toBe(3);
      expect(broken.stderr).toContain("no cell ran: no suite loaded");
    } finally {
      rmSync(join(project, "suites/broken.eval.ts"));
    }
    expect(snapshotDir("out")).toEqual(before);
  }, 180_000);
});

describe("gate, merge and bless check the report first", () => {
  const write = (name: string, value: unknown) => {
    writeFileSync(join(project, name), JSON.stringify(value));
    return name;
  };

  test.each([
    [
      "no cells, suites kept",
      (r: EvalReport) => ({ ...r, cells: [], totals: { ...r.totals, cells: 0 } }),
      'is inconsistent: suites lists "notes", which no cell belongs to',
    ],
    [
      "an empty object as a cell",
      (r: EvalReport) => ({ ...r, cells: [{}, ...r.cells.slice(1)] }),
      "does not match schemas/eval-report.schema.json: cells[0] must have required property",
    ],
    [
      "suites null",
      (r: EvalReport) => ({ ...r, suites: null }),
      "does not match schemas/eval-report.schema.json: suites must be array",
    ],
    [
      "a wrong type deep inside",
      (r: EvalReport) => ({ ...r, cells: [{ ...r.cells[0]!, score: "high" }, ...r.cells.slice(1)] }),
      "does not match schemas/eval-report.schema.json: cells[0].score must be",
    ],
  ])(
    "%s: gate exits 3 naming the field",
    async (_, change, message) => {
      const file = write("broken-report.json", change(base));
      const run = await runCli(["gate", file]);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(message);
    },
    180_000,
  );

  test("merge and bless check the report too, and write nothing", async () => {
    const file = write("broken-report.json", { ...base, suites: null });
    for (const args of [
      ["merge", file, "--out", "never"],
      ["bless", file, "--to", "never.json"],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(3);
      expect(run.stderr).toContain("does not match schemas/eval-report.schema.json: suites must be array");
    }
    expect(existsSync(join(project, "never"))).toBe(false);
    expect(existsSync(join(project, "never.json"))).toBe(false);
  }, 180_000);

  test("merge refuses reports of different backends, and whole runs, saying what differs", async () => {
    const local = readReport("shard-1");
    const ai21 = write("ai21.json", {
      ...readReport("shard-2"),
      run: { ...readReport("shard-2").run, backends: ["ai21"] },
    });
    writeFileSync(join(project, "local.json"), JSON.stringify(local));
    const backends = await runCli(["merge", "local.json", ai21, "--out", "never"]);
    expect(backends.code).toBe(3);
    expect(backends.stderr).toContain(
      "the reports come from different backends (local.json: local; ai21.json: ai21)",
    );
    const whole = await runCli(["merge", "out/report.json", "again/report.json", "--out", "never"]);
    expect(whole.code).toBe(3);
    expect(whole.stderr).toContain("out/report.json is the report of a whole run, not of a shard");
  }, 180_000);
});
