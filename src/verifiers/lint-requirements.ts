// Lints the requirements of one request before anything is sent: conflicts no text can meet (from what the
// verifiers parse, by the rules of `find-conflicts.ts`), a language requirement against the request's
// `response_language`, requirements no verifier understands (their score is self-assessed or Maestro's
// alone when no judge is configured), and near-duplicates. Pure: the same requirements give the same
// findings. The request's own rules (limits, names, tools) are the validator's; callers add its issues.
import type { Requirement, ResponseLanguage } from "../domain/index.js";
import type { Check } from "./check.js";
import { createLanguageCheck } from "./families/language.js";
import { type ConflictSeverity, findCheckConflict } from "./find-conflicts.js";
import { parseRequirement } from "./parse-requirement.js";

/** One finding of {@link lintRequirements}. */
export interface RequirementLintFinding {
  /** `error` when no output can meet the requirements; `warning` for the rest. */
  severity: ConflictSeverity;
  /** The rule's id: a conflict rule of `CONFLICT_RULES`, or `unverifiable`, `partly-verifiable`, `near-duplicate`. */
  rule: string;
  /** The names of the requirements involved (`response_language` for the request field). */
  requirements: string[];
  /** The clauses involved, as the description words them. */
  clauses: string[];
  /** One line naming the requirements and the clauses, and why. */
  message: string;
}

/** Options of {@link lintRequirements}. */
export interface LintRequirementsOptions {
  /** The request's `response_language`; a language requirement that asks for another is an error. */
  responseLanguage?: ResponseLanguage | undefined;
  /** Whether a judge model scores what no verifier understands. Default false. */
  judge?: boolean;
  /**
   * Whether the requirements score a chat answer, which has no self-assessment to fall back on: without a
   * judge, what no verifier understands is left unscored there. Default false (a Maestro run).
   */
  chat?: boolean;
}

/** Share of common words above which two descriptions count as near-duplicates. */
const NEAR_DUPLICATE_SIMILARITY = 0.8;

const STOP_WORDS = new Set(
  "a an the your you response answer it its is are be must should please make sure that this in of to and or with"
    .split(" ")
    .filter(Boolean),
);

interface Owned {
  requirement: string;
  check: Check;
}

/**
 * The findings on one request's requirements, errors first.
 *
 * @example
 * lintRequirements([
 *   { name: "short", description: "Use at most 50 words." },
 *   { name: "long", description: "Write at least 100 words." },
 * ])[0]?.message;
 * // 'requirement "short" ("at most 50 words") and requirement "long" ("at least 100 words") conflict: no count of words is both at most 50 and at least 100'
 */
