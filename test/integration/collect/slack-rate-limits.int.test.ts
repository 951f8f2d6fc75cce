// When Slack rate-limits users.info and conversations.info, the app backs off per method and
// workspace as a whole (honouring Retry-After, doubling while the 429s go on), instead of every
// member and channel retrying on its own: a storm turns into a handful of calls. Events are
// still answered and recorded with IDs; the labels come once the storm is over. On SQLite and
// PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT } from '../../../src/sources/slack/lookups/slack-call-gate';
import { startHarness, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { eventually } from '../../support/eventually';
import { coldEvents, deliverAll } from './cold-events';
import { stored } from './support';

const LOOKUPS = ['users.info', 'conversations.info'];

describe.each(DATABASE_KINDS)('a 429 storm on the lookups (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    h?.sim.resetFaults();
    await h?.close();
  });

  it('40 new members in 40 new channels during a 4 s storm: every event recorded, a handful of 429s, every label filled after', async () => {
    const events = coldEvents(h, `RL${kind === 'sqlite' ? 'S' : 'P'}`, 40);
    const first = h.sim.calls.length;
    for (const method of LOOKUPS) h.sim.rateLimit(method, { times: Number.MAX_SAFE_INTEGER, retryAfterSec: 1 });
    const stormStarted = Date.now();
    await deliverAll(h, events, 8);
    for (const { sourceKey } of events) expect(await stored(h, sourceKey)).toMatchObject({ labelsPending: true });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stormStarted + 4000 - Date.now())));
    h.sim.resetFaults();

    // Per method: the calls in flight when the first 429 came back, then one probe after each
    // wait (1 s, then 2 s: the next is after the storm). Not 80 lookups each retrying.
    const rateLimited = h.sim.calls.slice(first).filter((c) => LOOKUPS.includes(c.method));
    expect(rateLimited.every((c) => c.status === 429)).toBe(true);
    for (const method of LOOKUPS) expect(rateLimited.filter((c) => c.method === method).length).toBeLessThanOrEqual(MAX_IN_FLIGHT + 3);

    for (const { sourceKey, labels } of events) {
      await eventually(async () => {
        expect(await stored(h, sourceKey)).toMatchObject({ labelsPending: false, channelPrivate: false, metadata: labels });
      }, 20_000, 100);
    }
    // Once the storm was over, each member and channel was asked once.
    const after = h.sim.calls.slice(first).filter((c) => LOOKUPS.includes(c.method) && c.status === 200);
    expect(after.filter((c) => c.method === 'conversations.info').length).toBe(40);
    expect(after.filter((c) => c.method === 'users.info').length).toBe(60);
  });
});
