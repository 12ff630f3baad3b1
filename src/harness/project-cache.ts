// What the harness keeps between runs in the project's own cache, node_modules/.cache/maestro-eval, where
// tools keep what can be rebuilt: what polling learned of run durations (poll-history.ts) and the
// requirement descriptions the verifiers parsed (verifiers/parse-memory.ts). Deleting it costs the next
// run its head start and nothing else; MAESTRO_EVAL_CACHE=off keeps nothing.
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The project's cache folder for maestro-eval; undefined when the project has no node_modules or the cache is off. */
export function projectCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MAESTRO_EVAL_CACHE?.trim().toLowerCase() === "off") return undefined;
  const modules = join(root, "node_modules");
  if (!existsSync(modules)) return undefined;
  return join(modules, ".cache", "maestro-eval");
}

/** Where the parsed requirement descriptions are kept between runs; undefined: not kept. */
export function parseMemoryPlace(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = projectCacheDir(root, env);
  return dir === undefined ? undefined : join(dir, "parsed-requirements.json");
}
