// What `maestro-eval run` is made of, once or in watch mode: its options, the loaded config and
// reporters, vitest's options, and the verdict printed at the end.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Reporter } from "vitest/node";
import { type EvalReport, type GateConfig, parseGateConfig, recommendUnderGate } from "../../domain/index.js";
import { isMaestroEvalError } from "../../errors/index.js";
// The harness's modules that load nothing of vitest's test runtime, which its index would load here.
import {
  GLOBAL_SETUP_PATH,
  PACKAGE_DEPS_CONFIG,
  SUITE_NODE_FLAGS,
} from "../../harness/define-maestro-config.js";
import type { HarnessOptions } from "../../harness/global-setup.js";
import { HARNESS_DEFAULTS, readConcurrency, vitestConcurrencyFor } from "../../harness/harness-settings.js";
import { parseMemoryPlace } from "../../harness/project-cache.js";
import { createSuiteLinter } from "../../harness/suite-linter.js";
import { HistoryReporter } from "../../reporter/history-reporter.js";
import { MaestroReporter, renderGateRecommendation, renderGateResult } from "../../reporter/index.js";
import { CONFIG_FILES, loadConfig, type MaestroEvalConfig } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { packageFilePath } from "../package-file.js";
import { createGitStateReader } from "../read-git-state.js";
import { createTrendReader, historyFileFor } from "./history.js";
import { readBaseline } from "./read-report.js";

export interface RunOptions {
  models?: string[];
  budgets?: string[];
  repeats?: number;
  concurrency?: number;
  backend?: "ai21" | "local" | "replay";
  cassettes?: "off" | "record" | "replay" | "auto";
  shard?: string;
  resume?: boolean;
  json?: boolean;
  config?: string;
  reports?: string;
  baseline?: string;
  progress?: "auto" | "live" | "lines" | "off";
  /** False with `--no-history`. */
  history?: boolean;
  watch?: boolean;
}

