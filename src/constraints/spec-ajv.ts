import type { Ajv2020, Options } from "ajv/dist/2020.js";
import { loadSpec } from "./load-spec.js";
import { prepareSpecSchemas } from "./prepare-spec-schemas.js";
import { createAjv2020 } from "./require-ajv.js";
import { SPEC_KEYWORD_DEFINITIONS } from "./spec-keywords.js";

const SPEC_ID = "maestro.yaml";

/** The reference ajv knows a component schema by. */
export function specSchemaRef(name: string): string {
  return `${SPEC_ID}#/components/schemas/${name}`;
}

/**
 * An ajv holding the spec's component schemas with its keywords, as every validator of the spec is
 * compiled; `code` settings are added for the validators compiled ahead of time (spec-validators.ts).
 */
export function createSpecAjv(code?: Options["code"]): Ajv2020 {
  const ajv = createAjv2020({
    allErrors: true,
    verbose: true,
    discriminator: true,
    // OpenAPI keywords (example, deprecated, discriminator's siblings, x-*) are annotations here.
    strict: false,
    strictNumbers: true,
    ownProperties: true,
    messages: false,
    // The spec's schemas are not checked against JSON Schema's meta-schema in every process that loads
    // them (a third of the compile, about 40 ms): they are checked once, by a test
    // (test/unit/constraints/compile-spec-schema.test.ts).
    validateSchema: false,
    ...(code === undefined ? {} : { code }),
  });
  for (const keyword of SPEC_KEYWORD_DEFINITIONS) ajv.addKeyword(keyword);

  const { schemas } = prepareSpecSchemas(loadSpec().components.schemas);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
  return ajv;
}
