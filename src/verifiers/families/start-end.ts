// Start and end: "Start with 'Dear'", "Begin your answer with the word Yes", "End with the phrase 'Is there
// anything else?'", "Always end the reply with: See you soon", "End with a question", "Wrap the whole
// response in double quotes". The target must be quoted, introduced as a word or phrase ("the word yes"),
// introduced by a colon (it then runs to the end of the clause), or a single Capitalised word: "start with
// a summary" names a kind of content, not words, and is left unchecked.
import type { EndsWithCheck, QuotedCheck, StartsWithCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

/** A quoted-string placeholder, without a capture: its index is read back with {@link PLACEHOLDER}. */
const QUOTED = "\\uE000\\d+\\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/;
const PLACEHOLDERS = /\uE000(\d+)\uE001/g;

/** Kinds of text a start or end rule may name as what it starts or ends: "Finish off the reminder with". */
const TEXT_KIND =
  "(?:response|answer|reply|email|letter|text|message|output|essay|story|note|poem|post|summary|reminder|invitation|invite|announcement|memo|bio|toast|speech|caption|review|description|update|notice|newsletter|card|script|pitch|tweet|article|report|recipe|draft|piece|write-?up)";
const OBJECT = `(?: (?:your|the|this|its|each|every|my|our))?(?: (?:entire|whole|full|complete|first|final|last))? ?(?:${TEXT_KIND}|paragraph|sentence|line|bullet|item|list|it)s?`;
const MARKER_NOUN =
  "(?:word|phrase|greeting|line|sentence|text|salutation|words|question(?! mark\\b)|string|signature|sign-off|closing|note|statement|expression)";
const MARKER = `(?:(?:the|this|that|a|an|these) (?:exact |following |same |precise )*${MARKER_NOUN}(?: of)?|the following|these(?: exact)? words|this)`;
/** A double quotation mark named as the target of a start or an end: "with a double quotation mark". */
const QUOTE_MARK_TARGET =
  'an? (?:double[- ]?(?:quotation mark|quote(?: mark| character| sign| symbol)?)|(?:quotation|quote) (?:mark|character|sign|symbol))(?! from\\b)|double (?:quotes|quotation marks)|(?:(?:an?|the) )?["“”](?: (?:character|mark|sign|symbol))?';
/**
 * What a start or end rule names: a quoted or marked phrase, a bare word, or (after a colon) the rest of the
 * clause, which split-clauses did not lift because nothing marked it as a phrase ("Sign off with: Cheers, Bob").
 */
const TARGET = `(?:(?: ?: ?(?:${MARKER} ?:? ?)?| ${MARKER} ?: ?)(?<tail>[\\p{L}\\p{N}][^\\uE000-\\uE002]*)$|(?: ?:)? (?:${MARKER}:? (?<marked>${QUOTED}|[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*)|(?<quote>${QUOTED})|(?<bare>an? question(?: mark)?|an? exclamation(?: mark| point)?|${QUOTE_MARK_TARGET}|[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*)))`;
const CONNECTOR = "(?:with|by (?:saying|writing|typing|adding)|using)";
/** Things a text may hold several of, each with its own start and end. */
const SEVERAL =
  "(?:answers?|responses?|versions?|replies|reply|items?|points?|bullets?|steps?|options?|drafts?)";
/**
 * A subject that is one of several things, not the text: "the second one must begin with", "the other
 * should end with", "the last answer should open with". The first or last line, sentence or paragraph
 * starts or ends the text, and the paragraph family reads "the third paragraph".
 */
const ONE_OF_SEVERAL = new RegExp(
  `\\bthe (?:(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|other|\\d*(?:[02-9]1st|2nd|3rd|[4-9]th|1\\dth|0th))(?: (?:one|${SEVERAL}|sections?|parts?|paragraphs?|lines?|sentences?))?|(?:first|last|final) (?:one|${SEVERAL}))\\s*(?:(?:must|should|shall|has to|needs to|will|is to|ought to|can|may)(?: (?:always|also))? )?$`,
  "i",
);
const STARTS = compiledPattern(
  `\\b(?:start|begin|open|lead|preface|commence)(?:s|ed|ing)?(?: off)?\\b(?<object>${OBJECT})? ${CONNECTOR}${TARGET}`,
  "giu",
);
const ENDS = compiledPattern(
  `\\b(?:end|finish|conclude|close|terminate|wrap up|sign off|round off|close out)(?:s|ed|ing)?(?: off)?\\b(?<object>${OBJECT})? ${CONNECTOR}${TARGET}`,
  "giu",
);
/** "Start and end with X", "your answer must begin and end with X": both checks, one phrase. */
const STARTS_AND_ENDS = compiledPattern(
  `\\b(?:start|begin|open)s? and (?:end|finish|conclude|close)s?\\b(?<object>${OBJECT})? ${CONNECTOR}${TARGET}`,
  "giu",
);
/** What a text starts or ends with, named as its first or last part: "the (very) last thing in your answer". */
const PART = "(?:word|words|line|sentence|thing|part|bit|remark|statement)";
const PART_OF = `(?:(?:of|in) (?:the|your|this) ${TEXT_KIND} )?`;
const PART_MODAL = "(?:must|should|shall|has to|needs to|will|is to)";
/**
 * "must be", "should read", or the rule stated as a fact before a colon or a quote: "the very last line
 * reads: ...", "the first word is 'Hi'" ("the first word is capitalised" is not this rule).
 */
const PART_IS = `(?:${PART_MODAL} (?:be|read|say)|(?:reads|says|is)(?= ?:| \\uE000))`;
const FIRST_WORD = compiledPattern(
  `\\b(?:the|your)(?: very)? (?:first|opening) ${PART} ${PART_OF}${PART_IS}${TARGET}`,
  "giu",
);
const LAST_WORD = compiledPattern(
  `\\b(?:the|your)(?: very)? (?:last|final|closing|concluding) ${PART} ${PART_OF}${PART_IS}${TARGET}`,
  "giu",
);
/** The phrase first, then the part it is to be: "Make 'Stay curious.' your closing sentence", "Let X be the first line". */
const PHRASE_AS_PART = (position: string) =>
  `\\b(?:make|let|have|use|keep)(?: ?:)? (?<quote>${QUOTED}) (?:be |as )?(?:your|the)(?: very)? ${position} ${PART}\\b(?! (?:of|in) (?:each|every)\\b)`;
const PHRASE_FIRST = compiledPattern(PHRASE_AS_PART("(?:first|opening|introductory)"), "giu");
const PHRASE_LAST = compiledPattern(PHRASE_AS_PART("(?:last|final|closing|concluding)"), "giu");
const IMPLIED =
  /\b(?:no other words should follow(?: (?:this|that|the) (?:phrase|word|sentence))?|(?:and )?nothing (?:else )?(?:after (?:it|that|this)|should follow(?: it| that| this)?)|(?:do not|don't) (?:add|write) anything (?:after|before) (?:it|that|this))\b/gi;
/**
 * A start verb left alone by the clause split ("Begin and end your response with ..." is split before
 * "end"): what it applies to went to the next clause, so it is reported as not checked, never dropped.
 */
const LONE_START =
  /^(?:(?:please|always|also|then|first|and|so|make sure to|be sure to) )*(?:(?:your|the) (?:(?:entire|whole|full) )?(?:response|answer|reply|output|text|message|email|letter) (?:must|should|has to|needs to|will|shall) )?(?:start|begin|open)s?$/i;
const ARTICLE = /^(?:a|an|the|some|any|your|my|our|this|that)$/i;
const PER_UNIT = /\b(?:each|every|paragraph|sentence|line|bullet|item)\b/i;

// The whole response wrapped in double quotes. Each pattern names the whole response ("your entire
// answer", "everything you write") or none at all ("Wrap in double quotes"): a named part ("the title",
// "each item", "the final answer") is not this check, and neither are single quotes.
/**
 * A part named together with all the rest, which makes the whole response: "the slogan, and everything
 * else you write,", "your title along with everything else" (a bare "everything else" is the rest of
 * something said before: "the title in bold; everything else in quotes" is not the whole response).
 */
const EVERYTHING_ELSE =
  "(?:(?:the|your|my) [\\p{L}-]{1,20}(?: [\\p{L}-]{1,20}){0,2},? (?:and|along with|together with|as well as|plus) )everything else(?: (?:that )?you (?:write|say|output|produce|type|return|send|generate)| (?:in|of) (?:your|the) (?:response|answer|output|reply|text|message))?,?";
const WHOLE = `(?:(?:(?:your|the|this|its|my) (?:(?:entire|whole|full|complete) )?|(?:entire|whole|full|complete) )?(?:response|answer|output|reply|submission)s?(?: text)?|(?:your|the) (?:entire|whole|full|complete) (?:text|message|content|thing)|${EVERYTHING_ELSE}|everything(?: (?:that )?you (?:write|say|output|produce|type|return|send|generate)| (?:in|of) (?:your|the) (?:response|answer|output|reply|text|message))?|all (?:of )?(?:it|(?:your|the) (?:response|answer|output|reply|text))|it)${"(?:,? (?:in (?:its|their) entirety|(?:from )?(?:start|beginning) to (?:finish|end)|from (?:the )?(?:very )?(?:first|opening) (?:word|character|letter|line) (?:to|until|through) (?:the )?(?:very )?(?:last|final|closing)(?: (?:word|character|letter|line|one))?),?)?"}`;
/**
 * A name for double quotation marks: "double quotes", "quotation marks", "a pair of double quote marks",
 * `" characters`, or a quoted name ('in "double quotes"'), whose text must match {@link QUOTE_NAME}.
 * Bare "quotes" followed by "from" or "of" are citations, not marks.
 */
const DOUBLE_QUOTES = `(?:(?:(?:a|one|a single) (?:pair|set) of |two |an? )?(?:(?:straight|plain|regular|standard|ordinary|ascii|normal) )?(?:(?:double|straight)[- ]?(?:quotation[- ]marks?|quote[- ](?:marks?|characters?|signs?|symbols?)|quotes?|quotation|inverted commas)|quotation[- ]marks?|quotes(?! (?:from|of|by|about)\\b)|quote[- ](?:marks?|characters?|signs?|symbols?))|(?:(?:the|a|two|a pair of) )?(?:["“”]|${QUOTED})(?: ?(?:characters?|marks?|signs?|symbols?))?)(?![\\p{L}\\p{N}])`;
const QUOTE_NAME = /^\s*(?:(?:double[- ]?)?(?:quotation[- ]marks?|quotes?|quote[- ]marks?)|["“”]+|and)\s*$/i;
const WRAP_VERB =
  "(?:wrap|enclose|surround|put|place|encase|present|format|write|give|deliver|return|output|provide|set|frame|keep)(?:s|d|ped|ping|ing|ed|ted|ting|ten)?";
const PARTICIPLE =
  "(?:wrapped|enclosed|surrounded|placed|put|written|given|presented|formatted|contained|delivered|returned|provided|set|framed|kept|bracketed|encased)";
const ADVERB = "(?: (?:entirely|fully|completely|all|only|always|wholly))?";
/** Verbs that place a subject somewhere: "the full answer sits inside quotes", "must stay within quotes". */
const LOCATED = "(?:sit|lie|stay|remain|live|go|fit|reside|belong)";
const PREP = "(?:,? (?:using|with)| (?:in|with|within|inside|between|by|into))";
/** Quotes that surround only a part or serve a purpose ("in quotes for dialogue", "quotes around names"). */
const NOT_WHOLE = "(?! (?:for|around|on|to|when|if|whenever)\\b)";
const MODAL = "(?:must|should|shall|has to|have to|needs? to|will|is to|ought to|is expected to)";
/** Where a subject may start: the clause start, after punctuation, or after a filler ("make sure"). */
const SUBJECT_START =
  "(?<=^|[^\\p{L}\\p{N}\\s'] ?|\\b(?:sure|ensure|that|please|and|also|so|then|remember) )";
/**
 * Where an imperative verb may start: the clause start, after punctuation, a filler or a modal. Not after
 * a noun or "be": "your final answer in quotes" and "each line must be wrapped in quotes" are not it.
 */
const VERB_START =
  "(?<=^|[^\\p{L}\\p{N}\\s'] ?|\\b(?:please|kindly|and|also|so|then|always|just|only|simply|finally|must|should|shall|to|will|can) )";
const QUOTED_PATTERNS: readonly RegExp[] = [
  // "Your entire response should be wrapped in double quotation marks", "Everything you write must be in quotes",
  // "The full answer sits inside a pair of double quotes", "Everything in the reply, from the first word to
  // the last, is to be placed inside straight double quotes".
  compiledPattern(
    `${SUBJECT_START}${WHOLE} (?:${MODAL} (?:be|appear|come|${LOCATED})|is|are|${LOCATED}s|goes)${ADVERB}(?: ${PARTICIPLE})?${ADVERB}${PREP} ${DOUBLE_QUOTES}${NOT_WHOLE}`,
    "giu",
  ),
  // "Begin and end your response with a double quotation mark" (one clause only when split-clauses keeps it).
  compiledPattern(
    `(?:${SUBJECT_START}${WHOLE} ${MODAL} |(?<!\\b(?:must|should|shall|will|can|may|to) ))(?:begin|start|open)s?(?: ${WHOLE})? (?:and|&) (?:end|finish|close|conclude)s?(?: ${WHOLE})? (?:with|in|on) ${DOUBLE_QUOTES}`,
    "giu",
  ),
  // "Wrap the whole response in double quotes", "Surround your answer with " characters".
  compiledPattern(
    `${VERB_START}${WRAP_VERB}(?: ${WHOLE})?${ADVERB}(?: ${PARTICIPLE})?${ADVERB}${PREP} ${DOUBLE_QUOTES}${NOT_WHOLE}`,
    "giu",
  ),
  // "Respond in quotes", "Answer entirely within double quotes" ("answer with quotes" may mean citations).
  compiledPattern(
    `${VERB_START}(?:respond|reply|answer)${ADVERB} (?:in|within|inside|between) ${DOUBLE_QUOTES}${NOT_WHOLE}`,
    "giu",
  ),
  // "Put double quotes around your entire answer", "Quotation marks must enclose the whole response".
  compiledPattern(
    `\\b(?:(?:put|place|add|use|include|insert|apply|have)(?:s|d|ting|ing)? ${DOUBLE_QUOTES} (?:around|round|on (?:both|either) sides? of|at the (?:start|beginning) and (?:at )?(?:the )?end of|before and after)|${SUBJECT_START}${DOUBLE_QUOTES} ${MODAL} (?:wrap|enclose|surround|bracket|frame|be (?:placed|put|used|added) around)) ${WHOLE}`,
    "giu",
  ),
  // "Quote your entire answer", "Quote your whole response, using double quotation marks".
  compiledPattern(
    `(?<!\\b(?:a|the|this|that|one|any) )\\bquote(?:s|d)? (?!it\\b)${WHOLE}(?!(?:,? \\p{L}+){0,3} single\\b)(?:${ADVERB}${PREP} ${DOUBLE_QUOTES}${NOT_WHOLE})?`,
    "giu",
  ),
];
/** An example of the wrapping after the rule: `(e.g. "like this")`, `, for example "Hi"`, `(")`. */
const EXAMPLE =
  /^,? ?(?:\(|(?:eg|for example|for instance|such as|like)\b)(?: ?(?:eg|for example)\b)?,? ?(?:\uE000\d+\uE001|["“”])\)?/u;

/** Whether every quoted string in `span` names double quotation marks ('"double quotes"', `" and "`). */
function namesDoubleQuotes(state: ClauseState, span: string): boolean {
  for (const match of span.matchAll(PLACEHOLDERS)) {
    if (!QUOTE_NAME.test(state.quote(match[1]))) return false;
  }
  return true;
}

/** Reads "Wrap the whole response in double quotes" and its paraphrases into a quoted check. */
export function recognizeQuoted(state: ClauseState): void {
  for (const pattern of QUOTED_PATTERNS) {
    eachMatch(state, pattern, (match) => {
      const start = match.index;
      let end = start + match[0].length;
      if (!namesDoubleQuotes(state, match[0])) return;
      // The text as the match saw it: reading `state.text` here would rewrite the clause at each match.
      const example = EXAMPLE.exec(match.input.slice(end));
      if (example !== null) end += example[0].length;
      if (state.isNegatedBefore(start)) {
        state.reject(start, end);
        return;
      }
      const straight = STRAIGHT.test(match[0]) ? { straight: true as const } : {};
      state.record(start, {
        kind: "quoted",
        ...straight,
        source: state.source(start, end),
      } satisfies QuotedCheck);
      state.consume(start, end);
    });
  }
}

/** Quotes named as straight (ASCII) ones: only `"` wraps the text then, not “ ”. */
const STRAIGHT = /\b(?:straight|ascii)\b/i;

/** The phrase a start or end rule names, or undefined when it names a kind of content ("a summary"). */
function readPhrase(
  state: ClauseState,
  groups: Record<string, string | undefined>,
  kind: "starts_with" | "ends_with",
): string | undefined {
  const { tail, marked, quote, bare } = groups;
  if (tail !== undefined) return tail.trim();
  const quoted = PLACEHOLDER.exec(marked ?? quote ?? "");
  if (quoted !== null) return state.quote(quoted[1]);
  if (marked !== undefined) return marked;
  if (bare === undefined) return undefined;
  if (/^an? question/i.test(bare)) return kind === "ends_with" ? "?" : undefined;
  if (/^an? exclamation/i.test(bare)) return kind === "ends_with" ? "!" : undefined;
  if (/quot|["“”]/i.test(bare)) return '"';
  if (!ARTICLE.test(bare) && /^\p{Lu}/u.test(bare)) return bare;
  return undefined;
}

/** Reads start and end phrasings into starts-with and ends-with checks. */
export function recognizeStartEnd(state: ClauseState): void {
  if (LONE_START.test(state.text.trim())) {
    state.reject(0, state.text.length);
    return;
  }
  for (const [pattern, kind] of [
    [STARTS_AND_ENDS, "both"],
    [STARTS, "starts_with"],
    [ENDS, "ends_with"],
    [FIRST_WORD, "starts_with"],
    [LAST_WORD, "ends_with"],
    [PHRASE_FIRST, "starts_with"],
    [PHRASE_LAST, "ends_with"],
  ] as const) {
    eachMatch(state, pattern, (match) => {
      const start = match.index;
      const end = start + match[0].length;
      const groups = match.groups ?? {};
      const object = groups.object ?? "";
      // A phrase both ends can hold: "a question" names an end only.
      const phrase = readPhrase(state, groups, kind === "both" ? "starts_with" : kind);
      // "Each paragraph should start with..." is a per-unit rule ("every answer" may be each of several
      // answers in the text), and negations say what not to do.
      const perUnit =
        (PER_UNIT.test(object) && !/\b(?:first|last|final)\b/i.test(object)) ||
        /\b(?:each|every|per)\b/i.test(state.original.slice(0, start)) ||
        ONE_OF_SEVERAL.test(state.original.slice(0, start));
      if (phrase === undefined || phrase.trim() === "" || perUnit || state.isNegatedBefore(start)) {
        state.reject(start, end);
        return;
      }
      const source = state.source(start, end);
      if (kind === "both") state.record(start, { kind: "starts_with", phrase, source });
      state.accept(start, end, { kind: kind === "both" ? "ends_with" : kind, phrase, source });
    });
  }
  eachMatch(state, IMPLIED, (match) => state.consume(match.index, match.index + match[0].length));
}

function isWordCode(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Typographic quotes read as straight ones, so that `"` matches “ and ” (one code unit each). */
function foldQuotes(text: string): string {
  return text.replace(/[“”„‟]/g, '"').replace(/[‘’‚‛]/g, "'");
}

/** Shows at most `length` characters of `text` for a reason, marking what was cut. */
export function quoteExcerpt(text: string, length: number, fromEnd = false): string {
  const flat = text.replace(/\s+/g, " ");
  if (flat.length <= length) return `"${flat}"`;
  return fromEnd ? `"...${flat.slice(-length)}"` : `"${flat.slice(0, length)}..."`;
}

/** Scores a starts-with check: 1 when the trimmed text starts with the phrase (case-insensitive, whole word). */
export function scoreStartsWith(check: StartsWithCheck, facts: TextFacts): FamilyScore {
  const text = facts.text.trimStart();
  const phrase = check.phrase.trim();
  const head = text.slice(0, phrase.length);
  const ok =
    foldQuotes(head.toLowerCase()) === foldQuotes(phrase.toLowerCase()) &&
    !(isWordCode(phrase.at(-1)) && isWordCode(text.charAt(phrase.length)));
  const found = `text starts with ${quoteExcerpt(text, Math.max(phrase.length, 12) + 8)}`;
  return { score: ok ? 1 : 0, reason: `${found}; must start with "${phrase}"` };
}

/**
 * Scores an ends-with check: 1 when the trimmed text ends with the phrase (case-insensitive, whole word).
 * A phrase ending in a letter or digit may be followed by one closing ".", "!" or "?".
 */
export function scoreEndsWith(check: EndsWithCheck, facts: TextFacts): FamilyScore {
  let text = facts.text.trimEnd();
  const phrase = check.phrase.trim();
  if (isWordCode(phrase.at(-1)) && /[.!?]$/.test(text)) text = text.slice(0, -1);
  const tail = text.slice(text.length - phrase.length);
  const before = text.charAt(text.length - phrase.length - 1);
  const ok =
    text.length >= phrase.length &&
    foldQuotes(tail.toLowerCase()) === foldQuotes(phrase.toLowerCase()) &&
    !(isWordCode(phrase.charAt(0)) && isWordCode(before));
  const found = `text ends with ${quoteExcerpt(facts.text.trimEnd(), Math.max(phrase.length, 12) + 8, true)}`;
  return { score: ok ? 1 : 0, reason: `${found}; must end with "${phrase}"` };
}

/**
 * Scores a quoted check: 1 when the trimmed text starts and ends with a double quotation mark (a straight
 * one, `"`, when the check says so).
 */
export function scoreQuoted(check: QuotedCheck, facts: TextFacts): FamilyScore {
  const text = facts.trimmed;
  const kind = check.straight === true ? "straight double quote" : "double quote";
  const opens = text.startsWith('"') || (check.straight !== true && text.startsWith("“"));
  const closes = text.length >= 2 && (text.endsWith('"') || (check.straight !== true && text.endsWith("”")));
  if (opens && closes) return { score: 1, reason: `the text is wrapped in ${kind}s` };
  const missing = !opens && !closes ? "neither starts nor ends" : !opens ? "does not start" : "does not end";
  const typographic =
    check.straight === true && /^[“”]|[“”]$/.test(text) ? ` (typographic quotes are not straight ones)` : "";
  return {
    score: 0,
    reason: `the text ${missing} with a ${kind}${typographic}; the whole response must be wrapped in ${kind}s`,
  };
}
