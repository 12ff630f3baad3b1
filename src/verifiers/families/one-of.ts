// A fixed set of answers: "Answer with one of the following options: ('My answer is yes.', 'My answer is
// no.')", "Reply with either 'agree' or 'disagree'", "Your answer must be one of: A, B, C", "Reply only
// with Yes, No or Maybe", "Choose one: 'True' or 'False'. Say nothing else.", "The valid answers are: A, B".
// Two readings, by what the phrasing says:
// - as IFEval's checker reads "Answer with one of the following options": the text contains an option
//   exactly as written (whole words, a closing period aside), so an explanation may follow it, or the
//   whole text is an option in any case ("Agree." for 'agree');
// - when the phrasing says the answer is nothing but the option ("only", "just", "solely", "exactly",
//   "nothing else", "either ... or", "your answer must be one of", "the valid answers are"): the whole
//   text, in any case, quotes, emphasis and a closing period aside, must be one option.
// Either way, a text made only of several options ("C and D", "Yes/No") is not one option.
import type { OneOfCheck } from "../check.js";
import { type ClauseState, eachMatch, QUOTE } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { escapeRegex, memoize } from "../memo.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

// An option never starts the words that say it is the whole answer ("..., say nothing else") or what the
// options are ("..., one of these two labels").
const NOT_QUALIFIER =
  "(?!(?:and |please )?(?:(?:say|write|add|output|include|type|give|return) )?(?:nothing|no other)\\b|one of\\b)";
const ITEM = `${NOT_QUALIFIER}(?:${QUOTE}|[\\p{L}\\p{N}][\\p{L}\\p{N}'’ -]{0,40}?)`;
/** Between options: a comma, semicolon, slash or "or", and after a comma the words that end a list. */
const separator = (listEnds: string) => `\\s*(?:,\\s*(?:${listEnds})\\b|,|;|/|\\bor\\b)\\s*`;
// ", and" ends a list as ", or" does ("one of: red, green, and blue").
const SEPARATOR = separator("or|and");
// The last item ends where its word ends: the lazy ITEM would otherwise stop after one letter ("red, g").
const LIST = `\\(?\\[?(?<list>${ITEM}(?:${SEPARATOR}${ITEM})+)(?![\\p{L}\\p{N}])\\]?\\)?`;
// Options of one to three words each, none of them "or" or "and" (", and explain why" asks for more): a
// list then splits one way only, so that a pattern which fails after it fails in linear time (an option
// that may hold "or" can be split at each "or" or not, and trying every split of "a or a or ..." took
// seconds for 16 of them).
const OPTION_WORD = "(?!(?:or|and)\\b)[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*";
const SHORT_ITEM = `${NOT_QUALIFIER}(?:${QUOTE}|${OPTION_WORD}(?: ${OPTION_WORD}){0,2})(?![\\p{L}\\p{N}'’-])`;
const SHORT_SEPARATOR = separator("or");
const SHORT_LIST = `(?<list>${SHORT_ITEM}(?:${SHORT_SEPARATOR}${SHORT_ITEM})+)`;
// Options named without "one of": each a quoted string or one word, checked in code (a label such as
// "yes", or Capitalised as options are: "Yes, No or Maybe", "A, B, C or D").
const BARE_ITEM = `${NOT_QUALIFIER}(?:${QUOTE}|[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*)`;
const BARE_LIST = `(?<bare>${BARE_ITEM}(?:${SEPARATOR}${BARE_ITEM})+)`;
const LABELS =
  /^(?:yes|no|maybe|true|false|agree|disagree|correct|incorrect|positive|negative|neutral|unsure|unknown)$/i;

const ANSWER_VERB = "(?:answer|respond|reply|say|output|return|write|type)(?:s|ed|ing)?";
const CHOOSE_VERB = "(?:choose|pick|select)(?:s|ed|ing)?";
const ADVERB = "(?:only|just|solely|simply|exactly|strictly)";
const NOUNS =
  "(?:options|choices|answers|responses|replies|phrases|values|labels|words|alternatives|tags|categories|classes|verdicts|levels|ratings|grades|states|statuses)";
