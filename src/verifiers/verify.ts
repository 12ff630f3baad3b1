// Scores a text against checks. Pure and synchronous: the same text and checks always give the same
// result, nothing is mutated, and nothing throws for any string (misuse of the API aside). A requirement
// with nothing checkable is `unverifiable` with a null score; it is never a silent 1.
import type { ResponseLanguage } from "../domain/index.js";
import {
  CHECK_KINDS,
  type Check,
  type CheckResult,
  type CountUnit,
  type ForbiddenMark,
  type ParsedRequirement,
  type Verdict,
  type VerifyResult,
} from "./check.js";
import { describeValue } from "./describe-value.js";
import { scoreCase } from "./families/case.js";
import { scoreDateFormat } from "./families/dates.js";
import type { FamilyScore } from "./families/family-score.js";
import {
  scoreAnswerOnly,
  scoreJson,
  scoreNoMarkdown,
  scorePostscript,
  scoreTitle,
} from "./families/format.js";
import { scoreKeywords } from "./families/keywords.js";
import { scoreLanguage } from "./families/language.js";
import { scoreCount } from "./families/length.js";
import { scoreLetterCount } from "./families/letters.js";
import { scoreCurrency } from "./families/money.js";
import { scoreOneOf } from "./families/one-of.js";
import { scoreForbidMarks } from "./families/punctuation.js";
import { scoreRepeatRequest } from "./families/repeat.js";
import { scoreParagraphStart, scoreResponses, scoreSections } from "./families/sections.js";
import { scoreEndsWith, scoreQuoted, scoreStartsWith } from "./families/start-end.js";
import { parseRequirement } from "./parse-requirement.js";
import { readVerdict } from "./read-verdict.js";

export { readVerdict };

import { readTextFacts, type TextFacts } from "./text-facts.js";
import { isTrusted } from "./trusted.js";

/** What {@link verify} scores against: a parsed requirement, or checks on their own. */
export type VerifyTarget = ParsedRequirement | readonly Check[];

/** One turn of a chat or Maestro input; only `user` turns are read as the request. */
export interface VerifyMessage {
  role: string;
  content: string;
}

/** The request a text answers: an instruction, or Maestro/chat messages (whose user turns are the request). */
export type VerifyInput = string | readonly VerifyMessage[];

/** Options of {@link verify}. */
export interface VerifyOptions {
  /**
   * The request the text answers, so that requirements which refer to it ("repeat the request word for
   * word before answering") can be checked; without it they are undecided.
   */
  input?: VerifyInput;
}

/** What every scorer may read beside the text: the request, as one string, when it was given. */
export interface ScoreContext {
  request: string | undefined;
}

/**
 * Scores `text` against a parsed requirement or a list of checks: the mean of the check scores, a
 * verdict, and a reason naming what was found.
 *
 * @example
 * verify("One.\n\nTwo.\n\nThree.\n\nFour.", parseRequirement("Write up to 3 paragraphs"))
 * // { verdict: "fail", score: 0, reason: "4 paragraphs found; at most 3 allowed", ... }
 */
export function verify(text: string, target: VerifyTarget, options: VerifyOptions = {}): VerifyResult {
  if (typeof text !== "string")
    throw new TypeError(`verify: text must be a string, got ${describeValue(text)}`);
  const context: ScoreContext = { request: readInput("verify", options) };
  const { checks, unchecked, parseReason } = readTarget(target);
  const facts = readTextFacts(text);
  const results = checks.map((check) => scoreCheck(check, facts, context));
  return summarize(results, unchecked, parseReason);
}

/**
 * Validates `options.input` for `caller` and returns the request as one string: the instruction itself,
 * or the user turns of a message list joined by blank lines; undefined when absent.
 */
