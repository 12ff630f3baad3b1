// "JSON with keys a, b and c, none of them empty": the key list ends where the words stop naming keys,
// and a clause that asks for filled-in values is checked on each named key (or every key, when none is
// named), an empty or blank string, null, [] or {} counting as empty.
import { describe, expect, test } from "vitest";
import { parseRequirement, verify } from "../../../src/verifiers/index.js";

const full = '{"vendor": "Acme", "number": "INV-1", "total": "12 USD"}';
const blank = '{"vendor": "Acme", "number": "  ", "total": "12 USD"}';
const nulled = '{"vendor": "Acme", "number": null, "total": []}';
const partial = '{"vendor": "Acme", "total": "12 USD"}';

describe("JSON keys with filled-in values", () => {
  test.each([
    [
      "Return JSON with the keys vendor, number and total, none of them empty.",
      ["vendor", "number", "total"],
      true,
    ],
    ["Return JSON with keys vendor, number and total", ["vendor", "number", "total"], undefined],
    ["Respond in JSON with the fields vendor and total, each filled in.", ["vendor", "total"], true],
    ["Output valid JSON with no empty values.", undefined, true],
    ["Return JSON with the keys vendor and total, with no empty values", ["vendor", "total"], true],
  ])("%s", (description, keys, nonEmpty) => {
    const { checks } = parseRequirement(description);
    const json = checks.find((check) => check.kind === "json");
    expect(json).toMatchObject({ kind: "json", ...(keys === undefined ? {} : { keys }) });
    expect(json && "nonEmpty" in json ? json.nonEmpty : undefined).toBe(nonEmpty);
    expect(json && "keys" in json ? (json.keys ?? []) : []).not.toContain("none");
  });

  test.each([
    [full, 1],
    [blank, 2 / 3],
    [nulled, 1 / 3],
    [partial, 2 / 3],
    ["not json", 0],
  ])("named keys, none empty: %s scores %d", (text, score) => {
    const [check] = parseRequirement(
      "Return JSON with the keys vendor, number and total, none of them empty.",
    ).checks;
    expect(verify(text, [check!]).score).toBeCloseTo(score, 6);
  });

  test.each([
    [full, 1],
    [blank, 2 / 3],
    [nulled, 1 / 3],
    ["{}", 0],
  ])("every key filled in: %s scores %d", (text, score) => {
    const [check] = parseRequirement("Output valid JSON with no empty values.").checks;
    expect(verify(text, [check!]).score).toBeCloseTo(score, 6);
  });

  test("without the clause, an empty value still counts as present", () => {
    const [check] = parseRequirement("Return JSON with keys vendor, number and total").checks;
    expect(verify(blank, [check!]).score).toBe(1);
  });
});
