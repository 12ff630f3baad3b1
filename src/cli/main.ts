import { setFlagsFromString } from "node:v8";
import { SUITE_NODE_FLAGS } from "../harness/define-maestro-config.js";
import { runCli } from "./program.js";

// The flags the suites' processes get (regular expressions compiled once, to machine code; the heap grown
// by half), in this one too: it runs the local server, reads every requirement the reports lint, and
// holds every cell's result until the reports are written.
for (const flag of SUITE_NODE_FLAGS) setFlagsFromString(flag);

process.exitCode = await runCli(process.argv.slice(2));
