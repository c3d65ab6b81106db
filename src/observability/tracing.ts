import type { RequestObserver } from "../metering/meter-policy.js";
import { OtlpExporter } from "./otlp-exporter.js";
import { RequestTracer } from "./request-spans.js";

export interface TelemetrySettings {
  readonly otlpEndpoint?: string | undefined;
  readonly otlpHeaders?: Readonly<Record<string, string>>;
  readonly serviceName?: string;
  readonly capturePrompts?: boolean;
}

export interface Tracing {
  readonly observe: RequestObserver;
  readonly exporter: OtlpExporter;
  close(): Promise<void>;
}

/** Traces over OTLP/HTTP when `telemetry.otlpEndpoint` is set; undefined (off) otherwise. */
export function openTracing(settings: TelemetrySettings | undefined, log: { warn(obj: object, msg: string): void }): Tracing | undefined {
  if (!settings?.otlpEndpoint) return undefined;
  let lastWarnMs = 0;
  const exporter = new OtlpExporter({
    endpoint: settings.otlpEndpoint,
    headers: settings.otlpHeaders,
    serviceName: settings.serviceName ?? "atrium",
    onError(err) {
      // A collector that is down would otherwise log once per batch.
      if (Date.now() - lastWarnMs < 60_000) return;
      lastWarnMs = Date.now();
      log.warn({ err: String(err) }, "spans could not be exported; dropping them");
    },
  });
  const tracer = new RequestTracer(exporter, settings.capturePrompts ?? false);
  return { observe: tracer.observe, exporter, close: () => exporter.close() };
}
