import { MaestroConfigurationError } from "../errors/index.js";
import type { GateConfig, RequirementGateConfig, SuiteGateConfig } from "./evaluate-gate.js";
import { type ScoreSource, TRUSTABLE_SCORE_SOURCES } from "./score-source.js";

const SUITE_FIELDS = ["overall", "requirements", "mandatory", "regression"] as const;
const TOP_FIELDS = [
  ...SUITE_FIELDS,
  "suites",
  "groups",
  "cost",
  "infrastructure",
  "failedCells",
  "trustedSources",
] as const;

/**
 * Reads a user's gate configuration (`gate` in `maestro-eval.config.ts`, or a JSON file): checks every field
 * and returns it typed. Throws a `MaestroConfigurationError` naming the file and the field, such as
 * `maestro-eval.config.ts: gate.requirements.formats.min must be within [0, 1], got 1.2`. `undefined`
 * reads as an empty configuration.
 *
 * @example
 * const gate = parseGateConfig(config.gate, "maestro-eval.config.ts");
 */
export function parseGateConfig(value: unknown, where: string, path = "gate"): GateConfig {
  const fail = (field: string, problem: string): never => {
    throw new MaestroConfigurationError(`${where}: ${field} ${problem}`);
  };
  if (value === undefined) return {};
  const root = readObject(value, path, fail);
  checkFields(root, TOP_FIELDS, path, fail);
  const config: GateConfig = readSuiteFields(root, path, fail);

  if (root.suites !== undefined) {
    const suites = readObject(root.suites, `${path}.suites`, fail);
    config.suites = {};
    for (const [name, item] of Object.entries(suites)) {
      const field = member(`${path}.suites`, name);
      const suite = readObject(item, field, fail);
      checkFields(suite, SUITE_FIELDS, field, fail);
      config.suites[name] = readSuiteFields(suite, field, fail);
    }
  }
  if (root.groups !== undefined) {
    const field = `${path}.groups`;
    if (!Array.isArray(root.groups) || root.groups.length === 0) {
      fail(
        field,
        `must be a non-empty array of "model/budget" or "model" names, got ${describe(root.groups)}`,
      );
    }
    config.groups = (root.groups as unknown[]).map((item, index) => {
      if (typeof item !== "string" || item.length === 0) {
        return fail(`${field}[${index}]`, `must be a "model/budget" or "model" name, got ${describe(item)}`);
      }
      return item;
    });
  }
  if (root.cost !== undefined) {
    const field = `${path}.cost`;
    const cost = readObject(root.cost, field, fail);
    checkFields(cost, ["maxTotalUsd", "maxCellUsd"], field, fail);
    config.cost = {};
    if (cost.maxTotalUsd !== undefined)
      config.cost.maxTotalUsd = readUsd(cost.maxTotalUsd, `${field}.maxTotalUsd`, fail);
    if (cost.maxCellUsd !== undefined)
      config.cost.maxCellUsd = readUsd(cost.maxCellUsd, `${field}.maxCellUsd`, fail);
  }
  if (root.infrastructure !== undefined) {
    const field = `${path}.infrastructure`;
    const infrastructure = readObject(root.infrastructure, field, fail);
    checkFields(infrastructure, ["maxErrorRate"], field, fail);
    config.infrastructure = {
      maxErrorRate: readUnit(infrastructure.maxErrorRate, `${field}.maxErrorRate`, fail),
    };
  }
  if (root.failedCells !== undefined) {
    if (root.failedCells !== "fail" && root.failedCells !== "ignore") {
      fail(`${path}.failedCells`, `must be "fail" or "ignore", got ${describe(root.failedCells)}`);
    }
    config.failedCells = root.failedCells as "fail" | "ignore";
  }
  if (root.trustedSources !== undefined)
    config.trustedSources = readSources(root.trustedSources, `${path}.trustedSources`, fail);
  return config;
}

