// `npm run demo`: the app on SQLite against the built-in Slack simulator — no Slack account.
// Plays a small community (members, channels, messages, a thread, reactions added and
// removed, a join, an edit, a deletion, a bot message, a DM), shows what was recorded and
// what /activity answers, then keeps running so you can explore the API.
//   npm run demo              (Ctrl-C to stop)
//   npm run demo -- --exit    (play, print, stop: used by the tests)
import { mkdirSync, rmSync } from 'node:fs';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { startSlackSimulator } from './web-api-server';
import { sendEvent, sendSlashCommand } from './sender';
import {
  botMessage,
  eventCallback,
  fileShareMessage,
  messageChanged,
  messageDeleted,
  messageEvent,
  reactionAdded,
  reactionRemoved,
  slashCommand,
  teamJoin,
  threadBroadcast,
  threadReply,
} from './factories';

const exitAfter = process.argv.includes('--exit');
const SECRET = 'demo-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-fake_demo_token';
const API_TOKEN = 'demo-api-token-0123456789';
const TEAM = 'T0DEMO';
const dbDir = process.env.DEMO_DATA_DIR ?? './data';
const dbPath = `${dbDir}/demo.db`;

const sim = await startSlackSimulator();
sim.state.addTeam({ id: TEAM, name: 'Maple Community', domain: 'maple-community' });
sim.state.addBotToken({ token: BOT_TOKEN, teamId: TEAM, botUserId: 'U0DEMOBOT', botId: 'B0DEMOBOT', appId: 'A0DEMOAPP' });
sim.state.addUser({ id: 'U0DEMOBOT', team_id: TEAM, name: 'activity', is_bot: true, profile: { display_name: 'activity' } });
const people = [
  { id: 'U0ANA', name: 'ana', display: 'Ana', real: 'Ana Lima' },
  { id: 'U0BO', name: 'bo', display: 'Bo', real: 'Bo Chen' },
  { id: 'U0CY', name: 'cy', display: 'Cy', real: 'Cy Okafor' },
  { id: 'U0DEE', name: 'dee', display: 'Dee', real: 'Dee Patel' },
];
for (const p of people) sim.state.addUser({ id: p.id, team_id: TEAM, name: p.name, real_name: p.real, profile: { display_name: p.display, real_name: p.real } });
const everyone = [...people.map((p) => p.id), 'U0DEMOBOT'];
sim.state.addChannel({ id: 'C0GENERAL', team_id: TEAM, name: 'general', is_private: false, members: everyone });
sim.state.addChannel({ id: 'C0LAUNCH', team_id: TEAM, name: 'launch', is_private: false, members: everyone });
sim.state.addChannel({ id: 'C0HELP', team_id: TEAM, name: 'help', is_private: false, members: everyone });
sim.state.addChannel({ id: 'C0MODS', team_id: TEAM, name: 'moderators', is_private: true, members: ['U0ANA', 'U0DEMOBOT'] });

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
const app = await createApp({ config, logger: createLogger(config.logLevel) });
const events = `${app.url}/slack/events`;
const send = async (label: string, event: { type: string }) => {
  const res = await sendEvent(events, SECRET, eventCallback(event, { team_id: TEAM, api_app_id: 'A0DEMOAPP' }));
  console.log(`  ${res.status === 200 ? '✓' : '✗'} ${label}${res.status === 200 ? '' : ` (HTTP ${res.status})`}`);
};

console.log(`\nDemo: the activity collector at ${app.url}, Slack simulated at ${sim.url}\n\nPlaying a small community:`);
const welcome = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', team: TEAM, text: 'Welcome everyone! Introduce yourselves in this thread 👋' });
await send('Ana posts a welcome in #general', welcome);
await send('Bo replies in the thread', threadReply(welcome, { user: 'U0BO', team: TEAM, text: 'Hi! Bo here, I run the Berlin meetup.' }));
await send('Cy replies and also sends it to the channel', threadBroadcast(welcome, { user: 'U0CY', text: 'Cy here — excited to join!' }));
await send('Bo reacts :tada: to the welcome', reactionAdded({ channel: 'C0GENERAL', ts: welcome.ts, user: 'U0ANA' }, { user: 'U0BO', reaction: 'tada' }));
await send('Cy reacts :eyes:', reactionAdded({ channel: 'C0GENERAL', ts: welcome.ts, user: 'U0ANA' }, { user: 'U0CY', reaction: 'eyes' }));
await send('Cy takes the :eyes: back', reactionRemoved({ channel: 'C0GENERAL', ts: welcome.ts, user: 'U0ANA' }, { user: 'U0CY', reaction: 'eyes' }));
const launch = messageEvent({ user: 'U0BO', channel: 'C0LAUNCH', team: TEAM, text: 'v2.0 ships on Friday, release notes are in the doc' });
await send('Bo announces the launch in #launch', launch);
await send('Bo fixes a typo in the announcement (an edit)', messageChanged(launch, { text: 'v2.0 ships on Thursday, release notes are in the doc' }));
await send('Ana shares a file in #launch', fileShareMessage({ user: 'U0ANA', channel: 'C0LAUNCH', team: TEAM, text: 'Screenshots of the new dashboard' }));
const oops = messageEvent({ user: 'U0CY', channel: 'C0HELP', team: TEAM, text: 'my password is hunter2, why does login fail?' });
await send('Cy asks for help in #help (and leaks a password)', oops);
await send('Cy deletes that message (its text is scrubbed here too)', messageDeleted(oops));
sim.state.addUser({ id: 'U0EVE', team_id: TEAM, name: 'eve', real_name: 'Eve Martin', profile: { display_name: 'Eve', real_name: 'Eve Martin' } });
await send('Eve joins the workspace', teamJoin({ id: 'U0EVE', team_id: TEAM, name: 'eve', real_name: 'Eve Martin', profile: { display_name: 'Eve', real_name: 'Eve Martin' } }));
await send('A bot posts a reminder (not member activity: ignored)', botMessage({ channel: 'C0GENERAL', text: 'Reminder: community call at 5pm' }));
await send('Ana DMs Bo (direct messages are never collected)', messageEvent({ user: 'U0ANA', channel: 'D0ANABO', channel_type: 'im', team: TEAM, text: 'psst' }));
await send('Ana posts in the private #moderators (not opted in: ignored)', messageEvent({ user: 'U0ANA', channel: 'C0MODS', channel_type: 'group', team: TEAM, text: 'mod stuff' }));

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
