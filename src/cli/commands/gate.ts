import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  applyGateRecommendations,
  evaluateGate,
  mergeEvalReports,
  parseGateConfig,
} from "../../domain/index.js";
import {
  compareOutputs,
  REPORT_FILES,
  renderBaselineComparisons,
  renderComparisonTable,
  renderGateResult,
  renderOutputDiffs,
  renderRecommendation,
  writeReportFiles,
} from "../../reporter/index.js";
import { type LoadedConfig, loadConfig } from "../config.js";
import { EXIT } from "../exit-codes.js";
import type { RegisterCommand } from "../register-command.js";
import { appendMergeToHistory } from "./history.js";
import { readBaseline, readReport } from "./read-report.js";

/**
 * The reports directory: `--reports`, else the directory of the report named on the command line, else
 * the config's `reports.dir`, else `reports`. The baseline is `baseline.json` in it unless the config
 * names one: the same file `run --reports <dir>` reads.
 */
function reportsDir(
  cwd: string,
  loaded: LoadedConfig,
  flag: string | undefined,
  report: string | undefined,
): string {
  if (flag !== undefined) return resolve(cwd, flag);
  if (report !== undefined) return dirname(resolve(cwd, report));
  return resolve(cwd, loaded.config.reports?.dir ?? "reports");
}

/** Runs a command body and turns a thrown error into a clear line and exit code 3. */
async function guarded(name: string, body: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    console.error(`maestro-eval ${name}: ${(error as Error).message}`);
    process.exitCode = EXIT.usage;
  }
}

/** `maestro-eval gate [report]`: applies the config's thresholds (and a baseline) to a report. */
export const registerGate: RegisterCommand = (program) => {
  program
    .command("gate")
    .description(
      "Apply the gate's thresholds (and a baseline) to a report: exit 0 passed, 1 quality failed, 2 infrastructure, 3 usage.",
    )
    .argument("[report]", "the report (default report.json in the reports directory)")
    .option(
      "--baseline <file>",
      "compare with this blessed report (default: the config's baseline, else baseline.json in the reports directory when present)",
    )
    .option("--config <file>", "the config file (default maestro-eval.config.ts when present)")
    .option("--reports <dir>", "the reports directory (default: the config's reports.dir, else reports)")
    .option("--json", "print the gate result as JSON")
    .action(
      (
        reportArgument: string | undefined,
        options: { baseline?: string; config?: string; reports?: string; json?: boolean },
      ) =>
        guarded("gate", async () => {
          const cwd = process.cwd();
          const loaded = await loadConfig(cwd, options.config);
          const { config, path } = loaded;
          const gateConfig = parseGateConfig(config.gate ?? {}, path ?? "the default config");
          const dir = reportsDir(cwd, loaded, options.reports, reportArgument);
          const report = readReport(resolve(cwd, reportArgument ?? join(dir, REPORT_FILES.json)));
          const baselinePath = options.baseline ?? config.baseline ?? join(dir, "baseline.json");
          const baseline = readBaseline(
            resolve(cwd, baselinePath),
            options.baseline !== undefined || config.baseline !== undefined,
          );
          const gate = evaluateGate(report, gateConfig, baseline);
          console.log(options.json ? JSON.stringify(gate, null, 2) : renderGateResult(gate));
          return gate.exitCode;
        }),
    );
};

/** `maestro-eval bless [report]`: stores a report as the baseline later runs are compared with. */
export const registerBless: RegisterCommand = (program) => {
  program
    .command("bless")
    .description("Store a report as the baseline (commit it): later `run` and `gate` compare against it.")
    .argument("[report]", "the report to bless (default report.json in the reports directory)")
    .option(
      "--to <file>",
      "where the baseline goes (default: the config's baseline, else baseline.json in the reports directory)",
    )
    .option("--config <file>", "the config file (default maestro-eval.config.ts when present)")
    .option("--reports <dir>", "the reports directory (default: the config's reports.dir, else reports)")
    .action(
      (reportArgument: string | undefined, options: { to?: string; config?: string; reports?: string }) =>
        guarded("bless", async () => {
          const cwd = process.cwd();
          const loaded = await loadConfig(cwd, options.config);
          const dir = reportsDir(cwd, loaded, options.reports, reportArgument);
          const source = resolve(cwd, reportArgument ?? join(dir, REPORT_FILES.json));
          const report = readReport(source);
          const target = resolve(cwd, options.to ?? loaded.config.baseline ?? join(dir, "baseline.json"));
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(source, target);
          console.log(
            `Blessed ${source} as the baseline: ${target} (${report.cells.length} cells). Commit it; run and gate compare against it.`,
          );
          return EXIT.ok;
        }),
    );
};

