// Repeating the request: "First repeat the request word for word without change, then give your answer",
// "Restate my question verbatim before answering", "Begin by copying the prompt exactly", "Start by
// restating my question exactly as written", "Begin your reply with a verbatim copy of the prompt", "My
// question should be repeated word for word at the top". The check needs the request the text answers (the
// `input` option of verify); without it, it cannot decide.
import type { RepeatRequestCheck } from "../check.js";
import { compiledPattern } from "../compiled-pattern.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const REQUEST = "(?:request|prompt|question|instructions?|query|task|input|message|ask)";
/** Whose request, and which of it: "the", "my", "the user's original", "the full". */
const WHOSE =
  "(?:the|my|this|your|our|the (?:user's|original|full|entire|whole|exact)|the above|back the)? ?(?:(?:original|full|entire|whole|exact|above|user's) )?";
/** A verb of repeating in any of its forms: "restate", "restating", "copied", "echoes", "writing out". */
const REPEAT_VERB =
  "(?:repeat(?:s|ed|ing)?|restat(?:e|es|ed|ing)|cop(?:y|ies|ied|ying)|echo(?:es|ed|ing)?|reproduc(?:e|es|ed|ing)|rewrit(?:e|es|ing|ten)|writ(?:e|es|ing) out|quot(?:e|es|ed|ing)|recit(?:e|es|ed|ing)|retyp(?:e|es|ed|ing))";
/** "Say my question back to me", "read the prompt back": a verb that repeats when "back" follows it. */
const SAY_BACK = "(?:say|read|type|give|hand|feed|play)(?:s|ing)?(?=(?: [\\w'’]+){1,4} back\\b)";
/** How exact the repeat is: "word for word", "verbatim", "exactly as written", "unchanged". */
const EXACTLY =
  "(?:word for word|word-for-word|verbatim|exactly as (?:it (?:is|was) |you (?:got|see|received) it |i )?(?:written|given|asked|stated|typed|phrased|worded|received|sent|wrote it|typed it|asked it)|exactly|as is|as it is|without (?:any )?(?:change|changes|modifications?|alterations?|edits?)|unchanged|unaltered|unedited|letter for letter|character for character|in full)";
/** Where the repeat goes: "at the top of your reply", "as the very first thing", "up front". */
const POSITION =
  "(?:at the (?:very )?(?:top|start|beginning|outset)(?: of (?:your|the) (?:reply|response|answer|output|message))?|as the (?:very )?first (?:thing|part|line)(?: (?:in|of) (?:your|the) (?:reply|response|answer|output|message))?|up front|before anything else)";
/** The answer that follows the repeat: ", then give your answer", "followed by the answer", "and then go on to answer it". */
const THEN_ANSWER =
  "(?:[.;] (?:after that|afterwards|after this|next|then),? (?:you (?:can|may|should) )?(?:give|write|provide|add|answer)(?: (?:it|(?:your|the|an) (?:answer|response|reply)))?|,? (?:and )?(?:followed by (?:your|the|an) (?:answer|response|reply)|(?:then|before|after that|afterwards|and then|first,? then|next)? ?(?:go on to |proceed to |move on to )?(?:giv(?:e|ing)|provid(?:e|ing)|writ(?:e|ing)|answer(?:ed|ing)?|respond(?:ed|ing)?|repl(?:y|ied|ying)|address(?:ed|ing)?)(?: (?:your|the|an|with your|to it|it))?(?: (?:answer|response|reply))?))";
const REPEAT = compiledPattern(
  `\\b(?:(?:first|(?:start|begin|open|lead(?: off)?|kick off) by|before (?:answering|responding|replying|you (?:answer|respond|reply))(?: it)?,?) )?(?:${REPEAT_VERB}|${SAY_BACK}) (?:back )?${WHOSE}${REQUEST}(?: (?:above|below|itself|back(?: to (?:me|us|the user))?|in full))?(?:,? (?:${EXACTLY}|${POSITION}))*${THEN_ANSWER}?(?:,? before (?:answering|responding|replying|you (?:answer|respond|reply)|giving (?:your|the|an) (?:answer|response))(?: it)?)?(?: \\([^()]*\\))?[.;]?`,
  "i",
);
/** A noun for the repeat: "a verbatim copy of the prompt", "an exact repetition of my question". */
const COPY_NOUN =
  "(?:copy|repetition|repeat|reproduction|duplicate|quote|quotation|echo|transcript|transcription|restatement|rendition)";
const EXACT_ADJECTIVE =
  "(?:verbatim|word-for-word|word for word|exact|literal|precise|faithful|unchanged|unaltered|unedited|identical|character-for-character|letter-for-letter)";
/**
 * The repeat named as what the text opens with: "Begin your reply with a verbatim copy of the prompt",
 * "The first thing in your answer must be an exact copy of my question, followed by the answer".
 */
