import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BUDGETS, type Budget } from "../domain/index.js";
import { MaestroConfigurationError } from "../errors/index.js";
import type { CassetteMode } from "../harness/cassettes.js";
import type { HarnessOptions } from "../harness/global-setup.js";
import type { Backend } from "../harness/harness-settings.js";
import { parseFaultOptions } from "../local/faults.js";
import { readToolNetwork } from "../local/tools/tool-network.js";
import { createConfiguredJudge, type JudgeConfig } from "../verifiers/judge-config.js";

/** Everything `maestro-eval run` and `gate` read from `maestro-eval.config.ts`; every field is optional. */
export interface MaestroEvalConfig {
  /** Suite files, as globs. Default `["suites/**\/*.eval.ts"]`. */
  suites?: string[];
  backend?: Backend;
  /** Cells in flight at once across the whole run. Default 8. */
  concurrency?: number;
  /** How long one cell may take, polling included. Default 600,000 ms. */
  timeoutMs?: number;
  cassettes?: CassetteMode;
  /** The embedded local server, when it is the backend. */
  local?: HarnessOptions["local"];
  /**
   * A judge model (an OpenAI-compatible endpoint) for requirements no verifier understands, on the local
   * engine and in chat suites. Its key comes from `MAESTRO_EVAL_JUDGE_API_KEY`, never from this file.
   */
  judge?: JudgeConfig;
  reports?: {
    /** Where reports are written. Default `reports`. */
    dir?: string;
    /** The cell group other cells are diffed against; default the most expensive. */
    reference?: { model: string; budget: Budget };
  };
  /** Thresholds of the deploy gate; see `evaluateGate`. */
  gate?: Record<string, unknown>;
  /** The blessed baseline report. Default `reports/baseline.json`. */
  baseline?: string;
}

/**
 * Types a `maestro-eval.config.ts`.
 *
 * @example
 * // maestro-eval.config.ts
 * import { defineConfig } from "maestro-eval";
 * export default defineConfig({ concurrency: 8, gate: { overall: { min: 0.7 } } });
 */
export function defineConfig(config: MaestroEvalConfig): MaestroEvalConfig {
  return config;
}

/** The config file names looked for, in order, when `--config` is not given. */
export const CONFIG_FILES = [
  "maestro-eval.config.ts",
  "maestro-eval.config.mts",
  "maestro-eval.config.js",
  "maestro-eval.config.mjs",
];

/** A loaded config and where it came from. */
export interface LoadedConfig {
  config: MaestroEvalConfig;
  /** The file, or undefined when none was found and the defaults apply. */
  path: string | undefined;
}

/** Loads and checks the config: `--config` when given (it must exist), else the first of {@link CONFIG_FILES}. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const path =
    explicit === undefined
      ? CONFIG_FILES.map((name) => resolve(cwd, name)).find((file) => existsSync(file))
      : resolve(cwd, explicit);
  if (path === undefined) return { config: {}, path: undefined };
  if (!existsSync(path)) throw new MaestroConfigurationError(`config file ${path} does not exist`);
  let loaded: unknown;
  try {
    const module = (await importTranspiled(path)) ?? (await importWithTsx(path));
    loaded = readDefaultExport(module.default);
  } catch (error) {
    throw new MaestroConfigurationError(`cannot load ${path}: ${describeLoadError(error)}`, { cause: error });
  }
  return { config: parseConfig(loaded, path), path };
}

type ConfigModule = { default?: unknown };

/** Imports the config through tsx, which follows whatever it imports in turn (TypeScript files, JSON...). */
async function importWithTsx(path: string): Promise<ConfigModule> {
  const { tsImport } = await import("tsx/esm/api");
  return (await tsImport(pathToFileURL(path).href, import.meta.url)) as ConfigModule;
}

/**
 * The quick way to load a config, about 0.1 s where tsx takes about 0.9 s and slows every later import of
 * the process with its loader hooks: the file's TypeScript removed, written beside it as a module of its
 * own for the moment of the import (so its relative imports resolve as written), and imported by Node.
 * Undefined when Node cannot load the result alone (it imports TypeScript or JSON, is CommonJS, has a
 * syntax error): the caller then loads it through tsx, which also says what is wrong.
 */
async function importTranspiled(path: string): Promise<ConfigModule | undefined> {
  const temporary = `${path}.timestamp-${Date.now()}-${randomBytes(4).toString("hex")}.mjs`;
  try {
    writeFileSync(temporary, await stripTypes(readFileSync(path, "utf8"), path));
    return (await import(pathToFileURL(temporary).href)) as ConfigModule;
  } catch {
    return undefined;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * A TypeScript module's code without its types. Through vite's Oxc transform when the installed vite has
 * one (vite 8, whose native transformer vitest has loaded already in this process: a few milliseconds),
 * else through esbuild (tsx's own), whose first call starts its service process (about 0.1 to 0.3 s).
 */
async function stripTypes(source: string, path: string): Promise<string> {
  // The vite that vitest itself loads (a dependency of vitest's, not of this package).
  const vitePath = createRequire(import.meta.resolve("vitest/node")).resolve("vite");
  const vite = (await import(pathToFileURL(vitePath).href)) as {
    transformWithOxc?: (code: string, filename: string, options: { lang: "ts" }) => Promise<{ code: string }>;
  };
  if (typeof vite.transformWithOxc === "function") {
    return (await vite.transformWithOxc(source, path, { lang: "ts" })).code;
  }
  const esbuild = createRequire(import.meta.resolve("tsx/esm/api"))("esbuild") as typeof import("esbuild");
  return esbuild.transformSync(source, { loader: "ts", format: "esm", sourcefile: path }).code;
}

/**
 * Why a config file did not load, in one line. A syntax error (esbuild's "Transform failed with 1
 * error:" and the error on the next line) names the file, line and column.
 */
function describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const syntax = /^(.*):(\d+):(\d+): ERROR: (.*)$/m.exec(message);
  if (syntax !== null) {
    const [, file, line, column, reason] = syntax;
    return `syntax error at ${file}:${line}:${column} (line ${line}, column ${column}): ${reason}`;
  }
  return message.split("\n")[0] ?? message;
}

/**
 * The config file's default export. In a project whose package.json does not say `"type": "module"`
 * (the one `npm install` creates in an empty directory), the file loads as CommonJS, and what it
 * exports by default sits on the exports object, one level down.
 */
function readDefaultExport(value: unknown): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, "default")
    ? (value as { default: unknown }).default
    : value;
}

