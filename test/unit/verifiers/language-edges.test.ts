// docs/verifiers.md, Language detection: the three thresholds at their edges. "Mixed" is under 70% of
// the words in the main script (70% itself is not mixed); "too close" is another language scoring
// within 3% of the best (franc's normalised score of 0.97 or more, 0.97 itself included); a Latin-script
// text with no common word of any language cannot be told under 100 letters (from 100 the trigrams
// decide). Each text's word share, letter count or franc score is asserted first, so that a row that
// no longer sits at its edge fails as such rather than passing for another reason.
import { francAll } from "franc";
import { describe, expect, test } from "vitest";
import { verifyRequirement } from "../../../src/verifiers/index.js";

function expectScored(text: string, description: string, score: number | null, reason: string): void {
  const result = verifyRequirement(text, description);
  expect({ score: result.score, verdict: result.verdict, reason: result.reason }).toEqual({
    score,
    verdict: score === 1 ? "pass" : score === null ? "unverifiable" : "fail",
    reason,
  });
}

/** Words as the detector counts them (a letter, then letters and marks), and the share in `script`. */
function shareIn(text: string, script: "Devanagari" | "Latin"): { words: number; share: number } {
  const words = text.match(/\p{L}[\p{L}\p{M}]*/gu)!;
  const pattern = new RegExp(`\\p{Script=${script}}`, "u");
  const inScript = words.filter((word) => pattern.test(word.charAt(0))).length;
  return { words: words.length, share: inScript / words.length };
}

const letters = (text: string) => text.match(/\p{L}/gu)!.length;

const HINDI = "आज मौसम बहुत सुहाना था इसलिए हम सब पार्क गए वहाँ बच्चे".split(" ");
const ENGLISH = "please reply today thanks friend".split(" ");
const PROSE = "we walked through the quiet park after lunch and watched children play".split(" ");

describe("mixed scripts: under 70% of the words in the main script", () => {
  const hindiFirst = (hindi: number, english: number) =>
    [...HINDI.slice(0, hindi), ...ENGLISH.slice(0, english)].join(" ");
  const englishFirst = (english: number, hindi: number) =>
    [...PROSE.slice(0, english), ...HINDI.slice(0, hindi)].join(" ");

  test.each<[string, string, number, number | null, string]>([
    // Exactly 70% (7 of 10 words): not mixed (34 letters, under 40: its script decides).
    ["Respond in Hindi", hindiFirst(7, 3), 0.7, 1, "Devanagari script, read as Hindi (hin); Hindi required"],
    // 69.2% (9 of 13): mixed, cannot tell.
    [
      "Respond in Hindi",
      hindiFirst(9, 4),
      9 / 13,
      null,
      "cannot tell: mixed text (69% of the words in Devanagari script, the rest mostly Latin); Hindi required",
    ],
    // 70.6% (12 of 17): not mixed.
    ["Respond in Hindi", hindiFirst(12, 5), 12 / 17, 1, "detected Hindi (hin); Hindi required"],
  ])("%s, %j (Devanagari share %s)", (description, text, share, score, reason) => {
    expect(shareIn(text, "Devanagari").share).toBe(share);
    expectScored(text, description, score, reason);
  });

  test.each<[string, string, number, number | null, string]>([
    ["Respond in English", englishFirst(7, 3), 0.7, 1, "detected English (eng); English required"],
    [
      "Respond in English",
      englishFirst(9, 4),
      9 / 13,
      null,
      "cannot tell: mixed text (69% of the words in Latin script, the rest mostly Devanagari); English required",
    ],
  ])(
    "%s, %j (Latin share %s): the edge is the same from the Latin side",
    (description, text, share, score, reason) => {
      expect(shareIn(text, "Latin").share).toBe(share);
      expectScored(text, description, score, reason);
    },
  );

  test("the shares sit where the rows say: 7 of 10 is 0.7 itself", () => {
    expect(shareIn(hindiFirst(7, 3), "Devanagari")).toEqual({ words: 10, share: 0.7 });
    expect(shareIn(hindiFirst(9, 4), "Devanagari")).toEqual({ words: 13, share: 9 / 13 });
    expect(shareIn(hindiFirst(12, 5), "Devanagari")).toEqual({ words: 17, share: 12 / 17 });
    expect(shareIn(englishFirst(7, 3), "Latin")).toEqual({ words: 10, share: 0.7 });
    expect(shareIn(englishFirst(9, 4), "Latin")).toEqual({ words: 13, share: 9 / 13 });
    expect(9 / 13).toBeLessThan(0.7);
    expect(12 / 17).toBeGreaterThan(0.7);
  });
});

