import { InvalidArgumentError } from "./commander.js";

/** A commander parser for a number within a range, naming the flag when the value is wrong. */
export function parseNumber(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number) || number < min || number > max) {
      throw new InvalidArgumentError(
        `${flag} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`,
      );
    }
    return number;
  };
}
