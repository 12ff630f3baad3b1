// Generated suites for the reliability runs: a matrix of any size, every cell a distinct request (so
// that the local server's duplicate-create counter means what it says), and the keys of all its cells.
import type { TempProject } from "./temp-project.js";

/** The shape of a generated matrix: files × cases × models × budgets × repeats cells. */
export interface GeneratedSuitesOptions {
  /** Suite files; vitest spreads them over its workers. */
  files: number;
  casesPerFile: number;
  models: readonly string[];
  budgets: readonly ("low" | "medium" | "high")[];
  repeats: number;
  /** A prefix of the suite names, so that two generated sets never share a key. */
  name: string;
}

const PRODUCTS = ["kettle", "lamp", "desk", "router", "blender", "jacket", "monitor", "tent"];
const COMPLAINTS = [
  "arrived broken and I want a refund",
  "is two weeks late",
  "stopped working after a day",
  "was the wrong colour",
  "came without its manual",
];

/** Writes the suites under `suites/` and returns the key of every cell, `suite/case/model/budget/#repeat`. */
export function writeGeneratedSuites(project: TempProject, options: GeneratedSuitesOptions): string[] {
  const keys: string[] = [];
  for (let file = 0; file < options.files; file += 1) {
    const suite = `${options.name} ${file + 1}`;
    const cases = Array.from({ length: options.casesPerFile }, (_, index) => {
      const n = file * options.casesPerFile + index;
      const product = PRODUCTS[n % PRODUCTS.length]!;
      const complaint = COMPLAINTS[n % COMPLAINTS.length]!;
      return {
        name: `order ${1000 + n}`,
        input: `Reply to the customer.\nOrder: ${1000 + n}\nProduct: ${product}\nMessage: The ${product} ${complaint}.`,
      };
    });
    for (const suiteCase of cases)
      for (const model of options.models)
        for (const budget of options.budgets)
          for (let repeat = 0; repeat < options.repeats; repeat += 1)
            keys.push(`${suite}/${suiteCase.name}/${model}/${budget}/#${repeat}`);
    project.write(
      `suites/${options.name.replace(/\W+/g, "-")}-${file + 1}.eval.ts`,
      `import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro(
  ${JSON.stringify(suite)},
  {
    cases: ${JSON.stringify(cases)},
    requirements: [
      { name: "length", description: "Write at most 4 sentences." },
      { name: "no CEO", description: "Don't mention the CEO.", is_mandatory: true },
    ],
    matrix: ${JSON.stringify({ models: options.models, budgets: options.budgets, repeats: options.repeats })},
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
  },
);
`,
    );
  }
  return keys;
}

/** A `maestro-eval.config.ts` whose body is `config` (JSON-serialisable). */
export function configSource(config: Record<string, unknown>): string {
  return `import { defineConfig } from "maestro-eval";
export default defineConfig(${JSON.stringify(config, null, 2)});
`;
}
