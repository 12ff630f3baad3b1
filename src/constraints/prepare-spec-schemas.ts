// Turns the spec's component schemas into what ajv compiles. The spec stays the single statement of
// every rule; this only rewrites OpenAPI idioms ajv does not take as they are, and wires the
// `x-maestro-*` extensions to the custom keywords of compile-spec-schema.ts.
import type { SpecSchema } from "./load-spec.js";

type MutableSchema = Record<string, unknown>;

const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"] as const;
const SCHEMA_LISTS = ["oneOf", "anyOf", "allOf", "prefixItems"] as const;
const SCHEMA_VALUES = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
] as const;

const REF_PREFIX = "#/components/schemas/";

/** Known values of `x-maestro-unknown-fields` and the severity each gives an unknown field. */
const UNKNOWN_FIELD_SEVERITIES: Record<string, "warning" | "error" | undefined> = {
  warn: "warning",
  error: "error",
  ignore: undefined,
};

function isSchema(value: unknown): value is MutableSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Calls `visit` on every subschema of `schema` (not following `$ref`). */
function forEachSubschema(schema: MutableSchema, visit: (child: MutableSchema) => void): void {
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (isSchema(map)) for (const child of Object.values(map)) if (isSchema(child)) visit(child);
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) for (const child of list) if (isSchema(child)) visit(child);
  }
  for (const key of SCHEMA_VALUES) {
    const child = schema[key];
    if (isSchema(child)) visit(child);
  }
}

function walk(schema: MutableSchema, visit: (node: MutableSchema) => void): void {
  visit(schema);
  forEachSubschema(schema, (child) => walk(child, visit));
}

/** The prepared schemas plus what the error mapping needs to know about them. */
export interface PreparedSpecSchemas {
  schemas: Record<string, MutableSchema>;
}

/** Rewrites a deep copy of the spec's component schemas for ajv (see the file comment). */
export function prepareSpecSchemas(source: Readonly<Record<string, SpecSchema>>): PreparedSpecSchemas {
  const schemas = structuredClone(source) as Record<string, MutableSchema>;
  const resolve = (schema: MutableSchema): MutableSchema => {
    const ref = schema.$ref;
    if (typeof ref !== "string") return schema;
    if (!ref.startsWith(REF_PREFIX)) throw new Error(`prepareSpecSchemas: unsupported $ref ${ref}`);
    const target = schemas[ref.slice(REF_PREFIX.length)];
    if (!target) throw new Error(`prepareSpecSchemas: unresolved $ref ${ref}`);
    return target;
  };

  for (const [name, root] of Object.entries(schemas)) {
    walk(root, (node) => {
      prepareDiscriminator(node, resolve, name);
      prepareTypeUnion(node, resolve);
      if (node.deprecated === true) {
        node["x-maestro-deprecated"] = typeof node.description === "string" ? node.description : "";
      }
    });
  }

  // Unknown fields: every object schema reachable from a schema carrying `x-maestro-unknown-fields`
  // that lists its properties and says nothing about others gets the known-properties check.
  for (const root of Object.values(schemas)) {
    const mode = root["x-maestro-unknown-fields"];
    if (mode === undefined) continue;
    if (typeof mode !== "string" || !(mode in UNKNOWN_FIELD_SEVERITIES)) {
      throw new Error(
        `prepareSpecSchemas: x-maestro-unknown-fields must be warn, error or ignore; got ${String(mode)}`,
      );
    }
    const severity = UNKNOWN_FIELD_SEVERITIES[mode];
    if (severity === undefined) continue;
    const seen = new Set<MutableSchema>();
    const mark = (node: MutableSchema): void => {
      const target = resolve(node);
      if (seen.has(target)) return;
      seen.add(target);
      if (isSchema(target.properties) && target.additionalProperties === undefined) {
        target["x-maestro-known-properties"] ??= severity;
      }
      forEachSubschema(target, mark);
    };
    mark(root);
  }
  return { schemas };
}

function prepareDiscriminator(
  node: MutableSchema,
  resolve: (schema: MutableSchema) => MutableSchema,
  name: string,
): void {
  const discriminator = node.discriminator;
  if (!isSchema(discriminator)) return;
  const propertyName = discriminator.propertyName;
  const branches = node.oneOf;
  if (typeof propertyName !== "string" || !Array.isArray(branches)) {
    throw new Error(`prepareSpecSchemas: ${name}'s discriminator needs propertyName and oneOf`);
  }
  const tags: string[] = [];
  for (const branch of branches) {
    const target = isSchema(branch) ? resolve(branch) : undefined;
    const tag = isSchema(target?.properties)
      ? (target.properties[propertyName] as MutableSchema)?.const
      : undefined;
    if (typeof tag !== "string") {
      throw new Error(`prepareSpecSchemas: every branch of ${name} needs a const ${propertyName}`);
    }
    tags.push(tag);
  }
  // ajv derives the mapping from the branches' consts and refuses an explicit one; check they agree.
  const mapping = discriminator.mapping;
  if (isSchema(mapping)) {
    for (const [index, branch] of branches.entries()) {
      const ref = (branch as MutableSchema).$ref;
      if (typeof ref === "string" && mapping[tags[index]!] !== ref) {
        throw new Error(`prepareSpecSchemas: ${name}'s discriminator mapping disagrees with ${ref}`);
      }
    }
  }
  node.discriminator = { propertyName };
  // Without a type, ajv skips the discriminator for non-objects and accepts anything.
  node.type ??= "object";
  node["x-maestro-tags"] = tags;
}

function typesOf(schema: MutableSchema): string[] | undefined {
  const type = schema.type;
  if (typeof type === "string") return [type];
  if (Array.isArray(type) && type.every((item) => typeof item === "string")) return type as string[];
  return undefined;
}

function overlaps(left: readonly string[], right: readonly string[]): boolean {
  const widen = (types: readonly string[]) => types.map((type) => (type === "integer" ? "number" : type));
  const wideRight = widen(right);
  return widen(left).some((type) => wideRight.includes(type));
}

/**
 * A `oneOf`/`anyOf` whose branches differ by JSON type (string or array, object or null) becomes an
 * if/then/else chain on the type: a value then gets the errors of the one branch of its type, or one
 * type error naming every allowed type, instead of ajv's cascade of one error per branch.
 */
function prepareTypeUnion(node: MutableSchema, resolve: (schema: MutableSchema) => MutableSchema): void {
  if (node.discriminator !== undefined) return;
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches) || branches.length < 2 || !branches.every(isSchema)) continue;
    const branchTypes: string[][] = [];
    for (const branch of branches) {
      const types = typesOf(resolve(branch));
      if (!types || branchTypes.some((seen) => overlaps(seen, types))) return;
      branchTypes.push(types);
    }
    let chain: MutableSchema = { type: branchTypes.flat() };
    for (let index = branches.length - 1; index >= 0; index -= 1) {
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a thenable.
      chain = { if: { type: branchTypes[index] }, then: branches[index], else: chain };
    }
    delete node[keyword];
    if (node.if === undefined) Object.assign(node, chain);
    else node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), chain];
  }
}

/** The `x-maestro-*` extensions the validator reads; a test checks the spec uses no other. */
export const SPEC_EXTENSIONS: readonly string[] = [
  "x-maestro-rules",
  "x-maestro-max-words",
  "x-maestro-documented-maximum",
  "x-maestro-unknown-fields",
  "x-maestro-default",
  "x-maestro-required-hints",
];
