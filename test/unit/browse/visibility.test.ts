import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/logger';
import { PrivateChannelDirectory, type ConversationsClient } from '../../../src/browse/visibility';

const logger = createLogger('silent');

function client(pages: { id: string }[][]): ConversationsClient & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    users: {
      conversations: vi.fn(async (args: { cursor?: string }) => {
        calls.push(args);
        const index = args.cursor ? Number(args.cursor) : 0;
        return { ok: true, channels: pages[index] ?? [], response_metadata: { next_cursor: index + 1 < pages.length ? String(index + 1) : '' } };
      }),
    },
  };
}

describe('PrivateChannelDirectory', () => {
  it('asks users.conversations for the viewer private channels, every page, and caches briefly', async () => {
    let now = 0;
    const directory = new PrivateChannelDirectory(logger, { ttlMs: 1000, now: () => now });
    const slack = client([[{ id: 'G1' }, { id: 'G2' }], [{ id: 'C3' }]]);
    expect(await directory.privateChannelIds(slack, 'T1', 'U1')).toEqual(['G1', 'G2', 'C3']);
    expect(slack.calls[0]).toMatchObject({ user: 'U1', types: 'private_channel' });
    expect(slack.calls).toHaveLength(2);
    await directory.privateChannelIds(slack, 'T1', 'U1');
    expect(slack.calls).toHaveLength(2);
    now = 1500;
    await directory.privateChannelIds(slack, 'T1', 'U1');
    expect(slack.calls).toHaveLength(4);
  });

  it('asks once for concurrent lookups of the same member', async () => {
    const directory = new PrivateChannelDirectory(logger);
    const slack = client([[{ id: 'G1' }]]);
    const [a, b] = await Promise.all([directory.privateChannelIds(slack, 'T1', 'U1'), directory.privateChannelIds(slack, 'T1', 'U1')]);
    expect(a).toEqual(['G1']);
    expect(b).toEqual(['G1']);
    expect(slack.calls).toHaveLength(1);
  });

  it('shows no private channel when Slack cannot be asked (less, never more)', async () => {
    const directory = new PrivateChannelDirectory(logger);
    const failing: ConversationsClient = { users: { conversations: async () => Promise.reject(new Error('ratelimited')) } };
    expect(await directory.privateChannelIds(failing, 'T1', 'U1')).toEqual([]);
  });
});
