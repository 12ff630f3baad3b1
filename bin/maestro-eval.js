#!/usr/bin/env node
// The installed package runs the compiled CLI in dist/. In this repository (which has src/; the package
// ships none) it runs dist/ when that was built from the sources as they are now (dist/build-id is the id
// scripts/build-id.mjs computes of them: a one-suite run takes about 2 s instead of 8), and otherwise the
// TypeScript sources through tsx, so no build is needed and none goes stale.
// MAESTRO_EVAL_FROM=dist runs the compiled CLI whatever its sources (the repository's own tests build dist/
// once and use it); MAESTRO_EVAL_FROM=src runs the sources whatever dist/ holds.
import { existsSync, readFileSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath } from "node:url";

const sources = new URL("../src/cli/main.ts", import.meta.url);
const from = process.env.MAESTRO_EVAL_FROM?.trim() || undefined;
if (from !== undefined && from !== "dist" && from !== "src") {
  // A usage error (exit 3), before anything runs: a misspelt value would otherwise pick a path silently.
  console.error(
    `maestro-eval: MAESTRO_EVAL_FROM must be "dist" or "src" (or unset), got ${JSON.stringify(from)}`,
  );
  process.exit(3);
}
if (existsSync(sources) && from !== "dist" && (from === "src" || !(await builtFromTheseSources()))) {
  // The package's exports name the sources under this condition, so that the repository's own
  // `maestro-eval` imports (its maestro-eval.config.ts) load src/ and not a dist/ that may be missing.
  const addSourceCondition = `export function resolve(specifier, context, next) {
    return next(specifier, { ...context, conditions: [...context.conditions, "maestro-eval-source"] });
  }`;
  register(`data:text/javascript,${encodeURIComponent(addSourceCondition)}`);
  const tsx = await import("tsx/esm/api");
  tsx.register();
  await import(sources.href);
} else {
  await import("../dist/bundle/cli.js");
}

/** Whether dist/ holds a build of this repository's files as they are now. */
async function builtFromTheseSources() {
  const built = new URL("../dist/build-id", import.meta.url);
  if (!existsSync(built) || !existsSync(new URL("../dist/bundle/cli.js", import.meta.url))) return false;
  try {
    const { buildId } = await import("../scripts/build-id.mjs");
    return readFileSync(built, "utf8").trim() === buildId(fileURLToPath(new URL("..", import.meta.url)));
  } catch {
    // A file that cannot be read now: the sources, which report what is wrong where it is.
    return false;
  }
}
