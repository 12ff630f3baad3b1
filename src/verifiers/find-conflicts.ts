// Which checks no single text can meet together. One table of small named rules, read by `maestro-eval
// lint` (requirements that ask for the impossible) and by the simulated writer (checks a draft cannot
// honour together), so that the two always agree. Every rule looks at two checks, both to be met; it is
// tried both ways round. A rule is `error` when no text can meet both (a certainty, from what the
// verifiers would measure), `warning` when a text meeting both is unlikely or the verdict would be
// undecided (a language on a text too short to tell).
import type { Check, CountCheck, CountUnit } from "./check.js";
import { countKeyword } from "./families/keywords.js";
import { verify } from "./verify.js";

/** How sure a rule is: `error` when no text can meet both checks, `warning` when one likely cannot. */
export type ConflictSeverity = "error" | "warning";

/** One rule of {@link CONFLICT_RULES}. */
export interface ConflictRule {
  /** A stable kebab-case id, shown in lint findings. */
  name: string;
  severity: ConflictSeverity;
  /** Why no text (or likely no text) meets both `a` and `b`; undefined when the rule has nothing to say. */
  find(a: Check, b: Check): string | undefined;
}

/** Two checks a text cannot meet together, the rule that says so and why. */
export interface CheckConflict {
  rule: string;
  severity: ConflictSeverity;
  /** The two checks, in the order they were given. */
  checks: readonly [Check, Check];
  reason: string;
}

/** Fewest words a text needs before its language can be told (the detector wants about 40 letters). */
export const LANGUAGE_MIN_WORDS = 12;

function lower(text: string): string {
  return text.trim().toLowerCase();
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Whether a text starting with `longer` also starts with `shorter`, as the starts-with check reads it. */
export function startImplies(longer: string, shorter: string): boolean {
  const a = lower(longer);
  const b = lower(shorter);
  if (!a.startsWith(b)) return false;
  return !(isWordChar(b.at(-1)) && isWordChar(a.charAt(b.length)));
}

/** Whether a text ending with `longer` also ends with `shorter`, as the ends-with check reads it. */
export function endImplies(longer: string, shorter: string): boolean {
  let a = lower(longer);
  const b = lower(shorter);
  if (isWordChar(b.at(-1)) && /[.!?]$/.test(a)) a = a.slice(0, -1);
  if (!a.endsWith(b)) return false;
  return !(isWordChar(b.charAt(0)) && isWordChar(a.charAt(a.length - b.length - 1)));
}

const MARK_CHARACTERS: Record<string, RegExp> = {
  commas: /[,，،、﹐﹑]/u,
  "exclamation marks": /[!！¡]/u,
  semicolons: /[;；؛]/u,
  "em dashes": /—/u,
  emojis: /(?![\u00a9\u00ae\u2122\u203c\u2049])\p{Extended_Pictographic}/u,
};

/** Texts every text meeting `check` contains, so that a keyword or a mark in them is forced into it. */
export function forcedText(check: Check): string[] {
  switch (check.kind) {
    case "starts_with":
    case "ends_with":
      return [check.phrase];
    case "json":
      return [...(check.keys ?? [])];
    case "postscript":
      return [check.marker];
    default:
      return [];
  }
}

function describeBounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  return `at most ${max ?? "any"}`;
}

function overlap(
  a: { min?: number | undefined; max?: number | undefined },
  b: { min?: number | undefined; max?: number | undefined },
): boolean {
  return Math.max(a.min ?? 0, b.min ?? 0) <= Math.min(a.max ?? Infinity, b.max ?? Infinity);
}

function unitName(unit: CountUnit): string {
  return unit.replaceAll("_", " ");
}

function count(check: Check, unit: CountUnit): CountCheck | undefined {
  return check.kind === "count" && check.unit === unit && check.divider === undefined ? check : undefined;
}

/**
 * Whether a JSON text can start with `phrase`: an object starts with "{"; any JSON text with a bracket, a
 * quotation mark, a number or a literal (true, false, null).
 */
