// Throughput and start-up of `maestro-eval run` as a user has it (issue 17): the packed tarball
// installed with the repository's vitest into a temporary ES-module project outside the repository
// (test/bench/packed-project.ts, made once per bench run), each command run there with the
// environment of a user's shell (no AI21_* or MAESTRO_EVAL_* but what a figure sets) under GNU time.
//
// The tarball is packed from the working tree as it stands (`npm pack` builds dist/ from src/).
// Measured, each CLI run with `--progress off --no-history --reports reports/<run>`, its exit code a
// figure (target 0) and, for the large runs, the cells its results.jsonl holds (target: all of them):
// 1. 2,000 Maestro cells and 2,000 chat cells (200 cases × 10 repeats, one requirement "Write at most
//    3 sentences.") at concurrency 16 and 64 on the embedded local server, the project's config saying
//    `local: { timeScale: 1, sim: { fixedLatencyMs: 50 } }`: every run and every completion takes
//    50 ms. Wall time, start-up included, over the ideal cells × 50 ms / concurrency (targets ≤ 1.25 at
//    16, ≤ 2 at 64); CPU per cell beyond start-up, (CPU(2,000 cells) − CPU(1 cell)) / 1,999, where CPU
//    is GNU time's %U + %S over the CLI and every process it starts (vitest's workers and the server,
//    which runs in the CLI's process) and CPU(1 cell) the median of the 1-cell runs (at concurrency 16)
//    of the same suite kind (target < 1 ms); the peak RSS of the largest process (GNU time's %M).
// 2. The 2,000 Maestro cells at concurrency 16 against a separate loopback endpoint: the installed
//    package's local server started in this bench process (time scale 1, fixed latency 50 ms, token
//    "bench-key"), the CLI run with `--backend ai21`, AI21_API_HOST=<its url>, AI21_API_KEY=bench-key.
//    Wall time over the ideal; CPU per cell beyond start-up of the CLI's tree and of the endpoint (this
//    process's CPU while the run lasts), each less a 1-cell run's, and both together (target < 1 ms);
//    the runs the endpoint created (target: the cells, so the CLI did use it).
// 3. Start-up: a 1-cell Maestro suite through `node node_modules/maestro-eval/bin/maestro-eval.js run`
//    against `node node_modules/vitest/vitest.mjs run` of a one-test file in the same project (vitest's
//    floor), the median of 5 runs each, alternating, after one unmeasured run of each; ratio ≤ 1.5.
// 4. 20,000 Maestro cells (2,000 cases × 10 repeats) at concurrency 64 against the 2,000-cell run at
//    64: linear when the wall time per cell beyond start-up, (wall − wall(1 cell)) / (cells − 1) with
//    wall(1 cell) the median of 3.'s 1-cell Maestro runs, is at most 1.1 × the 2,000-cell run's (the
//    ratio with start-up included is shown too); the peak RSS of the largest process ≤ 600 MiB. It
//    takes minutes: MAESTRO_EVAL_BENCH_QUICK=1 skips it (a figure says so).
// MAESTRO_EVAL_BENCH_CELLS (a multiple of 10, default 2000) makes every cell count smaller for trying
// the bench out; the targets are for the defaults. Absolute times depend on the machine and its load;
// ratios are measured in one run, so they can be compared.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { startLocalServer } from "../../src/local/index.js";
import { shellEnv } from "../helpers/shell-env.js";
import { type Measured, type PackedProject, packedProject } from "./packed-project.js";
import type { BenchFigure } from "./run.js";

const LATENCY_MS = 50;
const REPEATS = 10;
const CELLS = Number(process.env.MAESTRO_EVAL_BENCH_CELLS ?? 2000);
const LARGE_CELLS = CELLS * 10;
const QUICK = process.env.MAESTRO_EVAL_BENCH_QUICK === "1";
const STARTUP_RUNS = 5;
const BASELINE_RUNS = 3;
const KEY = "bench-key";

type Kind = "maestro" | "chat";
/** A CLI run's measure, and the cells its results.jsonl holds. */
type Run = Measured & { cells: number };

