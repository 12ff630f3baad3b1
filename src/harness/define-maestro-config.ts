import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig, type ViteUserConfig } from "vitest/config";
import type { HarnessOptions } from "./global-setup.js";
import { HARNESS_DEFAULTS, vitestConcurrencyFor } from "./harness-context.js";

/** Options of {@link defineMaestroConfig}: the harness's, and which files are suites. */
export interface MaestroConfigOptions extends HarnessOptions {
  /** Suite files. Default `["suites/**\/*.eval.ts"]`. */
  include?: string[];
}

// The harness runs from src/*.ts in this repository and from dist/*.js in the installed package.
const fromSources = import.meta.url.endsWith(".ts");
const extension = fromSources ? ".ts" : ".js";

/** The path of the harness's global setup file, for hand-written vitest configs. */
export const GLOBAL_SETUP_PATH = fileURLToPath(new URL(`./global-setup${extension}`, import.meta.url));

/**
 * Vite settings that make self-imports (`maestro-eval/vitest` in this repository's suites) resolve to
 * the sources while the harness runs from them: the package's exports name src/ under the
 * `maestro-eval-source` condition. Empty in the built package, whose users resolve dist/.
 */
export const SOURCE_RESOLVE_CONFIG: ViteUserConfig = fromSources
  ? // Vite's default server conditions, which setting the list replaces, plus ours.
    { ssr: { resolve: { conditions: ["maestro-eval-source", "module", "node", "development|production"] } } }
  : {};

const builtDir = fileURLToPath(new URL("../", import.meta.url));

/**
 * Vitest settings that load the built package's own modules through Node instead of vite's transform
 * pipeline (`server.deps.external`): they are plain JavaScript, and a worker's first import of
 * `maestro-eval/vitest` then takes one native load instead of a round trip to the main process per module
 * (a one-cell run: 5.9 s to 3.7 s). Installed under node_modules the package is external anyway; this
 * covers a linked package and this repository's compiled CLI. Empty when running from the sources.
 */
export const PACKAGE_DEPS_CONFIG: { server?: { deps: { external: RegExp[] } } } = fromSources
  ? {}
  : { server: { deps: { external: [new RegExp(`^${builtDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)] } } };

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
      ...SOURCE_RESOLVE_CONFIG,
      test: {
        ...PACKAGE_DEPS_CONFIG,
        include: include ?? ["suites/**/*.eval.ts"],
        globalSetup: [GLOBAL_SETUP_PATH],
        maxConcurrency: vitestConcurrencyFor(concurrency),
        testTimeout: (harness.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs) + 30_000,
        provide: { maestroEvalOptions: harness },
      },
    }),
    overrides,
  );
}
