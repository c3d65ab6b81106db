/** One content-safety event: what the level did about a request, categories only (never text). */
export interface SafetyEvent {
  readonly atMs: number;
  readonly requestId: string;
  readonly consumer: string | undefined;
  readonly outsideName: string | undefined;
  readonly level: string;
  readonly side: "input" | "output";
  readonly action: "block" | "flag" | "redact";
  readonly categories: readonly string[];
  readonly score: number;
}

/**
 * The latest events in memory, newest last, for `GET /admin/safety/events`: a ring of fixed size,
 * so a burst of attacks costs no more memory than a quiet day.
 */
export class SafetyEventLog {
  private readonly ring: SafetyEvent[] = [];
  private next = 0;

  constructor(private readonly capacity = 1000) {}

  add(event: SafetyEvent): void {
    if (this.ring.length < this.capacity) this.ring.push(event);
    else this.ring[this.next] = event;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  list(limit = this.capacity): SafetyEvent[] {
    const ordered = this.ring.length < this.capacity ? this.ring.slice() : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.slice(-limit);
  }
}
