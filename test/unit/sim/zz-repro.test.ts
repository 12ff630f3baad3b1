import { test } from "vitest";
import { composeDraft, createRandom, extractFacts } from "../../../src/sim/index.js";
import { verify } from "../../../src/verifiers/index.js";
import { checksOf } from "./fixtures.js";

test("repro", () => {
  const p = JSON.parse(process.env.PLAN!);
  const result = composeDraft({
    facts: extractFacts(p.input),
    satisfy: p.satisfy.flatMap(checksOf),
    violate: p.violate.flatMap(checksOf),
    random: createRandom(p.seed),
    ...(p.language ? { language: p.language } : {}),
  });
  console.log(
    result.conflicts.map((c: any) => c.check?.source),
    result.unmet.map((c) => c.source),
    result.unbroken.map((c) => c.source),
  );
  for (const check of result.violate) {
    const f = verify(result.text, [check]);
    console.log("V", check.source, f.score, f.reason);
  }
  for (const check of result.satisfy) {
    const f = verify(result.text, [check]);
    console.log("S", check.source, f.score, f.reason);
  }
  console.log(result.text);
});
