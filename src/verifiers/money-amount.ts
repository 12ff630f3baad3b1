import { compiledPattern } from "./compiled-pattern.js";
// Money amounts as texts write them: the one grammar the currency family judges with and the simulated
// writer reads and writes with, so that an amount written in a format is one the family finds and judges
// as that format. Two formats are written: US format ("$1,234.50", which the family accepts) and code
// format ("1234.50 USD", which it finds and rejects). Amounts are read in either decimal convention
// ("1,234.56", "1.234,56 €") with a symbol or a code before or after the figure.

/** A money amount found in a text. */
export interface MoneyAmount {
  /** The value in major units (1234.5 for "$1,234.50"). */
  value: number;
  /** ISO 4217 code ("USD", "EUR", "GBP"...), "USD" for a bare "$". */
  currency: string;
  /** The amount as it was written. */
  text: string;
}

/** The currencies amounts are read in: the ISO code, and the symbol and name a figure may carry instead. */
const CURRENCIES: readonly { code: string; symbol?: string; name?: string }[] = [
  { code: "USD", symbol: "$", name: "dollars?" },
  { code: "EUR", symbol: "€", name: "euros?" },
  { code: "GBP", symbol: "£" },
  { code: "JPY", symbol: "¥" },
  { code: "ILS", symbol: "₪" },
  { code: "CHF" },
  { code: "CAD" },
  { code: "AUD" },
];

/** The ISO codes of the currencies amounts are read and written in. */
export const CURRENCY_CODES: readonly string[] = CURRENCIES.map(({ code }) => code);

const SYMBOLS = new Map(
  CURRENCIES.flatMap(({ code, symbol }) => (symbol === undefined ? [] : [[symbol, code]])),
);
const SYMBOL = `[${[...SYMBOLS.keys()].join("")}]`;
const CODES = CURRENCIES.flatMap(({ code, name }) => (name === undefined ? [code] : [code, name])).join("|");
// 1,234.56 or 1234.56 or 1.234,56 (European) or 1234,56
const FIGURE = "\\d{1,3}(?:[,.\\u00a0 ]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";

const MONEY = compiledPattern(
  [
    `(${SYMBOL})\\s?(${FIGURE})`,
    `\\b(${CODES})\\s?(${FIGURE})`,
    `(${FIGURE})\\s?(?:(${CODES})\\b|(${SYMBOL}))`,
  ].join("|"),
  "gi",
);

function readCode(written: string): string {
  const code = written.toUpperCase();
  if (code.startsWith("DOLLAR")) return "USD";
  if (code.startsWith("EURO")) return "EUR";
  return code;
}

/** Reads a figure written with either decimal convention: "1,234.56", "1.234,56", "1234.5", "80". */
export function readFigure(figure: string): number {
  const compact = figure.replace(/[\u00a0 ]/g, "");
  const decimalAt = Math.max(compact.lastIndexOf("."), compact.lastIndexOf(","));
  // A separator followed by exactly three digits is a thousands separator ("1,234"), not a decimal point.
  const isDecimal = decimalAt >= 0 && compact.length - decimalAt - 1 <= 2;
  const whole = (isDecimal ? compact.slice(0, decimalAt) : compact).replace(/[.,]/g, "");
  const fraction = isDecimal ? compact.slice(decimalAt + 1) : "";
  return Number(`${whole}.${fraction}`);
}

/** Every money amount written in `text` with a known currency, in order of appearance, with its value. */
export function findMoneyAmounts(text: string): MoneyAmount[] {
  const found: MoneyAmount[] = [];
  for (const match of text.matchAll(MONEY)) {
    const [written, symbol, symbolFigure, code, codeFigure, postFigure, postCode, postSymbol] = match;
    const figure = (symbolFigure ?? codeFigure ?? postFigure)!;
    const sign = symbol ?? postSymbol;
    const currency = sign !== undefined ? SYMBOLS.get(sign)! : readCode((code ?? postCode)!);
    const value = readFigure(figure);
    // Hundreds of digits read as Infinity, which no writer can write back.
    if (Number.isFinite(value)) found.push({ value, currency, text: written });
  }
  return found;
}

