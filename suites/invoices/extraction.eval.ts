// Invoice extraction, AI21's own example of requirement scoring: two models, three budgets, three
// samples of each, one mandatory requirement.

import { describeMaestro } from "maestro-eval/vitest";
import { expect } from "vitest";
import { invoices } from "./invoices.js";

describeMaestro(
  "invoice extraction",
  {
    cases: invoices,
    requirements: [
      {
        name: "fields present",
        // AI21's example says "Ensure all required fields are extracted and not left empty"; naming the
        // fields lets a verifier check it, instead of the model's own word.
        description:
          "Return JSON with the keys vendor_name, invoice_number, total_amount and due_date, none of them empty.",
        is_mandatory: true,
      },
      { name: "formats", description: "Dates must follow YYYY-MM-DD and amounts should be in USD format." },
      { name: "concise", description: "Use at most 8 lines." },
    ],
    matrix: { models: ["jamba-large", "jamba-mini"], budgets: ["low", "medium", "high"], repeats: 3 },
    compare: ({ cells }) => {
      // The flagship at a high budget gets the formats right on average.
      expect(cells.of("jamba-large", "high")).toMeetRequirement("formats", 0.8);
      // A bigger budget on the small model does not do worse than the small budget.
      expect(cells.of("jamba-mini", "high")).toScoreAtLeast(0.5);
    },
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
    // Recorded for the comparison tables and the gate; a threshold of null never fails here.
    expect(run).toMeetRequirement("formats", null);
    expect(run).toMeetRequirement("concise", null);
    expect(run).toScoreAtLeast(null);
    expect(run).toAgreeWithVerifiers({ tolerance: null });
  },
);
