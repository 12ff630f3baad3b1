// Product questions for the JSON-answer suite, generated with faker under a fixed seed.
import { en, Faker } from "@faker-js/faker";

const faker = new Faker({ locale: [en] });
faker.seed(20_261_125);

/** One question with the facts needed to answer it. */
export interface QuestionCase {
  name: string;
  input: string;
}

export const questions: QuestionCase[] = Array.from({ length: 3 }, (_, index) => {
  const product = faker.commerce.productName();
  const price = faker.commerce.price({ min: 10, max: 900 });
  const stock = faker.number.int({ min: 0, max: 250 });
  const warehouse = faker.location.city();
  return {
    name: `question ${index + 1}: ${product}`,
    input: [
      `Answer the customer's question using the catalogue entry.`,
      "",
      `Product: ${product}`,
      `Price: ${price} USD`,
      `In stock: ${stock} units`,
      `Warehouse: ${warehouse}`,
      "",
      `Question: Is the ${product} in stock, and how much does it cost?`,
    ].join("\n"),
  };
});
