// Which of the checks a draft was asked to meet and to break can be honoured together. The composer writes
// for the checks this keeps and reports the rest, so that "met" always means met: a conflict never makes
// it drop a check silently, and a check kept here is one the composer is expected to honour.

import { formatDate } from "../verifiers/calendar-date.js";
import {
  CONFLICT_RULES,
  endImplies,
  findCheckConflict,
  forcedText,
  startImplies,
} from "../verifiers/find-conflicts.js";
import type { Check, CountUnit } from "../verifiers/index.js";
import { countKeyword, verify } from "../verifiers/index.js";
import { ANY_COUNT, intersectRange, rangeBounds, subtractRange, toInterval } from "./count-range.js";
import { choosePhraseBank, findPhraseBank } from "./phrase-banks.js";
import {
  computeCountRanges,
  countsInfeasible,
  impliedCounts,
  measureDensity,
  readForcedContent,
  type TextDensity,
  tooShortForLanguage,
} from "./plan-counts.js";

/** Whether a check was to be met (`satisfy`) or broken (`violate`). */
export type CheckRole = "satisfy" | "violate";

/** A check the composer will not honour, and why. */
export interface CheckConflict {
  check: Check;
  role: CheckRole;
  /** The kept check it conflicts with; undefined when it cannot be honoured at all. */
  conflictsWith: Check | undefined;
  reason: string;
}

/** Options of {@link resolveCheckConflicts}. */
export interface ResolveCheckConflictsOptions {
  /** The plan's language (see `ComposePlan.language`), which sets the text densities count ranges are judged by. */
  language?: string;
}

/** The checks a draft can honour together, and the ones it cannot. */
export interface ResolvedChecks {
  satisfy: Check[];
  violate: Check[];
  conflicts: CheckConflict[];
}

/** A check without its `source`, as a string, so that two checks asking the same thing compare equal. */
export function identifyCheck(check: Check): string {
  const { source: _source, ...identity } = check;
  return JSON.stringify(identity, Object.keys(identity).sort());
}

function passes(text: string, check: Check): boolean {
  return verify(text, [check]).score === 1;
}

function lower(text: string): string {
  return text.trim().toLowerCase();
}

const DATE_SAMPLES = [
  { year: 2026, month: 3, day: 5 },
  { year: 2026, month: 11, day: 23 },
];

/** The format a draft meeting every one of `formats` writes its dates in; undefined if there is none. */
export function chooseDateFormat(formats: readonly string[]): string | undefined {
  return formats.find((candidate) =>
    DATE_SAMPLES.every((date) =>
      formats.every((format) =>
        passes(formatDate(date, candidate), { kind: "date_format", format, source: "" }),
      ),
    ),
  );
}

/**
 * The shared conflict rules (`src/verifiers/find-conflicts.ts`), which `maestro-eval lint` reads too, so
 * that what the lint calls a conflict is one the composer does not pretend to meet. All but
 * `json-language`: the composer writes a JSON object's values in the language asked for.
 */
const SHARED_RULES = CONFLICT_RULES.filter((rule) => rule.name !== "json-language");

/**
 * Why a draft cannot meet both `a` and `b`; undefined when it can: a shared rule first, then what only
 * this composer cannot write.
 */
function satisfyConflict(a: Check, b: Check): string | undefined {
  return findCheckConflict(a, b, SHARED_RULES)?.reason ?? composerConflict(a, b) ?? composerConflict(b, a);
}

/** What a text could do but this composer cannot: it writes JSON as an object, braces first and last. */
function composerConflict(a: Check, b: Check): string | undefined {
  if (b.kind !== "json") return undefined;
  if (a.kind === "starts_with") return "a JSON text starts with a bracket";
  if (a.kind === "ends_with") return "a JSON text ends with a bracket";
  return undefined;
}