/** The package version written into reports. */
export function readPackageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(packageFilePath("package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** What one run (or one watch session, until the config changes) is made of. */
export interface RunSetup {
  cwd: string;
  dir: string;
  include: string[];
  /** The config file, when there is one. */
  configPath: string | undefined;
  gateConfig: GateConfig;
  harness: HarnessOptions;
  reporter: MaestroReporter;
  /** The reporters after the main one: the history's, and what they need read as a run starts. */
  history: Reporter[];
  /** The history file, when the run appends to one. */
  historyFile: string | undefined;
}

/** Loads the config and makes the reporters; prints the problem and gives the usage exit code when it cannot. */
export async function prepareRun(options: RunOptions): Promise<RunSetup | number> {
  const cwd = process.cwd();
  let config: MaestroEvalConfig;
  let configPath: string | undefined;
  let gateConfig: GateConfig;
  let baseline: EvalReport | undefined;
  let envConcurrency: number | undefined;
  let dir: string;
  try {
    const loaded = await loadConfig(cwd, options.config);
    config = loaded.config;
    configPath = loaded.path;
    gateConfig = parseGateConfig(config.gate ?? {}, loaded.path ?? "the default config");
    dir = resolve(cwd, options.reports ?? config.reports?.dir ?? "reports");
    // As `gate` does: the blessed baseline is used whenever it is there, named or not.
    const baselinePath = options.baseline ?? config.baseline ?? join(dir, "baseline.json");
    baseline = readBaseline(
      resolve(cwd, baselinePath),
      options.baseline !== undefined || config.baseline !== undefined,
    );
    envConcurrency = readConcurrency(process.env);
  } catch (error) {
    console.error(`maestro-eval run: ${(error as Error).message}`);
    return EXIT.usage;
  }
  if (options.models !== undefined) process.env.MAESTRO_EVAL_MODELS = options.models.join(",");
  if (options.budgets !== undefined) process.env.MAESTRO_EVAL_BUDGETS = options.budgets.join(",");
  if (options.repeats !== undefined) process.env.MAESTRO_EVAL_REPEATS = String(options.repeats);
  // In watch mode, unless the flag, the config or MAESTRO_EVAL_CASSETTES says otherwise, cells answer
  // from their recording when their request did not change, and only changed cells call the API.
  const cassettes =
    options.cassettes ??
    config.cassettes ??
    (options.watch === true && (process.env.MAESTRO_EVAL_CASSETTES ?? "").trim() === "" ? "auto" : undefined);
  const harness: HarnessOptions = {
    ...((options.backend ?? config.backend) ? { backend: options.backend ?? config.backend } : {}),
    // As under plain vitest: the flag, then the config, then MAESTRO_EVAL_CONCURRENCY, then the default.
    concurrency: options.concurrency ?? config.concurrency ?? envConcurrency ?? HARNESS_DEFAULTS.concurrency,
    ...(cassettes === undefined ? {} : { cassettes }),
    timeoutMs: config.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs,
    ...(config.local === undefined ? {} : { local: config.local }),
    ...(config.judge === undefined ? {} : { judge: config.judge }),
    ...(options.resume ? { resumeFile: join(dir, "results.jsonl") } : {}),
    // Written aside and moved into the reports only when the run writes them: a run that does nothing
    // leaves reports/ exactly as it was.
    statsFile: join(mkdtempSync(join(tmpdir(), "maestro-eval-stats-")), "local-server.json"),
    // The reporter lints the suites in this process while it waits (createSuiteLinter), not the workers.
    lintInReporter: true,
  };
  const reporter = new MaestroReporter({
    dir,
    resume: options.resume === true,
    print: options.json !== true,
    progress: options.json === true ? "off" : (options.progress ?? "auto"),
    reference: config.reports?.reference,
    version: readPackageVersion(),
    gate: gateConfig,
    baseline,
    shard: options.shard,
    linter: createSuiteLinter(parseMemoryPlace(cwd, process.env)),
  });
  // Read as each run (each round of a watch) starts, at an idle moment and without blocking; used as it ends.
  const git = createGitStateReader(cwd);
  const readGitAtStart: Reporter = { onTestRunStart: () => void git.refresh() };
  // Listed after the reporter, whose finished report it summarises into the project's history.
  const historyFile = options.history === false ? undefined : historyFileFor(cwd, config);
  const history: Reporter[] =
    historyFile === undefined
      ? []
      : [
          readGitAtStart,
          new HistoryReporter({
            file: historyFile,
            source: reporter,
            describeRun: () => ({ ...git.current(), shard: options.shard ?? null }),
          }),
        ];
  if (options.history !== false) reporter.trend = createTrendReader(cwd, config, options.shard, git);
  const include = config.suites ?? ["suites/**/*.eval.ts"];
  return { cwd, dir, include, configPath, gateConfig, harness, reporter, history, historyFile };
}

/** The vitest options of a run: maestro-eval's global setup and harness, the given reporters. */
export function vitestOptionsFor(
  setup: RunSetup,
  options: RunOptions,
  reporters: Reporter[],
  watch: boolean,
) {
  const { harness } = setup;
  return {
    config: false as const,
    root: setup.cwd,
    watch,
    reporters,
    include: setup.include,
    globalSetup: [GLOBAL_SETUP_PATH],
    ...PACKAGE_DEPS_CONFIG,
    maxConcurrency: vitestConcurrencyFor(harness.concurrency ?? HARNESS_DEFAULTS.concurrency),
    testTimeout: (harness.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs) + 30_000,
    provide: { maestroEvalOptions: harness },
    execArgv: [...SUITE_NODE_FLAGS],
    ...(options.shard === undefined ? {} : { shard: options.shard }),
  };
}

/** The config file `loadConfig` reads, if any. */
export function findConfigFile(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) return resolve(cwd, explicit);
  return CONFIG_FILES.map((name) => resolve(cwd, name)).find((file) => existsSync(file));
}

/** Moves the local server's counters into the reports when the run wrote them, and removes the temporary folder. */
export function keepServerStats(setup: RunSetup, wrote: boolean): void {
  const stats = setup.harness.statsFile!;
  if (wrote && existsSync(stats)) {
    // Copied whole beside it, then renamed over the old one, as the other report files.
    const partial = join(setup.dir, `local-server.json.${process.pid}.tmp`);
    copyFileSync(stats, partial);
    renameSync(partial, join(setup.dir, "local-server.json"));
  }
  rmSync(dirname(stats), { recursive: true, force: true });
}

/** Says why a run wrote nothing: no suite loaded, or nothing matched. */
export function printNothingRan(setup: RunSetup, suites: string[], options: RunOptions): void {
  const { reporter, include, dir } = setup;
  for (const error of reporter.runErrors) console.error(`maestro-eval run: ${error.split("\n")[0]}`);
  const filters =
    suites.length === 0 ? "" : `the filters ${suites.map((item) => JSON.stringify(item)).join(", ")} among `;
  console.error(
    `maestro-eval run: no cell ran: ${reporter.runErrors.length > 0 ? "no suite loaded" : "nothing matched"} (${filters}the suites ${include.map((item) => JSON.stringify(item)).join(", ")}${options.shard === undefined ? "" : `, shard ${options.shard}`}); ${dir} was left as it was`,
  );
}

/**
 * Prints the verdict on the report the reporter last wrote (the recommendation under the gate and the
 * gate, or with `json` both as JSON) and returns the gate's exit code: `maestro-eval gate` on report.json
 * says the same.
 */
export function printVerdict(setup: RunSetup, json: boolean): number {
  const { reporter, gateConfig, dir } = setup;
  const { report, gate } = reporter;
  if (report === undefined || gate === undefined) throw new Error("printVerdict: no report was written");
  if (json) {
    console.log(
      JSON.stringify(
        {
          exitCode: gate.exitCode,
          gate,
          totals: report.totals,
          reports: dir,
          ...(reporter.unreadableLines > 0 ? { unreadableResultLines: reporter.unreadableLines } : {}),
        },
        null,
        2,
      ),
    );
  } else {
    console.log(`\n${renderGateRecommendation(recommendUnderGate(report, gateConfig))}`);
    console.log(`\n${renderGateResult(gate)}`);
  }
  return gate.exitCode;
}

export function describeError(error: unknown): string {
  return isMaestroEvalError(error) ? error.message : (error as Error).message;
}
