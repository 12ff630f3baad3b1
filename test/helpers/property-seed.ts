// The seed of the run's randomised tests: MAESTRO_EVAL_SEED when set (`.ci/run` sets it from the commit, so
// that a CI run can be repeated exactly), otherwise a new one each run. Loaded before every test file
// (vitest's setupFiles): every fast-check property of the run takes it, and prints it with the path that
// replays a failure; the local server's fuzz seeds its requests with it.
import * as fc from "fast-check";

/** MAESTRO_EVAL_SEED, read as a whole number; undefined when it is not set. */
export function readPropertySeed(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.MAESTRO_EVAL_SEED?.trim();
  if (raw === undefined || raw === "") return undefined;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`MAESTRO_EVAL_SEED must be a whole number, got ${JSON.stringify(raw)}`);
  }
  return seed;
}

const seed = readPropertySeed();
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
