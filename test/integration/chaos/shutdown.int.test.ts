// SIGTERM under load, on SQLite and PostgreSQL, to the app in its own process (`node --import
// tsx src/main.ts`): signed events arrive at high concurrency, and a few requests are certainly
// in the app's hands at that moment (headers accepted with "100 Continue" before the signal,
// bodies sent once it is shutting down). The app drains: it exits 0, the held requests are
// answered 200 and stored, every event answered 200 is in the database after the exit, and
// what got no 200 is redelivered to the next start, so each event ends up stored once. (The
// long version: npm run chaos.)
import { describe, expect, it } from 'vitest';
import { runShutdownScenario } from '../../support/chaos/shutdown';
import { DATABASE_KINDS } from '../../support/databases';

describe.each(DATABASE_KINDS)('graceful shutdown under load (%s)', (kind) => {
  it('SIGTERM drains the requests in flight, exits 0 and loses nothing acknowledged', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
    const figures = await runShutdownScenario({
      kind,
      rounds: 1,
      eventsPerRound: 300,
      concurrency: 16,
      heldPerRound: 4,
      resendShare: 0.2,
      // Slack gives up after 3 s; here the client waits, so that a request can only end by the
      // app's answer or by the app cutting it, whatever the machine's speed.
      timeoutMs: 60_000,
      seed,
    });
    expect(figures.violations).toEqual([]);
    expect(figures.exitCodes).toEqual([0]);
    expect(figures.heldDrained).toBe(4);
    expect(figures.ackedLostAtExits).toEqual([0]);
    expect(figures).toMatchObject({ duplicates: 0, missing: 0, ackedLost: 0 });
    expect(figures.rows).toBe(figures.events);
  }, 150_000);
});
