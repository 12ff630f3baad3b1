import { PROSE } from "./texts.js";
import { type CorpusCase, item } from "./types.js";

/** Response language, by description and by Maestro's response_language. */
export const languageCases: CorpusCase[] = [
  item("language/french-pass", "Respond in French", PROSE.french, 1),
  item("language/french-english", "Respond in French", PROSE.english, 0),
  item("language/french-too-short", "Respond in French", "Oui.", null),
  item("language/french-empty", "Respond in French", "", null),
  item("language/spanish-pass", "Answer in Spanish", PROSE.spanish, 1),
  item("language/spanish-portuguese", "Answer in Spanish", PROSE.portuguese, 0),
  item("language/german-pass", "Reply in German", PROSE.german, 1),
  item("language/italian-pass", "Write in Italian", PROSE.italian, 1),
  item("language/portuguese-pass", "Your response must be in Portuguese", PROSE.portuguese, 1),
  item("language/dutch-pass", "Respond in Dutch", PROSE.dutch, 1),
  item("language/arabic-pass", "Answer in Arabic", PROSE.arabic, 1),
  item("language/hebrew-pass", "Respond in Hebrew", PROSE.hebrew, 1),
  item("language/hebrew-arabic", "Respond in Hebrew", PROSE.arabic, 0),
  item("language/english-entire", "Your entire response should be in English", PROSE.english, 1),
  item("language/english-french", "Your entire response should be in English", PROSE.french, 0),
  item("language/japanese-only", "Japanese only", PROSE.japanese, 1),
  item("language/russian-pass", "Respond in Russian", PROSE.russian, 1),
  item("language/polish-pass", "Please write the answer in Polish", PROSE.polish, 1),
  item(
    "language/german-language-only",
    "Your ENTIRE response should be in German language, no other language is allowed.",
    PROSE.german,
    1,
  ),
  item(
    "language/french-with-code",
    "Answer in French",
    `${PROSE.french}\n\n\`\`\`js\nconst total = items.reduce((sum, item) => sum + item.price, 0);\n\`\`\``,
    1,
  ),
  item("language/requested-german", "Respond in the requested language", PROSE.german, 1, {
    responseLanguage: "german",
  }),
  item("language/requested-german-french", "Respond in the requested language", PROSE.french, 0, {
    responseLanguage: "german",
  }),
  item("language/requested-unset", "Respond in the requested language", PROSE.german, null, {
    responseLanguage: "unset",
  }),
  item("language/requested-missing", "Respond in the requested language", PROSE.german, null),
  item("language/negated-unverifiable", "Don't answer in English", PROSE.french, null),
  item("language/translate-into", "Translate the text into Italian", PROSE.italian, 1),
];
