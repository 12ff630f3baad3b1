// Language: "Respond in French", "Answer in Spanish", "Your entire response should be in Kannada language",
// "French only", "in the requested language" (Maestro's response_language). Any language franc knows can
// be named by its English name. Detection uses franc, limited to the named languages, and knows when it
// cannot tell: a text under 40 letters is decided only by its script or its common words, a text whose
// letters are in two scripts in large parts is "mixed", and a text two languages score about equally on
// is decided by its common words or not at all. "Cannot tell" is a null score, never a fail.
import { createRequire } from "node:module";
import type { francAll as FrancAll } from "franc";
import type { ResponseLanguage } from "../../domain/index.js";
import type { LanguageCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";
import { LANGUAGE_CODES, RESPONSE_LANGUAGE_CODES } from "./language-codes.js";
import { isClearProse } from "./language-prose.js";
import {
  chineseScriptOf,
  LANGUAGE_VARIANT,
  readChineseScripts,
  scoreChineseScript,
  variantCheck,
} from "./language-variants.js";
import {
  FUNCTION_WORDS,
  favoredLanguage,
  isSame,
  siblingByWords,
  voteFunctionWords,
  wordsFavor,
} from "./language-words.js";

// franc's cost grows with the languages it compares: it compares the widely used ones (and the scripts
// only one language uses, which cost nothing), plus the required language when that is another one.
const CORE = [
  ..."eng fra spa deu ita por nld arb heb rus ukr pol ces slk slv swe dan nob fin hun ron tur ell bul hrv srp bos cat glg lit ind zlm vie tgl swh afr cmn jpn kor hin ben urd pes tha".split(
    " ",
  ),
  ..."tel tam guj kan mal pan sin khm hye kat lao bod mya".split(" "),
];
const CORE_SET = new Set(CORE);

// A language already compared, or one franc does not know, adds nothing to the list franc filters by.
function candidatesFor(required: string | undefined): string[] {
  return required === undefined ? CORE : [...CORE, required];
}
const NAMES = new Map<string, string>();
for (const [name, code] of Object.entries(LANGUAGE_CODES)) {
  if (!NAMES.has(code)) NAMES.set(code, name.charAt(0).toUpperCase() + name.slice(1));
}
// Languages franc knows by their script alone: a few letters of Kannada script are Kannada.
const BY_SCRIPT = new Set([
  "cmn",
  "jpn",
  "kor",
  "tel",
  "tam",
  "guj",
  "kan",
  "mal",
  "pan",
  "tha",
  "sin",
  "ell",
  "khm",
  "hye",
  "kat",
  "lao",
  "ben",
  "bod",
  "mya",
]);
// How close another language's trigram score may come to the best before the text counts as unclear.
const CLOSE = 0.97;

const LANGUAGE = `(${Object.keys(LANGUAGE_CODES).join("|")})`;
const PHRASES = compiledPattern(
  [
    `\\b(?:in|into|to|using|use|with)(?: (?:the|only|purely|entirely|exclusively|fluent|proper|standard|formal|informal|plain|simple|modern|mandarin|${LANGUAGE_VARIANT}))* ${LANGUAGE}(?: language| characters| script)?(?: only)?\\b`,
    // "Only Nepali, please."
    `\\bonly ${LANGUAGE}(?= *(?:[,.;!?]|please\\b|$))`,
    `\\b${LANGUAGE}(?: language)? only\\b`,
    `\\blanguage(?: (?:must|should) be| is|:)? ${LANGUAGE}\\b`,
    `\\b(?:respond|reply|answer|write|speak|talk)(?:s|ing)? ${LANGUAGE}\\b`,
    // "in UPPERCASE ENGLISH", "in lowercase French": the case family, read first, took "in UPPERCASE".
    `(?<=\\uE002 )${LANGUAGE}(?= *(?:[.,;!?]|$))`,
  ].join("|"),
  "gi",
);
const REQUESTED =
  /\bin the (?:requested|response|requested response|chosen|selected|specified|configured|target|user's|users'|user) (?:own )?language\b/gi;
const IMPLIED = /\b(?:and )?no other languages? (?:is |are )?(?:allowed|permitted)\b/gi;

/** The language check for Maestro's `response_language`, or undefined for `unset` (or none given). */
export function createLanguageCheck(
  language: ResponseLanguage | undefined,
  source = `response_language: ${language}`,
): LanguageCheck | undefined {
  const code = language && RESPONSE_LANGUAGE_CODES[language];
  if (code === undefined) return undefined;
  return { kind: "language", language: code, name: NAMES.get(code) ?? language!, source };
}

/** Reads language phrasings in a clause into language checks. */
export function recognizeLanguage(state: ClauseState): void {
  // The name alternation is long; a clause that names no language is spared it.
  const named = (state.text.toLowerCase().match(/\p{L}+/gu) ?? []).some((word) => NAME_WORDS.has(word));
  if (named) readNamedLanguages(state);
  readChineseScripts(state);
  readRequestedLanguage(state);
}

const NAME_WORDS = new Set(Object.keys(LANGUAGE_CODES).map((name) => name.split(" ")[0]!));

function readNamedLanguages(state: ClauseState): void {
  eachMatch(state, PHRASES, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const name = match
      .slice(1)
      .find((group) => group !== undefined)!
      .toLowerCase();
    const code = LANGUAGE_CODES[name]!;
    // "Don't answer in English" does not say which language to use; "names may stay in English" allows
    // English, it does not ask for it.
    const before = state.text.slice(Math.max(0, start - 80), start);
    if (state.isNegatedBefore(start) || PERMISSION_BEFORE.test(before) || PART_BEFORE.test(before)) {
      state.reject(start, end);
      return;
    }
    // "in Simplified Chinese", "in Brazilian Portuguese": a variety of the language (language-variants.ts).
    const { check, unchecked } = variantCheck(match[0], code, NAMES.get(code)!, state.source(start, end));
    state.accept(start, end, check);
    if (unchecked !== undefined) state.unsupported.push(unchecked);
  });
}

