import type { ConstraintIssue } from "../../errors/index.js";

/** Where a rule's value sits; the location is computed only when a rule finds a problem. */
export interface RuleContext {
  /** The value's FastAPI location, starting with "body". */
  loc(): (string | number)[];
}

/**
 * A rule JSON Schema cannot state, named in the spec's `x-maestro-rules`. It returns the issues it
 * finds, or undefined; it ignores values of the wrong type, since the schema already reports those.
 */
export type ConstraintRule = (value: unknown, context: RuleContext) => ConstraintIssue[] | undefined;
