// commander, required (its CommonJS build, synchronously) rather than imported: Node's import of a
// CommonJS package first reads its source for the names it exports, and for commander that took about
// 22 ms where requiring it takes 12, on the way to every command, a run's first worker included.
import { createRequire } from "node:module";

type Commander = typeof import("commander");

const commander = createRequire(import.meta.url)("commander") as Commander;

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
export type Command = import("commander").Command;
export type CommanderError = import("commander").CommanderError;
export type InvalidArgumentError = import("commander").InvalidArgumentError;
export type Option = import("commander").Option;
