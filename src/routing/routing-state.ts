import { MemberHealth, type MemberEvents } from "./member-health.js";

/**
 * Health of every pool member by target id (`resource/deployment`). Created once per process and
 * handed to each runtime, so circuits and cool-downs survive a config reload. In memory: each
 * gateway replica learns its members' health from its own traffic.
 */
export class RoutingState {
  private readonly members = new Map<string, MemberHealth>();

  /** `events` hears circuits open and close and cool-downs start (the gateway logs and counts them). */
  constructor(private readonly events?: MemberEvents) {}

  member(targetId: string): MemberHealth {
    let health = this.members.get(targetId);
    if (!health) {
      health = new MemberHealth(targetId, this.events);
      this.members.set(targetId, health);
    }
    return health;
  }

  /** Without creating: undefined means never seen, i.e. healthy. */
  peek(targetId: string): MemberHealth | undefined {
    return this.members.get(targetId);
  }

  /** Every member seen so far, for the metrics scrape. */
  seen(): IterableIterator<MemberHealth> {
    return this.members.values();
  }
}
