// The environment of a user's shell, for commands run as a user runs them from an installed package:
// nothing of this repository (its bin folders left off PATH), of npm's script runner or of vitest.
import { delimiter, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** `process.env` without npm's, vitest's, maestro-eval's and AI21's variables, plus `extra`. */
export function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|MAESTRO_EVAL_|AI21_)/i.test(key)) continue;
    if (["NODE_OPTIONS", "NODE_ENV", "TEST", "INIT_CWD", "FORCE_TTY"].includes(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => !dir.startsWith(repoRoot))
    .join(delimiter);
  return { ...env, ...extra };
}
