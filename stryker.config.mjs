// Mutation testing of the modules that decide verdicts: `npm run test:mutation` (not part of `npm test`).
// One module at a time: `npm run test:mutation -- --mutate src/domain/score-overall.ts`.
import { readFileSync } from "node:fs";

/**
 * `file:first-last`, the lines of the first top-level function of `file` with one of `names`, found by name
 * as the file changes.
 */
function functionLines(file, names) {
  const lines = readFileSync(file, "utf8").split("\n");
  const first = lines.findIndex((line) =>
    names.some((name) => line.startsWith(`function ${name}(`) || line.startsWith(`export function ${name}(`)),
  );
  const last = lines.findIndex((line, index) => index > first && line === "}");
  if (first < 0 || last < 0)
    throw new Error(`stryker.config.mjs: no function ${names.join(" or ")} in ${file}`);
  return `${file}:${first + 1}-${last + 1}`;
}

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "stryker.vitest.config.ts", related: true },
  mutate: [
    "src/domain/evaluate-gate.ts",
    // The gate's rules, its baseline comparison and its message text.
    "src/domain/gate-rules.ts",
    "src/domain/gate-baseline.ts",
    "src/domain/gate-text.ts",
    "src/domain/recommend-under-gate.ts",
    // The report builder's recommendation: the cheapest group that passes every threshold.
    functionLines("src/domain/report-pareto.ts", ["recommendCheapest", "recommend"]),
    "src/domain/score-overall.ts",
    "src/domain/statistics.ts",
    "src/verifiers/families/*.ts",
    // The date and money grammar the date and currency families judge with.
    "src/verifiers/calendar-date.ts",
    "src/verifiers/money-amount.ts",
  ],
  coverageAnalysis: "perTest",
  // Static mutants (code run when a module loads: the families' patterns and tables) are reported as
  // surviving by the vitest runner even when tests catch them, and each costs the whole test run: they are
  // left out here (listed as Ignored in the report) and judged with stryker.static.config.mjs.
  ignoreStatic: true,
  // Two cores are shared with everything else on a development machine.
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  thresholds: { high: 90, low: 90, break: null },
};