/** `maestro-eval compare <a> <b>`: tables of both reports and the paired differences of b against a. */
export const registerCompare: RegisterCommand = (program) => {
  program
    .command("compare")
    .description(
      "Compare two reports: each report's tables, then every requirement of b against a (paired over cases and repeats).",
    )
    .argument("<a>", "the earlier report (the baseline)")
    .argument("<b>", "the later report")
    .option("--json", "print the comparisons as JSON")
    .action((aPath: string, bPath: string, options: { json?: boolean }) =>
      guarded("compare", () => {
        const cwd = process.cwd();
        const a = readReport(resolve(cwd, aPath));
        const b = readReport(resolve(cwd, bPath));
        const gate = evaluateGate(b, { regression: { maxDrop: 0 } }, a);
        if (options.json) {
          console.log(JSON.stringify(gate.comparisons, null, 2));
          return EXIT.ok;
        }
        const width = Math.max(60, Math.min(process.stdout.columns ?? 120, 200));
        console.log(`# ${aPath}\n${renderComparisonTable(a, { width, color: false })}\n`);
        console.log(`# ${bPath}\n${renderComparisonTable(b, { width, color: false })}\n`);
        console.log(renderBaselineComparisons(gate.comparisons));
        for (const note of gate.notes) console.log(`  note: ${note}`);
        return EXIT.ok;
      }),
    );
};

/** `maestro-eval merge <reports...>`: combines shards into the report one unsharded run would have written. */
export const registerMerge: RegisterCommand = (program) => {
  program
    .command("merge")
    .description(
      "Combine the reports of shards (run --shard i/n) into one report, with its HTML, JUnit and markdown.",
    )
    .argument("<reports...>", "the shards' report.json files")
    .option("--out <dir>", "where the merged reports go", "reports")
    .option(
      "--config <file>",
      "the config whose gate the merged reports show (default maestro-eval.config.ts when present)",
    )
    .option("--baseline <file>", "compare with this blessed report in the merged reports' verdict")
    .action((paths: string[], options: { out: string; config?: string; baseline?: string }) =>
      guarded("merge", async () => {
        const cwd = process.cwd();
        const loaded = await loadConfig(cwd, options.config);
        const gateConfig = parseGateConfig(loaded.config.gate ?? {}, loaded.path ?? "the default config");
        const baselinePath = options.baseline ?? loaded.config.baseline;
        const baseline =
          baselinePath === undefined ? undefined : readBaseline(resolve(cwd, baselinePath), true);
        const shards = paths.map((path) => readReport(resolve(cwd, path)));
        const merged = applyGateRecommendations(
          mergeEvalReports(shards, { compareOutputs, names: paths }),
          gateConfig,
        );
        const gate = evaluateGate(merged, gateConfig, baseline);
        const dir = resolve(cwd, options.out);
        writeReportFiles(dir, merged, gate);
        const width = Math.max(60, Math.min(process.stdout.columns ?? 120, 200));
        console.log(renderComparisonTable(merged, { width, color: false }));
        console.log(renderOutputDiffs(merged, { width, maxLines: 12 }));
        console.log(renderRecommendation(merged));
        const split = shards[0]?.run.shard?.split("/")[1];
        const missing =
          split === undefined
            ? []
            : Array.from({ length: Number(split) }, (_, index) => `${index + 1}/${split}`).filter(
                (shard) => !shards.some((report) => report.run.shard === shard),
              );
        if (missing.length > 0)
          console.log(`note: shard${missing.length === 1 ? "" : "s"} ${missing.join(", ")} not merged`);
        await appendMergeToHistory(cwd, merged, options.config);
        console.log(`Merged ${paths.length} reports (${merged.cells.length} cells) into ${options.out}/`);
        console.log(renderGateResult(gate));
        return EXIT.ok;
      }),
    );
};
