// Members, channels, workspaces and dead letters on both databases: idempotent, safe under
// concurrent callers, and keeping what an admin decided.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackMemberId } from '../../../src/store/ids';
import { isCollected } from '../../../src/store/repositories/channel-repository';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';
import { testRegistry } from './fixtures';

const W = 'T0MEM';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('isCollected', () => {
  it.each([
    [false, null, true],
    [true, null, false],
    [true, true, true],
    [false, false, false],
    [true, false, false],
    [false, true, true],
  ] as const)('isPrivate=%s override=%s → %s', (isPrivate, override, expected) => {
    expect(isCollected(isPrivate, override)).toBe(expected);
  });
});

describe.each(DATABASE_KINDS)('members, channels, workspaces and dead letters on %s', (kind) => {
  let store: Awaited<ReturnType<typeof createTestStore>>;

  beforeAll(async () => {
    store = await createTestStore(kind, testRegistry);
    await store.workspaces.ensure(W);
  });

  afterAll(async () => {
    await store?.close();
  });

  /** A second store on the same database (another replica); SQLite: the same store (one process per file). */
  async function replica(): Promise<typeof store> {
    if (kind !== 'postgresql') return store;
    const { openStore } = await import('../../../src/store/store');
    return (await openStore({ databaseUrl: store.url, registry: testRegistry, migrate: false })) as typeof store;
  }

  describe('members', () => {
    it('ensureSlackMember creates one row with a derived id and is idempotent', async () => {
      const id = await store.members.ensureSlackMember(W, 'UONE');
      expect(id).toBe(slackMemberId(W, 'UONE'));
      expect(await store.members.ensureSlackMember(W, 'UONE')).toBe(id);
      expect(await store.db.member.count({ where: { workspaceId: W, slackUserId: 'UONE' } })).toBe(1);
      const row = await store.members.findBySlackId(W, 'UONE');
      expect(row).toMatchObject({ id, workspaceId: W, slackUserId: 'UONE', profileFetchedAt: null, isBot: false });
      expect(await store.members.withoutProfile(W, 100)).toContainEqual(expect.objectContaining({ id }));
    });

    it('ensureSlackMember is safe under parallel callers (one process and a second store)', async () => {
      const { openStore } = await import('../../../src/store/store');
      const other =
        kind === 'postgresql' ? await openStore({ databaseUrl: store.url, registry: testRegistry, migrate: false }) : store;
      try {
        const ids = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? other : store).members.ensureSlackMember(W, 'URACE', i % 3 === 0 ? { displayName: `racer ${i}` } : undefined),
          ),
        );
        expect(new Set(ids)).toEqual(new Set([slackMemberId(W, 'URACE')]));
        expect(await store.db.member.count({ where: { workspaceId: W, slackUserId: 'URACE' } })).toBe(1);
      } finally {
        if (other !== store) await other.close();
      }
    });

    it('records firstSeenAt / lastActiveAt on creation, and touch only moves lastActiveAt forward', async () => {
      const seen = new Date('2026-11-01T10:00:00.000Z');
      const id = await store.members.ensureSlackMember(W, 'UACTIVE', undefined, seen);
      expect(await store.members.get(W, id)).toMatchObject({ firstSeenAt: seen, lastActiveAt: seen });
      await store.members.touch(id, new Date('2026-11-02T10:00:00.000Z'));
      await store.members.touch(id, new Date('2026-10-01T10:00:00.000Z'));
      expect((await store.members.get(W, id))?.lastActiveAt).toEqual(new Date('2026-11-02T10:00:00.000Z'));
    });

    it('refreshes the profile when one is given, leaving unspecified fields alone', async () => {
      const id = await store.members.ensureSlackMember(W, 'UPROFILE', {
        displayName: 'old',
        realName: 'Real Name',
        timezone: 'Europe/Paris',
        avatarUrl: 'https://example.com/a.png',
      });
      const first = await store.members.get(W, id);
      expect(first).toMatchObject({ displayName: 'old', realName: 'Real Name', timezone: 'Europe/Paris' });
      expect(first?.profileFetchedAt).toBeInstanceOf(Date);
      await sleep(5);
      await store.members.ensureSlackMember(W, 'UPROFILE', { displayName: 'new', isDeleted: true });
      const second = await store.members.get(W, id);
      expect(second).toMatchObject({
        displayName: 'new',
        realName: 'Real Name',
        timezone: 'Europe/Paris',
        avatarUrl: 'https://example.com/a.png',
        isDeleted: true,
      });
      expect(second!.profileFetchedAt!.getTime()).toBeGreaterThan(first!.profileFetchedAt!.getTime());
      // No profile: the cached fast path writes nothing.
      await store.members.ensureSlackMember(W, 'UPROFILE');
      expect((await store.members.get(W, id))?.displayName).toBe('new');
    });

    it('ensureByIdentity finds or creates by email (case-insensitive) or by external id', async () => {
      const byEmail = await store.members.ensureByIdentity(W, { email: 'Dana@Example.com', name: 'Dana' });
      expect(await store.members.ensureByIdentity(W, { email: ' dana@example.COM ' })).toBe(byEmail);
      expect(await store.members.get(W, byEmail)).toMatchObject({ email: 'dana@example.com', displayName: 'Dana', slackUserId: null });

      const byExternal = await store.members.ensureByIdentity(W, { externalId: 'crm-42' });
      expect(byExternal).not.toBe(byEmail);
      expect(await store.members.ensureByIdentity(W, { externalId: 'crm-42' })).toBe(byExternal);
      // Either identity matches.
      expect(await store.members.ensureByIdentity(W, { email: 'nobody@example.com', externalId: 'crm-42' })).toBe(byExternal);
      // Same email in another workspace: another member.
      await store.workspaces.ensure('T0MEM2');
      expect(await store.members.ensureByIdentity('T0MEM2', { email: 'dana@example.com' })).not.toBe(byEmail);
    });

    it('ensureByIdentity matches a Slack member by the email of their profile', async () => {
      const slackId = await store.members.ensureSlackMember(W, 'UEMAIL', { displayName: 'erin', email: 'Erin@Example.com' });
      expect(await store.members.ensureByIdentity(W, { email: 'erin@example.com' })).toBe(slackId);
    });

    it('a Slack profile whose email another member already has does not fail the Slack member', async () => {
      const known = await store.members.ensureByIdentity(W, { email: 'frank@example.com' });
      const slackId = await store.members.ensureSlackMember(W, 'UFRANK', { displayName: 'frank', email: 'frank@example.com' });
      expect(slackId).toBe(slackMemberId(W, 'UFRANK'));
      expect(await store.members.get(W, slackId)).toMatchObject({ displayName: 'frank' });
      expect(await store.members.ensureByIdentity(W, { email: 'frank@example.com' })).toBe(known);
    });

    it('ensureByIdentity is safe under parallel callers', async () => {
      const ids = await Promise.all(Array.from({ length: 10 }, () => store.members.ensureByIdentity(W, { email: 'gina@example.com' })));
      expect(new Set(ids).size).toBe(1);
      expect(await store.db.member.count({ where: { workspaceId: W, email: 'gina@example.com' } })).toBe(1);
    });

    it('ensureByIdentity needs an email or an external id', async () => {
      await expect(store.members.ensureByIdentity(W, { name: 'no identity' })).rejects.toThrow(/email or an external id/);
    });
  });

  describe('channels', () => {
    it('collects public channels by default and private ones only when opted in', async () => {
      expect(await store.channels.upsert(W, 'CPUBLIC', { name: 'general', isPrivate: false })).toMatchObject({
        isPrivate: false,
        collectOverride: null,
        isCollected: true,
      });
      expect(await store.channels.upsert(W, 'GPRIVATE', { name: 'secret', isPrivate: true })).toMatchObject({
        isPrivate: true,
        collectOverride: null,
        isCollected: false,
      });
      expect(await store.channels.setCollectOverride(W, 'GPRIVATE', true)).toMatchObject({ collectOverride: true, isCollected: true });
    });

    it("keeps an admin's override when the channel info is refreshed", async () => {
      await store.channels.upsert(W, 'GKEEP', { name: 'kept', isPrivate: true });
      await store.channels.setCollectOverride(W, 'GKEEP', true);
      const fetchedAt = new Date('2026-11-20T00:00:00.000Z');
      const refreshed = await store.channels.upsert(W, 'GKEEP', { name: 'kept-renamed', isPrivate: true }, fetchedAt);
      expect(refreshed).toMatchObject({ name: 'kept-renamed', collectOverride: true, isCollected: true, infoFetchedAt: fetchedAt });

      await store.channels.upsert(W, 'COPTOUT', { name: 'noisy' });
      await store.channels.setCollectOverride(W, 'COPTOUT', false);
      expect(await store.channels.upsert(W, 'COPTOUT', { name: 'noisy', isArchived: true })).toMatchObject({
        collectOverride: false,
        isCollected: false,
        isArchived: true,
      });
      // Back to the default.
      expect(await store.channels.setCollectOverride(W, 'COPTOUT', null)).toMatchObject({ collectOverride: null, isCollected: true });
    });

    it('recomputes isCollected when a public channel turns private (and keeps what is not given)', async () => {
      await store.channels.upsert(W, 'CTURN', { name: 'turning', isShared: true });
      const turned = await store.channels.upsert(W, 'CTURN', { isPrivate: true });
      expect(turned).toMatchObject({ name: 'turning', isShared: true, isPrivate: true, isCollected: false });
    });

    it('an override can be set before the channel was ever seen (G… ids are private)', async () => {
      expect(await store.channels.setCollectOverride(W, 'GUNSEEN', true)).toMatchObject({ isPrivate: true, isCollected: true });
      expect(await store.channels.upsert(W, 'GUNSEEN', { name: 'unseen', isPrivate: true })).toMatchObject({ isCollected: true });
      expect(await store.channels.get(W, 'GUNSEEN')).toMatchObject({ name: 'unseen', collectOverride: true });
    });

    it('upsert is safe under parallel callers creating the same new channel (one process and a second store)', async () => {
      const other = await replica();
      try {
        const rows = await Promise.all(
          Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).channels.upsert(W, 'CRACE', i % 3 ? { isPrivate: false } : { name: 'race' })),
        );
        expect(new Set(rows.map((r) => r.id)).size).toBe(1);
        expect(await store.db.channel.count({ where: { workspaceId: W, slackChannelId: 'CRACE' } })).toBe(1);
      } finally {
        if (other !== store) await other.close();
      }
    });

    it('lists a workspace’s channels', async () => {
      const names = (await store.channels.list(W)).map((c) => c.slackChannelId);
      expect(names).toEqual(expect.arrayContaining(['CPUBLIC', 'GPRIVATE', 'GKEEP', 'COPTOUT']));
      expect(await store.channels.get('T0NONE', 'CPUBLIC')).toBeNull();
    });
  });

  describe('workspaces', () => {
    it('ensure creates once and refreshes info', async () => {
      await store.workspaces.ensure('T0WS', { name: 'Acme' });
      await store.workspaces.ensure('T0WS');
      await store.workspaces.ensure('T0WS', { domain: 'acme', name: undefined });
      expect(await store.workspaces.get('T0WS')).toMatchObject({ id: 'T0WS', name: 'Acme', domain: 'acme', revokedAt: null });
      expect((await store.workspaces.list()).filter((w) => w.id === 'T0WS')).toHaveLength(1);
    });

    it('ensure is safe under parallel callers creating the same new workspaces (one process and a second store)', async () => {
      const other = await replica();
      try {
        const ids = Array.from({ length: 5 }, (_, i) => `T0WSRACE${i}`);
        await Promise.all(
          Array.from({ length: 40 }, (_, i) => (i % 2 ? other : store).workspaces.ensure(ids[i % ids.length]!, i % 7 === 0 ? { name: `n${i}` } : undefined)),
        );
        expect(await store.db.workspace.count({ where: { id: { in: ids } } })).toBe(ids.length);
      } finally {
        if (other !== store) await other.close();
      }
    });

    it('markRevoked marks the workspace; markInstalled clears it', async () => {
      await store.workspaces.ensure('T0REV');
      const at = new Date('2026-11-21T08:00:00.000Z');
      await store.workspaces.markRevoked('T0REV', at);
      expect((await store.workspaces.get('T0REV'))?.revokedAt).toEqual(at);
      // Revoking a workspace never seen creates it, revoked.
      await store.workspaces.markRevoked('T0NEVERSEEN', at);
      expect((await store.workspaces.get('T0NEVERSEEN'))?.revokedAt).toEqual(at);

      const again = new Date('2026-11-22T08:00:00.000Z');
      await store.workspaces.markInstalled('T0REV', again);
      expect(await store.workspaces.get('T0REV')).toMatchObject({ revokedAt: null, installedAt: again });
    });
  });

  describe('dead letters', () => {
    it('keeps a payload once per dedupe key: count increments, lastSeenAt moves, firstSeenAt stays', async () => {
      const input = { source: 'slack_event', kind: 'message', dedupeKey: 'Ev0DEAD1', rawPayload: '{"a":1}', reason: 'no mapping', workspaceId: W };
      const id = await store.deadLetters.keep(input);
      const first = await store.db.deadLetter.findUniqueOrThrow({ where: { id } });
      expect(first).toMatchObject({ count: 1, payload: '{"a":1}', reason: 'no mapping', kind: 'message', workspaceId: W });
      await sleep(10);
      expect(await store.deadLetters.keep({ ...input, reason: 'still no mapping' })).toBe(id);
      const second = await store.db.deadLetter.findUniqueOrThrow({ where: { id } });
      expect(second.count).toBe(2);
      expect(second.firstSeenAt).toEqual(first.firstSeenAt);
      expect(second.lastSeenAt.getTime()).toBeGreaterThan(first.lastSeenAt.getTime());
      expect(second.reason).toBe('still no mapping');
      expect(await store.db.deadLetter.count({ where: { dedupeKey: 'Ev0DEAD1' } })).toBe(1);
    });

    it('dedupes by a hash of the payload when no key is given', async () => {
      const a = await store.deadLetters.keep({ source: 'api', rawPayload: 'same body', reason: 'bad' });
      const b = await store.deadLetters.keep({ source: 'api', rawPayload: 'same body', reason: 'bad' });
      const c = await store.deadLetters.keep({ source: 'api', rawPayload: 'other body', reason: 'bad' });
      expect(b).toBe(a);
      expect(c).not.toBe(a);
      expect((await store.db.deadLetter.findUniqueOrThrow({ where: { id: a } })).dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    it('keeps a payload whatever its kind, reason, workspace id or dedupe key hold (NUL, half a surrogate pair, very long)', async () => {
      const id = await store.deadLetters.keep({
        source: 'slack_event',
        workspaceId: 'T0\u0000BAD',
        kind: 'message.\ud83d',
        dedupeKey: `slack:${'Ev'.repeat(5_000)}`,
        rawPayload: '{"text":"a\\u0000b \\ud800"}',
        reason: 'subtype "\udc00" unknown\u0000',
        errorCode: 'x\u0000',
      });
      const row = await store.db.deadLetter.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ workspaceId: 'T0\uFFFDBAD', kind: 'message.\uFFFD', reason: 'subtype "\uFFFD" unknown\uFFFD', errorCode: 'x\uFFFD' });
      expect(row.payload).toBe('{"text":"a\\u0000b \\ud800"}');
      expect(row.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
      // The same long key again is the same dead letter.
      expect(await store.deadLetters.keep({ source: 'slack_event', dedupeKey: `slack:${'Ev'.repeat(5_000)}`, rawPayload: '{}', reason: 'again' })).toBe(id);
    });

    it('counts every one of parallel redeliveries', async () => {
      const ids = await Promise.all(
        Array.from({ length: 10 }, () => store.deadLetters.keep({ source: 'slack_event', dedupeKey: 'Ev0PARALLEL', rawPayload: '{}', reason: 'x' })),
      );
      expect(new Set(ids).size).toBe(1);
      expect((await store.db.deadLetter.findUniqueOrThrow({ where: { id: ids[0]! } })).count).toBe(10);
      expect(await store.deadLetters.list()).toContainEqual(expect.objectContaining({ dedupeKey: 'Ev0PARALLEL' }));
      expect(await store.deadLetters.count()).toBeGreaterThanOrEqual(3);
    });
  });
});
