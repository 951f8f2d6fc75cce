// A server for bench/ingest.ts, run in its own process so the load generator does not share
// its event loop: `app` is the real activity collector (createApp); `bare` is a Bolt app with
// the same receiver settings whose listeners store nothing (the ceiling).
// Prints one JSON line {"port": N} on stdout when ready; stops on SIGTERM.
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';

const mode = process.argv[2];

/**
 * BENCH_CPU_PROFILE=file.cpuprofile: profile from SIGUSR2 (sent once the warm-up is over)
 * until SIGTERM, for finding where an event's time goes.
 */
async function startProfiling(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return async () => undefined;
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  let started: Promise<unknown> | undefined;
  process.once('SIGUSR2', () => {
    started = session.post('Profiler.start');
  });
  return async () => {
    if (!started) return;
    await started;
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
  };
}

if (mode === 'bare') {
  const receiver = new ExpressReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET!, processBeforeResponse: true });
  const bolt = new App({
    token: process.env.SLACK_BOT_TOKEN!,
    botId: process.env.BENCH_BOT_ID!,
    botUserId: process.env.BENCH_BOT_USER_ID!,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
    convoStore: false,
  });
  bolt.event('message', async () => undefined);
  bolt.event('reaction_added', async () => undefined);
  bolt.event('reaction_removed', async () => undefined);
  const server = (await receiver.start(0)) as import('node:http').Server;
  const address = server.address() as import('node:net').AddressInfo;
  const stopProfiling = await startProfiling();
  console.log(JSON.stringify({ port: address.port }));
  process.on('SIGTERM', () => void stopProfiling().then(() => server.close(() => process.exit(0))));
} else if (mode === 'app') {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const app = await createApp({ config, logger: createLogger(config.logLevel) });
  const stopProfiling = await startProfiling();
  console.log(JSON.stringify({ port: app.port }));
  process.on('SIGTERM', () => void stopProfiling().then(() => app.stop()).then(() => process.exit(0)));
} else {
  console.error('usage: serve-target.ts bare|app');
  process.exit(2);
}
