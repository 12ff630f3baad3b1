import { BUDGETS } from "../../domain/index.js";
import { harnessViteConfig } from "../../harness/define-maestro-config.js";
import { InvalidArgumentError, Option } from "../commander.js";
import { EXIT } from "../exit-codes.js";
import { loadVitestNode } from "../load-vitest-node.js";
import { parseNumber } from "../parse-options.js";
import type { RegisterCommand } from "../register-command.js";
import {
  describeError,
  keepServerStats,
  prepareRun,
  printNothingRan,
  printVerdict,
  type RunOptions,
  vitestOptionsFor,
} from "./run-setup.js";
import { runWatch } from "./run-watch.js";

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

async function run(suites: string[], options: RunOptions): Promise<number> {
  if (options.watch !== true) return runOnce(suites, options);
  for (const [key, flag, why] of WATCH_CONFLICTS) {
    if (options[key] === undefined || options[key] === false) continue;
    console.error(`maestro-eval run: --watch cannot be combined with ${flag}: ${why}`);
    return EXIT.usage;
  }
  return runWatch(suites, options);
}

/** `maestro-eval run`: one run, its reports, the gate's exit code. */
async function runOnce(suites: string[], options: RunOptions): Promise<number> {
  const setup = await prepareRun(options);
  if (typeof setup === "number") return setup;
  const { reporter } = setup;
  try {
    const { startVitest } = await loadVitestNode();
    const vitest = await startVitest(
      "test",
      suites,
      vitestOptionsFor(setup, options, [reporter, ...setup.history], false),
      { ...harnessViteConfig(), server: { watch: null } },
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