// Texts of Italian nouns without a common word of any language (function words would decide instead),
// at least 100 letters (under 100 the Latin-script floor would decide), found by searching random
// orders of the nouns for a franc score at, just above and just below 0.97.
const CORE = [
  ..."eng fra spa deu ita por nld arb heb rus ukr pol ces slk slv swe dan nob fin hun ron tur ell bul hrv srp bos cat glg lit ind zlm vie tgl swh afr cmn jpn kor hin ben urd pes tha".split(
    " ",
  ),
  ..."tel tam guj kan mal pan sin khm hye kat lao bod mya".split(" "),
];
const scoreOf = (text: string, code: string) =>
  francAll(text, { only: CORE, minLength: 1 }).find(([language]) => language === code)?.[1];

const AT =
  "paura spiaggia strada montagna calda acqua tempo strada mare gioia storia chiesa lago estate strada storia cuore vita morte piazza spiaggia storia spiaggia mano bosco parole bosco";
const ABOVE =
  "mare sole amore casa luna calda cuore terra chiesa giardino acqua vacanza montagna cuore tempo speranza occhi spiaggia libro vita coraggio estate amici";
const BELOW =
  "forza calda strada acqua giornata lago bosco terra piazza vacanza estate vacanza libro amici giornata parole canzone giardino";

describe("too close: another language within 3% of the best", () => {
  test("the texts' franc scores sit at the edge: 0.97 exactly, just above, just below", () => {
    expect(francAll(AT, { only: CORE, minLength: 1 })[0]).toEqual(["por", 1]);
    expect(scoreOf(AT, "spa")).toBe(0.97);
    expect(scoreOf(AT, "glg")).toBeLessThan(0.97);
    expect(francAll(ABOVE, { only: CORE, minLength: 1 })[0]).toEqual(["ita", 1]);
    expect(scoreOf(ABOVE, "glg")).toBeGreaterThan(0.97);
    expect(scoreOf(ABOVE, "glg")).toBeLessThan(0.9702);
    expect(francAll(BELOW, { only: CORE, minLength: 1 })[0]).toEqual(["ita", 1]);
    expect(scoreOf(BELOW, "spa")).toBeLessThan(0.97);
    expect(scoreOf(BELOW, "spa")).toBeGreaterThan(0.9696);
    for (const text of [AT, ABOVE, BELOW]) expect(letters(text)).toBeGreaterThanOrEqual(100);
  });

  test.each<[string, string, string, number | null, string]>([
    [
      "a score of exactly 0.97 is close",
      "Respond in Spanish",
      AT,
      null,
      "cannot tell: the text reads as Portuguese or Italian or Spanish about equally; Spanish required",
    ],
    [
      "0.9663 in the same text is not",
      "Respond in Galician",
      AT,
      0,
      "detected Portuguese (por); Galician required",
    ],
    [
      "0.97017 is close",
      "Respond in Galician",
      ABOVE,
      null,
      "cannot tell: the text reads as Italian or Galician about equally; Galician required",
    ],
    ["0.96968 is not", "Respond in Spanish", BELOW, 0, "detected Italian (ita); Spanish required"],
  ])("%s", (_, description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });

  test("close languages are told apart by clear common words, when there are some", () => {
    // Two Spanish common words added to the text at 0.97 (which stays close): Spanish by its words.
    const text = `${AT} pero muy`;
    expect(scoreOf(text, "spa")).toBeGreaterThanOrEqual(0.97);
    expectScored(
      text,
      "Respond in Spanish",
      1,
      "Portuguese and Spanish are close; its common words are Spanish; Spanish required",
    );
  });
});

