// The simulated model's pen: given the facts of a request and the checks a draft must meet or break, it
// writes a plausible extractive answer (the request's fields restated, a short summary, a reply) that
// the verifiers score exactly as decided. It never guesses: every count is measured with the verifiers'
// own counters while the draft is edited, and every draft is verified before it is returned, with a few
// deterministic fallbacks tried when the first draft misses.
import type { Check } from "../verifiers/index.js";
import { composeJson } from "./compose-json.js";
import { composeProse } from "./compose-prose.js";
import {
  type AttemptShape,
  type ComposePlan,
  type ComposeStyle,
  decideComposeSettings,
} from "./compose-settings.js";
import type { RandomSource } from "./create-random.js";
import { badness, type Evaluation } from "./repair-draft.js";
import { type CheckConflict, resolveCheckConflicts } from "./resolve-check-conflicts.js";
import { isStructureCheck, writeStructure } from "./write-structure.js";

/** A composed text and how it relates to the plan. */
export interface ComposeResult {
  text: string;
  /** The checks kept to meet and to break, after conflicts were resolved. */
  satisfy: Check[];
  violate: Check[];
  /** Checks of the plan that were not honoured because they conflict (see `resolveCheckConflicts`). */
  conflicts: CheckConflict[];
  /** Kept checks to meet that the text still fails; empty unless the composer ran out of attempts. */
  unmet: Check[];
  /**
   * Kept checks to break that the text does not break: it meets them, or their verifier cannot tell (a
   * text too short for its language to be detected). Empty unless the composer ran out of attempts.
   */
  unbroken: Check[];
  /** ISO 639-3 code of the language written. */
  language: string;
  style: ComposeStyle;
}

const ATTEMPTS = 4;

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

function assertPlan(plan: ComposePlan): void {
  if (typeof plan !== "object" || plan === null)
    throw new TypeError(`composeOutput: plan must be an object, got ${describe(plan)}`);
  if (typeof plan.random !== "function") {
    throw new TypeError(
      `composeOutput: plan.random must be a function returning numbers in [0, 1), got ${describe(plan.random)}`,
    );
  }
  if (typeof plan.facts !== "object" || plan.facts === null || !Array.isArray(plan.facts.fields)) {
    throw new TypeError(
      `composeOutput: plan.facts must be the facts extractFacts returns, got ${describe(plan.facts)}`,
    );
  }
  if (!Array.isArray(plan.satisfy))
    throw new TypeError(
      `composeOutput: plan.satisfy must be an array of checks, got ${describe(plan.satisfy)}`,
    );
  if (plan.violate !== undefined && !Array.isArray(plan.violate)) {
    throw new TypeError(
      `composeOutput: plan.violate must be an array of checks, got ${describe(plan.violate)}`,
    );
  }
}

function shuffle<T>(items: readonly T[], random: RandomSource): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

const ATTEMPT_SHAPES: readonly AttemptShape[] = [
  { fillers: 0, minimal: false, noteOnly: false },
  { fillers: 2, minimal: false, noteOnly: false },
  { fillers: 2, minimal: false, noteOnly: true },
  { fillers: 0, minimal: true, noteOnly: true },
];

