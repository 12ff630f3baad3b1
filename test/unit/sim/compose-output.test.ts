// composeOutput and composeDraft: every check kind met and broken on purpose, the scenarios the local
// engine runs, determinism, and misuse.
import { describe, expect, test } from "vitest";
import {
  type ComposePlan,
  composeDraft,
  composeOutput,
  createRandom,
  extractFacts,
} from "../../../src/sim/index.js";
import { type Check, detectLanguage, parseRequirement, verify } from "../../../src/verifiers/index.js";
import { checksOf, DESCRIPTIONS, INPUTS } from "./fixtures.js";

function score(text: string, check: Check): number | null {
  return verify(text, [check]).score;
}

function plan(
  input: string,
  satisfy: readonly Check[],
  violate: readonly Check[] = [],
  seed = "test",
): ComposePlan {
  return { facts: extractFacts(input), satisfy, violate, random: createRandom(seed) };
}

const KINDS_IN_POOL = new Set(
  DESCRIPTIONS.flatMap((description) => checksOf(description).map((check) => check.kind)),
);

describe("composeOutput: each check kind on its own", () => {
  test("the pool covers every check kind", () => {
    expect([...KINDS_IN_POOL].sort()).toEqual(
      [
        "answer_only",
        "case",
        "count",
        "currency",
        "date_format",
        "ends_with",
        "forbid_marks",
        "json",
        "keywords",
        "language",
        "no_markdown",
        "postscript",
        "quoted",
        "starts_with",
        "title",
      ].sort(),
    );
  });

  const cases = DESCRIPTIONS.flatMap((description) =>
    Object.entries(INPUTS).map(([name, input]) => [description, name, input] as const),
  );

  test.each(cases)("meets %j for the %s request", (description, name, input) => {
    const checks = checksOf(description);
    const text = composeOutput(plan(input, checks, [], `${name}:${description}`));
    for (const check of checks)
      expect(score(text, check), `${verify(text, [check]).reason}\n${text}`).toBe(1);
  });

  test.each(cases)("breaks %j for the %s request", (description, name, input) => {
    const checks = checksOf(description);
    const result = composeDraft(plan(input, [], checks, `${name}:${description}`));
    expect(result.conflicts).toEqual([]);
    for (const check of checks) {
      const found = score(result.text, check);
      expect(found, `${verify(result.text, [check]).reason}\n${result.text}`).not.toBe(1);
      // A broken check is a real miss (0 or partial), never an undecidable one.
      expect(found).not.toBeNull();
    }
  });
});

describe("composeOutput: scenarios", () => {
  test("an invoice extraction with ISO dates and USD amounts restates the invoice", () => {
    const satisfy = checksOf("Dates must follow YYYY-MM-DD and amounts should be in USD format.");
    const text = composeOutput(plan(INPUTS.invoice, satisfy));
    expect(text).toContain(
      "Vendor name: Acme Corp\nInvoice number: INV-1234\nTotal amount: $1,234.50\nDue date: 2026-03-15",
    );
    expect(verify(text, satisfy).score).toBe(1);
  });

  test("the same invoice breaking the date format keeps the US date and the USD amount", () => {
    const satisfy = checksOf("Amounts should be in USD format");
    const violate = checksOf("Dates must follow YYYY-MM-DD");
    const text = composeOutput(plan(INPUTS.invoice, satisfy, violate));
    expect(text).toContain("Due date: 03/15/2026");
    expect(text).toContain("Total amount: $1,234.50");
    expect(verify(text, satisfy).score).toBe(1);
    expect(verify(text, violate).score).toBe(0);
  });

  test("an invoice breaking the currency format writes the amount with its code", () => {
    const text = composeOutput(
      plan(
        INPUTS.invoice,
        checksOf("Dates must follow YYYY-MM-DD"),
        checksOf("Amounts should be in USD format"),
      ),
    );
    expect(text).toContain("Total amount: 1234.50 USD");
    expect(text).toContain("Due date: 2026-03-15");
  });

  test("a customer-support reply within a length limit, without the CEO, with a friendly sign-off", () => {
    const satisfy = [
      ...checksOf("Keep it under 60 words"),
      ...checksOf("Don't mention the CEO"),
      ...checksOf("Sign off with 'Kind regards'"),
    ];
    const result = composeDraft(plan(INPUTS.complaint, satisfy));
    expect(result.style).toBe("reply");
    expect(result.text).toMatch(/^Hello,\n/);
    expect(result.text).toMatch(/\nKind regards$/);
    expect(result.text).not.toMatch(/CEO|chief executive/i);
    expect(verify(result.text, satisfy).score).toBe(1);
  });

  test("the same reply breaking every requirement mentions the CEO and runs long", () => {
    const violate = [
      ...checksOf("Keep it under 60 words"),
      ...checksOf("Don't mention the CEO"),
      ...checksOf("Sign off with 'Kind regards'"),
    ];
    const result = composeDraft(plan(INPUTS.complaint, [], violate));
    expect(result.text).toMatch(/\bCEO\b/);
    for (const check of violate) expect(score(result.text, check), result.text).toBe(0);
  });

  test("Return valid JSON with keys answer, confidence gives a JSON object built from the context", () => {
    const satisfy = checksOf("Return valid JSON with keys answer, confidence");
    const text = composeOutput(plan(INPUTS.question, satisfy));
    const value = JSON.parse(text) as { answer: string; confidence: number };
    expect(Object.keys(value)).toEqual(["answer", "confidence"]);
    expect(value.answer).toContain("Paris is the capital and largest city of France.");
    expect(value.confidence).toBeGreaterThan(0);
    expect(value.confidence).toBeLessThanOrEqual(1);
  });

  test("JSON without keys restates an invoice's fields under snake_case keys", () => {
    const text = composeOutput(
      plan(INPUTS.invoice, [
        ...checksOf("Return valid JSON"),
        ...checksOf("Amounts should be in USD format"),
      ]),
    );
    expect(JSON.parse(text)).toMatchObject({
      vendor_name: "Acme Corp",
      invoice_number: "INV-1234",
      total_amount: "$1,234.50",
      due_date: "03/15/2026",
    });
  });

  test("Respond in French writes French that franc detects, with the invoice's fields under French labels", () => {
    const satisfy = checksOf("Respond in French");
    const result = composeDraft(plan(INPUTS.invoice, satisfy));
    expect(result.language).toBe("fra");
    expect(detectLanguage(result.text).language).toBe("fra");
    expect(result.text).toContain("Fournisseur: Acme Corp");
    expect(result.text).toContain("Numéro de facture: INV-1234");
  });

  test("breaking Respond in French writes English, even when French was the requested language", () => {
    const violate = checksOf("Respond in French");
    const result = composeDraft({ ...plan(INPUTS.invoice, [], violate), language: "french" });
    expect(result.language).toBe("eng");
    expect(verify(result.text, violate).score).toBe(0);
  });

  test.each(["arabic", "dutch", "english", "french", "german", "hebrew", "italian", "portuguese", "spanish"])(
    "the plan's language %s is written and detected without a language check",
    (language) => {
      for (const [name, input] of Object.entries(INPUTS)) {
        const result = composeDraft({ ...plan(input, [], [], name), language });
        expect(detectLanguage(result.text).language, result.text).toBe(result.language);
      }
    },
  );

  test("a heavily constrained draft meets everything at once", () => {
    const satisfy = [
      "Use exactly 3 bullet points",
      "Write at most 2 paragraphs",
      "Include a title in double angular brackets",
      "Write in all lowercase letters",
      "End with a postscript starting with P.S.",
      "Mention 'refund' at least twice",
    ].flatMap(checksOf);
    const violate = ["No commas", "Keep it under 40 words"].flatMap(checksOf);
    const result = composeDraft(plan(INPUTS.invoice, satisfy, violate));
    expect(result.conflicts).toEqual([]);
    expect(result.unmet).toEqual([]);
    expect(result.unbroken).toEqual([]);
    for (const check of satisfy) expect(score(result.text, check), result.text).toBe(1);
    for (const check of violate) expect(score(result.text, check), result.text).toBe(0);
  });
});

