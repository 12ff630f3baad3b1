import { setFlagsFromString } from "node:v8";
import { SUITE_NODE_FLAGS } from "../harness/define-maestro-config.js";
import { runCli } from "./program.js";

// The flags the suites' processes get (regular expressions compiled once, to machine code), in this one
// too: it runs the local server and reads every requirement the reports lint.
for (const flag of SUITE_NODE_FLAGS) setFlagsFromString(flag);

process.exitCode = await runCli(process.argv.slice(2));
