import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { startVitest } from "vitest/node";
import {
  type EvalReport,
  evaluateGate,
  type GateResult,
  parseGateConfig,
  recommendUnderGate,
} from "../../domain/index.js";
import { isMaestroEvalError } from "../../errors/index.js";
import {
  GLOBAL_SETUP_PATH,
  HARNESS_DEFAULTS,
  type HarnessOptions,
  readConcurrency,
  SOURCE_RESOLVE_CONFIG,
  vitestConcurrencyFor,
} from "../../harness/index.js";
import {
  MaestroReporter,
  REPORT_FILES,
  renderGateRecommendation,
  renderGateResult,
  renderMarkdownSummary,
  writeFileAtomic,
} from "../../reporter/index.js";
import { HistoryReporter } from "../../reporter/history-reporter.js";
import { loadConfig, type MaestroEvalConfig } from "../config.js";
import { EXIT } from "../exit-codes.js";
import type { RegisterCommand } from "../program.js";
import { readGitState } from "../read-git-state.js";
import { createTrendReader, historyFileFor } from "./history.js";
import { readBaseline } from "./read-report.js";
import { parseNumber } from "./serve.js";

interface RunOptions {
  models?: string;
  budgets?: string;
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
    .option("--models <names>", "override every suite's models, comma-separated")
    .option("--budgets <budgets>", "override every suite's budgets, comma-separated (low, medium, high)")
    .option("--repeats <n>", "override every suite's repeats", parseNumber("--repeats", 1, 1000))
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
    .option("--baseline <file>", "compare against this blessed report in the gate")
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
  try {
    config = (await loadConfig(cwd, options.config)).config;
    gateConfig = parseGateConfig(config.gate ?? {}, options.config ?? "maestro-eval.config.ts");
    const baselinePath = options.baseline ?? config.baseline;
    baseline =
      baselinePath === undefined
        ? undefined
        : readBaseline(resolve(cwd, baselinePath), options.baseline !== undefined);
    envConcurrency = readConcurrency(process.env);
  } catch (error) {
    console.error(`maestro-eval run: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const dir = resolve(cwd, options.reports ?? config.reports?.dir ?? "reports");
  if (options.models !== undefined) process.env.MAESTRO_EVAL_MODELS = options.models;
  if (options.budgets !== undefined) process.env.MAESTRO_EVAL_BUDGETS = options.budgets;
  if (options.repeats !== undefined) process.env.MAESTRO_EVAL_REPEATS = String(options.repeats);
  const harness: HarnessOptions = {
    ...((options.backend ?? config.backend) ? { backend: options.backend ?? config.backend } : {}),
    // As under plain vitest: the flag, then the config, then MAESTRO_EVAL_CONCURRENCY, then the default.
    concurrency: options.concurrency ?? config.concurrency ?? envConcurrency ?? HARNESS_DEFAULTS.concurrency,
    ...((options.cassettes ?? config.cassettes) ? { cassettes: options.cassettes ?? config.cassettes } : {}),
    timeoutMs: config.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs,
    ...(config.local === undefined ? {} : { local: config.local }),
    ...(options.resume ? { resumeFile: join(dir, "results.jsonl") } : {}),
    statsFile: join(dir, "local-server.json"),
  };
  const reporter = new MaestroReporter({
    dir,
    resume: options.resume === true,
    print: options.json !== true,
    progress: options.json === true ? "off" : (options.progress ?? "auto"),
    reference: config.reports?.reference,
    version: readPackageVersion(),
  });
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
        include: config.suites ?? ["suites/**/*.eval.ts"],
        globalSetup: [GLOBAL_SETUP_PATH],
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
  }
  const report = reporter.report;
  if (report === undefined) {
    console.error("maestro-eval run: vitest finished without a report (no suite ran)");
    return EXIT.usage;
  }
  const gate = evaluateGate(report, gateConfig, baseline);
  const code = exitCodeOf(gate, reporter);
  writeFileAtomic(join(dir, REPORT_FILES.markdown), renderMarkdownSummary(report, gate));
  if (options.json === true) {
    console.log(JSON.stringify({ exitCode: code, gate, totals: report.totals, reports: dir }, null, 2));
  } else {
    console.log(`\n${renderGateRecommendation(recommendUnderGate(report, gateConfig))}`);
    console.log(
      `\n${renderGateResult(gate, { otherFailures: reporter.otherFailures, runErrors: reporter.runErrors })}`,
    );
  }
  return code;
}

/**
 * The run's exit code: a usage error anywhere (a suite that failed to load, a bad case) is 3; the
 * gate's infrastructure verdict is 2; a failed threshold or a failed assertion is 1.
 */
export function exitCodeOf(
  gate: GateResult,
  reporter: Pick<MaestroReporter, "otherFailures" | "runErrors">,
): number {
  if (reporter.runErrors.length > 0 || gate.exitCode === EXIT.usage) return EXIT.usage;
  if (gate.exitCode === EXIT.infrastructure) return EXIT.infrastructure;
  if (gate.exitCode === EXIT.gateFailed || reporter.otherFailures.length > 0) return EXIT.gateFailed;
  return EXIT.ok;
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
