import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/fixtures/**", "node_modules/**"],
    // The tests that start the CLI run it compiled, built once here from the current sources.
    globalSetup: ["test/helpers/build-dist.ts"],
    // Every property and fuzz test takes its seed from MAESTRO_EVAL_SEED when it is set.
    setupFiles: ["test/helpers/property-seed.ts"],
    // Runs started by the tests keep no poll history between them (node_modules/.cache): each polls as
    // documented, whatever ran before on this machine.
    env: { MAESTRO_EVAL_FROM: "dist", MAESTRO_EVAL_POLL_HISTORY: "off", MAESTRO_EVAL_CACHE: "off" },
    // Both cores: vitest's default leaves one free, and most of these files wait on child processes.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
