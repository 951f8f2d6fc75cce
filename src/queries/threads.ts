// A Slack message's thread as one story, for drilling into any activity of it: the parent, its
// replies, the reactions to any of them, their edits and deletions, oldest first. Asked from
// any of those activities, the answer is the same.
import type { ActivityView } from '../activities/read-model';
import { dateFromSlackTs, messageSourceKey } from '../sources/slack/mapping';
import type { Store } from '../store/store';

export interface ThreadView {
  channelId: string;
  /** The parent message's ts: the thread's id in Slack. */
  threadTs: string;
  /** The parent message, when it was recorded (it may predate the install). */
  root: ActivityView | null;
  /** Everything in the thread, the parent included, oldest first. */
  activities: ActivityView[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The thread (parent message ts) an activity belongs to, or undefined for one that is not about a Slack message. */
async function threadTsOf(store: Store, activity: ActivityView): Promise<string | undefined> {
  const m = activity.metadata;
  const channelId = activity.channelId!;
  const thread = text(m.thread_ts);
  if (thread) return thread;
  const item = text(m.item_ts);
  if (item) {
    // A reaction names the message it is on; that message may be a reply, whose thread counts.
    const target = await store.activityReads.findBySourceKey(activity.workspaceId, messageSourceKey(channelId, item));
    return text(target?.metadata.thread_ts) ?? item;
  }
  return text(m.message_ts);
}

/** The thread of a workspace's activity, or null when there is no such activity or it is not about a Slack message. */
export async function threadOf(store: Store, workspaceId: string, activityId: string): Promise<ThreadView | null> {
  const activity = await store.activityReads.get(workspaceId, activityId);
  if (!activity?.channelId) return null;
  const threadTs = await threadTsOf(store, activity);
  const from = dateFromSlackTs(threadTs?.split('.')[0]);
  if (!threadTs || !from) return null;
  const channelId = activity.channelId;
  const [root, replies] = await Promise.all([
    store.activityReads.findBySourceKey(workspaceId, messageSourceKey(channelId, threadTs)),
    store.activityReads.threadReplies(workspaceId, channelId, threadTs, from),
  ]);
  const messages = [threadTs, ...replies.map((r) => text(r.metadata.message_ts)).filter((ts): ts is string => ts !== undefined)];
  const about = await store.activityReads.aboutMessages(workspaceId, channelId, messages, from);
  const all = new Map<string, ActivityView>();
  for (const a of [...(root ? [root] : []), ...replies, ...about]) all.set(a.id, a);
  const activities = [...all.values()].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { channelId, threadTs, root, activities };
}
