// Throughput of the whole main job: `maestro-eval run` on a 2,000-cell Maestro suite and a 2,000-cell
// chat suite, against the embedded local server with a fixed 50 ms latency per call (every run and
// every completion takes 50 ms) at concurrency 16. Wall time is compared with the ideal,
// cells × latency / concurrency, with vitest's start-up included; CPU per cell and peak RSS come from
// GNU time over the CLI and every process it starts.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchFigure } from "./run.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CELLS = 2000;
const LATENCY_MS = 50;
const CONCURRENCY = 16;
const IDEAL_MS = (CELLS * LATENCY_MS) / CONCURRENCY;

const maestroSuite = `
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("throughput", {
  cases: Array.from({ length: ${CELLS / 10} }, (_, index) => ({ name: "case " + index, input: "Summarise order " + index + ": 3 lamps shipped to Lisbon on Monday." })),
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  matrix: { models: ["jamba-mini"], budgets: ["low"], repeats: 10 },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
  expect(run).toMeetRequirement("short", null);
});
`;

const chatSuite = `
import { expect } from "vitest";
import { describeChat } from "maestro-eval/vitest";

describeChat("throughput chat", {
  cases: Array.from({ length: ${CELLS / 10} }, (_, index) => ({ name: "case " + index, messages: [{ role: "user", content: "Summarise order " + index + ": 3 lamps shipped to Lisbon on Monday." }] })),
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  matrix: { models: ["jamba-mini"], repeats: 10 },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;

interface Measured {
  wallMs: number;
  cpuMs: number | undefined;
  maxRssKiB: number | undefined;
  code: number;
}

function measure(project: string, suite: string): Promise<Measured> {
  const gnuTime = existsSync("/usr/bin/time");
  const cli = [
    join(root, "bin/maestro-eval.js"),
    "run",
    `suites/${suite}`,
    "--progress",
    "off",
    "--reports",
    `reports-${suite}`,
  ];
  const command = gnuTime ? "/usr/bin/time" : process.execPath;
  const args = gnuTime ? ["-f", "TIME %e %U %S %M", process.execPath, ...cli] : cli;
  const started = performance.now();
  return new Promise((done) => {
    execFile(
      command,
      args,
      {
        cwd: project,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, AI21_API_KEY: "", MAESTRO_EVAL_CASSETTES: "" },
      },
      (error, _stdout, stderr) => {
        const wallMs = performance.now() - started;
        const match = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
        done({
          wallMs,
          cpuMs: match ? (Number(match[2]) + Number(match[3])) * 1000 : undefined,
          maxRssKiB: match ? Number(match[4]) : undefined,
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
        });
      },
    );
  });
}

export default async function bench(): Promise<BenchFigure[]> {
  const project = mkdtempSync(join(root, ".tmp-bench-"));
  try {
    mkdirSync(join(project, "suites"));
    writeFileSync(join(project, "suites/maestro.eval.ts"), maestroSuite);
    writeFileSync(join(project, "suites/chat.eval.ts"), chatSuite);
    writeFileSync(
      join(project, "maestro-eval.config.ts"),
      `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], concurrency: ${CONCURRENCY}, local: { timeScale: 1, sim: { fixedLatencyMs: ${LATENCY_MS} } } });
`,
    );
    const figures: BenchFigure[] = [];
    for (const suite of ["maestro", "chat"]) {
      const result = await measure(project, suite);
      const ratio = result.wallMs / IDEAL_MS;
      figures.push(
        { name: `${suite}: exit code`, value: result.code, unit: "", target: "0", met: result.code === 0 },
        {
          name: `${suite}: wall time for ${CELLS} cells (ideal ${IDEAL_MS} ms)`,
          value: Math.round(result.wallMs),
          unit: "ms",
        },
        {
          name: `${suite}: wall time / ideal, start-up included`,
          value: ratio,
          unit: "x",
          target: "<= 1.25",
          met: ratio <= 1.25,
        },
      );
      if (result.cpuMs !== undefined) {
        const perCell = result.cpuMs / CELLS;
        figures.push({
          name: `${suite}: CPU per cell, every process (server, vitest, workers)`,
          value: perCell,
          unit: "ms",
          target: "< 1 ms",
          met: perCell < 1,
        });
      }
      if (result.maxRssKiB !== undefined) {
        figures.push({
          name: `${suite}: peak RSS of the largest process`,
          value: Math.round(result.maxRssKiB / 1024),
          unit: "MiB",
        });
      }
    }
    return figures;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
