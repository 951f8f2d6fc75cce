import { describe, expect, it, vi } from 'vitest';
import { identityKey, MemberResolver } from '../../../../src/sources/api/resolve-member';
import { sourceKeyFor } from '../../../../src/sources/api/activity-input';

function fakeMembers() {
  return {
    ensureSlackMember: vi.fn(async (ws: string, user: string) => `m_${ws}_${user}`),
    ensureByIdentity: vi.fn(async (_ws: string, identity: { email?: string; externalId?: string }) => `mem_${identity.email ?? identity.externalId}`),
  };
}

describe('member resolution', () => {
  it('names a Slack member by Slack user id, anyone else by email and/or external id', async () => {
    const members = fakeMembers();
    const resolver = new MemberResolver({ members } as never, 'T1');
    expect(await resolver.resolve({ slackUserId: 'U1' })).toBe('m_T1_U1');
    expect(await resolver.resolve({ email: 'a@example.com', name: 'A' })).toBe('mem_a@example.com');
    expect(await resolver.resolve(null)).toBeNull();
    expect(members.ensureByIdentity).toHaveBeenCalledWith('T1', { email: 'a@example.com', name: 'A' });
  });

  it('resolves each distinct identity once per request (emails compared case-insensitively)', async () => {
    const members = fakeMembers();
    const resolver = new MemberResolver({ members } as never, 'T1');
    await Promise.all([resolver.resolve({ email: 'A@example.com' }), resolver.resolve({ email: 'a@example.com ' }), resolver.resolve({ slackUserId: 'U1' }), resolver.resolve({ slackUserId: 'U1' })]);
    expect(members.ensureByIdentity).toHaveBeenCalledTimes(1);
    expect(members.ensureSlackMember).toHaveBeenCalledTimes(1);
  });

  it('keys identities apart by kind', () => {
    expect(identityKey({ slackUserId: 'U1' })).not.toBe(identityKey({ externalId: 'U1' }));
    expect(identityKey({ email: 'x@y.z', externalId: '1' })).not.toBe(identityKey({ email: 'x@y.z' }));
  });

  it('gives an external id a stable source key and anything else a fresh one', () => {
    expect(sourceKeyFor('evt-1')).toBe('ext:evt-1');
    const a = sourceKeyFor(undefined);
    expect(a).toMatch(/^api:[0-9a-f-]{36}$/);
    expect(sourceKeyFor(undefined)).not.toBe(a);
  });
});
