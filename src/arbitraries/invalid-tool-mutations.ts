// The mutations of invalidRunRequest that break a request's tools, one per rule (see invalid-run-request.ts).
import * as fc from "fast-check";
import type { MaestroTool } from "../domain/index.js";
import {
  breakRequest,
  copyRequest,
  type JsonObject,
  type Mutation,
  on,
  readList,
} from "./invalid-request.js";
import { runRequest } from "./run-request.js";
import { makeToolsValid, type ToolType, tool, tools } from "./tool.js";

const plain = runRequest({ withRequirements: false, withTools: false });

/** A valid request whose tools include one of `type`, at `index`. */
function withTool(type: ToolType): fc.Arbitrary<{ request: JsonObject; index: number }> {
  return fc
    .tuple(plain, tools(), tool({ types: [type] }), fc.nat())
    .map(([request, list, extra, position]) => {
      const others = makeToolsValid(
        list.filter((item) => item.type !== type || type === "http" || type === "mcp"),
      );
      const index = position % (others.length + 1);
      const all = makeToolsValid([...others.slice(0, index), extra, ...others.slice(index)]);
      // makeToolsValid may rename the inserted tool, never move it.
      return { request: copyRequest({ ...request, tools: all }), index };
    });
}

const BAD_HTTP_URLS = [
  "/hook",
  "hook",
  "ftp://example.com/hook",
  "example.com/hook",
  "https://",
  "mailto:ops@example.com",
  " https://example.com",
];
const BAD_PREFIXES = [
  "ftp://example.com",
  "localhost",
  "example.com:8080",
  "*.example.com",
  "10.0.0.1",
  "exa mple.com",
  "https://",
  "user@example.com",
  "example..com",
  "-bad-.com",
];

