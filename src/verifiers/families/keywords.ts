// Keywords: "Mention X", "Include the word X at least N times", "Don't mention X", "Do not use the words X,
// Y", "Avoid 'X'", "Don't mention a word about the company's CEO". Matching is literal: whole words,
// case-insensitive, a plural or possessive ending allowed ("-s", "-es", "-'s", "-y" → "-ies"; a plural
// keyword also matches its singular), plus a few
// acronym expansions ("CEO" also
// matches "chief executive"). A topic only a reader could recognise ("the price", "jargon") is not a
// keyword, so bare lowercase topics are only accepted where a literal reading is safe (see below).
import type { KeywordsCheck } from "../check.js";
import { type ClauseState, CONSUMED, eachMatch, QUOTE } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { escapeRegex, memoize } from "../memo.js";
import { NUMBER } from "../numbers.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";
import { BARE_FREQUENCY, FREQUENCIES } from "./keyword-frequencies.js";
import { hasDeterminer, isCapitalisedName, MADE_SURE_APPEARS, namesTerms } from "./keyword-phrasings.js";

/** Verbs that forbid what follows them: "avoid 'X'", "stay away from the word X", "ban the terms X and Y". */
const AVOID_VERBS =
  "avoid(?:ing)? (?:saying|using|writing|mentioning)|avoid|avoiding|exclude|excluding|omit|omitting|skip|skipping|ban|bans|banning|stay away from|stay clear of|steer clear of|keep away from|keep clear of";
const AVOID_START = compiledPattern(`^(?:${AVOID_VERBS})\\b`, "i");
const LIST_VERBS = `use|uses|using|include|includes|including|contain|contains|containing|say|saying|write|writing|repeat|repeating|feature|featuring|mention|mentions|mentioning|add|adding|incorporate|incorporating|(?:work|weave|slip|fit|drop|throw|sneak)(?:s|ing)? in|weave|weaves|weaving|work|works|working|sneak|sneaks|slip|slips|${AVOID_VERBS}`;
/** "use the words", "include the keywords", "avoid the terms": introduces a list of literal keywords. */
const MARKER_ANCHOR = compiledPattern(
  `\\b(?:${LIST_VERBS})(?: (?:the|any|these|those|following|of|all|each|both|either|exact))* (?:key ?)?(?:words?|terms?|phrases?|keywords?|expressions?|names?|strings?)\\b(?: (?:like|such as|below))?:?`,
  "gi",
);
/** "use 'X'", "avoid 'X' and 'Y'": a verb directly followed by quoted keywords. */
const QUOTED_ANCHOR = compiledPattern(
  `\\b(?:${LIST_VERBS})(?: (?:both|either|neither|all of|any of|each of))?(?= \\uE000)`,
  "gi",
);
/** "mention X", "talk about X", "say a word about X": bare topics are read literally. */
const MENTION_ANCHOR =
  /\b(?:mention(?:s|ed|ing)?(?: of)?|talk(?:s|ing)? about|discuss(?:es|ing)?|refer(?:s|ring)? to|reference(?:s|d)?(?: to)?|bring(?:s|ing)? up|cit(?:e|es|ed|ing)|name[- ]?(?:check|drop)(?:s|ped|ping|ed|ing)?|say(?:s|ing)? (?:anything|a word|something|a thing) about|(?:a word|anything|something) about|allude to|hint at)\b/gi;
/** "Avoid X", "Exclude X": only quoted or capitalised X is a keyword ("avoid jargon" is a style). */
const BARE_AVOID = compiledPattern(`\\b(?:${AVOID_VERBS})\\b`, "gi");
const APPEAR =
  "(?:(?:appear|occur|be (?:used|mentioned|included|present|repeated|found|written|said)|show up|come up|crop up|turn up|pop up|get (?:a )?mention(?:ed)?|get (?:used|included)|receive a mention|make an appearance)s?|(?:show|come|crop|turn|pop)s up|gets (?:a )?mention(?:ed)?|gets (?:used|included)|receives a mention|makes an appearance)";
