// Audits Maestro's self-reported requirement scores with the deterministic verifiers. Maestro grades its
// own output; where a requirement can be checked exactly, a disagreement beyond the tolerance is worth a
// look: either Maestro missed a failure, or it penalised an output that meets the rule.
import type { ResponseLanguage } from "../domain/index.js";
import type { CheckResult, Verdict } from "./check.js";
import { describeValue } from "./describe-value.js";
import { createLanguageCheck } from "./families/language.js";
import { parseRequirement, readResponseLanguage } from "./parse-requirement.js";
import { readInput, readVerdict, type VerifyInput, verify } from "./verify.js";

/** A reported requirement as it appears in `run.requirements_result.requirements[]`. */
export interface AuditableRequirement {
  name: string;
  description: string;
  is_mandatory?: boolean | undefined;
  score: number;
  reason?: string | null | undefined;
}

/** The parts of a Maestro run the audit reads; the generated `MaestroRun` type fits it. */
export interface AuditableRun {
  id?: string | undefined;
  /** The run's input, when the run carries it; {@link AuditRunOptions.input} wins over it. */
  input?: unknown;
  result?: unknown;
  requirements_result?: { requirements: readonly AuditableRequirement[] } | null | undefined;
}

/** Options of {@link auditRun}. */
export interface AuditRunOptions {
  /** The largest score difference that still counts as agreement; 0.2 by default. */
  tolerance?: number;
  /** The request's `response_language`: resolves "in the requested language" and adds a language check. */
  responseLanguage?: ResponseLanguage;
  /**
   * The request the run answered (its `input`: a string or messages), for requirements that refer to it;
   * the run's own `input` is used when this is absent.
   */
  input?: VerifyInput;
}

/**
 * How a requirement's two scores compare: `agree` within tolerance; `disagree` beyond it; `unverifiable`
 * when the verifiers could not score it; `inconclusive` when only part of it was checkable and Maestro's
 * lower score may be explained by the unchecked part.
 */
export type AuditStatus = "agree" | "disagree" | "unverifiable" | "inconclusive";

/** One requirement with Maestro's score and reason beside the verifier's. */
export interface AuditedRequirement {
  name: string;
  description: string;
  isMandatory: boolean;
  status: AuditStatus;
  reportedScore: number;
  reportedReason: string | null;
  verifiedScore: number | null;
  verifiedReason: string;
  verifiedVerdict: Verdict;
  /** `reportedScore - verifiedScore`, or null when the verifier has no score. */
  difference: number | null;
  checks: CheckResult[];
  unchecked: string[];
}

/** The audit of one run. */
export interface AuditRunResult {
  runId: string | null;
  tolerance: number;
  requirements: AuditedRequirement[];
  /** The requirements whose scores differ by more than the tolerance. */
  disagreements: AuditedRequirement[];
  /** The requirements no verifier could score; they are not disagreements. */
  unverifiable: AuditedRequirement[];
  /** The result's language against the request's `response_language`, when one was given. */
  responseLanguage: CheckResult | null;
  /** One line: "1 of 3 requirements disagree beyond 0.2; 1 unverifiable". */
  reason: string;
}

const DEFAULT_TOLERANCE = 0.2;

/**
 * Compares each requirement's reported score in a Maestro run with the verifiers' score, and returns the
 * disagreements with both scores and both reasons.
 *
 * @example
 * const audit = auditRun(run, { tolerance: 0.2 });
 * for (const item of audit.disagreements) console.log(item.name, item.reportedScore, item.verifiedScore);
 */
