import { Agent, type Dispatcher } from "../net/undici.js";
import { egressAllows } from "../config/egress-allow.js";
import { GatewayError } from "../core/errors.js";

export interface TransportTimeouts {
  readonly connectMs: number;
  /** Until the response headers arrive: a model can think for a while before it answers. */
  readonly firstByteMs: number;
  /** Longest silence between two body chunks. */
  readonly idleMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 10_000, firstByteMs: 300_000, idleMs: 120_000 };

/**
 * The upstream connection pools, one keep-alive Agent per connect timeout (undici sets that per
 * Agent, not per request; pools rarely use more than one or two values). Connections are unbounded
 * per origin because each stream holds one for its whole life; a small cap would queue streams.
 *
 * Every dispatch passes the egress check: its origin must be one config names (invariant 5). The
 * allowed set is swapped in whole on each config load; until then nothing may leave.
 */
export class UpstreamAgents {
  private readonly agents = new Map<number, { agent: Agent; guarded: Dispatcher }>();
  private allowed: ReadonlySet<string> = new Set();

  constructor(private readonly defaults: TransportTimeouts = DEFAULT_TIMEOUTS) {}

  /** Installs the egress allow-list of the config now serving. */
  allow(origins: ReadonlySet<string>): void {
    this.allowed = origins;
  }

  allows(origin: string): boolean {
    return egressAllows(this.allowed, origin);
  }

  dispatcher(connectMs: number = this.defaults.connectMs): Dispatcher {
    const found = this.agents.get(connectMs);
    if (found) return found.guarded;
    const agent = new Agent({
      keepAliveTimeout: 30_000,
      connect: { timeout: connectMs },
      headersTimeout: this.defaults.firstByteMs,
      bodyTimeout: this.defaults.idleMs,
    });
    const guarded = agent.compose((dispatch) => (opts, handler) => {
      const origin = typeof opts.origin === "string" ? opts.origin : String(opts.origin?.origin);
      if (!this.allows(origin)) throw egressDenied(origin);
      return dispatch(opts, handler);
    });
    this.agents.set(connectMs, { agent, guarded });
    return guarded;
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map(({ agent }) => agent.close()));
    this.agents.clear();
  }
}

export function createUpstreamAgents(defaults: TransportTimeouts = DEFAULT_TIMEOUTS): UpstreamAgents {
  return new UpstreamAgents(defaults);
}

/** Not retryable: config built this URL, so every member would be refused the same way. */
function egressDenied(origin: string): GatewayError {
  return new GatewayError("upstream_error", "The gateway is not allowed to connect to this upstream.", {
    cause: new Error(`egress to ${origin.slice(0, 200)} is not in the allow-list (resources' endpoints + egress.allowHosts)`),
  });
}
