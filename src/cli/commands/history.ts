import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { EvalReport } from "../../domain/eval-report.js";
import { computeTrends, summarizeForHistory, type TrendRow } from "../../domain/run-history.js";
import { isMaestroEvalError } from "../../errors/index.js";
import { appendHistory, HISTORY_FILE, readHistoryFile } from "../../reporter/history-file.js";
import { renderHistory } from "../../reporter/render-history.js";
import { InvalidArgumentError } from "../commander.js";
import { loadConfig, type MaestroEvalConfig } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { createGitStateReader, type GitStateReader, readGitState } from "../read-git-state.js";
import type { RegisterCommand } from "../register-command.js";

interface HistoryOptions {
  suite?: string;
  group?: string;
  last?: number;
  json?: boolean;
  file?: string;
  config?: string;
}

/** The history file of a project: `history.jsonl` in the config's reports directory (default `reports`). */
export function historyFileFor(cwd: string, config: MaestroEvalConfig): string {
  return resolve(cwd, config.reports?.dir ?? "reports", HISTORY_FILE);
}

function parseLast(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError(`--last must be a whole number >= 1, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** `maestro-eval history`: each requirement's trend over the last runs, from `reports/history.jsonl`. */
export const registerHistory: RegisterCommand = (program) => {
  program
    .command("history")
    .description(
      "Print each requirement's trend over the last runs (every run appends to reports/history.jsonl): a sparkline per " +
        "row, the last value and the commit where it changed most. Exit 3 on a bad option or an unknown suite or group.",
    )
    .option("--suite <name>", "only this suite")
    .option("--group <model/budget>", "only this model/budget")
    .option("--last <n>", "how many of the most recent runs (default 20)", parseLast)
    .option("--json", "print {file, total, runs, rows, unreadable} as JSON")
    .option("--file <path>", "the history file (default history.jsonl in the config's reports directory)")
    .option("--config <file>", "the config file (default maestro-eval.config.ts when present)")
    .action(async (options: HistoryOptions) => {
      process.exitCode = await history(options);
    });
};

async function history(options: HistoryOptions): Promise<number> {
  const cwd = process.cwd();
  const fail = (message: string): number => {
    console.error(`maestro-eval history: ${message}`);
    return EXIT.usage;
  };
  let file: string;
  try {
    file =
      options.file === undefined
        ? historyFileFor(cwd, (await loadConfig(cwd, options.config)).config)
        : resolve(cwd, options.file);
  } catch (error) {
    return fail(isMaestroEvalError(error) ? error.message : (error as Error).message);
  }
  const shown = relative(cwd, file) || file;
  if (options.file !== undefined && !existsSync(file)) return fail(`${shown} does not exist`);
  let parsed: ReturnType<typeof readHistoryFile>;
  try {
    parsed = readHistoryFile(file);
  } catch (error) {
    return fail(`cannot read ${shown}: ${(error as Error).message}`);
  }
  const suites = [...new Set(parsed.entries.map((entry) => entry.suite))];
  if (options.suite !== undefined && parsed.entries.length > 0 && !suites.includes(options.suite)) {
    return fail(
      `no suite "${options.suite}" in ${shown}; its suites are ${suites.map((name) => `"${name}"`).join(", ")}`,
    );
  }
  const groups = [
    ...new Set(
      parsed.entries
        .filter((entry) => options.suite === undefined || entry.suite === options.suite)
        .flatMap((entry) => entry.groups.map((group) => group.group)),
    ),
  ];
  if (options.group !== undefined && parsed.entries.length > 0 && !groups.includes(options.group)) {
    return fail(`no model/budget "${options.group}" in ${shown}; there are ${groups.join(", ")}`);
  }
  const result = computeTrends(parsed.entries, {
    suite: options.suite,
    group: options.group,
    last: options.last,
  });
  if (options.json === true) {
    console.log(JSON.stringify({ file: shown, ...result, unreadable: parsed.unreadable }, null, 2));
    return EXIT.ok;
  }
  const rendered = renderHistory(result, { file: shown, unreadable: parsed.unreadable });
  console.log(result.runs.length === 0 ? `${rendered}; every maestro-eval run appends to it` : rendered);
  return EXIT.ok;
}

/**
 * What report.html shows as each requirement's trend: the history's last runs and, as the last point, the
 * run that just finished (its lines are appended after the report is written). An unreadable history
 * gives no trend rather than no report.
 */
export function createTrendReader(
  cwd: string,
  config: MaestroEvalConfig,
  shard: string | undefined,
  git: GitStateReader = createGitStateReader(cwd),
): (report: EvalReport) => TrendRow[] {
  const file = historyFileFor(cwd, config);
  return (report) => {
    try {
      const current = summarizeForHistory(report, {
        run: "this run",
        at: report.run.finishedAt,
        source: "run",
        ...git.current(),
        shard: shard ?? null,
      });
      return computeTrends([...readHistoryFile(file).entries, ...current]).rows;
    } catch {
      return [];
    }
  };
}

/**
 * Records a merged report (`maestro-eval merge`) in the project's history as the whole run its shards
 * were: the trend reads whole runs and merges, never a shard alone.
 */
export async function appendMergeToHistory(
  cwd: string,
  merged: EvalReport,
  configFile: string | undefined,
): Promise<void> {
  const file = historyFileFor(cwd, (await loadConfig(cwd, configFile)).config);
  appendHistory(
    file,
    summarizeForHistory(merged, {
      run: `${merged.run.finishedAt}-merge-${randomUUID().slice(0, 8)}`,
      at: merged.run.finishedAt,
      source: "merge",
      ...readGitState(cwd),
      shard: null,
    }),
  );
}
