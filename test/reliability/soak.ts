// `npm run soak`: the reliability runs, in order, each bounded in count and time, all traffic to
// 127.0.0.1: (1) soak under faults, 1,000 cells twice; (2) crash safety, kill -9 then --resume;
// (3) 100,000 fuzzed requests to `maestro-eval serve`; (4) secrets in files and output; (5) requests a
// hostile web page could send; (6) a flood of large creates with a small request timed all along;
// (7) memory under a byte bound (run store and library). Prints a summary
// and writes reports/bench/soak.json (figures in the shape of test/bench's BenchFigure, plus each
// phase's details). Exits 1 when a check is not met.
//
//   npm run soak                      all of them, seed from MAESTRO_EVAL_SEED or 20261123
//   npm run soak -- fuzz secrets      only the phases named
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import type { BenchFigure } from "../bench/run.js";
import { repoRoot } from "../helpers/run-fixture-suites.js";
import { runCrashSafety } from "./run-crash-safety.js";
import { runFaultSoak } from "./run-fault-soak.js";
import { runFuzzSoak } from "./run-fuzz-soak.js";
import { runHostileBrowser } from "./run-hostile-browser.js";
import { runLargeFlood } from "./run-large-flood.js";
import { runMemoryBound } from "./run-memory-bound.js";
import { runSecretsCheck } from "./run-secrets-check.js";

const PHASES = ["faults", "crash", "fuzz", "secrets", "hostile", "flood", "memory"] as const;
type Phase = (typeof PHASES)[number];

const seed = process.env.MAESTRO_EVAL_SEED === undefined ? 20261123 : Number(process.env.MAESTRO_EVAL_SEED);
const asked = process.argv.slice(2);
for (const name of asked) {
  if (!(PHASES as readonly string[]).includes(name)) {
    console.error(`soak: unknown phase ${JSON.stringify(name)}; expected ${PHASES.join(", ")}`);
    process.exit(3);
  }
}
const phases = PHASES.filter((phase) => asked.length === 0 || asked.includes(phase));

const machine = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "unknown",
  memoryBytes: totalmem(),
  loadAverageAtStart: loadavg()[0],
};
const figures: BenchFigure[] = [];
const details: Partial<Record<Phase, unknown>> = {};
const problems: string[] = [];
const times: Partial<Record<Phase, number>> = {};
const log = (line: string) => console.log(line);
const figure = (name: string, value: number, unit: string, target?: string, met?: boolean) =>
  figures.push({
    name,
    value,
    unit,
    ...(target === undefined ? {} : { target }),
    ...(met === undefined ? {} : { met }),
  });

const started = performance.now();
console.log(
  `maestro-eval soak: seed ${seed}, phases ${phases.join(", ")}, ${machine.cpus} CPUs (${machine.cpuModel})`,
);

