// Where a row links to: the Slack message it is about (the stored permalink, else one built from
// the workspace domain, channel and ts, as Slack's own permalinks are), or the page of an
// activity from another system.
import type { ActivityView } from '../activities/read-model';

export interface ActivityLink {
  url: string;
  label: string;
}

/** The Slack message (channel, ts, thread) an activity is about, when it has one that still exists. */
export function messageRef(activity: ActivityView): { channel: string; ts: string; threadTs?: string } | null {
  const m = activity.metadata;
  const channel = typeof m.channel_id === 'string' ? m.channel_id : activity.channelId;
  if (!channel) return null;
  const str = (key: string) => (typeof m[key] === 'string' && m[key] ? (m[key] as string) : undefined);
  switch (activity.type) {
    case 'slack_message.created':
      return str('deleted_at') || !str('message_ts') ? null : { channel, ts: str('message_ts')! };
    case 'slack_message.threaded_reply.created':
      return str('deleted_at') || !str('message_ts') ? null : { channel, ts: str('message_ts')!, ...(str('thread_ts') ? { threadTs: str('thread_ts')! } : {}) };
    case 'slack_message.edited':
      return str('message_ts') ? { channel, ts: str('message_ts')!, ...(str('thread_ts') ? { threadTs: str('thread_ts')! } : {}) } : null;
    case 'slack_reaction.added':
    case 'slack_reaction.removed':
      return str('item_ts') ? { channel, ts: str('item_ts')! } : null;
    default:
      return null;
  }
}

/** https://<domain>.slack.com/archives/<channel>/p<ts without the dot>[?thread_ts=…&cid=…] */
export function buildPermalink(domain: string, ref: { channel: string; ts: string; threadTs?: string }): string {
  const base = `https://${domain}.slack.com/archives/${ref.channel}/p${ref.ts.replace('.', '')}`;
  return ref.threadTs && ref.threadTs !== ref.ts ? `${base}?thread_ts=${ref.threadTs}&cid=${ref.channel}` : base;
}

/**
 * The link for a row: the stored permalink, a resolved one (chat.getPermalink, keyed by
 * "channel:ts"), one built from the workspace domain, or an external activity's url.
 */
export function activityLink(activity: ActivityView, options: { domain?: string | null; resolved?: ReadonlyMap<string, string> } = {}): ActivityLink | null {
  const m = activity.metadata;
  const ref = messageRef(activity);
  if (ref) {
    const isMessage = activity.type === 'slack_message.created' || activity.type === 'slack_message.threaded_reply.created';
    const stored = isMessage && typeof m.permalink === 'string' ? m.permalink : undefined;
    const url = stored ?? options.resolved?.get(`${ref.channel}:${ref.ts}`) ?? (options.domain ? buildPermalink(options.domain, ref) : undefined);
    return url ? { url, label: 'View message' } : null;
  }
  if (activity.type.startsWith('slack_') || activity.type.startsWith('workspace.')) return null;
  const url = typeof m.url === 'string' ? m.url : typeof m.verification_url === 'string' ? m.verification_url : undefined;
  return url ? { url, label: 'Open' } : null;
}

/** A URL made safe inside mrkdwn's <url|label>: the characters that would end the link are encoded. */
export function safeUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url) || url.length > 2000) return null;
  return url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C').replace(/ /g, '%20');
}
