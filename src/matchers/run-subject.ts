// The run a matcher looks at. Its own file because both reading runs (read-runs.ts) and labelling them
// in messages (format.ts) need it, and read-runs.ts already takes its wording from format.ts.
import type { CellRun, MaestroRun } from "../domain/index.js";

/** One run a matcher looks at, with its cell when it came as a {@link CellRun}. */
export interface RunSubject {
  run: MaestroRun;
  /** Absent for a bare MaestroRun, which has nowhere to record assertions. */
  cellRun: CellRun | undefined;
}
