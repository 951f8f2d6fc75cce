// Channels and members named the way people type them (`#general`, `@ana`), looked up among the
// ones the store knows, the same for /activity, the API and the CLI.
import type { ChannelRow } from '../store/repositories/channel-repository';
import type { Store } from '../store/store';

/** The most channels one filter names (/activity, the API, the CLI). */
export const MAX_FILTER_CHANNELS = 10;

/** A Slack channel id (public C…, private G…, DM D…): upper case, where channel names are lower case. */
export const isSlackChannelId = (text: string): boolean => /^[CGD][A-Z0-9]{2,}$/.test(text);

/** A channel name as typed: without its `#`, trimmed; '' when nothing is left. */
export const bareChannelName = (typed: string): string => typed.trim().replace(/^#/, '');

/** Finds the workspace's channels by name (case-insensitive, with or without `#`), from one read of its channels. */
export async function channelsByName(store: Store, workspaceId: string): Promise<(name: string) => ChannelRow | undefined> {
  const byName = new Map<string, ChannelRow>();
  for (const c of await store.channels.list(workspaceId)) if (c.name && !byName.has(c.name.toLowerCase())) byName.set(c.name.toLowerCase(), c);
  return (name) => byName.get(bareChannelName(name).toLowerCase());
}

export interface NamedMember {
  id: string;
  slackUserId: string;
  label: string;
}

/**
 * The Slack members a name may mean: those whose display or real name is exactly it (ignoring
 * case), else those whose names contain it. One is an answer; several are ambiguous.
 */
export async function membersNamed(store: Store, workspaceId: string, name: string): Promise<NamedMember[]> {
  const typed = name.trim().replace(/^@/, '').trim();
  if (typed === '') return [];
  const { items } = await store.members.list({ workspaceId, q: typed, limit: 20 });
  const lower = typed.toLowerCase();
  const slack = items.filter((m) => m.slackUserId);
  const exact = slack.filter((m) => [m.displayName, m.realName].some((n) => n?.toLowerCase() === lower));
  return (exact.length > 0 ? exact : slack).map((m) => ({ id: m.id, slackUserId: m.slackUserId!, label: m.displayName || m.realName || typed }));
}
