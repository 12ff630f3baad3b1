// `npm run eval:gate-demo`: gates the cheapest cell of the support suite, whose replies sometimes
// mention the CEO, so the mandatory gate fails and the run exits 1.
import { defineConfig } from "maestro-eval";

export default defineConfig({
  suites: ["suites/support/*.eval.ts"],
  gate: {
    groups: ["jamba-mini/low"],
    mandatory: { minPassRate: 1 },
  },
});
