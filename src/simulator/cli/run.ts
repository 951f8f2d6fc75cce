// The simulator as a program: options → a seeded simulator on a fixed port → the banner →
// commands from --run, from a pipe, or typed at a prompt. Returns the exit code rather than
// exiting, so tests can run it in-process.
import { createInterface } from 'node:readline';
import { COMMUNITY, seedCommunity } from '../community';
import { startSlackSimulator, type SlackSimulator } from '../web-api-server';
import { bannerLines } from './banner';
import { complete } from './completer';
import { httpDelivery, socketDelivery } from './delivery';
import { channelName, channels } from './directory';
import { BOT_SCOPES } from '../../slack/scopes';
import { SIMULATOR_APP_TOKEN, SIMULATOR_BOT_TOKEN, SIMULATOR_CLIENT_ID, SIMULATOR_CLIENT_SECRET, SIMULATOR_SIGNING_SECRET } from './environment';
import { USAGE, parseOptions, type SimulatorOptions } from './options';
import { Session } from './session';

export interface SimulatorIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** A person types at a terminal: show a prompt, and keep going after failed commands. */
  interactive: boolean;
  /** Called once the simulator listens (tests read the URL from here). */
  onListening?: (sim: SlackSimulator) => void;
}

/** One line for a port that cannot be had; null for errors that are not about the port. */
export function listenProblem(error: unknown, options: Pick<SimulatorOptions, 'port' | 'host'>): string | null {
  const code = (error as { code?: string } | null)?.code;
  const other = options.port === 65535 ? 4001 : options.port + 1;
  if (code === 'EADDRINUSE') return `Port ${options.port} is already in use (another simulator?): pick another with  npm run simulator -- --port ${other}`;
  if (code === 'EACCES') return `Port ${options.port} needs privileges on this machine: pick another with  npm run simulator -- --port ${other}`;
  if (code === 'EADDRNOTAVAIL') return `Cannot listen on ${options.host}: no such address here (try --host 127.0.0.1)`;
  return null;
}

/** Runs `npm run simulator` with `argv`; resolves with the exit code. */
export async function runSimulator(argv: readonly string[], io: SimulatorIo): Promise<number> {
  const out = (line: string) => void io.stdout.write(`${line}\n`);
  const parsed = parseOptions(argv);
  if (!parsed.ok) {
    io.stderr.write(`${parsed.error}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    out(USAGE);
    return 0;
  }

  let sim: SlackSimulator;
  try {
    sim = await startSlackSimulator({ port: options.port, host: options.host });
  } catch (error) {
    const problem = listenProblem(error, options);
    if (!problem) throw error;
    io.stderr.write(`${problem}\n`);
    return 1;
  }
  try {
    seedCommunity(sim.state, { botToken: SIMULATOR_BOT_TOKEN, ...(options.socketMode ? { appToken: SIMULATOR_APP_TOKEN } : {}) });
    const appOrigin = new URL(options.appUrl).origin;
    if (options.oauth) {
      // The app's OAuth settings on this Slack: its credentials, scopes and the redirect URL it registered.
      sim.state.oauth.addApp({
        appId: COMMUNITY.appId,
        clientId: SIMULATOR_CLIENT_ID,
        clientSecret: SIMULATOR_CLIENT_SECRET,
        defaultScopes: [...BOT_SCOPES],
        redirectUris: [`${appOrigin}/slack/oauth_redirect`],
      });
    }
    io.onListening?.(sim);
    for (const line of bannerLines({ apiUrl: sim.apiUrl, appUrl: options.appUrl, socketMode: options.socketMode, oauth: options.oauth, state: sim.state })) out(line);
    out('');
    const appSeen = () => sim.callsTo('auth.test').some((call) => call.response?.ok === true);
    const delivery = options.socketMode ? socketDelivery(sim, appSeen) : httpDelivery(options.appUrl, SIMULATOR_SIGNING_SECRET, appSeen);
    const session = new Session({ sim, delivery, print: out, ...(options.oauth ? { installUrl: `${appOrigin}/slack/install` } : {}) });
    const scripted = options.run.length > 0 || !io.interactive;
    if (options.run.length > 0) {
      for (const line of options.run) {
        out(`> ${line}`);
        if (!(await session.runLine(line))) break;
      }
    } else {
      await readCommands(io, sim, session, out);
    }
    if (scripted && session.failures > 0) {
      out(`${session.failures} command(s) failed`);
      return 1;
    }
    return 0;
  } finally {
    await sim.close();
  }
}

async function readCommands(io: SimulatorIo, sim: SlackSimulator, session: Session, out: (line: string) => void): Promise<void> {
  const names = {
    members: () => [...sim.state.users.values()].filter((u) => !u.is_bot).map((u) => u.name),
    channels: () => channels(sim.state, COMMUNITY.teamId).map(channelName),
  };
  const rl = createInterface({
    input: io.stdin,
    output: io.interactive ? io.stdout : undefined,
    terminal: io.interactive,
    prompt: 'slack> ',
    ...(io.interactive ? { completer: (line: string) => complete(line, names) } : {}),
  });
  // Ctrl-C at the prompt ends the session like quit (and Ctrl-D), closing the simulator cleanly.
  rl.on('SIGINT', () => rl.close());
  let quit = false;
  if (io.interactive) rl.prompt();
  for await (const line of rl) {
    // Piped commands are echoed, so a script's output reads as a transcript.
    if (!io.interactive && line.trim() !== '') out(`> ${line}`);
    quit = !(await session.runLine(line));
    if (quit) break;
    if (io.interactive) rl.prompt();
  }
  rl.close();
  // Ctrl-C / Ctrl-D leave the cursor after the prompt; give the shell a fresh line.
  if (io.interactive && !quit) out('');
}
