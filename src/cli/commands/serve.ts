import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { MaestroConfigurationError } from "../../errors/index.js";
import { createOpenAiGenerator, parseFaultOptions, startLocalServer } from "../../local/index.js";
import { Option } from "../commander.js";
import { EXIT } from "../exit-codes.js";
import { parseNumber } from "../parse-options.js";
import type { RegisterCommand } from "../register-command.js";

/** `maestro-eval serve`: starts the embedded local server and keeps it running until interrupted. */
export const registerServe: RegisterCommand = (program) => {
  program
    .command("serve")
    .description("Start the embedded Maestro-compatible server on 127.0.0.1 and print its URL.")
    .option("--port <port>", "port to listen on (0 picks a free one)", parseNumber("--port", 0, 65535), 4010)
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option(
      "--seed <seed>",
      "seed of the simulated models and the faults",
      parseNumber("--seed", 0, Number.MAX_SAFE_INTEGER),
      0,
    )
    .option(
      "--time-scale <factor>",
      "simulated time per real time (0 answers at once)",
      parseNumber("--time-scale", 0, 1000),
      1,
    )
    .option(
      "--token <token>",
      "require this bearer token on every request (better: MAESTRO_EVAL_SERVER_TOKEN, which ps does not show)",
    )
    .option(
      "--allowed-host <name>",
      "a host name clients may call it by besides localhost and the bound address (repeatable)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--faults <file>", "fault injection configuration (JSON or YAML)")
    .option("--max-runs <count>", "runs kept in memory", parseNumber("--max-runs", 1, 10_000_000))
    .option(
      "--max-run-bytes <bytes>",
      "bytes of runs kept in memory, as JSON (default 256 MiB)",
      parseNumber("--max-run-bytes", 1, Number.MAX_SAFE_INTEGER),
    )
    .addOption(
      new Option("--generator <kind>", "who writes the outputs").choices(["sim", "openai"]).default("sim"),
    )
    .action(async (options: ServeOptions) => {
      let faults: ReturnType<typeof parseFaultOptions> | undefined;
      try {
        faults = options.faults === undefined ? undefined : readFaults(options.faults);
      } catch (error) {
        console.error(`maestro-eval serve: ${(error as Error).message}`);
        process.exitCode = EXIT.usage;
        return;
      }
      const token = options.token ?? nonEmpty(process.env.MAESTRO_EVAL_SERVER_TOKEN);
      let server: Awaited<ReturnType<typeof startLocalServer>>;
      try {
        server = await startLocalServer({
          port: options.port,
          host: options.host,
          seed: options.seed,
          timeScale: options.timeScale,
          ...(token === undefined ? {} : { token }),
          ...(options.allowedHost === undefined ? {} : { allowedHosts: options.allowedHost }),
          ...(faults === undefined ? {} : { faults }),
          ...(options.maxRuns === undefined ? {} : { maxRuns: options.maxRuns }),
          ...(options.maxRunBytes === undefined ? {} : { maxRunBytes: Math.floor(options.maxRunBytes) }),
          ...(options.generator === "openai" ? { generator: createOpenAiGenerator() } : {}),
        });
      } catch (error) {
        if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
        console.error(`maestro-eval serve: ${error.message.replace(/^startLocalServer: /, "")}`);
        process.exitCode = EXIT.usage;
        return;
      }
      console.log(`maestro-eval local server listening on ${server.url}`);
      console.log(
        `  generator: ${options.generator}${options.generator === "sim" ? " (simulated models)" : ""}, time scale ${options.timeScale}, seed ${options.seed}`,
      );
      // AI21's SDKs read these variables as the whole base, /studio/v1 included (their default is
      // https://api.ai21.com/studio/v1); maestro-eval's own client takes either form.
      const studioBase = `${server.url}/studio/v1`;
      console.log("  point AI21's SDKs (and maestro-eval's client) at it:");
      console.log(`    AI21_API_HOST=${studioBase}   # Python SDK (ai21 on PyPI), maestro-eval`);
      console.log(`    AI21_BASE_URL=${studioBase}   # TypeScript SDK (ai21 on npm)`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
    });
};

interface ServeOptions {
  port: number;
  host: string;
  seed: number;
  timeScale: number;
  token?: string;
  allowedHost?: string[];
  faults?: string;
  maxRuns?: number;
  maxRunBytes?: number;
  generator: "sim" | "openai";
}

function readFaults(file: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new MaestroConfigurationError(
      `cannot read --faults file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = loadYaml().parse(text);
  } catch (error) {
    throw new MaestroConfigurationError(
      `${file} is not valid JSON or YAML: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  return parseFaultOptions(value, file);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The YAML parser, loaded at its first use (about 23 ms that a process which reads no YAML need not pay). */
function loadYaml(): typeof import("yaml") {
  return createRequire(import.meta.url)("yaml") as typeof import("yaml");
}
