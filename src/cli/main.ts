import { runCli } from "./program.js";

// No V8 flags are changed here at run time (v8.setFlagsFromString is documented as unsafe once code has
// run): setting the suites' flags (SUITE_NODE_FLAGS) in this process crashed it with SIGSEGV in about 1
// start in 50 under load once most of its modules were loaded after them (lazily). The suites' workers
// get the flags on their command line, where they are safe.
process.exitCode = await runCli(process.argv.slice(2));
