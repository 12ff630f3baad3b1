// Turns of the event loop for the local server's long work. Each piece of work waits for its turn in
// one queue, and one piece runs per turn: between two pieces the loop always goes back to its I/O, so
// a small request waits for at most one piece, however many large runs are in flight. (Plain
// `setImmediate` would run every waiting piece in the same turn: four runs' pieces back to back.)

// A queue read from `head`, compacted now and then: Array#shift copies the whole array, which under a
// flood of creates (tens of thousands waiting) costs more than the work itself.
let queue: (() => void)[] = [];
let head = 0;
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const next = queue[head];
    queue[head] = undefined as unknown as () => void;
    head += 1;
    if (head >= 1024 && head * 2 >= queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    if (head < queue.length) schedule();
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
