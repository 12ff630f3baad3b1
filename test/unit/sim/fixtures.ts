// Requests and requirement descriptions the composer's tests share: a realistic pool, each description
// parsed by the verifiers as the engine would.
import { type Check, parseRequirement } from "../../../src/verifiers/index.js";

/** Requests of the kinds the local engine sees: an invoice, a complaint, a question with context, a report, a bare instruction. */
export const INPUTS = {
  invoice:
    "Extract the vendor, invoice number, total and due date from this invoice:\nVendor: Acme Corp\nInvoice number: INV-1234\nTotal: 1234.5 USD\nDue: 03/15/2026",
  complaint:
    "Reply to this customer email: My order #123 arrived broken and I want a refund. Your CEO promised fast shipping on 2026-02-01. Please fix this.",
  question:
    "What is the capital of France? Paris is the capital and largest city of France. It has been the seat of government since 987.",
  report:
    "Summarize this report. Revenue grew 12% in the third quarter to $4.2 million. The company hired 40 new engineers. A new office opened in Lisbon on March 3, 2026.",
  instruction: "Write a short note to the team about the offsite.",
} as const;

/** Requirement descriptions as teams write them, one or more checks each, covering every check kind. */
export const DESCRIPTIONS: readonly string[] = [
  "Write up to 3 paragraphs",
  "Use at least 2 paragraphs",
  "Write a single paragraph",
  "At least 3 sentences",
  "No more than 5 sentences",
  "Answer in a single sentence",
  "Keep it under 100 words",
  "Use at least 60 words",
  "Write between 40 and 80 words",
  "No more than 500 characters",
  "At least 300 characters",
  "Use exactly 3 bullet points",
  "Use bullet points",
  "Don't use bullet points",
  "Use a numbered list",
  "Use markdown headers",
  "No more than 8 lines",
  "Don't mention the CEO",
  "Mention 'refund' at least twice",
  "Include the word 'invoice'",
  "Do not use the words 'sorry', 'unfortunately'",
  "Mention Acme",
  "Output only the answer",
  "No preamble or explanation",
  "Return valid JSON",
  "Return valid JSON with keys answer, confidence",
  "Include a title in double angular brackets",
  "End with a postscript starting with P.S.",
  "Don't use markdown",
  "Write in all lowercase letters",
  "Use all capital letters",
  "Start with 'Dear'",
  "End with the phrase 'Is there anything else?'",
  "Wrap the whole response in double quotes",
  "End with 'Best regards'",
  "End with a question",
  "Dates must follow YYYY-MM-DD",
  "Use ISO-8601 dates",
  "Format all dates as DD/MM/YYYY",
  "Amounts should be in USD format",
  "Dates must follow YYYY-MM-DD and amounts should be in USD format.",
  "Respond in French",
  "Answer in Spanish",
  "Your entire response should be in English",
  "Write in German",
  "Respond in Arabic",
  "Respond in Hebrew",
  "Respond in Dutch",
  "Respond in Italian",
  "Respond in Portuguese",
  "Do not use any commas",
  "No exclamation marks",
  "No semicolons",
  "No em dashes",
  "No emojis",
];

/** The checks of one description; throws when the verifiers do not understand it (the pool must stay checkable). */
export function checksOf(description: string): Check[] {
  const parsed = parseRequirement(description);
  if (parsed.checks.length === 0)
    throw new Error(`the verifiers do not understand "${description}": ${parsed.reason}`);
  return [...parsed.checks];
}
