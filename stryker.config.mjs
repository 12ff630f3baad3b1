// Mutation testing of the modules that decide verdicts: `npm run test:mutation` (not part of `npm test`).
// One module at a time: `npm run test:mutation -- --mutate src/domain/score-overall.ts`.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "stryker.vitest.config.ts", related: true },
  mutate: [
    "src/domain/evaluate-gate.ts",
    "src/domain/recommend-under-gate.ts",
    "src/domain/score-overall.ts",
    "src/domain/statistics.ts",
    "src/verifiers/families/*.ts",
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