/** The options are to be written as given: "one of the following, word for word:". */
const VERBATIM =
  "(?:,? (?:word[- ]for[- ]word|verbatim|exactly as (?:written|listed|given|shown|spelled)|(?:spelled|written) exactly as (?:written|listed|given|shown|below)))?";
const ONE_OF = `(?:one of|exactly one of|only one of|either|one option (?:from|of)|any one of|a single one of)(?: the(?![\\p{L}]))?(?: following| these| those| below| listed)?(?: ${NOUNS})?(?: only)?(?:,? (?:and )?(?:nothing (?:else|more)|no other (?:words|text)))?${VERBATIM}`;
/** What the answer may be called when it is to be one option: "your verdict", "the label". */
const SUBJECT =
  "(?:(?:final |one-word )?(?:answer|response|reply|output)|verdict|decision|choice|pick|label|classification|rating|selection|assessment|ruling)";
// "..., and say nothing else", "and nothing more", "no other words": the answer is the option alone.
const NOTHING_ELSE =
  "(?:nothing else|nothing more|nothing (?:besides|but|apart from|other than|beyond) (?:that|this|it|the (?:option|answer|label|verdict|choice))|no other (?:words|text|output)|no explanations?|no commentary|no elaboration|without (?:an |any )?explanations?|(?:do not|don't|never) (?:add|write|say|include) anything(?: else| more)?)(?: (?:at all|besides|before or after))?";
const QUALIFIER = `(?:\\s*[,;]?\\s*(?:and )?(?:(?:say|write|add|output|include|type|give|return) )?${NOTHING_ELSE}|\\s+only)?`;
/** The answer made of nothing but the option: "consist solely of", "contain only". */
const CONSIST =
  "(?:consists?(?: (?:solely|only|just|exclusively|entirely|purely))? of|contains? (?:only|just|solely|nothing but))";
const MODAL = "(?:must|should|has to|needs to|shall|may only|can only|will|is to)";

