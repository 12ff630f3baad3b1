#!/usr/bin/env node
// The installed package runs the compiled CLI in dist/. In this repository (which has src/; the package
// ships none) it runs the TypeScript sources through tsx instead, so no build is needed and none goes stale.
// MAESTRO_EVAL_FROM=dist runs the compiled CLI here too: the repository's own tests build dist/ once and
// use it, since a CLI run from the sources transforms every module again in each process it starts.
import { existsSync } from "node:fs";
import { register } from "node:module";

const sources = new URL("../src/cli/main.ts", import.meta.url);
if (existsSync(sources) && process.env.MAESTRO_EVAL_FROM !== "dist") {
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
