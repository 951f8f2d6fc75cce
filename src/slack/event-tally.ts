// What the app did with Slack's events, counted and logged once a minute at info level, so an
// operator sees at a glance that events arrive and what became of them (one debug line per
// event is written by the listeners). A quiet minute logs nothing.
import type { Logger } from '../logger';

/** What became of one event (the collect use case's outcomes, plus "handled" for bookkeeping events). */
export type TallyOutcome = 'recorded' | 'duplicate' | 'ignored' | 'not_collected' | 'dead_lettered' | 'scrubbed' | 'handled';

export interface TallyCounts {
  received: number;
  stored: number;
  duplicates: number;
  deadLetters: number;
  ignored: number;
  notCollected: number;
  scrubbed: number;
  handled: number;
  /** Listener threw (database down): answered non-2xx, Slack will redeliver. */
  failed: number;
  /** Requests to /slack/events refused for a bad signature or an old timestamp. */
  badSignatures: number;
}

const FIELD: Record<TallyOutcome, keyof TallyCounts> = {
  recorded: 'stored',
  duplicate: 'duplicates',
  ignored: 'ignored',
  not_collected: 'notCollected',
  dead_lettered: 'deadLetters',
  scrubbed: 'scrubbed',
  handled: 'handled',
};

const zero = (): TallyCounts => ({
  received: 0,
  stored: 0,
  duplicates: 0,
  deadLetters: 0,
  ignored: 0,
  notCollected: 0,
  scrubbed: 0,
  handled: 0,
  failed: 0,
  badSignatures: 0,
});

export class EventTally {
  private counts = zero();
  private timer: NodeJS.Timeout | undefined;
  private firstEventSeen = false;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  received(teamId: string, type: string): void {
    this.counts.received++;
    if (!this.firstEventSeen) {
      this.firstEventSeen = true;
      this.logger.info({ teamId, type }, 'first event received from Slack: collection is live');
    }
  }

  outcome(outcome: TallyOutcome): void {
    this.counts[FIELD[outcome]]++;
  }

  failed(): void {
    this.counts.failed++;
  }

  badSignature(): void {
    this.counts.badSignatures++;
  }

  /** The counts since the last summary (for tests and the summary itself). */
  peek(): Readonly<TallyCounts> {
    return { ...this.counts };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.flush(), this.intervalMs);
    // A summary is never a reason to keep the process alive.
    this.timer.unref();
  }

  /** Logs the summary of the period (when anything happened) and starts a new one. */
  flush(): void {
    const counts = this.counts;
    this.counts = zero();
    if (Object.values(counts).every((n) => n === 0)) return;
    const minutes = this.intervalMs / 60_000;
    const period = minutes === 1 ? 'the last minute' : `the last ${this.intervalMs / 1000} s`;
    const extra = counts.badSignatures > 0 ? ` (${counts.badSignatures} refused for a bad signature: does SLACK_SIGNING_SECRET match the app's Signing Secret?)` : '';
    const level = counts.failed > 0 || counts.badSignatures > 0 ? 'warn' : 'info';
    this.logger[level](
      { ...counts, periodMs: this.intervalMs },
      `Slack events in ${period}: ${counts.received} received, ${counts.stored} stored, ${counts.duplicates} duplicates, ${counts.deadLetters} dead letters, ${counts.failed} failed${extra}`,
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }
}
