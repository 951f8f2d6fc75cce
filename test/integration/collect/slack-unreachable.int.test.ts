// When Slack's Web API cannot be reached at all (every connection reset), events are still
// answered and recorded with IDs, and the app does not spin: it backs off per method (1 s,
// doubling) and tries a handful of connections, not one (or three) per lookup. Labels come once
// Slack is back. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT } from '../../../src/sources/slack/lookups/slack-call-gate';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';
import { seedWorkspace, startHarness, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { eventually } from '../../support/eventually';
import { coldEvents, deliverAll } from './cold-events';
import { startSlackRelay, type SlackRelay } from './slack-relay';
import { stored } from './support';

describe.each(DATABASE_KINDS)('Slack unreachable (%s)', (kind) => {
  let sim: SlackSimulator;
  let relay: SlackRelay;
  let h: Harness;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    seedWorkspace(sim);
    relay = await startSlackRelay({ port: sim.port });
    h = await startHarness({ kind, sim, env: { SLACK_API_URL: relay.apiUrl } });
  });
  afterAll(async () => {
    await h?.close();
    await relay?.close();
    await sim?.close();
  });

  it('30 events needing lookups while every connection is refused: all recorded, a handful of connection attempts, labels filled once Slack is back', async () => {
    const events = coldEvents(h, `UR${kind === 'sqlite' ? 'S' : 'P'}`, 30);
    relay.refuse();
    const refusedBefore = relay.refused;
    const started = Date.now();
    await deliverAll(h, events, 6);
    for (const { sourceKey } of events) expect(await stored(h, sourceKey)).toMatchObject({ labelsPending: true, channelPrivate: true });
    // Three seconds of outage: per method, the attempts in flight when the first one failed, then
    // one after 1 s and one 2 s later (the label filler waiting for Slack). Not 30 events x 2-3
    // lookups x 3 attempts each, nor a filler asking again and again.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 3500 - Date.now())));
    expect(relay.refused - refusedBefore).toBeLessThanOrEqual(2 * (MAX_IN_FLIGHT + 3));
    expect(h.sim.calls.filter((c) => c.at.getTime() >= started)).toHaveLength(0);

    relay.restore();
    for (const { sourceKey, labels } of events) {
      await eventually(async () => {
        expect(await stored(h, sourceKey)).toMatchObject({ labelsPending: false, channelPrivate: false, metadata: labels });
      }, 25_000, 100);
    }
  });
});