export function readInput(caller: string, options: unknown, field = "options.input"): string | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`);
  }
  const input = (options as { input?: unknown }).input;
  if (input === undefined || input === null) return undefined;
  if (typeof input === "string") return input;
  if (!Array.isArray(input)) {
    throw new TypeError(
      `${caller}: ${field} must be a string or an array of {role, content} messages, got ${describeValue(input)}`,
    );
  }
  const turns: string[] = [];
  input.forEach((message: unknown, index) => {
    const { role, content } = (typeof message === "object" && message !== null ? message : {}) as {
      role?: unknown;
      content?: unknown;
    };
    if (typeof role !== "string" || typeof content !== "string") {
      throw new TypeError(
        `${caller}: ${field}[${index}] must be a message {role: string, content: string}, got ${describeValue(message)}`,
      );
    }
    if (role === "user") turns.push(content);
  });
  return turns.join("\n\n");
}

/** Options of {@link verifyRequirement}. */
export interface VerifyRequirementOptions extends VerifyOptions {
  /** Maestro's `response_language` of the request; see {@link parseRequirement}. */
  responseLanguage?: ResponseLanguage;
}

/**
 * Parses `description` (cached) and scores `text` against it.
 *
 * @example
 * verifyRequirement("Hello, world", "Do not use any commas").reason // "1 comma found (first at offset 5); none allowed"
 */
export function verifyRequirement(
  text: string,
  description: string,
  options: VerifyRequirementOptions = {},
): VerifyResult {
  if (typeof text !== "string") {
    throw new TypeError(`verifyRequirement: text must be a string, got ${describeValue(text)}`);
  }
  if (typeof description !== "string") {
    throw new TypeError(`verifyRequirement: description must be a string, got ${describeValue(description)}`);
  }
  readInput("verifyRequirement", options);
  const { input, ...parseOptions } = options ?? {};
  return verify(text, parseRequirement(description, parseOptions), input === undefined ? {} : { input });
}

function readTarget(target: VerifyTarget): {
  checks: readonly Check[];
  unchecked: readonly string[];
  parseReason: string | undefined;
} {
  if (Array.isArray(target)) {
    target.forEach((check, index) => {
      assertCheck(check, `checks[${index}]`);
    });
    return { checks: target, unchecked: [], parseReason: undefined };
  }
  const parsed = target as Partial<ParsedRequirement> | null;
  if (typeof parsed !== "object" || parsed === null || !Array.isArray(parsed.checks)) {
    throw new TypeError(
      `verify: checks must be an array of checks or a parsed requirement, got ${describeValue(target)}`,
    );
  }
  if (!isTrusted(parsed)) {
    parsed.checks.forEach((check, index) => {
      assertCheck(check, `checks[${index}]`);
    });
  }
  const unchecked = Array.isArray(parsed.unchecked) ? parsed.unchecked : [];
  return {
    checks: parsed.checks,
    unchecked,
    parseReason: typeof parsed.reason === "string" ? parsed.reason : undefined,
  };
}

const COUNT_UNITS: readonly CountUnit[] = [
  "paragraphs",
  "sentences",
  "words",
  "characters",
  "lines",
  "bullets",
  "numbered_items",
  "list_items",
  "headers",
  "capital_words",
  "highlights",
  "placeholders",
];
const MARKS: readonly ForbiddenMark[] = ["commas", "exclamation marks", "semicolons", "em dashes", "emojis"];

/** The fields each kind of check must have, beyond `kind`; `source` is informative and not required. */
interface CheckShape {
  strings?: readonly string[];
  bounds?: readonly string[];
  choices?: Readonly<Record<string, readonly string[]>>;
  stringLists?: readonly string[];
  optionalStringLists?: readonly string[];
  positive?: readonly string[];
}

const SHAPES: Readonly<Record<Check["kind"], CheckShape>> = {
  count: { choices: { unit: COUNT_UNITS }, bounds: ["min", "max"] },
  keywords: { stringLists: ["keywords"], bounds: ["min", "max"] },
  answer_only: {},
  json: { optionalStringLists: ["keys"] },
  title: {},
  postscript: { strings: ["marker"] },
  no_markdown: {},
  case: { choices: { case: ["lower", "upper"] } },
  starts_with: { strings: ["phrase"] },
  ends_with: { strings: ["phrase"] },
  quoted: {},
  date_format: { strings: ["format"] },
  currency: { choices: { currency: ["USD"] } },
  language: { strings: ["language", "name"] },
  forbid_marks: { choices: { mark: MARKS } },
  paragraph_start: { strings: ["word"], positive: ["paragraph"] },
  letter_count: { strings: ["letter"], bounds: ["min", "max"] },
  repeat_request: { strings: ["excluding"] },
  responses: { strings: ["separator"], positive: ["count"] },
  sections: { strings: ["marker"], bounds: ["min", "max"] },
  one_of: { stringLists: ["options"] },
};
const DATE_FORMAT = /^(?:ISO-8601|(?:YYYY|YY|MM|M|DD|D)([-/.])(?:YYYY|YY|MM|M|DD|D)\1(?:YYYY|YY|MM|M|DD|D))$/;

/** Throws a TypeError or RangeError, prefixed "verify:", when `value` is not a well-formed check. */
export function assertCheck(value: unknown, path: string): asserts value is Check {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`verify: ${path} must be a check object, got ${describeValue(value)}`);
  }
  const check = value as Record<string, unknown>;
  const shape = Object.hasOwn(SHAPES, check.kind as string) ? SHAPES[check.kind as Check["kind"]] : undefined;
  if (shape === undefined) {
    throw new RangeError(
      `verify: ${path}.kind must be one of ${CHECK_KINDS.join(", ")}, got ${JSON.stringify(check.kind) ?? "undefined"}`,
    );
  }
  for (const [field, allowed] of Object.entries(shape.choices ?? {})) {
    if (!allowed.includes(check[field] as string)) {
      throw new RangeError(
        `verify: ${path}.${field} must be one of ${allowed.join(", ")}, got ${JSON.stringify(check[field]) ?? "undefined"}`,
      );
    }
  }
  for (const field of shape.strings ?? []) {
    if (typeof check[field] !== "string") {
      throw new TypeError(`verify: ${path}.${field} must be a string, got ${describeValue(check[field])}`);
    }
  }
  for (const field of shape.bounds ?? []) {
    const bound = check[field];
    if (bound !== undefined && (typeof bound !== "number" || !Number.isInteger(bound) || bound < 0)) {
      throw new RangeError(
        `verify: ${path}.${field} must be a non-negative integer, got ${JSON.stringify(bound)}`,
      );
    }
  }
  for (const field of shape.positive ?? []) {
    const value = check[field];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `verify: ${path}.${field} must be a positive integer, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (check.kind === "count" && check.divider !== undefined && typeof check.divider !== "string") {
    throw new TypeError(`verify: ${path}.divider must be a string, got ${describeValue(check.divider)}`);
  }
  for (const field of [...(shape.stringLists ?? []), ...(shape.optionalStringLists ?? [])]) {
    const list = check[field];
    if (list === undefined && shape.optionalStringLists?.includes(field)) continue;
    if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
      throw new TypeError(`verify: ${path}.${field} must be an array of strings, got ${describeValue(list)}`);
    }
  }
  if (check.kind === "date_format" && !DATE_FORMAT.test(check.format as string)) {
    throw new RangeError(
      `verify: ${path}.format must be "ISO-8601" or a pattern such as "YYYY-MM-DD", got ${JSON.stringify(check.format)}`,
    );
  }
}