const NUMBER_RUN = /\d[\d,]*(?:\.\d+)?/g;
const SCALE_AFTER = /^ ?(?:million|billion|trillion|thousand|bn|mn|[mbk])(?![a-z0-9])/i;
// Looser than the reader's codes: a judge counts "20 bucks" and "5 pounds" as money, and "₹" too.
const CODE_AFTER = compiledPattern(`^ ?(?:${CODES}|us dollars?|bucks|pounds?)(?![a-z0-9])`, "i");
const SYMBOL_AFTER = /^ ?[€£¥₪₹]/;
const CODE_BEFORE = compiledPattern(`(?:^|[^a-z0-9])((?:${CURRENCY_CODES.join("|")}) ?|[€£¥₪₹] ?)$`, "i");
const DOLLAR_BEFORE = /(?:^|[^\p{L}\p{N}$])(-?(?:US)?\$ ?)$/u;

/**
 * Every money amount in `text` as written, for judging its format: a number with a "$", "US$", "USD", "€",
 * "£"... before it, or a currency word or symbol after it ("20 dollars", "5 €"), and the scale after a
 * dollar amount ("$1.5 million"). Numbers are found first and their surroundings read after, because a
 * regex starting with currency words would be tried at every letter of the text.
 */
export function findAmountTexts(text: string): string[] {
  const amounts: string[] = [];
  for (const match of text.matchAll(NUMBER_RUN)) {
    const start = match.index;
    const previous = text.charAt(start - 1);
    if (/[\p{L}\p{N}.]/u.test(previous)) continue;
    // A comma right after an amount ends the sentence's clause, not the number: "$5, then".
    const number = match[0].replace(/,+$/, "");
    const end = start + number.length;
    const before = text.slice(Math.max(0, start - 5), start);
    const after = text.slice(end, end + 12);
    const dollar = DOLLAR_BEFORE.exec(before);
    if (dollar) {
      const scale = SCALE_AFTER.exec(after);
      amounts.push(`${dollar[1]}${number}${scale ? scale[0] : ""}`);
      continue;
    }
    const code = CODE_BEFORE.exec(before);
    const suffix = CODE_AFTER.exec(after) ?? SYMBOL_AFTER.exec(after);
    if (code) amounts.push(`${code[1]}${number}`);
    else if (suffix) amounts.push(`${number}${suffix[0]}`);
  }
  return amounts;
}

/** Writes `value` in US format: "$1,234.50" (always two decimals, thousands separated by commas). */
export function writeUsdAmount(value: number): string {
  const sign = value < 0 ? "-" : "";
  const [whole, cents] = Math.abs(value).toFixed(2).split(".") as [string, string];
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}

// A leading "$", thousands grouped with commas, and either no cents or exactly two digits of them: $5,
// $1,234, $1,234.56, -$20.00; also "$1.5 million".
const US_FORMAT =
  /^(-?)\$(?:(\d{1,3}(?:,\d{3})*(?:\.\d{2})?)|(\d{1,3}(?:\.\d{1,2})?) (million|billion|trillion))$/;
const SCALE_DIGITS: Readonly<Record<string, number>> = { million: 6, billion: 9, trillion: 12 };

/** The value of an amount written in US format ("$1,234.50", "$1.5 million"); undefined in any other. */
export function readUsdAmount(written: string): number | undefined {
  const match = US_FORMAT.exec(written);
  if (match === null) return undefined;
  const [, sign, figure, scaled, scale] = match;
  if (figure !== undefined) return Number(`${sign}${figure.replace(/,/g, "")}`);
  return Number(`${sign}${scaled}e${SCALE_DIGITS[scale!]}`);
}

/**
 * Writes `value` in code format, which the US format rejects: the figure followed by the ISO code, with no
 * thousands separator ("1234.50 USD"), the way many invoices write it.
 */
export function formatCodeAmount(value: number, currency: string): string {
  return `${value.toFixed(2)} ${currency}`;
}
