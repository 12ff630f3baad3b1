// Customer-support replies: a friendly tone (only a model can judge it), a forbidden mention that is
// mandatory, a length limit and a fixed sign-off. The small model at the low budget sometimes
// mentions the CEO: `npm run eval:gate-demo` gates that cell and watches the mandatory gate catch it.

import { describeMaestro } from "maestro-eval/vitest";
import { expect } from "vitest";
import { tickets } from "./tickets.js";

describeMaestro(
  "support reply",
  {
    cases: tickets,
    requirements: [
      { name: "tone", description: "Use a friendly, apologetic tone." },
      { name: "no CEO", description: "Don't mention the CEO.", is_mandatory: true },
      { name: "length", description: "Write at most 5 sentences." },
      { name: "sign-off", description: "End with the phrase 'The Support Team'." },
    ],
    matrix: { models: ["jamba-large", "jamba-mini"], budgets: ["low", "medium", "high"], repeats: 3 },
    compare: ({ cells }) => {
      // Every high-budget sample of the flagship passes the mandatory gate.
      expect(cells.of("jamba-large", "high")).toPassMandatoryGate();
    },
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
    expect(run).toMeetRequirement("length", null);
    expect(run).toMeetRequirement("sign-off", null);
  },
);
