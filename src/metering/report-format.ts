import type { Chargeback } from "./chargeback.js";
import type { UsageReport } from "./reports.js";

export type ReportFormat = "table" | "csv" | "json";
export const FORMATS: readonly ReportFormat[] = ["table", "csv", "json"];

type Cell = string | number;

export function formatUsage(report: UsageReport, format: ReportFormat): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  const header = [report.by, "requests", "errors", "prompt_tokens", "completion_tokens", "cached_tokens", "total_tokens", "avg_latency_ms"];
  const rows = report.rows.map((r) => [r.key ?? "(none)", r.requests, r.errors, r.promptTokens, r.completionTokens, r.cachedTokens, r.totalTokens, r.avgLatencyMs.toFixed(1)]);
  return render([header, ...rows], format);
}

export function formatChargeback(c: Chargeback, format: ReportFormat): string {
  if (format === "json") return `${JSON.stringify(c, null, 2)}\n`;
  const money = (x: number): string => x.toFixed(2);
  const header = [c.by, "requests", "prompt_tokens", "completion_tokens", "cached_tokens", "total_tokens", `payg_${c.currency}`, `ptu_${c.currency}`, `total_${c.currency}`, "unpriced_tokens"];
  const line = (l: Chargeback["total"]): Cell[] => [l.key, l.requests, l.promptTokens, l.completionTokens, l.cachedTokens, l.totalTokens, money(l.paygCost), money(l.ptuCost), money(l.cost), l.unpricedTokens];
  const rows = [header, ...c.lines.map(line), line(c.total)];
  if (format === "csv") return render(rows, "csv");
  const period = `${new Date(c.fromMs).toISOString()} .. ${new Date(c.toMs).toISOString()} (${c.hours} h)`;
  const notes = [
    ...c.ptu.map((p) => `PTU ${p.deployment}: ${p.hourlyCost}/h × ${p.hours} h = ${money(p.cost)} ${c.currency}, split over ${p.tokens} tokens`),
    ...c.warnings.map((w) => `warning: ${w}`),
  ];
  return [`Chargeback ${period}`, render(rows, "table").trimEnd(), ...notes].join("\n") + "\n";
}

function render(rows: Cell[][], format: "table" | "csv"): string {
  if (format === "csv") return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((c, i) => (typeof c === "number" || i > 0 ? String(c).padStart(widths[i] ?? 0) : String(c).padEnd(widths[i] ?? 0))).join("  ")).join("\n") + "\n";
}

/** RFC 4180, and a leading = + - @ is quoted away so a spreadsheet does not run it as a formula. */
function csvCell(c: Cell): string {
  if (typeof c === "number") return String(c);
  const safe = /^[=+\-@]/.test(c) ? `'${c}` : c;
  return /[",\n\r]/.test(safe) || safe !== c ? `"${safe.replaceAll('"', '""')}"` : safe;
}
