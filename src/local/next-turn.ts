// Turns of the event loop for the local server's long work. Each piece of work waits for its turn in
// one queue, and one piece runs per turn: between two pieces the loop always goes back to its I/O, so
// a small request waits for at most one piece, however many large runs are in flight. (Plain
// `setImmediate` would run every waiting piece in the same turn: four runs' pieces back to back.)

const queue: (() => void)[] = [];
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const next = queue.shift();
    if (queue.length > 0) schedule();
    next?.();
  });
}

/** Resolves on a later turn of the event loop, after the work that asked before it, one per turn. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    queue.push(resolve);
    schedule();
  });
}
