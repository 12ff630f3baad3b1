import { describe, expect, test } from "vitest";
import { scoreOverall } from "../../../src/domain/score-overall.js";

const optional = { is_mandatory: false };
const mandatory = { is_mandatory: true };

describe("scoreOverall", () => {
  test("is 1 when there are no requirements (not NaN)", () => {
    expect(scoreOverall([], [])).toBe(1);
  });

  test("is the mean of the requirement scores", () => {
    expect(scoreOverall([optional, optional, optional], [1, 0.5, 0])).toBe(0.5);
    expect(scoreOverall([optional, {}], [0.2, 0.6])).toBe(0.4);
  });

  test("is 0 when any mandatory requirement scored below 1", () => {
    expect(scoreOverall([optional, mandatory], [1, 0.99])).toBe(0);
    expect(scoreOverall([mandatory, optional], [0, 1])).toBe(0);
  });

  test("is the mean when every mandatory requirement scored exactly 1", () => {
    expect(scoreOverall([mandatory, optional], [1, 0.5])).toBe(0.75);
  });

  test("only is_mandatory: true gates; false, undefined and a missing flag do not", () => {
    expect(scoreOverall([{ is_mandatory: false }, { is_mandatory: undefined }, {}], [0, 0, 0.3])).toBe(0.1);
  });

  test("a mandatory requirement without a score counts as unmet", () => {
    expect(scoreOverall([optional, mandatory], [1])).toBe(0);
  });

  test("is rounded to 6 decimals, so that equal inputs print equally", () => {
    expect(scoreOverall([optional, optional, optional], [1, 1, 0])).toBe(0.666667);
    expect(scoreOverall([optional, optional, optional], [0.1, 0.2, 0.3])).toBe(0.2);
  });
});
