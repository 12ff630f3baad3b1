// The composer's last pen strokes, for the checks that shape a finished text rather than its sentences:
// a fixed answer, placeholders, highlighted words, capital words, several responses, marked sections, a
// paragraph's first word, the request repeated. Each edit is tried on the composed text and kept only
// when the check then comes out as planned (met, or broken) and every other kept check still does;
// otherwise the check is reported as a conflict, as the composer reports any check it cannot honour.
import { type Check, verify } from "../verifiers/index.js";
import type { CheckConflict } from "./resolve-check-conflicts.js";

/** The check kinds written here, after the draft is composed. */
export function isStructureCheck(check: Check): boolean {
  if (check.kind === "count") {
    return (
      check.divider === undefined && ["capital_words", "highlights", "placeholders"].includes(check.unit)
    );
  }
  return ["one_of", "responses", "sections", "paragraph_start", "repeat_request"].includes(check.kind);
}

/** What {@link writeStructure} did: the text, the checks it honoured, and the ones it could not. */
export interface StructureResult {
  text: string;
  satisfy: Check[];
  violate: Check[];
  conflicts: CheckConflict[];
}

const PLACEHOLDER_NAMES = ["name", "date", "company", "address", "phone", "email", "city", "title"];

function fieldsLine(count: number): string {
  const names = Array.from(
    { length: count },
    (_, index) =>
      `[${PLACEHOLDER_NAMES[index % PLACEHOLDER_NAMES.length]}${index >= 8 ? ` ${index + 1}` : ""}]`,
  );
  return `To fill in: ${names.join(" ")}`;
}

/** Wraps (or capitalises) the first `count` words of four letters or more that are not yet marked. */
function markWords(text: string, count: number, mark: (word: string) => string): string {
  let left = count;
  return text.replace(/(?<![\p{L}\p{N}*_[])\p{Ll}[\p{L}]{3,}(?![\p{L}\p{N}*_\]])/gu, (word) => {
    if (left <= 0) return word;
    left--;
    return mark(word);
  });
}

/** A target count within a check's bounds (to meet) or just outside them (to break); undefined if none. */
function targetCount(check: { min?: number; max?: number }, meet: boolean): number | undefined {
  if (meet) return check.min ?? 0;
  if (check.max !== undefined) return check.max + 1;
  if (check.min !== undefined && check.min > 0) return check.min - 1;
  return undefined;
}

/** Candidate texts for one check: each meets it (or breaks it), to be verified against everything else. */
function candidates(check: Check, text: string, meet: boolean, request: string): string[] {
  switch (check.kind) {
    case "count": {
      const wanted = targetCount(check, meet);
      if (wanted === undefined) return [];
      if (check.unit === "placeholders") return wanted === 0 ? [text] : [`${text}\n\n${fieldsLine(wanted)}`];
      if (check.unit === "highlights") return [markWords(text, wanted, (word) => `*${word}*`)];
      if (check.unit === "capital_words") return [markWords(text, wanted, (word) => word.toUpperCase())];
      return [];
    }
    case "one_of":
      return meet ? [`${text}\n\n${check.options[0] ?? ""}`, check.options[0] ?? ""] : [text];
    case "responses": {
      if (!meet) return [text];
      const parts = Array.from({ length: check.count }, (_, index) => `Version ${index + 1}:\n${text}`);
      return [parts.join(`\n${check.separator}\n`)];
    }
    case "sections": {
      const wanted = targetCount(check, meet);
      if (wanted === undefined) return [];
      const paragraphs = text.split(/\n\s*\n/);
      const sections = Array.from(
        { length: wanted },
        (_, index) => `${check.marker} ${index + 1}\n${paragraphs[index % paragraphs.length]}`,
      );
      return [wanted === 0 ? text : sections.join("\n\n")];
    }
    case "paragraph_start": {
      const paragraphs = text.split(/\n\s*\n/);
      while (paragraphs.length < check.paragraph) paragraphs.push(paragraphs.at(-1) ?? text);
      const target = paragraphs[check.paragraph - 1]!;
      const replaced = meet
        ? `${check.word} ${target}`
        : target.toLowerCase().startsWith(check.word.toLowerCase())
          ? `Then, ${target}`
          : target;
      paragraphs[check.paragraph - 1] = replaced;
      return [paragraphs.join("\n\n")];
    }
    case "repeat_request":
      return meet ? [`${request.trim()}\n\n${text}`] : [text];
    default:
      return [];
  }
}

function holds(text: string, check: Check, meet: boolean, request: string): boolean {
  const score = verify(text, [check], { input: request }).score;
  return meet ? score === 1 : score !== null && score < 1;
}

/**
 * Writes the structure checks into a composed text, one by one, meeting those of `satisfy` and breaking
 * those of `violate`, and keeps every edit that leaves the `kept` checks as they were.
 */
export function writeStructure(
  composed: string,
  plan: { satisfy: readonly Check[]; violate: readonly Check[] },
  kept: { satisfy: readonly Check[]; violate: readonly Check[] },
  request: string,
): StructureResult {
  let text = composed;
  const result: StructureResult = { text, satisfy: [], violate: [], conflicts: [] };
  const done = { satisfy: [...kept.satisfy], violate: [...kept.violate] };
  const stillHolds = (candidate: string): boolean =>
    done.satisfy.every((other) => holds(candidate, other, true, request)) &&
    done.violate.every((other) => holds(candidate, other, false, request));
  for (const [checks, meet] of [
    [plan.satisfy, true],
    [plan.violate, false],
  ] as const) {
    for (const check of checks) {
      const written = [text, ...candidates(check, text, meet, request)].find(
        (candidate) => holds(candidate, check, meet, request) && stillHolds(candidate),
      );
      if (written === undefined) {
        result.conflicts.push({
          check,
          role: meet ? "satisfy" : "violate",
          conflictsWith: undefined,
          reason: `the composer could not ${meet ? "meet" : "break"} it without changing another check`,
        });
        continue;
      }
      text = written;
      (meet ? done.satisfy : done.violate).push(check);
      (meet ? result.satisfy : result.violate).push(check);
    }
  }
  result.text = text;
  return result;
}
