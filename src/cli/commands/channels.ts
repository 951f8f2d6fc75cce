// `channels collect <C…> on|off|default` and `channels list`: which channels are collected.
// Public channels the bot is in are collected by default; a private channel only when an
// admin opts it in here; any channel can be opted out. A channel the app has not seen yet is
// checked with Slack first (it must exist, and Slack says whether it is private), and the
// command says what a running app will do from now on.
import type { ChannelRow } from '../../store/repositories/channel-repository';
import type { Store } from '../../store/store';
import { CliError, line, usageError, type CliIo } from '../io';
import { checkChannelWithSlack, tokenFor, type SlackChannelFacts } from '../slack-channel-check';
import { table } from './keys';

const SETTINGS = { on: true, off: false, default: null } as const;

function describe(row: ChannelRow): string {
  const why = row.collectOverride === null ? 'default' : row.collectOverride ? 'opted in' : 'opted out';
  return `${row.isCollected ? 'collected' : 'not collected'} (${why})`;
}

/** What a running app does with the channel from now on, in a sentence or two. */
function consequence(row: ChannelRow, facts: SlackChannelFacts | undefined, kindKnown: boolean): string[] {
  const name = row.name ? `#${row.name}` : row.slackChannelId;
  const lines: string[] = [];
  if (row.isCollected) {
    lines.push(`A running app records new messages, replies and reactions in ${name} within a second; history from before is not imported.`);
    if (facts && !facts.isMember) lines.push(`The bot is not a member of ${name}: invite it there (/invite @activity), or Slack sends no events from it.`);
    if (facts?.isArchived) lines.push(`${name} is archived: nothing new happens there until it is unarchived.`);
    if (!kindKnown) lines.push('Slack was not asked whether it is public or private; the app finds out when it first sees the channel.');
  } else {
    lines.push(`A running app stops recording ${name} within a second; what was recorded before stays.`);
    if (row.isPrivate && row.collectOverride === null) lines.push('Private channels are not collected unless opted in.');
  }
  return lines;
}

export async function setChannelCollection(
  io: CliIo,
  store: Store,
  options: { workspaceId: string; channelId: string | undefined; setting: string | undefined; force?: boolean },
): Promise<void> {
  const { channelId, setting, workspaceId } = options;
  if (!channelId || !/^[CG][A-Z0-9]+$/.test(channelId)) throw usageError('channels collect <channel id (C… or G…)> on|off|default');
  if (!setting || !(setting in SETTINGS)) throw usageError(`channels collect ${channelId} on|off|default: "on" opts in, "off" opts out, "default" undoes either`);
  const override = SETTINGS[setting as keyof typeof SETTINGS];
  const before = await store.channels.get(workspaceId, channelId);

  // What Slack says about a channel the app has never looked up (name, privacy, membership).
  let facts: SlackChannelFacts | undefined;
  let kindKnown = Boolean(before?.infoFetchedAt);
  if (!before?.infoFetchedAt) {
    const check = await checkChannelWithSlack(io.env, workspaceId, channelId, await tokenFor(store, io.env, workspaceId));
    if (check.kind === 'not_found') {
      throw new CliError(
        `Slack does not know channel ${channelId} in workspace ${workspaceId}, or the bot cannot see it (a private channel must have the bot invited first: /invite @activity in it). Nothing changed.`,
      );
    }
    if (check.kind === 'found') {
      facts = check.facts;
      kindKnown = true;
      if (facts.isDirect) throw new CliError(`${channelId} is a direct message: direct messages are never collected. Nothing changed.`);
      await store.workspaces.ensure(workspaceId);
      await store.channels.upsert(
        workspaceId,
        channelId,
        { name: facts.name, isPrivate: facts.isPrivate, isArchived: facts.isArchived, isShared: facts.isShared },
        new Date(),
      );
    } else if (!before && !options.force) {
      throw new CliError(
        `the app has not seen channel ${channelId}, and it could not be checked with Slack: ${check.reason}. Set SLACK_BOT_TOKEN (and SLACK_API_URL for the simulator), or pass --force to record the setting anyway. Nothing changed.`,
      );
    } else if (!before) {
      line(io.stderr, `Not checked with Slack (${check.reason}); recording the setting because of --force.`);
    }
  }

  if (!before && !facts) await store.workspaces.ensure(workspaceId);
  const row = await store.channels.setCollectOverride(workspaceId, channelId, override);
  const kind = kindKnown ? (row.isPrivate ? 'private' : 'public') : 'kind not known yet';
  line(io.stderr, `${row.name ? `#${row.name} ` : ''}(${channelId}, ${kind}): ${describe(row)}.`);
  for (const text of consequence(row, facts, kindKnown)) line(io.stderr, text);
}

export async function listChannels(io: CliIo, store: Store, options: { workspaceId: string; json: boolean }): Promise<void> {
  const rows = await store.channels.list(options.workspaceId);
  if (options.json) {
    line(
      io.stdout,
      JSON.stringify(
        rows.map((r) => ({ id: r.slackChannelId, name: r.name, is_private: r.isPrivate, collect_override: r.collectOverride, is_collected: r.isCollected })),
      ),
    );
    return;
  }
  if (rows.length === 0) {
    line(io.stderr, `No channels known in workspace ${options.workspaceId} yet.`);
    return;
  }
  line(io.stdout, table([['CHANNEL', 'NAME', 'KIND', 'COLLECTION'], ...rows.map((r) => [r.slackChannelId, r.name ?? '-', r.isPrivate ? 'private' : 'public', describe(r)])]));
}