const ONE_OF_PHRASINGS = [
  // "Your whole answer must be positive, negative or neutral, one of those three labels": the options first,
  // then what they are (first of all, so that it takes the whole clause).
  `\\b(?:the |your )?(?:(?:whole|entire|full|complete) )?(?:answer|response|reply|output)(?: ${MODAL}) be(?: either)? ${SHORT_LIST}\\s*[,;:(]?\\s*(?:(?:exactly|only) )?one of (?:those|these|the|them)(?: (?:two|three|four|five|six|\\d+))?(?: ${NOUNS})?\\)?`,
  // "Answer with one of the following options: ...", "Reply only with either 'agree' or 'disagree'".
  `\\b(?:${ADVERB} )?(?:${ANSWER_VERB}|${CHOOSE_VERB})(?: ${ADVERB})? (?:with|from|using|by saying)?(?: ${ADVERB})? ?${ONE_OF}\\s*:?\\s*${LIST}`,
  // "Your output must be exactly one word from this list: urgent, normal, low".
  `\\b(?:(?:the |your )?${SUBJECT}(?: ${MODAL})? be|(?:${ANSWER_VERB}|${CHOOSE_VERB})(?: with)?)(?: ${ADVERB})? (?:exactly |only |just )?(?:one|a single) (?:word|label|term|value|option|item)s? (?:from|of|out of) (?:this|the following|these|the|those)(?: (?:list|options|set|choices|labels|words))?\\s*:\\s*${LIST}`,
  // "Reply with a single word, either High, Medium or Low": the options after the one word they may be.
  `\\b(?:${ADVERB} )?${ANSWER_VERB}(?: ${ADVERB})?(?: with| using)? (?:a single|one|just one|only one|exactly one) (?:word|label|term|value)\\s*[,:;]?\\s*(?:either|namely|one of)(?: the following| these)?\\s*:?\\s*${LIST}`,
  // "Your answer must be (exactly) one of these options: A, B, C".
  // "Your reply must consist solely of one of these: LOW, MEDIUM, HIGH".
  `\\b(?:the |your )?${SUBJECT}(?: ${MODAL} (?:be|${CONSIST})| ${CONSIST})(?: (?:exactly|only))? ${ONE_OF}\\s*:?\\s*${LIST}`,
  // "Choose one: 'True' or 'False'", "Pick one option from: red/green".
  `\\b${CHOOSE_VERB}(?: ${ADVERB})? (?:one|a single one)(?: (?:option|answer|choice|value))?(?: (?:of|from|among)(?: the following| these| those| below)?(?: ${NOUNS})?)?\\s*:\\s*${LIST}`,
  // "The valid answers are: A, B", "Allowed options: yes, no".
  `\\b(?:the |your )?(?:only )?(?:valid|allowed|possible|acceptable|permitted|permissible) (?:${NOUNS}|options)(?: (?:are|is))?\\s*:?\\s*${LIST}`,
  // "Tell me only whether it's a mammal: yes or no": a question whose answers follow it and end the clause
  // ("...: yes or no, and explain why" asks for more than the answer).
  `\\b(?:tell me|let me know|say|answer|reply|respond|state)(?: ${ADVERB})? (?:whether|if) [^:\\n]{1,160}:\\s*${SHORT_LIST}(?=${QUALIFIER}[\\s.!?]*$)`,
  // "Reply with just that: red, green, blue" (after "pick one"): the answer is the chosen option.
  `\\b${ANSWER_VERB}(?: with)? ${ADVERB} (?:that|it|this|your (?:choice|pick|selection)|the (?:one|option) you (?:chose|picked|selected)|(?:a single|one) word)\\s*:\\s*${LIST}`,
].map((alternative) => compiledPattern(`${alternative}${QUALIFIER}`, "giu"));
// "Reply only with Yes, No or Maybe", "Respond with 'agree' or 'disagree'", "Answer true or false": the
// options end the clause, so "Reply with Python or Java code" is not read as a choice.
const BARE_PHRASING = compiledPattern(
  `\\b(?:${ADVERB} )?${ANSWER_VERB}(?: ${ADVERB})?(?: with)?(?: either)?(?: ${ADVERB})? ${BARE_LIST}${QUALIFIER}(?=[\\s.!?]*$)`,
  "giu",
);
// "Reply with exactly one letter, A, B, C or D": the one word (letter, number) it may be, then the options.
const ONE_WORD_OPTIONS = compiledPattern(
  `\\b(?:${ADVERB} )?${ANSWER_VERB}(?: ${ADVERB})?(?: with| using)? (?:a single|one|just one|only one|exactly one) (?:word|label|term|value|letter|number|digit)\\s*[,:;]\\s*${BARE_LIST}${QUALIFIER}(?=[\\s.!?]*$)`,
  "giu",
);
const OPTION_TOKEN = compiledPattern(`${QUOTE}|[^,;/\\s\\uE000][^,;/\\uE000]*`, "gu");
const CUE =
  /one of|either|one option|choose|pick|select|valid|allowed|possible|acceptable|permitted|\b(?:answer|respond|reply|say|output|return|write|type|tell me|let me know|state)/i;

/** The options of a written list: quoted strings as quoted, bare ones split at "or", brackets aside. */
function readOptions(state: ClauseState, written: string): string[] {
  return [...written.matchAll(OPTION_TOKEN)]
    .flatMap((item) => (item[1] !== undefined ? [state.quote(item[1])] : item[0].split(/\s+or\s+/i)))
    .map((item) => item.replace(/^\s*(?:(?:or|and)\s+)?|\s+$/gi, "").replace(/^[([]+|[)\]]+$/g, ""))
    .filter((item) => item.trim() !== "");
}

const OPTION_SEPARATOR = compiledPattern(SEPARATOR, "u");

/** Whether bare options read as options: each quoted, a label such as "yes", or Capitalised. */
function looksLikeOptions(written: string): boolean {
  return written
    .split(OPTION_SEPARATOR)
    .every((item) => /^\uE000/.test(item) || LABELS.test(item) || /^[\p{Lu}\p{N}]/u.test(item));
}

