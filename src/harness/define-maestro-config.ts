import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig, type ViteUserConfig } from "vitest/config";
import type { HarnessOptions } from "./global-setup.js";
import { HARNESS_DEFAULTS } from "./harness-context.js";

/** Options of {@link defineMaestroConfig}: the harness's, and which files are suites. */
export interface MaestroConfigOptions extends HarnessOptions {
  /** Suite files. Default `["suites/**\/*.eval.ts"]`. */
  include?: string[];
}

const extension = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

/** The path of the harness's global setup file, for hand-written vitest configs. */
export const GLOBAL_SETUP_PATH = fileURLToPath(new URL(`./global-setup${extension}`, import.meta.url));

/**
 * A vitest config that runs maestro-eval suites: the global setup (backend, local server, shared
 * concurrency limit), the suite files, and vitest's own concurrency raised to the harness's limit.
 * Merge your own settings in with `overrides`.
 *
 * @example
 * // vitest.config.ts
 * import { defineMaestroConfig } from "maestro-eval/vitest";
 * export default defineMaestroConfig({ concurrency: 8, local: { timeScale: 0 } });
 */
export function defineMaestroConfig(
  options: MaestroConfigOptions = {},
  overrides: ViteUserConfig = {},
): ViteUserConfig {
  const { include, ...harness } = options;
  const concurrency = harness.concurrency ?? HARNESS_DEFAULTS.concurrency;
  return mergeConfig(
    defineConfig({
      test: {
        include: include ?? ["suites/**/*.eval.ts"],
        globalSetup: [GLOBAL_SETUP_PATH],
        maxConcurrency: Math.max(concurrency, 5),
        testTimeout: (harness.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs) + 30_000,
        provide: { maestroEvalOptions: harness },
      },
    }),
    overrides,
  );
}
