// A fixed set of answers: "Answer with one of the following options: ('My answer is yes.', 'My answer is
// no.')", "Reply with either 'agree' or 'disagree'", "Your answer must be one of: A, B, C", "Respond only
// with yes or no". The text passes when it contains one of the options exactly as written (whole words,
// a closing period aside), as IFEval's checker accepts an option followed by an explanation, or when the
// whole text is an option in any case ("Agree." for 'agree').
import type { OneOfCheck } from "../check.js";
import { type ClauseState, eachMatch, QUOTE } from "../clause-state.js";
import { escapeRegex, memoize } from "../memo.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const ITEM = `(?:${QUOTE}|[\\p{L}\\p{N}][\\p{L}\\p{N}'’ -]{0,40}?)`;
// The last item ends where its word ends: the lazy ITEM would otherwise stop after one letter ("red, g").
const LIST = `\\(?\\[?(${ITEM}(?:\\s*(?:,\\s*or\\b|,|;|/|\\bor\\b)\\s*${ITEM})+)(?![\\p{L}\\p{N}])\\]?\\)?`;
const ONE_OF = new RegExp(
  [
    `\\b(?:(?:answer|respond|reply|choose|pick|select|say)(?:s|ed|ing)?(?: only)? (?:with|from|using|by saying)?(?: (?:only|exactly|just))? ?|(?:the |your )?(?:answer|response|reply|output)(?: (?:must|should|has to|needs to|shall|may only|can only|will)) be(?: (?:exactly|only))? )(?:one of|exactly one of|either|one option (?:from|of)|any one of)(?: the)?(?: following| these| those| below)?(?: (?:options|choices|answers|responses|phrases|values|labels))?(?: only)?\\s*:?\\s*${LIST}`,
    `\\b(?:answer|respond|reply)(?: only)? with (?:either )?(${QUOTE}|yes|no|true|false|maybe)\\s*(?:or|/)\\s*(${QUOTE}|yes|no|true|false|maybe)(?: only)?(?![\\p{L}\\p{N}])`,
  ].join("|"),
  "giu",
);

/** Reads "answer with one of the following options" phrasings into a one-of check. */
export function recognizeOneOf(state: ClauseState): void {
  // The phrasings need "one of", "either", or two options that are quoted (\uE000) or yes/no-like words.
  if (!/one of|either|one option|\b(?:yes|no|true|false|maybe)\b|\uE000/i.test(state.text)) return;
  eachMatch(state, ONE_OF, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    // Groups: the list (and its two quote indices), then the two options of "yes or no" (each with one).
    const written = match[1] ?? `${match[4]}, ${match[6]}`;
    const options = [...written.matchAll(new RegExp(`${QUOTE}|[^,;/\\s\\uE000][^,;/\\uE000]*`, "gu"))]
      .flatMap((item) => (item[1] !== undefined ? [state.quote(item[1])] : item[0].split(/\s+or\s+/i)))
      .map((item) => item.replace(/^\s*(?:or\s+)?|\s+$/gi, "").replace(/^[([]+|[)\]]+$/g, ""))
      .filter((item) => item.trim() !== "");
    if (options.length < 2 || state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    state.accept(start, end, {
      kind: "one_of",
      options,
      source: state.source(start, end),
    } satisfies OneOfCheck);
  });
}

const optionPattern = memoize((option: string): RegExp => {
  const core = option.trim().replace(/[.!?]+$/, "");
  const body = escapeRegex(core).replace(/\s+/g, "\\s+");
  const left = /^[\p{L}\p{N}]/u.test(core) ? "(?<![\\p{L}\\p{N}])" : "";
  const right = /[\p{L}\p{N}]$/u.test(core) ? "(?![\\p{L}\\p{N}])" : "";
  return new RegExp(`${left}${body}${right}`, "u");
});

function bare(text: string): string {
  return text
    .trim()
    .replace(/^["'“‘*_]+|["'”’*_.!?]+$/g, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** Scores a one-of check: 1 when the text contains an option as written, or is one in any case. */
export function scoreOneOf(check: OneOfCheck, facts: TextFacts): FamilyScore {
  const list = check.options.map((option) => `"${option}"`).join(", ");
  const whole = bare(facts.text);
  const found = check.options.find(
    (option) => option.trim() !== "" && (optionPattern(option).test(facts.text) || bare(option) === whole),
  );
  if (found !== undefined) return { score: 1, reason: `answers with "${found}"; one of ${list} required` };
  return { score: 0, reason: `none of the options found as written; one of ${list} required` };
}
