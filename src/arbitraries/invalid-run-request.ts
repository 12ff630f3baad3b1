import * as fc from "fast-check";
import type { CreateRunRequest } from "../domain/index.js";
import { fakerSeed, withFaker, writeWords } from "./faker-value.js";
import {
  breakRequest,
  copyRequest,
  type InvalidRequest,
  type InvalidRequestConstraints,
  type Mutation,
  on,
  readList,
  selectMutations,
} from "./invalid-request.js";
import { TOOL_MUTATIONS } from "./invalid-tool-mutations.js";
import { requirement } from "./requirement.js";
import { makeNamesUnique, requirements } from "./requirements.js";
import { runRequest } from "./run-request.js";

const plain = runRequest({ withRequirements: false, withTools: false });
const withTurns = runRequest({ input: "messages", withRequirements: false, withTools: false });
const withRequirements = fc
  .tuple(plain, requirements({ minLength: 1, maxWords: 40 }))
  .map(([request, list]): CreateRunRequest => ({ ...request, requirements: list }));
const withTwoRequirements = fc
  .tuple(plain, requirements({ minLength: 2, maxWords: 40 }))
  .map(([request, list]): CreateRunRequest => ({ ...request, requirements: list }));

const mutations: Mutation[] = [
  {
    rule: "body.type",
    arbitrary: on([[], "Write a haiku", 42, null, true]).map((body) =>
      breakRequest("body.type", body, [], "type_error.dict"),
    ),
  },
  {
    rule: "input.missing",
    arbitrary: runRequest().map((base) => {
      const request = copyRequest(base);
      delete request.input;
      return breakRequest("input.missing", request, ["input"], "value_error.missing");
    }),
  },
  {
    rule: "input.type",
    arbitrary: fc
      .tuple(runRequest(), on([42, true, null, { text: "hi" }]))
      .map(([base, input]) =>
        breakRequest("input.type", { ...copyRequest(base), input }, ["input"], "type_error.union"),
      ),
  },
  {
    rule: "input.empty-string",
    arbitrary: runRequest().map((base) =>
      breakRequest(
        "input.empty-string",
        { ...copyRequest(base), input: "" },
        ["input"],
        "value_error.any_str.min_length",
      ),
    ),
  },
  {
    rule: "input.empty-list",
    arbitrary: runRequest().map((base) =>
      breakRequest(
        "input.empty-list",
        { ...copyRequest(base), input: [] },
        ["input"],
        "value_error.list.min_items",
      ),
    ),
  },
  {
    rule: "input.turn-content-empty",
    arbitrary: fc.tuple(withTurns, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const turns = readList(request, "input");
      const index = k % turns.length;
      turns[index]!.content = "";
      return breakRequest(
        "input.turn-content-empty",
        request,
        ["input", index, "content"],
        "value_error.any_str.min_length",
      );
    }),
  },
  {
    rule: "input.turn-content-missing",
    arbitrary: fc.tuple(withTurns, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const turns = readList(request, "input");
      const index = k % turns.length;
      delete turns[index]!.content;
      return breakRequest(
        "input.turn-content-missing",
        request,
        ["input", index, "content"],
        "value_error.missing",
      );
    }),
  },
  {
    rule: "input.turn-role",
    arbitrary: fc
      .tuple(withTurns, fc.nat(), on(["system", "tool", "bot", "User", ""]))
      .map(([base, k, role]) => {
        const request = copyRequest(base);
        const turns = readList(request, "input");
        const index = k % turns.length;
        turns[index]!.role = role;
        return breakRequest("input.turn-role", request, ["input", index, "role"], "type_error.enum");
      }),
  },
  {
    rule: "messages.alternating-user-assistant",
    arbitrary: fc.tuple(withTurns, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const turns = readList(request, "input");
      const index = k % turns.length;
      turns.splice(index + 1, 0, { ...turns[index]! });
      return breakRequest(
        "messages.alternating-user-assistant",
        request,
        ["input", index + 1, "role"],
        "value_error.messages.alternation",
      );
    }),
  },
  {
    rule: "messages.first-turn-user",
    arbitrary: withTurns.map((base) => {
      const request = copyRequest(base);
      readList(request, "input").unshift({ role: "assistant", content: "How can I help?" });
      return breakRequest(
        "messages.first-turn-user",
        request,
        ["input", 0, "role"],
        "value_error.messages.first_turn",
      );
    }),
  },
  {
    rule: "messages.last-turn-user",
    arbitrary: withTurns.map((base) => {
      const request = copyRequest(base);
      const turns = readList(request, "input");
      turns.push({ role: "assistant", content: "Anything else?" });
      return breakRequest(
        "messages.last-turn-user",
        request,
        ["input", turns.length - 1, "role"],
        "value_error.messages.last_turn",
      );
    }),
  },
  {
    rule: "requirements.type",
    arbitrary: fc
      .tuple(plain, on(["tone", { name: "tone", description: "Be kind" }, 3]))
      .map(([base, value]) =>
        breakRequest(
          "requirements.type",
          { ...copyRequest(base), requirements: value },
          ["requirements"],
          "type_error.list",
        ),
      ),
  },
  {
    rule: "requirements.max-items",
    arbitrary: fc
      .tuple(plain, fc.array(requirement({ maxWords: 20 }), { minLength: 11, maxLength: 14 }))
      .map(([base, list]) =>
        breakRequest(
          "requirements.max-items",
          { ...copyRequest(base), requirements: makeNamesUnique(list) },
          ["requirements"],
          "value_error.list.max_items",
        ),
      ),
  },
  {
    rule: "requirements.unique-names",
    arbitrary: fc.tuple(withTwoRequirements, fc.nat(), fc.nat()).map(([base, a, b]) => {
      const request = copyRequest(base);
      const list = readList(request, "requirements");
      const later = 1 + (a % (list.length - 1));
      const earlier = b % later;
      list[later]!.name = list[earlier]!.name;
      return breakRequest(
        "requirements.unique-names",
        request,
        ["requirements", later, "name"],
        "value_error.duplicate_name",
      );
    }),
  },
  ...(["name", "description"] as const).flatMap((field): Mutation[] => [
    {
      rule: `requirements.${field}-empty`,
      arbitrary: fc.tuple(withRequirements, fc.nat()).map(([base, k]) => {
        const request = copyRequest(base);
        const list = readList(request, "requirements");
        const index = k % list.length;
        list[index]![field] = "";
        return breakRequest(
          `requirements.${field}-empty`,
          request,
          ["requirements", index, field],
          "value_error.any_str.min_length",
        );
      }),
    },
    {
      rule: `requirements.${field}-missing`,
      arbitrary: fc.tuple(withRequirements, fc.nat()).map(([base, k]) => {
        const request = copyRequest(base);
        const list = readList(request, "requirements");
        const index = k % list.length;
        delete list[index]![field];
        return breakRequest(
          `requirements.${field}-missing`,
          request,
          ["requirements", index, field],
          "value_error.missing",
        );
      }),
    },
  ]),
  {
    rule: "requirements.description-max-words",
    arbitrary: fc
      .tuple(withRequirements, fc.nat(), fc.integer({ min: 129, max: 300 }), fakerSeed())
      .map(([base, k, words, seed]) => {
        const request = copyRequest(base);
        const list = readList(request, "requirements");
        const index = k % list.length;
        list[index]!.description = withFaker(seed, (f) => writeWords(f, words));
        return breakRequest(
          "requirements.description-max-words",
          request,
          ["requirements", index, "description"],
          "value_error.too_many_words",
        );
      }),
  },
  {
    rule: "requirements.is-mandatory-type",
    arbitrary: fc.tuple(withRequirements, fc.nat(), on(["yes", 1, 0, "true"])).map(([base, k, value]) => {
      const request = copyRequest(base);
      const list = readList(request, "requirements");
      const index = k % list.length;
      list[index]!.is_mandatory = value;
      return breakRequest(
        "requirements.is-mandatory-type",
        request,
        ["requirements", index, "is_mandatory"],
        "type_error.bool",
      );
    }),
  },
  ...TOOL_MUTATIONS,
  {
    rule: "models.max-items",
    arbitrary: fc
      .tuple(
        runRequest(),
        fc.uniqueArray(on(["jamba-large", "jamba-mini", "gpt-4.1"]), { minLength: 2, maxLength: 3 }),
      )
      .map(([base, models]) =>
        breakRequest(
          "models.max-items",
          { ...copyRequest(base), models },
          ["models"],
          "value_error.list.max_items",
        ),
      ),
  },
  {
    rule: "models.item-empty",
    arbitrary: runRequest().map((base) =>
      breakRequest(
        "models.item-empty",
        { ...copyRequest(base), models: [""] },
        ["models", 0],
        "value_error.any_str.min_length",
      ),
    ),
  },
  {
    rule: "budget.enum",
    arbitrary: fc
      .tuple(runRequest(), on(["max", "LOW", "ultra", ""]))
      .map(([base, value]) =>
        breakRequest("budget.enum", { ...copyRequest(base), budget: value }, ["budget"], "type_error.enum"),
      ),
  },
  {
    rule: "include.enum",
    arbitrary: fc
      .tuple(runRequest(), on(["everything", "data-sources", "requirements", "usage"]))
      .map(([base, value]) => {
        const request = copyRequest(base);
        const include = Array.isArray(request.include) ? (request.include as unknown[]) : [];
        include.push(value);
        request.include = include;
        return breakRequest("include.enum", request, ["include", include.length - 1], "type_error.enum");
      }),
  },
  {
    rule: "response-language.enum",
    arbitrary: fc
      .tuple(runRequest(), on(["klingon", "English", "en", "chinese"]))
      .map(([base, value]) =>
        breakRequest(
          "response-language.enum",
          { ...copyRequest(base), response_language: value },
          ["response_language"],
          "type_error.enum",
        ),
      ),
  },
  {
    rule: "stream.const",
    arbitrary: runRequest().map((base) =>
      breakRequest("stream.const", { ...copyRequest(base), stream: true }, ["stream"], "value_error.const"),
    ),
  },
];

/** The names of the mutations {@link invalidRunRequest} applies, one per rule it breaks. */
export const INVALID_RUN_REQUEST_RULES: readonly string[] = Object.freeze(
  mutations.map((mutation) => mutation.rule),
);

/**
 * A run request broken by exactly one mutation, with the error issue (`loc` and `type`) it must
 * trigger; the validator reports no other error for it.
 *
 * @example
 * fc.assert(fc.property(invalidRunRequest(), ({ request, expected }) =>
 *   validateRunRequest(request).some((issue) => issue.type === expected.type)))
 */
export function invalidRunRequest(constraints?: InvalidRequestConstraints): fc.Arbitrary<InvalidRequest> {
  return selectMutations("invalidRunRequest", mutations, constraints);
}
