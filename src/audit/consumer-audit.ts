import type { Config } from "../config/config.js";
import type { Consumer, LoggingMode } from "../core/catalog.js";

/** What the audit trail does for one consumer under one config: decided at config load. */
export interface ConsumerAudit {
  readonly mode: LoggingMode;
  readonly failClosed: boolean;
  readonly sampleRate: number;
}

/**
 * The audit settings of every consumer, first match wins for each field:
 * `audit.consumers.<name>`, `audit.tiers.<tier>`, the tier's own `loggingMode` (only when a tier
 * file or `tiers.consumers.<name>` sets it), then the `audit:` defaults. `full` outside
 * `audit.allowFullIn` becomes `redacted`: raw text is never kept where the platform forbids it.
 */
export function consumerAuditSettings(config: Config): ReadonlyMap<string, ConsumerAudit> {
  const audit = config.platform.audit;
  const out = new Map<string, ConsumerAudit>();
  for (const consumer of config.consumers.values()) {
    const choice = audit.consumers[consumer.name];
    const own = typeof choice === "string" ? { mode: choice } : choice;
    const tier = audit.tiers[consumer.tier.name];
    let mode = own?.mode ?? tier?.mode ?? explicitTierMode(config, consumer) ?? audit.defaultMode;
    if (mode === "full" && !audit.allowFullIn.includes(config.environment)) mode = "redacted";
    out.set(consumer.name, {
      mode,
      failClosed: own?.failClosed ?? tier?.failClosed ?? audit.failClosed,
      sampleRate: own?.sampleRate ?? tier?.sampleRate ?? audit.sampleRate,
    });
  }
  return out;
}

/** The tier's `loggingMode` when someone wrote one: the tier catalog fills in a default otherwise. */
function explicitTierMode(config: Config, consumer: Consumer): LoggingMode | undefined {
  const choice = config.platform.tiers.consumers[consumer.name];
  if (typeof choice === "object" && choice.loggingMode !== undefined) return choice.loggingMode;
  return config.files.tiers.find((t) => t.name === consumer.tier.name)?.data.loggingMode;
}

