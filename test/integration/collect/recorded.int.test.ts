// What the collector records from Slack events, over real signed HTTP into the real app, on
// SQLite and PostgreSQL: member posts, replies, reactions, joins, edits and deletions become
// activities with point-in-time labels; bots, system notices, DMs and private channels that
// nobody opted in do not (and are not dead letters either); profile and channel changes
// apply to later activities only; a shared channel's foreign author is recorded here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appPostedMessage,
  appUninstalled,
  botMessage,
  channelJoinMessage,
  channelRename,
  channelTopicMessage,
  fileShareMessage,
  linkUnfurled,
  meMessage,
  messageChanged,
  messageDeleted,
  messageEvent,
  messageReplied,
  nextTs,
  reactionAdded,
  reactionRemoved,
  teamJoin,
  threadBroadcast,
  threadReply,
  tsToDate,
  userChange,
} from '../../../src/simulator/factories';
import { BOT_USER_ID, OTHER_TEAM_ID, startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { activityCount, apiGet, byKey, deadLetterCount, deliverOk, msgKey, rowsAbout, stored } from './support';

describe.each(DATABASE_KINDS)('collecting Slack events (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('recorded', () => {
    it('a top-level message: slack_message.created with the channel name and the author name from users.info', async () => {
      const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'Hello from Ana', team: TEAM_ID });
      await deliverOk(h, event);
      const a = await stored(h, msgKey('C0GENERAL', event.ts));
      expect(a).toMatchObject({
        type: 'slack_message.created',
        version: 1,
        channelId: 'C0GENERAL',
        channelPrivate: false,
        source: 'slack',
        initiator: { slackUserId: 'U0ANA' },
        recipient: null,
        metadata: { team_id: TEAM_ID, channel_id: 'C0GENERAL', channel_name: 'general', message_ts: event.ts, excerpt: 'Hello from Ana', initiator_name: 'Ana' },
      });
      expect(a.metadata).not.toHaveProperty('user_team_id');
      expect(a.occurredAt.getTime()).toBe(tsToDate(event.ts).getTime());
      expect(h.sim.callsTo('users.info').some((c) => c.params.user === 'U0ANA')).toBe(true);
    });

    it('a file_share and a /me message: slack_message.created with their subtype', async () => {
      const file = fileShareMessage({ user: 'U0BO', channel: 'C0GENERAL', text: 'the report', team: TEAM_ID });
      const me = meMessage({ user: 'U0CY', channel: 'C0LAUNCH', text: 'waves' });
      await deliverOk(h, file);
      await deliverOk(h, me);
      expect(await stored(h, msgKey('C0GENERAL', file.ts))).toMatchObject({
        type: 'slack_message.created',
        initiator: { slackUserId: 'U0BO' },
        metadata: { subtype: 'file_share', file_ids: [file.files[0]!.id], excerpt: 'the report', channel_name: 'general', initiator_name: 'Bo' },
      });
      expect(await stored(h, msgKey('C0LAUNCH', me.ts))).toMatchObject({
        type: 'slack_message.created',
        initiator: { slackUserId: 'U0CY' },
        // Cy has no display name: the real name stands in.
        metadata: { subtype: 'me_message', excerpt: 'waves', channel_name: 'launch', initiator_name: 'Cy Okafor' },
      });
    });

    it('a thread reply: slack_message.threaded_reply.created with the parent author as recipient', async () => {
      const parent = messageEvent({ user: 'U0BO', channel: 'C0GENERAL', text: 'Question?' });
      await deliverOk(h, parent);
      const reply = threadReply(parent, { user: 'U0ANA', text: 'An answer' });
      expect(reply.thread_ts).not.toBe(reply.ts);
      await deliverOk(h, reply);
      expect(await stored(h, msgKey('C0GENERAL', reply.ts))).toMatchObject({
        type: 'slack_message.threaded_reply.created',
        initiator: { slackUserId: 'U0ANA' },
        recipient: { slackUserId: 'U0BO' },
        metadata: {
          thread_ts: parent.ts,
          parent_user_id: 'U0BO',
          is_broadcast: false,
          excerpt: 'An answer',
          initiator_name: 'Ana',
          recipient_name: 'Bo',
          channel_name: 'general',
        },
      });
    });

    it('a thread_broadcast: a reply with is_broadcast true', async () => {
      const parent = messageEvent({ user: 'U0ANA', channel: 'C0LAUNCH', text: 'Launch thread' });
      await deliverOk(h, parent);
      const broadcast = threadBroadcast({ ...parent, channel: 'C0LAUNCH' }, { user: 'U0BO', text: 'Also to the channel' });
      await deliverOk(h, broadcast);
      expect(await stored(h, msgKey('C0LAUNCH', broadcast.ts))).toMatchObject({
        type: 'slack_message.threaded_reply.created',
        initiator: { slackUserId: 'U0BO' },
        metadata: { thread_ts: parent.ts, is_broadcast: true, excerpt: 'Also to the channel', channel_name: 'launch' },
      });
    });

    it('reaction_added / reaction_removed: the reactor initiates, the item author receives, with the emoji', async () => {
      const target = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'React to me' });
      await deliverOk(h, target);
      const added = reactionAdded(target, { user: 'U0CY', reaction: 'tada' });
      const removed = reactionRemoved(target, { user: 'U0CY', reaction: 'tada' });
      await deliverOk(h, added);
      await deliverOk(h, removed);
      const rows = await h.app.store.db.activity.findMany({
        where: { workspaceId: TEAM_ID, sourceKey: { startsWith: `react:C0GENERAL:${target.ts}:` } },
        select: { sourceKey: true },
      });
      expect(rows.map((r) => r.sourceKey).sort()).toEqual(
        [`react:C0GENERAL:${target.ts}:U0CY:tada:added:${added.event_ts}`, `react:C0GENERAL:${target.ts}:U0CY:tada:removed:${removed.event_ts}`].sort(),
      );
      for (const [event, type] of [
        [added, 'slack_reaction.added'],
        [removed, 'slack_reaction.removed'],
      ] as const) {
        const change = type.endsWith('added') ? 'added' : 'removed';
        expect(await stored(h, `react:C0GENERAL:${target.ts}:U0CY:tada:${change}:${event.event_ts}`)).toMatchObject({
          type,
          initiator: { slackUserId: 'U0CY' },
          recipient: { slackUserId: 'U0ANA' },
          channelId: 'C0GENERAL',
          metadata: { emoji: 'tada', item_ts: target.ts, item_type: 'message', initiator_name: 'Cy Okafor', recipient_name: 'Ana', channel_name: 'general' },
        });
      }
    });

    it('a reaction to a message without item_user (an app or webhook post): recorded without a recipient', async () => {
      const itemTs = nextTs();
      const { item_user: _omit, ...event } = reactionAdded({ channel: 'C0LAUNCH', ts: itemTs }, { user: 'U0BO', reaction: 'eyes' });
      await deliverOk(h, event);
      const a = await stored(h, `react:C0LAUNCH:${itemTs}:U0BO:eyes:added:${event.event_ts}`);
      expect(a).toMatchObject({ type: 'slack_reaction.added', initiator: { slackUserId: 'U0BO' }, recipient: null, metadata: { emoji: 'eyes', initiator_name: 'Bo' } });
      expect(a.metadata).not.toHaveProperty('recipient_name');
    });

    it("team_join: workspace.user_joined, and the new member's profile is stored", async () => {
      const join = teamJoin({ id: 'U0DEE', name: 'dee', real_name: 'Dee Park', profile: { display_name: 'Dee', real_name: 'Dee Park' }, tz: 'Asia/Seoul' });
      await deliverOk(h, join);
      expect(await stored(h, 'team_join:U0DEE')).toMatchObject({
        type: 'workspace.user_joined',
        initiator: { slackUserId: 'U0DEE', name: 'Dee' },
        channelId: null,
        metadata: { team_id: TEAM_ID, user_id: 'U0DEE', display_name: 'Dee', real_name: 'Dee Park', is_bot: false, initiator_name: 'Dee' },
      });
      const member = await h.app.store.members.findBySlackId(TEAM_ID, 'U0DEE');
      expect(member).toMatchObject({ displayName: 'Dee', realName: 'Dee Park', timezone: 'Asia/Seoul', isBot: false, isDeleted: false });
      expect(member?.profileFetchedAt).toBeInstanceOf(Date);
      expect(member?.avatarUrl).toMatch(/^https:\/\//);
    });

    it('an edit that changes the text: slack_message.edited; a link unfurl (same text): nothing', async () => {
      const original = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'see https://example.com/article' });
      await deliverOk(h, original);
      const before = await activityCount(h);
      await deliverOk(h, linkUnfurled(original));
      expect(await activityCount(h)).toBe(before);

      const edit = messageChanged(original, { text: 'see https://example.com/article (updated)' });
      await deliverOk(h, edit);
      expect(await activityCount(h)).toBe(before + 1);
      const editedTs = edit.message.edited!.ts;
      expect(await stored(h, `edit:C0GENERAL:${original.ts}:${editedTs}`)).toMatchObject({
        type: 'slack_message.edited',
        initiator: { slackUserId: 'U0ANA' },
        metadata: {
          message_ts: original.ts,
          edited_ts: editedTs,
          excerpt: 'see https://example.com/article (updated)',
          previous_excerpt: 'see https://example.com/article',
          initiator_name: 'Ana',
          channel_name: 'general',
        },
      });
    });

    it("message_deleted: slack_message.deleted, and the original's (and its edits') text is scrubbed", async () => {
      const word = `zebracorn${kind}`;
      const original = messageEvent({ user: 'U0BO', channel: 'C0GENERAL', text: `a secret ${word} here` });
      await deliverOk(h, original);
      const edit = messageChanged(original, { text: `still a ${word}` });
      await deliverOk(h, edit);
      const found = await apiGet(h, `/activities?q=${word}`);
      expect(found.status).toBe(200);
      expect(found.body.activities).toHaveLength(2);

      const deletion = messageDeleted(original);
      await deliverOk(h, deletion);
      expect(await stored(h, `delete:C0GENERAL:${original.ts}`)).toMatchObject({
        type: 'slack_message.deleted',
        initiator: { slackUserId: 'U0BO' },
        metadata: { message_ts: original.ts, deleted_ts: deletion.ts, initiator_name: 'Bo', channel_name: 'general' },
      });
      const post = await stored(h, msgKey('C0GENERAL', original.ts));
      expect(post.metadata).toMatchObject({ excerpt: '', deleted_at: expect.any(String) });
      const edited = await stored(h, `edit:C0GENERAL:${original.ts}:${edit.message.edited!.ts}`);
      expect(edited.metadata).toMatchObject({ excerpt: '', previous_excerpt: '' });
      expect(JSON.stringify([post.metadata, edited.metadata])).not.toContain(word);
      const after = await apiGet(h, `/activities?q=${word}`);
      expect(after.body.activities).toEqual([]);
    });

    it('an edit delivered before the message it edits: both are stored', async () => {
      const original = messageEvent({ user: 'U0CY', channel: 'C0LAUNCH', text: 'first version' });
      const edit = messageChanged(original, { text: 'second version' });
      await deliverOk(h, edit);
      await deliverOk(h, original);
      expect(await rowsAbout(h, 'C0LAUNCH', original.ts)).toBe(2);
      expect((await stored(h, msgKey('C0LAUNCH', original.ts))).metadata.excerpt).toBe('first version');
      expect((await stored(h, `edit:C0LAUNCH:${original.ts}:${edit.message.edited!.ts}`)).metadata.excerpt).toBe('second version');
    });
  });

  describe('not recorded, and not dead letters either', () => {
    async function expectNothingStored(events: { type: string }[]): Promise<void> {
      const activities = await activityCount(h);
      const dead = await deadLetterCount(h);
      for (const event of events) await deliverOk(h, event);
      expect(await activityCount(h)).toBe(activities);
      expect(await deadLetterCount(h)).toBe(dead);
    }

    it('bot messages: subtype bot_message, a message with bot_id, our own bot user', async () => {
      await expectNothingStored([
        botMessage({ channel: 'C0GENERAL' }),
        appPostedMessage({ channel: 'C0GENERAL', user: 'U0OTHERAPP', bot_id: 'B0OTHERAPP' }),
        messageEvent({ channel: 'C0GENERAL', user: 'U0ANA', bot_id: 'B0INTEGRATION' } as never),
        messageEvent({ channel: 'C0GENERAL', user: BOT_USER_ID, text: 'I am the collector' }),
      ]);
    });

    it('system subtypes: channel_join, channel_topic, message_replied', async () => {
      const parent = messageEvent({ user: 'U0ANA', channel: 'C0LAUNCH', text: 'parent' });
      await deliverOk(h, parent);
      await expectNothingStored([
        channelJoinMessage({ channel: 'C0LAUNCH', user: 'U0CY' }),
        channelTopicMessage({ channel: 'C0LAUNCH', user: 'U0ANA', topic: 'launch day' }),
        messageReplied(parent, [{ user: 'U0BO', ts: nextTs() }]),
      ]);
    });

    it('direct messages (channel_type im, a D… channel)', async () => {
      await expectNothingStored([
        messageEvent({ user: 'U0ANA', channel: 'D0DIRECT01', channel_type: 'im', text: 'psst' }),
        messageEvent({ user: 'U0ANA', channel: 'D0DIRECT02', text: 'psst again' }),
      ]);
    });

    it('a private channel nobody opted in; once opted in, recorded as private', async () => {
      const hidden = messageEvent({ user: 'U0ANA', channel: 'C0SECRET', channel_type: 'group', text: 'secret plans' });
      await expectNothingStored([hidden]);
      // Let the background conversations.info settle, as it would between two real messages.
      await h.sim.waitForCall('conversations.info', (c) => c.params.channel === 'C0SECRET');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expectNothingStored([messageEvent({ user: 'U0ANA', channel: 'C0SECRET', channel_type: 'group', text: 'more plans' })]);
      expect(await byKey(h, msgKey('C0SECRET', hidden.ts))).toBeNull();

      await h.app.store.channels.setCollectOverride(TEAM_ID, 'C0SECRET', true);
      const optedIn = messageEvent({ user: 'U0ANA', channel: 'C0SECRET', channel_type: 'group', text: 'now collected' });
      await deliverOk(h, optedIn);
      expect(await stored(h, msgKey('C0SECRET', optedIn.ts))).toMatchObject({
        type: 'slack_message.created',
        channelPrivate: true,
        metadata: { excerpt: 'now collected', channel_name: 'secret-plans' },
      });

      await h.app.store.channels.setCollectOverride(TEAM_ID, 'G0OPTEDIN', true);
      const legacy = messageEvent({ user: 'U0BO', channel: 'G0OPTEDIN', channel_type: 'group', text: 'core team' });
      await deliverOk(h, legacy);
      expect(await stored(h, msgKey('G0OPTEDIN', legacy.ts))).toMatchObject({ channelPrivate: true, initiator: { slackUserId: 'U0BO' } });

      // An admin opting the channel out again stops collection at once.
      await h.app.store.channels.setCollectOverride(TEAM_ID, 'C0SECRET', false);
      await expectNothingStored([messageEvent({ user: 'U0ANA', channel: 'C0SECRET', channel_type: 'group', text: 'opted out' })]);
    });
  });

  describe('changes apply from now on (point in time)', () => {
    it('user_change: later activities carry the new display name, earlier ones keep the old', async () => {
      const before = messageEvent({ user: 'U0BO', channel: 'C0LAUNCH', text: 'as Bo' });
      await deliverOk(h, before);
      h.sim.state.updateUser('U0BO', { profile: { display_name: 'Bo the Builder' } });
      await deliverOk(h, userChange({ ...h.sim.state.user('U0BO')!, profile: { ...h.sim.state.user('U0BO')!.profile } }));
      expect(await h.app.store.members.findBySlackId(TEAM_ID, 'U0BO')).toMatchObject({ displayName: 'Bo the Builder', realName: 'Bo Chen' });
      const after = messageEvent({ user: 'U0BO', channel: 'C0LAUNCH', text: 'as Bo the Builder' });
      await deliverOk(h, after);
      expect((await stored(h, msgKey('C0LAUNCH', before.ts))).metadata.initiator_name).toBe('Bo');
      expect((await stored(h, msgKey('C0LAUNCH', after.ts))).metadata.initiator_name).toBe('Bo the Builder');
    });

    it('channel_rename: later activities carry the new channel name, earlier ones keep the old', async () => {
      h.sim.state.addChannel({ id: 'C0RENAME', name: 'old-name', is_private: false, members: ['U0ANA', BOT_USER_ID] });
      const before = messageEvent({ user: 'U0ANA', channel: 'C0RENAME', text: 'before the rename' });
      await deliverOk(h, before);
      expect((await stored(h, msgKey('C0RENAME', before.ts))).metadata.channel_name).toBe('old-name');
      h.sim.state.renameChannel('C0RENAME', 'new-name');
      await deliverOk(h, channelRename({ id: 'C0RENAME', name: 'new-name' }));
      const after = messageEvent({ user: 'U0ANA', channel: 'C0RENAME', text: 'after the rename' });
      await deliverOk(h, after);
      expect((await stored(h, msgKey('C0RENAME', after.ts))).metadata.channel_name).toBe('new-name');
      expect((await stored(h, msgKey('C0RENAME', before.ts))).metadata.channel_name).toBe('old-name');
      expect(await h.app.store.channels.get(TEAM_ID, 'C0RENAME')).toMatchObject({ name: 'new-name' });
    });
  });

  describe('shared channels', () => {
    it("a message from another organisation's member: recorded in our workspace with user_team_id", async () => {
      h.sim.state.addUser({ id: 'U0PARTNER', team_id: OTHER_TEAM_ID, name: 'pat', real_name: 'Pat Partner', profile: { display_name: 'Pat' } });
      h.sim.state.addChannel({
        id: 'C0SHARED',
        team_id: TEAM_ID,
        name: 'partners',
        is_private: false,
        is_shared: true,
        is_ext_shared: true,
        shared_team_ids: [TEAM_ID, OTHER_TEAM_ID],
        members: ['U0ANA', 'U0PARTNER', BOT_USER_ID],
      });
      const event = { ...messageEvent({ user: 'U0PARTNER', channel: 'C0SHARED', text: 'hello partners', team: OTHER_TEAM_ID }), user_team: OTHER_TEAM_ID, source_team: OTHER_TEAM_ID };
      await deliverOk(h, event, { envelope: { is_ext_shared_channel: true } });
      const a = await stored(h, msgKey('C0SHARED', event.ts));
      expect(a).toMatchObject({
        workspaceId: TEAM_ID,
        type: 'slack_message.created',
        initiator: { slackUserId: 'U0PARTNER' },
        metadata: { team_id: TEAM_ID, user_team_id: OTHER_TEAM_ID, excerpt: 'hello partners', channel_name: 'partners', initiator_name: 'Pat' },
      });
      expect(await h.app.store.db.activity.count({ where: { workspaceId: OTHER_TEAM_ID } })).toBe(0);
    });
  });

  describe('uninstall', () => {
    it('app_uninstalled marks the workspace revoked (data kept)', async () => {
      expect((await h.app.store.workspaces.get(TEAM_ID))?.revokedAt).toBeNull();
      const count = await activityCount(h);
      await deliverOk(h, appUninstalled());
      const workspace = await h.app.store.workspaces.get(TEAM_ID);
      expect(workspace?.revokedAt).toBeInstanceOf(Date);
      expect(Math.abs(workspace!.revokedAt!.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await activityCount(h)).toBe(count);
    });
  });
});
