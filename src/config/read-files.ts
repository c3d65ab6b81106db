import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { interpolate, type RequiredSecrets } from "./interpolate.js";
import { describeJsonSyntaxError } from "./json-syntax.js";
import { warnNearMisses } from "./near-misses.js";
import { jsonPath, type ConfigIssue } from "./issues.js";
import { readTiers, type ParsedTier } from "../tiers/read-tiers.js";
import { readSafetyLevels, SAFETY_OFF } from "../safety/read-levels.js";
import type { SafetyLevel } from "../safety/level.js";
import {
  consumerSchema,
  DeploymentSchema,
  MappingSchema,
  PlatformSchema,
  type ConsumerFile,
  type DeploymentFile,
  type MappingFile,
  type PlatformFile,
} from "./schema.js";

export interface Parsed<T> {
  readonly file: string;
  readonly data: T;
}

export interface ConfigFiles {
  readonly platform: PlatformFile | undefined;
  readonly deployments: readonly Parsed<DeploymentFile>[];
  readonly consumers: readonly Parsed<ConsumerFile>[];
  readonly mappings: readonly Parsed<MappingFile>[];
  /** tiers/*.yaml (docs/limits.md). */
  readonly tiers: readonly ParsedTier[];
  /**
   * Names that files with problems of their own would define (their name field, else the file's
   * name): cross-checks do not report them as unknown again, so one mistake is reported once.
   */
  readonly unreadable: { readonly deployments: ReadonlySet<string>; readonly consumers: ReadonlySet<string>; readonly mappings: ReadonlySet<string> };
  /** Content-safety levels: the shipped safety/*.yaml, replaced or extended by the folder's own (docs/safety.md). */
  readonly safetyLevels: ReadonlyMap<string, SafetyLevel>;
}

export interface ReadOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly requireSecrets: RequiredSecrets;
}

/** Reads and schema-checks every file of a config folder; every problem lands in `issues`. */
export function readConfigFiles(dir: string, options: ReadOptions, issues: ConfigIssue[]): ConfigFiles {
  const unreadable = { deployments: new Set<string>(), consumers: new Set<string>(), mappings: new Set<string>() };
  const safetyLevels = readSafetyLevels(dir, issues);
  return {
    platform: readPlatform(dir, options, issues),
    deployments: readFolder(dir, "deployments", DeploymentSchema, issues, "deploymentName", unreadable.deployments),
    consumers: readFolder(dir, "consumers", consumerSchema(levelNames(safetyLevels)), issues, "consumerName", unreadable.consumers),
    mappings: readFolder(dir, "mappings", MappingSchema, issues, "consumerName", unreadable.mappings),
    tiers: readTiers(dir, options, issues),
    unreadable,
    safetyLevels,
  };
}

/** The shipped levels first, in order of strictness, then the folder's own, then off. */
function levelNames(levels: ReadonlyMap<string, unknown>): string[] {
  const shipped = ["low", "medium", "high"].filter((l) => levels.has(l));
  return [...shipped, ...[...levels.keys()].filter((l) => !shipped.includes(l)), SAFETY_OFF];
}

function readPlatform(dir: string, options: ReadOptions, issues: ConfigIssue[]): PlatformFile | undefined {
  const file = "atrium.yaml";
  let raw: unknown = {};
  const text = readText(join(dir, file));
  if (text === undefined) {
    issues.push({ file, path: "$", message: "file not found: resources and pools are declared here" });
  } else {
    try {
      raw = parseYaml(text) ?? {};
    } catch (err) {
      issues.push({ file, path: "$", message: `not valid YAML: ${(err as Error).message.split("\n")[0]}` });
      return undefined;
    }
  }
  const unset = new Map<string, string>();
  const resolved = interpolate(raw, options.env, file, issues, options.requireSecrets, unset);
  return check(file, PlatformSchema, resolved, issues, unset);
}

function readFolder<S extends z.ZodType>(
  dir: string,
  folder: string,
  schema: S,
  issues: ConfigIssue[],
  nameField: string,
  unreadable: Set<string>,
): Parsed<z.infer<S>>[] {
  const out: Parsed<z.infer<S>>[] = [];
  for (const name of listJson(join(dir, folder))) {
    const file = `${folder}/${name}`;
    const text = readText(join(dir, file));
    if (text === undefined) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      issues.push({ file, path: "$", message: describeJsonSyntaxError(text) });
      unreadable.add(basename(name, ".json"));
      continue;
    }
    warnNearMisses(schema, raw, file, issues);
    const data = check(file, schema, raw, issues);
    if (data !== undefined) out.push({ file, data });
    else unreadable.add(nameIn(raw, nameField) ?? basename(name, ".json"));
  }
  return out;
}

function check<S extends z.ZodType>(file: string, schema: S, raw: unknown, issues: ConfigIssue[], unset?: ReadonlyMap<string, string>): z.infer<S> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = jsonPath(issue.path);
    // The stand-in for an unset variable did not fit here: what is missing is the variable, not a value.
    const variable = unset?.get(path);
    const message = variable ? `environment variable ${variable} is not set, and this field cannot be checked without it (${describe(issue)})` : describe(issue);
    issues.push({ file, path, message });
  }
  return undefined;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    if (issue.path[issue.path.length - 1] === "environments") return `unknown environment(s) ${issue.keys.join(", ")}: an environment is dev, test or prod`;
    return `unknown key(s): ${issue.keys.join(", ")}`;
  }
  return issue.message;
}

function nameIn(raw: unknown, field: string): string | undefined {
  const name = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[field] : undefined;
  return typeof name === "string" && name !== "" ? name : undefined;
}

function listJson(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith(".json") && statSync(join(dir, n)).isFile())
      .sort();
  } catch {
    return [];
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
