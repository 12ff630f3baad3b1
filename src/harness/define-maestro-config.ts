import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";
import type { HarnessOptions } from "./global-setup.js";
import { HARNESS_DEFAULTS, vitestConcurrencyFor } from "./harness-settings.js";
import { warmUpOnFirstTransform } from "./warm-up-plugin.js";

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

/**
 * The vite settings of a run, for its main process: {@link SOURCE_RESOLVE_CONFIG}, and the plugin that
 * warms the embedded server up while the workers load (`warmUpOnFirstTransform`).
 */
export function harnessViteConfig(): ViteUserConfig {
  return { ...SOURCE_RESOLVE_CONFIG, plugins: [warmUpOnFirstTransform()] };
}

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
 * Node options for the processes that run suites. `--no-regexp-tier-up`: the verifiers and the local
 * server hold a few hundred regular expressions, most run a handful of times per process; V8 compiles
 * each to bytecode and then again to machine code once it runs again, and compiling only the second way
 * reads the first requirement in a process in about 75 ms instead of 210 (Node 20). Matching is the
 * same either way. `--heap-growing-percent=50`: V8 lets the heap grow to twice what it held after a full
 * collection before the next one (more on a machine with much memory), so a worker running 20,000 cells,
 * whose live heap is about 260 MiB at the end, peaked at about 800 MiB of garbage not yet collected;
 * growing by half keeps it near 500 MiB for a few percent more time spent collecting. It is a growth
 * rate, not a limit: a worker that needs more memory still gets it. The CLI's own process does not set
 * them: changing V8 flags at run time (v8.setFlagsFromString) crashed it now and then (cli/main.ts).
 * From the built package, `--import` of the suite workers' preload (suite-worker-preload.ts), which loads
 * `maestro-eval/vitest` while the worker waits on vitest's main process.
 */
export const SUITE_NODE_FLAGS: readonly string[] = [
  "--no-regexp-tier-up",
  "--heap-growing-percent=50",
  ...(fromSources ? [] : ["--import", new URL("./suite-worker-preload.js", import.meta.url).href]),
];

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
  const base: ViteUserConfig = {
    ...harnessViteConfig(),
    test: {
      ...PACKAGE_DEPS_CONFIG,
      include: include ?? ["suites/**/*.eval.ts"],
      globalSetup: [GLOBAL_SETUP_PATH],
      maxConcurrency: vitestConcurrencyFor(concurrency),
      testTimeout: (harness.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs) + 30_000,
      provide: { maestroEvalOptions: harness },
      execArgv: [...SUITE_NODE_FLAGS],
    },
  };
  return mergeConfigs(base, overrides) as ViteUserConfig;
}

/**
 * Merges `overrides` into `base` as vite's `mergeConfig` does for what the base holds: lists are joined,
 * objects merged key by key, any other value replaced, an `undefined` or `null` override ignored. Written
 * here because importing `vitest/config` loads vite into every vitest worker that imports
 * `maestro-eval/vitest` (about 0.4 s each), where only the main process builds a config.
 */
export function mergeConfigs(base: unknown, overrides: unknown): unknown {
  if (overrides === undefined || overrides === null) return base;
  if (Array.isArray(base)) return [...base, ...(Array.isArray(overrides) ? overrides : [overrides])];
  if (Array.isArray(overrides) && base !== undefined && base !== null) return [base, ...overrides];
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) merged[key] = mergeConfigs(base[key], value);
  return merged;
}

/** An object merged key by key, as vite tells one: by its tag, so a RegExp or a Date is a value. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === "[object Object]";
}