const BACKENDS: readonly Backend[] = ["ai21", "local", "replay"];
const CASSETTE_MODES: readonly CassetteMode[] = ["off", "record", "replay", "auto"];
const KNOWN = [
  "suites",
  "backend",
  "concurrency",
  "timeoutMs",
  "cassettes",
  "local",
  "judge",
  "reports",
  "gate",
  "baseline",
];

/** Checks a config value; errors name the file and the field. */
export function parseConfig(value: unknown, where: string): MaestroEvalConfig {
  const fail = (field: string, message: string) =>
    new MaestroConfigurationError(`${where}: ${field} ${message}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail("the default export", "must be a config object (use defineConfig({...}))");
  }
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!KNOWN.includes(key)) throw fail(key, `is not a config field; expected one of ${KNOWN.join(", ")}`);
  }
  if (
    config.suites !== undefined &&
    (!Array.isArray(config.suites) || config.suites.some((item) => typeof item !== "string"))
  ) {
    throw fail("suites", "must be a list of glob strings");
  }
  if (config.backend !== undefined && !BACKENDS.includes(config.backend as Backend)) {
    throw fail("backend", `must be one of ${BACKENDS.join(", ")}, got ${JSON.stringify(config.backend)}`);
  }
  if (config.cassettes !== undefined && !CASSETTE_MODES.includes(config.cassettes as CassetteMode)) {
    throw fail(
      "cassettes",
      `must be one of ${CASSETTE_MODES.join(", ")}, got ${JSON.stringify(config.cassettes)}`,
    );
  }
  if (
    config.concurrency !== undefined &&
    !(Number.isInteger(config.concurrency) && (config.concurrency as number) >= 1)
  ) {
    throw fail("concurrency", `must be a whole number >= 1, got ${JSON.stringify(config.concurrency)}`);
  }
  if (config.timeoutMs !== undefined && !(typeof config.timeoutMs === "number" && config.timeoutMs > 0)) {
    throw fail("timeoutMs", `must be a number > 0, got ${JSON.stringify(config.timeoutMs)}`);
  }
  if (config.local !== undefined) {
    const local = config.local as Record<string, unknown>;
    if (typeof local !== "object" || local === null) throw fail("local", "must be an object");
    if (local.timeScale !== undefined && !(typeof local.timeScale === "number" && local.timeScale >= 0)) {
      throw fail("local.timeScale", `must be a number >= 0, got ${JSON.stringify(local.timeScale)}`);
    }
    if (local.seed !== undefined && !Number.isInteger(local.seed))
      throw fail("local.seed", `must be a whole number, got ${JSON.stringify(local.seed)}`);
    if (local.faults !== undefined) parseFaultOptions(local.faults, `${where}: local.faults`);
    for (const field of ["toolTimeoutMs", "toolMaxResponseBytes"] as const) {
      const value = local[field];
      if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value > 0))
        throw fail(`local.${field}`, `must be a number > 0, got ${JSON.stringify(value)}`);
    }
    if (local.toolNetwork !== undefined) {
      try {
        readToolNetwork(local.toolNetwork, `${where}: local.toolNetwork`);
      } catch (error) {
        throw new MaestroConfigurationError((error as Error).message);
      }
    }
  }
  // Built once to check its fields (the run builds it again where it is used).
  createConfiguredJudge(config.judge, where, {});
  if (config.reports !== undefined) {
    const reports = config.reports as Record<string, unknown>;
    if (typeof reports !== "object" || reports === null) throw fail("reports", "must be an object");
    if (reports.dir !== undefined && typeof reports.dir !== "string")
      throw fail("reports.dir", "must be a path");
    const reference = reports.reference as Record<string, unknown> | undefined;
    if (
      reference !== undefined &&
      (typeof reference.model !== "string" || !BUDGETS.includes(reference.budget as Budget))
    ) {
      throw fail("reports.reference", 'must be { model: "<name>", budget: "low" | "medium" | "high" }');
    }
  }
  if (config.gate !== undefined && (typeof config.gate !== "object" || config.gate === null))
    throw fail("gate", "must be an object");
  if (config.baseline !== undefined && typeof config.baseline !== "string")
    throw fail("baseline", "must be a path");
  return config as MaestroEvalConfig;
}
