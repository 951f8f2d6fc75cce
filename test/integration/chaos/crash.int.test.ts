// kill -9 under load, on SQLite and PostgreSQL: the app (a real `node --import tsx src/main.ts`
// process) is killed at random moments while signed events arrive at high concurrency, then
// restarted on the same database; what got no 200 is redelivered with Slack's retry headers,
// with a share of what did. After every kill each acknowledged event is stored; at the end
// there is exactly one row per distinct event. (The long version: npm run chaos.)
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../support/databases';
import { runCrashScenario } from '../../support/chaos/crash';

describe.each(DATABASE_KINDS)('kill -9 under load (%s)', (kind) => {
  it('2 rounds of 120 events at concurrency 16, killed once a round: nothing acknowledged is lost, one row per event', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
    const figures = await runCrashScenario({ kind, rounds: 2, eventsPerRound: 120, concurrency: 16, killsPerRound: 1, resendShare: 0.2, seed });
    expect(figures.violations).toEqual([]);
    expect(figures.kills).toBe(2);
    expect(figures.ackedLostAtKills).toEqual([0, 0]);
    expect(figures).toMatchObject({ events: 240, acked: 240, rows: 240, duplicates: 0, missing: 0, ackedLost: 0 });
    expect(figures.redelivered).toBeGreaterThan(0);
    expect(figures.resentAfterAck).toBeGreaterThan(0);
  }, 120_000);
});
