import { validateRunRequest } from "../constraints/index.js";
import {
  BUDGETS,
  type Budget,
  type CellKey,
  type CreateRunRequest,
  type MaestroInput,
  type Requirement,
} from "../domain/index.js";
import type { CellCall } from "./cell-call.js";

/** One input of a suite, with optional requirements and request fields of its own. */
export interface SuiteCase {
  name: string;
  input: MaestroInput;
  /** Replaces the suite's requirements for this case. */
  requirements?: readonly Requirement[];
  /** Extra request fields for this case only (`response_language`, `system_prompt`, `tools`, ...). */
  request?: Partial<Omit<CreateRunRequest, "input" | "requirements" | "models" | "budget">>;
  /** Anything the test wants to read back (expected values, labels). */
  data?: unknown;
}

/** The models × budgets × repeats every case runs on. */
export interface MatrixOptions {
  models: readonly string[];
  /** Default `["low"]`. */
  budgets?: readonly Budget[];
  /** Samples of each cell. Default 1. */
  repeats?: number;
}

/** A cell of the matrix: where it sits, what it sends, and the request its reports show. */
export interface MatrixCell {
  key: CellKey;
  case: SuiteCase;
  /** What the cell sends: a Maestro run, or (in a chat suite) a chat completion. */
  call: CellCall;
  /** The request as reports show it: the run sent, or a chat cell's messages and requirements as a run's. */
  request: CreateRunRequest;
}

/** What {@link expandMatrix} needs. */
export interface ExpandMatrixOptions {
  suite: string;
  cases: readonly SuiteCase[];
  requirements?: readonly Requirement[];
  matrix: MatrixOptions;
  /** Extra request fields for every case. */
  request?: SuiteCase["request"];
}

/**
 * Expands a suite into its cells, case × model × budget × repeat, each with the request it sends and
 * a stable key `suite/case/model/budget/#repeat`. Throws a `TypeError` naming the suite, the case and
 * the field when the suite is malformed, and when a case's request breaks a constraint, so that a bad
 * case fails at collection time, before anything is sent.
 */
export function expandMatrix(options: ExpandMatrixOptions): MatrixCell[] {
  const where = `suite "${options.suite}"`;
  const { matrix } = options;
  if (!Array.isArray(options.cases) || options.cases.length === 0) {
    throw new TypeError(`describeMaestro: ${where} needs at least one case in cases`);
  }
  if (!Array.isArray(matrix?.models) || matrix.models.length === 0) {
    throw new TypeError(`describeMaestro: ${where} needs at least one model in matrix.models`);
  }
  const budgets = matrix.budgets ?? ["low"];
  for (const budget of budgets) {
    if (!BUDGETS.includes(budget)) {
      throw new TypeError(
        `describeMaestro: ${where} has budget ${JSON.stringify(budget)} in matrix.budgets; expected low, medium or high`,
      );
    }
  }
  const repeats = matrix.repeats ?? 1;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 1000) {
    throw new TypeError(
      `describeMaestro: ${where} has matrix.repeats ${repeats}; expected a whole number from 1 to 1000`,
    );
  }
  const names = new Set<string>();
  const cells: MatrixCell[] = [];
  for (const [index, suiteCase] of options.cases.entries()) {
    if (typeof suiteCase?.name !== "string" || suiteCase.name.trim() === "") {
      throw new TypeError(`describeMaestro: ${where} case ${index} needs a non-empty name`);
    }
    if (names.has(suiteCase.name)) {
      throw new TypeError(
        `describeMaestro: ${where} has two cases named "${suiteCase.name}"; case names must be unique`,
      );
    }
    names.add(suiteCase.name);
    const requirements = suiteCase.requirements ?? options.requirements;
    const base: CreateRunRequest = {
      ...options.request,
      ...suiteCase.request,
      input: suiteCase.input,
      ...(requirements === undefined ? {} : { requirements: [...requirements] }),
      include: mergeInclude(options.request?.include, suiteCase.request?.include),
    };
    for (const model of matrix.models) {
      for (const budget of budgets) {
        const request: CreateRunRequest = { ...base, models: [model], budget };
        const errors = validateRunRequest(request).filter((issue) => issue.severity === "error");
        if (errors.length > 0) {
          const listed = errors.map((issue) => issue.msg).join("; ");
          throw new TypeError(`describeMaestro: ${where} case "${suiteCase.name}" is invalid: ${listed}`);
        }
        for (let repeat = 0; repeat < repeats; repeat += 1) {
          const key = {
            suite: options.suite,
            case: suiteCase.name,
            model,
            budget,
            repeat,
            key: `${options.suite}/${suiteCase.name}/${model}/${budget}/#${repeat}`,
          };
          cells.push({ key, case: suiteCase, call: { kind: "maestro", request }, request });
        }
      }
    }
  }
  return cells;
}

function mergeInclude(
  suite: CreateRunRequest["include"],
  suiteCase: CreateRunRequest["include"],
): NonNullable<CreateRunRequest["include"]> {
  return [...new Set(["requirements_result" as const, ...(suite ?? []), ...(suiteCase ?? [])])];
}
