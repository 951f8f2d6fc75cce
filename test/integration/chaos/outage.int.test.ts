// A database outage under load, on SQLite and PostgreSQL, against the app in its own process:
// PostgreSQL refusing connections (a TCP proxy between the app and the server refuses new ones
// and cuts the open ones), SQLite write-locked by another process (BEGIN EXCLUSIVE). While it
// is down no event is answered 200 (so Slack redelivers), the API answers 503
// store_unavailable with Retry-After and /readyz 503 with a generic reason; afterwards the same
// process is ready again without a restart, stores the redeliveries, and nothing acknowledged
// is lost. (The long version, with a 10-second outage: npm run chaos.)
import { describe, expect, it } from 'vitest';
import { runOutageScenario } from '../../support/chaos/outage';
import { DATABASE_KINDS } from '../../support/databases';

describe.each(DATABASE_KINDS)('database outage under load (%s)', (kind) => {
  it('non-2xx while down, 503 from the API and /readyz, recovery without a restart, nothing acknowledged lost', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
    const figures = await runOutageScenario({ kind, outageMs: 3_000, events: 3_000, concurrency: 8, resendShare: 0.2, seed });
    expect(figures.violations).toEqual([]);
    expect(figures.samePid).toBe(true);
    expect(figures.ackedWhileDown).toBe(0);
    expect(figures.refusedWhileDown).toBeGreaterThan(0);
    expect(figures.readyz503).toBe(figures.readyzWhileDown);
    expect(figures.api503).toBe(figures.apiWhileDown);
    expect(figures).toMatchObject({ duplicates: 0, missing: 0, ackedLost: 0 });
    expect(figures.rows).toBe(figures.events);
  }, 150_000);
});
