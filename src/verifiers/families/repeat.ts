// Repeating the request: "First repeat the request word for word without change, then give your answer",
// "Restate my question verbatim before answering", "Begin by copying the prompt exactly". The check needs
// the request the text answers (the `input` option of verify); without it, it cannot decide.
import type { RepeatRequestCheck } from "../check.js";
import { compiledPattern } from "../compiled-pattern.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const REQUEST = "(?:request|prompt|question|instructions?|query|task|input|message|ask)";
const REPEAT = compiledPattern(
  `\\b(?:(?:first|start by|begin by|before (?:answering|you answer|responding|replying)(?: it)?,?) )?(?:repeat|restate|copy|echo|reproduce|rewrite|write out|quote)(?:ing)? (?:back )?(?:the|my|this|your|our|the (?:user's|original|full|entire|whole|exact)|the above|back the)? ?(?:(?:original|full|entire|whole|exact|above|user's) )?${REQUEST}(?: (?:above|below|itself|back|in full))?(?:(?:,)? (?:word for word|word-for-word|verbatim|exactly|exactly as (?:it (?:is|was) )?(?:written|given|asked|stated)|as is|as it is|without (?:any )?(?:change|changes|modifications?|alterations?)|letter for letter|character for character|in full))*(?:,? (?:and )?(?:then|before|after that|afterwards|and then|first,? then)? ?(?:give|provide|write|answer|respond|reply|address)(?:ing)?(?: (?:your|the|an|with your|to it|it))?(?: (?:answer|response|reply))?)?(?:,? before (?:answering|responding|replying|giving (?:your|the|an) (?:answer|response))(?: it)?)?(?: \\([^()]*\\))?[.;]?`,
  "i",
);
// A requirement must say the repeat is exact or comes first; "repeat the question" alone might be a paraphrase.
const EXACT =
  /word for word|word-for-word|verbatim|exactly|without (?:any )?(?:change|modification|alteration)|letter for letter|character for character|as is|first|before|start by|begin by|then/i;
const NOTHING_BEFORE =
  /\b(?:do not|don't|never) (?:say|write|add|output|include) (?:any(?:thing| words?(?: or characters?)?| characters?| text)?)(?: else)? before (?:repeating|you repeat|the repeat(?:ed)?)(?: (?:the|my) (?:request|prompt|question))?[.;]?/gi;
const NOT_THIS_SENTENCE =
  /\b(?:the (?:request|prompt|question)(?: (?:you need|you have|to be))? to repeat|what you repeat)(?: does not| doesn't| should not| must not) include (?:this|the present) (?:sentence|instruction|requirement)[.;]?/gi;

/** Reads a repeat-the-request rule from the whole description; the check excludes the description itself. */
export function readRepeatRequest(
  text: string,
  description: string,
): { check: RepeatRequestCheck; rest: string } | undefined {
  const match = REPEAT.exec(text);
  if (match === null || !EXACT.test(match[0])) return undefined;
  const check: RepeatRequestCheck = {
    kind: "repeat_request",
    excluding: description.trim(),
    source: match[0].replace(/[.;]$/, "").trim(),
  };
  const rest = `${text.slice(0, match.index)}.\n${text.slice(match.index + match[0].length)}`
    .replace(NOTHING_BEFORE, ".\n")
    .replace(NOT_THIS_SENTENCE, ".\n");
  return { check, rest };
}

// A sentence of the request that asks for the repeat is not part of what is repeated.
const ABOUT_REPEATING = compiledPattern(
  /\b(?:after|once|when|you(?:'ve| have)?) (?:you )?(?:have )?repeated\b|\b(?:repeat|restate|reproduce|echo|copy)(?:ing)?\b[^.!?\n]*\b(?:request|prompt|question|sentence|instructions?|query|task|above|below|verbatim|word for word)|\brepeat (?:it|this|them)\b|\bbefore repeating\b|\bword for word\b|\bverbatim\b|\b(?:do not|don't|please do not) change it\b/i,
);

/**
 * The part of the request to repeat: the request without the instruction itself (when it is in the
 * request word for word) and without the sentences that ask for the repeat ("First repeat the request
 * below, word for word...", "Do not say any words before repeating the request").
 */
export function readRequestToRepeat(input: string, excluding: string): string[] {
  let request = input;
  const excluded = excluding.trim();
  if (excluded !== "") {
    const at = request.lastIndexOf(excluded);
    if (at >= 0) request = request.slice(0, at) + request.slice(at + excluded.length).replace(/^[.;:!]+/, "");
  }
  const hasWords = (part: string): boolean => /[\p{L}\p{N}]/u.test(part);
  // The instruction usually has its own line or paragraph ("Repeat the request above... After that,
  // you can give your answer."): drop such lines whole; failing that, drop only the sentences about it.
  const lines = request.split("\n");
  const byLine = lines.filter((line) => hasWords(line) && !ABOUT_REPEATING.test(line)).join("\n");
  // Sentences end at ".", "!" or "?" before a capital letter or a line break ("i.e. <<x>>" goes on).
  const sentences = request.split(/(?<=[.!?])[ \t]+(?=[\p{Lu}"'“(])|(?<=\n)/u);
  const bySentence = sentences
    .filter((sentence) => hasWords(sentence) && !ABOUT_REPEATING.test(sentence))
    .join(" ");
  return [byLine, bySentence].filter((candidate) => candidate.trim() !== "");
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Scores a repeat-request check: 1 when the text, case and spacing aside, starts with the request (the
 * input without the instruction itself); null without the request.
 */
export function scoreRepeatRequest(
  check: RepeatRequestCheck,
  facts: TextFacts,
  input: string | undefined,
): FamilyScore {
  if (input === undefined) {
    return {
      score: null,
      reason: "the request is not known (pass it as input); cannot check that it is repeated",
    };
  }
  const candidates = readRequestToRepeat(input, check.excluding).map(normalize);
  const wanted = candidates[0];
  if (wanted === undefined)
    return { score: null, reason: "the request is empty once the instruction is removed; nothing to repeat" };
  const text = normalize(facts.text);
  if (candidates.some((candidate) => text.startsWith(candidate))) {
    return { score: 1, reason: "the text starts with the request, word for word" };
  }
  let same = 0;
  while (same < wanted.length && text.charCodeAt(same) === wanted.charCodeAt(same)) same++;
  const shown = wanted.slice(Math.max(0, same - 10), same + 20);
  return {
    score: 0,
    reason: `the text does not start with the request word for word (differs after ${same} of ${wanted.length} characters, at "${shown}")`,
  };
}