/** Why a draft meeting `kept` cannot break `check`; undefined when it can. */
function violateConflict(check: Check, kept: Check): string | undefined {
  if (identifyCheck(check) === identifyCheck(kept)) return "the same check is to be met";
  switch (check.kind) {
    case "json":
      if (kept.kind === "json") {
        const needed = kept.keys ?? [];
        const broken = check.keys ?? [];
        if (broken.every((key) => needed.includes(key)))
          return "a text meeting the other JSON check meets this one";
      }
      return undefined;
    case "answer_only":
      if (kept.kind === "json") return "a JSON text has no room for a preamble or an explanation";
      return undefined;
    case "starts_with":
      if (kept.kind === "starts_with" && startImplies(kept.phrase, check.phrase))
        return "the required start includes this phrase";
      return undefined;
    case "ends_with":
      if (kept.kind === "ends_with" && endImplies(kept.phrase, check.phrase))
        return "the required end includes this phrase";
      return undefined;
    case "postscript":
      if (kept.kind === "postscript" && passes(`Text.\n\n${kept.marker} More.`, check)) {
        return "the required postscript marker matches this one";
      }
      return undefined;
    case "date_format":
      if (kept.kind === "date_format") {
        const written = DATE_SAMPLES.map((date) => formatDate(date, kept.format));
        if (written.every((date) => passes(date, check)))
          return "dates in the required format follow this one too";
      }
      return undefined;
    case "keywords": {
      // Breaking needs one keyword outside [min, max] while every kept bound on it still holds.
      if (kept.kind === "keywords") {
        const breakable = check.keywords.some((keyword) => {
          if (!kept.keywords.some((other) => lower(other) === lower(keyword))) return true;
          const range = intersectRange(ANY_COUNT, toInterval(kept.min, kept.max));
          return subtractRange(range, toInterval(check.min, check.max)).length > 0;
        });
        if (!breakable) return "the required keyword counts meet this one";
      }
      const forced = forcedText(kept);
      if (forced.length > 0 && check.max === undefined && (check.min ?? 0) > 0) {
        const min = check.min ?? 1;
        if (
          check.keywords.every(
            (keyword) => forced.reduce((sum, text) => sum + countKeyword(text, keyword), 0) >= min,
          )
        ) {
          return "the required text already contains the keyword";
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Splits the checks a draft is asked to meet and to break into those it can honour together and the
 * conflicts. Checks to meet are kept in order, each only if it is compatible with those kept before it
 * (so on a conflict between two of them the earlier wins); then each check to break is kept only if
 * breaking it is compatible with every kept check to meet and every kept check to break (so meeting
 * always wins over breaking). The rules: see the table in the composer's documentation and
 * `test/unit/sim/resolve-check-conflicts.test.ts`.
 *
 * @example
 * resolveCheckConflicts([{ kind: "case", case: "lower", source: "" }], [{ kind: "case", case: "lower", source: "" }]).conflicts[0].reason;
 * // "the same check is to be met"
 */
export function resolveCheckConflicts(
  satisfy: readonly Check[],
  violate: readonly Check[] = [],
  options: ResolveCheckConflictsOptions = {},
): ResolvedChecks {
  const density = measureDensity(choosePhraseBank(satisfy, violate, options.language));
  const keptSatisfy: Check[] = [];
  const keptViolate: Check[] = [];
  const conflicts: CheckConflict[] = [];
  const seen = new Set<string>();
  for (const check of satisfy) {
    const identity = identifyCheck(check);
    if (seen.has(identity)) {
      keptSatisfy.push(check);
      continue;
    }
    const conflict = findSatisfyConflict(check, keptSatisfy, density);
    if (conflict !== undefined) {
      conflicts.push({ check, role: "satisfy", conflictsWith: conflict.with, reason: conflict.reason });
      continue;
    }
    seen.add(identity);
    keptSatisfy.push(check);
  }
  for (const check of violate) {
    const conflict = findViolateConflict(check, keptSatisfy, keptViolate, density);
    if (conflict !== undefined) {
      conflicts.push({ check, role: "violate", conflictsWith: conflict.with, reason: conflict.reason });
      continue;
    }
    keptViolate.push(check);
  }
  return { satisfy: keptSatisfy, violate: keptViolate, conflicts };
}

// Checks the composer does not write yet: it neither meets nor breaks them on purpose, so they are
// reported as conflicts and the verifiers score whatever the text happens to do.
const UNWRITTEN_KINDS: Readonly<Partial<Record<Check["kind"], string>>> = {
  paragraph_start: "the first word of a given paragraph",
  letter_count: "a letter's frequency",
  repeat_request: "repeating the request",
  responses: "several responses with a separator",
  sections: "numbered section markers",
  one_of: "a fixed set of answers",
};
const UNWRITTEN_UNITS: readonly CountUnit[] = ["capital_words", "highlights", "placeholders"];

/** Why the composer cannot honour `check` at all, or undefined when it can. */
function describeUnwritten(check: Check): string | undefined {
  const kind = UNWRITTEN_KINDS[check.kind];
  if (kind !== undefined) return `the composer does not write ${kind}`;
  if (check.kind === "count" && UNWRITTEN_UNITS.includes(check.unit)) {
    return `the composer does not write counts of ${check.unit.replace("_", " ")}`;
  }
  if (check.kind === "count" && check.divider !== undefined) {
    return `the composer does not separate paragraphs with ${check.divider}`;
  }
  return undefined;
}

function findSatisfyConflict(
  check: Check,
  kept: readonly Check[],
  density: TextDensity,
): { with: Check | undefined; reason: string } | undefined {
  const unwritten = describeUnwritten(check);
  if (unwritten !== undefined) return { with: undefined, reason: unwritten };
  if (check.kind === "language" && findPhraseBank(check.language) === undefined) {
    return {
      with: undefined,
      reason: `no phrase bank for ${check.name}; the composer writes the nine Maestro languages`,
    };
  }
  for (const other of kept) {
    const reason = satisfyConflict(check, other);
    if (reason !== undefined) return { with: other, reason };
  }
  if (check.kind === "date_format") {
    const formats = [
      ...kept.filter((other) => other.kind === "date_format").map((other) => other.format),
      check.format,
    ];
    if (formats.length > 1 && chooseDateFormat(formats) === undefined) {
      return {
        with: kept.find((other) => other.kind === "date_format"),
        reason: "no date can follow both formats",
      };
    }
  }
  const language = [...kept, check].find((other) => other.kind === "language");
  if (
    language !== undefined &&
    tooShortForLanguage(
      computeCountRanges(
        [...kept, check].filter((other) => other.kind !== "language"),
        [],
      ),
    )
  ) {
    const other = check === language ? [...kept].reverse().find((item) => item.kind === "count") : language;
    return { with: other, reason: "a text this short is too short for its language to be detected" };
  }
  const infeasible = countsInfeasible(
    computeCountRanges([...kept, check], []),
    density,
    readForcedContent([...kept, check], []),
  );
  if (infeasible !== undefined) {
    return { with: [...kept].reverse().find((other) => impliedCounts(other).length > 0), reason: infeasible };
  }
  return undefined;
}

function findViolateConflict(
  check: Check,
  satisfy: readonly Check[],
  violate: readonly Check[],
  density: TextDensity,
): { with: Check | undefined; reason: string } | undefined {
  const unwritten = describeUnwritten(check);
  if (unwritten !== undefined) return { with: undefined, reason: unwritten };
  for (const other of satisfy) {
    const reason = violateConflict(check, other);
    if (reason !== undefined) return { with: other, reason };
  }
  if (
    check.kind === "language" &&
    tooShortForLanguage(
      computeCountRanges(
        satisfy.filter((item) => item.kind !== "language"),
        violate,
      ),
    )
  ) {
    return {
      with: [...satisfy].reverse().find((item) => item.kind === "count"),
      reason: "a text this short is too short for its language to be detected",
    };
  }
  // Breaking a count moves a range; breaking a date, an amount, a keyword adds sentences. Either may leave
  // the counts to meet out of reach.
  const infeasible = countsInfeasible(
    computeCountRanges(satisfy, [...violate, check]),
    density,
    readForcedContent(satisfy, [...violate, check]),
  );
  if (infeasible !== undefined) {
    const unit = check.kind === "count" ? check.unit : undefined;
    const other = [...satisfy, ...violate]
      .reverse()
      .find((item) => item.kind === "count" && (unit === undefined || item.unit === unit));
    return { with: other, reason: `breaking it leaves no count to meet the rest: ${infeasible}` };
  }
  if (check.kind === "answer_only") {
    const ranges = computeCountRanges(satisfy, violate);
    const oneLine = rangeBounds(ranges.get("lines") ?? ANY_COUNT).max <= 1;
    const start = satisfy.find((item) => item.kind === "starts_with");
    if (oneLine && start !== undefined)
      return {
        with: start,
        reason: "a one-line text with a fixed start has no room for a preamble or an explanation",
      };
  }
  return undefined;
}

export {
  COUNT_UNITS,
  computeCountRanges,
  type ForcedContent,
  measureDensity,
  readForcedContent,
  type TextDensity,
  tightenCountRanges,
} from "./plan-counts.js";
