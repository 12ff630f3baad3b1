import { readFile } from "node:fs/promises";
import {
  detectRequestKind,
  type RequestKind,
  validateChatRequest,
  validateRunRequest,
} from "../../constraints/index.js";
import { type CreateRunRequest, plural } from "../../domain/index.js";
import { type ConstraintIssue, formatIssueLocation } from "../../errors/index.js";
import { Option } from "../commander.js";
import { EXIT } from "../exit-codes.js";
import type { RegisterCommand } from "../register-command.js";
import { lintRequestIssues } from "./lint.js";

interface ValidateCommandOptions {
  kind?: RequestKind;
  json?: boolean;
  strict?: boolean;
}

const KIND_NAMES: Record<RequestKind, string> = { run: "Maestro run request", chat: "chat request" };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Renders issues as aligned columns: severity, location, type, message. */
export function renderIssueTable(issues: readonly ConstraintIssue[]): string {
  const rows = [
    ["severity", "location", "type", "message"],
    ...issues.map((issue) => [issue.severity, formatIssueLocation(issue.loc), issue.type, issue.msg]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map(
      (row) =>
        `  ${row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join("  ")}`,
    )
    .join("\n");
}

/**
 * `maestro-eval validate [--kind run|chat] [--json] [--strict] <file.json | ->`: checks a request body
 * against the spec's rules without sending it; exit 3 on an error-level issue (any issue with
 * `--strict`) or an unreadable file, 0 otherwise.
 */
export const registerValidate: RegisterCommand = (program) => {
  program
    .command("validate")
    .description(
      "Check a Maestro run or chat request body (a JSON file, or - for stdin) against the spec's rules " +
        "without sending it. Prints every issue; exit 3 when there is an error (or any issue with --strict).",
    )
    .argument("<file>", "the request body as JSON, or - to read stdin")
    .addOption(
      new Option("--kind <kind>", "which API the body is for (detected from the body when omitted)").choices([
        "run",
        "chat",
      ]),
    )
    .option("--json", "print {file, kind, valid, errors, warnings, issues} as JSON")
    .option("--strict", "count warnings as errors")
    .action(async (file: string, options: ValidateCommandOptions) => {
      const shown = file === "-" ? "stdin" : file;
      const fail = (message: string): void => {
        console.error(`maestro-eval validate: ${message}`);
        process.exitCode = EXIT.usage;
      };
      let text: string;
      try {
        text = file === "-" ? await readStdin() : await readFile(file, "utf8");
      } catch (error) {
        fail(`cannot read ${shown}: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        fail(`${shown} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const kind = options.kind ?? detectRequestKind(body);
      if (kind === undefined) {
        fail(`cannot tell whether ${shown} is a run or a chat request; pass --kind run or --kind chat`);
        return;
      }
      const issues = kind === "run" ? validateRunRequest(body) : validateChatRequest(body);
      // A body the spec accepts has its requirements linted too: conflicts, unverifiable, duplicates.
      if (kind === "run" && !issues.some((issue) => issue.severity === "error"))
        issues.push(...lintRequestIssues(body as CreateRunRequest));
      const errors = issues.filter((issue) => issue.severity === "error").length;
      const warnings = issues.length - errors;
      const valid = options.strict ? issues.length === 0 : errors === 0;
      if (options.json) {
        console.log(JSON.stringify({ file: shown, kind, valid, errors, warnings, issues }, null, 2));
      } else if (issues.length === 0) {
        console.log(`${shown}: valid ${KIND_NAMES[kind]}, no issues`);
      } else {
        const verdict = valid ? "valid" : "invalid";
        console.log(
          `${shown}: ${verdict} ${KIND_NAMES[kind]}, ${plural(errors, "error")}, ${plural(warnings, "warning")}` +
            `${options.strict && errors === 0 ? " (--strict counts warnings as errors)" : ""}`,
        );
        console.log(renderIssueTable(issues));
      }
      process.exitCode = valid ? EXIT.ok : EXIT.usage;
    });
};
