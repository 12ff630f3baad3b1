// Money amounts as the composer reads them from a request ("1234.5 USD", "$1,234.50", "EUR 80",
// "1.234,50 €") and writes them back in US format or deliberately in another one.

/** A money amount found in a text. */
export interface MoneyAmount {
  /** The value in major units (1234.5 for "$1,234.50"). */
  value: number;
  /** ISO 4217 code ("USD", "EUR", "GBP"...), "USD" for a bare "$". */
  currency: string;
  /** The amount as it was written. */
  text: string;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  $: "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₪": "ILS",
};
const CODES = "USD|EUR|GBP|JPY|ILS|CHF|CAD|AUD|dollars?|euros?";
// 1,234.56 or 1234.56 or 1.234,56 (European) or 1234,56
const FIGURE = "\\d{1,3}(?:[,.\\u00a0 ]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";

const MONEY = new RegExp(
  [
    `([$€£¥₪])\\s?(${FIGURE})`,
    `\\b(${CODES})\\s?(${FIGURE})`,
    `(${FIGURE})\\s?(?:(${CODES})\\b|([$€£¥₪]))`,
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
  const lastDot = compact.lastIndexOf(".");
  const lastComma = compact.lastIndexOf(",");
  const decimalAt = Math.max(lastDot, lastComma);
  // A separator followed by exactly three digits is a thousands separator ("1,234"), not a decimal point.
  const isDecimal = decimalAt >= 0 && compact.length - decimalAt - 1 <= 2;
  const whole = (isDecimal ? compact.slice(0, decimalAt) : compact).replace(/[.,]/g, "");
  const fraction = isDecimal ? compact.slice(decimalAt + 1) : "";
  return Number(`${whole}.${fraction || "0"}`);
}

/** Every money amount written in `text`, in order of appearance. */
export function findMoneyAmounts(text: string): MoneyAmount[] {
  const found: MoneyAmount[] = [];
  for (const match of text.matchAll(MONEY)) {
    const [written, symbol, symbolFigure, code, codeFigure, postFigure, postCode, postSymbol] = match;
    const figure = symbolFigure ?? codeFigure ?? postFigure;
    const currency =
      (symbol ?? postSymbol) ? SYMBOLS[(symbol ?? postSymbol)!] : readCode((code ?? postCode)!);
    if (figure === undefined || currency === undefined) continue;
    const value = readFigure(figure);
    if (Number.isFinite(value)) found.push({ value, currency, text: written.trim() });
  }
  return found;
}

/** Writes `value` in US format: "$1,234.50" (always two decimals, thousands separated by commas). */
export function writeUsdAmount(value: number): string {
  const sign = value < 0 ? "-" : "";
  const [whole = "0", cents = "00"] = Math.abs(value).toFixed(2).split(".");
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}

/**
 * Writes `value` in a format the currency requirement rejects: the figure followed by the ISO code, with
 * no thousands separator ("1234.50 USD"), the way many invoices write it.
 */
export function formatCodeAmount(value: number, currency: string): string {
  return `${value.toFixed(2)} ${currency}`;
}
