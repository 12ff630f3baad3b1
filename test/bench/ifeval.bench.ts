// `npm run bench:ifeval`: the verifiers against IFEval's official checker on GPT-4's 834 released
// responses (test/fixtures/ifeval), and on the held-out paraphrase corpus (test/fixtures/verifier-paraphrases).
// Every case goes through verifyRequirement(text, requirement, { input: prompt }) as a user would call it.
// Prints the per-type tables; writes every disagreement to reports/bench/ifeval-disagreements.txt and
// reports/bench/paraphrase-disagreements.txt. How each verdict counts is explained in measure-ifeval.ts.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  formatPercent,
  measureIfeval,
  measureParaphrases,
  OFFICIAL,
  PARAPHRASE_DIR,
  renderDisagreements,
  renderGroupTable,
} from "../helpers/measure-ifeval.js";
import type { BenchFigure } from "./run.js";

const outDir = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "reports", "bench");

export default async function bench(): Promise<BenchFigure[]> {
  mkdirSync(outDir, { recursive: true });
  const measured = measureIfeval();
  const { total } = measured;
  const officialInstruction = (OFFICIAL.instructionLevel.followed / OFFICIAL.instructionLevel.total) * 100;
  const officialPrompt = (OFFICIAL.promptLevel.followed / OFFICIAL.promptLevel.total) * 100;
  const instructionGap = measured.instructionLevel - officialInstruction;
  const promptGap = measured.promptLevel - officialPrompt;
  const coverage = (total.covered / total.n) * 100;

  console.log(
    `\nIFEval, GPT-4 responses, ${total.n} instructions in ${measured.prompts} prompts, by instruction type:\n`,
  );
  console.log(renderGroupTable(measured.perType, total));
  console.log(
    `\n| measure | maestro-eval | official checker |\n|---|---:|---:|\n` +
      `| GPT-4 strict instruction-level accuracy | ${formatPercent(measured.instructionLevel)} | ${formatPercent(officialInstruction)} (${OFFICIAL.instructionLevel.followed}/${OFFICIAL.instructionLevel.total}) |\n` +
      `| GPT-4 strict prompt-level accuracy | ${formatPercent(measured.promptLevel)} | ${formatPercent(officialPrompt)} (${OFFICIAL.promptLevel.followed}/${OFFICIAL.promptLevel.total}) |`,
  );
  const disagreementsFile = join(outDir, "ifeval-disagreements.txt");
  writeFileSync(disagreementsFile, `${renderDisagreements(measured.scored)}\n`);
  console.log(
    `\n${total.n - total.agree} disagreement(s) listed in reports/bench/ifeval-disagreements.txt\n`,
  );

  const figures: BenchFigure[] = [
    {
      name: `IFEval agreement with the official verdict, unverifiable counted as wrong (${total.agree}/${total.n})`,
      value: total.agreement,
      unit: "%",
      target: ">= 97",
      met: total.agreement >= 97,
    },
    {
      name: `IFEval coverage, cases given a pass, fail or partial verdict (${total.covered}/${total.n})`,
      value: coverage,
      unit: "%",
      target: ">= 98",
      met: coverage >= 98,
    },
    {
      name: `IFEval agreement on the covered cases (${total.agree}/${total.covered})`,
      value: measured.verifiedAgreement,
      unit: "%",
      target: ">= 98",
      met: measured.verifiedAgreement >= 98,
    },
    {
      name: "IFEval partial verdicts (counted as what their checked part says)",
      value: total.partial,
      unit: "cases",
    },
    {
      name: `GPT-4 strict instruction-level accuracy as measured (official ${formatPercent(officialInstruction)})`,
      value: measured.instructionLevel,
      unit: "%",
    },
    {
      name: "difference from the official instruction-level accuracy",
      value: instructionGap,
      unit: "points",
      target: "within ±1.5",
      met: Math.abs(instructionGap) <= 1.5,
    },
    {
      name: `GPT-4 strict prompt-level accuracy as measured (official ${formatPercent(officialPrompt)})`,
      value: measured.promptLevel,
      unit: "%",
    },
    {
      name: "difference from the official prompt-level accuracy",
      value: promptGap,
      unit: "points",
      target: "within ±2",
      met: Math.abs(promptGap) <= 2,
    },
  ];

  if (existsSync(PARAPHRASE_DIR)) {
    const paraphrases = measureParaphrases();
    console.log(`Held-out paraphrases, by IFEval family:\n`);
    console.log(renderGroupTable(paraphrases.perFamily, paraphrases.total));
    writeFileSync(
      join(outDir, "paraphrase-disagreements.txt"),
      `${renderDisagreements(paraphrases.scored)}\n`,
    );
    console.log(
      `\n${paraphrases.total.n - paraphrases.total.agree} disagreement(s) listed in reports/bench/paraphrase-disagreements.txt`,
    );
    figures.push({
      name: `agreement on held-out paraphrases, unverifiable counted as wrong (${paraphrases.total.agree}/${paraphrases.total.n})`,
      value: paraphrases.total.agreement,
      unit: "%",
    });
    console.log(`\nHeld-out paraphrases, by the batch they were written in:\n`);
    console.log(renderGroupTable(paraphrases.perBatch));
    for (const batch of paraphrases.perBatch) {
      figures.push({
        name: `agreement on held-out paraphrases of batch ${batch.type} (${batch.agree}/${batch.n})`,
        value: batch.agreement,
        unit: "%",
      });
    }
  }
  return figures;
}
