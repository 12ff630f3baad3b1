// One home for how numbers and names read in maestro-eval's messages, tables and reports: counts with
// their noun, quoted names, dollar amounts. Every layer imports these from domain.

/** `3 cells`, `1 cell`; `2 differences` with an irregular plural given. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A JSON-quoted name, as messages show suite, case and requirement names. */
export function quote(name: string): string {
  return JSON.stringify(name);
}

/** `$0`, `$0.00213`, `$1.24`: three significant digits under a dollar, cents from a dollar up. */
export function formatUsd(value: number): string {
  if (value === 0) return "$0";
  if (Math.abs(value) >= 1) return `$${value.toFixed(2)}`;
  return `$${Number(value.toPrecision(3)).toString()}`;
}
