// Answers a program reads: valid JSON with fixed keys is mandatory; the answer stays short.

import { describeMaestro } from "maestro-eval/vitest";
import { expect } from "vitest";
import { questions } from "./questions.js";

describeMaestro(
  "json answer",
  {
    cases: questions,
    requirements: [
      {
        name: "json",
        description: "Return valid JSON with keys answer, in_stock and price_usd.",
        is_mandatory: true,
      },
      { name: "short", description: "Keep the whole response under 80 words." },
    ],
    matrix: { models: ["jamba-large", "jamba-mini"], budgets: ["low", "medium", "high"], repeats: 3 },
    compare: ({ cells }) => {
      expect(cells.of("jamba-large", "medium")).toMeetRequirement("json", 0.6);
    },
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
    expect(run).toMeetRequirement("json", null);
    expect(run).toMeetRequirement("short", null);
  },
);