export function auditRun(run: AuditableRun, options: AuditRunOptions = {}): AuditRunResult {
  if (typeof run !== "object" || run === null || Array.isArray(run)) {
    throw new TypeError(`auditRun: run must be an object, got ${describeValue(run)}`);
  }
  const responseLanguage = readResponseLanguage("auditRun", options);
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (typeof tolerance !== "number" || Number.isNaN(tolerance)) {
    throw new TypeError(`auditRun: options.tolerance must be a number, got ${describeValue(tolerance)}`);
  }
  if (tolerance < 0 || tolerance > 1) {
    throw new RangeError(`auditRun: options.tolerance must be within [0, 1], got ${tolerance}`);
  }
  const reported = run.requirements_result;
  if (reported === undefined || reported === null) {
    throw new TypeError(
      'auditRun: run.requirements_result is missing; create the run with include: ["requirements_result"]',
    );
  }
  if (!Array.isArray(reported.requirements)) {
    throw new TypeError(
      `auditRun: run.requirements_result.requirements must be an array, got ${describeValue(reported.requirements)}`,
    );
  }
  const text = readResultText(run.result);
  const parseOptions = responseLanguage === undefined ? {} : { responseLanguage };
  readInput("auditRun", options);
  const given = options.input ?? (run.input === undefined ? undefined : (run.input as VerifyInput));
  if (options.input === undefined && given !== undefined)
    readInput("auditRun", { input: given }, "run.input");
  const verifyOptions = given === undefined ? {} : { input: given };
  const requirements = reported.requirements.map((item, index) => {
    assertRequirement(item, index);
    const verified = verify(text, parseRequirement(item.description, parseOptions), verifyOptions);
    const difference = verified.score === null ? null : round(item.score - verified.score);
    return {
      name: item.name,
      description: item.description,
      isMandatory: item.is_mandatory === true,
      status: readStatus(difference, verified.unchecked.length > 0, tolerance),
      reportedScore: item.score,
      reportedReason: item.reason ?? null,
      verifiedScore: verified.score,
      verifiedReason: verified.reason,
      verifiedVerdict: verified.verdict,
      difference,
      checks: verified.checks,
      unchecked: verified.unchecked,
    } satisfies AuditedRequirement;
  });
  const languageCheck = responseLanguage === undefined ? undefined : createLanguageCheck(responseLanguage);
  const languageResult = languageCheck === undefined ? null : verify(text, [languageCheck]).checks[0]!;
  const disagreements = requirements.filter((item) => item.status === "disagree");
  const unverifiable = requirements.filter((item) => item.status === "unverifiable");
  return {
    runId: typeof run.id === "string" ? run.id : null,
    tolerance,
    requirements,
    disagreements,
    unverifiable,
    responseLanguage: languageResult,
    reason: describeAudit(
      requirements.length,
      disagreements.length,
      unverifiable.length,
      tolerance,
      languageResult,
    ),
  };
}

/** The text a run produced: its `result` string, or the JSON of a structured result, or "" when absent. */
function readResultText(result: unknown): string {
  if (typeof result === "string") return result;
  if (result === undefined || result === null) return "";
  return JSON.stringify(result);
}

function assertRequirement(item: unknown, index: number): asserts item is AuditableRequirement {
  const path = `run.requirements_result.requirements[${index}]`;
  if (typeof item !== "object" || item === null) {
    throw new TypeError(`auditRun: ${path} must be an object, got ${describeValue(item)}`);
  }
  const { name, description, score } = item as Record<string, unknown>;
  if (typeof name !== "string")
    throw new TypeError(`auditRun: ${path}.name must be a string, got ${describeValue(name)}`);
  if (typeof description !== "string") {
    throw new TypeError(`auditRun: ${path}.description must be a string, got ${describeValue(description)}`);
  }
  if (typeof score !== "number" || !Number.isFinite(score)) {
    throw new TypeError(`auditRun: ${path}.score must be a number, got ${describeValue(score)}`);
  }
}

function readStatus(difference: number | null, partlyChecked: boolean, tolerance: number): AuditStatus {
  if (difference === null) return "unverifiable";
  if (Math.abs(difference) <= tolerance + 1e-9) return "agree";
  // The verifier scored only part of the requirement: a lower reported score may be about the rest.
  if (partlyChecked && difference < 0) return "inconclusive";
  return "disagree";
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function describeAudit(
  total: number,
  disagreeing: number,
  unverifiable: number,
  tolerance: number,
  language: CheckResult | null,
): string {
  const parts = [
    `${disagreeing} of ${total} requirement${total === 1 ? "" : "s"} disagree beyond ${tolerance}`,
  ];
  if (unverifiable > 0) parts.push(`${unverifiable} unverifiable`);
  if (language !== null) parts.push(`response_language ${readVerdict(language.score)}: ${language.reason}`);
  return parts.join("; ");
}
