// README promises about `maestro-eval run` that only a real run can check: MAESTRO_EVAL_CONCURRENCY,
// a suite that fails to load, and one concurrency limit shared by several vitest worker processes.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLocalServer } from "../../src/local/index.js";
import { repoRoot } from "../helpers/run-fixture-suites.js";
import { cliEnv, createTempProject, runCli, type TempProject } from "../reliability/temp-project.js";

let project: TempProject;

/** A suite file that checks the harness's concurrency limit from inside a worker. */
const concurrencySuite = `
import { expect, inject, test } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

test("the harness's concurrency limit", () => {
  expect(inject("maestroEval").concurrency).toBe(Number(process.env.EXPECTED_CONCURRENCY));
});

describeMaestro("tiny", {
  // Two cases with the same input: two cells, not a duplicate create.
  cases: [{ name: "only", input: "Say hello." }, { name: "again", input: "Say hello." }],
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  matrix: { models: ["jamba-mini"] },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;

/** Requirements of several families, each met by some outputs of the local engine and missed by others. */
const FORMAT_REQUIREMENTS = [
  "Write at most 2 sentences.",
  "Dates must follow YYYY-MM-DD.",
  "Do not use any commas.",
  "End your answer with a question.",
];

/** Three cases, each scored on every requirement above. */
const formatsSuite = `
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("formats", {
  cases: [
    { name: "order", input: "Summarise: 3 lamps, shipped 03/15/2026 to Lisbon, paid $12.50." },
    { name: "note", input: "Tell the team the meeting moved to 2026-04-02, room B." },
    { name: "short", input: "Say hello." },
  ],
  requirements: ${JSON.stringify(FORMAT_REQUIREMENTS.map((description, index) => ({ name: `r${index}`, description })))},
  matrix: { models: ["jamba-mini", "jamba-large"] },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;

const config = `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], local: { timeScale: 0 } });
`;

/** A project holding the formats suite, with node_modules (where the cache lives), and its memory's file. */
function formatsProject(name: string): { project: TempProject; file: string } {
  const project = createTempProject(name);
  project.write("maestro-eval.config.ts", config);
  project.write("suites/formats.eval.ts", formatsSuite);
  mkdirSync(join(project.dir, "node_modules"), { recursive: true });
  return { project, file: join(project.dir, "node_modules/.cache/maestro-eval/parsed-requirements.json") };
}

beforeAll(() => {
  project = createTempProject("promises");
  project.write("maestro-eval.config.ts", config);
  project.write("suites/concurrency.eval.ts", concurrencySuite);
});

afterAll(() => project.remove());

describe("maestro-eval run", () => {
  test("honours MAESTRO_EVAL_CONCURRENCY", async () => {
    const result = await runCli(project, ["run", "--reports", "reports/env"], {
      MAESTRO_EVAL_CONCURRENCY: "3",
      EXPECTED_CONCURRENCY: "3",
    });
    expect(result.code).toBe(0);
    const stats = JSON.parse(readFileSync(join(project.dir, "reports/env/local-server.json"), "utf8"));
    expect(stats).toMatchObject({ backend: "local", runsCreated: 2, duplicateCreates: 0 });
  }, 180_000);

  test("a bad MAESTRO_EVAL_CONCURRENCY is a usage error: exit 3 with the reason", async () => {
    const result = await runCli(project, ["run", "--reports", "reports/bad"], {
      MAESTRO_EVAL_CONCURRENCY: "many",
    });
    expect(result.code).toBe(3);
    expect(result.stderr.split("\n")).toContain(
      'maestro-eval run: MAESTRO_EVAL_CONCURRENCY must be a whole number >= 1, got "many"',
    );
  }, 180_000);

  test("a suite that fails to load exits 3, alone or beside a suite that passes", async () => {
    const broken = createTempProject("broken-suite");
    try {
      broken.write("maestro-eval.config.ts", config);
      broken.write("suites/broken.eval.ts", 'throw new Error("this suite cannot load");\n');
      const alone = await runCli(broken, ["run"], { EXPECTED_CONCURRENCY: "8" });
      expect(alone.code).toBe(3);
      expect(`${alone.stdout}${alone.stderr}`).toContain("broken.eval.ts: this suite cannot load");
      broken.write("suites/concurrency.eval.ts", concurrencySuite);
      const beside = await runCli(broken, ["run"], { EXPECTED_CONCURRENCY: "8" });
      expect(beside.code).toBe(3);
    } finally {
      broken.remove();
    }
  }, 180_000);

  test("keeps what polling learned in node_modules/.cache for the next run, which starts from it", async () => {
    // Polling on a timer is what AI21's backend gets (the local backend's creates are held until their run
    // ends, so nothing is polled there): an AI21-shaped endpoint on loopback whose runs take 30 ms.
    const endpoint = await startLocalServer({ timeScale: 1, sim: { fixedLatencyMs: 30 } });
    const learning = createTempProject("poll-history");
    try {
      learning.write("maestro-eval.config.ts", config);
      learning.write("suites/concurrency.eval.ts", concurrencySuite);
      const file = join(learning.dir, "node_modules/.cache/maestro-eval/poll-history.json");
      // The repository's tests keep no history (vitest.config.ts); a project without node_modules neither.
      const env = {
        EXPECTED_CONCURRENCY: "8",
        MAESTRO_EVAL_POLL_HISTORY: "",
        MAESTRO_EVAL_CACHE: "",
        AI21_API_KEY: "test-key-for-a-loopback-endpoint",
        AI21_API_HOST: endpoint.url,
      };
      const run = (reports: string) =>
        runCli(learning, ["run", "--backend", "ai21", "--reports", reports], env);
      expect((await run("reports/none")).code).toBe(0);
      expect(existsSync(file)).toBe(false);
      mkdirSync(join(learning.dir, "node_modules"), { recursive: true });
      const runsOf = () => {
        const history = JSON.parse(readFileSync(file, "utf8"));
        expect(history.scopes).toHaveLength(1);
        expect(history.scopes[0].scope).toBe(`ai21 ${endpoint.url}`);
        return history.scopes[0].runs["jamba-mini/low"] as [number, number][];
      };
      expect((await run("reports/first")).code).toBe(0);
      const first = runsOf();
      expect(first).toHaveLength(2);
      expect((await run("reports/second")).code).toBe(0);
      // The second run's worker started from the first run's two and added its own two.
      const second = runsOf();
      expect(second).toHaveLength(4);
      expect(second.slice(0, 2)).toEqual(first);
      for (const [after, by] of second) expect(by).toBeGreaterThanOrEqual(after);
    } finally {
      learning.remove();
      await endpoint.close();
    }
  }, 180_000);

  test("keeps the descriptions it parsed in node_modules/.cache; the next run reads them and scores alike", async () => {
    const { project: parsing, file } = formatsProject("parse-memory");
    try {
      const run = async (reports: string) => {
        expect((await runCli(parsing, ["run", "--reports", reports], { MAESTRO_EVAL_CACHE: "" })).code).toBe(
          0,
        );
        const report = JSON.parse(readFileSync(join(parsing.dir, reports, "report.json"), "utf8"));
        return report.cells.map((cell: { key: string; requirements: unknown[] }) => [
          cell.key,
          cell.requirements,
        ]);
      };
      const first = await run("reports/first");
      const memory = JSON.parse(readFileSync(file, "utf8"));
      expect(memory.build).toMatch(/^[0-9a-f]{16}$/);
      const remembered = memory.parses.map((entry: { description: string }) => entry.description);
      for (const description of FORMAT_REQUIREMENTS) expect(remembered).toContain(description);
      // Read from the memory, the same requirements score the same outputs alike.
      expect(await run("reports/second")).toEqual(first);
      // A memory another build wrote, which reads a requirement otherwise, is not adopted, and is replaced.
      const foreign = {
        ...memory,
        build: "0000000000000000",
        parses: memory.parses.map((entry: { parsed: object }) => ({
          ...entry,
          parsed: { ...entry.parsed, verdict: "unverifiable", checks: [], reason: "nothing" },
        })),
      };
      writeFileSync(file, JSON.stringify(foreign));
      expect(await run("reports/third")).toEqual(first);
      expect(JSON.parse(readFileSync(file, "utf8")).build).toBe(memory.build);
    } finally {
      parsing.remove();
    }
  }, 180_000);
});

describe("the parse memory on the AI21 backend", () => {
  test("the run's own lint keeps the descriptions it parsed, with no local engine in the run", async () => {
    const endpoint = await startLocalServer({ timeScale: 0 });
    const { project: parsing, file } = formatsProject("parse-memory-ai21");
    try {
      const env = {
        MAESTRO_EVAL_CACHE: "",
        AI21_API_KEY: "test-key-for-a-loopback-endpoint",
        AI21_API_HOST: endpoint.url,
      };
      expect((await runCli(parsing, ["run", "--backend", "ai21"], env)).code).toBe(0);
      // Only the run's lint parses the descriptions in the run's process here (the workers read the
      // endpoint's scores): it read them into the memory for the next run.
      const remembered = JSON.parse(readFileSync(file, "utf8")).parses.map(
        (entry: { description: string }) => entry.description,
      );
      expect([...remembered].sort()).toEqual([...FORMAT_REQUIREMENTS].sort());
    } finally {
      parsing.remove();
      await endpoint.close();
    }
  }, 180_000);
});

describe("the shared concurrency limit", () => {
  test("holds across several vitest worker processes", async () => {
    const shared = createTempProject("workers");
    try {
      // Three files in up to three workers, four concurrent tests each holding a slot for 150 ms: without one
      // limit for all of them, up to 12 would hold a slot at once (4 with a limit per worker).
      const file = (name: string) => `
import { appendFileSync } from "node:fs";
import { test } from "vitest";
import { getHarness } from "../../src/harness/harness-context.js";

for (let index = 0; index < 4; index += 1) {
  test.concurrent("${name} " + index, async () => {
    const harness = await getHarness();
    await harness.semaphore.run(async () => {
      appendFileSync(process.env.SLOTS_LOG!, "+ " + process.pid + "\\n");
      await new Promise((resolve) => setTimeout(resolve, 150));
      appendFileSync(process.env.SLOTS_LOG!, "- " + process.pid + "\\n");
    });
  });
}
`;
      for (const name of ["a", "b", "c"]) shared.write(`suites/${name}.eval.ts`, file(name));
      shared.write(
        "vitest.config.ts",
        `import { defineMaestroConfig } from "../src/vitest.js";
export default defineMaestroConfig(
  { concurrency: 2, local: { timeScale: 0 } },
  { test: { pool: "forks", maxWorkers: 3, fileParallelism: true } },
);
`,
      );
      const log = join(shared.dir, "slots.log");
      shared.write("slots.log", "");
      const code = await new Promise<number>((resolve) => {
        execFile(
          process.execPath,
          [join(repoRoot, "node_modules/vitest/vitest.mjs"), "run"],
          { cwd: shared.dir, timeout: 120_000, env: cliEnv({ SLOTS_LOG: log }) },
          (error) => resolve(error === null ? 0 : Number((error as { code?: number }).code ?? 1)),
        );
      });
      expect(code).toBe(0);
      const lines = readFileSync(log, "utf8").trim().split("\n");
      expect(lines).toHaveLength(24);
      let held = 0;
      let peak = 0;
      for (const line of lines) {
        held += line.startsWith("+") ? 1 : -1;
        peak = Math.max(peak, held);
      }
      expect(peak).toBe(2);
      expect(new Set(lines.map((line) => line.split(" ")[1])).size).toBeGreaterThan(1);
    } finally {
      shared.remove();
    }
  }, 180_000);
});
