// API keys and scopes over real HTTP, on SQLite and PostgreSQL: wrong or missing keys are
// 401, a missing scope is a 403 naming it, and a key never sees another workspace's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope } from '../../../src/api/principal';
import { startHarness, TEAM_ID, TEST_API_TOKEN, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { call, get, post, validItem } from './support';

const OTHER = 'T0ISOLATED';

/** One request per operation that needs a key, with the scopes it needs. */
const OPERATIONS: { method: string; path: string; body?: unknown; scopes: ApiScope[] }[] = [
  { method: 'GET', path: '/activities', scopes: ['activities:read'] },
  { method: 'GET', path: '/activities/act_missing', scopes: ['activities:read'] },
  { method: 'POST', path: '/activities', body: validItem('post.created'), scopes: ['activities:write'] },
  { method: 'POST', path: '/activities/batch', body: { activities: [validItem('post.created')] }, scopes: ['activities:write'] },
  { method: 'GET', path: '/export', scopes: ['export'] },
  { method: 'GET', path: '/stats', scopes: ['activities:read'] },
  { method: 'GET', path: '/members', scopes: ['members:read'] },
  { method: 'GET', path: '/members/U0ANA', scopes: ['members:read'] },
  { method: 'GET', path: '/activity-types', scopes: [] },
  { method: 'GET', path: '/activity-types/post.created', scopes: [] },
];

describe.each(DATABASE_KINDS)('API keys and scopes (%s)', (kind) => {
  let h: Harness;
  const keys: Record<string, string> = {};

  async function key(workspaceId: string, scopes: ApiScope[]): Promise<string> {
    return (await h.app.store.apiKeys.create({ workspaceId, name: `${workspaceId} ${scopes.join(' ')}`, scopes })).secret;
  }

  beforeAll(async () => {
    h = await startHarness({ kind });
    await h.app.store.workspaces.ensure(OTHER, { name: 'Another community' });
    keys.mineAll = await key(TEAM_ID, ['activities:read', 'activities:write', 'members:read', 'export']);
    keys.otherAll = await key(OTHER, ['activities:read', 'activities:write', 'members:read', 'export']);
    keys.readOnly = await key(TEAM_ID, ['activities:read']);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers 401 to a missing, malformed, unknown or revoked key, on every operation', async () => {
    const revoked = await h.app.store.apiKeys.create({ workspaceId: TEAM_ID, name: 'old', scopes: ['activities:read'] });
    await h.app.store.apiKeys.revoke(revoked.key.id);
    for (const op of OPERATIONS) {
      for (const token of [null, 'ak_not-a-real-key-at-all-0000000000000', `${keys.mineAll}x`, revoked.secret, TEST_API_TOKEN.slice(1)]) {
        const result = await call(h, op.method, op.path, { token, ...(op.body ? { body: op.body } : {}) });
        expect(result.status, `${op.method} ${op.path} with ${token}`).toBe(401);
        expect(result.headers.get('www-authenticate')).toBe('Bearer');
        expect(result.body.error.code).toBe('unauthorized');
      }
    }
    const scheme = await h.api('/api/v1/activities', { token: null, headers: { authorization: `Basic ${keys.mineAll}` } });
    expect(scheme.status).toBe(401);
  });

  it('answers 403 naming the missing scope, on every operation that needs one', async () => {
    const none = await key(TEAM_ID, []);
    for (const op of OPERATIONS) {
      const result = await call(h, op.method, op.path, { token: none, ...(op.body ? { body: op.body } : {}) });
      if (op.scopes.length === 0) {
        expect(result.status, `${op.method} ${op.path}`).toBe(200);
        continue;
      }
      expect(result.status, `${op.method} ${op.path}`).toBe(403);
      expect(result.body.error).toMatchObject({ code: 'forbidden', message: `this API key lacks the "${op.scopes[0]}" scope` });
    }
  });

  it('lets each scope do exactly its operations', async () => {
    const allowed = await call(h, 'GET', '/activities', { token: keys.readOnly });
    expect(allowed.status).toBe(200);
    const refused = await post(h, '/activities', validItem('post.created'), { token: keys.readOnly });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('"activities:write"');
    const writer = await key(TEAM_ID, ['activities:write']);
    expect((await post(h, '/activities', validItem('post.created'), { token: writer })).status).toBe(201);
    expect((await get(h, '/activities', { token: writer })).status).toBe(403);
  });

  it('keeps API_TOKEN working as an all-scopes key for the Slack workspace', async () => {
    for (const op of OPERATIONS) {
      const result = await call(h, op.method, op.path, { token: TEST_API_TOKEN, ...(op.body ? { body: op.body } : {}) });
      expect([200, 201, 404], `${op.method} ${op.path}: ${result.status}`).toContain(result.status);
    }
  });

  it('never shows one workspace the data of another', async () => {
    const mine = await post(h, '/activities', validItem('award.given', { external_id: 'iso-1', initiator: { email: 'same@example.com' } }), { token: keys.mineAll });
    const theirs = await post(h, '/activities', validItem('award.given', { external_id: 'iso-1', initiator: { email: 'same@example.com' } }), { token: keys.otherAll });
    // The same external_id and email in two workspaces are two activities and two members.
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.activity.id).not.toBe(mine.body.activity.id);
    expect(theirs.body.activity.initiator.id).not.toBe(mine.body.activity.initiator.id);
    expect(theirs.body.activity.workspace_id).toBe(OTHER);

    const theirList = await get(h, '/activities?limit=500', { token: keys.otherAll });
    expect(theirList.body.activities.map((a: { workspace_id: string }) => a.workspace_id)).toEqual(Array(theirList.body.activities.length).fill(OTHER));
    expect(theirList.body.activities.map((a: { id: string }) => a.id)).toContain(theirs.body.activity.id);

    expect((await get(h, `/activities/${mine.body.activity.id}`, { token: keys.otherAll })).status).toBe(404);
    expect((await get(h, `/activities/${theirs.body.activity.id}`, { token: keys.mineAll })).status).toBe(404);
    expect((await get(h, `/members/${mine.body.activity.initiator.id}`, { token: keys.otherAll })).status).toBe(404);
    expect((await get(h, `/members/${theirs.body.activity.initiator.id}`, { token: keys.otherAll })).status).toBe(200);

    const theirMembers = await get(h, '/members?limit=500', { token: keys.otherAll });
    expect(theirMembers.body.members.every((m: { workspace_id: string }) => m.workspace_id === OTHER)).toBe(true);

    const exported = await h.api('/api/v1/export', { token: keys.otherAll });
    const rows = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l) as { workspace_id: string });
    expect(rows.length).toBe(theirList.body.activities.length);
    expect(rows.every((r) => r.workspace_id === OTHER)).toBe(true);

    const stats = await get(h, '/stats?since=2024-01-01', { token: keys.otherAll });
    expect(stats.body.total).toBe(theirList.body.activities.length);
    const myStats = await get(h, '/stats?since=2024-01-01', { token: keys.mineAll });
    expect(myStats.body.total).toBeGreaterThan(0);
    expect(myStats.body.top_members.map((m: { member: { id: string } }) => m.member.id)).not.toContain(theirs.body.activity.initiator.id);
  });

  it('records when a key was last used', async () => {
    const secret = await key(TEAM_ID, ['activities:read']);
    await get(h, '/activities', { token: secret });
    await expect
      .poll(async () => (await h.app.store.apiKeys.list(TEAM_ID)).find((k) => secret.startsWith(k.prefix) && k.lastUsedAt !== null))
      .toBeDefined();
  });
});
