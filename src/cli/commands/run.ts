import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { createVitest, type Reporter, registerConsoleShortcuts, startVitest, type Vitest } from "vitest/node";
import {
  BUDGETS,
  type EvalReport,
  type GateConfig,
  parseGateConfig,
  recommendUnderGate,
} from "../../domain/index.js";
import { isMaestroEvalError } from "../../errors/index.js";
import {
  GLOBAL_SETUP_PATH,
  HARNESS_DEFAULTS,
  type HarnessOptions,
  PACKAGE_DEPS_CONFIG,
  readConcurrency,
  SOURCE_RESOLVE_CONFIG,
  vitestConcurrencyFor,
} from "../../harness/index.js";
import { HistoryReporter } from "../../reporter/history-reporter.js";
import { MaestroReporter, renderGateRecommendation, renderGateResult } from "../../reporter/index.js";
import { CONFIG_FILES, loadConfig, type MaestroEvalConfig } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { parseNumber } from "../parse-options.js";
import { readGitState } from "../read-git-state.js";
import type { RegisterCommand } from "../register-command.js";
import { createTrendReader, historyFileFor } from "./history.js";
import { readBaseline } from "./read-report.js";

interface RunOptions {
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
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** `maestro-eval run [suites...]`: runs the suites with vitest, writes the reports and exits with the gate's code. */
export const registerRun: RegisterCommand = (program) => {
  program
    .command("run")
    .description(
      "Run the suites (default: the config's suites, else suites/**/*.eval.ts), write reports/, print the tables, diffs and recommendation, and exit with the gate's code: 0 passed, 1 a quality gate failed, 2 infrastructure failure, 3 usage error.",
    )
    .argument("[suites...]", "suite files or filters (vitest's file filters)")
    .option("--models <names>", "override every suite's models, comma-separated", parseModels)
    .option(
      "--budgets <budgets>",
      "override every suite's budgets, comma-separated (low, medium, high)",
      parseBudgets,
    )
    .option("--repeats <n>", "override every suite's repeats", parseWholeNumber("--repeats", 1, 1000))
    .option(
      "--concurrency <n>",
      "cells in flight at once across the run",
      parseNumber("--concurrency", 1, 1000),
    )
    .addOption(new Option("--backend <backend>", "where the cells run").choices(["ai21", "local", "replay"]))
    .addOption(
      new Option("--cassettes <mode>", "record or replay runs").choices(["off", "record", "replay", "auto"]),
    )
    .option(
      "--shard <i/n>",
      "run shard i of n (vitest's --shard); merge the reports with maestro-eval merge",
      parseShard,
    )
    .option("--resume", "keep reports/results.jsonl and skip the cells it already holds")
    .option("--no-history", "do not append this run to history.jsonl in the config's reports directory")
    .option("--json", "print the report summary and the gate as JSON instead of tables")
    .option(
      "--watch",
      "rerun the suites a change affects (a suite, what it imports or reads, the config), with cassettes in auto unless set; Ctrl-C exits with the last gate's code",
    )
    .option("--config <file>", "the config file (default maestro-eval.config.ts when present)")
    .option("--reports <dir>", "where the reports go (default reports)")
    .option(
      "--baseline <file>",
      "compare against this blessed report in the gate (default: the config's baseline, else baseline.json in the reports directory when present)",
    )
    .addOption(
      new Option("--progress <mode>", "progress display")
        .choices(["auto", "live", "lines", "off"])
        .default("auto"),
    )
    .action(async (suites: string[], options: RunOptions) => {
      process.exitCode = await run(suites, options);
    });
};

/** The exit code of a watch session stopped before any round wrote a report: the shell's for Ctrl-C. */
const EXIT_INTERRUPTED = 130;

/** The flags `--watch` does not go with, and why. */
const WATCH_CONFLICTS = [
  ["shard", "--shard", "a watch session reruns what changes on this machine; shard a run without --watch"],
  [
    "json",
    "--json",
    "each round prints its tables and gate as it finishes; use --json without --watch, or read report.json",
  ],
  [
    "resume",
    "--resume",
    "unchanged cells already answer from the cassettes (auto); use --resume without --watch",
  ],
] as const;

/** What one run (or one watch session, until the config changes) is made of. */
interface RunSetup {
  cwd: string;
  dir: string;
  include: string[];
  /** The config file, when there is one. */
  configPath: string | undefined;
  gateConfig: GateConfig;
  harness: HarnessOptions;
  reporter: MaestroReporter;
  history: HistoryReporter[];
  /** The history file, when the run appends to one. */
  historyFile: string | undefined;
}

async function run(suites: string[], options: RunOptions): Promise<number> {
  if (options.watch !== true) return runOnce(suites, options);
  for (const [key, flag, why] of WATCH_CONFLICTS) {
    if (options[key] === undefined || options[key] === false) continue;
    console.error(`maestro-eval run: --watch cannot be combined with ${flag}: ${why}`);
    return EXIT.usage;
  }
  return runWatch(suites, options);
}

/** Loads the config and makes the reporters; prints the problem and gives the usage exit code when it cannot. */
async function prepareRun(options: RunOptions): Promise<RunSetup | number> {
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
    ...(options.resume ? { resumeFile: join(dir, "results.jsonl") } : {}),
    // Written aside and moved into the reports only when the run writes them: a run that does nothing
    // leaves reports/ exactly as it was.
    statsFile: join(mkdtempSync(join(tmpdir(), "maestro-eval-stats-")), "local-server.json"),
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
  });
  // Listed after the reporter, whose finished report it summarises into the project's history.
  const historyFile = options.history === false ? undefined : historyFileFor(cwd, config);
  const history =
    historyFile === undefined
      ? []
      : [
          new HistoryReporter({
            file: historyFile,
            source: reporter,
            describeRun: () => ({ ...readGitState(cwd), shard: options.shard ?? null }),
          }),
        ];
  if (options.history !== false) reporter.trend = createTrendReader(cwd, config, options.shard);
  const include = config.suites ?? ["suites/**/*.eval.ts"];
  return { cwd, dir, include, configPath, gateConfig, harness, reporter, history, historyFile };
}

