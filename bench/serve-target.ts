// A server for bench/ingest.ts, run in its own process so the load generator does not share
// its event loop: `app` is the real activity collector (createApp); `bare` is a Bolt app with
// the same receiver settings whose listeners store nothing (the ceiling).
// Prints one JSON line {"port": N} on stdout when ready; stops on SIGTERM.
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';

const mode = process.argv[2];

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
  console.log(JSON.stringify({ port: address.port }));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (mode === 'app') {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const app = await createApp({ config, logger: createLogger(config.logLevel) });
  console.log(JSON.stringify({ port: app.port }));
  process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
} else {
  console.error('usage: serve-target.ts bare|app');
  process.exit(2);
}