function jsonMayStartWith(phrase: string, json: Extract<Check, { kind: "json" }>): boolean {
  const text = phrase.trim();
  return (json.keys ?? []).length > 0 ? text.startsWith("{") : /^[[{"\-\d]|^(?:true|false|null)\b/.test(text);
}

/** Whether a JSON text can end with `phrase` (see {@link jsonMayStartWith}). */
function jsonMayEndWith(phrase: string, json: Extract<Check, { kind: "json" }>): boolean {
  const text = phrase.trim();
  return (json.keys ?? []).length > 0 ? text.endsWith("}") : /[\]}"\d]$|\b(?:true|false|null)$/.test(text);
}

const LIST_UNITS: readonly CountUnit[] = ["headers", "bullets", "numbered_items", "list_items"];

/**
 * The rules, in the order they are tried; the first that fires names the conflict. Each is tested alone in
 * `test/unit/verifiers/find-conflicts.test.ts`.
 */
export const CONFLICT_RULES: readonly ConflictRule[] = [
  {
    name: "count-range",
    severity: "error",
    find(a, b) {
      if (a.kind !== "count" || b.kind !== "count" || a.unit !== b.unit) return undefined;
      if ((a.divider ?? "") !== (b.divider ?? "") || overlap(a, b)) return undefined;
      return `no count of ${unitName(a.unit)} is both ${describeBounds(a.min, a.max)} and ${describeBounds(b.min, b.max)}`;
    },
  },
  {
    name: "paragraphs-need-sentences",
    severity: "error",
    find(a, b) {
      const paragraphs = count(a, "paragraphs");
      const sentences = count(b, "sentences");
      if (paragraphs?.min === undefined || sentences?.max === undefined) return undefined;
      return paragraphs.min > sentences.max ? "every paragraph needs a sentence" : undefined;
    },
  },
  {
    name: "paragraphs-need-lines",
    severity: "error",
    find(a, b) {
      const paragraphs = count(a, "paragraphs");
      const lines = count(b, "lines");
      if (paragraphs?.min === undefined || lines?.max === undefined) return undefined;
      return paragraphs.min > lines.max ? "every paragraph needs a line" : undefined;
    },
  },
  {
    name: "words-need-characters",
    severity: "error",
    find(a, b) {
      const words = count(a, "words");
      const characters = count(b, "characters");
      if (words?.min === undefined || characters?.max === undefined) return undefined;
      return words.min > characters.max ? "every word needs a character" : undefined;
    },
  },
  {
    name: "letter-count-range",
    severity: "error",
    find(a, b) {
      if (a.kind !== "letter_count" || b.kind !== "letter_count") return undefined;
      if (lower(a.letter) !== lower(b.letter) || overlap(a, b)) return undefined;
      return `"${a.letter}" cannot occur both ${describeBounds(a.min, a.max)} and ${describeBounds(b.min, b.max)} times`;
    },
  },
  {
    name: "sections-range",
    severity: "error",
    find(a, b) {
      if (a.kind !== "sections" || b.kind !== "sections") return undefined;
      if (lower(a.marker) !== lower(b.marker) || overlap(a, b)) return undefined;
      return `no count of ${a.marker} sections is both ${describeBounds(a.min, a.max)} and ${describeBounds(b.min, b.max)}`;
    },
  },
  {
    name: "responses-count",
    severity: "error",
    find(a, b) {
      if (a.kind !== "responses" || b.kind !== "responses") return undefined;
      return a.count !== b.count ? `a text cannot hold both ${a.count} and ${b.count} responses` : undefined;
    },
  },
  {
    name: "case",
    severity: "error",
    find(a, b) {
      if (a.kind !== "case") return undefined;
      if (b.kind === "case" && b.case !== a.case) return "a text cannot be all lowercase and all capitals";
      if (
        b.kind === "json" &&
        (b.keys ?? []).some((key) => (a.case === "lower" ? /\p{Lu}/u : /\p{Ll}/u).test(key))
      ) {
        return `the required JSON keys are not all ${a.case === "lower" ? "lowercase" : "capitals"}`;
      }
      return undefined;
    },
  },
  {
    name: "language",
    severity: "error",
    find(a, b) {
      if (a.kind !== "language" || b.kind !== "language" || sameLanguage(a.language, b.language))
        return undefined;
      return "a text has one language";
    },
  },
  {
    name: "starts-with",
    severity: "error",
    find(a, b) {
      if (a.kind !== "starts_with") return undefined;
      if (b.kind === "starts_with" && !startImplies(a.phrase, b.phrase) && !startImplies(b.phrase, a.phrase))
        return "a text cannot start with two different phrases";
      if (b.kind === "quoted" && !/^["“]/.test(a.phrase.trim()))
        return "a quoted text starts with a quotation mark";
      if (b.kind === "json" && !jsonMayStartWith(a.phrase, b)) return "a JSON text starts with a bracket";
      return undefined;
    },
  },
  {
    name: "ends-with",
    severity: "error",
    find(a, b) {
      if (a.kind !== "ends_with") return undefined;
      if (b.kind === "ends_with" && !endImplies(a.phrase, b.phrase) && !endImplies(b.phrase, a.phrase))
        return "a text cannot end with two different phrases";
      if (b.kind === "quoted" && !/["”]$/.test(a.phrase.trim()))
        return "a quoted text ends with a quotation mark";
      if (b.kind === "json" && !jsonMayEndWith(a.phrase, b)) return "a JSON text ends with a bracket";
      return undefined;
    },
  },
  {
    name: "json-shape",
    severity: "error",
    find(a, b) {
      if (a.kind !== "json") return undefined;
      if (b.kind === "postscript") return "a JSON text has no postscript";
      if (b.kind === "quoted" && (a.keys ?? []).length > 0)
        return "a JSON object is not wrapped in quotation marks";
      if (b.kind === "forbid_marks" && b.mark === "commas" && (a.keys ?? []).length > 1)
        return "a JSON object with several keys needs commas";
      if (b.kind === "count" && LIST_UNITS.includes(b.unit) && (b.min ?? 0) > 0)
        return `a JSON text has no ${unitName(b.unit)}`;
      return undefined;
    },
  },
  {
    name: "no-markdown",
    severity: "error",
    find(a, b) {
      if (a.kind !== "no_markdown") return undefined;
      if (b.kind === "count" && (b.unit === "headers" || b.unit === "numbered_items") && (b.min ?? 0) > 0)
        return `${b.unit === "headers" ? "markdown headers" : "numbered items"} are markdown`;
      return undefined;
    },
  },
  {
    name: "forbidden-mark",
    severity: "error",
    find(a, b) {
      if (a.kind !== "forbid_marks") return undefined;
      const mark = MARK_CHARACTERS[a.mark];
      if (mark === undefined) return undefined;
      if (forcedText(b).some((text) => mark.test(text))) return `the required text contains ${a.mark}`;
      if (b.kind === "keywords" && (b.min ?? 1) > 0 && b.keywords.some((keyword) => mark.test(keyword)))
        return `a required keyword contains ${a.mark}`;
      return undefined;
    },
  },
  {
    name: "keyword-required-and-forbidden",
    severity: "error",
    find(a, b) {
      if (a.kind !== "keywords" || a.max === undefined) return undefined;
      const max = a.max;
      for (const text of forcedText(b)) {
        if (a.keywords.some((keyword) => countKeyword(text, keyword) > max))
          return "the required text contains a keyword it limits";
      }
      if (b.kind !== "keywords") return undefined;
      for (const keyword of a.keywords) {
        if (!b.keywords.some((other) => lower(other) === lower(keyword))) continue;
        // Several keywords in one check are each held to the bounds; a bound of another check applies to each.
        if ((b.min ?? 0) > max) {
          return max === 0
            ? `"${keyword}" is both required and forbidden`
            : `"${keyword}" cannot appear both at least ${b.min} and at most ${max} times`;
        }
      }
      return undefined;
    },
  },
  {
    name: "start-reads-as-preamble",
    severity: "warning",
    find(a, b) {
      if (a.kind !== "starts_with" || b.kind !== "answer_only") return undefined;
      return verify(`${a.phrase}\nThe record is complete.`, [b]).score === 1
        ? undefined
        : `"${a.phrase}" reads as a preamble`;
    },
  },
  {
    name: "language-needs-length",
    severity: "warning",
    find(a, b) {
      if (a.kind !== "language") return undefined;
      const words = count(b, "words");
      if (words?.max !== undefined && words.max < LANGUAGE_MIN_WORDS)
        return "a text this short is too short for its language to be detected";
      const characters = count(b, "characters");
      if (characters?.max !== undefined && characters.max < 80)
        return "a text this short is too short for its language to be detected";
      return undefined;
    },
  },
  {
    name: "json-language",
    severity: "warning",
    find(a, b) {
      if (a.kind !== "json" || b.kind !== "language" || (a.keys ?? []).length === 0) return undefined;
      return `the language of a JSON object is told from its keys and values; keys in another language than ${b.name} may fail it`;
    },
  },
];

/**
 * Why no text meets both `a` and `b`, by the first rule of {@link CONFLICT_RULES} that fires (each tried
 * both ways round); undefined when nothing stands in the way.
 *
 * @example
 * findCheckConflict(
 *   { kind: "case", case: "lower", source: "all lowercase" },
 *   { kind: "case", case: "upper", source: "all capitals" },
 * )?.reason;
 * // "a text cannot be all lowercase and all capitals"
 */
export function findCheckConflict(
  a: Check,
  b: Check,
  rules: readonly ConflictRule[] = CONFLICT_RULES,
): CheckConflict | undefined {
  for (const rule of rules) {
    const reason = rule.find(a, b) ?? rule.find(b, a);
    if (reason !== undefined) return { rule: rule.name, severity: rule.severity, checks: [a, b], reason };
  }
  return undefined;
}

/** Every pair of `checks` that conflicts, in order (the first check of a pair comes first in `checks`). */
export function findConflicts(checks: readonly Check[]): CheckConflict[] {
  const conflicts: CheckConflict[] = [];
  for (let i = 0; i < checks.length; i += 1) {
    for (let j = i + 1; j < checks.length; j += 1) {
      const conflict = findCheckConflict(checks[i]!, checks[j]!);
      if (conflict !== undefined) conflicts.push(conflict);
    }
  }
  return conflicts;
}

/**
 * Whether two language codes can hold of one text: the same language, or one of them with a script and
 * the other without ("cmn" and "cmn-Hans": Chinese, and Chinese in simplified characters).
 */
function sameLanguage(a: string, b: string): boolean {
  const [languageA, scriptA] = a.split("-");
  const [languageB, scriptB] = b.split("-");
  return languageA === languageB && (scriptA === undefined || scriptB === undefined || scriptA === scriptB);
}