describe("Latin-script text without a common word: 100 letters at least", () => {
  const NOUNS =
    "montagna spiaggia giardino vacanza speranza coraggio canzone chiesa piazza strada fiume bosco cuore gioia vento";

  test.each<[string, string, number, number | null, string]>([
    // 99 letters, no common word: cannot tell.
    [
      "Respond in German",
      `${NOUNS} lu`,
      99,
      null,
      "cannot tell: 99 letters without a common word of any language (read as Italian); German required",
    ],
    // 100 letters: the trigrams decide.
    ["Respond in German", `${NOUNS} lun`, 100, 0, "detected Italian (ita); German required"],
    ["Respond in German", `${NOUNS} luna`, 101, 0, "detected Italian (ita); German required"],
    // 99 letters with one common word ("per", Italian): the trigrams decide.
    [
      "Respond in German",
      `${NOUNS.replace(" vento", "")} per luna`,
      99,
      0,
      "detected Italian (ita); German required",
    ],
    // 99 letters read as the required language pass: the floor only stops a fail.
    ["Respond in Italian", `${NOUNS} lu`, 99, 1, "detected Italian (ita); Italian required"],
  ])("%s, %s letters: %j", (description, text, count, score, reason) => {
    expect(letters(text)).toBe(count);
    expectScored(text, description, score, reason);
  });
});

describe("Chinese and Japanese with Latin names inside: each character counts as a word", () => {
  const CHINESE_WITH_NAMES =
    "我们的团队使用 Docker、Kubernetes、Terraform 和 AWS Lambda 来构建和部署云原生应用程序，并通过 GitHub Actions 实现持续集成。";
  const JAPANESE_WITH_NAMES = "東京でDocker、Kubernetes、AWSを使ってサービスをデプロイします。";

  test("the Latin letters outnumber the Chinese characters, so a count of letters or of runs would say Latin", () => {
    const latin = CHINESE_WITH_NAMES.match(/\p{Script=Latin}/gu)!.length;
    const han = CHINESE_WITH_NAMES.match(/\p{Script=Han}/gu)!.length;
    expect(latin).toBeGreaterThan(han);
    // Runs of letters: the Chinese text falls into fewer runs than there are names.
    expect(CHINESE_WITH_NAMES.match(/\p{Script=Han}+/gu)!.length).toBeLessThan(10);
  });

  test.each<[string, string, string, number | null, string]>([
    [
      "a Chinese sentence naming tools",
      "我们使用 Docker、Kubernetes 和 AWS 部署服务。",
      "Respond in Chinese",
      1,
      "other script, read as Chinese (cmn); Chinese required",
    ],
    [
      "a longer one, read by trigrams",
      CHINESE_WITH_NAMES,
      "Respond in Chinese",
      1,
      "detected Chinese (cmn); Chinese required",
    ],
    [
      "the same, when English was asked for",
      CHINESE_WITH_NAMES,
      "Respond in English",
      0,
      "detected Chinese (cmn); English required",
    ],
    [
      "Japanese with names written against the kana",
      JAPANESE_WITH_NAMES,
      "Answer in Japanese",
      1,
      "other script, read as Japanese (jpn); Japanese required",
    ],
    [
      "English quoting two Chinese words stays English",
      "The Chinese word for hello is 你好, and thank you is 谢谢; we practised both every morning before class.",
      "Respond in English",
      1,
      "detected English (eng); English required",
    ],
  ])("%s", (_name, text, description, score, reason) => {
    expectScored(text, description, score, reason);
  });
});

