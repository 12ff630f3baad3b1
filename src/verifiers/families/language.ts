// Language: "Respond in French", "Answer in Spanish", "Your entire response should be in English", "French
// only", "in the requested language" (Maestro's response_language). Detection uses franc, limited to the
// languages named below so that short English is not taken for Scots or Norwegian. Below 40 letters franc
// is unreliable, so a shorter text is reported as undecidable (score null) rather than guessed.
import { franc } from "franc";
import type { ResponseLanguage } from "../../domain/index.js";
import type { LanguageCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

/** Language names a description may use, with their ISO 639-3 codes as franc reports them. */
const LANGUAGE_CODES: Record<string, string> = {
  english: "eng",
  french: "fra",
  spanish: "spa",
  castilian: "spa",
  german: "deu",
  italian: "ita",
  portuguese: "por",
  dutch: "nld",
  arabic: "arb",
  hebrew: "heb",
  russian: "rus",
  ukrainian: "ukr",
  polish: "pol",
  czech: "ces",
  slovak: "slk",
  slovenian: "slv",
  swedish: "swe",
  danish: "dan",
  norwegian: "nob",
  finnish: "fin",
  hungarian: "hun",
  romanian: "ron",
  turkish: "tur",
  greek: "ell",
  bulgarian: "bul",
  croatian: "hrv",
  serbian: "srp",
  bosnian: "bos",
  catalan: "cat",
  galician: "glg",
  lithuanian: "lit",
  indonesian: "ind",
  malay: "zlm",
  vietnamese: "vie",
  tagalog: "tgl",
  filipino: "tgl",
  swahili: "swh",
  afrikaans: "afr",
  chinese: "cmn",
  mandarin: "cmn",
  japanese: "jpn",
  korean: "kor",
  hindi: "hin",
  bengali: "ben",
  urdu: "urd",
  persian: "pes",
  farsi: "pes",
  thai: "tha",
};

/** Maestro's `response_language` values as ISO 639-3 codes; `unset` asks for nothing. */
const RESPONSE_LANGUAGE_CODES: Record<ResponseLanguage, string | undefined> = {
  arabic: "arb",
  dutch: "nld",
  english: "eng",
  french: "fra",
  german: "deu",
  hebrew: "heb",
  italian: "ita",
  portuguese: "por",
  spanish: "spa",
  unset: undefined,
};

const CANDIDATES = [...new Set(Object.values(LANGUAGE_CODES))];
const NAMES = new Map<string, string>();
for (const [name, code] of Object.entries(LANGUAGE_CODES)) {
  if (!NAMES.has(code)) NAMES.set(code, name.charAt(0).toUpperCase() + name.slice(1));
}
// Languages franc cannot tell apart reliably from a sample count as one.
const SAME_AS: Record<string, readonly string[]> = {
  hrv: ["srp", "bos"],
  srp: ["hrv", "bos"],
  bos: ["hrv", "srp"],
  ind: ["zlm"],
  zlm: ["ind"],
};

const LANGUAGE = `(${Object.keys(LANGUAGE_CODES).join("|")})`;
const PHRASES = new RegExp(
  [
    `\\b(?:in|into|to|using|use|with)(?: (?:the|only|purely|entirely|exclusively|fluent|proper|standard|formal|informal|plain|simple))* ${LANGUAGE}(?: language)?(?: only)?\\b`,
    `\\b${LANGUAGE}(?: language)? only\\b`,
    `\\blanguage(?: (?:must|should) be| is|:)? ${LANGUAGE}\\b`,
    `\\b(?:respond|reply|answer|write|speak|talk)(?:s|ing)? ${LANGUAGE}\\b`,
  ].join("|"),
  "gi",
);
const REQUESTED =
  /\bin the (?:requested|response|requested response|chosen|selected|specified|configured|target|user's|users'|user) (?:own )?language\b/gi;
const IMPLIED = /\b(?:and )?no other languages? (?:is |are )?(?:allowed|permitted)\b/gi;

/** The language check for Maestro's `response_language`, or undefined for `unset`. */
export function createLanguageCheck(
  language: ResponseLanguage,
  source = `response_language: ${language}`,
): LanguageCheck | undefined {
  const code = RESPONSE_LANGUAGE_CODES[language];
  if (code === undefined) return undefined;
  return { kind: "language", language: code, name: NAMES.get(code) ?? language, source };
}

/** Reads language phrasings in a clause into language checks. */
export function recognizeLanguage(state: ClauseState): void {
  eachMatch(state, PHRASES, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const name = match
      .slice(1)
      .find((group) => group !== undefined)!
      .toLowerCase();
    const code = LANGUAGE_CODES[name]!;
    // "Don't answer in English" does not say which language to use.
    if (state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    state.accept(start, end, {
      kind: "language",
      language: code,
      name: NAMES.get(code)!,
      source: state.source(start, end),
    });
  });
  eachMatch(state, REQUESTED, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const requested = state.context.responseLanguage;
    const check =
      requested === undefined ? undefined : createLanguageCheck(requested, state.source(start, end));
    if (check === undefined || state.isNegatedBefore(start)) state.reject(start, end);
    else state.accept(start, end, check);
  });
  eachMatch(state, IMPLIED, (match) => state.consume(match.index, match.index + match[0].length));
}

/** The fewest letters a text needs before its language is decided. */
export const MIN_LETTERS_FOR_LANGUAGE = 40;
// franc's cost grows with the sample; 600 characters of prose decide the supported languages reliably.
const SAMPLE_LENGTH = 600;

/** The text franc reads: prose only (no code, links or markdown symbols), at most 600 characters. */
function sampleProse(text: string): string {
  return text
    .slice(0, SAMPLE_LENGTH * 4)
    .replace(/```[\s\S]*?(?:```|$)/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[#*_>|`~[\]()<>{}=+-]+/g, " ")
    .replace(/\s+/g, " ")
    .slice(0, SAMPLE_LENGTH);
}

/** Detects the language of `text` among the supported ones; "und" when it cannot tell. */
export function detectLanguage(text: string): { language: string; letters: number } {
  const sample = sampleProse(text);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS_FOR_LANGUAGE) return { language: "und", letters };
  return { language: franc(sample, { only: CANDIDATES, minLength: 1 }), letters };
}

/** Scores a language check: 1 when the detected language is the required one, null when undecidable. */
export function scoreLanguage(check: LanguageCheck, facts: TextFacts): FamilyScore {
  const { language, letters } = facts.remember("language", detectLanguage);
  if (letters < MIN_LETTERS_FOR_LANGUAGE) {
    return {
      score: null,
      reason: `too little text to detect the language (${letters} letters; at least ${MIN_LETTERS_FOR_LANGUAGE} needed); ${check.name} required`,
    };
  }
  if (language === "und")
    return { score: null, reason: `the language could not be detected; ${check.name} required` };
  const name = NAMES.get(language) ?? language;
  const ok = language === check.language || (SAME_AS[check.language]?.includes(language) ?? false);
  return { score: ok ? 1 : 0, reason: `detected ${name} (${language}); ${check.name} required` };
}
