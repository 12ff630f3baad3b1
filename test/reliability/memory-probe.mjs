// Preloaded into a `maestro-eval serve` child by the soak (`node --expose-gc --import <this>`): on
// SIGUSR2 it collects garbage and prints the process's memory on one stdout line, so that the soak can
// tell memory still in use from memory the heap merely kept.
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  process.stdout.write(`memory-probe ${JSON.stringify(process.memoryUsage())}\n`);
});
