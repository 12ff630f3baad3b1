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
  verify,
  verifyRequirement,
} from "../../../../src/verifiers/index.js";
import { expectScored } from "./expect-scored.js";

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
const russian = "Привет, как дела? Я очень рад тебя видеть сегодня утром";
const amharic = "ሰላም ለዓለም እንዴት ነህ ዛሬ ጥሩ ቀን ነው";
const estonian = "Tere hommikust! Täna on ilus päev ja me läheme koos parki jalutama ning sööma.";
// English comments, for a code block left unclosed.
const comments = [
  "# Read the settings file and keep what the user asked for.",
  "# When the file is missing, fall back to the defaults we ship with.",
  "# Every value is checked before it is used, so a typo shows up early.",
  "# The cache is cleared whenever the settings change on disk.",
  "# This keeps the next run from reading stale values by mistake.",
].join("\n");
/** `lines` lines of code with English words. */
const codeOf = (lines: number) =>
  Array.from(
    { length: lines },
    (_, index) => `function readTheValue${index}(input) { return input.value + the.other.thing; }`,
  ).join("\n");
// Longer than a quarter of what is sampled.
const code = codeOf(6);
// A whole module: 3,000 characters, more than four samples.
const longCode = codeOf(40);
/** A JSON answer of `count` records in Hebrew under English field names. */
const hebrewRecords = (count: number) =>
  JSON.stringify(
    Array.from({ length: count }, (_, index) => ({
      id: index + 1,
      name: "דוד כהן",
      city: "ירושלים",
      country: "ישראל",
      status: "פעיל",
    })),
    null,
    2,
  );

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
    [
      "Respond in Thai",
      amharic,
      null,
      "cannot tell: 21 letters in a script none of the compared languages is written in; Thai required",
    ],
    // Each JSON value is a word of its own: a name among Hebrew values makes the text mixed.
    [
      "Write in Hebrew",
      '{"greeting": "שלום", "name": "David", "city": "ירושלים"}',
      null,
      "cannot tell: mixed text (67% of the words in Hebrew script, the rest mostly Latin); Hebrew required",
    ],
    // Trigrams too close to separate, and too few common words to decide.
    [
      "Respond in Romanian",
      "Estate calda giornata sole mare spiaggia amici vacanza per",
      null,
      "cannot tell: the text reads as Italian or Romanian about equally; Romanian required",
    ],
    // Two common words of each of two languages: a tie.
    [
      "Respond in English",
      "the dog and el perro y",
      null,
      "too short to detect the language (17 letters; at least 40 needed); English required",
    ],
    // Half of the words in Thai script: mixed.
    [
      "Respond in Thai",
      "สวัสดี ครับ hello friend",
      null,
      "cannot tell: mixed text (50% of the words in other script, the rest mostly Latin); Thai required",
    ],
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

  test.each<[string, string, 0 | 1 | null, string]>([
    // A language outside the widely used ones is compared when it is the one required.
    ["Respond in Estonian", estonian, 1, "detected Estonian (ekk); Estonian required"],
    // Compared with the widely used ones only, not with every language: Zulu is not read as Swati.
    [
      "Respond in Zulu",
      "Sawubona mngani wami! Ngiyajabula kakhulu ukukubona namuhla. Sizohamba siye edolobheni kusasa ekuseni.",
      1,
      "detected Zulu (zul); Zulu required",
    ],
    // The common words of a short text: two are enough, a tie with another language's is not.
    [
      "Respond in English",
      "the dog was happy",
      1,
      "14 letters, too short for trigrams, but its common words are English; English required",
    ],
    // A language known by its script is not decided by common words, however short the text.
    ["Respond in Japanese", "the cat was too busy", 0, "detected English (eng); Japanese required"],
    ["Respond in Thai", english, 0, "detected English (eng); Thai required"],
    ["Respond in Thai", russian, 0, "detected Russian (rus); Thai required"],
    [
      "Respond in French",
      "我们今天去公园散步，天气非常好，大家都很开心。",
      0,
      "detected Chinese (cmn); French required",
    ],
    ["Respond in Russian", russian, 1, "detected Russian (rus); Russian required"],
    // 40 letters are enough for trigrams.
    [
      "Respond in Russian",
      "Привет! Мы очень рады видеть вас сегодня вечером",
      1,
      "detected Russian (rus); Russian required",
    ],
    // A script none of the compared languages is written in still tells what the text is not.
    [
      "Respond in French",
      amharic,
      0,
      "the text is in Ethiopic script; French is written in Latin; French required",
    ],
    // From 100 letters, names without common words are read by trigrams.
    [
      "Respond in German",
      "PIXEL PRODIGY, CODE CONSTRUCT, MEGA BUILDER, NOVA, HYPER LOOP, TURBO DRIVE, SUPER NOVA, QUANTUM LEAP, ROCKET SCIENCE, STARDUST",
      0,
      "detected Catalan (cat); German required",
    ],
    ["Respond in Ukrainian", russian, 0, "detected Russian (rus); Ukrainian required"],
    // Words in two or three scripts: the share of the language's own decides.
    [
      "Respond in Arabic",
      "Hello my friend how are you مرحبا بكم في",
      0,
      "67% of the words are not in Arabic script (mostly Latin); Arabic is written in Arabic; Arabic required",
    ],
    [
      "Respond in French",
      "Bonjour mon ami Привет как дела مرحبا بكم في",
      0,
      "67% of the words are not in Latin script (mostly Cyrillic); French is written in Latin; French required",
    ],
    // 70% of the words in one script is not mixed.
    [
      "Respond in Arabic",
      "Hello my friend how are you today مرحبا بكم في",
      0,
      "the text is in Latin script; Arabic is written in Arabic; Arabic required",
    ],
    [
      "Respond in Arabic",
      "مرحبا بكم في موقعنا الجديد نحن سعداء hello my friend",
      1,
      "detected Arabic (arb); Arabic required",
    ],
    [
      "Respond in Russian",
      "Hello my friend how are you today dear friend Привет друг",
      0,
      "the text is in Latin script; Russian is written in Cyrillic; Russian required",
    ],
    // Trigrams too close to separate two languages: the common words decide.
    [
      "Respond in Dutch",
      "De man is in het huis en de vrouw is in de tuin met de kinderen",
      1,
      "Afrikaans and Dutch are close; its common words are Dutch; Dutch required",
    ],
    [
      "Respond in Catalan",
      "Questo è un bel giorno per andare al mare con gli amici",
      0,
      "Italian and Catalan are close; its common words are Italian; Catalan required",
    ],
    // JSON: its string values are the prose, wherever they are; text that only starts like JSON is prose.
    [
      "Write in Hebrew",
      ' \n{"title": "שלום עולם"}',
      1,
      "Hebrew script, read as Hebrew (heb); Hebrew required",
    ],
    [
      "Write in Hebrew",
      '{"title": "שלום עולם", "note": null, "n": 3, "tags": ["שלום"]}',
      1,
      "Hebrew script, read as Hebrew (heb); Hebrew required",
    ],
    [
      "Answer in French",
      "{ Voici ma réponse: le chien est dans la maison avec le chat et la souris }",
      1,
      "detected French (fra); French required",
    ],
    // A word is read by its first letter: a brand name inside Chinese does not make it Latin.
    [
      "Respond in Chinese",
      "我今天用iPhone拍了很多照片",
      1,
      "other script, read as Chinese (cmn); Chinese required",
    ],
    // Hyphens part words: "state-of-the-art" holds two common words.
    [
      "Respond in English",
      "a state-of-the-art car",
      1,
      "17 letters, too short for trigrams, but its common words are English; English required",
    ],
    // Code is left out, a long block before the prose and an unclosed one after it.
    ["Answer in French", `\`\`\`js\n${code}\n\`\`\`\n${french}`, 1, "detected French (fra); French required"],
    ["Answer in French", `${french}\n\`\`\`js\n${code}`, 1, "detected French (fra); French required"],
    ["Answer in French", `${french}\n\`\`\`\n${comments}`, 1, "detected French (fra); French required"],
    ["Write in Hebrew", hebrewRecords(6), 1, "detected Hebrew (heb); Hebrew required"],
    // Inline code parts words as a space does: in Chinese, written without spaces, the words on each side of
    // it stay two (glued, the English product names would make half of the words).
    [
      "Respond in Chinese",
      "运行`npm install`安装依赖，再用 Docker 和 Nginx 部署。",
      1,
      "other script, read as Chinese (cmn); Chinese required",
    ],
  ])("%j on %j", (description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });

  // Long texts, out of the table: a test name holding 68,894 characters crashed Stryker's test runner.
  test("however long the code before the prose, the prose is read (it read as no letters past 2,400 characters)", () => {
    expectScored(
      `\`\`\`js\n${longCode}\n\`\`\`\n${french}`,
      "Answer in French",
      1,
      "detected French (fra); French required",
    );
  });

  test("a long JSON answer is read by its values (68,894 characters: read as mixed text when only answers under 38,400 were parsed)", () => {
    expectScored(hebrewRecords(600), "Write in Hebrew", 1, "detected Hebrew (heb); Hebrew required");
  });

  test("two languages required of one text are detected each among its own candidates", () => {
    const result = verify(estonian, [
      { kind: "language", language: "fra", name: "French", source: "in French" },
      { kind: "language", language: "ekk", name: "Estonian", source: "in Estonian" },
    ]);
    expect(result.checks.map((check) => [check.score, check.reason])).toEqual([
      [0, "detected Galician (glg); French required"],
      [1, "detected Estonian (ekk); Estonian required"],
    ]);
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
  test.each<[string, string, number, string[]]>([
    ["", "und", 0, []],
    ["123", "und", 0, []],
    [english, "eng", 65, ["eng"]],
    [french, "fra", 72, ["fra"]],
    // The languages within reach of the best.
    ["De man is in het huis en de vrouw is in de tuin met de kinderen", "afr", 48, ["afr", "nld"]],
    // Without a required language, only the widely used ones are compared.
    [estonian, "glg", 63, ["glg"]],
  ])("%j", (text, code, letters, close) => {
    const detected = detectLanguage(text);
    expect(detected).toEqual({ language: code, letters, close });
  });

  test("compares the required language too", () => {
    expect(detectLanguage(estonian, "ekk").language).toBe("ekk");
  });

  test("reads 600 characters of prose, however much whitespace the text has", () => {
    const long = Array.from({ length: 20 }, () => french).join("\n\n\n\n");
    expect(detectLanguage(long).letters).toBe(486);
  });

  test("a text that is a JSON literal other than an object or a list is read as written", () => {
    expect(detectLanguage("null").letters).toBe(4);
    // A JSON string with a list in it: its escapes are read as written (the two "n" of "\n").
    expect(detectLanguage('"Voici la liste:\\n[1] le chien\\n[2] le chat"').letters).toBe(27);
  });

  test("links are left out, http as well as https", () => {
    expect(detectLanguage("Le chien http://example.com/abc").letters).toBe(7);
  });

  test("reads prose only: code, links and markdown symbols are left out", () => {
    expect(
      detectLanguage("```js\nconst x = 1;\n``` **Le** `code` chien https://example.com/abc").letters,
    ).toBe(7);
  });
});