const MODAL = "(?:(?:must|should|has to|have to|needs to|need to|shall|is to|will|may|can|is|are) )?";
/** "should all appear", "must both be used". */
const ALSO = "(?:(?:all|both|each|also|always) )?";
const PASSIVE = compiledPattern(
  `\\b(?:the )?(?:key ?)?(?:word|term|phrase|keyword|name) (${QUOTE}|[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*(?: [\\p{L}\\p{N}][\\p{L}\\p{N}'-]*){0,3}?) ${MODAL}${ALSO}(?:(not|never) )?${APPEAR}\\b`,
  "giu",
);
/** "'X' and 'Y' must not appear", "the words 'X' or 'Y' should appear", "neither 'X' nor 'Y' may appear". */
const QUOTED_PASSIVE = compiledPattern(
  `(?:\\b(?:neither|both) )?(?:(?:the )?(?:key ?)?(?:words?|terms?|phrases?|keywords?|names?|strings?) )?((?:${QUOTE})(?:(?:,| and| or| nor)+ ?(?:the (?:word|term|phrase|name) )?${QUOTE})*) ${MODAL}${ALSO}(?:(not|never) )?${APPEAR}\\b`,
  "giu",
);

/** Said of a keyword list: it must not appear ("are banned", "is off-limits", "is a forbidden word"). */
const BANNED_PREDICATE =
  "(?:is|are) (?:(?:strictly|completely|totally|absolutely|also) )?(?:banned|forbidden|prohibited|disallowed|taboo|off[- ]limits|out of bounds|not (?:allowed|permitted|acceptable)|to be avoided|(?:an? )?(?:banned|forbidden|prohibited) (?:words?|terms?|phrases?))";
/**
 * "The words 'X' and 'Y' are banned", "using the term X is prohibited", "'X' is off-limits": a list of
 * quoted keywords, or of bare ones after a noun that makes them words, said to be forbidden.
 */
const BANNED = compiledPattern(
  `(?:\\b(?:using|writing|saying|mentioning|including|(?:any |the )?use of) )?(?:(?:the|any|these) )?(?:(?:(?:key ?)?(?:words?|terms?|phrases?|keywords?|expressions?) )?(?<quoted>(?:${QUOTE})(?:(?:,| and| or| nor)+ ?${QUOTE})*)|(?:key ?)?(?:words?|terms?|phrases?|keywords?|expressions?) (?<bare>[\\p{L}][\\p{L}'-]*(?:(?:,| and| or| nor)+ [\\p{L}][\\p{L}'-]*){0,7})) ${BANNED_PREDICATE}\\b`,
  "giu",
);
/** "Keep the word 'amazing' out of your reply": kept out, forbidden. */
const KEEP_OUT = compiledPattern(
  `\\bkeep (?:the )?(?:(?:key ?)?(?:words?|terms?|phrases?|expressions?) )?((?:${QUOTE})(?:(?:,| and| or| nor)+ ?${QUOTE})*) out\\b`,
  "giu",
);
/** "No 'very' anywhere": "no" directly before quoted keywords. */
const NO_QUOTED = compiledPattern(`\\bno ((?:${QUOTE})(?:(?:,| and| or| nor)+ ?${QUOTE})*)`, "giu");

const TRAILING_FILLER =
  /(?:\s+(?:in|within|anywhere in|throughout|from|inside) (?:the |your |this |my )?(?:entire |whole )?(?:response|answer|text|output|reply|essay|email|letter|story|summary|message|post|article)s?|[\s,]+(?:at all|anywhere|somewhere|whatsoever|explicitly|by name|directly|again|ever|please|either|thanks|thank you))+$/i;
/**
 * `text` without the fillers that end it ("..., please", "anywhere in your answer"). Read from its last 200
 * characters only: the pattern, anchored at the end, is tried from every position, which over a long text
 * was quadratic (", please" repeated: 0.23 s for 40,000 characters).
 */
