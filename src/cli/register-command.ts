import type { Command } from "./commander.js";

/**
 * Each command file exports a function that adds itself to the program. Kept apart from program.ts,
 * which imports every command, so that the commands do not import program.ts back.
 */
export type RegisterCommand = (program: Command) => void;
