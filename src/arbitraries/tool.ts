import type { Faker } from "@faker-js/faker";
import * as fc from "fast-check";
import type { MaestroTool } from "../domain/index.js";
import {
  fakerSeed,
  readConstraints,
  readCount,
  withFaker,
  writeDomain,
  writeIdentifier,
} from "./faker-value.js";

/** A tool's `type`. */
export type ToolType = MaestroTool["type"];

const TOOL_TYPES: readonly ToolType[] = ["http", "mcp", "file_search", "web_search"];

/** Options of {@link tool}. */
export interface ToolConstraints {
  /** The types to draw from (default all four). */
  types?: readonly ToolType[];
}

function writeSearchPrefix(f: Faker): string {
  const domain = writeDomain(f);
  switch (f.number.int({ min: 0, max: 3 })) {
    case 0:
      return `${f.helpers.arrayElement(["https", "http"])}://${domain}`;
    case 1:
      return domain;
    case 2:
      return `${domain}/${
        f.word
          .noun()
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-") || "page"
      }`;
    default:
      return `${f.helpers.arrayElement(["docs", "blog", "support", "www", "news"])}.${domain}`;
  }
}

function writeTool(f: Faker, type: ToolType): MaestroTool {
  switch (type) {
    case "http": {
      const parameter = f.helpers.arrayElement(["query", "order_id", "city", "sku", "customer_email"]);
      return {
        type: "http",
        function: {
          name: writeIdentifier(f),
          description: `${f.hacker.ingverb()} the ${f.hacker.noun()} for ${f.company.name()}`,
          parameters: {
            type: "object",
            properties: {
              [parameter]: { type: "string", description: `The ${parameter.replace(/_/g, " ")}` },
            },
            required: [parameter],
          },
        },
        endpoint: {
          url: `https://api.${writeDomain(f)}/v1/${writeIdentifier(f).replace(/_/g, "-")}`,
          ...(f.datatype.boolean()
            ? { headers: { authorization: `Bearer ${f.string.alphanumeric(24)}` } }
            : {}),
        },
      };
    }
    case "mcp":
      return {
        type: "mcp",
        server_label: f.internet.domainWord(),
        server_url: `https://mcp.${writeDomain(f)}/mcp`,
        ...(f.datatype.boolean() ? { allowed_tools: [writeIdentifier(f), writeIdentifier(f)] } : {}),
      };
    case "file_search": {
      const tool: MaestroTool = { type: "file_search" };
      if (f.datatype.boolean())
        tool.labels = f.helpers.multiple(() => f.commerce.department().toLowerCase(), {
          count: { min: 1, max: 3 },
        });
      if (f.datatype.boolean()) tool.labels_filter_mode = f.helpers.arrayElement(["AND", "OR"] as const);
      if (f.datatype.boolean())
        tool.retrieval_similarity_threshold = f.number.float({ min: 0, max: 1, fractionDigits: 2 });
      if (f.datatype.boolean())
        tool.retrieval_strategy = f.helpers.arrayElement([
          "segments",
          "default",
          "add_neighbors",
          "full_doc",
        ] as const);
      if (f.datatype.boolean()) tool.max_neighbors = f.number.int({ min: 0, max: 5 });
      return tool;
    }
    default: {
      const tool: MaestroTool = { type: "web_search" };
      if (f.datatype.boolean())
        tool.urls = f.helpers.multiple(() => writeSearchPrefix(f), { count: { min: 1, max: 4 } });
      if (f.datatype.boolean()) tool.fallback_to_web = f.datatype.boolean();
      return tool;
    }
  }
}

function readTypes(api: string, types: readonly ToolType[] | undefined): readonly ToolType[] {
  if (types === undefined) return TOOL_TYPES;
  if (!Array.isArray(types) || types.length === 0 || types.some((type) => !TOOL_TYPES.includes(type))) {
    throw new TypeError(`${api}: types must be a non-empty list of ${TOOL_TYPES.join(", ")}`);
  }
  return types;
}

/**
 * A valid tool of one of the four types, with realistic names, descriptions and URLs.
 *
 * @example fc.sample(tool({ types: ["web_search"] }), 1) // [{ type: "web_search", urls: ["docs.acme.io"] }]
 */
export function tool(constraints?: ToolConstraints): fc.Arbitrary<MaestroTool> {
  const types = readTypes("tool", readConstraints("tool", constraints).types);
  return fc
    .tuple(fc.constantFrom(...types), fakerSeed())
    .map(([type, seed]) => withFaker(seed, (f) => writeTool(f, type)));
}

/** Options of {@link tools}. */
export interface ToolsConstraints extends ToolConstraints {
  /** Fewest tools (default 0). */
  minLength?: number;
  /** Most tools (default 4). */
  maxLength?: number;
}

/** Keeps the first web_search and file_search tool and makes MCP labels and function names unique. */
export function makeToolsValid(list: readonly MaestroTool[]): MaestroTool[] {
  const seenTypes = new Set<string>();
  const labels = new Set<string>();
  const names = new Set<string>();
  const unique = (used: Set<string>, name: string) => {
    let candidate = name;
    for (let suffix = 2; used.has(candidate); suffix += 1) candidate = `${name}-${suffix}`;
    used.add(candidate);
    return candidate;
  };
  const kept: MaestroTool[] = [];
  for (const item of list) {
    if (item.type === "web_search" || item.type === "file_search") {
      if (seenTypes.has(item.type)) continue;
      seenTypes.add(item.type);
      kept.push(item);
    } else if (item.type === "mcp") {
      kept.push({ ...item, server_label: unique(labels, item.server_label ?? "mcp") });
    } else {
      kept.push({ ...item, function: { ...item.function, name: unique(names, item.function.name) } });
    }
  }
  return kept;
}

/**
 * A valid list of tools: at most one web_search and one file_search, MCP labels unique.
 * Repeated search tools are dropped, so a list may come out shorter than drawn (never below 1 when
 * `minLength` is at least 1).
 */
export function tools(constraints?: ToolsConstraints): fc.Arbitrary<MaestroTool[]> {
  const options = readConstraints("tools", constraints);
  const maxLength = readCount("tools", "maxLength", options.maxLength, 0, 16, 4);
  const minLength = readCount("tools", "minLength", options.minLength, 0, maxLength, 0);
  const types = readTypes("tools", options.types);
  return fc.array(tool({ types }), { minLength, maxLength }).map(makeToolsValid);
}
