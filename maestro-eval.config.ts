// The configuration of `npm run eval`: the example suites, and the gate a deploy would have to pass.
import { defineConfig } from "maestro-eval";

export default defineConfig({
  suites: ["suites/**/*.eval.ts"],
  concurrency: 8,
  gate: {
    // The candidates for deployment; cheaper groups are measured and shown, but not gated.
    groups: ["jamba-large/medium", "jamba-large/high", "jamba-mini/high"],
    overall: { min: 0.9 },
    requirements: { "*": { min: 0.8 } },
    mandatory: { minPassRate: 1 },
    regression: { maxDrop: 0.05 },
    cost: { maxCellUsd: 0.01 },
    infrastructure: { maxErrorRate: 0.02 },
  },
});
