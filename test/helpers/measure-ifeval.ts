// Measures the verifiers against two labelled sets, through the public API exactly as a user calls it:
// IFEval's 834 GPT-4 cases with the official checker's verdicts (test/fixtures/ifeval), and the held-out
// paraphrase corpus (test/fixtures/verifier-paraphrases). Shared by `npm run bench:ifeval` and the floor
// tests, so both report the same figures.
//
// How a verdict is counted against a pass/fail label. `pass` and `fail` are claims. `unverifiable` and
// `error` claim nothing: they are not covered, and count as wrong for agreement. `partial` is a score
// short of a full claim (some checks failed, or a clause was left unchecked); it is counted as what was
// checked says, pass when every decided check scored 1 and fail otherwise, so that it agrees with the
// label when the checked part does, and it is reported as a separate count. Instruction-level and
// prompt-level accuracy count only `pass` as followed, as a gate would.
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Verdict,
  type VerifyRequirementOptions,
  type VerifyResult,
  verifyRequirement,
} from "../../src/verifiers/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The IFEval fixture: one case per line. */
export const IFEVAL_FILE = join(root, "test/fixtures/ifeval/gpt4-canonical.jsonl");
/** The held-out paraphrase corpus: one file per IFEval instruction family. */
export const PARAPHRASE_DIR = join(root, "test/fixtures/verifier-paraphrases");

/** The official checker's figures for GPT-4 on these responses (strict mode). */
export const OFFICIAL = {
  instructionLevel: { followed: 698, total: 834 },
  promptLevel: { followed: 417, total: 541 },
} as const;

/** One IFEval (prompt, instruction) pair with GPT-4's response and the official verdict. */
export interface IfevalCase {
  id: string;
  key: number;
  instruction_id: string;
  kwargs: Record<string, unknown>;
  requirement: string;
  prompt: string;
  text: string;
  truth: boolean;
}

/** What a verdict claims about a text: met, not met, or nothing. */
export type Claim = "pass" | "fail" | "none";

/** One labelled case scored by the verifiers. */
export interface ScoredCase {
  id: string;
  type: string;
  requirement: string;
  expected: "pass" | "fail";
  verdict: Verdict;
  claim: Claim;
  agrees: boolean;
  reason: string;
}

/** Agreement of one group of cases (an instruction type, a paraphrase family, or everything). */
export interface GroupFigures {
  type: string;
  n: number;
  agree: number;
  covered: number;
  partial: number;
  /** Share of `n` that agrees, unverifiable counted as wrong, in percent. */
  agreement: number;
}

/** The figures printed by `npm run bench:ifeval` for the IFEval cases. */
export interface IfevalMeasure {
  total: GroupFigures;
  /** Share of the covered cases that agrees, in percent. */
  verifiedAgreement: number;
  /** Share of cases whose verdict is `pass`, in percent (GPT-4's instruction-level accuracy as measured). */
  instructionLevel: number;
  /** Share of prompts whose instructions all have verdict `pass`, in percent. */
  promptLevel: number;
  prompts: number;
  perType: GroupFigures[];
  scored: ScoredCase[];
}

/** A labelled paraphrase: a requirement as a user would word it, a text, and the verdict it deserves. */
export interface ParaphraseCase {
  id: string;
  family: string;
  requirement: string;
  input?: string;
  text: string;
  expected: "pass" | "fail";
  why?: string;
  /** The batch its requirement was written in (`"batch"` in the file), when it says; earlier ones say none. */
  batch?: string;
}

/** The batch of the paraphrase cases written before batches were named. */
export const EARLIER_BATCH = "earlier rounds";

type VerifyWithInput = (
  text: string,
  description: string,
  options: VerifyRequirementOptions & { input?: string },
) => VerifyResult;

/**
 * `verifyRequirement` with the request passed as `input`, the way a user gives it the request a text
 * answers. Before the `input` option existed the extra key was ignored, so this works either way.
 */
const verifyWithInput = verifyRequirement as VerifyWithInput;

