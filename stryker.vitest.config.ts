// The tests Stryker runs against each mutant (npm run test:mutation): the unit and property tests of the
// modules it mutates, without the type tests, which cannot kill a mutant. MAESTRO_EVAL_MUTATION_TESTS
// (comma-separated globs) narrows them for a run on one module.
import { defineConfig } from "vitest/config";

const narrowed = process.env.MAESTRO_EVAL_MUTATION_TESTS?.split(",").filter((glob) => glob.trim() !== "");

export default defineConfig({
  test: {
    include:
      narrowed !== undefined && narrowed.length > 0
        ? narrowed
        : [
            "test/unit/domain/**/*.test.ts",
            "test/unit/verifiers/**/*.test.ts",
            "test/property/gate.test.ts",
            "test/property/verifiers.test.ts",
            "test/property/dates-and-amounts.test.ts",
          ],
    exclude: ["test/fixtures/**", "node_modules/**"],
    setupFiles: ["test/helpers/mutation-clock.ts"],
    testTimeout: 30_000,
  },
});
