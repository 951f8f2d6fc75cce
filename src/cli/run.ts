// The admin CLI: `npm run cli -- <command>`. Parses arguments, opens the store DATABASE_URL
// names, runs one command and returns its exit code (0 ok, 1 failed, 2 usage).
import { parseArgs } from 'node:util';
import { activityRegistry } from '../activities';
import { AppError } from '../errors';
import type { Store } from '../store/store';
import { listChannels, setChannelCollection } from './commands/channels';
import { exportCommand } from './commands/export';
import { createKey, listKeys, revokeKey } from './commands/keys';
import { listWorkspaces, removeWorkspace } from './commands/workspaces';
import { openCliStore, resolveWorkspace } from './context';
import { CliError, line, usageError, type CliIo } from './io';

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  keys create --name <name> --scopes <scopes>   Create an API key; prints the secret once
  keys list                                     List the workspace's API keys
  keys revoke <id|prefix>                       Revoke an API key (at once)
  export [--format ndjson|csv] [--output <file>] [filters]
                                                Export activities (stdout by default)
  channels collect <C…|G…> on|off|default [--force]
                                                Opt a channel in or out of collection (a channel
                                                the app has not seen is checked with Slack first)
  channels list                                 Channels and whether each is collected
  workspaces list                               Workspaces, how each is installed, and which
                                                the app was uninstalled from
  workspaces remove <T…> [--yes]                Delete an uninstalled workspace's data (says
                                                exactly what first; deletes only with --yes)

Scopes: activities:read, activities:write, members:read, export (comma-separated, or "all").
Export filters (as GET /api/v1/export, in /activity's words): --type <type|alias|family[,…]>
  (repeatable; e.g. reactions, replies, slack_message) --member <U…|member id|@name>
  --channel <C…|#name[,…]> --since/--until <ISO date or instant|7d|24h|2w|today|yesterday|now>
  --q <text>

Options:
  --workspace <id>   The workspace (default: the only one in the database)
  --json             Machine-readable output (keys, channels list)
  --quiet            No progress bar
  --force            channels collect: record the setting without checking with Slack
  --yes              workspaces remove: delete (without it, only say what would go)
  -h, --help         This help

Environment (or .env, as for the app): DATABASE_URL (unset: SQLite at ./data/activity.db;
  after the demo: DATABASE_URL=file:./data/demo.db); SLACK_API_URL, and SLACK_BOT_TOKEN in
  single-workspace mode, to check channels with Slack (with the OAuth install the workspace's
  own installation is used).`;

const OPTIONS = {
  workspace: { type: 'string' },
  name: { type: 'string' },
  scopes: { type: 'string' },
  json: { type: 'boolean', default: false },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  type: { type: 'string', multiple: true },
  member: { type: 'string' },
  channel: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  q: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

type Parsed = ReturnType<typeof parseCliArgs>;

interface CommandContext {
  io: CliIo;
  store: Store;
  workspaceId: string;
  values: Parsed['values'];
  /** Positionals after the command's own words. */
  args: string[];
}

const COMMANDS: Record<string, (ctx: CommandContext) => Promise<void>> = {
  'keys create': ({ io, store, workspaceId, values }) => createKey(io, store, { workspaceId, name: values.name, scopes: values.scopes, json: values.json }),
  'keys list': ({ io, store, workspaceId, values }) => listKeys(io, store, { workspaceId, json: values.json }),
  'keys revoke': ({ io, store, workspaceId, args }) => revokeKey(io, store, { workspaceId, key: args[0] }),
  export: ({ io, store, workspaceId, values, args }) => {
    if (args.length > 0) throw usageError(`export takes options only, not "${args.join(' ')}"`);
    return exportCommand(io, store, activityRegistry, { workspaceId, flags: values });
  },
  'channels collect': ({ io, store, workspaceId, args, values }) =>
    setChannelCollection(io, store, { workspaceId, channelId: args[0], setting: args[1], force: values.force }),
  'channels list': ({ io, store, workspaceId, values }) => listChannels(io, store, { workspaceId, json: values.json }),
};

/** Commands about the workspaces themselves: no --workspace needed. */
const ACROSS_WORKSPACES: Record<string, (ctx: Omit<CommandContext, 'workspaceId'>) => Promise<void>> = {
  'workspaces list': ({ io, store, values }) => listWorkspaces(io, store, { json: values.json }),
  'workspaces remove': ({ io, store, values, args }) => removeWorkspace(io, store, { id: args[0], yes: values.yes }),
};

/** The command the positionals name (one word or two) and the arguments after it. */
export function findCommand(positionals: string[]): { name: string; args: string[] } | null {
  for (const words of [2, 1]) {
    const name = positionals.slice(0, words).join(' ');
    if (positionals.length >= words && (name in COMMANDS || name in ACROSS_WORKSPACES)) return { name, args: positionals.slice(words) };
  }
  return null;
}

/** Runs the CLI; never throws, returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let store: Store | undefined;
  try {
    const parsed = parseCliArgs(argv);
    const [command] = parsed.positionals;
    if (parsed.values.help || command === undefined || command === 'help') {
      line(parsed.values.help || command === 'help' ? io.stdout : io.stderr, USAGE);
      return parsed.values.help || command === 'help' ? 0 : 2;
    }
    const found = findCommand(parsed.positionals);
    if (!found) throw usageError(`unknown command "${parsed.positionals.join(' ')}"`);
    store = await openCliStore(io.env);
    const across = ACROSS_WORKSPACES[found.name];
    if (across) {
      await across({ io, store, values: parsed.values, args: found.args });
      return 0;
    }
    const workspaceId = await resolveWorkspace(store, parsed.values.workspace, io.env);
    await COMMANDS[found.name]!({ io, store, workspaceId, values: parsed.values, args: found.args });
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      line(io.stderr, `error: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof AppError) {
      line(io.stderr, `error: ${error.message}`);
      return 1;
    }
    line(io.stderr, `error: ${(error as Error)?.stack ?? String(error)}`);
    return 1;
  } finally {
    await store?.close().catch(() => undefined);
  }
}
