import type { ConstraintIssue } from "../errors/index.js";

/** Builds an issue; `loc` is copied so that no two issues share an array a caller might mutate. */
export function createIssue(
  loc: readonly (string | number)[],
  msg: string,
  type: string,
  severity: ConstraintIssue["severity"] = "error",
): ConstraintIssue {
  return { loc: [...loc], msg, type, severity };
}

/** Whether `value` is a non-null, non-array object, the only kind whose fields the rules read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads an own field without reaching into the prototype (a `__proto__` key stays a plain key). */
export function readField(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