/** The vitest options of a run: maestro-eval's global setup and harness, the given reporters. */
function vitestOptionsFor(setup: RunSetup, options: RunOptions, reporters: Reporter[], watch: boolean) {
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
    ...(options.shard === undefined ? {} : { shard: options.shard }),
  };
}

/** `maestro-eval run`: one run, its reports, the gate's exit code. */
async function runOnce(suites: string[], options: RunOptions): Promise<number> {
  const setup = await prepareRun(options);
  if (typeof setup === "number") return setup;
  const { reporter } = setup;
  try {
    const vitest = await startVitest(
      "test",
      suites,
      vitestOptionsFor(setup, options, [reporter, ...setup.history], false),
      { ...SOURCE_RESOLVE_CONFIG, server: { watch: null } },
    );
    await vitest.close();
  } catch (error) {
    console.error(`maestro-eval run: ${describeError(error)}`);
    return EXIT.usage;
  } finally {
    keepServerStats(setup, reporter.wrote);
  }
  if (!reporter.wrote) {
    // Nothing ran: a usage error, and reports/ is left exactly as it was.
    printNothingRan(setup, suites, options);
    return EXIT.usage;
  }
  return printVerdict(setup, options.json === true);
}

/**
 * `maestro-eval run --watch`: vitest's watch mode. Each round (the first run, then every rerun of the
 * suites a change affects) writes the reports of the whole current state and prints the tables and the
 * gate; a change to the config starts the session again with it. Ctrl-C lets the cells in flight finish
 * (a second Ctrl-C stops at once), and exits with the gate's code of the last report written.
 */