describe("Hindi, Marathi and Nepali: one script, told apart by their common words", () => {
  // franc reads these three as one another on samples (they count as one language for it); a text's own
  // verbs "to be", "and", "not" and "also" say which it is.
  const HINDI_DAY =
    "मैं आज बाज़ार गया था। वहाँ बहुत भीड़ थी और मौसम भी अच्छा नहीं था। हम लोग शाम को घर लौटे और खाना खाया। यह दिन मेरे लिए बहुत थकाने वाला था।";
  const MARATHI_DAY =
    "मी आज बाजारात गेलो होतो. तिथे खूप गर्दी होती आणि हवामान पण चांगले नव्हते. आम्ही संध्याकाळी घरी परत आलो आणि जेवण केले. उद्या पुन्हा जायचे आहे असे ठरले आहे.";
  const NEPALI_DAY =
    "म आज बजार गएँ। त्यहाँ धेरै भीड थियो र मौसम पनि राम्रो छैन। हामी साँझ घर फर्कियौं र खाना खायौं। भोलि फेरि जाने योजना छ र यो दिन मेरो लागि थकाइलाग्दो थियो।";

  test.each<[string, string, string, 0 | 1, RegExp]>([
    ["a Hindi text does not pass Marathi", HINDI_DAY, "Answer in Marathi", 0, /common words are Hindi/],
    ["a Hindi text does not pass Nepali", HINDI_DAY, "Answer in Nepali", 0, /common words are Hindi/],
    ["a Marathi text does not pass Hindi", MARATHI_DAY, "Answer in Hindi", 0, /common words are Marathi/],
    ["a Nepali text does not pass Hindi", NEPALI_DAY, "Answer in Hindi", 0, /common words are Nepali/],
    ["a Hindi text passes Hindi", HINDI_DAY, "Answer in Hindi", 1, /Hindi required$/],
    ["a Marathi text passes Marathi", MARATHI_DAY, "Answer in Marathi", 1, /Marathi required$/],
    ["a Nepali text passes Nepali", NEPALI_DAY, "Answer in Nepali", 1, /Nepali required$/],
  ])("%s", (_name, text, description, score, reason) => {
    const result = verifyRequirement(text, description);
    expect({ score: result.score, reason: result.reason }).toEqual({
      score,
      reason: expect.stringMatching(reason),
    });
  });
});

describe("a paragraph in another language", () => {
  // The language is read from the text's first 600 characters; a paragraph after them, or one outvoted
  // within them, is read on its own when its common words name another language.
  const FRENCH = [
    "Le projet avance bien. L'équipe a terminé la première phase la semaine dernière et les tests sont en cours.",
    "Nous avons eu un retard avec le fournisseur, mais il a promis de livrer les pièces avant la fin du mois.",
  ];
  const ENGLISH_PARAGRAPH =
    "The next meeting is on Thursday at ten, and we will go over the open risks with the team.";
  const LONG_FRENCH = Array.from({ length: 8 }, () => FRENCH.join(" ")).join("\n\n");

  test.each<[string, string, string, 0 | 1, RegExp]>([
    [
      "an English last paragraph fails 'entirely in French'",
      [...FRENCH, ENGLISH_PARAGRAPH].join("\n\n"),
      "Write it entirely in French.",
      0,
      /paragraph 3 is English; French required$/,
    ],
    [
      "past the first 600 characters too",
      `${LONG_FRENCH}\n\n${ENGLISH_PARAGRAPH}`,
      "Respond in French",
      0,
      /paragraph 9 is English; French required$/,
    ],
    [
      "all French passes",
      [...FRENCH, FRENCH[0]].join("\n\n"),
      "Write it entirely in French.",
      1,
      /^detected French/,
    ],
    [
      "an English name or title of a few words is not a paragraph to read",
      ["Project Phoenix: Status", ...FRENCH].join("\n\n"),
      "Respond in French",
      1,
      /^detected French/,
    ],
    [
      "an English sentence quoted inside a French paragraph stays French",
      `${FRENCH[0]} Le client a écrit « the parts are late » dans son message, et nous avons répondu le jour même.\n\n${FRENCH[1]}`,
      "Respond in French",
      1,
      /^detected French/,
    ],
    [
      // A phrase asked for in another language, on a line of its own, is no paragraph in it.
      "a required English closing question after German stays German",
      "Die Rechnung von Acme Corp ist eingegangen. Der Betrag beträgt 1234,5 USD und ist bald fällig.\n\nFälligkeitsdatum: 03/15/2026 Is there anything else?",
      "Write in German",
      1,
      /^detected German/,
    ],
    [
      "a French paragraph in an English answer fails 'in English'",
      `We finished the first phase last week and the tests are running now.\n\nThe supplier was late, but they promised the parts before the end of the month.\n\n${FRENCH[1]}`,
      "Answer in English",
      0,
      /paragraph 3 is French; English required$/,
    ],
  ])("%s", (_name, text, description, score, reason) => {
    const result = verifyRequirement(text, description);
    expect({ score: result.score, reason: result.reason }).toEqual({
      score,
      reason: expect.stringMatching(reason),
    });
  });
});