/** Reads "answer with one of the following options" phrasings into a one-of check. */
export function recognizeOneOf(state: ClauseState): void {
  if (!CUE.test(state.text)) return;
  const handle = (match: RegExpExecArray): void => {
    const start = match.index;
    const end = start + match[0].length;
    const bare = match.groups?.bare;
    if (bare !== undefined && !looksLikeOptions(bare)) return;
    // "Don't say 'X' or 'Y'" forbids words: left to the keywords family, which reads it.
    if (state.isNegatedBefore(start)) return;
    const options = readOptions(state, bare ?? match.groups?.list ?? "");
    if (options.length < 2) {
      state.reject(start, end);
      return;
    }
    state.accept(start, end, {
      kind: "one_of",
      options,
      source: state.source(start, end),
    } satisfies OneOfCheck);
  };
  for (const pattern of ONE_OF_PHRASINGS) eachMatch(state, pattern, handle);
  eachMatch(state, ONE_WORD_OPTIONS, handle);
  eachMatch(state, BARE_PHRASING, handle);
}

// A check's source says how strictly it reads: "only", "just", "exactly", "nothing else", "either ... or",
// "your answer must be one of", "the valid answers are". Quoted options are left out of the test.
const EXACT_WORDING =
  /\b(?:only|just|solely|simply|exactly|strictly|either|consists? (?:exclusively |entirely |purely )?of|nothing else|nothing more|nothing (?:besides|but|apart from|other than)|word[- ]for[- ]word|verbatim|no other|(?:must|should|has to|needs to|shall|is to) be|valid|allowed|permitted|permissible|acceptable)\b/i;
