// The report's limits on stored text and how it cuts, cleans and rounds what it keeps: messages lose
// their ANSI colours, texts are cut without splitting a character, numbers are rounded to fixed decimals.

/** At most this many failures per cell or test, each cut to this many characters; messages to theirs. */
export const MAX_FAILURE_CHARS = 2000;
export const MAX_FAILURES = 5;
export const MAX_MESSAGE_CHARS = 1000;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Cuts a text to `max` characters without splitting a surrogate pair; texts already short stay as they are. */
export function trimText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** A message without its ANSI colour codes, cut to `max` characters. */
export function cleanMessage(message: string, max: number): string {
  return trimText(String(message).replace(ANSI, ""), max);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Rounded to `digits` decimals, with -0 made 0. */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale + 0;
}

/** Costs are small numbers (fractions of a cent); keep 10 decimals rather than a fixed few. */
export function roundCost(value: number): number {
  return round(value, 10);
}

/** A value as misuse messages show it: short strings quoted, objects and arrays by kind. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}
