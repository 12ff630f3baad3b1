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
