// Invoice documents for the extraction suite, generated with faker under a fixed seed: the same
// documents on every machine and every run.
import { en, Faker } from "@faker-js/faker";

const faker = new Faker({ locale: [en] });
faker.seed(20_261_123);

/** One invoice case: the document and the values a correct extraction contains. */
export interface InvoiceCase {
  name: string;
  input: string;
  data: { vendor: string; invoiceNumber: string; total: string; due: string };
}

function usDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

export const invoices: InvoiceCase[] = Array.from({ length: 3 }, () => {
  const vendor = faker.company.name();
  const invoiceNumber = `INV-${faker.number.int({ min: 1000, max: 9999 })}`;
  const total = faker.finance.amount({ min: 120, max: 18_000, dec: 2 });
  const due = usDate(faker.date.between({ from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z" }));
  const customer = faker.company.name();
  const document = [
    "INVOICE",
    `Vendor: ${vendor}`,
    `Vendor address: ${faker.location.streetAddress()}, ${faker.location.city()}`,
    `Bill to: ${customer}`,
    `Invoice number: ${invoiceNumber}`,
    `Total: ${total} USD`,
    `Due: ${due}`,
    `Notes: ${faker.company.catchPhrase()}.`,
  ].join("\n");
  return {
    name: `${vendor} ${invoiceNumber}`,
    input: `Extract vendor name, invoice number, total amount, and due date from the document below.\n\n${document}`,
    data: { vendor, invoiceNumber, total, due },
  };
});
