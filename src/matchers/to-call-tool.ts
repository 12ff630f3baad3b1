import type { MatcherState } from "vitest";
import { evaluateCheck } from "./evaluate-check.js";
import { describeArgument } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { isPlainObject, listSome, matchesPartially, readDataSources } from "./read-data-sources.js";
import { readOptionsObject } from "./read-options.js";
import type { CallToolOptions } from "./types.js";

/**
 * Asserts that the run called the http or mcp tool `name` (recorded in `data_sources.tool_calls`,
 * failed calls included), with parameters containing `withParameters` when given (nested objects
 * compared by their given keys, everything else exactly). The calls the run made follow the message,
 * and why calls of this tool failed, when they did. A run without `data_sources` fails, `.not` or
 * not.
 *
 * @example
 * expect(run).toCallTool("order_status", { withParameters: { order_id: "A-1042" } });
 * // expected run to call tool "order_status" with parameters {"order_id":"A-1042"}, got refund_policy({}) success (jamba-mini/low #0, run 3f1c9a2b…)
 */
export function toCallTool(
  this: MatcherState,
  received: unknown,
  name: string,
  options?: CallToolOptions,
): MaestroMatcherResult {
  if (typeof name !== "string" || name.length === 0) {
    throw new TypeError(`toCallTool: name must be a non-empty string, got ${describeArgument(name)}`);
  }
  const { aggregate, withParameters } = readOptionsObject("toCallTool", options);
  if (withParameters !== undefined && !isPlainObject(withParameters)) {
    throw new TypeError(
      `toCallTool: withParameters must be an object, got ${describeArgument(withParameters)}`,
    );
  }
  const wanted = withParameters === undefined ? "" : ` with parameters ${JSON.stringify(withParameters)}`;
  return evaluateCheck(this.isNot, received, {
    matcher: "toCallTool",
    subject: "run",
    goal: `to call tool "${name}"${wanted}`,
    threshold: null,
    aggregate,
    check: ({ run }) => {
      const read = readDataSources(run);
      if (!read.ok) return read;
      const calls = read.dataSources.tool_calls ?? [];
      const matching = calls.filter(
        (call) =>
          call.tool_name === name &&
          (withParameters === undefined || matchesPartially(call.parameters, withParameters)),
      );
      // Why calls of this tool failed, so that a refused or timed-out call explains itself.
      const failures = calls
        .filter((call) => call.tool_name === name && call.status === "failure")
        .map((call) =>
          typeof call.response.error === "string" ? call.response.error : JSON.stringify(call.response),
        );
      return {
        ok: true,
        pass: matching.length > 0,
        detail: failures.length === 0 ? undefined : `"${name}" failed: ${listSome(failures, 2)}`,
        seen:
          calls.length === 0
            ? "no tool calls"
            : listSome(
                calls.map((call) => `${call.tool_name}(${JSON.stringify(call.parameters)}) ${call.status}`),
              ),
        value: matching.length,
        actual: calls.map((call) => ({ tool_name: call.tool_name, parameters: call.parameters })),
        expected: {
          tool_name: name,
          ...(withParameters === undefined ? {} : { parameters: withParameters }),
        },
      };
    },
  });
}
