// Property tests of the date and money grammar the verifiers and the simulated writer share
// (src/verifiers/calendar-date.ts, money-amount.ts): whatever it writes, in every format, the verifier
// finds as one date or amount and reads back as the same value. The seed comes from MAESTRO_EVAL_SEED
// when set; on a failure fast-check prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type CalendarDay,
  findDates,
  formatDate,
  isRealDate,
  readDate,
} from "../../src/verifiers/calendar-date.js";
import { parseRequirement, verifyRequirement } from "../../src/verifiers/index.js";
import {
  CURRENCY_CODES,
  findAmountTexts,
  findMoneyAmounts,
  formatCodeAmount,
  readUsdAmount,
  writeUsdAmount,
} from "../../src/verifiers/money-amount.js";

function params(numRuns: number): fc.Parameters<unknown> {
  return { numRuns };
}

/** Any real day from year 1000 to 9999. */
const day: fc.Arbitrary<CalendarDay> = fc
  .record({
    year: fc.integer({ min: 1000, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter((date) => isRealDate(date.year, date.month, date.day));

/**
 * Every numeric format a date-format requirement can name: a year, a month and a day token in any order,
 * between two equal separators (6 orders × 8 token widths × 3 separators = 144 formats).
 */
const numericFormat = fc
  .tuple(
    fc.constantFrom("YYYY", "YY"),
    fc.constantFrom("MM", "M"),
    fc.constantFrom("DD", "D"),
    fc.constantFrom([0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]),
    fc.constantFrom("-", "/", "."),
  )
  .map(([year, month, date, order, separator]) => {
    const tokens = [year, month, date];
    return order.map((index) => tokens[index]!).join(separator);
  });

/** The day a format reads back: a two-digit year is this century's. */
function readBack(date: CalendarDay, format: string): CalendarDay {
  return /YYYY|ISO/.test(format) ? date : { ...date, year: 2000 + (date.year % 100) };
}

describe("dates: what the grammar writes, the verifier reads", () => {
  test("a date written in any format a requirement names is found once, follows it and reads back the same day", () => {
    fc.assert(
      fc.property(
        fc.oneof(numericFormat, fc.constant("ISO-8601")),
        day,
        fc.boolean(),
        (format, date, lower) => {
          const description = `Dates must follow ${lower ? format.toLowerCase() : format}`;
          expect(parseRequirement(description).checks).toMatchObject([{ kind: "date_format", format }]);
          const written = formatDate(date, format);
          const result = verifyRequirement(`Due ${written}, as agreed.`, description);
          expect(result.reason).toBe(`1 of 1 dates follow ${format}`);
          expect(result.score).toBe(1);
          expect(readDate(written, format)).toEqual(readBack(date, format));
        },
      ),
      params(400),
    );
  });

  test("a date written with its month's name is found once, fails every numeric format and reads back the same day", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("MMMM D, YYYY", "MMM D, YYYY", "MMM. D YYYY", "D MMMM YYYY", "DD MMM, YYYY"),
        numericFormat,
        day,
        (format, required, date) => {
          const written = formatDate(date, format);
          const result = verifyRequirement(`Due ${written}, as agreed.`, `Dates must follow ${required}`);
          expect(result.reason).toBe(`0 of 1 dates follow ${required}; not: "${written}"`);
          expect(readDate(written, format)).toEqual(date);
          expect(findDates(`Due ${written}, as agreed.`)).toEqual([{ ...date, text: written }]);
        },
      ),
      params(300),
    );
  });
});

/** An amount in whole cents, up to a trillion dollars either way. */
const cents = fc.integer({ min: -100_000_000_000_000, max: 100_000_000_000_000 });

describe("money: what the grammar writes, the verifier reads", () => {
  test("an amount written in US format is found once, is in USD format and reads back the same value", () => {
    fc.assert(
      fc.property(cents, (amount) => {
        const value = amount / 100;
        const written = writeUsdAmount(value);
        const text = `It costs ${written} in total.`;
        expect(findAmountTexts(text)).toEqual([written]);
        expect(verifyRequirement(text, "Amounts should be in USD format").reason).toBe(
          "1 of 1 amounts in USD format ($1,234.56)",
        );
        expect(readUsdAmount(written)).toBe(value);
      }),
      params(400),
    );
  });

  test("an amount written in code format, in any currency, is found once, is not in USD format and reads back the same value", () => {
    fc.assert(
      fc.property(cents.map(Math.abs), fc.constantFrom(...CURRENCY_CODES), (amount, currency) => {
        const value = amount / 100;
        const written = formatCodeAmount(value, currency);
        const text = `It costs ${written} in total.`;
        expect(findAmountTexts(text)).toEqual([written]);
        expect(verifyRequirement(text, "Amounts should be in USD format").reason).toBe(
          `0 of 1 amounts in USD format ($1,234.56); not: "${written}"`,
        );
        expect(readUsdAmount(written)).toBeUndefined();
        expect(findMoneyAmounts(text)).toEqual([{ value, currency, text: written }]);
      }),
      params(400),
    );
  });
});
