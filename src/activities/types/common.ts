// Field schemas shared by several activity types. Each carries a description where it is used:
// VERSIONS.md and the JSON Schemas served by the API are generated from these.
import { z } from 'zod';
import { cutText } from '../../storable';

/** Longest excerpt of user text kept in metadata; the full text is never stored. */
export const EXCERPT_MAX = 280;

export const slackTeamId = z.string().regex(/^[TE][A-Z0-9]+$/, 'a Slack team id like T0123ABC');
export const slackUserId = z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id like U0123ABC');
export const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]+$/, 'a Slack channel id like C0123ABC');
export const slackTs = z.string().regex(/^\d+\.\d+$/, 'a Slack timestamp like 1531420618.000200');
export const emojiName = z.string().min(1).max(100);
export const excerpt = z.string().max(EXCERPT_MAX);
/** An id in another system (a post, a badge ...): opaque, non-empty. */
export const externalId = z.string().min(1).max(200);
export const label = z.string().max(500);
export const url = z.url();
/** An instant from another system: ISO 8601 with a Z or an explicit offset. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** Where a Slack activity happened: the ids, plus the channel name as it was then. */
export const slackPlace = {
  team_id: slackTeamId.describe('Slack team (workspace) the event was delivered for'),
  channel_id: slackChannelId.describe('Slack channel id'),
  channel_name: label.optional().describe('Channel name when it happened (filled later if Slack was slow)'),
};

/** The community site an external activity comes from, for sources that run several. */
export const communitySite = {
  site_id: externalId.optional().describe('The community site in the source system, when it runs several'),
};

/** The feed (space, forum, category) a post lives in, with its name as it was then. */
export const feedPlace = {
  feed_id: externalId.describe('The feed (space, forum, category) the post is in'),
  feed_label: label.optional().describe('Name of the feed when it happened'),
};

/** Cuts text to at most `max` characters on a word boundary, marking the cut with an ellipsis. */
export function toExcerpt(text: string, max = EXCERPT_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  // Never through a surrogate pair: half an emoji cannot be stored (see src/storable.ts).
  const cut = cutText(clean, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The non-empty strings under `keys` in metadata (string arrays flattened), joined by spaces, for `searchText`. */
export function textOf(metadata: Record<string, unknown>, ...keys: string[]): string {
  return keys
    .flatMap((key) => metadata[key])
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .join(' ');
}
