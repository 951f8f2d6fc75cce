// Helpers shared by the collect integration suites: deliver an inner event to the running app
// (wrapped in an envelope for our workspace, signed), and read back what it stored.
import pg from 'pg';
import { expect } from 'vitest';
import { eventCallback } from '../../../src/simulator/factories';
import type { SendOptions, SlackDelivery } from '../../../src/simulator/sender';
import type { ActivityView } from '../../../src/activities/read-model';
import { TEAM_ID, type Harness } from '../../support/app-harness';

/** Wraps `event` for our workspace (envelope overrides allowed). */
export function envelope<E extends { type: string }>(event: E, overrides: Record<string, unknown> = {}) {
  return eventCallback(event, { team_id: TEAM_ID, ...overrides });
}

/** Delivers an event over HTTP as Slack would; returns the envelope and the app's answer. */
export async function deliver<E extends { type: string }>(
  h: Harness,
  event: E,
  opts: SendOptions & { envelope?: Record<string, unknown> } = {},
): Promise<{ body: ReturnType<typeof eventCallback<E>>; res: SlackDelivery }> {
  const { envelope: overrides, ...sendOpts } = opts;
  const body = envelope(event, overrides);
  const res = await h.event(body, sendOpts);
  return { body, res };
}

/** Delivers and expects Slack's 200. */
export async function deliverOk<E extends { type: string }>(h: Harness, event: E, opts: Parameters<typeof deliver>[2] = {}) {
  const result = await deliver(h, event, opts);
  expect(result.res.status, result.res.text).toBe(200);
  return result;
}

export function byKey(h: Harness, sourceKey: string): Promise<ActivityView | null> {
  return h.app.store.activityReads.findBySourceKey(TEAM_ID, sourceKey);
}

/** The stored activity under `sourceKey`, failing the test when there is none. */
export async function stored(h: Harness, sourceKey: string): Promise<ActivityView> {
  const activity = await byKey(h, sourceKey);
  expect(activity, `no activity stored under ${sourceKey}`).not.toBeNull();
  return activity!;
}

export const msgKey = (channel: string, ts: string) => `msg:${channel}:${ts}`;

/** Rows stored for a channel + message ts under any source key (msg:, edit:, delete:, react:). */
export async function rowsAbout(h: Harness, channel: string, ts: string): Promise<number> {
  return h.app.store.db.activity.count({
    where: {
      workspaceId: TEAM_ID,
      OR: [
        { sourceKey: `msg:${channel}:${ts}` },
        { sourceKey: `delete:${channel}:${ts}` },
        { sourceKey: { startsWith: `edit:${channel}:${ts}:` } },
        { sourceKey: { startsWith: `react:${channel}:${ts}:` } },
      ],
    },
  });
}

export const activityCount = (h: Harness) => h.app.store.db.activity.count({ where: { workspaceId: TEAM_ID } });
export const deadLetterCount = (h: Harness) => h.app.store.db.deadLetter.count();

/** The dead letter of an Events API delivery (keyed by its event_id), or null. */
export function deadLetterOf(h: Harness, eventId: string) {
  return h.app.store.db.deadLetter.findUnique({ where: { dedupeKey: `slack:${eventId}` } });
}

/** GET on /api/v1 with the API token; returns status and parsed JSON. */
export async function apiGet(h: Harness, path: string, token?: string | null): Promise<{ status: number; body: any }> {
  const response = await h.api(`/api/v1${path}`, token === undefined ? {} : { token });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';

/**
 * A real PostgreSQL outage for the app (and only for it): the database refuses new
 * connections and every open one is terminated; `true` lets connections in again.
 */
export async function setAllowConnections(h: Harness, allow: boolean): Promise<void> {
  if (h.database.kind !== 'postgresql') throw new Error('setAllowConnections is for PostgreSQL');
  const name = decodeURIComponent(new URL(h.database.url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${allow}`);
    if (!allow) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  } finally {
    await admin.end();
  }
}