function stripTrailingFiller(text: string): string {
  const cut = Math.max(0, text.length - 200);
  return text.slice(0, cut) + text.slice(cut).replace(TRAILING_FILLER, "");
}
const LEADING_FILLER =
  /^(?:(?:(?:a single|a|one|any|single) word|anything|something|a thing) about\s+|(?:the|a|an|any|your|our|my|their|its|his|her|this|that|these|those|some|both|either|all|of|about|word|words|mention|mentions|reference|references|to|term|terms|name|phrase|keyword|keywords)(?:\s+|$))+/i;
const VAGUE = new Set([
  "it",
  "this",
  "that",
  "them",
  "these",
  "those",
  "anything",
  "something",
  "everything",
  "nothing",
  "topic",
  "topics",
  "subject",
  "subjects",
  "thing",
  "things",
  "stuff",
  "you",
  "yourself",
  "me",
  "us",
  "him",
  "her",
  "one",
  "ones",
  "other",
  "others",
  "else",
  "more",
  "less",
  "details",
  "detail",
  "examples",
  "example",
  "reasons",
  "reason",
  "sources",
  "source",
]);
const NUMBER_WORD = compiledPattern(`^(?:${NUMBER})$`, "i");

interface Item {
  keyword: string;
  quoted: boolean;
  /** Written with a determiner ("the price"): a topic rather than a term. */
  determined?: boolean;
  /** The list offered its items as alternatives ("'X' or 'Y'"), not all together. */
  choice?: boolean;
}

/**
 * Whether a list offers some of its items as alternatives: joined by "or", "and/or" or "/" ("'-' or '*'",
 * "X, Y and/or Z", "cat/dog"). Asking for one of several words is something a keywords check (each word its
 * count) cannot say; forbidding "X or Y" forbids each.
 */
function offersChoice(list: string): boolean {
  return /\b(?:or|either)\b|\//i.test(list.replace(/\uE000\d+\uE001/g, " "));
}

/** Reads keyword phrasings in a clause into keywords checks. */
export function recognizeKeywords(state: ClauseState): void {
  eachMatch(state, QUOTED_PASSIVE, (match) => {
    const choice = offersChoice(match[1]!);
    const items = [...match[1]!.matchAll(/\uE000(\d+)\uE001/g)].map((quote) => ({
      keyword: state.quote(quote[1]),
      quoted: true,
      choice,
    }));
    // "Neither X nor Y may appear" forbids both.
    const neither = /^neither\b/i.test(match[0]) || /\bnor\b/i.test(match[1]!);
    const negated = (match[4] !== undefined) !== (neither || state.isNegatedBefore(match.index));
    addKeywords(state, match.index, match.index + match[0].length, items, negated, true);
  });
  eachMatch(state, PASSIVE, (match) => {
    const written = match[1]!;
    // "the name Ada Lovelace shows up": an unquoted keyword of several words is a Capitalised name.
    if (match[2] === undefined && !isCapitalisedName(written) && /\s/.test(written)) return;
    const item =
      match[2] === undefined
        ? { keyword: written, quoted: false }
        : { keyword: state.quote(match[2]), quoted: true };
    const negated = (match[3] !== undefined) !== state.isNegatedBefore(match.index);
    addKeywords(state, match.index, match.index + match[0].length, [item], negated, true);
  });
  eachMatch(state, MADE_SURE_APPEARS, (match) => {
    const items = splitItems(state, match[1]!);
    const end = match.index + match[0].length;
    if (items === undefined || !items.every((item) => isCapitalisedName(item.keyword))) return;
    addKeywords(state, match.index, end, items, state.isNegatedBefore(match.index), true);
  });
  eachMatch(state, BANNED, (match) => {
    const end = match.index + match[0].length;
    const items = splitItems(state, match.groups!.quoted ?? match.groups!.bare!);
    if (items === undefined || items.length === 0) {
      state.reject(match.index, end);
      return;
    }
    addKeywords(state, match.index, end, items, !state.isNegatedBefore(match.index), true);
  });
  eachMatch(state, KEEP_OUT, (match) => {
    const items = splitItems(state, match[1]!) ?? [];
    addKeywords(
      state,
      match.index,
      match.index + match[0].length,
      items,
      !state.isNegatedBefore(match.index),
      true,
    );
  });
  eachMatch(state, NO_QUOTED, (match) => {
    const items = splitItems(state, match[1]!) ?? [];
    // "no" is the negation itself; one before it ("not no 'X'") is read as cancelling it.
    const negated = !state.isNegatedBefore(match.index);
    addKeywords(state, match.index, match.index + match[0].length, items, negated, true);
  });
  readAnchored(state, MARKER_ANCHOR, "marker");
  readAnchored(state, QUOTED_ANCHOR, "quoted");
  readAnchored(state, MENTION_ANCHOR, "mention");
  readAnchored(state, BARE_AVOID, "avoid");
}

