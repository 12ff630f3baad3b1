// The currency family's readings and reasons, and the money grammar it shares with the simulated writer
// (src/verifiers/money-amount.ts), where the corpus leaves them open (found by mutation testing, npm run
// test:mutation): the ways "USD format" is asked for, which numbers count as amounts, what US format is,
// the reason's list of offenders, and how the grammar writes an amount and reads one back.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verifyRequirement } from "../../../../src/verifiers/index.js";
import {
  findMoneyAmounts,
  formatCodeAmount,
  readFigure,
  readUsdAmount,
  writeUsdAmount,
} from "../../../../src/verifiers/money-amount.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

const USD = { kind: "currency", currency: "USD" };

describe("USD format read from its phrasing", () => {
  test.each<[string, string[]]>([
    ["USD format", []],
    ["Use dollar formatting", []],
    ["Use USD formatting for prices", []],
    ["Write prices in dollars", []],
    ["Prices in $", []],
    ["Amounts in US$", []],
    ["Format money as $1,234.56", []],
    ["All costs as ($x,xxx.xx)", []],
    ["Salaries using US dollars", []],
    // One check however often the currency is named; another currency named beside it is left over.
    ["Amounts in USD format and fees in USD", []],
    ["Prices in EUR and totals in USD", ["EUR"]],
  ])("%j", (description, unchecked) => {
    expect(read(description)).toStrictEqual({ checks: [USD], unchecked });
  });

  test.each([
    // A currency without a subject or the word "format" is not a rule about amounts.
    "Use USD",
    "Write in american dollars",
    // Negated, and other currencies, which are understood but not checked.
    "Don't use USD for amounts",
    "Prices must not be in USD format",
    "Prices in euros",
    "Prices in £",
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });

  test.each<[string, string[]]>([
    // Beside a check, what the family understood but cannot check is reported as its own fragment.
    ["Write 3 paragraphs with prices in euros", ["prices in euros"]],
    ["Write 3 paragraphs with euro prices", ["euro prices"]],
    ["Write 3 paragraphs with all prices in €", ["all prices in €"]],
    ["Write 3 paragraphs and avoid USD format for amounts", ["avoid USD format for amounts"]],
  ])("%j leaves %j unchecked beside its count", (description, unchecked) => {
    expect(read(description)).toStrictEqual({
      checks: [{ kind: "count", unit: "paragraphs", min: 3, max: 3 }],
      unchecked,
    });
  });
});

