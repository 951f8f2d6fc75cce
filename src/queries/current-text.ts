// A message edited since it was posted is shown with its current text and an "(edited)" mark,
// while the activity keeps the text as it was posted (point-in-time context). The current text
// is looked up when a page is read, one query for the whole page, rather than written onto the
// original: the activity is never rewritten (only a deletion's scrub touches it), no metadata
// version is needed, recording an edit stays one insert, and an edit stored before its message
// (events arrive in any order) is found all the same.
import { dateFromSlackTs, editSourceKeyPrefix } from '../sources/slack/mapping';
import type { ActivityView } from '../activities/read-model';
import type { Store } from '../store/store';

/** The message types whose rows show the current text. */
const MESSAGE_TYPES = new Set(['slack_message.created', 'slack_message.threaded_reply.created']);

/** The message a row is about (channel and ts), when it is a message that is not deleted. */
function messageOf(item: ActivityView): { channel: string; ts: string } | null {
  if (!MESSAGE_TYPES.has(item.type)) return null;
  const m = item.metadata;
  if (typeof m.deleted_at === 'string') return null;
  return typeof m.channel_id === 'string' && typeof m.message_ts === 'string' ? { channel: m.channel_id, ts: m.message_ts } : null;
}

/** The rows of one page, each message that was edited since carrying its newest edit (`edited`). */
export async function withCurrentText(store: Store, workspaceId: string, items: ActivityView[]): Promise<ActivityView[]> {
  const prefixes = new Map<ActivityView, string>();
  let since: Date | null = null;
  for (const item of items) {
    const message = messageOf(item);
    // Edits stored by earlier versions carry Slack's whole-second edited.ts: start at the message's second.
    const posted = message ? dateFromSlackTs(message.ts.split('.')[0]) : null;
    if (!message || !posted) continue;
    prefixes.set(item, editSourceKeyPrefix(message.channel, message.ts));
    if (!since || posted < since) since = posted;
  }
  if (!since) return items;
  const edits = await store.activityReads.newestEdits(workspaceId, [...new Set(prefixes.values())], since);
  if (edits.size === 0) return items;
  return items.map((item) => {
    const prefix = prefixes.get(item);
    const edit = prefix ? edits.get(prefix) : undefined;
    return edit ? { ...item, edited: edit } : item;
  });
}