/** Scores one check against the facts of one text. */
function scoreCheck(check: Check, facts: TextFacts, context: ScoreContext): CheckResult {
  const { score, reason } = scoreByKind(check, facts, context);
  return { check, verdict: readVerdict(score), score, reason };
}

function scoreByKind(check: Check, facts: TextFacts, context: ScoreContext): FamilyScore {
  switch (check.kind) {
    case "count":
      return scoreCount(check, facts);
    case "keywords":
      return scoreKeywords(check, facts);
    case "answer_only":
      return scoreAnswerOnly(check, facts);
    case "json":
      return scoreJson(check, facts);
    case "title":
      return scoreTitle(check, facts);
    case "postscript":
      return scorePostscript(check, facts);
    case "no_markdown":
      return scoreNoMarkdown(check, facts);
    case "case":
      return scoreCase(check, facts);
    case "starts_with":
      return scoreStartsWith(check, facts);
    case "ends_with":
      return scoreEndsWith(check, facts);
    case "quoted":
      return scoreQuoted(check, facts);
    case "date_format":
      return scoreDateFormat(check, facts);
    case "currency":
      return scoreCurrency(check, facts);
    case "language":
      return scoreLanguage(check, facts);
    case "forbid_marks":
      return scoreForbidMarks(check, facts);
    case "paragraph_start":
      return scoreParagraphStart(check, facts);
    case "letter_count":
      return scoreLetterCount(check, facts);
    case "repeat_request":
      return scoreRepeatRequest(check, facts, context.request);
    case "responses":
      return scoreResponses(check, facts);
    case "sections":
      return scoreSections(check, facts);
    case "one_of":
      return scoreOneOf(check, facts);
  }
}

/**
 * Combines check results into one: the score is the mean over the checks that could be decided (the
 * fraction of clauses satisfied when every check is all-or-nothing). The verdict is `fail` when a decided
 * check is not met, `partial` when every decided check is met but a clause was not understood or a check
 * could not decide, `pass` only when everything was checked and met; see {@link Verdict}.
 */
export function summarize(
  results: CheckResult[],
  unchecked: readonly string[],
  parseReason?: string,
): VerifyResult {
  const decided = results.filter((result) => result.score !== null);
  const undecided = results.filter((result) => result.score === null);
  const notChecked =
    unchecked.length > 0 ? `not checked: ${unchecked.map((part) => `"${part}"`).join(", ")}` : "";
  if (decided.length === 0) {
    const why =
      results.length > 0
        ? [...results.map((result) => result.reason), ...(notChecked ? [notChecked] : [])].join(" | ")
        : (parseReason ?? (notChecked || "no checks to score"));
    return {
      verdict: "unverifiable",
      score: null,
      reason: why,
      checks: results,
      unchecked: [...unchecked],
      source: "verifier",
    };
  }
  const score = decided.reduce((sum, result) => sum + (result.score ?? 0), 0) / decided.length;
  const rounded = Math.round(score * 1e6) / 1e6;
  const parts = results.map((result) => result.reason);
  let reason =
    parts.length === 1
      ? parts[0]!
      : `${decided.filter((result) => result.score === 1).length} of ${results.length} checks met: ${parts.join(" | ")}`;
  if (notChecked) reason = `${reason} | ${notChecked}`;
  let verdict = readVerdict(rounded);
  if (verdict === "pass" && (unchecked.length > 0 || undecided.length > 0)) {
    verdict = "partial";
    // The check reasons say what was found; "not checked" and the undecided checks' reasons say what was not.
    reason = `partly verified: ${reason}`;
  }
  return {
    verdict,
    score: rounded,
    reason,
    checks: results,
    unchecked: [...unchecked],
    source: "verifier",
  };
}