type Fail = (field: string, problem: string) => never;

function readSuiteFields(source: Record<string, unknown>, path: string, fail: Fail): SuiteGateConfig {
  const config: SuiteGateConfig = {};
  if (source.overall !== undefined) {
    const field = `${path}.overall`;
    const overall = readObject(source.overall, field, fail);
    checkFields(overall, ["min"], field, fail);
    config.overall = { min: readUnit(overall.min, `${field}.min`, fail) };
  }
  if (source.requirements !== undefined) {
    const requirements = readObject(source.requirements, `${path}.requirements`, fail);
    config.requirements = {};
    for (const [name, item] of Object.entries(requirements)) {
      const field = member(`${path}.requirements`, name);
      const rule = readObject(item, field, fail);
      checkFields(rule, ["min", "measure"], field, fail);
      const parsed: RequirementGateConfig = { min: readUnit(rule.min, `${field}.min`, fail) };
      if (rule.measure !== undefined) {
        if (rule.measure !== "mean" && rule.measure !== "passRate") {
          fail(`${field}.measure`, `must be "mean" or "passRate", got ${describe(rule.measure)}`);
        }
        parsed.measure = rule.measure as "mean" | "passRate";
      }
      config.requirements[name] = parsed;
    }
  }
  if (source.mandatory !== undefined) {
    const field = `${path}.mandatory`;
    const mandatory = readObject(source.mandatory, field, fail);
    checkFields(mandatory, ["minPassRate"], field, fail);
    config.mandatory = { minPassRate: readUnit(mandatory.minPassRate, `${field}.minPassRate`, fail) };
  }
  if (source.regression !== undefined) {
    const field = `${path}.regression`;
    const regression = readObject(source.regression, field, fail);
    checkFields(regression, ["maxDrop", "alpha"], field, fail);
    config.regression = { maxDrop: readUnit(regression.maxDrop, `${field}.maxDrop`, fail) };
    if (regression.alpha !== undefined) {
      const alpha = regression.alpha;
      if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) {
        fail(`${field}.alpha`, `must be within (0, 1), got ${describe(alpha)}`);
      }
      config.regression.alpha = alpha as number;
    }
  }
  return config;
}

function readSources(value: unknown, field: string, fail: Fail): ScoreSource[] {
  const allowed = TRUSTABLE_SCORE_SOURCES.map((source) => JSON.stringify(source)).join(", ");
  if (!Array.isArray(value) || value.length === 0) {
    return fail(field, `must be a non-empty array of score sources (${allowed}), got ${describe(value)}`);
  }
  const sources: ScoreSource[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== "string" || !(TRUSTABLE_SCORE_SOURCES as readonly string[]).includes(item)) {
      fail(`${field}[${index}]`, `must be one of ${allowed}, got ${describe(item)}`);
    }
    if (sources.includes(item as ScoreSource)) fail(`${field}[${index}]`, `repeats ${describe(item)}`);
    sources.push(item as ScoreSource);
  });
  return sources;
}

function readObject(value: unknown, field: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail(field, `must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function checkFields(
  source: Record<string, unknown>,
  known: readonly string[],
  field: string,
  fail: Fail,
): void {
  for (const key of Object.keys(source)) {
    if (!known.includes(key))
      fail(member(field, key), `is not a setting here; expected one of ${known.join(", ")}`);
  }
}

function readUnit(value: unknown, field: string, fail: Fail): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return fail(field, `must be a number within [0, 1], got ${describe(value)}`);
  }
  if (value < 0 || value > 1) return fail(field, `must be within [0, 1], got ${value}`);
  return value;
}

function readUsd(value: unknown, field: string, fail: Fail): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    return fail(field, `must be a non-negative number of US dollars, got ${describe(value)}`);
  }
  return value;
}

/** `path.name` for plain names, `path["odd name"]` otherwise. */
function member(path: string, name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return String(value);
}