/** Reads the IFEval fixture; throws naming the file and line of a malformed case. */
export function readIfevalCases(file: string = IFEVAL_FILE): IfevalCase[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const cases: IfevalCase[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new SyntaxError(`readIfevalCases: ${where} is not valid JSON`, { cause: error });
    }
    const entry = value as Partial<IfevalCase>;
    for (const field of ["id", "instruction_id", "requirement", "prompt", "text"] as const) {
      if (typeof entry[field] !== "string") {
        throw new TypeError(`readIfevalCases: ${where}: ${field} must be a string`);
      }
    }
    if (typeof entry.key !== "number") throw new TypeError(`readIfevalCases: ${where}: key must be a number`);
    if (typeof entry.truth !== "boolean") {
      throw new TypeError(`readIfevalCases: ${where}: truth must be a boolean`);
    }
    cases.push(entry as IfevalCase);
  });
  return cases;
}

/** What `result` claims: its pass or fail, or for a partial, what its decided checks say. */
export function readClaim(result: VerifyResult): Claim {
  if (result.verdict === "pass") return "pass";
  if (result.verdict === "fail") return "fail";
  if (result.verdict !== "partial") return "none";
  const decided = result.checks.filter((check) => check.score !== null);
  if (decided.length === 0) return result.score === null ? "none" : result.score >= 1 ? "pass" : "fail";
  return decided.every((check) => (check.score ?? 0) >= 1) ? "pass" : "fail";
}

function scoreOne(
  id: string,
  type: string,
  requirement: string,
  text: string,
  input: string | undefined,
  expected: "pass" | "fail",
): ScoredCase {
  let verdict: Verdict;
  let claim: Claim;
  let reason: string;
  try {
    const result = verifyWithInput(text, requirement, input === undefined ? {} : { input });
    verdict = result.verdict;
    claim = readClaim(result);
    reason = result.reason;
  } catch (error) {
    // The verifiers promise not to throw for any text; a throw is a bug, recorded as an error verdict.
    verdict = "error";
    claim = "none";
    reason = `verifyRequirement threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  return { id, type, requirement, expected, verdict, claim, agrees: claim === expected, reason };
}

/** Agreement figures of a group of scored cases. */
export function summarizeGroup(type: string, scored: readonly ScoredCase[]): GroupFigures {
  const agree = scored.filter((entry) => entry.agrees).length;
  return {
    type,
    n: scored.length,
    agree,
    covered: scored.filter((entry) => entry.claim !== "none").length,
    partial: scored.filter((entry) => entry.verdict === "partial").length,
    agreement: scored.length === 0 ? 0 : (agree / scored.length) * 100,
  };
}

function groupBy(scored: readonly ScoredCase[]): GroupFigures[] {
  const groups = new Map<string, ScoredCase[]>();
  for (const entry of scored) {
    const group = groups.get(entry.type) ?? [];
    group.push(entry);
    groups.set(entry.type, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, group]) => summarizeGroup(type, group));
}

/** Scores every IFEval case through `verifyRequirement(text, requirement, { input: prompt })`. */
export function measureIfeval(cases: readonly IfevalCase[] = readIfevalCases()): IfevalMeasure {
  const scored = cases.map((entry) =>
    scoreOne(
      entry.id,
      entry.instruction_id,
      entry.requirement,
      entry.text,
      entry.prompt,
      entry.truth ? "pass" : "fail",
    ),
  );
  const total = summarizeGroup("all", scored);
  const prompts = new Map<number, boolean>();
  cases.forEach((entry, index) => {
    prompts.set(entry.key, (prompts.get(entry.key) ?? true) && scored[index]!.verdict === "pass");
  });
  const followedPrompts = [...prompts.values()].filter(Boolean).length;
  return {
    total,
    verifiedAgreement: total.covered === 0 ? 0 : (total.agree / total.covered) * 100,
    instructionLevel: (scored.filter((entry) => entry.verdict === "pass").length / scored.length) * 100,
    promptLevel: (followedPrompts / prompts.size) * 100,
    prompts: prompts.size,
    perType: groupBy(scored),
    scored,
  };
}

/** Reads every paraphrase file; throws naming the file and entry of a malformed one. */
export function readParaphraseCases(dir: string = PARAPHRASE_DIR): ParaphraseCase[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort();
  const cases: ParaphraseCase[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const data = JSON.parse(readFileSync(file, "utf8")) as {
      family?: unknown;
      requirements?: unknown;
    };
    if (typeof data.family !== "string")
      throw new TypeError(`readParaphraseCases: ${file}: family must be a string`);
    if (!Array.isArray(data.requirements)) {
      throw new TypeError(`readParaphraseCases: ${file}: requirements must be an array`);
    }
    const stem = basename(name, ".json");
    data.requirements.forEach((entry: Record<string, unknown>, index: number) => {
      const where = `${file}: requirements[${index}]`;
      if (typeof entry.requirement !== "string") {
        throw new TypeError(`readParaphraseCases: ${where}.requirement must be a string`);
      }
      if (entry.input !== undefined && typeof entry.input !== "string") {
        throw new TypeError(`readParaphraseCases: ${where}.input must be a string when given`);
      }
      if (entry.batch !== undefined && typeof entry.batch !== "string") {
        throw new TypeError(`readParaphraseCases: ${where}.batch must be a string when given`);
      }
      if (!Array.isArray(entry.texts) || entry.texts.length < 2) {
        throw new TypeError(`readParaphraseCases: ${where}.texts must hold at least 2 labelled texts`);
      }
      entry.texts.forEach((labelled: Record<string, unknown>, textIndex: number) => {
        if (typeof labelled.text !== "string") {
          throw new TypeError(`readParaphraseCases: ${where}.texts[${textIndex}].text must be a string`);
        }
        if (labelled.expected !== "pass" && labelled.expected !== "fail") {
          throw new TypeError(
            `readParaphraseCases: ${where}.texts[${textIndex}].expected must be "pass" or "fail"`,
          );
        }
        cases.push({
          id: `${stem}#${index + 1}.${textIndex + 1}`,
          family: data.family as string,
          requirement: entry.requirement as string,
          ...(entry.input === undefined ? {} : { input: entry.input as string }),
          text: labelled.text,
          expected: labelled.expected,
          ...(typeof labelled.why === "string" ? { why: labelled.why } : {}),
          ...(entry.batch === undefined ? {} : { batch: entry.batch as string }),
        });
      });
    });
  }
  return cases;
}

