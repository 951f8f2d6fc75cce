// Run as a separate process by activities.int.test.ts: one "app replica" that opens its own
// store on DATABASE_URL and, at the agreed moment (START_AT, ms since epoch), records the
// drafts it was given, all at once. Prints what each call returned as JSON.
import { openStore } from '../../../src/store/store';
import type { NewActivity } from '../../../src/store/repositories/activity-repository';
import { testRegistry } from './fixtures';

interface Job {
  mode: 'record' | 'recordMany';
  /** record: one call per draft, in parallel; recordMany: one call per batch, in parallel. */
  batches: NewActivity[][];
}

const job = JSON.parse(process.env.REPLICA_JOB ?? '{}') as Job;
const revive = (d: NewActivity): NewActivity => ({ ...d, occurredAt: new Date(d.occurredAt) });
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, registry: testRegistry, migrate: false });
try {
  const wait = Number(process.env.START_AT) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const settle = async (p: Promise<unknown>) =>
    p.then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error: String((error as Error)?.message ?? error).slice(0, 500) }),
    );
  const results =
    job.mode === 'record'
      ? await Promise.all(
          job.batches.flat().map((d) =>
            settle(store.activities.record(revive(d)).then((r) => ({ id: r.activity.id, duplicate: r.duplicate }))),
          ),
        )
      : await Promise.all(job.batches.map((batch) => settle(store.activities.recordMany(batch.map(revive)))));
  process.stdout.write(JSON.stringify(results));
} finally {
  await store.close();
}
