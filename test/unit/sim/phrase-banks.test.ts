// The phrase banks: complete for every language, following the composer's rules, and recognised by the
// verifiers' language detection (franc limited to the verifiers' candidate languages, 40 letters at least).
import { describe, expect, test } from "vitest";
import { findPhraseBank, PHRASE_BANKS, type PhraseBank } from "../../../src/sim/index.js";
import { countUnit, detectLanguage, MIN_LETTERS_FOR_LANGUAGE } from "../../../src/verifiers/index.js";

const RESPONSE_LANGUAGES = [
  "arabic",
  "dutch",
  "english",
  "french",
  "german",
  "hebrew",
  "italian",
  "portuguese",
  "spanish",
];

function letters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

describe("PHRASE_BANKS", () => {
  test("has one bank per Maestro response language", () => {
    expect(PHRASE_BANKS.map((bank) => bank.name)).toEqual(RESPONSE_LANGUAGES);
    for (const bank of PHRASE_BANKS) {
      expect(findPhraseBank(bank.name)).toBe(bank);
      expect(findPhraseBank(bank.code.toUpperCase())).toBe(bank);
    }
    expect(findPhraseBank("unset")).toBeUndefined();
    expect(findPhraseBank("rus")).toBeUndefined();
  });

  test.each(PHRASE_BANKS.map((bank) => [bank.name, bank] as const))(
    "%s fillers are single plain sentences",
    (_, bank: PhraseBank) => {
      expect(bank.fillers.length).toBeGreaterThanOrEqual(12);
      for (const sentence of [
        ...bank.fillers,
        ...bank.replyBody,
        bank.fieldsLead,
        bank.replyLead,
        bank.amount,
        bank.date,
      ]) {
        expect(countUnit(sentence, "sentences"), sentence).toBe(1);
        expect(sentence, sentence).toMatch(/[.]$/);
        expect(sentence, sentence).not.toMatch(/[!;—*#`\d]|^(?:sure|here|certainly|of course|note)\b/i);
      }
      for (const [index, pad] of bank.pads.entries()) expect(countUnit(pad, "words"), pad).toBe(index + 1);
      expect(bank.question.endsWith("?")).toBe(true);
      expect(bank.exclamation.endsWith("!")).toBe(true);
      for (const mention of bank.mentions) expect(mention).toContain("{keyword}");
    },
  );

  test.each(PHRASE_BANKS.map((bank) => [bank.name, bank] as const))(
    "%s: every two fillers together are detected as the language",
    (_, bank: PhraseBank) => {
      for (const first of bank.fillers) {
        for (const second of bank.fillers) {
          if (first === second) continue;
          const text = `${first} ${second}`;
          expect(letters(text)).toBeGreaterThanOrEqual(MIN_LETTERS_FOR_LANGUAGE);
          expect(detectLanguage(text).language, text).toBe(bank.code);
        }
      }
    },
  );

  test.each(PHRASE_BANKS.map((bank) => [bank.name, bank] as const))(
    "%s: translated fields with untranslated values and two fillers are detected as the language",
    (_, bank: PhraseBank) => {
      const text = [
        `${bank.fieldsLead} ${bank.fillers[0]} ${bank.fillers[1]}`,
        `${bank.labels.vendor}: Acme Corp`,
        `${bank.labels.invoice_number}: INV-1234`,
        `${bank.labels.total}: $1,234.50`,
        `${bank.labels.due_date}: 2026-03-15`,
      ].join("\n");
      expect(detectLanguage(text).language).toBe(bank.code);
    },
  );
});
