import * as fc from "fast-check";
import type { CreateRunRequest, MaestroTool, Requirement } from "../domain/index.js";
import { INCLUDE_FIELDS, RESPONSE_LANGUAGES } from "../domain/index.js";
import { budget } from "./budget.js";
import { fakerValue, readConstraints, writeInstruction } from "./faker-value.js";
import { messages } from "./messages.js";
import { requirements } from "./requirements.js";
import { tools } from "./tool.js";

/** Models AI21 documents for Maestro runs. */
const RUN_MODELS = [
  "jamba-large",
  "jamba-mini",
  "gpt-4.1",
  "gpt-4.1-mini",
  "claude-4-sonnet",
  "gemini-2.5-flash",
];

/** Options of {@link runRequest}. */
export interface RunRequestConstraints {
  /** The input's form: an instruction string, turns, or either (default). */
  input?: "string" | "messages" | "either";
  /** Whether requirements may appear (default true). */
  withRequirements?: boolean;
  /** Whether tools may appear (default true). */
  withTools?: boolean;
  /** Whether the optional fields (budget, include, models, response_language, system_prompt) may appear (default true). */
  withOptionalFields?: boolean;
}

/**
 * A valid, warning-free Maestro run request with realistic text. Requirements and tools never come
 * together, since AI21 documents that requirements work only without tools.
 *
 * @example fc.assert(fc.property(runRequest(), (request) => validateRunRequest(request).length === 0))
 */
export function runRequest(constraints?: RunRequestConstraints): fc.Arbitrary<CreateRunRequest> {
  const options = readConstraints("runRequest", constraints);
  const form = options.input ?? "either";
  if (form !== "string" && form !== "messages" && form !== "either") {
    throw new TypeError(`runRequest: input must be "string", "messages" or "either", got ${String(form)}`);
  }
  const instruction = fakerValue(writeInstruction);
  const input =
    form === "string" ? instruction : form === "messages" ? messages() : fc.oneof(instruction, messages());

  type Extras = { requirements?: Requirement[]; tools?: MaestroTool[] };
  const extras: fc.Arbitrary<Extras>[] = [fc.constant({})];
  if (options.withRequirements !== false) {
    extras.push(requirements({ minLength: 1 }).map((list) => ({ requirements: list })));
  }
  if (options.withTools !== false) extras.push(tools({ minLength: 1 }).map((list) => ({ tools: list })));

  const optional =
    options.withOptionalFields === false
      ? fc.constant({})
      : fc.record(
          {
            budget: budget(),
            include: fc.subarray([...INCLUDE_FIELDS]),
            models: fc.constantFrom(...RUN_MODELS).map((model) => [model]),
            response_language: fc.constantFrom(...RESPONSE_LANGUAGES),
            system_prompt: fakerValue(
              (f) => `You are a ${f.word.adjective()} assistant for ${f.company.name()}.`,
            ),
          },
          { requiredKeys: [] },
        );

  return fc
    .tuple(input, fc.oneof(...extras), optional)
    .map(([value, extra, rest]): CreateRunRequest => ({ input: value, ...extra, ...rest }));
}
