import { isRecord } from "./create-issue.js";

/**
 * Turns ajv's JSON Pointer into a FastAPI `loc` starting with "body", walking the value so that an
 * array index becomes a number and an object key that looks like one stays a string.
 */
export function locateInstance(pointer: string, root: unknown): (string | number)[] {
  const loc: (string | number)[] = ["body"];
  if (pointer === "") return loc;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.includes("~") ? raw.replace(/~1/g, "/").replace(/~0/g, "~") : raw;
    if (Array.isArray(current)) {
      const index = Number(segment);
      loc.push(index);
      current = current[index];
    } else {
      loc.push(segment);
      current = isRecord(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
    }
  }
  return loc;
}
