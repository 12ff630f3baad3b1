import { Command, CommanderError } from "commander";
import { registerBless, registerCompare, registerGate, registerMerge } from "./commands/gate.js";
import { registerHistory } from "./commands/history.js";
import { registerLint } from "./commands/lint.js";
import { registerRun } from "./commands/run.js";
import { registerServe } from "./commands/serve.js";
import { registerValidate } from "./commands/validate.js";
import { registerVerify } from "./commands/verify.js";
import { EXIT } from "./exit-codes.js";
import type { RegisterCommand } from "./register-command.js";

/** Builds the `maestro-eval` command with every subcommand registered. */
export function createProgram(): Command {
  const program = new Command("maestro-eval")
    .description("Test LLM output against natural-language requirements, the way AI21 Maestro scores them.")
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

const commands: RegisterCommand[] = [
  registerRun,
  registerGate,
  registerBless,
  registerCompare,
  registerMerge,
  registerServe,
  registerValidate,
  registerVerify,
  registerLint,
  registerHistory,
];

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
      if (error.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    throw error;
  }
}
