import { resolve } from "node:path";
import type { CreateRunRequest } from "../../domain/index.js";
import {
  LINT_META_KEY,
  type LintFinding,
  readLintFindings,
  sortLintFindings,
} from "../../domain/lint-finding.js";
import { type ConstraintIssue, isMaestroEvalError } from "../../errors/index.js";
import {
  PACKAGE_DEPS_CONFIG,
  SOURCE_RESOLVE_CONFIG,
  SUITE_NODE_FLAGS,
} from "../../harness/define-maestro-config.js";
import { countLintFindings, renderLintFindings } from "../../reporter/render-lint-findings.js";
import { lintRequirements } from "../../verifiers/lint-requirements.js";
import { loadConfig } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { loadVitestNode } from "../load-vitest-node.js";
import type { RegisterCommand } from "../register-command.js";

interface LintOptions {
  config?: string;
  json?: boolean;
  strict?: boolean;
}

/** What linting the suites found: the findings, how many suites and cases were read, and files that failed to load. */
export interface SuiteLintResult {
  suites: number;
  cases: number;
  findings: LintFinding[];
  /** `file: message` for every suite file that failed to load (a request error is one). */
  loadErrors: string[];
}

/**
 * Collects the suites with vitest, as `run` does but without running a cell, and reads the findings the
 * harness recorded for each suite at collection.
 */
export async function lintSuites(
  cwd: string,
  filters: readonly string[],
  include: readonly string[],
): Promise<SuiteLintResult> {
  const { createVitest } = await loadVitestNode();
  const vitest = await createVitest(
    "test",
    {
      config: false,
      root: cwd,
      watch: false,
      reporters: [],
      include: [...include],
      passWithNoTests: true,
      // As a run's workers: the package's modules loaded by Node, the suites' Node flags.
      ...PACKAGE_DEPS_CONFIG,
      execArgv: [...SUITE_NODE_FLAGS],
      // Collecting runs no cell: one worker collects every suite, loading the package and compiling the
      // verifiers' patterns once instead of once per suite file.
      isolate: false,
    },
    { ...SOURCE_RESOLVE_CONFIG, server: { watch: null } },
  );
  try {
    const result = await vitest.collect([...filters]);
    const findings: LintFinding[] = [];
    const loadErrors: string[] = [];
    let suites = 0;
    let cases = 0;
    for (const module of result.testModules) {
      for (const error of module.errors()) loadErrors.push(`${module.moduleId}: ${error.message}`);
      for (const suite of module.children.allSuites()) {
        const meta = suite.meta();
        if (meta[LINT_META_KEY] === undefined) continue;
        suites += 1;
        cases += [...suite.children.suites()].length;
        findings.push(...readLintFindings(meta));
      }
    }
    for (const error of result.unhandledErrors)
      loadErrors.push((error as { message?: string }).message ?? String(error));
    return { suites, cases, findings: sortLintFindings(findings), loadErrors };
  } finally {
    await vitest.close();
  }
}

/** `maestro-eval lint [suites...]`: lints every case's requirements without sending anything; exit 3 on an error. */
export const registerLint: RegisterCommand = (program) => {
  program
    .command("lint")
    .description(
      "Check every suite's requirements before anything is sent: conflicts no output can meet, a language " +
        "against response_language, requirements no verifier understands and no judge scores, near-duplicates, " +
        "requirements with tools. Exit 3 on an error (any finding with --strict) or a suite that fails to load.",
    )
    .argument("[suites...]", "suite files or filters (vitest's file filters)")
    .option("--config <file>", "the config file (default maestro-eval.config.ts when present)")
    .option("--json", "print {suites, cases, errors, warnings, findings, loadErrors} as JSON")
    .option("--strict", "count warnings as errors")
    .action(async (filters: string[], options: LintOptions) => {
      process.exitCode = await lint(filters, options);
    });
};

async function lint(filters: string[], options: LintOptions): Promise<number> {
  const cwd = process.cwd();
  let result: SuiteLintResult;
  try {
    const { config } = await loadConfig(cwd, options.config);
    result = await lintSuites(resolve(cwd), filters, config.suites ?? ["suites/**/*.eval.ts"]);
  } catch (error) {
    console.error(
      `maestro-eval lint: ${isMaestroEvalError(error) ? error.message : (error as Error).message}`,
    );
    return EXIT.usage;
  }
  const errors = result.findings.filter((finding) => finding.severity === "error").length;
  const warnings = result.findings.length - errors;
  const failed = result.loadErrors.length > 0 || errors > 0 || (options.strict === true && warnings > 0);
  if (options.json === true) {
    console.log(
      JSON.stringify(
        {
          suites: result.suites,
          cases: result.cases,
          errors,
          warnings,
          findings: result.findings,
          loadErrors: result.loadErrors,
        },
        null,
        2,
      ),
    );
    return failed ? EXIT.usage : EXIT.ok;
  }
  if (result.suites === 0 && result.loadErrors.length === 0) {
    console.error("maestro-eval lint: no suite found (the config's suites, else suites/**/*.eval.ts)");
    return EXIT.usage;
  }
  const sections = [renderLintFindings(result.findings)];
  for (const error of result.loadErrors) sections.push(`ERROR ${error}`);
  sections.push(
    `Lint: ${result.suites} suite${result.suites === 1 ? "" : "s"}, ${result.cases} case${result.cases === 1 ? "" : "s"}, ${countLintFindings(result.findings)}` +
      (result.loadErrors.length > 0
        ? `, ${result.loadErrors.length} suite file${result.loadErrors.length === 1 ? "" : "s"} failed to load`
        : "") +
      (options.strict === true && errors === 0 && warnings > 0
        ? " (--strict counts warnings as errors)"
        : ""),
  );
  console.log(sections.filter((section) => section !== "").join("\n\n"));
  return failed ? EXIT.usage : EXIT.ok;
}

/**
 * The requirement lint of one run request body, as validator issues (`lint.<rule>`, located at the first
 * requirement involved), for `maestro-eval validate`: a body that passes the spec's rules is linted too.
 */
export function lintRequestIssues(request: CreateRunRequest): ConstraintIssue[] {
  const requirements = request.requirements ?? [];
  // The validator's own issues are already the caller's: only the verifier-based findings are added.
  return lintRequirements(requirements, { responseLanguage: request.response_language }).map((finding) => {
    const index = requirements.findIndex((requirement) => finding.requirements.includes(requirement.name));
    return {
      loc:
        index >= 0
          ? ["body", "requirements", index]
          : finding.requirements.includes("response_language")
            ? ["body", "response_language"]
            : ["body"],
      msg: finding.message,
      type: `lint.${finding.rule}`,
      severity: finding.severity,
    };
  });
}
