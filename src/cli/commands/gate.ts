import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { evaluateGate, mergeEvalReports, parseGateConfig } from "../../domain/index.js";
import {
  compareOutputs,
  REPORT_FILES,
  renderBaselineComparisons,
  renderComparisonTable,
  renderGateResult,
  renderHtmlReportChunks,
  renderJunitChunks,
  renderMarkdownSummary,
  renderOutputDiffs,
  renderRecommendation,
  renderReportJsonChunks,
  writeFileAtomic,
} from "../../reporter/index.js";
import { loadConfig } from "../config.js";
import { EXIT } from "../exit-codes.js";
import type { RegisterCommand } from "../program.js";
import { readBaseline, readReport } from "./read-report.js";

const DEFAULT_REPORT = join("reports", REPORT_FILES.json);
const DEFAULT_BASELINE = join("reports", "baseline.json");

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
    .argument("[report]", "the report", DEFAULT_REPORT)
    .option(
      "--baseline <file>",
      "compare with this blessed report (default: the config's baseline, else reports/baseline.json when present)",
    )
    .option("--config <file>", "the config file (default maestro-eval.config.ts when present)")
    .option("--json", "print the gate result as JSON")
    .action((reportPath: string, options: { baseline?: string; config?: string; json?: boolean }) =>
      guarded("gate", async () => {
        const cwd = process.cwd();
        const { config, path } = await loadConfig(cwd, options.config);
        const gateConfig = parseGateConfig(config.gate ?? {}, path ?? "the default config");
        const report = readReport(resolve(cwd, reportPath));
        const baselinePath = options.baseline ?? config.baseline ?? DEFAULT_BASELINE;
        const baseline = readBaseline(resolve(cwd, baselinePath), options.baseline !== undefined);
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
    .argument("[report]", "the report to bless", DEFAULT_REPORT)
    .option("--to <file>", "where the baseline goes", DEFAULT_BASELINE)
    .action((reportPath: string, options: { to: string }) =>
      guarded("bless", () => {
        const cwd = process.cwd();
        const source = resolve(cwd, reportPath);
        const report = readReport(source);
        const target = resolve(cwd, options.to);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(source, target);
        console.log(
          `Blessed ${reportPath} as the baseline: ${options.to} (${report.cells.length} cells). Commit it.`,
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
    .action((paths: string[], options: { out: string }) =>
      guarded("merge", () => {
        const cwd = process.cwd();
        const merged = mergeEvalReports(
          paths.map((path) => readReport(resolve(cwd, path))),
          { compareOutputs },
        );
        const dir = resolve(cwd, options.out);
        writeFileAtomic(join(dir, REPORT_FILES.json), renderReportJsonChunks(merged));
        writeFileAtomic(join(dir, REPORT_FILES.html), renderHtmlReportChunks(merged));
        writeFileAtomic(join(dir, REPORT_FILES.junit), renderJunitChunks(merged));
        writeFileAtomic(join(dir, REPORT_FILES.markdown), renderMarkdownSummary(merged));
        const width = Math.max(60, Math.min(process.stdout.columns ?? 120, 200));
        console.log(renderComparisonTable(merged, { width, color: false }));
        console.log(renderOutputDiffs(merged, { width, maxLines: 12 }));
        console.log(renderRecommendation(merged));
        console.log(`Merged ${paths.length} reports (${merged.cells.length} cells) into ${options.out}/`);
        return EXIT.ok;
      }),
    );
};
