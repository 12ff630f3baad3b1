import { describe, expect, test } from "vitest";
import type { MaestroRun } from "../../../src/domain/index.js";
import { type AuditableRun, auditRun } from "../../../src/verifiers/index.js";

const FRENCH =
  "Bonjour à tous. Je voudrais vous parler de notre nouveau produit, qui est très utile pour les entreprises qui cherchent à améliorer leur productivité.";

function runWith(
  result: unknown,
  requirements: NonNullable<MaestroRun["requirements_result"]>["requirements"],
): MaestroRun {
  return {
    id: "dba286ef-5067-4c6e-b215-5483500da8df",
    status: "completed",
    result,
    requirements_result: { score: 0, finish_reason: "Budget exhausted", requirements },
  };
}

describe("auditRun", () => {
  test("accepts the generated MaestroRun type", () => {
    const run: MaestroRun = runWith("ok", []);
    const auditable: AuditableRun = run;
    expect(auditRun(auditable).requirements).toEqual([]);
  });

  test("returns the disagreements with both scores and both reasons", () => {
    const run = runWith("One.\n\nTwo.\n\nThree.\n\nFour.", [
      {
        name: "length",
        description: "Write up to 3 paragraphs",
        is_mandatory: true,
        score: 1,
        reason: "None",
      },
      { name: "ceo", description: "Don't mention the CEO", score: 1, reason: null },
      { name: "tone", description: "Use a friendly tone", score: 0.7, reason: "A little stiff." },
    ]);
    const audit = auditRun(run, { tolerance: 0.1 });
    expect(audit.runId).toBe("dba286ef-5067-4c6e-b215-5483500da8df");
    expect(audit.disagreements).toEqual([
      {
        name: "length",
        description: "Write up to 3 paragraphs",
        isMandatory: true,
        status: "disagree",
        reportedScore: 1,
        reportedReason: "None",
        verifiedScore: 0,
        verifiedReason: "4 paragraphs found; at most 3 allowed",
        verifiedVerdict: "fail",
        difference: 1,
        checks: [
          {
            check: { kind: "count", unit: "paragraphs", max: 3, source: "up to 3 paragraphs" },
            verdict: "fail",
            score: 0,
            reason: "4 paragraphs found; at most 3 allowed",
          },
        ],
        unchecked: [],
      },
    ]);
    expect(audit.requirements.map((item) => item.status)).toEqual(["disagree", "agree", "unverifiable"]);
    expect(audit.unverifiable.map((item) => item.name)).toEqual(["tone"]);
    expect(audit.reason).toBe("1 of 3 requirements disagree beyond 0.1; 1 unverifiable");
    expect(audit.responseLanguage).toBeNull();
  });

  test("agrees within the tolerance, 0.2 by default", () => {
    const run = runWith("One.", [{ name: "length", description: "Write up to 3 paragraphs", score: 0.8 }]);
    expect(auditRun(run).requirements[0]?.status).toBe("agree");
    expect(auditRun(run, { tolerance: 0.1 }).requirements[0]).toMatchObject({
      status: "disagree",
      difference: -0.2,
    });
  });

  test("calls a lower reported score on a partly checked requirement inconclusive", () => {
    const run = runWith("Hi Bob, thanks.", [
      { name: "email", description: "Write a friendly email in under 100 words", score: 0.5 },
    ]);
    expect(auditRun(run).requirements[0]).toMatchObject({ status: "inconclusive", unchecked: ["friendly"] });
    const higher = runWith("word ".repeat(120), [
      { name: "email", description: "Write a friendly email in under 100 words", score: 1 },
    ]);
    expect(auditRun(higher).requirements[0]?.status).toBe("disagree");
  });

  test("checks the result against the request's response_language", () => {
    const run = runWith(FRENCH, [
      { name: "lang", description: "Respond in the requested language", score: 1 },
    ]);
    const audit = auditRun(run, { responseLanguage: "french" });
    expect(audit.requirements[0]).toMatchObject({ status: "agree", verifiedScore: 1 });
    expect(audit.responseLanguage).toMatchObject({
      verdict: "pass",
      reason: "detected French (fra); French required",
    });
    expect(audit.reason).toBe(
      "0 of 1 requirement disagree beyond 0.2; response_language pass: detected French (fra); French required",
    );
    expect(auditRun(run).requirements[0]?.status).toBe("unverifiable");
  });

  test("reads a structured result as its JSON", () => {
    const run = runWith({ a: 1, b: 2 }, [
      { name: "json", description: "Return JSON with keys a and b", score: 1 },
    ]);
    expect(auditRun(run).requirements[0]).toMatchObject({ status: "agree", verifiedScore: 1 });
  });

  test("throws on misuse with exact messages", () => {
    expect(() => auditRun("run" as never)).toThrow(
      new TypeError("auditRun: run must be an object, got string"),
    );
    expect(() => auditRun({ id: "x", result: "" })).toThrow(
      new TypeError(
        'auditRun: run.requirements_result is missing; create the run with include: ["requirements_result"]',
      ),
    );
    expect(() => auditRun({ requirements_result: { requirements: {} as never } })).toThrow(
      new TypeError("auditRun: run.requirements_result.requirements must be an array, got object"),
    );
    expect(() =>
      auditRun({ requirements_result: { requirements: [{ name: "a", description: 3, score: 1 } as never] } }),
    ).toThrow(
      new TypeError(
        "auditRun: run.requirements_result.requirements[0].description must be a string, got number",
      ),
    );
    expect(() =>
      auditRun({
        requirements_result: { requirements: [{ name: "a", description: "d", score: "1" } as never] },
      }),
    ).toThrow(
      new TypeError("auditRun: run.requirements_result.requirements[0].score must be a number, got string"),
    );
    expect(() => auditRun(runWith("", []), { tolerance: 1.5 })).toThrow(
      new RangeError("auditRun: options.tolerance must be within [0, 1], got 1.5"),
    );
    expect(() => auditRun(runWith("", []), { tolerance: "0.1" as never })).toThrow(
      new TypeError("auditRun: options.tolerance must be a number, got string"),
    );
    expect(() => auditRun(runWith("", []), { responseLanguage: "latin" as never })).toThrow(
      new RangeError(
        'auditRun: options.responseLanguage must be one of arabic, dutch, english, french, german, hebrew, italian, portuguese, spanish, unset, got "latin"',
      ),
    );
  });

  test("checks a requirement that refers to the request against the run's input", () => {
    const requirements = [
      {
        name: "repeat",
        description: "Repeat the request word for word, then answer",
        score: 1,
        reason: "ok",
      },
    ];
    const run = runWith("What is 2+2? It is 4.", requirements);
    expect(auditRun(run).requirements[0]).toMatchObject({ status: "unverifiable", verifiedScore: null });
    const given = auditRun(run, { input: [{ role: "user", content: "What is 2+2?" }] });
    expect(given.requirements[0]).toMatchObject({ status: "agree", verifiedScore: 1 });
    const carried = auditRun({ ...run, input: "What is 6x7?" } as AuditableRun);
    expect(carried.requirements[0]).toMatchObject({ status: "disagree", verifiedScore: 0 });
    expect(() => auditRun({ ...run, input: 7 } as AuditableRun)).toThrow(
      new TypeError(
        "auditRun: run.input must be a string or an array of {role, content} messages, got number",
      ),
    );
    expect(() => auditRun(run, { input: {} as never })).toThrow(
      new TypeError(
        "auditRun: options.input must be a string or an array of {role, content} messages, got object",
      ),
    );
  });
});