describe("composeDraft: conflicts", () => {
  test("meeting wins over breaking, and the conflict is reported", () => {
    const satisfy = checksOf("Write in all lowercase letters");
    const result = composeDraft(plan(INPUTS.report, satisfy, satisfy));
    expect(result.conflicts).toMatchObject([{ role: "violate", reason: "the same check is to be met" }]);
    expect(score(result.text, satisfy[0]!)).toBe(1);
  });

  test("of two checks to meet that conflict, the earlier wins", () => {
    const satisfy = [...checksOf("Use all capital letters"), ...checksOf("Write in all lowercase letters")];
    const result = composeDraft(plan(INPUTS.report, satisfy));
    expect(result.satisfy).toEqual([satisfy[0]]);
    expect(result.text).toBe(result.text.toUpperCase());
  });
});

describe("composeOutput: determinism", () => {
  test("the same plan and seed give the same text, byte for byte", () => {
    const satisfy = ["Write between 40 and 80 words", "Respond in German", "No semicolons"].flatMap(checksOf);
    const violate = checksOf("Use bullet points");
    const texts = [1, 2, 3].map(() => composeOutput(plan(INPUTS.report, satisfy, violate, "same")));
    expect(new Set(texts).size).toBe(1);
  });

  test("another seed gives another reproducible draft", () => {
    const texts = new Set(
      Array.from({ length: 8 }, (_, index) =>
        composeOutput({
          ...plan(INPUTS.instruction, checksOf("Use at least 60 words"), [], `seed-${index}`),
        }),
      ),
    );
    expect(texts.size).toBeGreaterThan(1);
  });

  test("does not read Math.random", () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error("Math.random was called");
    };
    try {
      expect(() => composeOutput(plan(INPUTS.invoice, checksOf("Respond in Spanish")))).not.toThrow();
    } finally {
      Math.random = original;
    }
  });
});

const half = (): number => 0.5;

describe("composeOutput: misuse", () => {
  test.each([
    [null, "composeOutput: plan must be an object, got null"],
    [
      { facts: extractFacts("x"), satisfy: [] },
      "composeOutput: plan.random must be a function returning numbers in [0, 1), got undefined",
    ],
    [
      { facts: "x", satisfy: [], random: half },
      'composeOutput: plan.facts must be the facts extractFacts returns, got string "x"',
    ],
    [
      { facts: extractFacts("x"), satisfy: "none", random: half },
      'composeOutput: plan.satisfy must be an array of checks, got string "none"',
    ],
    [
      { facts: extractFacts("x"), satisfy: [], violate: {}, random: half },
      "composeOutput: plan.violate must be an array of checks, got an object",
    ],
  ])("%j throws a TypeError", (value, message) => {
    expect(() => composeOutput(value as unknown as ComposePlan)).toThrow(new TypeError(message));
  });

  test("an empty request still gives a non-empty plausible text", () => {
    const text = composeOutput(plan("", []));
    expect(text.length).toBeGreaterThan(20);
    expect(
      parseRequirement("Write at least 1 sentence").checks.every((check) => score(text, check) === 1),
    ).toBe(true);
  });
});
