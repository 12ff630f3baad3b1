import { createRequire } from "node:module";
import type { Ajv2020, Options } from "ajv/dist/2020.js";

/**
 * A new ajv for JSON Schema 2020-12 with ajv-formats added, ajv loaded at the first call: its code takes
 * about 55 ms to load, which a process that never validates (the CLI's, before its workers start) need
 * not pay. ajv is CommonJS, so it is required, synchronously.
 */
export function createAjv2020(options: Options): Ajv2020 {
  const require = createRequire(import.meta.url);
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const addFormats = require("ajv-formats") as typeof import("ajv-formats");
  const ajv = new Ajv(options);
  addFormats.default(ajv);
  return ajv;
}

/**
 * The `code` options that let ajv write standalone code (validators compiled ahead of time, as CommonJS
 * whose formats come from ajv-formats): give them to {@link createAjv2020}, then {@link ajvStandaloneCode}.
 */
export function standaloneCodeOptions(): NonNullable<Options["code"]> {
  const { _ } = createRequire(import.meta.url)("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  return { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` };
}

/**
 * ajv's standalone code for the validators `refs` names (export name to schema reference): CommonJS that
 * sets `exports[name]`, requiring only ajv's small run-time helpers and ajv-formats' formats.
 */
export function ajvStandaloneCode(ajv: Ajv2020, refs: Readonly<Record<string, string>>): string {
  const standaloneCode = (
    createRequire(import.meta.url)(
      "ajv/dist/standalone/index.js",
    ) as typeof import("ajv/dist/standalone/index.js")
  ).default;
  return standaloneCode(ajv, { ...refs });
}
