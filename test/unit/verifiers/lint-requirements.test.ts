import { describe, expect, test } from "vitest";
import { lintRequirements } from "../../../src/verifiers/lint-requirements.js";

describe("lintRequirements", () => {
  test("names both requirements and their clauses on a certain conflict, as an error", () => {
    const findings = lintRequirements([
      { name: "short", description: "Use at most 50 words." },
      { name: "long", description: "Write at least 100 words.", is_mandatory: true },
    ]);
    expect(findings).toEqual([
      {
        severity: "error",
        rule: "count-range",
        requirements: ["short", "long"],
        clauses: ["at most 50 words", "at least 100 words"],
        message:
          'requirement "short" ("at most 50 words") and requirement "long" ("at least 100 words") conflict: no count of words is both at most 50 and at least 100',
      },
    ]);
  });

  test("a requirement that conflicts with itself", () => {
    const [finding] = lintRequirements([
      { name: "case", description: "Write in all lowercase letters and in all capital letters." },
    ]);
    expect(finding).toMatchObject({ severity: "error", rule: "case", requirements: ["case"] });
    expect(finding?.message).toMatch(/^requirement "case" \(".+" and ".+"\) conflicts with itself: /);
  });

  test("a language requirement against response_language", () => {
    const findings = lintRequirements([{ name: "french", description: "Respond in French." }], {
      responseLanguage: "german",
    });
    expect(findings).toEqual([
      {
        severity: "error",
        rule: "language",
        requirements: ["french", "response_language"],
        clauses: ["in French", "response_language: german"],
        message:
          'requirement "french" ("in French") and response_language (German) conflict: a text has one language',
      },
    ]);
    expect(
      lintRequirements([{ name: "french", description: "Respond in French." }], {
        responseLanguage: "french",
      }),
    ).toEqual([]);
    expect(
      lintRequirements([{ name: "french", description: "Respond in French." }], {
        responseLanguage: "unset",
      }),
    ).toEqual([]);
  });

  test("JSON only with a closing question, a word required and forbidden, lowercase with capitals", () => {
    const rules = lintRequirements([
      { name: "json", description: "Return only JSON." },
      { name: "question", description: "End with a question." },
      { name: "banana", description: "Include the word banana." },
      { name: "no banana", description: "Do not mention banana." },
    ]).map((finding) => [finding.rule, finding.requirements]);
    expect(rules).toEqual([
      ["ends-with", ["json", "question"]],
      ["keyword-required-and-forbidden", ["banana", "no banana"]],
    ]);
  });

  test("a mandatory requirement no verifier understands, without a judge, is a warning that says who scores it", () => {
    const findings = lintRequirements([
      { name: "tone", description: "Write in a friendly tone.", is_mandatory: true },
    ]);
    expect(findings).toEqual([
      {
        severity: "warning",
        rule: "unverifiable",
        requirements: ["tone"],
        clauses: ["Write in a friendly tone"],
        message:
          'mandatory requirement "tone": no verifier understands "Write in a friendly tone" and no judge is configured: its score is the local model\'s self-assessment or Maestro\'s alone on AI21, and a mandatory requirement below 1 sets the overall score to 0; conflicts with it cannot be checked',
      },
    ]);
    expect(
      lintRequirements([{ name: "tone", description: "Write in a friendly tone." }], { judge: true }),
    ).toEqual([]);
  });

  test("a partly understood requirement names the part no verifier checks", () => {
    const [finding] = lintRequirements([
      { name: "p", description: "Write up to 3 paragraphs in a friendly tone." },
    ]);
    expect(finding).toMatchObject({ severity: "warning", rule: "partly-verifiable", requirements: ["p"] });
    expect(finding?.clauses.join(" ")).toContain("friendly tone");
  });

  test("near-duplicates: same description, same checks, or nearly the same words", () => {
    const rules = (descriptions: string[]) =>
      lintRequirements(descriptions.map((description, index) => ({ name: `r${index}`, description })))
        .filter((finding) => finding.rule === "near-duplicate")
        .map((finding) => finding.message);
    expect(rules(["Use at most 50 words.", "Keep it to at most 50 words."])).toEqual([
      'requirements "r0" and "r1" ask for the same checks; Maestro scores and refines each, so a duplicate weighs twice',
    ]);
    expect(
      rules(["Sound warm and friendly to the customer.", "Sound warm and friendly to every customer."]),
    ).toHaveLength(1);
    expect(rules(["Use at most 50 words.", "Respond in French."])).toEqual([]);
  });

  test("misuse throws a TypeError naming the function", () => {
    expect(() => lintRequirements("x" as never)).toThrow(
      new TypeError("lintRequirements: requirements must be an array of {name, description}"),
    );
  });
});
