// When waiting on Slack must end. An event gets one deadline when its handling starts, and every
// Web API lookup it makes (channel, initiator, recipient) waits against that same deadline, so
// the event's whole wait on Slack is bounded by the budget, not the budget once per lookup.

export class Deadline {
  private constructor(
    /** The moment waiting ends, on `now`'s clock. */
    readonly at: number,
    private readonly now: () => number,
  ) {}

  /** A deadline `ms` from now (0 or less: already passed). */
  static after(ms: number, now: () => number = Date.now): Deadline {
    return new Deadline(now() + Math.max(0, ms), now);
  }

  /** Milliseconds left, 0 once passed. */
  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }

  get passed(): boolean {
    return this.remainingMs() <= 0;
  }

  /** True when something that can only happen at `moment` (same clock) would come after this deadline. */
  isBefore(moment: number): boolean {
    return this.at < moment;
  }

  /** Resolves (with nothing) when the deadline passes. The timer does not keep the process alive. */
  reached(): { promise: Promise<void>; cancel(): void } {
    let timer: NodeJS.Timeout | undefined;
    const promise = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.remainingMs());
      timer.unref?.();
    });
    return { promise, cancel: () => clearTimeout(timer) };
  }
}
