/**
 * vitest's Node API, loaded by the commands that start vitest (`run`, `lint`) when they do: about 0.35 s
 * that the others (`gate`, `compare`, `validate`, `verify`, …) need not spend.
 */
export function loadVitestNode(): Promise<typeof import("vitest/node")> {
  return import("vitest/node");
}
