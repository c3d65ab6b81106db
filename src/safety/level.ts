import { z } from "zod";
import { SAFETY_CATEGORIES, type SafetyCategory } from "./finding.js";

export type SafetyAction = "block" | "flag" | "redact";

export interface CategoryRule {
  /** A category's score at or above this triggers the action. */
  readonly threshold: number;
  readonly action: SafetyAction;
}

export type SideRules = Readonly<Partial<Record<SafetyCategory, CategoryRule>>>;

/** A content-safety level (safety/<name>.yaml): what is checked on each side and what happens. */
export interface SafetyLevel {
  readonly name: string;
  readonly description: string;
  readonly input: SideRules;
  readonly output: SideRules;
  /** Characters of a stream's text held back until the detectors passed them; 0 sends at once. */
  readonly holdBackChars: number;
}

const Rule = z.strictObject({
  threshold: z.number().min(0).max(1).default(0.5),
  action: z.enum(["block", "flag", "redact"]),
});
const Side = z.partialRecord(z.enum(SAFETY_CATEGORIES as [SafetyCategory, ...SafetyCategory[]]), Rule);

export const LevelFileSchema = z.strictObject({
  description: z.string().default(""),
  input: Side.default({}),
  output: Side.default({}),
  stream: z.strictObject({ holdBackChars: z.number().int().min(0).max(4096).default(32) }).default({ holdBackChars: 32 }),
});

export type LevelFile = z.infer<typeof LevelFileSchema>;

export function levelOf(name: string, file: LevelFile): SafetyLevel {
  return { name, description: file.description, input: file.input, output: file.output, holdBackChars: file.stream.holdBackChars };
}
