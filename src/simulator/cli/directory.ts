// Names typed at the prompt (@ana, #general) looked up in the simulated workspace, and the
// `users` / `channels` / `messages` listings. A miss names what does exist, so the next try
// is right.
import type { SlackUser } from '../factories';
import type { ConversationRecord, WorkspaceState } from '../state';
import type { BookEntry } from './message-book';

export type Found<T> = { ok: true; value: T } | { ok: false; error: string };

function members(state: WorkspaceState, teamId: string): SlackUser[] {
  return [...state.users.values()].filter((u) => u.team_id === teamId && !u.deleted);
}

export function channels(state: WorkspaceState, teamId: string): ConversationRecord[] {
  return [...state.conversations.values()].filter((r) => r.teamId === teamId && !r.conversation.is_im);
}

/** A channel's name (its ID for a DM). */
export const channelName = (record: ConversationRecord): string => ('name' in record.conversation ? record.conversation.name : record.conversation.id);

export const isPrivateChannel = (record: ConversationRecord): boolean => 'is_private' in record.conversation && record.conversation.is_private;

/** A member by handle, display name or ID (case-insensitive). */
export function findMember(state: WorkspaceState, teamId: string, name: string): Found<SlackUser> {
  const wanted = name.toLowerCase();
  const all = members(state, teamId);
  const user = all.find((u) => u.name.toLowerCase() === wanted || u.id.toLowerCase() === wanted) ?? all.find((u) => u.profile.display_name.toLowerCase() === wanted);
  if (user) return { ok: true, value: user };
  const known = all.filter((u) => !u.is_bot).map((u) => `@${u.name}`).join(' ');
  return { ok: false, error: `no member @${name} (members: ${known}); join ${name} adds one` };
}

/** A channel by name or ID. */
export function findChannel(state: WorkspaceState, teamId: string, name: string): Found<ConversationRecord> {
  const wanted = name.toLowerCase();
  const record = channels(state, teamId).find((r) => channelName(r).toLowerCase() === wanted || r.conversation.id.toLowerCase() === wanted);
  if (record) return { ok: true, value: record };
  return { ok: false, error: `no channel #${name} (channels: ${channels(state, teamId).map((r) => `#${channelName(r)}`).join(' ')})` };
}

/** #name for a channel ID (the ID itself for a DM or an unknown one). */
export function channelLabel(state: WorkspaceState, channelId: string): string {
  const record = state.conversation(channelId);
  return record && !record.conversation.is_im ? `#${channelName(record)}` : channelId;
}

/** @handle for a user ID. */
export function memberLabel(state: WorkspaceState, userId: string): string {
  const user = state.user(userId);
  return user ? `@${user.name}` : userId;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
}

export function usersListing(state: WorkspaceState, teamId: string): string[] {
  return table(members(state, teamId).map((u) => [`@${u.name}`, u.is_bot ? "(the app's bot)" : u.real_name, u.id]));
}

export function channelsListing(state: WorkspaceState, teamId: string, botUserId: string): string[] {
  return table(
    channels(state, teamId).map((r) => {
      const isPrivate = isPrivateChannel(r);
      const botIn = r.members.has(botUserId);
      // The app's rule (DESIGN.md): public channels the bot is in; private ones only when opted in.
      const fate = isPrivate ? 'collected only if an admin opts it in' : botIn ? 'collected' : 'not collected (the bot is not in it)';
      return [`#${channelName(r)}`, isPrivate ? 'private' : 'public', r.conversation.id, `${r.members.size} members`, fate];
    }),
  );
}

/** One line for a message of the session: [n] #channel @author: text. */
export function messageLine(state: WorkspaceState, entry: BookEntry): string {
  const { message } = entry;
  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const where = `${channelLabel(state, message.channel)}${inThread ? ' (thread)' : ''}`;
  return `[${entry.n}] ${where} ${memberLabel(state, message.user)}: ${message.text}`;
}

export function messagesListing(state: WorkspaceState, entries: readonly BookEntry[]): string[] {
  if (entries.length === 0) return ['  no messages yet: send one with message #general @ana Hello'];
  return entries.map((e) => `  ${messageLine(state, e)}${e.deleted ? '  (deleted)' : ''}  ts ${e.message.ts}`);
}
