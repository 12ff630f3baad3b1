// Customer-support tickets for the reply suite, generated with faker under a fixed seed.
import { en, Faker } from "@faker-js/faker";

const faker = new Faker({ locale: [en] });
faker.seed(20_261_124);

const problems = [
  (product: string) => `My ${product} arrived with a cracked lid and I need a replacement before Friday.`,
  (product: string) =>
    `I was charged twice for the ${product} I ordered last week. Please refund the duplicate charge.`,
  (product: string) =>
    `The ${product} stopped working after two days. Your CEO promised on TV that this would never happen.`,
];

/** One support ticket: who wrote it and what they wrote. */
export interface TicketCase {
  name: string;
  input: string;
  data: { customer: string; product: string };
}

export const tickets: TicketCase[] = problems.map((problem, index) => {
  const customer = faker.person.firstName();
  const product = faker.commerce.productName().toLowerCase();
  const order = faker.string.numeric(6);
  return {
    name: `ticket ${index + 1} (${customer})`,
    input: [
      `Write a reply to this customer email on behalf of the support team.`,
      "",
      `From: ${customer}`,
      `Order: ${order}`,
      `Product: ${product}`,
      `Message: ${problem(product)}`,
    ].join("\n"),
    data: { customer, product },
  };
});
