// The static mutants of the last `npm run test:mutation` (code run when a module loads, which the vitest
// runner cannot judge), tried with the command runner: each mutant gets a fresh `vitest run` of the same
// tests. `npm run test:mutation:static` after `npm run test:mutation`; slow (one whole run per mutant).
import { readFileSync } from "node:fs";
import base from "./stryker.config.mjs";

const report = JSON.parse(readFileSync("reports/mutation/mutation.json", "utf8"));
const mutate = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  for (const mutant of mutants) {
    if (mutant.status !== "Ignored" || !/static/i.test(mutant.statusReason ?? "")) continue;
    const { start, end } = mutant.location;
    // Stryker's ranges count columns from 0 and lines from 1, as the report does.
    mutate.push(`${file}:${start.line}:${start.column}-${end.line}:${end.column}`);
  }
}
if (mutate.length === 0) throw new Error("stryker.static.config.mjs: the last report has no static mutants");

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  testRunner: "command",
  plugins: [],
  commandRunner: { command: "npx vitest run --config stryker.vitest.config.ts" },
  coverageAnalysis: "off",
  ignoreStatic: false,
  mutate,
  htmlReporter: { fileName: "reports/mutation/static.html" },
  jsonReporter: { fileName: "reports/mutation/static.json" },
};
