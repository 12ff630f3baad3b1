// On the wire an optional field sent as `null` means the field is unset (FastAPI/pydantic `Optional`
// semantics, and what AI21's Python SDK sends for `None`). The spec types every such field
// `[type, "null"]`; this removes them, following the spec's schemas, so that the code reading a request
// after validation sees null and absent as the same thing.
import type { WithoutNullFields } from "../domain/api-types.js";
import { isRecord } from "./create-issue.js";
import { readSpecSchema, resolveSpecRef, type SpecSchema } from "./load-spec.js";

function resolve(schema: SpecSchema): SpecSchema {
  return typeof schema.$ref === "string" ? (resolveSpecRef(schema.$ref) ?? schema) : schema;
}

function typesOf(schema: SpecSchema): readonly unknown[] {
  const type = schema.type;
  if (Array.isArray(type)) return type;
  return type === undefined ? [] : [type];
}

/** The branch of a `oneOf`/`anyOf` a value is read by: its discriminator's tag, else its JSON type. */
function chooseBranch(schema: SpecSchema, value: unknown): SpecSchema | undefined {
  const branches = (schema.oneOf ?? schema.anyOf) as readonly SpecSchema[] | undefined;
  if (!Array.isArray(branches)) return undefined;
  const discriminator = schema.discriminator as { propertyName?: unknown } | undefined;
  const tagName = discriminator?.propertyName;
  if (typeof tagName === "string" && isRecord(value)) {
    const tag = value[tagName];
    return branches.map(resolve).find((branch) => {
      const properties = branch.properties as Record<string, SpecSchema> | undefined;
      return properties?.[tagName]?.const === tag;
    });
  }
  const kind = Array.isArray(value) ? "array" : "object";
  return branches.map(resolve).find((branch) => typesOf(branch).includes(kind));
}

function strip(schemaOrRef: SpecSchema, value: unknown, depth: number): unknown {
  // Free-form parts of a request may nest deeply; the spec's own structure is a few levels deep.
  if (depth > 32) return value;
  const schema = resolve(schemaOrRef);
  if (schema.oneOf !== undefined || schema.anyOf !== undefined) {
    if (value === null || typeof value !== "object") return value;
    const branch = chooseBranch(schema, value);
    return branch === undefined ? value : strip(branch, value, depth + 1);
  }
  if (Array.isArray(value)) {
    const items = schema.items as SpecSchema | undefined;
    return isRecord(items) ? value.map((item) => strip(items, item, depth + 1)) : value;
  }
  if (!isRecord(value)) return value;
  const properties = schema.properties as Record<string, SpecSchema> | undefined;
  if (!isRecord(properties)) return value;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    const known = Object.hasOwn(properties, key);
    if (field === null && known && !required.has(key)) continue;
    // defineProperty keeps a `__proto__` key a plain field, as JSON.parse made it.
    Object.defineProperty(kept, key, {
      value: known ? strip(properties[key]!, field, depth + 1) : field,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return kept;
}

/**
 * Returns a copy of a request in which every optional field sent as `null` is absent, at every level
 * the spec's schema `name` describes (free-form objects are left as sent). Call it on a request the
 * validator accepted.
 *
 * @example dropNullFields("CreateMaestroRunRequest", { input: "Hi", budget: null }) // { input: "Hi" }
 */
export function dropNullFields<T>(name: string, request: T): WithoutNullFields<T> {
  return strip(readSpecSchema(name), request, 0) as WithoutNullFields<T>;
}
