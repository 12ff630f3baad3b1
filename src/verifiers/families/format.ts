// Format: "Output only the answer", "Return valid JSON", "JSON with keys a, b and c", "Use bullet points",
// "Use a numbered list", "Include a title in double angular brackets", "Use markdown headers", "End with a
// postscript starting with P.S.", "Don't use markdown". List and header rules become count checks (at
// least one, or none when negated), so they share the count definitions.
import type {
  AnswerOnlyCheck,
  CountCheck,
  CountUnit,
  JsonCheck,
  NoMarkdownCheck,
  PostscriptCheck,
  TitleCheck,
} from "../check.js";
import { type ClauseState, eachMatch, QUOTE } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { escapeRegex, memoize } from "../memo.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const JSON_PHRASE = compiledPattern(
  `(?:\\b(?:only|just|pure|raw) )?\\b(?:(?:valid|a|an|well-formed|proper|strict|parseable|parsable) )*json\\b(?: (?:format|object|only|output|response|string|document|data|dictionary))*(?: (?:with|containing|having|that has|that contains|including|which has|which contains)(?: (?:exactly|only|the|these|following|two|three|four|five|a|an))* (?:keys?|fields?|properties|property|attributes?|entries)(?: (?:named|called))?:? ((?:${QUOTE}|[\\w.$@-]+)(?:(?:,| and|, and| &) ?(?:${QUOTE}|[\\w.$@-]+))*))?`,
  "gi",
);
// Words that end a list of keys: what follows says something about them.
const KEY_LIST_END =
  /^(?:none|no|each|every|all|any|both|neither|with|without|where|which|that|whose|of|them|is|are|be|must|should|may|not|filled|set|left|in|as|for|to)$/i;
// "..., none of them empty", "with no empty values", "each filled in", "all non-empty": every named key
// (or, with none named, every key) holds a value.
const NON_EMPTY = compiledPattern(
  /^[\s,;]*(?:(?:and|with|where|,)\s+)?(?:(?:none|no one|not one) (?:of (?:them|these|the (?:keys|fields|values)) )?(?:(?:is|are|may be|can be|should be|must be|left|being) )*(?:empty|blank|missing|null)|(?:no|without(?: any)?) (?:empty|blank|null|missing) (?:values?|fields?|keys?|entries)|(?:each|every one|all)(?: of them)? (?:(?:is|are|must be|should be) )?(?:filled(?: in)?|non-?empty|not empty|present and non-?empty)|(?:all )?(?:values?|fields?) (?:(?:must|should|may) )?(?:not )?be (?:filled(?: in)?|non-?empty)|(?:all |every )?(?:values?|fields?)? ?(?:must |should )?(?:not be |never be )?(?:left )?(?:empty|blank)(?=$|[\s.,;]))/i,
);

// "double angular brackets", "doubled angle brackets", "double-angle brackets", "two angle brackets", "<< >>".
const DOUBLE_BRACKETS =
  "(?:(?:doubled?|two|twin|dual)[- ](?:angul?ar|angle)[- ]brackets(?: on (?:each|either|both) sides?)?|(?:angul?ar|angle) brackets,? doubled|<<[^<>]{0,200}>>)";
const TITLE = new RegExp(
  `\\b(?:title|heading|headline)\\b[^\\uE002]{0,120}?${DOUBLE_BRACKETS}|<<[^<>]{0,200}>>`,
  "gi",
);
const BRACKETED_TITLE = new RegExp(TITLE.source, "i");
// "Title the poem, and put the title inside doubled angle brackets": the clause that asks for the title,
// read with the clause that says how to write it.
const TITLE_ASKED =
  /^\s{0,3}(?:(?:and|then|also|please|first) ){0,3}(?:title (?:it|(?:the|your|this|my) [\p{L}-]{1,30})|give (?:it|(?:the|your|this) [\p{L}-]{1,30}) a title|(?:add|include|put|write|start with|begin with) a title(?: (?:to|for|on) (?:it|(?:the|your|this) [\p{L}-]{1,30}))?)[\s.]{0,3}$/iu;