/** Scores every paraphrase case; the groups are IFEval's instruction families. */
export function measureParaphrases(cases: readonly ParaphraseCase[] = readParaphraseCases()): {
  total: GroupFigures;
  perFamily: GroupFigures[];
  /** By the batch the cases were written in: a batch written blind measures generality. */
  perBatch: GroupFigures[];
  scored: ScoredCase[];
} {
  const scored = cases.map((entry) =>
    scoreOne(entry.id, entry.family, entry.requirement, entry.text, entry.input, entry.expected),
  );
  const batchOf = (index: number) => cases[index]!.batch ?? EARLIER_BATCH;
  const batches = [...new Set(cases.map((_, index) => batchOf(index)))].sort();
  const perBatch = batches.map((batch) =>
    summarizeGroup(
      batch,
      scored.filter((_, index) => batchOf(index) === batch),
    ),
  );
  return { total: summarizeGroup("all", scored), perFamily: groupBy(scored), perBatch, scored };
}

/** Percent with one decimal, for tables. */
export function formatPercent(value: number): string {
  return `${value.toFixed(1)}%`;
}

/** A per-type table in markdown: type, n, agree, covered, partial, agreement. */
export function renderGroupTable(groups: readonly GroupFigures[], total?: GroupFigures): string {
  const rows = [...groups, ...(total ? [total] : [])].map(
    (group) =>
      `| ${group.type} | ${group.n} | ${group.agree} | ${group.covered} | ${group.partial} | ${formatPercent(group.agreement)} |`,
  );
  return [
    "| type | n | agree | covered | partial | agreement |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}

/** One line per disagreement: id, type, label, verdict (and what a partial was counted as), reason. */
export function renderDisagreements(scored: readonly ScoredCase[]): string {
  return scored
    .filter((entry) => !entry.agrees)
    .map((entry) => {
      const verdict = entry.verdict === "partial" ? `partial (counted ${entry.claim})` : entry.verdict;
      return `${entry.id}\t${entry.type}\ttruth=${entry.expected}\tverdict=${verdict}\t${entry.reason}\n\trequirement: ${entry.requirement}`;
    })
    .join("\n");
}