function suiteSource(kind: Kind, cases: number, repeats: number): string {
  const input = `"Summarise order " + index + ": 3 lamps shipped to Lisbon on Monday."`;
  const requirements = `requirements: [{ name: "short", description: "Write at most 3 sentences." }]`;
  return kind === "maestro"
    ? `import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro("throughput", {
  cases: Array.from({ length: ${cases} }, (_, index) => ({ name: "case " + index, input: ${input} })),
  ${requirements},
  matrix: { models: ["jamba-mini"], budgets: ["low"], repeats: ${repeats} },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
  expect(run).toMeetRequirement("short", null);
});
`
    : `import { expect } from "vitest";
import { describeChat } from "maestro-eval/vitest";

describeChat("throughput chat", {
  cases: Array.from({ length: ${cases} }, (_, index) => ({ name: "case " + index, messages: [{ role: "user", content: ${input} }] })),
  ${requirements},
  matrix: { models: ["jamba-mini"], repeats: ${repeats} },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;
}

/** Writes the suite of `cells` cells (1, or a multiple of 10) and returns its path. */
function suite(project: PackedProject, kind: Kind, cells: number): string {
  const path = `suites/${kind}-c${cells}.eval.ts`;
  project.write(path, cells === 1 ? suiteSource(kind, 1, 1) : suiteSource(kind, cells / REPEATS, REPEATS));
  return path;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const medianOf = (runs: Measured[], pick: (run: Measured) => number | undefined): number | undefined => {
  const values = runs.map(pick).filter((value): value is number => value !== undefined);
  return values.length === 0 ? undefined : median(values);
};
const mib = (kib: number): number => Math.round(kib / 1024);

export default async function bench(): Promise<BenchFigure[]> {
  if (!Number.isInteger(CELLS / REPEATS) || CELLS < REPEATS) {
    throw new RangeError(`MAESTRO_EVAL_BENCH_CELLS must be a multiple of ${REPEATS}, got ${CELLS}`);
  }
  const figures: BenchFigure[] = [];
  const project = await packedProject();
  try {
    console.log(`packed and installed with vitest ${project.vitestVersion} in ${project.dir}`);
    figures.push({
      name: "npm pack + npm install of the tarball",
      value: project.installMs / 1000,
      unit: "s",
    });
    project.write(
      "maestro-eval.config.ts",
      `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], local: { timeScale: 1, sim: { fixedLatencyMs: ${LATENCY_MS} } } });
`,
    );
    project.write(
      "floor/one.test.ts",
      `import { expect, test } from "vitest";