const REPEAT_FIRST = compiledPattern(
  `\\b(?:(?:start|begin|open|lead|preface|kick off)(?:s|ning|ing)?(?: off)?(?: (?:your|the) (?:(?:entire|whole|full) )?(?:reply|response|answer|output|message|text))? with|(?:the|your) (?:very )?first (?:thing|part|line)(?: (?:in|of) (?:your|the) (?:reply|response|answer|output|message))? (?:must|should|shall|has to|needs to|will|is to) be) (?:an? |the )?(?<exact>${EXACT_ADJECTIVE} )?(?<noun>${COPY_NOUN}) of ${WHOSE}${REQUEST}(?: (?:above|below|itself))?(?:,? ${EXACTLY})*${THEN_ANSWER}?[.;]?`,
  "i",
);
const REPEATED =
  "(?:repeated|restated|copied|quoted|reproduced|echoed|written out|retyped|recited|pasted|typed out)";
/** "Open your response with my request copied verbatim", "Begin with the question, word for word". */
const REPEAT_OPEN_WITH = compiledPattern(
  `\\b(?:start|begin|open|lead|preface|kick off)(?:s|ning|ing)?(?: off)?(?: (?:your|the) (?:(?:entire|whole|full) )?(?:reply|response|answer|output|message|text))? with ${WHOSE}${REQUEST}(?: (?:above|below|itself))?(?:,? ${REPEATED})?(?:,? ${EXACTLY})+${THEN_ANSWER}?[.;]?`,
  "i",
);
/** Nouns that may name a paraphrase: only a repeat when an adjective says it is exact. */
const LOOSE_NOUN = /^(?:restatement|rendition|quote|quotation|echo)$/i;
/** "My question should be repeated word for word at the top of your reply": the request as the subject. */
const REPEAT_PASSIVE = compiledPattern(
  `\\b(?:the|my|your|this) (?:(?:original|full|entire|exact|user's) )?${REQUEST} (?:must|should|shall|has to|needs to|is to|will) (?:first )?be ${REPEAT_VERB}(?:,? (?:${EXACTLY}|${POSITION}|first))+${THEN_ANSWER}?[.;]?`,
  "i",
);
// A requirement must say the repeat is exact or comes first; "repeat the question" alone might be a paraphrase.
const EXACT =
  /word for word|word-for-word|verbatim|exactly|without (?:any )?(?:change|modification|alteration|edit)|unchanged|unaltered|unedited|letter for letter|character for character|as is|first|before|start by|begin by|then|at the (?:very )?(?:top|start|beginning|outset)|up front/i;
const NOTHING_BEFORE =
  /\b(?:do not|don't|never) (?:say|write|add|output|include) (?:any(?:thing| words?(?: or characters?)?| characters?| text)?)(?: else)? before (?:repeating|you repeat|the repeat(?:ed)?)(?: (?:the|my) (?:request|prompt|question))?[.;]?/gi;
const NOT_THIS_SENTENCE =
  /\b(?:the (?:request|prompt|question)(?: (?:you need|you have|to be))? to repeat|what you repeat)(?: does not| doesn't| should not| must not) include (?:this|the present) (?:sentence|instruction|requirement)[.;]?/gi;

/** The first repeat-the-request phrasing in `text`, in any of its forms, that says the repeat is exact or first. */
function findRepeat(text: string): RegExpExecArray | undefined {
  const verb = REPEAT.exec(text);
  if (verb !== null && EXACT.test(verb[0])) return verb;
  const first = REPEAT_FIRST.exec(text);
  if (first !== null && (first.groups?.exact !== undefined || !LOOSE_NOUN.test(first.groups?.noun ?? ""))) {
    return first;
  }
  const opened = REPEAT_OPEN_WITH.exec(text);
  if (opened !== null) return opened;
  const passive = REPEAT_PASSIVE.exec(text);
  return passive !== null && EXACT.test(passive[0]) ? passive : undefined;
}

/** Reads a repeat-the-request rule from the whole description; the check excludes the description itself. */
export function readRepeatRequest(
  text: string,
  description: string,
): { check: RepeatRequestCheck; rest: string } | undefined {
  const match = findRepeat(text);
  if (match === undefined) return undefined;
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

// A sentence of the request that asks for the repeat is not part of what is repeated. Not "repeated": "Your
// response (including the repeated request) should have 45 words or less" is part of the request.
const ABOUT_REPEATING = compiledPattern(
  /\b(?:after|once|when|you(?:'ve| have)?) (?:you )?(?:have )?repeated\b|\b(?:repeat(?:ing)?|restat(?:e|ing)|reproduc(?:e|ing)|echo(?:ing)?|cop(?:y|ying))\b[^.!?\n]*\b(?:request|prompt|question|sentence|instructions?|query|task|above|below|verbatim|word for word)|\brepeat (?:it|this|them)\b|\bbefore repeating\b|\bword for word\b|\bverbatim\b|\b(?:do not|don't|please do not) change it\b/i,
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