/** Reads the keyword list after each anchor, up to the end of what is left of the clause. */
function readAnchored(
  state: ClauseState,
  anchor: RegExp,
  style: "marker" | "quoted" | "mention" | "avoid",
): void {
  eachMatch(state, anchor, (match) => {
    const start = match.index;
    const listStart = start + match[0].length;
    // Read without rewriting the whole clause at each match (ClauseState.slice).
    if (state.slice(start, start + 1) === CONSUMED) return;
    const stop = state.nextConsumed(listStart);
    const listEnd = stop === -1 ? state.original.length : stop;
    const list = state.slice(listStart, listEnd);
    if (!/[\p{L}\p{N}\uE000]/u.test(list)) return;
    const items = splitItems(state, list);
    if (items === undefined) {
      state.reject(start, listEnd);
      return;
    }
    // Only filler followed the anchor ("Exclude any" before an already read "mention of X").
    if (items.length === 0) return;
    if (style === "quoted" && items.some((item) => !item.quoted)) {
      state.reject(start, listEnd);
      return;
    }
    // "Avoid jargon" names a style; only 'quoted' or Capitalised words after a bare "avoid" are keywords.
    if (style === "avoid" && items.some((item) => !item.quoted && !/\p{Lu}/u.test(item.keyword))) {
      state.reject(start, listEnd);
      return;
    }
    // "contain neither 'X' nor 'Y'" forbids both.
    const neither = /\bneither\b/i.test(match[0]) || (style === "quoted" && /\bnor\b/i.test(list));
    const negated = state.isNegatedBefore(start) !== AVOID_START.test(match[0]) || neither;
    addKeywords(state, start, listEnd, items, negated, style !== "mention");
  });
}

/** Splits a keyword list ("the CEO or the CFO at least twice") into items and a frequency. */
function splitItems(
  state: ClauseState,
  rawList: string,
): (Item & { frequency?: { min?: number; max?: number } })[] | undefined {
  let list = rawList;
  let frequency: { min?: number; max?: number } | undefined;
  for (const [pattern, read, hint] of FREQUENCIES) {
    if (hint !== undefined && !hint.test(list)) continue;
    const found = pattern.exec(list);
    if (!found) continue;
    const range = read(found);
    if (range === undefined) return undefined;
    frequency = range;
    list = list.slice(0, found.index) + list.slice(found.index + found[0].length);
    break;
  }
  // "Mention 'Berlin', please": a courtesy after the list is no item of it.
  list = stripTrailingFiller(list);
  // "competitors such as Globex or Initech": the examples are keywords too, and so is the category.
  const examples = /\s*,?\s+\b(?:such as|like|including|for example|for instance|eg|namely)\b:?\s*/i.exec(
    list,
  );
  if (examples) list = `${list.slice(0, examples.index)}, ${list.slice(examples.index + examples[0].length)}`;
  const items: (Item & { frequency?: { min?: number; max?: number }; example?: boolean })[] = [];
  const choice = offersChoice(list);
  for (const raw of list.split(
    /\s*,\s*(?:and\/or|and|or|nor|as well as)?\s*|\s+(?:and\/or|and|or|nor|as well as)\s+|\s*\/\s*/i,
  )) {
    const item = cleanItem(state, raw);
    if (item === null) continue;
    if (item === undefined) return undefined;
    items.push({
      ...item,
      ...(hasDeterminer(raw) ? { determined: true } : {}),
      ...(choice ? { choice } : {}),
      ...(frequency === undefined ? {} : { frequency }),
      ...(examples ? { example: true } : {}),
    });
  }
  return items;
}

