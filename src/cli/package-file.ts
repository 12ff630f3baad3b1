import { createRequire } from "node:module";

/**
 * The path of one of the package's own exported files (`package.json`, `schemas/…`), found through the
 * package's name, so that it holds wherever the code asking sits: in src/ under tsx, or in the bundled
 * dist/bundle/ of the installed package.
 *
 * @example packageFilePath("schemas/eval-report.schema.json")
 */
export function packageFilePath(subpath: string): string {
  return createRequire(import.meta.url).resolve(`maestro-eval/${subpath}`);
}
