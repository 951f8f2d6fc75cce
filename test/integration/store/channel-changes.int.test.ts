// The event hot path's channel rows (ChannelRepository.getRecent) are cached and checked once
// per CHANNEL_CACHE_MS against the channels changed since (updatedAt), on both databases. A
// change written by another process, even one whose clock is a few seconds behind, is seen
// within that time; a channel nobody changed is not read again. The other process is stood in
// for by SQL written straight to the database, past this store's cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRowId } from '../../../src/store/ids';
import { CHANNEL_CACHE_MS } from '../../../src/store/repositories/channel-repository';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';
import { testRegistry } from './fixtures';

const W = 'T0CHANGES';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DATABASE_KINDS)('channel rows seen by the event hot path (%s)', (kind) => {
  let store: Awaited<ReturnType<typeof createTestStore>>;

  beforeAll(async () => {
    store = await createTestStore(kind, testRegistry);
    await store.workspaces.ensure(W);
  });
  afterAll(async () => {
    await store?.close();
  });

  /** Another process's write: sets the columns and updatedAt (its clock `skewMs` off ours), bypassing this store. */
  async function writeElsewhere(channel: string, set: { name?: string; isCollected?: boolean }, skewMs = 0): Promise<void> {
    const updatedAt = new Date(Date.now() + skewMs);
    const id = channelRowId(W, channel);
    if (set.name !== undefined) await store.db.channel.updateMany({ where: { id }, data: { name: set.name, updatedAt } });
    if (set.isCollected !== undefined) await store.db.channel.updateMany({ where: { id }, data: { isCollected: set.isCollected, collectOverride: set.isCollected, updatedAt } });
  }

  it('a rename and an opt-out made elsewhere are seen within CHANNEL_CACHE_MS, with that process’s clock 5 s behind', async () => {
    await store.channels.upsert(W, 'C0ONE', { name: 'one', isPrivate: false }, new Date());
    expect((await store.channels.getRecent(W, 'C0ONE'))?.name).toBe('one');

    await writeElsewhere('C0ONE', { name: 'one-renamed', isCollected: false }, -5_000);
    await sleep(CHANNEL_CACHE_MS + 50);
    const seen = await store.channels.getRecent(W, 'C0ONE');
    expect(seen).toMatchObject({ name: 'one-renamed', isCollected: false });
    expect(store.channels.peekRecent(W, 'C0ONE')).toMatchObject({ name: 'one-renamed' });
  });

  it('a channel created elsewhere after it was looked up as missing is found within CHANNEL_CACHE_MS', async () => {
    expect(await store.channels.getRecent(W, 'C0LATER')).toBeNull();
    await store.db.channel.create({ data: { id: channelRowId(W, 'C0LATER'), workspaceId: W, slackChannelId: 'C0LATER', name: 'later', updatedAt: new Date(Date.now() - 3_000) } });
    await sleep(CHANNEL_CACHE_MS + 50);
    expect((await store.channels.getRecent(W, 'C0LATER'))?.name).toBe('later');
  });

  it('a channel nobody changed is served from the cache after CHANNEL_CACHE_MS (not read again)', async () => {
    await store.channels.upsert(W, 'C0QUIET', { name: 'quiet', isPrivate: false }, new Date());
    expect((await store.channels.getRecent(W, 'C0QUIET'))?.name).toBe('quiet');
    // A write that does not move updatedAt is invisible to the change check, so the cached row stays: proof it was not re-read.
    await store.db.$executeRawUnsafe(`UPDATE "Channel" SET "name" = 'quiet-unnoticed' WHERE "id" = '${channelRowId(W, 'C0QUIET')}'`);
    await sleep(CHANNEL_CACHE_MS + 50);
    expect((await store.channels.getRecent(W, 'C0QUIET'))?.name).toBe('quiet');
    // get() reads the store itself.
    expect((await store.channels.get(W, 'C0QUIET'))?.name).toBe('quiet-unnoticed');
  });
});
