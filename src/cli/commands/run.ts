import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { startVitest } from "vitest/node";
import { BUDGETS, type EvalReport, parseGateConfig, recommendUnderGate } from "../../domain/index.js";
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
import { loadConfig, type MaestroEvalConfig } from "../config.js";
import { EXIT } from "../exit-codes.js";
import type { RegisterCommand } from "../program.js";
import { readGitState } from "../read-git-state.js";
import { createTrendReader, historyFileFor } from "./history.js";
import { readBaseline } from "./read-report.js";
import { parseNumber } from "./serve.js";

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

async function run(suites: string[], options: RunOptions): Promise<number> {
  const cwd = process.cwd();
  let config: MaestroEvalConfig;
  let gateConfig: ReturnType<typeof parseGateConfig>;
  let baseline: EvalReport | undefined;
  let envConcurrency: number | undefined;
  let dir: string;
  try {
    const loaded = await loadConfig(cwd, options.config);
    config = loaded.config;
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
  const harness: HarnessOptions = {
    ...((options.backend ?? config.backend) ? { backend: options.backend ?? config.backend } : {}),
    // As under plain vitest: the flag, then the config, then MAESTRO_EVAL_CONCURRENCY, then the default.
    concurrency: options.concurrency ?? config.concurrency ?? envConcurrency ?? HARNESS_DEFAULTS.concurrency,
    ...((options.cassettes ?? config.cassettes) ? { cassettes: options.cassettes ?? config.cassettes } : {}),
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
  const include = config.suites ?? ["suites/**/*.eval.ts"];
  // Listed after the reporter, whose finished report it summarises into the project's history.
  const history =
    options.history === false
      ? []
      : [
          new HistoryReporter({
            file: historyFileFor(cwd, config),
            source: reporter,
            describeRun: () => ({ ...readGitState(cwd), shard: options.shard ?? null }),
          }),
        ];
  if (options.history !== false) reporter.trend = createTrendReader(cwd, config, options.shard);
  try {
    const vitest = await startVitest(
      "test",
      suites,
      {
        config: false,
        root: cwd,
        watch: false,
        reporters: [reporter, ...history],
        include,
        globalSetup: [GLOBAL_SETUP_PATH],
        ...PACKAGE_DEPS_CONFIG,
        maxConcurrency: vitestConcurrencyFor(harness.concurrency ?? HARNESS_DEFAULTS.concurrency),
        testTimeout: (harness.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs) + 30_000,
        provide: { maestroEvalOptions: harness },
        ...(options.shard === undefined ? {} : { shard: options.shard }),
      },
      { ...SOURCE_RESOLVE_CONFIG, server: { watch: null } },
    );
    await vitest.close();
  } catch (error) {
    console.error(
      `maestro-eval run: ${isMaestroEvalError(error) ? error.message : (error as Error).message}`,
    );
    return EXIT.usage;
  } finally {
    const stats = harness.statsFile!;
    if (reporter.wrote && existsSync(stats)) {
      // Copied whole beside it, then renamed over the old one, as the other report files.
      const partial = join(dir, `local-server.json.${process.pid}.tmp`);
      copyFileSync(stats, partial);
      renameSync(partial, join(dir, "local-server.json"));
    }
    rmSync(dirname(stats), { recursive: true, force: true });
  }
  const { report, gate } = reporter;
  if (report === undefined || gate === undefined || !reporter.wrote) {
    // Nothing ran: a usage error, and reports/ is left exactly as it was.
    for (const error of reporter.runErrors) console.error(`maestro-eval run: ${error.split("\n")[0]}`);
    const filters =
      suites.length === 0
        ? ""
        : `the filters ${suites.map((item) => JSON.stringify(item)).join(", ")} among `;
    console.error(
      `maestro-eval run: no cell ran: ${reporter.runErrors.length > 0 ? "no suite loaded" : "nothing matched"} (${filters}the suites ${include.map((item) => JSON.stringify(item)).join(", ")}${options.shard === undefined ? "" : `, shard ${options.shard}`}); ${dir} was left as it was`,
    );
    return EXIT.usage;
  }
  // The verdict is the gate's on the written report: `maestro-eval gate` on report.json says the same.
  const code = gate.exitCode;
  if (options.json === true) {
    console.log(
      JSON.stringify(
        {
          exitCode: code,
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
  return code;
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
