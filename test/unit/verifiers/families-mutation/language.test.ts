// The language family's readings and reasons that the corpus leaves open (found by mutation testing, npm
// run test:mutation): the phrasings that name a language, "the requested language" with and without
// Maestro's response_language, and every reason of a language score: no letters, a script the language
// is not written in, mixed scripts, short texts read by script or by common words, and detection.
import { describe, expect, test } from "vitest";
import {
  type Check,
  createLanguageCheck,
  detectLanguage,
  parseRequirement,
  verifyRequirement,
} from "../../../../src/verifiers/index.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(
  description: string,
  responseLanguage?: "french" | "unset",
): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description, responseLanguage === undefined ? {} : { responseLanguage });
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

const language = (code: string, name: string) => ({ kind: "language", language: code, name });

describe("language read from its phrasing", () => {
  test.each<[string, object]>([
    ["Respond in French", language("fra", "French")],
    ["Answer using only Spanish", language("spa", "Spanish")],
    ["French only", language("fra", "French")],
    ["German language only", language("deu", "German")],
    ["Your entire response should be in Kannada language", language("kan", "Kannada")],
    ["The language must be Italian", language("ita", "Italian")],
    ["language: German", language("deu", "German")],
    ["Respond Portuguese", language("por", "Portuguese")],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });

  test.each<[string, "french" | "unset" | undefined, object]>([
    ["Respond in the requested language", "french", { checks: [language("fra", "French")], unchecked: [] }],
    // "no other language is allowed" belongs to the rule.
    [
      "Respond in the user's language, no other language is allowed",
      "french",
      { checks: [language("fra", "French")], unchecked: [] },
    ],
    // Without a response_language (or with `unset`) there is nothing to check against.
    [
      "Respond in the requested language",
      undefined,
      { checks: [], unchecked: ["Respond in the requested language"] },
    ],
    [
      "Respond in the requested language",
      "unset",
      { checks: [], unchecked: ["Respond in the requested language"] },
    ],
    [
      "Don't respond in the requested language",
      "french",
      { checks: [], unchecked: ["Don't respond in the requested language"] },
    ],
    ["Don't answer in English", undefined, { checks: [], unchecked: ["Don't answer in English"] }],
  ])("%j with response_language %j", (description, responseLanguage, expected) => {
    expect(read(description, responseLanguage)).toStrictEqual(expected);
  });

  test("the check for a response_language", () => {
    expect(createLanguageCheck("french")).toStrictEqual({
      kind: "language",
      language: "fra",
      name: "French",
      source: "response_language: french",
    });
    expect(createLanguageCheck("unset")).toBeUndefined();
  });
});

const english = "The quick brown fox jumps over the lazy dog and then it runs away into the forest";
const french = "Le renard brun rapide saute par-dessus le chien paresseux et puis il court dans la forêt";

describe("the reason of a language score", () => {
  test.each<[string, string, 0 | 1 | null, string]>([
    ["Respond in French", french, 1, "detected French (fra); French required"],
    ["Respond in French", english, 0, "detected English (eng); French required"],
    ["Answer in Spanish", "", null, "no letters to detect the language from; Spanish required"],
    ["Answer in Spanish", "123 456!", null, "no letters to detect the language from; Spanish required"],
    [
      "French only",
      "Bonjour",
      null,
      "too short to detect the language (7 letters; at least 40 needed); French required",
    ],
    [
      "Respond in English",
      "the cat was too busy",
      1,
      "16 letters, too short for trigrams, but its common words are English; English required",
    ],
    // One common word is not enough.
    [
      "Respond in English",
      "Pixel prodigy the code construct",
      null,
      "too short to detect the language (28 letters; at least 40 needed); English required",
    ],
    [
      "language: German",
      "Der Hund ist nicht da und die Katze auch",
      1,
      "32 letters, too short for trigrams, but its common words are German; German required",
    ],
    [
      "Your entire response should be in Kannada language",
      "ನಮಸ್ಕಾರ",
      1,
      "other script, read as Kannada (kan); Kannada required",
    ],
    ["Respond in Hindi", "नमस्ते", 1, "Devanagari script, read as Hindi (hin); Hindi required"],
    [
      "Respond in Hindi",
      "hello there my friend how are you",
      0,
      "no word in Devanagari script; Hindi is written in Devanagari; Hindi required",
    ],
    [
      "Respond in Russian",
      english,
      0,
      "no word in Cyrillic script; Russian is written in Cyrillic; Russian required",
    ],
    // JSON keys are field names; the values are the prose.
    ["Write in Hebrew", '{"title": "שלום עולם"}', 1, "Hebrew script, read as Hebrew (heb); Hebrew required"],
    [
      "Respond in Arabic",
      "Hello مرحبا بكم في موقعنا hello hello hello",
      null,
      "cannot tell: mixed text (50% of the words in Latin script, the rest mostly Arabic); Arabic required",
    ],
    [
      "Respond in Hindi",
      "Hello there friend नमस्ते दोस्त आप कैसे हैं",
      null,
      "cannot tell: mixed text (63% of the words in Devanagari script, the rest mostly Latin); Hindi required",
    ],
    // Languages franc cannot tell apart count as one.
    [
      "Respond in Croatian",
      "Danas je lijep dan i idemo u park da se igramo s prijateljima",
      1,
      "detected Bosnian (bos); Croatian required",
    ],
    // A language outside the widely used ones is compared too when it is the one required.
    [
      "Respond in Galician",
      "Bo día, como estás? Eu estou moi ben, grazas por preguntar",
      1,
      "detected Galician (glg); Galician required",
    ],
    [
      "Respond in Spanish",
      "Eu não sei o que fazer com isso mas vou tentar de novo amanhã",
      0,
      "detected Portuguese (por); Spanish required",
    ],
    // Names in capitals have no common words: trigrams alone cannot tell.
    [
      "Respond in Spanish",
      "PIXEL PRODIGY, CODE CONSTRUCT, MEGA BUILDER, NOVA",
      null,
      "cannot tell: 40 letters without a common word of any language (read as Catalan); Spanish required",
    ],
    ["Respond in Thai", "สวัสดี", 1, "other script, read as Thai (tha); Thai required"],
    ["Respond in Russian", "Привет", 1, "Cyrillic script, read as Russian (rus); Russian required"],
    [
      "Respond in German",
      "Привет, как дела? Я очень рад тебя видеть сегодня утром",
      0,
      "the text is in Cyrillic script; German is written in Latin; German required",
    ],
  ])("%j on %j", (description, text, score, reason) => {
    const result = verifyRequirement(text, description);
    expect({ score: result.score, reason: result.reason }).toEqual({ score, reason });
  });

  test("the requested language is scored like a named one", () => {
    const result = verifyRequirement(
      "Le chien est dans la maison avec le chat",
      "Respond in the requested language",
      {
        responseLanguage: "french",
      },
    );
    expect({ score: result.score, reason: result.reason }).toEqual({
      score: 1,
      reason: "32 letters, too short for trigrams, but its common words are French; French required",
    });
  });
});

describe("detectLanguage", () => {
  test.each<[string, string, number]>([
    ["", "und", 0],
    ["123", "und", 0],
    [english, "eng", 65],
    [french, "fra", 72],
  ])("%j", (text, code, letters) => {
    const detected = detectLanguage(text);
    expect({ language: detected.language, letters: detected.letters }).toEqual({ language: code, letters });
  });

  test("reads prose only: code, links and markdown symbols are left out", () => {
    expect(
      detectLanguage("```js\nconst x = 1;\n``` **Le** `code` chien https://example.com/abc").letters,
    ).toBe(7);
  });
});
