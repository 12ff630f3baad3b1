import * as fc from "fast-check";
import type { Requirement } from "../domain/index.js";
import {
  fakerSeed,
  readConstraints,
  readCount,
  withFaker,
  writeRequirement,
  writeWords,
} from "./faker-value.js";

/** Options of {@link requirement}. */
export interface RequirementConstraints {
  /** Fewest words in the description (default 1). */
  minWords?: number;
  /** Most words in the description, at most 128 (default 128; small counts are generated most often). */
  maxWords?: number;
  /** Fix `is_mandatory`; by default it is true, false or absent. */
  mandatory?: boolean;
}

/**
 * A valid requirement `{name, description, is_mandatory?}` with realistic text, its description
 * between `minWords` and `maxWords` words.
 *
 * @example fc.sample(requirement({ maxWords: 12 }), 1) // [{ name: "tone", description: "Use a candid tone" }]
 */
export function requirement(constraints?: RequirementConstraints): fc.Arbitrary<Requirement> {
  const options = readConstraints("requirement", constraints);
  const maxWords = readCount("requirement", "maxWords", options.maxWords, 1, 128, 128);
  const minWords = readCount("requirement", "minWords", options.minWords, 1, maxWords, 1);
  const mandatory =
    options.mandatory === undefined
      ? fc.option(fc.boolean(), { nil: undefined })
      : fc.constant(options.mandatory);
  return fc
    .tuple(fc.integer({ min: minWords, max: maxWords }), mandatory, fakerSeed())
    .map(([words, isMandatory, seed]) =>
      withFaker(seed, (f) => {
        const { name, description } = writeRequirement(f);
        const result: Requirement = { name, description: writeWords(f, words, description) };
        if (isMandatory !== undefined) result.is_mandatory = isMandatory;
        return result;
      }),
    );
}
