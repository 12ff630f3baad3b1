import * as fc from "fast-check";
import type { Requirement } from "../domain/index.js";
import { readConstraints, readCount } from "./faker-value.js";
import { type RequirementConstraints, requirement } from "./requirement.js";

/** Options of {@link requirements}. */
export interface RequirementsConstraints extends RequirementConstraints {
  /** Fewest requirements (default 0). */
  minLength?: number;
  /** Most requirements, at most 10 (default 10). */
  maxLength?: number;
}

/** Renames repeated names `tone`, `tone-2`, ... so that every name is unique, as the spec requires. */
export function makeNamesUnique(items: readonly Requirement[]): Requirement[] {
  const used = new Set<string>();
  return items.map((item) => {
    let name = item.name;
    for (let suffix = 2; used.has(name); suffix += 1) name = `${item.name}-${suffix}`;
    used.add(name);
    return name === item.name ? item : { ...item, name };
  });
}

/**
 * A valid list of requirements with unique names (0 to 10 by default).
 *
 * @example fc.assert(fc.property(requirements({ minLength: 1 }), (list) => list.length <= 10))
 */
export function requirements(constraints?: RequirementsConstraints): fc.Arbitrary<Requirement[]> {
  const options = readConstraints("requirements", constraints);
  const maxLength = readCount("requirements", "maxLength", options.maxLength, 0, 10, 10);
  const minLength = readCount("requirements", "minLength", options.minLength, 0, maxLength, 0);
  const { minLength: _min, maxLength: _max, ...itemConstraints } = options;
  return fc.array(requirement(itemConstraints), { minLength, maxLength }).map(makeNamesUnique);
}
