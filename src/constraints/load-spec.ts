import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A JSON Schema object as the spec writes it (OpenAPI 3.1 dialect, `x-` extensions included). */
export type SpecSchema = Readonly<Record<string, unknown>>;

/** The parsed `openapi/maestro.yaml`, deeply frozen. */
export interface SpecDocument {
  readonly openapi: string;
  readonly components: { readonly schemas: Readonly<Record<string, SpecSchema>> };
  readonly [key: string]: unknown;
}

// Relative to this module, so that it resolves from src/constraints and from dist/constraints alike.
const SPEC_URL = new URL("../../openapi/maestro.yaml", import.meta.url);
/**
 * The spec as JSON, written beside the compiled modules by `npm run build` (dist/openapi-spec.json): read
 * in a few milliseconds where parsing the YAML takes about 0.2 s, in every process that validates. Absent
 * when running from the sources, which read the YAML.
 */
const SPEC_JSON_URL = new URL("../openapi-spec.json", import.meta.url);

let cached: SpecDocument | undefined;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Reads and parses the spec once; later calls return the same frozen document. */
export function loadSpec(): SpecDocument {
  if (cached) return cached;
  const document = readSpecDocument();
  const schemas = (document as { components?: { schemas?: unknown } } | null)?.components?.schemas;
  if (typeof schemas !== "object" || schemas === null) {
    throw new Error(`loadSpec: ${SPEC_URL.pathname} has no components.schemas`);
  }
  cached = deepFreeze(document as SpecDocument);
  return cached;
}

function readSpecDocument(): unknown {
  if (existsSync(SPEC_JSON_URL)) return JSON.parse(readFileSync(SPEC_JSON_URL, "utf8")) as unknown;
  let text: string;
  try {
    text = readFileSync(SPEC_URL, "utf8");
  } catch (cause) {
    throw new Error(`loadSpec: cannot read the spec at ${SPEC_URL.pathname}`, { cause });
  }
  // Loaded only here: most processes read the JSON and never need a YAML parser.
  const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return parse(text) as unknown;
}

/** The names of the spec's component schemas, in the spec's order. */
export function listSpecSchemaNames(): string[] {
  return Object.keys(loadSpec().components.schemas);
}

/** One component schema exactly as the spec writes it; throws a TypeError for an unknown name. */
export function readSpecSchema(name: string): SpecSchema {
  const schemas = loadSpec().components.schemas;
  if (typeof name !== "string" || !Object.hasOwn(schemas, name)) {
    throw new TypeError(
      `readSpecSchema: unknown schema ${JSON.stringify(String(name))}; the spec has ${Object.keys(schemas).join(", ")}`,
    );
  }
  return schemas[name]!;
}

/** Resolves a local `$ref` such as `#/components/schemas/Budget` to the schema it names. */
export function resolveSpecRef(ref: string): SpecSchema | undefined {
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) return undefined;
  const schemas = loadSpec().components.schemas;
  const name = ref.slice(prefix.length);
  return Object.hasOwn(schemas, name) ? schemas[name] : undefined;
}

/**
 * The defaults of a component schema's properties: `x-maestro-default` where the spec writes it, and
 * the `default` of a referenced component (such as Budget's `low`) otherwise.
 *
 * @example readSpecDefaults("CreateMaestroRunRequest").budget // "low"
 */
export function readSpecDefaults(name: string): Record<string, unknown> {
  const schema = readSpecSchema(name);
  const defaults: Record<string, unknown> = {};
  const properties = schema.properties;
  if (typeof properties !== "object" || properties === null) return defaults;
  for (const [key, raw] of Object.entries(properties as Record<string, SpecSchema>)) {
    if (Object.hasOwn(raw, "x-maestro-default")) {
      defaults[key] = raw["x-maestro-default"];
      continue;
    }
    // A nullable reference is written `oneOf: [{$ref}, {type: "null"}]`.
    const branches = Array.isArray(raw.oneOf) ? (raw.oneOf as SpecSchema[]) : [raw];
    const ref = branches.find((branch) => typeof branch.$ref === "string")?.$ref;
    const target = typeof ref === "string" ? resolveSpecRef(ref) : undefined;
    if (target && Object.hasOwn(target, "default")) defaults[key] = target.default;
  }
  return defaults;
}