/**
 * What comes right before a language when it is allowed rather than asked for: "may stay in", "can be left
 * in", "are fine in", "is allowed in". "may only be in" still asks.
 */
const PERMISSION_BEFORE =
  /\b(?:(?:may|can|could|might)(?! only\b)(?: (?:also|still|just))? (?:stay|remain|be|appear|be left|be kept|be written|be given|keep|go)|(?:is|are) (?:fine|ok|okay|allowed|permitted|acceptable)|(?:is|are) (?:also )?(?:allowed|permitted) to (?:stay|remain|be|appear))(?: (?:as (?:they are|is)|unchanged|untranslated))? (?:in )?$/i;

/**
 * Parts of a text a language may be asked or allowed for, in place of the whole text: "keep the commands
 * themselves in English", "it's fine to leave code terms in English".
 */
const PART_BEFORE =
  /\b(?:(?:fine|ok|okay|allowed|free|welcome|acceptable) to )?(?:(?:keep|leave|put|quote)(?: (?:the|any|all|your|these|those|its|their))?(?: [\p{L}'-]+){0,5} (?:names?|terms?|titles?|headings?|comments?|commands?|quotes?|quotations?|citations?|code|keywords?|labels?|examples?|abbreviations?|acronyms?|words?|phrases?)|(?:write|give|use|mention)(?: (?:the|any|all|your|these|those|its|their))?(?: [\p{L}'-]+){0,5} (?:names?|terms?|titles?|headings?|comments?|commands?|quotes?|quotations?|citations?|code|keywords?|labels?|examples?|abbreviations?|acronyms?))(?: themselves)?(?: (?:as (?:they are|is)|unchanged|untranslated))? (?:in )?$/iu;

function readRequestedLanguage(state: ClauseState): void {
  eachMatch(state, REQUESTED, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const check = createLanguageCheck(state.context.responseLanguage, state.source(start, end));
    if (check === undefined || state.isNegatedBefore(start)) state.reject(start, end);
    else state.accept(start, end, check);
  });
  eachMatch(state, IMPLIED, (match) => state.consume(match.index, match.index + match[0].length));
}

/** The fewest letters a text needs before its language is decided by trigrams (fewer: by common words or script). */
export const MIN_LETTERS_FOR_LANGUAGE = 40;
// franc's cost grows with the sample; 600 characters of prose decide the supported languages reliably.
const SAMPLE_LENGTH = 600;

/**
 * The text franc reads: prose only (no code, links or markdown symbols), at most 600 characters. Read from
 * the first 2,400 characters of the text, or from all of it when they hold too little prose: a long code
 * block before the prose is skipped, and a long text of prose is not read whole.
 */
function sampleProse(text: string): string {
  const prose = proseOf(text);
  const sample = cleanProse(prose.slice(0, SAMPLE_LENGTH * 4));
  return (sample.length >= SAMPLE_LENGTH ? sample : cleanProse(prose)).slice(0, SAMPLE_LENGTH);
}

/**
 * Prose without code, links and markdown symbols, its spaces collapsed. A link runs to the next space, so
 * it is removed without one; every symbol becomes a space, and runs of spaces one.
 */
