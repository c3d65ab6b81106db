import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { interpolate } from "./interpolate.js";
import { jsonPath, type ConfigIssue } from "./issues.js";
import { readTiers, type ParsedTier } from "../tiers/read-tiers.js";
import { readSafetyLevels } from "../safety/read-levels.js";
import type { SafetyLevel } from "../safety/level.js";
import {
  ConsumerSchema,
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
  /** Content-safety levels: the shipped safety/*.yaml, replaced or extended by the folder's own (docs/safety.md). */
  readonly safetyLevels: ReadonlyMap<string, SafetyLevel>;
}

export interface ReadOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly requireSecrets: boolean;
}

/** Reads and schema-checks every file of a config folder; every problem lands in `issues`. */
export function readConfigFiles(dir: string, options: ReadOptions, issues: ConfigIssue[]): ConfigFiles {
  return {
    platform: readPlatform(dir, options, issues),
    deployments: readFolder(dir, "deployments", DeploymentSchema, issues),
    consumers: readFolder(dir, "consumers", ConsumerSchema, issues),
    mappings: readFolder(dir, "mappings", MappingSchema, issues),
    tiers: readTiers(dir, options, issues),
    safetyLevels: readSafetyLevels(dir, issues),
  };
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
  const resolved = interpolate(raw, options.env, file, issues, options.requireSecrets);
  return check(file, PlatformSchema, resolved, issues);
}

function readFolder<S extends z.ZodType>(
  dir: string,
  folder: string,
  schema: S,
  issues: ConfigIssue[],
): Parsed<z.infer<S>>[] {
  const out: Parsed<z.infer<S>>[] = [];
  for (const name of listJson(join(dir, folder))) {
    const file = `${folder}/${name}`;
    const text = readText(join(dir, file));
    if (text === undefined) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (err) {
      issues.push({ file, path: "$", message: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const data = check(file, schema, raw, issues);
    if (data !== undefined) out.push({ file, data });
  }
  return out;
}

function check<S extends z.ZodType>(file: string, schema: S, raw: unknown, issues: ConfigIssue[]): z.infer<S> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ file, path: jsonPath(issue.path), message: describe(issue) });
  }
  return undefined;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown key(s): ${issue.keys.join(", ")}`;
  return issue.message;
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
