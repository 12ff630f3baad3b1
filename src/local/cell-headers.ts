// The headers the harness sends with each cell's calls and the local server reads: in a module of their
// own, so that a worker that only sends them does not load the server.

/** A cell's repeat: the local server answers each repeat afresh. */
export const REPEAT_HEADER = "x-maestro-eval-repeat";

/** A cell's key, hashed: the local server counts a cell sent twice, and never two cells with one request. */
export const CELL_HEADER = "x-maestro-eval-cell";
