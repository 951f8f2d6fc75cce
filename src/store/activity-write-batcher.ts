// Group commit for activities recorded from Slack events. Events that arrive together are
// validated one by one, then written in ONE transaction: one fsync (SQLite) or round trip
// (PostgreSQL) for the lot instead of one each. Every caller still learns the outcome of its
// own activity only after the transaction holding it committed, so "ack after durable
// commit" holds. Idempotency is unchanged: a key already stored (or queued twice) is a
// duplicate, decided inside the transaction. A message, reply or edit whose deletion is already
// stored (or in the same group) is stored scrubbed, decided inside the transaction too (see
// ActivityRepository.insertNew).
import { keyOf, type ActivityRepository, type NewActivity } from './repositories/activity-repository';
import { isStoreUnavailable } from './errors';
import type { Prisma } from './prisma-client';

interface Pending {
  row: Prisma.ActivityCreateManyInput;
  deletionSourceKey: string | undefined;
  resolve: (result: { duplicate: boolean }) => void;
  reject: (error: unknown) => void;
}

/** Largest number of activities written in one transaction. */
const MAX_BATCH = 500;

export class ActivityWriteBatcher {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(private readonly activities: ActivityRepository) {}

  /**
   * Records one activity; resolves once it (or the row it duplicates) is committed.
   * Validation errors are thrown at once, for this draft alone.
   */
  record(draft: NewActivity): Promise<{ duplicate: boolean }> {
    const row = this.activities.prepare(draft);
    const deletionSourceKey = draft.deletionSourceKey;
    return new Promise((resolve, reject) => {
      this.queue.push({ row, deletionSourceKey, resolve, reject });
      this.schedule();
    });
  }

  private async writeAlone(p: Pending): Promise<void> {
    try {
      const { duplicateIndexes } = await this.activities.insertNew([p.row], [p.deletionSourceKey]);
      p.resolve({ duplicate: duplicateIndexes.length > 0 });
    } catch (error) {
      p.reject(error);
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate: gather everything that arrived in this turn of the event loop.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      // The same event twice in one batch: the second waits on the first and is a duplicate.
      const first = new Map<string, Pending>();
      const repeats: Pending[] = [];
      for (const p of batch) {
        const key = keyOf(p.row);
        if (first.has(key)) repeats.push(p);
        else first.set(key, p);
      }
      const unique = [...first.values()];
      const { duplicateIndexes } = await this.activities.insertNew(
        unique.map((p) => p.row),
        unique.map((p) => p.deletionSourceKey),
      );
      const skipped = new Set(duplicateIndexes);
      unique.forEach((p, index) => p.resolve({ duplicate: skipped.has(index) }));
      for (const p of repeats) p.resolve({ duplicate: true });
    } catch (error) {
      // The database is away: every row would fail alone too, and try again (slowly) to say so.
      if (batch.length === 1 || isStoreUnavailable(error)) for (const p of batch) p.reject(error);
      // One bad row must not fail its neighbours: write them one by one, so only it fails.
      else await Promise.all(batch.map((p) => this.writeAlone(p)));
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

}
