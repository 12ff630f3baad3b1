// extractFacts and the date and money readers it relies on.
import { describe, expect, test } from "vitest";
import { extractFacts, readFieldRole } from "../../../src/sim/index.js";
import { findDates, formatDate, isRealDate } from "../../../src/verifiers/calendar-date.js";
import {
  findMoneyAmounts,
  formatCodeAmount,
  readFigure,
  writeUsdAmount,
} from "../../../src/verifiers/money-amount.js";
import { INPUTS } from "./fixtures.js";

describe("extractFacts", () => {
  test("reads an invoice's key: value lines as fields with roles, dates and amounts", () => {
    const facts = extractFacts(INPUTS.invoice);
    expect(facts.fields.map(({ label, role, value, kind }) => ({ label, role, value, kind }))).toEqual([
      { label: "Vendor", role: "vendor", value: "Acme Corp", kind: "text" },
      { label: "Invoice number", role: "invoice_number", value: "INV-1234", kind: "text" },
      { label: "Total", role: "total", value: "1234.5 USD", kind: "money" },
      { label: "Due", role: "due_date", value: "03/15/2026", kind: "date" },
    ]);
    expect(facts.fields[2]!.money).toEqual({ value: 1234.5, currency: "USD", text: "1234.5 USD" });
    expect(facts.fields[3]!.date).toEqual({ year: 2026, month: 3, day: 15, text: "03/15/2026" });
    // The instruction is not content.
    expect(facts.sentences).toEqual([]);
  });

  test("keeps content sentences and the question, and leaves imperatives out", () => {
    const facts = extractFacts(INPUTS.question);
    expect(facts.question).toBe("What is the capital of France?");
    expect(facts.sentences).toEqual([
      "Paris is the capital and largest city of France.",
      "It has been the seat of government since 987.",
    ]);
    expect(extractFacts(INPUTS.report).sentences[0]).toBe(
      "Revenue grew 12% in the third quarter to $4.2 million.",
    );
  });

  test("does not take prose introduced by a colon for a field", () => {
    const facts = extractFacts(INPUTS.complaint);
    expect(facts.fields).toEqual([]);
    expect(facts.sentences).toContain("My order #123 arrived broken and I want a refund.");
    expect(facts.dates).toEqual([{ year: 2026, month: 2, day: 1, text: "2026-02-01" }]);
  });

  test("answers the last user turn and reads earlier turns and documents as context", () => {
    const facts = extractFacts(
      [
        { role: "user", content: "Here is our policy. Refunds take 5 days." },
        { role: "assistant", content: "Noted." },
        { role: "user", content: "How long do refunds take?" },
      ],
      ["Order: A-77\nShipped: 2026-01-04"],
    );
    expect(facts.instruction).toBe("How long do refunds take?");
    expect(facts.question).toBe("How long do refunds take?");
    expect(facts.sentences).toEqual(["Here is our policy.", "Refunds take 5 days.", "Noted."]);
    expect(facts.fields.map((field) => [field.role, field.value])).toEqual([
      ["order_number", "A-77"],
      ["date", "2026-01-04"],
    ]);
  });

  test("reads amounts in the formats invoices use", () => {
    const facts = extractFacts("Subtotal: $1,200.00\nTax: EUR 80\nTotal: 1.280,50 €");
    expect(facts.amounts.map((amount) => [amount.value, amount.currency])).toEqual([
      [1200, "USD"],
      [80, "EUR"],
      [1280.5, "EUR"],
    ]);
  });
});

describe("readFieldRole", () => {
  test.each([
    ["Vendor", "vendor"],
    ["Supplier name", "vendor"],
    ["Bill to", "customer"],
    ["Invoice #", "invoice_number"],
    ["Amount due", "total"],
    ["Due date", "due_date"],
    ["Invoice date", "issue_date"],
    ["VAT", "tax"],
    ["Ticket", "reference"],
    ["Colour", undefined],
  ])("%s is %s", (label, role) => {
    expect(readFieldRole(label)).toBe(role);
  });
});

describe("dates", () => {
  test.each([
    ["2026-03-15", [2026, 3, 15]],
    ["03/15/2026", [2026, 3, 15]],
    ["15/03/2026", [2026, 3, 15]],
    ["15.03.2026", [2026, 3, 15]],
    ["March 15, 2026", [2026, 3, 15]],
    ["15th of March 2026", [2026, 3, 15]],
  ])("reads %s", (text, [year, month, day]) => {
    expect(findDates(`on ${text}.`)).toEqual([{ year, month, day, text }]);
  });

  test("skips impossible dates and version numbers", () => {
    expect(findDates("02/30/2026 and 1.2.3")).toEqual([]);
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
  });

  test.each([
    ["YYYY-MM-DD", "2026-03-05"],
    ["ISO-8601", "2026-03-05"],
    ["DD/MM/YYYY", "05/03/2026"],
    ["MM/DD/YYYY", "03/05/2026"],
    ["D.M.YY", "5.3.26"],
    ["MMMM D, YYYY", "March 5, 2026"],
  ])("writes %s", (format, written) => {
    expect(formatDate({ year: 2026, month: 3, day: 5 }, format)).toBe(written);
  });
});

describe("money", () => {
  test.each([
    ["1234.5", 1234.5],
    ["1,234.56", 1234.56],
    ["1.234,56", 1234.56],
    ["1,234", 1234],
    ["80", 80],
  ])("reads the figure %s", (figure, value) => {
    expect(readFigure(figure)).toBe(value);
  });

  test("writes US format and code format", () => {
    expect(writeUsdAmount(1234.5)).toBe("$1,234.50");
    expect(writeUsdAmount(-20)).toBe("-$20.00");
    expect(writeUsdAmount(1_000_000)).toBe("$1,000,000.00");
    expect(formatCodeAmount(1234.5, "USD")).toBe("1234.50 USD");
  });

  test("finds amounts written with symbols and codes", () => {
    expect(findMoneyAmounts("It cost $5 and 20 EUR, not £3.").map((amount) => amount.text)).toEqual([
      "$5",
      "20 EUR",
      "£3",
    ]);
  });
});
