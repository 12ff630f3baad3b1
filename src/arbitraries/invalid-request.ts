import * as fc from "fast-check";

/** A request broken by exactly one mutation, and the error issue it must trigger. */
export interface InvalidRequest {
  /** The broken request. */
  request: unknown;
  /** The one error-level issue the validator must report (warnings may come along). */
  expected: { loc: (string | number)[]; type: string };
  /** The name of the mutation, which says which rule it breaks. */
  rule: string;
}

/** Options of `invalidRunRequest` and `invalidChatRequest`. */
export interface InvalidRequestConstraints {
  /** Only these mutations (default all); see `INVALID_RUN_REQUEST_RULES` and `INVALID_CHAT_REQUEST_RULES`. */
  rules?: readonly string[];
}

/** One way to break a valid request. */
export interface Mutation {
  rule: string;
  arbitrary: fc.Arbitrary<InvalidRequest>;
}

/** A JSON object the mutations edit freely (they work on deep copies). */
export type JsonObject = Record<string, unknown>;

/** A deep copy of a generated request, as a plain object to edit. */
export function copyRequest(value: unknown): JsonObject {
  return structuredClone(value) as JsonObject;
}

/** Builds the result of a mutation; `loc` is given without its leading "body". */
export function breakRequest(
  rule: string,
  request: unknown,
  loc: (string | number)[],
  type: string,
): InvalidRequest {
  return { rule, request, expected: { loc: ["body", ...loc], type } };
}

/** Reads an array field of an edited request. */
export function readList(request: JsonObject, key: string): JsonObject[] {
  return request[key] as JsonObject[];
}

/** Picks from mutations by name; misuse throws a TypeError naming the API and the known names. */
export function selectMutations(
  api: string,
  mutations: readonly Mutation[],
  constraints: InvalidRequestConstraints | undefined,
): fc.Arbitrary<InvalidRequest> {
  if (constraints !== undefined && (typeof constraints !== "object" || constraints === null)) {
    throw new TypeError(`${api}: constraints must be an object`);
  }
  const names = mutations.map((mutation) => mutation.rule);
  const wanted = constraints?.rules ?? names;
  const unknown = wanted.filter((rule) => !names.includes(rule));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new TypeError(
      `${api}: unknown rule ${unknown.join(", ") || "(none given)"}; known: ${names.join(", ")}`,
    );
  }
  return fc.oneof(
    ...mutations.filter((mutation) => wanted.includes(mutation.rule)).map((mutation) => mutation.arbitrary),
  );
}

/** An arbitrary of one of `values`. */
export const on = <T>(values: readonly T[]) => fc.constantFrom(...values);
