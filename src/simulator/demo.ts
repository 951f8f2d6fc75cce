// `npm run demo`: the app on SQLite against the built-in Slack simulator — no Slack account.
// Plays a small community (members, channels, messages, a thread, reactions added and
// removed, a join, an edit, a deletion, a bot message, a DM), shows what was recorded and
// what /activity answers, then keeps running so you can explore the API.
//   npm run demo              (Ctrl-C to stop)
//   npm run demo -- --exit    (play, print, stop: used by the tests)
import { mkdirSync, rmSync } from 'node:fs';
import { createApp, type RunningApp } from '../app';
import { AppError } from '../errors';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { COMMUNITY, seedCommunity } from './community';
import { startSlackSimulator } from './web-api-server';
import { sendEvent, sendSlashCommand } from './sender';
import { eventCallback, slashCommand } from './factories';
import { playCommunityStory } from './story';

const exitAfter = process.argv.includes('--exit');
const SECRET = 'demo-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-fake_demo_token';
const API_TOKEN = 'demo-api-token-0123456789';
const TEAM = COMMUNITY.teamId;
const dbDir = process.env.DEMO_DATA_DIR ?? './data';
const dbPath = `${dbDir}/demo.db`;

const sim = await startSlackSimulator();
seedCommunity(sim.state, { botToken: BOT_TOKEN });

mkdirSync(dbDir, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
const config = loadConfig({
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_API_URL: sim.apiUrl,
  DATABASE_URL: `file:${dbPath}`,
  PORT: process.env.PORT ?? '3000',
  HOST: '127.0.0.1',
  API_TOKEN,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
let app: RunningApp;
try {
  app = await createApp({ config, logger: createLogger(config.logLevel) });
} catch (error) {
  // A port in use (or another start-up failure a person can fix): one line, no stack.
  console.error(`could not start the demo: ${error instanceof AppError ? error.message : (error as Error).stack}`);
  await sim.close();
  process.exit(1);
}
const events = `${app.url}/slack/events`;
const send = async (label: string, event: { type: string }) => {
  const res = await sendEvent(events, SECRET, eventCallback(event, { team_id: TEAM, api_app_id: COMMUNITY.appId }));
  console.log(`  ${res.status === 200 ? '✓' : '✗'} ${label}${res.status === 200 ? '' : ` (HTTP ${res.status})`}`);
};

console.log(`\nDemo: the activity collector at ${app.url}, Slack simulated at ${sim.url}\n\nPlaying a small community:`);
await playCommunityStory(sim.state, send);

const counts = await app.store.db.activity.groupBy({ by: ['type'], _count: true, orderBy: { type: 'asc' } });
console.log('\nRecorded activities:');
for (const c of counts) console.log(`  ${String(c._count).padStart(3)}  ${c.type}`);

const responseUrl = sim.newResponseUrl();
await sendSlashCommand(events, SECRET, slashCommand({ team_id: TEAM, team_domain: 'maple-community', user_id: 'U0ANA', user_name: 'ana', channel_id: 'C0GENERAL', text: '', response_url: responseUrl }));
const answer = await sim.waitForResponse(responseUrl, undefined, 20_000).catch(() => undefined);
const body = answer?.body as { text?: string; blocks?: { type: string; text?: { text?: string } }[] } | undefined;
console.log('\nWhat Ana sees when she types /activity:');
if (!answer) console.log('  (no answer within 20 s — see the logs; try LOG_LEVEL=info npm run demo)');
for (const block of body?.blocks ?? []) if (block.type === 'section' && block.text?.text) console.log(`  ${block.text.text.split('\n').join('\n  ')}`);

console.log(`
Where to look:
  curl -s -H 'Authorization: Bearer ${API_TOKEN}' '${app.url}/api/v1/activities?limit=5'
  curl -s -H 'Authorization: Bearer ${API_TOKEN}' '${app.url}/api/v1/activities?type=slack_reaction.added,slack_reaction.removed'
  curl -s -H 'Authorization: Bearer ${API_TOKEN}' '${app.url}/api/v1/export?format=csv'
  curl -s '${app.url}/api/v1/openapi.json'     ${app.url}/readyz
  The database: ${dbPath} (SQLite). VERSIONS.md documents every activity type.
  The admin CLI on the demo's data (also after the demo stopped):
    DATABASE_URL=file:${dbPath} npm run cli -- channels list
  Send events of your own: npm run simulator (see the README).
`);

if (exitAfter) {
  await app.stop();
  await sim.close();
} else {
  console.log('Running; Ctrl-C to stop.');
  const stop = () => void app.stop().then(() => sim.close()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
