import { Command, CommanderError } from "./commander.js";
import { EXIT } from "./exit-codes.js";
import type { RegisterCommand } from "./register-command.js";

/**
 * Each subcommand's module, in the order the help lists them. A run loads only the module of the command it
 * names (the help, a typo or no command load them all): `maestro-eval run` does not compile the local
 * server, the verifiers or the report validator before it starts vitest; the run loads what it needs later.
 */
const COMMANDS: ReadonlyArray<{ names: readonly string[]; load: () => Promise<RegisterCommand[]> }> = [
  { names: ["run"], load: async () => [(await import("./commands/run.js")).registerRun] },
  {
    names: ["gate", "bless", "compare", "merge"],
    load: async () => {
      const gate = await import("./commands/gate.js");
      return [gate.registerGate, gate.registerBless, gate.registerCompare, gate.registerMerge];
    },
  },
  { names: ["serve"], load: async () => [(await import("./commands/serve.js")).registerServe] },
  { names: ["validate"], load: async () => [(await import("./commands/validate.js")).registerValidate] },
  { names: ["verify"], load: async () => [(await import("./commands/verify.js")).registerVerify] },
  { names: ["lint"], load: async () => [(await import("./commands/lint.js")).registerLint] },
  { names: ["history"], load: async () => [(await import("./commands/history.js")).registerHistory] },
];

/**
 * Builds the `maestro-eval` command: with only the subcommand `argv` names when it names one, otherwise with
 * every subcommand registered.
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command("maestro-eval")
    .description("Test LLM output against natural-language requirements, the way AI21 Maestro scores them.")
    .showHelpAfterError()
    .exitOverride();
  const named = argv.find((arg) => !arg.startsWith("-"));
  const only = COMMANDS.find((command) => named !== undefined && command.names.includes(named));
  for (const command of only === undefined ? COMMANDS : [only])
    for (const register of await command.load()) register(program);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = await createProgram(argv);
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
