// group_rename: Slack's rename event for private channels. A collected (opted-in) private
// channel's later activities carry its new name, earlier ones keep the old; a multi-person
// DM's rename is not kept (DMs are never collected).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/simulator/factories';
import { BOT_USER_ID, startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { deliverOk, msgKey, stored } from './support';

/** group_rename as Slack's Events API reference shows it. */
function groupRename(channel: { id: string; name: string; is_mpim?: boolean }) {
  return {
    type: 'group_rename' as const,
    channel: { id: channel.id, name: channel.name, name_normalized: channel.name, created: 1360782804, is_channel: false, is_mpim: channel.is_mpim ?? false },
    event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
  };
}

describe.each(DATABASE_KINDS)('private channel renames (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an opted-in private channel follows its rename; earlier activities keep the old name', async () => {
    h.sim.state.addChannel({ id: 'G0PRIVREN', team_id: TEAM_ID, name: 'core-old', is_private: true, members: ['U0ANA', BOT_USER_ID] });
    await h.app.store.workspaces.ensure(TEAM_ID);
    await h.app.store.channels.upsert(TEAM_ID, 'G0PRIVREN', { name: 'core-old', isPrivate: true }, new Date());
    await h.app.store.channels.setCollectOverride(TEAM_ID, 'G0PRIVREN', true);
    const before = messageEvent({ user: 'U0ANA', channel: 'G0PRIVREN', channel_type: 'group', team: TEAM_ID, text: 'before' });
    await deliverOk(h, before);
    expect((await stored(h, msgKey('G0PRIVREN', before.ts))).metadata.channel_name).toBe('core-old');

    h.sim.state.renameChannel('G0PRIVREN', 'core-new');
    await deliverOk(h, groupRename({ id: 'G0PRIVREN', name: 'core-new' }));
    // Another process (the CLI, a replica) would see it within the channel cache's second; this one at once.
    const after = messageEvent({ user: 'U0ANA', channel: 'G0PRIVREN', channel_type: 'group', team: TEAM_ID, text: 'after' });
    await deliverOk(h, after);
    expect((await stored(h, msgKey('G0PRIVREN', after.ts))).metadata.channel_name).toBe('core-new');
    expect((await stored(h, msgKey('G0PRIVREN', before.ts))).metadata.channel_name).toBe('core-old');
    expect(await h.app.store.channels.get(TEAM_ID, 'G0PRIVREN')).toMatchObject({ name: 'core-new', isPrivate: true, isCollected: true });
  });

  it('a private channel first seen through its rename is known as private, and not collected', async () => {
    await deliverOk(h, groupRename({ id: 'G0NEWPRIV', name: 'secret-room' }));
    expect(await h.app.store.channels.get(TEAM_ID, 'G0NEWPRIV')).toMatchObject({ name: 'secret-room', isPrivate: true, isCollected: false });
  });

  it("a multi-person DM's rename is not kept", async () => {
    await deliverOk(h, groupRename({ id: 'G0MPIM', name: 'mpdm-ana--bo-1', is_mpim: true }));
    expect(await h.app.store.channels.get(TEAM_ID, 'G0MPIM')).toBeNull();
  });
});
