// Travel-desk requests for the multilingual suite, generated with faker under a fixed seed.
import { en, Faker } from "@faker-js/faker";
import type { ResponseLanguage } from "maestro-eval";

const faker = new Faker({ locale: [en] });
faker.seed(20_261_126);

/** One request, with the language the answer must be written in. */
export interface TravelCase {
  name: string;
  input: string;
  language: Exclude<ResponseLanguage, "unset">;
}

const languages: TravelCase["language"][] = ["french", "spanish", "german"];

export const requests: TravelCase[] = languages.map((language) => {
  const city = faker.location.city();
  const hotel = `${faker.person.lastName()} Hotel`;
  const nights = faker.number.int({ min: 2, max: 6 });
  return {
    name: `${language}: ${city}`,
    language,
    input: [
      `Confirm the booking below to the traveller in a short, polite message.`,
      "",
      `City: ${city}`,
      `Hotel: ${hotel}`,
      `Nights: ${nights}`,
      `Check-in: 2026-05-${String(10 + nights).padStart(2, "0")}`,
    ].join("\n"),
  };
});