function cleanProse(text: string): string {
  return text
    .replace(/```[\s\S]*?(?:```|$)/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/https?:\/\/\S+/g, "")
    .replace(/[#*_>|`~[\]()<>{}=+-]/g, " ")
    .replace(/\s+/g, " ");
}

/**
 * The prose a language is read from: a JSON answer's string values (its keys are field names, not
 * the language it was asked to write in), else the text itself.
 */
function proseOf(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return text;
  }
  const strings: string[] = [];
  const collect = (item: unknown): void => {
    // A list's values are its elements; a number's or a boolean's are none.
    if (typeof item === "string") strings.push(item);
    else if (item !== null) for (const element of Object.values(item as object)) collect(element);
  };
  collect(value);
  return strings.join("\n");
}

/** What the detector concluded about a text. */
export interface DetectedLanguage {
  /** The most likely language (ISO 639-3), or "und" when there are too few letters to try. */
  language: string;
  letters: number;
  /** The languages whose scores come within reach of the best, best first (the best included). */
  close: string[];
}

/** Detects the language of `text` among the widely used languages and `required`; "und" without letters. */
export function detectLanguage(text: string, required?: string): DetectedLanguage {
  return detectSample(sampleProse(text), required);
}

let francAllLoaded: typeof FrancAll | undefined;

/**
 * franc's `francAll`, loaded at the first detection: its trigram data take about 80 ms to load, which
 * every process that imports the verifiers paid before, most of them (a vitest worker linting its
 * suites, the CLI before its workers start) without detecting a language. franc is an ES module; Node
 * (>= 20.19, the package's engines) loads it synchronously through `require`.
 */
function loadFrancAll(): typeof FrancAll {
  francAllLoaded ??= (createRequire(import.meta.url)("franc") as { francAll: typeof FrancAll }).francAll;
  return francAllLoaded;
}

function detectSample(sample: string, required: string | undefined): DetectedLanguage {
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return { language: "und", letters, close: [] };
  // Latin words in a text mostly in another script are names and terms ("我们使用 Docker 和 AWS"): franc picks
  // the script with the most characters, and would read those few words as Portuguese or French.
  const read = readScript(sample).script === "Latin" ? sample : sample.replace(LATIN_WORD, " ");
  // Trigram models are lowercase; a text mostly in capitals ("PIXEL PRODIGY") is read lowercased.
  const upper = read.match(/\p{Lu}/gu)?.length ?? 0;
  const scores = loadFrancAll()(upper * 2 > letters ? read.toLowerCase() : read, {
    only: candidatesFor(required),
    minLength: 1,
  });
  // francAll always gives one language at least: "und" when it cannot tell.
  const best = scores[0]![0];
  const close = scores.filter(([, score]) => score >= CLOSE).map(([code]) => code);
  return { language: best, letters, close };
}

// The script each non-Latin language is written in; a language not listed is written in Latin letters
// (or is known by its own script, see BY_SCRIPT).
const SCRIPTS: readonly [string, RegExp, readonly string[]][] = [
  [
    "Cyrillic",
    /\p{Script=Cyrillic}/u,
    ["rus", "ukr", "bul", "bel", "mkd", "kaz", "kir", "tgk", "tat", "khk"],
  ],
  ["Arabic", /\p{Script=Arabic}/u, ["arb", "urd", "pes", "prs", "pbu", "uig", "ckb"]],
  ["Devanagari", /\p{Script=Devanagari}/u, ["hin", "mar", "npi", "mai", "bho", "mag"]],
  ["Hebrew", /\p{Script=Hebrew}/u, ["heb", "ydd"]],
  ["Ethiopic", /\p{Script=Ethiopic}/u, ["amh", "tir"]],
];
const LATIN = /\p{Script=Latin}/u;
const LATIN_WORD = /\p{Script=Latin}[\p{L}\p{M}]*/gu;
/**
 * A word: one character of a script written without spaces (Chinese, Japanese), whose words are mostly one or
 * two characters, else a run of letters up to the next such character.
 */
const UNSPACED = "[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]";
const WORD = compiledPattern(`${UNSPACED}|(?:(?!${UNSPACED})\\p{L})(?:(?!${UNSPACED})[\\p{L}\\p{M}])*`, "gu");

/**
 * The script most of the words are in: "Latin", one of {@link SCRIPTS}, or "other"; and its share. `sample`
 * has a letter (a text without is decided before), so a word.
 */
