// `channels collect <C…> on|off|default` and `channels list`: which channels are collected.
// Public channels the bot is in are collected by default; a private channel only when an
// admin opts it in here; any channel can be opted out.
import { isCollected, type ChannelRow } from '../../store/repositories/channel-repository';
import type { Store } from '../../store/store';
import { line, usageError, type CliIo } from '../io';
import { table } from './keys';

const SETTINGS = { on: true, off: false, default: null } as const;

function describe(row: ChannelRow): string {
  const why = row.collectOverride === null ? 'default' : row.collectOverride ? 'opted in' : 'opted out';
  return `${row.isCollected ? 'collected' : 'not collected'} (${why})`;
}

export async function setChannelCollection(
  io: CliIo,
  store: Store,
  options: { workspaceId: string; channelId: string | undefined; setting: string | undefined },
): Promise<void> {
  const { channelId, setting } = options;
  if (!channelId || !/^[CG][A-Z0-9]+$/.test(channelId)) throw usageError('channels collect <channel id (C… or G…)> on|off|default');
  if (!setting || !(setting in SETTINGS)) throw usageError(`channels collect ${channelId} on|off|default: "on" opts in, "off" opts out, "default" undoes either`);
  const override = SETTINGS[setting as keyof typeof SETTINGS];
  const before = await store.channels.get(options.workspaceId, channelId);
  const row = await store.channels.setCollectOverride(options.workspaceId, channelId, override);
  const label = `${row.name ? `#${row.name} ` : ''}(${channelId}, ${row.isPrivate ? 'private' : 'public'}${before ? '' : ', not seen yet'})`;
  line(io.stderr, `${label}: ${describe(row)}.`);
  if (override === null && row.isPrivate && !isCollected(row.isPrivate, null)) {
    line(io.stderr, 'Private channels are not collected unless opted in.');
  }
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
