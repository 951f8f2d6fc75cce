// A small, known history for the browse tests, written straight to the store the app uses.
import type { Store } from '../../../src/store/store';
import type { NewActivity } from '../../../src/store/repositories/activity-repository';
import { OTHER_TEAM_ID, TEAM_ID } from '../../support/app-harness';

export const MESSAGE_COUNT = 25;
/** Newest seeded activity: a minute ago, so "today" and "since:7d" include everything (but across midnight UTC). */
export const NEWEST = () => new Date(Date.now() - 60_000);

export interface Seeded {
  ana: string;
  bo: string;
  cy: string;
}

export async function seedHistory(store: Store): Promise<Seeded> {
  await store.workspaces.ensure(OTHER_TEAM_ID, { name: 'Elsewhere', domain: 'elsewhere' });
  const ana = await store.members.ensureSlackMember(TEAM_ID, 'U0ANA', { displayName: 'Ana', realName: 'Ana Lima' });
  const bo = await store.members.ensureSlackMember(TEAM_ID, 'U0BO', { displayName: 'Bo', realName: 'Bo Chen' });
  const cy = await store.members.ensureSlackMember(TEAM_ID, 'U0CY', { displayName: null, realName: 'Cy Okafor' });
  const far = await store.members.ensureSlackMember(OTHER_TEAM_ID, 'U0FAR', { displayName: 'Far' });
  await store.channels.upsert(TEAM_ID, 'C0GENERAL', { name: 'general', isPrivate: false }, new Date());
  await store.channels.upsert(TEAM_ID, 'C0LAUNCH', { name: 'launch', isPrivate: false }, new Date());
  await store.channels.upsert(TEAM_ID, 'C0SECRET', { name: 'secret-plans', isPrivate: true }, new Date());

  const newest = NEWEST().getTime();
  const at = (minutesAgo: number) => new Date(newest - minutesAgo * 60_000);
  const place = (channel: string, name: string) => ({ team_id: TEAM_ID, channel_id: channel, channel_name: name });
  const drafts: NewActivity[] = [];
  // Ana's messages in #general, newest first: "message 1" is the newest of them.
  for (let i = 1; i <= MESSAGE_COUNT; i++) {
    drafts.push({
      workspaceId: TEAM_ID,
      type: 'slack_message.created',
      occurredAt: at(10 + i),
      initiatorId: ana,
      channelId: 'C0GENERAL',
      metadata: { ...place('C0GENERAL', 'general'), message_ts: `1790000${String(100 + i)}.000100`, excerpt: `message ${i}`, initiator_name: 'Ana' },
      source: 'slack',
      sourceKey: `msg:C0GENERAL:${i}`,
    });
  }
  for (let i = 1; i <= 3; i++) {
    drafts.push({
      workspaceId: TEAM_ID,
      type: 'slack_reaction.added',
      occurredAt: at(i),
      initiatorId: bo,
      recipientId: ana,
      channelId: 'C0LAUNCH',
      metadata: { ...place('C0LAUNCH', 'launch'), item_ts: '1790000000.000100', item_type: 'message', emoji: ['tada', 'eyes', 'rocket'][i - 1], initiator_name: 'Bo', recipient_name: 'Ana' },
      source: 'slack',
      sourceKey: `react:${i}`,
    });
  }
  drafts.push({
    workspaceId: TEAM_ID,
    type: 'slack_message.threaded_reply.created',
    occurredAt: at(5),
    initiatorId: bo,
    recipientId: ana,
    channelId: 'C0GENERAL',
    metadata: { ...place('C0GENERAL', 'general'), message_ts: '1790000500.000100', thread_ts: '1790000101.000100', excerpt: 'sounds good, the needle is here', is_broadcast: false, initiator_name: 'Bo', recipient_name: 'Ana' },
    source: 'slack',
    sourceKey: 'reply:1',
  });
  drafts.push({
    workspaceId: TEAM_ID,
    type: 'slack_message.created',
    occurredAt: at(4),
    initiatorId: ana,
    channelId: 'C0SECRET',
    channelPrivate: true,
    metadata: { ...place('C0SECRET', 'secret-plans'), message_ts: '1790000400.000100', excerpt: 'the secret plan', initiator_name: 'Ana' },
    source: 'slack',
    sourceKey: 'msg:C0SECRET:1',
  });
  drafts.push({
    workspaceId: TEAM_ID,
    type: 'workspace.user_joined',
    occurredAt: at(6),
    initiatorId: cy,
    metadata: { team_id: TEAM_ID, user_id: 'U0CY', real_name: 'Cy Okafor' },
    source: 'slack',
    sourceKey: 'join:U0CY',
  });
  drafts.push({
    workspaceId: OTHER_TEAM_ID,
    type: 'slack_message.created',
    occurredAt: at(0),
    initiatorId: far,
    channelId: 'C0FAR',
    metadata: { team_id: OTHER_TEAM_ID, channel_id: 'C0FAR', channel_name: 'far', message_ts: '1790000999.000100', excerpt: 'from elsewhere', initiator_name: 'Far' },
    source: 'slack',
    sourceKey: 'msg:C0FAR:1',
  });
  await store.activities.recordMany(drafts);
  return { ana, bo, cy };
}