export function lintRequirements(
  requirements: readonly Requirement[],
  options: LintRequirementsOptions = {},
): RequirementLintFinding[] {
  if (!Array.isArray(requirements)) {
    throw new TypeError(`lintRequirements: requirements must be an array of {name, description}`);
  }
  const responseLanguage = options.responseLanguage === "unset" ? undefined : options.responseLanguage;
  const findings: RequirementLintFinding[] = [];
  const owned: Owned[] = [];
  const parsed = requirements
    .filter((requirement) => typeof requirement?.description === "string")
    .map((requirement) => ({
      requirement,
      parsed: parseRequirement(
        requirement.description,
        responseLanguage === undefined ? {} : { responseLanguage },
      ),
    }));
  for (const { requirement, parsed: reading } of parsed) {
    for (const check of reading.checks) owned.push({ requirement: requirement.name, check });
  }
  const field = responseLanguage === undefined ? undefined : createLanguageCheck(responseLanguage);
  if (field !== undefined) owned.push({ requirement: "response_language", check: field });

  const seen = new Set<string>();
  for (let i = 0; i < owned.length; i += 1) {
    for (let j = i + 1; j < owned.length; j += 1) {
      const a = owned[i]!;
      const b = owned[j]!;
      const conflict = findCheckConflict(a.check, b.check);
      if (conflict === undefined) continue;
      const key = `${conflict.rule}\u0000${a.requirement}\u0000${a.check.source}\u0000${b.requirement}\u0000${b.check.source}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const names = a.requirement === b.requirement ? [a.requirement] : [a.requirement, b.requirement];
      const who =
        a.requirement === b.requirement
          ? `requirement "${a.requirement}" ("${a.check.source}" and "${b.check.source}") conflicts with itself`
          : `${describeOwner(a)} and ${describeOwner(b)} conflict`;
      findings.push({
        severity: conflict.severity,
        rule: conflict.rule,
        requirements: names,
        clauses: [a.check.source, b.check.source],
        message: `${who}: ${conflict.reason}`,
      });
    }
  }

  for (const { requirement, parsed: reading } of parsed) {
    if (options.judge === true || reading.verdict === "verifiable") continue;
    const mandatory = requirement.is_mandatory === true;
    const quoted = reading.unchecked.map((clause) => `"${clause}"`).join(", ");
    const scored =
      options.chat === true
        ? "and no judge is configured: a chat answer leaves its score out (unscored, never gated)"
        : mandatory
          ? "and no judge is configured: its score is the local model's self-assessment or Maestro's alone on AI21, and a mandatory requirement below 1 sets the overall score to 0"
          : "and no judge is configured: its score is the local model's self-assessment or Maestro's alone on AI21";
    findings.push({
      severity: "warning",
      rule: reading.verdict === "unverifiable" ? "unverifiable" : "partly-verifiable",
      requirements: [requirement.name],
      clauses: [...reading.unchecked],
      message:
        reading.verdict === "unverifiable"
          ? `${mandatory ? "mandatory " : ""}requirement "${requirement.name}": no verifier understands ${quoted} ${scored}; conflicts with it cannot be checked`
          : `${mandatory ? "mandatory " : ""}requirement "${requirement.name}": no verifier understands ${quoted} (the rest is checked) ${options.chat === true ? "and no judge is configured: the score is the checked part's alone" : scored.replace("its score", "that part's score")}`,
    });
  }

  for (let i = 0; i < parsed.length; i += 1) {
    for (let j = i + 1; j < parsed.length; j += 1) {
      const a = parsed[i]!;
      const b = parsed[j]!;
      const why = nearDuplicate(a.parsed, b.parsed);
      if (why === undefined) continue;
      findings.push({
        severity: "warning",
        rule: "near-duplicate",
        requirements: [a.requirement.name, b.requirement.name],
        clauses: [a.requirement.description, b.requirement.description],
        message: `requirements "${a.requirement.name}" and "${b.requirement.name}" ${why}; Maestro scores and refines each, so a duplicate weighs twice`,
      });
    }
  }
  return [
    ...findings.filter((finding) => finding.severity === "error"),
    ...findings.filter((finding) => finding.severity !== "error"),
  ];
}

function describeOwner(owner: Owned): string {
  return owner.requirement === "response_language"
    ? `response_language (${owner.check.kind === "language" ? owner.check.name : owner.check.source})`
    : `requirement "${owner.requirement}" ("${owner.check.source}")`;
}

function identities(checks: readonly Check[]): string[] {
  return checks
    .map((check) => {
      const { source: _source, ...identity } = check;
      return JSON.stringify(identity, Object.keys(identity).sort());
    })
    .sort();
}

function words(description: string): Set<string> {
  return new Set(
    (description.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP_WORDS.has(word)),
  );
}

/** Why two descriptions ask the same thing; undefined when they do not. */
function nearDuplicate(
  a: ReturnType<typeof parseRequirement>,
  b: ReturnType<typeof parseRequirement>,
): string | undefined {
  if (a.description.trim().toLowerCase() === b.description.trim().toLowerCase())
    return "have the same description";
  if (a.verdict === "verifiable" && b.verdict === "verifiable") {
    const left = identities(a.checks);
    const right = identities(b.checks);
    if (left.length > 0 && left.join("\n") === right.join("\n")) return "ask for the same checks";
    return undefined;
  }
  const left = words(a.description);
  const right = words(b.description);
  if (left.size < 3 || right.size < 3) return undefined;
  let common = 0;
  for (const word of left) if (right.has(word)) common += 1;
  const similarity = common / (left.size + right.size - common);
  return similarity >= NEAR_DUPLICATE_SIMILARITY
    ? `have nearly the same description (${Math.round(similarity * 100)}% of their words in common)`
    : undefined;
}