test("one", () => {
  expect(1 + 1).toBe(2);
});
`,
    );

    let label = 0;
    const cli = async (
      what: string,
      path: string,
      concurrency: number,
      extra: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
    ): Promise<Run> => {
      label += 1;
      const reports = `reports/${String(label).padStart(2, "0")}-${what.replace(/[^\w]+/g, "-")}`;
      const measured = await project.measure(
        process.execPath,
        [
          "node_modules/maestro-eval/bin/maestro-eval.js",
          "run",
          path,
          "--progress",
          "off",
          "--concurrency",
          String(concurrency),
          "--no-history",
          "--reports",
          reports,
          ...(extra.args ?? []),
        ],
        extra.env,
      );
      const cpu = measured.cpuMs === undefined ? "" : `, CPU ${(measured.cpuMs / 1000).toFixed(2)} s`;
      const rss = measured.maxRssKiB === undefined ? "" : `, peak RSS ${mib(measured.maxRssKiB)} MiB`;
      const results = join(project.dir, reports, "results.jsonl");
      const cells = existsSync(results)
        ? readFileSync(results, "utf8")
            .split("\n")
            .filter((line) => line.trim() !== "").length
        : 0;
      console.log(
        `  ${what}: ${(measured.wallMs / 1000).toFixed(2)} s wall${cpu}${rss}, ${cells} cells in results.jsonl, exit ${measured.code}`,
      );
      if (measured.code !== 0) console.log(project.tail(measured));
      return { ...measured, cells };
    };
    const cellsFigure = (what: string, run: Run, expected: number): BenchFigure => ({
      name: `${what}: cells in results.jsonl`,
      value: run.cells,
      unit: "",
      target: String(expected),
      met: run.cells === expected,
    });
    const exitFigure = (what: string, runs: Measured[]): BenchFigure => {
      const failed = runs.filter((run) => run.code !== 0);
      return runs.length === 1
        ? {
            name: `${what}: exit code`,
            value: runs[0]!.code,
            unit: "",
            target: "0",
            met: runs[0]!.code === 0,
          }
        : {
            name: `${what}: runs that did not exit 0, of ${runs.length}`,
            value: failed.length,
            unit: "",
            target: "0",
            met: failed.length === 0,
          };
    };

    // 3. Start-up, first: its 1-cell Maestro runs are also the start-up subtracted in 1 and 4.
    const oneMaestro = suite(project, "maestro", 1);
    const vitestFloor = () =>
      project.measure(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "floor/one.test.ts"]);
    await cli("1-cell Maestro suite, unmeasured", oneMaestro, 16);
    await vitestFloor();
    const startup: Measured[] = [];
    const floor: Measured[] = [];
    for (let index = 0; index < STARTUP_RUNS; index += 1) {
      startup.push(await cli("1-cell Maestro suite", oneMaestro, 16));
      const run = await vitestFloor();
      console.log(
        `  vitest run of a one-test file: ${(run.wallMs / 1000).toFixed(2)} s wall, exit ${run.code}`,
      );
      if (run.code !== 0) console.log(project.tail(run));
      floor.push(run);
    }
    const startupWall = medianOf(startup, (run) => run.wallMs)!;
    const floorWall = medianOf(floor, (run) => run.wallMs)!;
    const startupRatio = startupWall / floorWall;
    const startupCpu = medianOf(startup, (run) => run.cpuMs);
    figures.push(
      exitFigure("1-cell Maestro suite", startup),
      exitFigure("vitest run of a one-test file", floor),
      {
        name: `1-cell Maestro suite: median wall of ${STARTUP_RUNS}`,
        value: Math.round(startupWall),
        unit: "ms",
      },
      {
        name: `vitest run of a one-test file: median wall of ${STARTUP_RUNS}`,
        value: Math.round(floorWall),
        unit: "ms",
      },
      {
        name: "1-cell Maestro suite / vitest run of a one-test file, median wall",
        value: startupRatio,
        unit: "x",
        target: "<= 1.5",
        met: startupRatio <= 1.5,
      },
    );
    if (startupCpu !== undefined) {
      figures.push({
        name: "1-cell Maestro suite: median CPU, every process",
        value: Math.round(startupCpu),
        unit: "ms",
      });
    }
    const floorCpu = medianOf(floor, (run) => run.cpuMs);
    if (floorCpu !== undefined) {
      figures.push({
        name: "vitest run of a one-test file: median CPU",
        value: Math.round(floorCpu),
        unit: "ms",
      });
    }

    // The chat suite's start-up, to subtract from its CPU.
    const oneChat = suite(project, "chat", 1);
    const chatStartup: Measured[] = [];
    for (let index = 0; index < BASELINE_RUNS; index += 1)
      chatStartup.push(await cli("1-cell chat suite", oneChat, 16));
    figures.push(exitFigure("1-cell chat suite", chatStartup));
    const startupCpuOf: Record<Kind, number | undefined> = {
      maestro: startupCpu,
      chat: medianOf(chatStartup, (run) => run.cpuMs),
    };

    // 1. 2,000 cells of each kind on the embedded server at concurrency 16 and 64.
    const ratios: string[] = [];
    let maestroAt64: Measured | undefined;
    for (const kind of ["maestro", "chat"] as const) {
      const path = suite(project, kind, CELLS);
      for (const [concurrency, target] of [
        [16, 1.25],
        [64, 2],
      ] as const) {
        const what = `${kind}, ${CELLS} cells, concurrency ${concurrency}, embedded server`;
        const measured = await cli(what, path, concurrency);
        if (kind === "maestro" && concurrency === 64) maestroAt64 = measured;
        const ideal = (CELLS * LATENCY_MS) / concurrency;
        const ratio = measured.wallMs / ideal;
        ratios.push(`${what}: ${ratio.toFixed(2)} × ideal`);
        figures.push(
          exitFigure(what, [measured]),
          cellsFigure(what, measured, CELLS),
          { name: `${what}: wall time (ideal ${ideal} ms)`, value: Math.round(measured.wallMs), unit: "ms" },
          {
            name: `${what}: wall time / ideal, start-up included`,
            value: ratio,
            unit: "x",
            target: `<= ${target}`,
            met: ratio <= target,
          },
        );
        figures.push(...cpuFigures(what, CELLS, measured.cpuMs, startupCpuOf[kind], "every process"));
        if (measured.maxRssKiB !== undefined) {
          figures.push({
            name: `${what}: peak RSS of the largest process`,
            value: mib(measured.maxRssKiB),
            unit: "MiB",
          });
        }
      }
    }

    // 2. A separate loopback endpoint with a fixed latency, through --backend ai21.
    const local = (await import(`${project.dir}/node_modules/maestro-eval/dist/bundle/local.js`)) as {
      startLocalServer: typeof startLocalServer;
    };
    const server = await local.startLocalServer({
      timeScale: 1,
      sim: { fixedLatencyMs: LATENCY_MS },
      token: KEY,
    });
    try {
      const env = shellEnv({ AI21_API_HOST: server.url, AI21_API_KEY: KEY });
      const args = ["--backend", "ai21"];
      const endpointRun = async (what: string, path: string) => {
        const before = process.cpuUsage();
        const created = server.stats().runsCreated;
        const measured = await cli(what, path, 16, { args, env });
        const cpu = process.cpuUsage(before);
        return {
          measured,
          serverCpuMs: (cpu.user + cpu.system) / 1000,
          runs: server.stats().runsCreated - created,
        };
      };
      const oneRuns = [];
      for (let index = 0; index < BASELINE_RUNS; index += 1) {
        oneRuns.push(
          await endpointRun("1-cell Maestro suite, --backend ai21, loopback endpoint", oneMaestro),
        );
      }
      const what = `maestro, ${CELLS} cells, concurrency 16, --backend ai21 against a loopback endpoint`;
      const big = await endpointRun(what, suite(project, "maestro", CELLS));
      const ideal = (CELLS * LATENCY_MS) / 16;
      const ratio = big.measured.wallMs / ideal;
      ratios.push(`${what}: ${ratio.toFixed(2)} × ideal`);
      const cliStartup = medianOf(
        oneRuns.map((run) => run.measured),
        (run) => run.cpuMs,
      );
      const serverStartup = median(oneRuns.map((run) => run.serverCpuMs));
      figures.push(
        exitFigure(
          "1-cell Maestro suite, --backend ai21",
          oneRuns.map((run) => run.measured),
        ),
        exitFigure(what, [big.measured]),
        cellsFigure(what, big.measured, CELLS),
        {
          name: `${what}: runs the endpoint created`,
          value: big.runs,
          unit: "",
          target: `${CELLS}`,
          met: big.runs === CELLS,
        },
        {
          name: `${what}: wall time (ideal ${ideal} ms)`,
          value: Math.round(big.measured.wallMs),
          unit: "ms",
        },
        {
          name: `${what}: wall time / ideal, start-up included`,
          value: ratio,
          unit: "x",
          target: "<= 1.25",
          met: ratio <= 1.25,
        },
        ...cpuFigures(what, CELLS, big.measured.cpuMs, cliStartup, "the CLI's processes", false),
        ...cpuFigures(what, CELLS, big.serverCpuMs, serverStartup, "the endpoint (the bench process)", false),
      );
      if (big.measured.cpuMs !== undefined && cliStartup !== undefined) {
        const both = (big.measured.cpuMs - cliStartup + big.serverCpuMs - serverStartup) / (CELLS - 1);
        figures.push({
          name: `${what}: CPU per cell beyond start-up, the CLI's processes and the endpoint together`,
          value: both,
          unit: "ms",
          target: "< 1 ms",
          met: both < 1,
        });
      }
      if (big.measured.maxRssKiB !== undefined) {
        figures.push({
          name: `${what}: peak RSS of the largest process`,
          value: mib(big.measured.maxRssKiB),
          unit: "MiB",
        });
      }
    } finally {
      await server.close();
    }

    // 4. Ten times the cells at concurrency 64: linear, and within 600 MiB.
    const largeWhat = `maestro, ${LARGE_CELLS} cells, concurrency 64, embedded server`;
    if (QUICK) {
      console.log(`  ${largeWhat}: skipped (MAESTRO_EVAL_BENCH_QUICK=1)`);
      figures.push({ name: `${largeWhat}: SKIPPED (MAESTRO_EVAL_BENCH_QUICK=1)`, value: 0, unit: "" });
    } else {
      const large = await cli(largeWhat, suite(project, "maestro", LARGE_CELLS), 64);
      const ideal = (LARGE_CELLS * LATENCY_MS) / 64;
      figures.push(
        exitFigure(largeWhat, [large]),
        cellsFigure(largeWhat, large, LARGE_CELLS),
        { name: `${largeWhat}: wall time (ideal ${ideal} ms)`, value: Math.round(large.wallMs), unit: "ms" },
        {
          name: `${largeWhat}: wall time / ideal, start-up included`,
          value: large.wallMs / ideal,
          unit: "x",
        },
      );
      if (maestroAt64 !== undefined) {
        const beyond = (run: Measured, cells: number) => (run.wallMs - startupWall) / (cells - 1);
        const linear = beyond(large, LARGE_CELLS) / beyond(maestroAt64, CELLS);
        const raw = large.wallMs / LARGE_CELLS / (maestroAt64.wallMs / CELLS);
        ratios.push(
          `${largeWhat}: wall per cell beyond start-up ${linear.toFixed(2)} × the ${CELLS}-cell run's`,
        );
        figures.push(
          {
            name: `${largeWhat}: wall per cell beyond start-up / the ${CELLS}-cell run's`,
            value: linear,
            unit: "x",
            target: "<= 1.1",
            met: linear <= 1.1,
          },
          {
            name: `${largeWhat}: wall per cell / the ${CELLS}-cell run's, start-up included`,
            value: raw,
            unit: "x",
          },
        );
      }
      figures.push(...cpuFigures(largeWhat, LARGE_CELLS, large.cpuMs, startupCpu, "every process"));
      if (large.maxRssKiB !== undefined) {
        figures.push({
          name: `${largeWhat}: peak RSS of the largest process`,
          value: mib(large.maxRssKiB),
          unit: "MiB",
          target: "<= 600 MiB",
          met: mib(large.maxRssKiB) <= 600,
        });
      }
    }

    ratios.push(`1-cell Maestro suite / vitest run of a one-test file: ${startupRatio.toFixed(2)} ×`);
    console.log(
      `\nratios (for the README's performance table):\n${ratios.map((line) => `  ${line}`).join("\n")}`,
    );
    return figures;
  } finally {
    project.remove();
  }
}

/** CPU per cell with start-up included and, when the 1-cell run's CPU is known, beyond it. */
function cpuFigures(
  what: string,
  cells: number,
  cpuMs: number | undefined,
  startupMs: number | undefined,
  whose: string,
  target = true,
): BenchFigure[] {
  if (cpuMs === undefined) return [];
  const figures: BenchFigure[] = [
    { name: `${what}: CPU per cell, start-up included, ${whose}`, value: cpuMs / cells, unit: "ms" },
  ];
  if (startupMs !== undefined) {
    const beyond = (cpuMs - startupMs) / (cells - 1);
    figures.push({
      name: `${what}: CPU per cell beyond start-up, ${whose}`,
      value: beyond,
      unit: "ms",
      ...(target ? { target: "< 1 ms", met: beyond < 1 } : {}),
    });
  }
  return figures;
}