function readScript(sample: string): {
  script: string;
  share: number;
  second: string | undefined;
  counts: ReadonlyMap<string, number>;
} {
  const counts = new Map<string, number>();
  // Counted by words, not letters: a Hangul syllable is one letter, an English word several.
  const words = sample.match(WORD)!;
  for (const word of words) {
    const letter = word.charAt(0);
    const script = LATIN.test(letter)
      ? "Latin"
      : (SCRIPTS.find(([, pattern]) => pattern.test(letter))?.[0] ?? "other");
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [script, most] = ranked[0]!;
  return { script, share: most / words.length, second: ranked[1]?.[0], counts };
}

/** The share of a text's words under which a second script makes the text "mixed". */
const MIXED_SHARE = 0.7;

/** The script `code` is written in, or undefined for the languages franc knows by their own script. */
function scriptOf(code: string): string | undefined {
  if (BY_SCRIPT.has(code)) return undefined;
  return SCRIPTS.find(([, , codes]) => codes.includes(code))?.[0] ?? "Latin";
}

/** The letters a paragraph needs to be read on its own: more than a short phrase. */
const MIN_PART_LETTERS = 60;
/** How much of a text is read paragraph by paragraph (a megabyte of prose is read from its start). */
const PARTS_LENGTH = 100_000;

/**
 * A paragraph clearly in another language than `wanted`: its common words name that language, and its
 * trigrams read it so, not close to `wanted`. The text's language is read from its first 600 characters,
 * where an English paragraph after French ones ("entirely in French") went unseen, or was outvoted.
 */
function otherLanguagePart(
  text: string,
  wanted: string,
): { paragraph: number; language: string } | undefined {
  const paragraphs = proseOf(text)
    .slice(0, PARTS_LENGTH)
    .split(/\n\s*\n/);
  for (const [index, paragraph] of paragraphs.entries()) {
    const prose = cleanProse(paragraph);
    if ((prose.match(/\p{L}/gu)?.length ?? 0) < MIN_PART_LETTERS) continue;
    const votes = voteFunctionWords(prose);
    const favored = favoredLanguage(votes);
    // A phrase asked for in another language ("End with 'Is there anything else?'" under "Write in German")
    // is no paragraph in it: a sentence of its own, at least three of its common words.
    if (favored === undefined || isSame(favored, wanted) || (votes.get(favored) ?? 0) < 3) continue;
    const read = detectSample(prose, wanted);
    if (isSame(read.language, favored) && !read.close.some((code) => isSame(code, wanted)))
      return { paragraph: index + 1, language: favored };
  }
  return undefined;
}

/**
 * What the scripts of a text settle alone: no word in the language's own script, most words in another
 * script, a mixed text, or letters of another script. Undefined when they settle nothing.
 */
function scoreByScript(
  check: LanguageCheck,
  scripts: ReturnType<typeof readScript>,
  required: string,
): FamilyScore | undefined {
  const { script, share, second, counts } = scripts;
  const wantedScript = scriptOf(check.language);
  // A language with a script of its own (Hebrew, Hindi) cannot be met by a text with no word in that script,
  // however mixed the rest is (Latin JSON keys around Arabic values).
  if (wantedScript !== undefined && wantedScript !== "Latin" && (counts.get(wantedScript) ?? 0) === 0) {
    return {
      score: 0,
      reason: `no word in ${wantedScript} script; ${check.name} is written in ${wantedScript}; ${required}`,
    };
  }
  // Most of the words in another script than the language's own: not in that language, as a detector
  // reading the whole text would say too. (Under the mixed share, a second script is always there.)
  if (share < MIXED_SHARE && wantedScript !== undefined) {
    let total = 0;
    for (const count of counts.values()) total += count;
    const wantedShare = (counts.get(wantedScript) ?? 0) / total;
    if (wantedShare < 0.5) {
      return {
        score: 0,
        reason: `${Math.round((1 - wantedShare) * 100)}% of the words are not in ${wantedScript} script (mostly ${script === wantedScript ? second : script}); ${check.name} is written in ${wantedScript}; ${required}`,
      };
    }
  }
  // Two scripts in large parts, the language's own the larger (an English preamble, then Hindi): the
  // text is mixed; say so, do not guess.
  if (share < MIXED_SHARE) {
    return {
      score: null,
      reason: `cannot tell: mixed text (${Math.round(share * 100)}% of the words in ${script} script, the rest mostly ${second}); ${required}`,
    };
  }
  // Letters in another script settle it however short the text: Marathi is not written in Latin letters.
  if (wantedScript !== undefined && script !== "other" && script !== wantedScript) {
    return {
      score: 0,
      reason: `the text is in ${script} script; ${check.name} is written in ${wantedScript}; ${required}`,
    };
  }
  return undefined;
}

/**
 * Scores a language check: 1 when the text is in the required language, 0 when it is clearly in another,
 * and null ("cannot tell") when the text is too short or too close between languages to decide. A text
 * in a script only one language uses (Kannada, Thai, Korean...) is decided by its script, however short.
 */
export function scoreLanguage(check: LanguageCheck, facts: TextFacts): FamilyScore {
  const chinese = chineseScriptOf(check);
  if (chinese)
    return scoreChineseScript(check, chinese.script, scoreLanguage(chinese.language, facts), facts);
  const sample = facts.remember("language-sample", sampleProse);
  const candidates = CORE_SET.has(check.language) ? "" : check.language;
  const detected = facts.remember(`language\u0000${candidates}`, () => detectSample(sample, check.language));
  const { language, letters, close } = detected;
  const required = `${check.name} required`;
  const name = (code: string): string => NAMES.get(code) ?? code;
  if (letters === 0) {
    return { score: null, reason: `no letters to detect the language from; ${required}` };
  }
  const byScript = BY_SCRIPT.has(language) || BY_SCRIPT.has(check.language);
  const scripts = facts.remember("language-script", () => readScript(sample));
  const { script } = scripts;
  const byScripts = scoreByScript(check, scripts, required);
  if (byScripts !== undefined) return byScripts;
  // Letters none of the compared languages is written in (Amharic when French is required and Amharic
  // is not compared): cannot tell which language, only that the script did not settle it.
  if (language === "und") {
    return {
      score: null,
      reason: `cannot tell: ${letters} letters in a script none of the compared languages is written in; ${required}`,
    };
  }
  const sibling = isSame(language, check.language) ? siblingByWords(sample, check.language) : undefined;
  if (sibling !== undefined) {
    return {
      score: 0,
      reason: `read as ${name(language)} (${language}), and its common words are ${name(sibling)}; ${required}`,
    };
  }
  // A short text in the required language's own script: franc's pick within the script decides.
  if (letters < MIN_LETTERS_FOR_LANGUAGE && script !== "Latin" && isSame(language, check.language)) {
    return { score: 1, reason: `${script} script, read as ${name(language)} (${language}); ${required}` };
  }
  const votes = voteFunctionWords(sample);
  if (letters < MIN_LETTERS_FOR_LANGUAGE && !byScript) {
    if (wordsFavor(sample, check.language)) {
      return {
        score: 1,
        reason: `${letters} letters, too short for trigrams, but its common words are ${check.name}; ${required}`,
      };
    }
    return {
      score: null,
      reason: `too short to detect the language (${letters} letters; at least ${MIN_LETTERS_FOR_LANGUAGE} needed); ${required}`,
    };
  }
  // The text reads as the language: so must each of its paragraphs that clearly reads as one.
  const passUnlessPart = (read: string): FamilyScore => {
    const part = facts.remember(`language-part\u0000${check.language}`, (text) =>
      otherLanguagePart(text, check.language),
    );
    return part === undefined
      ? { score: 1, reason: `${read}; ${required}` }
      : {
          score: 0,
          reason: `${read}, but paragraph ${part.paragraph} is ${name(part.language)}; ${required}`,
        };
  };
  if (isSame(language, check.language)) return passUnlessPart(`detected ${name(language)} (${language})`);
  // Names and headings ("PIXEL PRODIGY, CODE CONSTRUCT") have no common words: trigrams alone cannot tell.
  // Unless it is prose franc reads clearly (language-prose.ts).
  const bare = script === "Latin" && letters < 100 && votes.size === 0;
  if (bare && !isClearProse(sample, candidatesFor(check.language), loadFrancAll())) {
    return {
      score: null,
      reason: `cannot tell: ${letters} letters without a common word of any language (read as ${name(language)}); ${required}`,
    };
  }
  if (close.some((code) => isSame(code, check.language))) {
    // Trigrams cannot separate them; the common words can, when they clearly name one language.
    const winner = Object.keys(FUNCTION_WORDS).find((code) => wordsFavor(sample, code));
    if (isSame(winner, check.language))
      return passUnlessPart(
        `${name(language)} and ${check.name} are close; its common words are ${check.name}`,
      );
    if (winner !== undefined) {
      return {
        score: 0,
        reason: `${name(language)} and ${check.name} are close; its common words are ${name(winner)}; ${required}`,
      };
    }
    return {
      score: null,
      reason: `cannot tell: the text reads as ${close.map(name).join(" or ")} about equally; ${required}`,
    };
  }
  return { score: 0, reason: `detected ${name(language)} (${language}); ${required}` };
}