for (const phase of phases) {
  const at = performance.now();
  if (phase === "faults") {
    console.log("\n# soak under faults (10% 429, 5% 500/503, 2% resets, 1% stuck runs, 1% failed runs)");
    const result = await runFaultSoak({ seed, log });
    details.faults = result;
    problems.push(...result.problems.map((problem) => `faults: ${problem}`));
    for (const run of result.runs) {
      const tag = `maxErrorRate ${run.maxErrorRate}`;
      figure(
        `faults, ${tag}: cells accounted for exactly once`,
        run.audit.resultCells - run.audit.duplicated.count,
        "cells",
        `${result.cells}`,
        run.audit.problems.length === 0 && run.audit.resultCells === result.cells,
      );
      figure(
        `faults, ${tag}: duplicate creates`,
        run.audit.server?.duplicateCreates ?? -1,
        "runs",
        "0",
        run.audit.server?.duplicateCreates === 0,
      );
      figure(`faults, ${tag}: infrastructure error rate`, run.audit.infrastructureErrorRate, "ratio");
      figure(
        `faults, ${tag}: exit code`,
        run.exitCode,
        "code",
        run.allowedExitCodes.join(" or "),
        run.allowedExitCodes.includes(run.exitCode),
      );
      figure(`faults, ${tag}: wall time`, run.seconds, "s");
      console.log(`  errors by name: ${JSON.stringify(run.audit.errorsByName)}`);
      console.log(`  errors by cause: ${JSON.stringify(run.audit.errorsByCause)}`);
      console.log(`  faults injected: ${JSON.stringify(run.audit.server?.faultsInjected)}`);
    }
  } else if (phase === "crash") {
    console.log(
      "\n# crash safety (kill -9 of the process group at seeded random points, then --resume; 3% failed runs, 2% resets)",
    );
    const result = await runCrashSafety({ seed, log });
    details.crash = result;
    problems.push(...result.problems.map((problem) => `crash: ${problem}`));
    figure("crash: kills survived", result.kills.length, "kills");
    figure("crash: cells lost", result.lost, "cells", "0", result.lost === 0);
    figure("crash: finished cells run again", result.rerun, "cells", "0", result.rerun === 0);
    figure("crash: cells", result.cells, "cells");
    figure("crash: cells retried by --resume after an error", result.final.retried, "cells");
    figure(
      "crash: runs the last --resume created, for the cells not yet finished",
      result.final.runsCreated ?? -1,
      "runs",
      String(result.final.cellsLeft),
      result.final.runsCreated === result.final.cellsLeft,
    );
    figure(
      "crash: last --resume exit code",
      result.final.exitCode,
      "code",
      "0 or 1",
      result.final.exitCode === 0 || result.final.exitCode === 1,
    );
    figure("crash: wall time", result.seconds, "s");
  } else if (phase === "fuzz") {
    console.log("\n# fuzzing `maestro-eval serve` (child processes) with 100,000 seeded requests");
    const result = await runFuzzSoak({ seed, log });
    details.fuzz = result;
    problems.push(...result.problems.map((problem) => `fuzz: ${problem}`));
    figure("fuzz: requests", result.sent, "requests", "100000", result.sent === 100_000);
    figure("fuzz: 5xx answers", result.serverErrors, "answers", "0", result.serverErrors === 0);
    figure("fuzz: answers off the contract", result.failureCount, "answers", "0", result.failureCount === 0);
    figure("fuzz: servers still serving", result.stillServing ? 1 : 0, "bool", "1", result.stillServing);
    figure("fuzz: rate", result.requestsPerSecond, "requests/s");
    const memory = result.memory;
    figure("fuzz: open server RSS at start", memory.startRssBytes / 2 ** 20, "MiB");
    figure(
      "fuzz: open server RSS after 25,000 requests (run store full)",
      memory.warmRssBytes / 2 ** 20,
      "MiB",
    );
    figure("fuzz: open server RSS at the end", memory.endRssBytes / 2 ** 20, "MiB");
    figure("fuzz: open server peak RSS", memory.peakRssBytes / 2 ** 20, "MiB");
    figure(
      "fuzz: open server heap in use after GC, after 25,000 requests",
      memory.warmHeapUsedBytes / 2 ** 20,
      "MiB",
    );
    figure("fuzz: open server heap in use after GC, at the end", memory.endHeapUsedBytes / 2 ** 20, "MiB");
    figure(
      "fuzz: open server heap growth from 25,000 requests to the end",
      memory.heapGrowthAfterWarmBytes / 2 ** 20,
      "MiB",
      "< 16",
      memory.heapGrowthAfterWarmBytes < 16 * 2 ** 20,
    );
  } else if (phase === "hostile") {
    console.log("\n# a hostile web page (foreign Origin, rebound Host, text/plain body, no token)");
    const result = await runHostileBrowser({ log });
    details.hostile = result;
    problems.push(...result.problems.map((problem) => `hostile: ${problem}`));
    figure("hostile: cross-site requests refused", result.refused, "requests", "8", result.refused === 8);
    figure("hostile: SDK-shaped requests served", result.served, "requests", "4", result.served === 4);
  } else if (phase === "flood") {
    console.log(
      "\n# a flood of large creates (2 MiB, 10 requirements, budget high) and a small request timed",
    );
    const result = await runLargeFlood({ inputMiB: 2, creates: 8, concurrency: 4, log });
    details.flood = result;
    problems.push(...result.problems.map((problem) => `flood: ${problem}`));
    figure("flood: small request p99", result.probeP99Ms, "ms", "< 100", result.probeP99Ms < 100);
    figure("flood: small request max", result.probeMaxMs, "ms");
    figure(
      "flood: large runs completed",
      result.completed,
      "runs",
      String(result.creates),
      result.completed === result.creates,
    );
  } else if (phase === "memory") {
    console.log("\n# memory under a byte bound (--max-run-bytes 65536, library 8 MiB)");
    const result = await runMemoryBound({ log });
    details.memory = result;
    problems.push(...result.problems.map((problem) => `memory: ${problem}`));
    figure(
      "memory: library full answers 507",
      result.libraryFullStatus,
      "status",
      "507",
      result.libraryFullStatus === 507,
    );
    figure(
      "memory: oldest run evicted past the byte budget",
      result.firstRunEvicted ? 1 : 0,
      "bool",
      "1",
      result.firstRunEvicted,
    );
    figure(
      "memory: heap after GC",
      result.heapUsedAfterGcBytes / 2 ** 20,
      "MiB",
      `< ${result.heapBoundBytes / 2 ** 20}`,
      result.heapUsedAfterGcBytes < result.heapBoundBytes,
    );
    figure("memory: peak RSS", result.peakRssBytes / 2 ** 20, "MiB");
  } else {
    console.log(
      "\n# secrets (fake key, tool headers echoed back by the tool; every file and output searched)",
    );
    const result = await runSecretsCheck({ log });
    details.secrets = result;
    problems.push(...result.problems.map((problem) => `secrets: ${problem}`));
    figure(
      "secrets: hits in files and output",
      result.hits.reduce((sum, hit) => sum + hit.count, 0),
      "hits",
      "0",
      result.hits.length === 0,
    );
    figure("secrets: files searched", result.filesSearched, "files");
  }
  times[phase] = (performance.now() - at) / 1000;
  console.log(`  (${phase}: ${times[phase]!.toFixed(1)} s)`);
}

const seconds = (performance.now() - started) / 1000;
figure("soak: total wall time", seconds, "s", "< 600", seconds < 600);
const outDir = join(repoRoot, "reports", "bench");
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, "soak.json"),
  `${JSON.stringify(
    {
      name: "soak",
      machine,
      seed,
      at: new Date().toISOString(),
      seconds,
      phaseSeconds: times,
      figures,
      problems,
      details,
    },
    null,
    2,
  )}\n`,
);

console.log("\n# summary");
for (const item of figures) {
  const mark = item.met === undefined ? "" : item.met ? "  [met]" : "  [MISSED]";
  const value = Number.isInteger(item.value) ? String(item.value) : item.value.toFixed(3);
  console.log(`${item.name}: ${value} ${item.unit}${item.target ? ` (target ${item.target})` : ""}${mark}`);
}
console.log(
  problems.length === 0
    ? `\nall checks met in ${seconds.toFixed(0)} s; results in reports/bench/soak.json`
    : `\n${problems.length} check(s) not met:\n  ${problems.join("\n  ")}\nresults in reports/bench/soak.json`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