/** The tool mutations, in the order invalidRunRequest lists them. */
export const TOOL_MUTATIONS: Mutation[] = [
  {
    rule: "tools.type",
    arbitrary: fc
      .tuple(plain, on(["web_search", { type: "web_search" }, 1]))
      .map(([base, value]) =>
        breakRequest("tools.type", { ...copyRequest(base), tools: value }, ["tools"], "type_error.list"),
      ),
  },
  {
    rule: "tools.item-type",
    arbitrary: fc
      .tuple(withTool("web_search"), on(["web_search", 7, null, ["web_search"]]))
      .map(([{ request, index }, value]) => {
        (readList(request, "tools") as unknown[])[index] = value;
        return breakRequest("tools.item-type", request, ["tools", index], "type_error.dict");
      }),
  },
  {
    rule: "tools.type-missing",
    arbitrary: fc
      .constantFrom<ToolType>("http", "mcp", "file_search", "web_search")
      .chain(withTool)
      .map(({ request, index }) => {
        delete readList(request, "tools")[index]!.type;
        return breakRequest(
          "tools.type-missing",
          request,
          ["tools", index, "type"],
          "value_error.discriminated_union.missing_discriminator",
        );
      }),
  },
  {
    rule: "tools.type-unknown",
    arbitrary: fc
      .tuple(withTool("web_search"), on(["browser", "search", "WEB_SEARCH", "function", 3]))
      .map(([{ request, index }, type]) => {
        readList(request, "tools")[index]!.type = type;
        return breakRequest(
          "tools.type-unknown",
          request,
          ["tools", index, "type"],
          "value_error.discriminated_union.invalid_discriminator",
        );
      }),
  },
  {
    rule: "tools.one-search-tool-per-type",
    arbitrary: fc
      .tuple(plain, tools(), on<ToolType>(["web_search", "file_search"]), fc.nat(), fc.nat())
      .chain(([base, list, type, a, b]) =>
        fc.tuple(tool({ types: [type] }), tool({ types: [type] })).map(([first, second]) => {
          const all: MaestroTool[] = list.filter((item) => item.type !== type);
          all.splice(a % (all.length + 1), 0, first);
          all.splice(b % (all.length + 1), 0, second);
          return breakRequest(
            "tools.one-search-tool-per-type",
            copyRequest({ ...base, tools: all }),
            ["tools"],
            "value_error.too_many_search_tools",
          );
        }),
      ),
  },
  ...(["name", "description", "parameters"] as const).map(
    (field): Mutation => ({
      rule: `tools.http-function-${field}`,
      arbitrary: withTool("http").map(({ request, index }) => {
        delete (readList(request, "tools")[index]!.function as JsonObject)[field];
        return breakRequest(
          `tools.http-function-${field}`,
          request,
          ["tools", index, "function", field],
          "value_error.missing",
        );
      }),
    }),
  ),
  {
    rule: "tools.http-endpoint-missing",
    arbitrary: withTool("http").map(({ request, index }) => {
      delete readList(request, "tools")[index]!.endpoint;
      return breakRequest(
        "tools.http-endpoint-missing",
        request,
        ["tools", index, "endpoint"],
        "value_error.missing",
      );
    }),
  },
  {
    rule: "tools.http-additional-properties-conflict",
    arbitrary: fc.tuple(withTool("http"), fc.boolean()).map(([{ request, index }, allowed]) => {
      const fn = readList(request, "tools")[index]!.function as JsonObject;
      // The SDKs' spelling and AI21's wire name, saying opposite things.
      fn.parameters = {
        ...(fn.parameters as JsonObject),
        additionalProperties: allowed,
        additional_properties: !allowed,
      };
      return breakRequest(
        "tools.http-additional-properties-conflict",
        request,
        ["tools", index, "function", "parameters", "additional_properties"],
        "value_error.conflicting_spelling",
      );
    }),
  },
  {
    rule: "tools.http-endpoint-url",
    arbitrary: fc.tuple(withTool("http"), on(BAD_HTTP_URLS)).map(([{ request, index }, url]) => {
      (readList(request, "tools")[index]!.endpoint as JsonObject).url = url;
      return breakRequest(
        "tools.http-endpoint-url",
        request,
        ["tools", index, "endpoint", "url"],
        "value_error.url.absolute_http",
      );
    }),
  },
  {
    rule: "tools.mcp-server-url",
    arbitrary: fc
      .tuple(withTool("mcp"), on([...BAD_HTTP_URLS, "wss://mcp.example.com"]))
      .map(([{ request, index }, url]) => {
        readList(request, "tools")[index]!.server_url = url;
        return breakRequest(
          "tools.mcp-server-url",
          request,
          ["tools", index, "server_url"],
          "value_error.url.absolute_http",
        );
      }),
  },
  {
    rule: "tools.mcp-server-url-missing",
    arbitrary: withTool("mcp").map(({ request, index }) => {
      delete readList(request, "tools")[index]!.server_url;
      return breakRequest(
        "tools.mcp-server-url-missing",
        request,
        ["tools", index, "server_url"],
        "value_error.missing",
      );
    }),
  },
  {
    rule: "tools.unique-mcp-labels",
    arbitrary: fc
      .tuple(withTool("mcp"), tool({ types: ["mcp"] }), fc.nat())
      .map(([{ request, index }, extra, k]) => {
        const list = readList(request, "tools");
        const later = index + 1 + (k % (list.length - index));
        list.splice(later, 0, { ...copyRequest(extra), server_label: list[index]!.server_label });
        return breakRequest(
          "tools.unique-mcp-labels",
          request,
          ["tools", later, "server_label"],
          "value_error.duplicate_server_label",
        );
      }),
  },
  {
    rule: "tools.web-search-url-prefix",
    arbitrary: fc
      .tuple(withTool("web_search"), fc.nat(), on(BAD_PREFIXES))
      .map(([{ request, index }, k, url]) => {
        const search = readList(request, "tools")[index]!;
        const urls = Array.isArray(search.urls) ? (search.urls as string[]) : ["example.com"];
        const position = k % (urls.length + 1);
        urls.splice(position, 0, url);
        search.urls = urls;
        return breakRequest(
          "tools.web-search-url-prefix",
          request,
          ["tools", index, "urls", position],
          "value_error.url.search_prefix",
        );
      }),
  },
  {
    rule: "tools.labels-filter-mode",
    arbitrary: fc
      .tuple(withTool("file_search"), on(["XOR", "and", "or", "NOT", ""]))
      .map(([{ request, index }, mode]) => {
        readList(request, "tools")[index]!.labels_filter_mode = mode;
        return breakRequest(
          "tools.labels-filter-mode",
          request,
          ["tools", index, "labels_filter_mode"],
          "type_error.enum",
        );
      }),
  },
];
