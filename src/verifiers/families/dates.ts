// Dates: "Dates must follow YYYY-MM-DD", "Use ISO-8601 dates", "Format all dates as DD/MM/YYYY". Every
// date found in the text is judged on its own, so the score is the fraction well formed: 3 of 4 → 0.75.
// A text with no dates satisfies the rule (there is nothing to format) and says so in its reason.

import {
  findNamedDates,
  findNumericDates,
  isDateLike,
  type NumericDate,
  readDate,
} from "../calendar-date.js";
import type { DateFormatCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const FORMAT =
  /\biso[- ]?8601\b(?: (?:date )?(?:format|standard|notation|style|dates?))?|\biso (?:date )?(?:format|standard|dates?)\b|\b(?:y{2,4}|m{1,2}|d{1,2})([-/.])(?:y{2,4}|m{1,2}|d{1,2})\1(?:y{2,4}|m{1,2}|d{1,2})\b(?: (?:date )?(?:format|notation|style))?/gi;
const DATE_WORD = /\b(?:(?:all|the|any|every|each) )?(?:dates?|timestamps?|datetimes?)\b/gi;

/** Reads a date format in a clause ("YYYY-MM-DD", "ISO 8601") into a date-format check. */
export function recognizeDates(state: ClauseState): void {
  let found = false;
  eachMatch(state, FORMAT, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const format = readFormat(match[0]);
    if (format === undefined || state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    found = true;
    state.accept(start, end, {
      kind: "date_format",
      format,
      source: state.source(start, end),
    } satisfies DateFormatCheck);
  });
  // The word "dates" belongs to the format rule it came with; without one it is left for the report.
  if (found)
    eachMatch(state, DATE_WORD, (match) => state.consume(match.index, match.index + match[0].length));
}

/** Normalises a written format: "ISO 8601" → "ISO-8601", "yyyy-mm-dd" → "YYYY-MM-DD"; undefined if unusable. */
function readFormat(written: string): string | undefined {
  if (written.toLowerCase().startsWith("iso")) return "ISO-8601";
  // FORMAT's last form: three runs of y, m and d between two equal separators.
  const pattern = /([ymd]+)([-/.])([ymd]+)\2([ymd]+)/i.exec(written)!;
  const parts = [pattern[1]!, pattern[3]!, pattern[4]!].map((part) => part.toUpperCase());
  const letters = parts
    .map((part) => part.charAt(0))
    .sort()
    .join("");
  const valid = parts.every((part) => /^(?:YYYY|YY|MM|M|DD|D)$/.test(part));
  if (letters !== "DMY" || !valid) return undefined;
  return parts.join(pattern[2]!);
}

const ISO_TIME =
  /^T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d|60)(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

/** Whether one numeric date follows `format`; the time after it counts for ISO 8601 only. */
function followsFormat(format: string, found: NumericDate): boolean {
  if (readDate(found.date, format) === undefined) return false;
  return format !== "ISO-8601" || found.time === undefined || ISO_TIME.test(found.time);
}

/** Scores a date-format check: the fraction of dates found that follow the format; 1 when there are none. */
export function scoreDateFormat(check: DateFormatCheck, facts: TextFacts): FamilyScore {
  const text = facts.text;
  const bad: string[] = [];
  let total = 0;
  for (const found of findNumericDates(text)) {
    // A date written in the format asked for is a date, however unusual the format ("26.03.05").
    const follows = followsFormat(check.format, found);
    if (!follows && !isDateLike(found)) continue;
    total++;
    if (!follows) bad.push(found.text);
  }
  for (const found of findNamedDates(text)) {
    total++;
    bad.push(found.text);
  }
  if (total === 0) return { score: 1, reason: `no dates found; nothing to check against ${check.format}` };
  const good = total - bad.length;
  const shown = bad
    .slice(0, 3)
    .map((date) => `"${date}"`)
    .join(", ");
  const more = bad.length > 3 ? ` and ${bad.length - 3} more` : "";
  const reason =
    bad.length === 0
      ? `${total} of ${total} dates follow ${check.format}`
      : `${good} of ${total} dates follow ${check.format}; not: ${shown}${more}`;
  return { score: good / total, reason };
}