async function runWatch(suites: string[], options: RunOptions): Promise<number> {
  let last: number | undefined;
  let signalled = false;
  let stop = () => {};
  const onSignal = () => {
    if (signalled) {
      console.error("maestro-eval run: stopped at once");
      process.exit(last ?? EXIT_INTERRUPTED);
    }
    signalled = true;
    console.log("\nStopping: a round in progress ends with the cells in flight (Ctrl-C again stops at once)");
    stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    for (let first = true; !signalled; first = false) {
      const setup = await prepareRun(options);
      const outcome =
        typeof setup === "number"
          ? "unusable"
          : await watchSession(setup, suites, options, {
              onVerdict: (code) => {
                last = code;
              },
              setStop: (fn) => {
                stop = fn;
              },
            });
      if (outcome === "stopped" || signalled) break;
      if (outcome === "config") continue;
      // The session could not start (a broken config, no suite left): at the start a usage error; after
      // an edit of the config, wait for the next one.
      if (first) {
        if (typeof setup !== "number")
          rmSync(dirname(setup.harness.statsFile!), { recursive: true, force: true });
        return EXIT.usage;
      }
      const configPath = findConfigFile(process.cwd(), options.config);
      console.log(
        `\nWaiting for ${configPath === undefined ? "Ctrl-C" : `a change to ${relative(process.cwd(), configPath)}`}`,
      );
      await waitForChange(configPath, (fn) => {
        stop = fn;
      });
    }
    return last ?? EXIT_INTERRUPTED;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** One vitest watch session, until Ctrl-C (`stopped`), a change of the config (`config`), or a failure to start. */
/**
 * vitest in watch mode over the run's reporters. Its logger ends the process at once on SIGINT and
 * SIGTERM; the listeners it adds are removed, so that the watch session stops cleanly on them.
 */
async function createWatchingVitest(
  setup: RunSetup,
  options: RunOptions,
  reporters: Reporter[],
  known: Set<string>,
): Promise<Vitest> {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await createVitest(
      "test",
      {
        ...vitestOptionsFor(setup, options, reporters, true),
        watchTriggerPatterns: [readFixtureTrigger(setup, known)],
      },
      SOURCE_RESOLVE_CONFIG,
    );
  } finally {
    for (const signal of signals)
      for (const listener of process.listeners(signal))
        if (!before.get(signal)!.has(listener)) process.off(signal, listener as () => void);
  }
}

async function watchSession(
  setup: RunSetup,
  suites: string[],
  options: RunOptions,
  hooks: { onVerdict: (code: number) => void; setStop: (stop: () => void) => void },
): Promise<"stopped" | "config" | "unusable"> {
  const { reporter, cwd, dir } = setup;
  const show = (path: string) => relative(cwd, path) || ".";
  let why: "stopped" | "config" | undefined;
  let wrote = false;
  let last: number | undefined;
  const known = new Set<string>();
  const rounds: Reporter = {
    onWatcherRerun(files, trigger) {
      console.log(`\n${trigger ?? "rerun"}: running ${files.map(show).join(", ")} again`);
    },
    onTestRunStart(specifications) {
      for (const specification of specifications) known.add(specification.moduleId);
    },
    onTestRunEnd(_modules, _errors, reason) {
      if (reporter.wrote) {
        wrote = true;
        last = printVerdict(setup, false);
        hooks.onVerdict(last);
      } else if (reason === "interrupted") {
        console.log(
          last === undefined
            ? `\nInterrupted before a cell finished: ${show(dir)}/ was left as it was`
            : `\nInterrupted: the rerun is dropped, ${show(dir)}/ holds the reports of the last finished round`,
        );
      } else printNothingRan(setup, suites, options);
      if (why === undefined)
        console.log(
          `\nWatching the suites, what they import and read${setup.configPath === undefined ? "" : ` and ${show(setup.configPath)}`}: a change reruns the suites it affects (Ctrl-C stops)`,
        );
    },
    onTestRemoved() {
      if (!reporter.wrote) return;
      last = printVerdict(setup, false);
      hooks.onVerdict(last);
    },
  };
  let vitest: Vitest;
  try {
    vitest = await createWatchingVitest(setup, options, [reporter, ...setup.history, rounds], known);
  } catch (error) {
    console.error(`maestro-eval run: ${describeError(error)}`);
    keepServerStats(setup, false);
    return "unusable";
  }
  const closed = new Promise<void>((resolvePromise) => {
    vitest.onClose(() => {
      keepServerStats(setup, wrote);
      if (why !== "config") {
        // Also reached when vitest's own keys end the session (q, or Ctrl-C on a terminal).
        process.exitCode = last ?? EXIT_INTERRUPTED;
        console.log(
          last === undefined
            ? `\nStopped before any round finished: exit ${EXIT_INTERRUPTED}`
            : `\nStopped: ${show(dir)}/ holds the reports of the last finished round; exit ${last}, its gate's code`,
        );
      }
      resolvePromise();
    });
  });
  const stop = (reason: "stopped" | "config") => {
    if (why !== undefined) return;
    why = reason;
    void vitest
      .cancelCurrentRun("keyboard-input")
      .then(() => vitest.close())
      .catch((error: unknown) => console.error(`maestro-eval run: ${describeError(error)}`));
  };
  hooks.setStop(() => stop("stopped"));
  const configPath = setup.configPath;
  if (configPath !== undefined) {
    vitest.vite.watcher.add(configPath);
    const onConfig = (file: string) => {
      if (resolve(file) !== configPath || why !== undefined) return;
      console.log(`\n${show(configPath)} changed: starting again with it`);
      stop("config");
    };
    vitest.vite.watcher.on("change", onConfig);
    vitest.vite.watcher.on("add", onConfig);
  }
  const keys = process.stdin.isTTY
    ? registerConsoleShortcuts(vitest, process.stdin, process.stdout)
    : undefined;
  console.log(
    `maestro-eval run --watch: cassettes ${setup.harness.cassettes ?? "from MAESTRO_EVAL_CASSETTES"}; reports in ${show(dir)}`,
  );
  try {
    await vitest.start(suites);
  } catch (error) {
    if (why === undefined) {
      if ((error as Error).name === "FilesNotFoundError") printNothingRan(setup, suites, options);
      else console.error(`maestro-eval run: ${describeError(error)}`);
      why = "stopped";
      keys?.();
      await vitest.close();
      return "unusable";
    }
  }
  await closed;
  keys?.();
  return why ?? "stopped";
}

/**
 * A data file (JSON, YAML, text, ...) that changes beside or below suites reruns those suites: a fixture
 * a suite reads rather than imports (imports vitest follows itself). What runs write is left out: the
 * reports, the history and the cassettes.
 */
function readFixtureTrigger(setup: RunSetup, known: ReadonlySet<string>) {
  return {
    pattern: /\.(?:json|jsonl|ya?ml|txt|md|csv|tsv|xml|html)$/i,
    testsToRun(file: string): string[] | undefined {
      if (isInside(file, setup.dir) || /[\\/]__cassettes__[\\/]|\.cassette\.json$/.test(file))
        return undefined;
      if (setup.historyFile !== undefined && file === setup.historyFile) return undefined;
      const suites = [...known].filter((suite) => isInside(file, dirname(suite)));
      return suites.length === 0 ? undefined : suites;
    },
  };
}

function isInside(file: string, dir: string): boolean {
  const path = relative(dir, file);
  return path !== "" && !path.startsWith("..") && !isAbsolute(path);
}

/** The config file `loadConfig` reads, if any. */
function findConfigFile(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) return resolve(cwd, explicit);
  return CONFIG_FILES.map((name) => resolve(cwd, name)).find((file) => existsSync(file));
}