const POSTSCRIPT = compiledPattern(
  `(?:\\b(?:end|finish|conclude|close)(?:s|ing)?(?: (?:your|the) (?:response|answer|reply|email|letter|message|text))? with |\\b(?:add|include|append|write)(?:ing)? )?(?:both )?(?:(?:a|an) )?(?:\\b(?:postscript|post-script|post script)\\b(?: (?:starting|beginning|that starts|that begins|marked|introduced|prefixed) (?:with|by) (${QUOTE}|p\\.?s\\.?(?![a-z])|p\\.?p\\.?s\\.?(?![a-z])))?|${QUOTE})(?: (?:at|to) the (?:very )?(?:bottom|end|foot|close)(?: of (?:the |your |my )?(?:email|letter|message|reply|response|note|text|post|answer))?)?`,
  "gi",
);
const ANSWER_NOUN = "(?:answer|result|value|number|code|output|solution|response|figure|word|name|date)";
const EXTRAS =
  "(?:preambles?|introductions?|intros?|explanations?|commentary|comments|extra text|additional text|extra words|filler|chit-?chat|small talk|pleasantries|elaboration|reasoning|justification|context)";
const ANSWER_ONLY = compiledPattern(
  [
    `\\b(?:(?:output|return|give|provide|respond with|reply with|answer with|print|write|state|show)(?: me)? )?(?:only|just|solely|nothing but|nothing except) (?:the |your )?(?:final |direct |short |bare |actual |plain |exact )?${ANSWER_NOUN}\\b(?: (?:itself|alone|only))?`,
    `\\b(?:the |your )?(?:final )?${ANSWER_NOUN} (?:only|alone)\\b(?! (?:in|with|using|from|by|as|when|if|for|about|to|once)\\b)`,
    `\\b(?:no|without(?: any)?|(?:don't|do not|never|must not|should not)(?: (?:add|include|give|write|provide|use))?(?: an?| any)?|skip(?: the)?|omit(?: the)?|avoid(?: any)?) ${EXTRAS}(?:(?:,|,? or|,? and|,? nor) (?:any |an? )?${EXTRAS})*`,
    `\\b(?:don't|do not|never) explain\\b(?: (?:anything|your (?:answer|reasoning)|yourself|it))?`,
    `\\bno need to explain\\b`,
  ].join("|"),
  "gi",
);
const NO_MARKDOWN =
  /\b(?:no|without(?: any| using)?|(?:don't|do not|never|must not|should not) (?:use|include)(?: any)?|avoid(?: using)?(?: any)?|free of) markdown(?: (?:formatting|syntax|formatting of any kind|of any kind))?\b|\b(?:in |as |only )?plain[- ]text(?: only)?\b/gi;
const STRUCTURES: readonly [RegExp, CountUnit][] = [
  [
    /\b(?:(?:markdown|section|md) )?(?:headers?|headings?|subheadings?|subheaders?|section titles)\b(?! (?:count|limit)\b)/gi,
    "headers",
  ],
  [/\b(?:numbered|ordered|enumerated)(?: (?:lists?|steps?|points?|items?|format))?\b/gi, "numbered_items"],
  [
    /\b(?:markdown )?(?:bullet(?:ed)?[- ]?(?:points?|lists?|format|style|form)|bullets|bulleted|bullet)\b(?: (?:list|format|style|form)s?)?/gi,
    "bullets",
  ],
];

// "You can use markdown ticks such as ```": a permission, not a rule; the JSON check strips a fence.
const FENCE_ALLOWED =
  /\b(?:you (?:can|may|are allowed to)|feel free to|it is (?:ok|fine|okay) to)(?: also)? (?:use|wrap (?:it )?in|include|put (?:it )?in) (?:markdown )?(?:code )?(?:ticks|backticks|fences?|code fences?|code blocks?|triple backticks)(?: such as)?(?: ?`{3})?/gi;

/** Reads JSON phrasings into a json check, with the required top-level keys when named. */
export function recognizeJson(state: ClauseState): void {
  eachMatch(state, FENCE_ALLOWED, (match) => state.consume(match.index, match.index + match[0].length));
  eachMatch(state, JSON_PHRASE, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    if (state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    let stop = end;
    const check: JsonCheck = { kind: "json", source: "" };
    if (match[1] !== undefined) {
      const keys: string[] = [];
      // The list ends at the first word that is not a key ("..., due_date, none of them empty").
      for (const key of match[1].matchAll(/\uE000(\d+)\uE001|[\w.$@-]+/g)) {
        if (key[1] === undefined && /^(?:and|or)$/i.test(key[0])) continue;
        if (key[1] === undefined && KEY_LIST_END.test(key[0])) {
          stop = start + match[0].indexOf(match[1]) + key.index;
          break;
        }
        keys.push(key[1] === undefined ? key[0] : state.quote(key[1]));
      }
      if (keys.length > 0) check.keys = keys;
    }
    const after = NON_EMPTY.exec(state.text.slice(stop, stop + 60));
    if (after !== null) {
      check.nonEmpty = true;
      stop += after.index + after[0].length;
    }
    check.source = state.source(start, stop);
    state.accept(start, stop, check);
  });
}

// Before the title's brackets, the words that ask for the title: "Name the song and set its (title in
// doubled angle brackets)", "Title the poem, then wrap the (title in << >>)". Read with them.
const TITLE_LEAD =
  /\b(?:title|name|entitle) (?:it|(?:the|your|this|my) [\p{L}-]{1,30})(?:,? (?:and|then|and then))?(?: (?:set|put|place|write|wrap|enclose|show|present|give|format|mark) (?:its|the|your|that|this))?\s{0,3}$/iu;

/** Reads "a title in double angular brackets" into a title check. */
export function recognizeTitle(state: ClauseState): void {
  const asked = TITLE_ASKED.exec(state.text);
  if (asked !== null && state.context.clauses?.some((clause) => BRACKETED_TITLE.test(clause))) {
    state.consume(asked.index, asked.index + asked[0].length);
    return;
  }
  eachMatch(state, TITLE, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    if (state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    const lead = TITLE_LEAD.exec(state.text.slice(Math.max(0, start - 120), start));
    const from = lead === null ? start : start - lead[0].length;
    state.accept(from, end, { kind: "title", source: state.source(from, end) } satisfies TitleCheck);
  });
}

/** Reads "End with a postscript starting with P.S." into a postscript check. */
export function recognizePostscript(state: ClauseState): void {
  eachMatch(state, POSTSCRIPT, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const quoted = match[2] ?? match[3];
    let marker = "P.S.";
    if (quoted !== undefined) {
      marker = state.quote(quoted);
      // A quoted string is a postscript marker only when it looks like one ("P.S.", "P.P.S", "PS:").
      if (!/^p\.?(?:p\.?)*s\.?:?$/i.test(marker.trim())) return;
    } else if (match[1] !== undefined) {
      marker = match[1].toUpperCase();
    }
    if (state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    state.accept(start, end, { kind: "postscript", marker: marker.trim(), source: state.source(start, end) });
  });
}

/** Reads "Output only the answer" and "no explanation" into one answer-only check. */
export function recognizeAnswerOnly(state: ClauseState): void {
  eachMatch(state, ANSWER_ONLY, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    if (state.checks.some((check) => check.kind === "answer_only")) {
      state.consume(start, end);
      return;
    }
    state.accept(start, end, {
      kind: "answer_only",
      source: state.source(start, end),
    } satisfies AnswerOnlyCheck);
  });
}

/** Reads "Don't use markdown" and "plain text only" into a no-markdown check. */
export function recognizeNoMarkdown(state: ClauseState): void {
  eachMatch(state, NO_MARKDOWN, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    state.accept(start, end, {
      kind: "no_markdown",
      source: state.source(start, end),
    } satisfies NoMarkdownCheck);
  });
}

const ALTERNATIVES =
  /\b(?:bullet|bulleted|bullets|numbered|ordered|enumerated|headers?|headings?)\b[^\uE002]{0,60}?\bor\b[^\uE002]{0,60}?\b(?:bullet|bulleted|bullets|numbered|ordered|enumerated|headers?|headings?)\b(?: (?:points?|lists?|items?))?/i;

/** Reads "Use bullet points", "a numbered list", "markdown headers" into count checks (none when negated). */
export function recognizeStructure(state: ClauseState): void {
  // "bullet points or a numbered list" offers a choice; a count check per structure would demand both.
  const choice = ALTERNATIVES.exec(state.text);
  if (choice && !state.isNegatedBefore(choice.index)) {
    state.reject(choice.index, choice.index + choice[0].length);
    return;
  }
  for (const [pattern, unit] of STRUCTURES) {
    eachMatch(state, pattern, (match) => {
      const start = match.index;
      const end = start + match[0].length;
      // "Every bullet point must be under 10 words" is about each bullet, and "title case for headings"
      // about headings if there are any: neither asks for the structure itself.
      // The words just before: a look along the whole clause before each match was quadratic.
      if (
        /\b(?:each|every|per|for(?: the| all| any)?)\s+$/i.test(
          state.original.slice(Math.max(0, start - 40), start),
        )
      )
        return;
      const check: CountCheck = { kind: "count", unit, source: state.source(start, end) };
      if (state.isNegatedBefore(start)) check.max = 0;
      else check.min = 1;
      state.accept(start, end, check);
    });
  }
}

const PREAMBLE =
  /^(?:\W{0,3})(?:sure|certainly|of course|absolutely|okay|ok|great question|good question|good news|here(?:'s| is| are)|i(?:'d| would) be (?:happy|glad)|i'm (?:happy|glad)|happy to help|as an ai|let me|the answer is|answer:|to answer|in short|well,|alright|great[,!]|no problem)\b/i;
const EXPLANATION =
  /(?:^|\n)[ \t]*(?:\*\*)?(?:explanation|note|notes|reasoning|rationale|why:|because\b|this is because|i hope (?:this|that) helps|hope (?:this|that) helps|let me know|feel free|if you (?:have|need)|in summary)/i;

/** Scores an answer-only check: 1, minus half for a preamble and half for a trailing explanation. */
export function scoreAnswerOnly(_check: AnswerOnlyCheck, facts: TextFacts): FamilyScore {
  const text = facts.trimmed;
  if (text === "") return { score: 0, reason: "the text is empty; an answer was required" };
  const preamble = PREAMBLE.exec(text.slice(0, 200));
  // Only the part after the first line can be an explanation of it.
  const firstBreak = text.indexOf("\n");
  const explanation = firstBreak === -1 ? null : EXPLANATION.exec(text.slice(firstBreak));
  const problems: string[] = [];
  if (preamble) problems.push(`a preamble ("${preamble[0].trim()}")`);
  if (explanation) problems.push(`an explanation ("${explanation[0].trim()}")`);
  if (problems.length === 0) return { score: 1, reason: "no preamble or explanation found" };
  return {
    score: 1 - 0.5 * problems.length,
    reason: `found ${problems.join(" and ")}; only the answer was allowed`,
  };
}

/** Removes one surrounding markdown code fence, the way JSON answers are often delivered. */
function stripFence(text: string): string {
  const fenced = /^```[\w-]*\s*\n([\s\S]*?)\n?```$/.exec(text);
  return fenced ? fenced[1]! : text;
}

/** Scores a json check: 0 unless the text parses; with keys, the fraction of keys present at the top level. */
export function scoreJson(check: JsonCheck, facts: TextFacts): FamilyScore {
  const text = stripFence(facts.trimmed).trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return {
      score: 0,
      reason: text === "" ? "the text is empty; valid JSON required" : `not valid JSON: ${message}`,
    };
  }
  const keys = check.keys ?? [];
  if (keys.length === 0 && check.nonEmpty === true) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { score: 1, reason: "valid JSON" };
    const entries = Object.entries(value);
    const empty = entries.filter(([, item]) => isEmptyValue(item)).map(([key]) => key);
    if (entries.length === 0)
      return { score: 0, reason: "valid JSON but an empty object; filled-in values required" };
    if (empty.length === 0)
      return { score: 1, reason: `valid JSON, every one of its ${entries.length} keys filled in` };
    return {
      score: (entries.length - empty.length) / entries.length,
      reason: `valid JSON with ${empty.length} of ${entries.length} keys empty: ${empty.join(", ")}`,
    };
  }
  if (keys.length === 0) return { score: 1, reason: "valid JSON" };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const found = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    return { score: 0, reason: `valid JSON but ${found}; an object with keys ${keys.join(", ")} required` };
  }
  const record = value as Record<string, unknown>;
  const missing = keys.filter((key) => !Object.hasOwn(record, key));
  const empty =
    check.nonEmpty === true
      ? keys.filter((key) => Object.hasOwn(record, key) && isEmptyValue(record[key]))
      : [];
  const met = keys.length - missing.length - empty.length;
  const filled = check.nonEmpty === true ? ", each filled in" : "";
  if (met === keys.length) return { score: 1, reason: `JSON object with keys ${keys.join(", ")}${filled}` };
  const problems = [
    ...(missing.length > 0 ? [`missing ${missing.join(", ")}`] : []),
    ...(empty.length > 0 ? [`empty ${empty.join(", ")}`] : []),
  ];
  return {
    score: met / keys.length,
    reason: `JSON object with ${met} of ${keys.length} required keys${filled}; ${problems.join("; ")}`,
  };
}

/** An empty value for "none of them empty": an empty or blank string, null, an empty array or object. */
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** Scores a title check: 1 when a `<<title>>` is present. */
export function scoreTitle(_check: TitleCheck, facts: TextFacts): FamilyScore {
  const title = /<<([^<>\n]*\S[^<>\n]*)>>/.exec(facts.text);
  if (title) return { score: 1, reason: `title <<${title[1]!.trim()}>> found` };
  return { score: 0, reason: "no title in double angular brackets (<<title>>) found" };
}

/**
 * The regex finding a line that starts with `marker`, after any markdown quote or emphasis marks or an
 * opening quotation mark or bracket (a postscript that opens a quoted response); "P.S." also matches
 * "P. S." and "PS".
 */
const createMarkerPattern = memoize((marker: string): RegExp => {
  const letters = marker.replace(/[^a-z]/gi, "").split("");
  return new RegExp(
    `^[ \\t>*_"\u201C\u00AB'\u2018(]*${letters.map((letter) => `${escapeRegex(letter)}\\.?[ \\t]?`).join("")}(?![a-z])`,
    "im",
  );
}, 100);

/** How many letters a further postscript's marker has ("P.P.S." 3), 0 when the paragraph starts with none. */
function postscriptDepth(paragraph: string): number {
  const marker = /^[ \t>*_"\u201C\u00AB'\u2018(]{0,10}((?:p\.?[ \t]?){2,6}s)(?:\.|:|\b)/i.exec(
    paragraph.trimStart(),
  );
  return marker === null ? 0 : marker[1]!.replace(/[^a-z]/gi, "").length;
}

/** Scores a postscript check: 1 when the last paragraph starts with the marker (further postscripts aside), else 0. */
export function scorePostscript(check: PostscriptCheck, facts: TextFacts): FamilyScore {
  const markerPattern = createMarkerPattern(check.marker);
  const found = markerPattern.exec(facts.text);
  if (!found) return { score: 0, reason: `no line starting with ${check.marker} found` };
  // A P.P.S. after the P.S. (a P.P.P.S. after the P.P.S.) belongs to the postscript.
  const depth = check.marker.replace(/[^a-z]/gi, "").length;
  const after = facts.text
    .slice(found.index)
    .split(/\n[ \t]*\n/)
    .slice(1)
    .filter((paragraph) => paragraph.trim() !== "");
  if (after.some((paragraph) => postscriptDepth(paragraph) <= depth)) {
    return {
      score: 0,
      reason: `${check.marker} found, but other paragraphs follow it; a postscript ends the text`,
    };
  }
  return { score: 1, reason: `postscript starting with ${check.marker} found at the end` };
}

const MARKDOWN_SYNTAX: readonly [RegExp, string][] = [
  [/^ {0,3}#{1,6}[ \t]+\S/m, "a header"],
  [/^[ \t]*[-*+][ \t]+\S/m, "a bullet"],
  [/^[ \t]*\d{1,3}[.)][ \t]+\S/m, "a numbered item"],
  [/\*\*[^*\n]+\*\*|__[^_\n]+__/, "bold text"],
  [/(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])/, "italic text"],
  [/`[^`\n]+`|^```/m, "code"],
  [/\[[^[\]\n]{1,500}\]\([^()[\]\s]{1,2000}\)/, "a link"],
  [/^[ \t]*\|[^\n]*\|[ \t]*$/m, "a table"],
];

/** Scores a no-markdown check: 1 when no markdown syntax is found; the reason names the first kind seen. */
export function scoreNoMarkdown(_check: NoMarkdownCheck, facts: TextFacts): FamilyScore {
  const found = MARKDOWN_SYNTAX.filter(([pattern]) => pattern.test(facts.text)).map(([, name]) => name);
  if (found.length === 0) return { score: 1, reason: "no markdown found" };
  return { score: 0, reason: `markdown found: ${found.join(", ")}; plain text required` };
}
