import * as fc from "fast-check";
import { BUDGETS, type Budget } from "../domain/index.js";

/** A Maestro budget: `low`, `medium` or `high`. */
export function budget(): fc.Arbitrary<Budget> {
  return fc.constantFrom(...BUDGETS);
}
