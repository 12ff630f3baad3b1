// Booking confirmations in the traveller's language, with Maestro's response_language.

import { describeMaestro } from "maestro-eval/vitest";
import { expect } from "vitest";
import { requests } from "./requests.js";

const languageName = { french: "French", spanish: "Spanish", german: "German" } as const;

describeMaestro(
  "multilingual answer",
  {
    cases: requests.map((travel) => ({
      name: travel.name,
      input: travel.input,
      request: { response_language: travel.language },
      requirements: [
        {
          name: "language",
          description: `Respond in ${languageName[travel.language as keyof typeof languageName]}.`,
          is_mandatory: true,
        },
        { name: "length", description: "Write at most 4 sentences." },
      ],
    })),
    matrix: { models: ["jamba-large", "jamba-mini"], budgets: ["low", "medium", "high"], repeats: 3 },
    compare: ({ cells }) => {
      expect(cells.of("jamba-large", "high")).toMeetRequirement("language", 0.8);
    },
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
    expect(run).toMeetRequirement("language", null);
    expect(run).toMeetRequirement("length", null);
  },
);
