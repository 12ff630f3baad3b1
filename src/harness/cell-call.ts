// What a cell sends, as data: the one cell pipeline (run-cell.ts) resumes, replays, limits, records and
// scores every cell the same way, and only the call itself differs by kind.
import type { CellMeta, ChatRequest, CreateRunRequest } from "../domain/index.js";
import { hashCellRequest, hashChatRequest } from "./cassettes.js";

/** A Maestro run to create and poll, or a chat completion to make. */
export type CellCall =
  | { kind: "maestro"; request: CreateRunRequest }
  | { kind: "chat"; request: ChatRequest };

/** The kinds of cell, as reports name them. */
export type CellKind = CellMeta["kind"];

/** The key a cell's call is recorded and resumed under: its request without secrets, and the repeat. */
export function hashCellCall(call: CellCall, repeat: number): string {
  return call.kind === "chat" ? hashChatRequest(call.request, repeat) : hashCellRequest(call.request, repeat);
}