// What may join the options of a combination: "C and D", "Yes/No", "both A and B".
const CONNECTORS = /^(?:[\s,;/&+.!?*_"'“”‘’()[\]-]|\b(?:and|or|both|plus|also)\b)*$/i;

// "Choose one: 'True' or 'False'. Say nothing else.": a sentence that only says the answer is nothing
// but the option belongs to the choice before it, which the clause reader sees one sentence at a time.
// After a line break only spaces and tabs: `\n\s*` tried every run of blank lines from each of its line
// breaks (quadratic: 40,000 of them took 2 s, and a fuzzed 700 KB of them stalled the local server). For
// the same reason a run of spaces is tried from its first space only (the lookbehind): 40,000 spaces took
// 2.5 s, 700 KB of them would take minutes.
const NOTHING_ELSE_SENTENCE = compiledPattern(
  `(?<![ \\t])(?:[ \\t]*[.;!][ \\t]+|[ \\t]*[.;!]?\\n[ \\t]*)((?:(?:please |and )?(?:say|write|add|output|include|type|give|return) )?${NOTHING_ELSE})(?=[.!]?[ \\t]*(?:\\n|$)|[.!]\\s)`,
  "gi",
);
const CHOICE_BEFORE = /\b(?:one of|either|(?:choose|pick|select) one|or)\b/i;

/**
 * Joins a "Say nothing else." sentence to the choice of answers before it ("..., Say nothing else"), so
 * that the one-of reader reads both; the description is otherwise unchanged.
 */
export function joinNothingElse(description: string): string {
  return description.replace(NOTHING_ELSE_SENTENCE, (match: string, sentence: string, at: number) => {
    const line = description.slice(0, at).split("\n").at(-1) ?? "";
    return CHOICE_BEFORE.test(line.slice(-200)) ? `, ${sentence}` : match;
  });
}

/**
 * "Respond using exactly one of these three sentences and no other text: My answer is yes. / My answer is
 * no. / My answer is maybe.": whole sentences as options, separated by slashes. Read on the whole
 * description, since the clause reader would split the options at their periods.
 */
const SENTENCE_CHOICE =
  /\b(?:(?:answer|respond|reply|write)(?: (?:only|just))?(?: (?:with|using))? )?(?:exactly |only |just )?one of (?:the following|these|those)(?: (?:two|three|four|five|six|\d+))? (?:sentences|options|phrases|answers|responses|replies|statements)(?:,? (?:and|with) (?:no other text|nothing else))?[ \t]*:[ \t]*(?<list>[^\n/]{1,200}(?:[ \t]+\/[ \t]+[^\n/]{1,200}){1,9})[ \t]*(?=\n|$)/i;

/** A choice among whole sentences in `description`, and the description without it; undefined if none. */
export function readSentenceChoice(description: string): { check: OneOfCheck; rest: string } | undefined {
  const match = SENTENCE_CHOICE.exec(description);
  if (match === null) return undefined;
  const options = match.groups!.list!.split(/[ \t]+\/[ \t]+/).map((option) => option.trim());
  if (options.some((option) => option === "")) return undefined;
  const rest = `${description.slice(0, match.index)}${description.slice(match.index + match[0].length)}`;
  return { check: { kind: "one_of", options, source: match[0].trim() }, rest };
}

/** Whether `check` says the answer is nothing but one option. */
export function isExactOneOf(check: OneOfCheck): boolean {
  return EXACT_WORDING.test(check.source.replace(/"[^"]*"/g, " "));
}

const optionPattern = memoize((option: string): RegExp => {
  const core = option.trim().replace(/[.!?]+$/, "");
  const body = escapeRegex(core).replace(/\s+/g, "\\s+");
  const left = /^[\p{L}\p{N}]/u.test(core) ? "(?<![\\p{L}\\p{N}])" : "";
  const right = /[\p{L}\p{N}]$/u.test(core) ? "(?![\\p{L}\\p{N}])" : "";
  return new RegExp(`${left}${body}${right}`, "u");
});
const anyCasePattern = memoize((option: string): RegExp => new RegExp(optionPattern(option).source, "giu"));

function bare(text: string): string {
  return text
    .trim()
    .replace(/^["'“‘*_]+|["'”’*_.!?]+$/g, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** The options a text is made of, and nothing else: ["C", "D"] for "C and D"; undefined otherwise. */
function combination(options: readonly string[], text: string): string[] | undefined {
  let rest = text;
  const found: string[] = [];
  // Longer options first, so that "strongly agree" is one option, not "agree" inside it.
  for (const option of [...options].sort((a, b) => b.trim().length - a.trim().length)) {
    if (option.trim() === "") continue;
    const pattern = anyCasePattern(option);
    pattern.lastIndex = 0;
    if (!pattern.test(rest)) continue;
    found.push(option);
    rest = rest.replace(pattern, " ");
  }
  return found.length >= 2 && CONNECTORS.test(rest) ? found : undefined;
}

/** The option found first in `text` by `patternOf`, the earliest in the text. */
function firstFound(
  options: readonly string[],
  text: string,
  patternOf: (option: string) => RegExp,
): string | undefined {
  let first: { option: string; at: number } | undefined;
  for (const option of options) {
    if (option.trim() === "") continue;
    const pattern = patternOf(option);
    pattern.lastIndex = 0;
    const at = text.search(pattern);
    if (at >= 0 && (first === undefined || at < first.at)) first = { option, at };
  }
  return first?.option;
}

/** Scores a one-of check: 1 when the text is (or, read as IFEval does, contains) exactly one option. */
export function scoreOneOf(check: OneOfCheck, facts: TextFacts): FamilyScore {
  const list = check.options.map((option) => `"${option}"`).join(", ");
  const whole = bare(facts.text);
  const several = combination(check.options, facts.text);
  if (several !== undefined) {
    const named = several.map((option) => `"${option}"`).join(" and ");
    return { score: 0, reason: `a combination of options (${named}), not one; one of ${list} required` };
  }
  const exact = check.options.find((option) => option.trim() !== "" && bare(option) === whole);
  if (exact !== undefined) return { score: 1, reason: `answers with "${exact}"; one of ${list} required` };
  const found = firstFound(check.options, facts.text, optionPattern);
  if (found !== undefined && isExactOneOf(check)) {
    return {
      score: 0,
      reason: `answers with "${found}" and more; only one of ${list} allowed, nothing else`,
    };
  }
  if (found !== undefined) return { score: 1, reason: `answers with "${found}"; one of ${list} required` };
  return { score: 0, reason: `none of the options found as written; one of ${list} required` };
}