describe("amounts found and judged", () => {
  test.each<[string, number, string]>([
    ["No money here.", 1, "no money amounts found; nothing to check against USD format"],
    ["It costs $1,234.56, $5 or -$20.00.", 1, "3 of 3 amounts in USD format ($1,234.56)"],
    [
      "€1, €2, €3, €4 and $5.",
      0.2,
      '1 of 5 amounts in USD format ($1,234.56); not: "€1", "€2", "€3" and 1 more',
    ],
    ["€1, €2 and €3.", 0, '0 of 3 amounts in USD format ($1,234.56); not: "€1", "€2", "€3"'],
    // Scales: millions, billions and trillions with at most two decimals are in USD format.
    ["Revenue was $2 billion.", 1, "1 of 1 amounts in USD format ($1,234.56)"],
    ["Debt is $1.25 trillion.", 1, "1 of 1 amounts in USD format ($1,234.56)"],
    ["Revenue was $1.234 million.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "$1.234 million"'],
    ["Revenue was $1,500 million.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "$1,500 million"'],
    ["Revenue was $1.5 thousand.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "$1.5 thousand"'],
    ["Revenue was $5k.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "$5k"'],
    ["Revenue was $1.5bn.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "$1.5bn"'],
    ["Paid $5 by Monday.", 1, "1 of 1 amounts in USD format ($1,234.56)"],
    // A code after a dollar amount is not another amount; commas after one end the clause.
    ["It costs $5 USD.", 1, "1 of 1 amounts in USD format ($1,234.56)"],
    ["It costs $5,, really.", 1, "1 of 1 amounts in USD format ($1,234.56)"],
    // Not US format: "US$", no grouping, one decimal, a grouping of two.
    ["It costs US$5.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "US$5"'],
    ["It costs $12.5.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "$12.5"'],
    ["It costs $1,234,56.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "$1,234,56"'],
    // Codes, words and symbols before or after the figure, in any case.
    ["It costs USD 5.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "USD 5"'],
    ["It costs eur 5.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "eur 5"'],
    ["It costs € 5.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "€ 5"'],
    ["It costs 5 €.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "5 €"'],
    ["It costs 5 EUROS.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "5 EUROS"'],
    ["It costs 20 bucks.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "20 bucks"'],
    ["It costs 5 pounds.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "5 pounds"'],
    ["It costs 500 JPY.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "500 JPY"'],
    ["It costs 12 CHF.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "12 CHF"'],
    ["It costs ₪5 or 5₪.", 0, '0 of 2 amounts in USD format ($1,234.56); not: "₪5", "5₪"'],
    ["It costs 5 US dollars.", 0, '0 of 1 amounts in USD format ($1,234.56); not: "5 US dollars"'],
    // A number inside a word or after a dot, or before a longer word, is not an amount.
    [
      "Model A5 USD, v.5 USD, 5 dollarsy and XUSD 5.",
      1,
      "no money amounts found; nothing to check against USD format",
    ],
  ])("%j", (text, score, reason) => {
    const result = verifyRequirement(text, "Amounts should be in USD format");
    expect({ score: result.score, reason: result.reason }).toEqual({ score, reason });
  });
});

describe("the money grammar writes an amount in a format", () => {
  test.each<[number, string]>([
    [1234.5, "$1,234.50"],
    [-20, "-$20.00"],
    [0, "$0.00"],
    [100, "$100.00"],
    [999.999, "$1,000.00"],
    [1_000_000, "$1,000,000.00"],
  ])("%d in US format is %j", (value, written) => {
    expect(writeUsdAmount(value)).toBe(written);
  });

  test("writes the code format with two decimals and no grouping", () => {
    expect(formatCodeAmount(1234.5, "EUR")).toBe("1234.50 EUR");
  });
});

describe("the money grammar reads an amount back", () => {
  test.each<[string, number | undefined]>([
    ["$5", 5],
    ["$1,234", 1234],
    ["$1,234.56", 1234.56],
    ["-$20.00", -20],
    ["$1.5 million", 1_500_000],
    ["$1.1 million", 1_100_000],
    ["$2 billion", 2_000_000_000],
    ["$1.25 trillion", 1_250_000_000_000],
    ["-$3 million", -3_000_000],
    ["$1234", undefined],
    ["$12,34", undefined],
    ["$5.5", undefined],
    ["$ 5", undefined],
    ["5 USD", undefined],
    ["$5.00 ", undefined],
    ["x$5", undefined],
  ])("%j in US format is %s", (written, value) => {
    expect(readUsdAmount(written)).toBe(value);
  });

  test.each<[string, number]>([
    ["1234.5", 1234.5],
    ["1,234.56", 1234.56],
    ["1.234,56", 1234.56],
    ["1,234", 1234],
    ["1.234", 1234],
    ["1.23", 1.23],
    ["12,5", 12.5],
    ["80", 80],
    ["1 234", 1234],
    ["1\u00a0234,5", 1234.5],
  ])("the figure %j is %d", (figure, value) => {
    expect(readFigure(figure)).toBe(value);
  });

  test.each<[string, [number, string, string][]]>([
    [
      "It cost $5 and 20 EUR, not £3.",
      [
        [5, "USD", "$5"],
        [20, "EUR", "20 EUR"],
        [3, "GBP", "£3"],
      ],
    ],
    [
      "Pay €1.234,56 or 1.234,56 € now.",
      [
        [1234.56, "EUR", "€1.234,56"],
        [1234.56, "EUR", "1.234,56 €"],
      ],
    ],
    [
      "Pay EUR 80, 80 euros, 5 dollars or dollars 5.",
      [
        [80, "EUR", "EUR 80"],
        [80, "EUR", "80 euros"],
        [5, "USD", "5 dollars"],
        [5, "USD", "dollars 5"],
      ],
    ],
    [
      "Pay ¥500, ₪12 or 1 234,50 CHF.",
      [
        [500, "JPY", "¥500"],
        [12, "ILS", "₪12"],
        [1234.5, "CHF", "1 234,50 CHF"],
      ],
    ],
    // Loose words a judge counts are not read as a currency, nor is a figure too long to be a number.
    [`Pay 20 bucks, 5 pounds or $${"9".repeat(400)}.`, []],
  ])("the amounts of %j", (text, amounts) => {
    expect(findMoneyAmounts(text)).toEqual(
      amounts.map(([value, currency, written]) => ({ value, currency, text: written })),
    );
  });
});