/** Resolves at the next change of `path` (or, without one, only when `setCancel`'s function is called). */
function waitForChange(path: string | undefined, setCancel: (cancel: () => void) => void): Promise<void> {
  return new Promise((resolvePromise) => {
    let timer: NodeJS.Timeout | undefined;
    // The folder, not the file: an editor that saves by renaming replaces the file a watcher would follow.
    const watcher =
      path === undefined
        ? undefined
        : watch(dirname(path), (_event, name) => {
            if (name !== basename(path)) return;
            clearTimeout(timer);
            timer = setTimeout(done, 200);
          });
    function done() {
      clearTimeout(timer);
      watcher?.close();
      resolvePromise();
    }
    setCancel(done);
  });
}

/** Moves the local server's counters into the reports when the run wrote them, and removes the temporary folder. */
function keepServerStats(setup: RunSetup, wrote: boolean): void {
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
function printNothingRan(setup: RunSetup, suites: string[], options: RunOptions): void {
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
function printVerdict(setup: RunSetup, json: boolean): number {
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

function describeError(error: unknown): string {
  return isMaestroEvalError(error) ? error.message : (error as Error).message;
}

/** `--models a,b`: the names, at least one, none empty. */
function parseModels(value: string): string[] {
  const names = value.split(",").map((item) => item.trim());
  if (names.some((name) => name === "")) {
    throw new InvalidArgumentError(
      `--models must be model names separated by commas, none empty, got ${JSON.stringify(value)}`,
    );
  }
  return names;
}

/** `--budgets low,high`: each one of the budgets. */
function parseBudgets(value: string): string[] {
  const budgets = value.split(",").map((item) => item.trim());
  const wrong = budgets.find((budget) => !(BUDGETS as readonly string[]).includes(budget));
  if (wrong !== undefined) {
    throw new InvalidArgumentError(
      `--budgets must be ${BUDGETS.join(", ")} separated by commas, got ${JSON.stringify(value)} (${JSON.stringify(wrong)} is not a budget)`,
    );
  }
  return budgets;
}

function parseWholeNumber(flag: string, min: number, max: number): (value: string) => number {
  const parse = parseNumber(flag, min, max);
  return (value) => {
    const number = parse(value);
    if (!Number.isInteger(number)) {
      throw new InvalidArgumentError(
        `${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
      );
    }
    return number;
  };
}

function parseShard(value: string): string {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) {
    throw new InvalidArgumentError(
      `--shard must look like i/n with 1 <= i <= n, got ${JSON.stringify(value)}`,
    );
  }
  return value.trim();
}