/**
 * Composes a draft that meets every check of `plan.satisfy` and breaks every check of `plan.violate`,
 * built extractively from `plan.facts` (their fields restated, their sentences quoted, a reply written
 * around them) and slotted into a phrase bank of the chosen language. Conflicting checks are resolved
 * first ({@link resolveCheckConflicts}: meeting wins over breaking, and of two checks to meet the
 * earlier wins); the result lists them, and `unmet`/`unbroken` list any kept check the text still gets
 * wrong after every attempt (expected empty). Pure and deterministic: the same plan and the same random
 * sequence give the same text, byte for byte.
 *
 * What each check kind does, met / broken:
 * - `count`: the draft is edited (fillers and short padding phrases added or dropped, sentences joined
 *   with "and" or run on over lines, lines and paragraphs split or merged, lines turned into items or
 *   headers) and re-measured with the verifiers' own counter after every edit, until each count is in
 *   every range to meet and outside every range to break. Bullets are "- ", or "• " in plain text.
 * - `keywords`: mentions are added ("This also concerns refund.") up to a minimum, and content holding a
 *   keyword with a maximum is left out / one keyword is pushed out of its range (mentioned max+1 times,
 *   or left out entirely).
 * - `answer_only`: no preamble and no explanation line / a first line "Sure, here is what I found.", or
 *   a "Note: ..." line after the first when the start is fixed or sentences are scarce.
 * - `json`: an object with the required keys (values read from the key: answer, confidence, a field's
 *   role...) or the request's fields and a summary; a JSON string when the text must also be quoted; one
 *   line or indented, blank lines for paragraphs, a list of details for lines / prose, or an object
 *   without a key the check requires.
 * - `title`: `<<Summary of the request>>` in the draft's language, on the first line or inline / none.
 * - `postscript`: a last line "P.S. ..." ("PS: ..." when sentences are scarce, as "P.S." ends one) / none.
 * - `no_markdown`: "•" bullets, no headers, numbers or emphasis / one piece in **bold**.
 * - `case`: the whole text lower- or upper-cased (required JSON keys keep theirs) / mixed case; a text in
 *   Arabic or Hebrew, which have no case, gets the word "Summary".
 * - `starts_with`: the phrase on the first line ("Dear customer," for "Dear") / another first line.
 * - `ends_with`: the phrase at the very end ("?" and "!" a question or exclamation of the language), on
 *   its own line in a reply / another ending.
 * - `quoted`: wrapped in "..." (in “...” when the text must not parse as JSON) / not wrapped.
 * - `date_format`: every date rewritten in the format / dates in another format (MM/DD/YYYY, DD.MM.YYYY,
 *   "March 5, 2026"...), with a dated sentence added when the request has no date.
 * - `currency`: amounts as $1,234.50 (amounts from $1,000 left out when commas are forbidden) / "1234.50
 *   USD", with an amount sentence added when the request has none.
 * - `language`: the phrase bank of the language (translated field labels, its sentences; the request's
 *   own sentences are left out, as they are not translated), at least 12 words / English (Spanish when
 *   English is the language to break); either way the verifiers decide it (score 0, never null).
 * - `forbid_marks`: the marks removed ("1,234" to "1234", "!" to ".", ";" to ",") / the mark shown on a
 *   sentence: a comma, semicolon or em dash before its "and" or after a short opening phrase, "!" at its
 *   end ("¡" at its start when it runs on), an emoji before its terminator.
 *
 * - `one_of`, placeholders, highlights, capital words, `responses`, `sections`, `paragraph_start`,
 *   `repeat_request`: written last into the finished text (an option appended, "To fill in: [name] ...",
 *   words wrapped in *...* or capitalised, "Version N:" parts joined by the separator, "SECTION N" lines,
 *   the word put first, the request repeated first) / left out or pushed past a bound; each edit is
 *   kept only when every other kept check still holds, else the check is a conflict.
 * - `letter_count` and paragraphs with a divider are not written: reported as conflicts.
 *
 * Cannot be honoured (reported as conflicts, see {@link resolveCheckConflicts}): a language without a
 * phrase bank (only the nine Maestro response languages are written); a language with fewer than 12
 * words or 80 characters allowed; headers or numbered items in plain text; a JSON text with a fixed start
 * or end, a postscript, list items, a preamble to break, or (with several keys) no commas; count ranges
 * that realistic text cannot reach at the language's density (pessimistic figures, so a few tight but
 * feasible combinations are reported too).
 *
 * @example
 * const facts = extractFacts("Extract the fields.\nVendor: Acme Corp\nTotal: 1234.5 USD\nDue: 03/15/2026");
 * const satisfy = parseRequirement("Dates must follow YYYY-MM-DD and amounts should be in USD format").checks;
 * composeDraft({ facts, satisfy, random: createRandom("seed") }).text;
 * // "The document contains the following details.\n\nVendor name: Acme Corp\nTotal amount: $1,234.50\nDue date: 2026-03-15"
 */
export function composeDraft(plan: ComposePlan): ComposeResult {
  assertPlan(plan);
  // Fixed answers, placeholders, highlights, sections... shape the finished text: written last.
  const structure = {
    satisfy: plan.satisfy.filter(isStructureCheck),
    violate: (plan.violate ?? []).filter(isStructureCheck),
  };
  const resolved = resolveCheckConflicts(
    plan.satisfy.filter((check) => !isStructureCheck(check)),
    (plan.violate ?? []).filter((check) => !isStructureCheck(check)),
    plan.language === undefined ? {} : { language: plan.language },
  );
  const settings = decideComposeSettings(plan, resolved.satisfy, resolved.violate);
  const order = shuffle(
    settings.bank.fillers.map((_, index) => index),
    settings.random,
  );
  let best: Evaluation | undefined;
  for (const shape of ATTEMPT_SHAPES.slice(0, ATTEMPTS)) {
    const evaluation =
      settings.json !== undefined
        ? composeJson(settings, shape, order)
        : composeProse(settings, shape, order);
    if (best === undefined || badness(evaluation) < badness(best)) best = evaluation;
    if (badness(best) === 0) break;
  }
  const written =
    structure.satisfy.length + structure.violate.length === 0
      ? undefined
      : writeStructure(best!.text, structure, resolved, plan.facts.instruction);
  return {
    text: written?.text ?? best!.text,
    satisfy: [...resolved.satisfy, ...(written?.satisfy ?? [])],
    violate: [...resolved.violate, ...(written?.violate ?? [])],
    conflicts: [...resolved.conflicts, ...(written?.conflicts ?? [])],
    unmet: best!.unmet,
    unbroken: best!.unbroken,
    language: settings.bank.code,
    style: settings.style,
  };
}

/**
 * Composes the text of a draft; see {@link composeDraft} for the contract.
 *
 * @example
 * composeOutput({ facts: extractFacts("Respond in French."), satisfy: parseRequirement("Respond in French").checks, random: createRandom(1) });
 */
export function composeOutput(plan: ComposePlan): string {
  return composeDraft(plan).text;
}