/** One list item as a keyword; null for an empty item, undefined for one that is not a literal keyword. */
function cleanItem(state: ClauseState, raw: string): Item | null | undefined {
  let item = raw.replace(/^[\s,:;(-]+|[\s,:;.!?)(-]+$/g, "");
  if (!item) return null;
  const quoted = /\uE000(\d+)\uE001/.exec(item);
  if (quoted) return { keyword: state.quote(quoted[1]), quoted: true };
  let previous = "";
  while (previous !== item) {
    previous = item;
    item = stripTrailingFiller(item).replace(LEADING_FILLER, "").trim();
    // "the company's CEO" is about the CEO: keep what follows the last possessive.
    item = item.replace(/^.*['’]s\s+/, "");
  }
  if (!item) return null;
  // "pear (in any order)", "Paris (not London)": an aside in brackets is not part of a literal keyword.
  if (/[()[\]{}]/.test(item)) return undefined;
  const words = item.split(/\s+/);
  if (words.length > 4 || !/\p{L}/u.test(item) || /\d/.test(item)) return undefined;
  if (words.some((word) => VAGUE.has(word.toLowerCase()) || NUMBER_WORD.test(word))) return undefined;
  return { keyword: item, quoted: false };
}

export function addKeywords(
  state: ClauseState,
  start: number,
  end: number,
  items: readonly (Item & { frequency?: { min?: number; max?: number }; example?: boolean })[],
  negated: boolean,
  explicit: boolean,
): void {
  if (items.length === 0) return;
  // "Mention a competitor such as X or Y", "use the word 'X' or 'Y'" ask for one of them, which a keywords
  // check cannot say (it would require each).
  if (!negated && items.some((item) => item.example || (item.choice === true && items.length > 1))) {
    state.reject(start, end);
    return;
  }
  let last = end;
  let frequency = items[0]!.frequency;
  if (frequency === undefined) {
    // The frequency may follow a passive form: "the word 'data' should appear at least 3 times", "the
    // keyword banana must appear twice". A bare count is read only when nothing but filler follows it
    // ("appear twice in each paragraph" is left unchecked).
    const stop = state.text.indexOf(CONSUMED, end);
    const tail = state.text.slice(end, stop === -1 ? undefined : stop);
    for (const [pattern, read, hint] of FREQUENCIES) {
      if (hint !== undefined && !hint.test(tail)) continue;
      const found = pattern.exec(tail);
      const range = found ? read(found) : undefined;
      if (found && range !== undefined && /^[\s,]*$/.test(tail.slice(0, found.index))) {
        const after = tail.slice(found.index + found[0].length);
        if (pattern === BARE_FREQUENCY && !/^[\s,.;!]*$/.test(stripTrailingFiller(after))) break;
        frequency = range;
        last = end + found.index + found[0].length;
        break;
      }
    }
  }
  // Requiring a bare lowercase topic ("mention the price") is a judgement, not a word count: only a quoted
  // word, a word introduced as a word ("the word price"), or a Capitalised name is required literally.
  // A list of terms beside a name ("reference both GDPR and consent") is literal too (keyword-phrasings.ts).
  const topics = items.some((item) => !item.quoted && !/\p{Lu}/u.test(item.keyword)) && !namesTerms(items);
  if (!negated && !explicit && topics) {
    state.reject(start, last);
    return;
  }
  const check: KeywordsCheck = {
    kind: "keywords",
    keywords: items.map((item) => item.keyword),
    source: state.source(start, last),
  };
  if (negated) {
    if (frequency !== undefined) {
      // "Don't mention X more than twice" is a ceiling; other negated frequencies say too little.
      if (frequency.min === undefined || frequency.max !== undefined) {
        state.reject(start, last);
        return;
      }
      check.max = frequency.min - 1;
    } else {
      check.max = 0;
    }
  } else {
    check.min = frequency?.min ?? (frequency?.max === undefined ? 1 : 0);
    if (frequency?.max !== undefined) check.max = frequency.max;
  }
  state.accept(start, last, check);
}

const EXPANSIONS: Record<string, readonly string[]> = {
  ceo: ["chief executive officer", "chief executive"],
  cfo: ["chief financial officer"],
  cto: ["chief technology officer", "chief technical officer"],
  coo: ["chief operating officer"],
  ai: ["artificial intelligence"],
  eu: ["European Union"],
  uk: ["United Kingdom"],
  usa: ["United States of America"],
};

/** The regex that counts one keyword: whole words, case-insensitive, plural or possessive ending allowed. */
export const createKeywordPattern = memoize(buildKeywordPattern, 5000);

function buildKeywordPattern(keyword: string): RegExp {
  const alternatives = [keyword, ...(EXPANSIONS[keyword.toLowerCase()] ?? [])].map((alternative) => {
    const body = escapeRegex(alternative.trim()).replace(/\s+/g, "\\s+");
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(alternative);
    const left = !cjk && /^[\p{L}\p{N}]/u.test(alternative) ? "(?<![\\p{L}\\p{N}])" : "";
    // "cherry" also matches "cherries", and a plural keyword its singular ("prices" matches "price",
    // "companies" matches "company"); other endings are a plural or possessive "s".
    let stem = body;
    if (/[^aeiou\s]y$/i.test(alternative)) stem = `${body.slice(0, -1)}(?:y|ies)`;
    else if (/[^aeiou\s]ies$/i.test(alternative)) stem = `${body.slice(0, -3)}(?:y|ies)`;
    else if (/\p{L}{3}[^sui\s]s$/iu.test(alternative)) stem = body.slice(0, -1);
    const ending = /\p{L}$/u.test(alternative) ? "(?:s|es|'s|’s)?" : "";
    const right = !cjk && /[\p{L}\p{N}]$/u.test(alternative) ? "(?![\\p{L}\\p{N}])" : "";
    return `${left}${stem}${ending}${right}`;
  });
  return new RegExp(alternatives.join("|"), "giu");
}

/** Counts the occurrences of `keyword` in `text` as a keywords check does. */
export function countKeyword(text: string, keyword: string): number {
  if (keyword.trim() === "") return 0;
  const pattern = createKeywordPattern(keyword);
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

function describeTimes(count: number): string {
  return count === 1 ? "1 time" : `${count} times`;
}

function describeFrequency(min: number | undefined, max: number | undefined): string {
  if (max === 0) return "must not appear";
  if (min !== undefined && max !== undefined) {
    return min === max ? `must appear exactly ${describeTimes(min)}` : `must appear ${min} to ${max} times`;
  }
  if (max !== undefined) return `may appear at most ${describeTimes(max)}`;
  if (min === undefined || min <= 1) return "must appear";
  return `must appear at least ${describeTimes(min)}`;
}

/** Scores a keywords check: the fraction of its keywords whose count is within bounds. */
export function scoreKeywords(check: KeywordsCheck, facts: TextFacts): FamilyScore {
  let met = 0;
  const found = check.keywords.map((keyword) => {
    const count = countKeyword(facts.text, keyword);
    if ((check.min === undefined || count >= check.min) && (check.max === undefined || count <= check.max))
      met++;
    return `"${keyword}" found ${describeTimes(count)}`;
  });
  const total = check.keywords.length;
  const rule = describeFrequency(check.min, check.max);
  const prefix = total > 1 ? `${met} of ${total} keywords as required: ` : "";
  return {
    score: total === 0 ? 1 : met / total,
    reason: `${prefix}${found.join(", ")}; ${total > 1 ? `each ${rule}` : rule}`,
  };
}
