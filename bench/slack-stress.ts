// `npm run bench:slack`: Slack slow, rate-limiting or unreachable while events arrive. The real
// app runs in its own process (bench/serve-target.ts) against the Slack simulator, reached
// through a relay that can refuse connections (test/integration/collect/slack-relay.ts), on
// SQLite and on PostgreSQL, with SLACK_LOOKUP_BUDGET_MS at the default and at its maximum.
// Every scenario sends signed events from many distinct members in many distinct channels
// (cold caches: every event needs users.info / conversations.info lookups) and prints the ack
// times, how many Web API calls the app made (and how many Slack answered 429), and the rows
// stored (every event exactly once).
//   npm run bench:slack -- [--events 600] [--concurrency 32] [--rate 30] [--databases sqlite,postgresql]
//                          [--budgets 800,2500] [--scenarios slow,storm,unreachable] [--storm-seconds 30]
//
// Scenarios (each on a fresh app process and database, after a warm-up on a healthy Slack):
// - healthy: no fault, the baseline (cold lookups answered at once).
// - slow: Slack answers every Web API call in 5 s (--slow-ms).
// - storm: users.info answers 429 (Retry-After 1 s) and conversations.info 429 (Retry-After
//   2 s) to every call for --storm-seconds.
// - unreachable: every connection to Slack's API is reset (the relay refuses them); "calls"
//   are then the connections the app attempted.
// Events arrive at --rate per second (0: as fast as the senders go) from --concurrency senders,
// so they keep arriving while the fault lasts. After the fault ends the bench waits (up to
// --recovery-seconds) for the label filler to fill every label, and says how long it took.
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { eventCallback, messageEvent, reactionAdded, threadReply } from '../src/simulator/factories';
import { createSender } from '../src/simulator/sender';
import { startSlackSimulator, type SlackSimulator } from '../src/simulator/web-api-server';
import { sqliteFilePath } from '../src/store/database-url';
import { createTestDatabase, type TestDatabase } from '../test/support/databases';
import { startSlackRelay, type SlackRelay } from '../test/integration/collect/slack-relay';
import { keepAliveFetch } from './keep-alive-fetch';
import { percentile, startTargetProcess, stopTargetProcess } from './target-process';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function count(name: string, fallback: number, least = 1): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value < least) throw new Error(`--${name} takes a whole number >= ${least}`);
  return value;
}
function list(name: string, fallback: string, allowed?: readonly string[]): string[] {
  const values = (option(name) ?? fallback).split(',').filter(Boolean);
  const wrong = allowed ? values.filter((v) => !allowed.includes(v)) : [];
  if (values.length === 0 || wrong.length > 0) throw new Error(`--${name} takes a comma-separated list of ${allowed?.join(', ') ?? 'values'}`);
  return values;
}

const EVENTS = count('events', 600);
const CONCURRENCY = count('concurrency', 32);
const RATE = count('rate', 30, 0);
const STORM_SECONDS = count('storm-seconds', 30);
const SLOW_MS = count('slow-ms', 5000);
const RECOVERY_SECONDS = count('recovery-seconds', 30, 0);
const DATABASES = list('databases', 'sqlite,postgresql', ['sqlite', 'postgresql']) as ('sqlite' | 'postgresql')[];
const BUDGETS = list('budgets', '800,2500').map((b) => {
  const n = Number(b);
  if (!Number.isInteger(n) || n < 0) throw new Error('--budgets takes whole milliseconds, comma-separated');
  return n;
});
const SCENARIOS = list('scenarios', 'healthy,slow,storm,unreachable', ['healthy', 'slow', 'storm', 'unreachable']) as Scenario[];
type Scenario = 'healthy' | 'slow' | 'storm' | 'unreachable';

const WARM_UP_EVENTS = 60;
const SECRET = 'bench-signing-secret-0123456789abcdef';
const TOKEN = 'xoxb-fake_stress_token';
const TEAM = 'T0STRESS';
const BOT_USER = 'U0STRESSBOT';
/** Events per channel: a channel is looked up by its first event, and then is warm. */
const EVENTS_PER_CHANNEL = 3;
const ACK_LIMIT_MS = 3000;

const sendEvent = createSender({ fetch: keepAliveFetch(CONCURRENCY + 8) }).sendEvent;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sim = await startSlackSimulator();
sim.state.addTeam({ id: TEAM, name: 'Stress', domain: 'stress' });
sim.state.addBotToken({ token: TOKEN, teamId: TEAM, botUserId: BOT_USER, botId: 'B0STRESS', appId: 'A0STRESS' });
sim.state.addUser({ id: BOT_USER, team_id: TEAM, name: 'activity', is_bot: true, profile: { display_name: 'activity' } });

let runs = 0;

/**
 * `n` events from `n` distinct members (known to the simulator), 3 per channel: 40% messages,
 * 20% messages whose event does not say the channel's kind (no channel_type), 20% thread
 * replies, 20% reactions (to another member's message: a recipient to look up too).
 */
function workload(n: number): { bodies: object[]; channelPrefix: string } {
  const run = `${++runs}`.padStart(3, '0');
  const users = Array.from({ length: n }, (_, i) => `U${run}S${i}`);
  const channels = Array.from({ length: Math.ceil(n / EVENTS_PER_CHANNEL) }, (_, i) => `C${run}S${i}`);
  for (const id of users) sim.state.addUser({ id, team_id: TEAM, name: id.toLowerCase(), profile: { display_name: id.toLowerCase() } });
  for (const [i, id] of channels.entries()) sim.state.addChannel({ id, team_id: TEAM, name: `stress-${run}-${i}`, is_private: false, members: [BOT_USER] });
  const posted: { channel: string; ts: string; user: string }[] = [];
  const bodies: object[] = [];
  for (let i = 0; i < n; i++) {
    const user = users[i]!;
    const channel = channels[Math.floor(i / EVENTS_PER_CHANNEL)]!;
    const r = i % 5;
    let event: { type: string };
    if (r <= 1 || posted.length === 0) {
      const m = messageEvent({ user, channel, team: TEAM, text: `message ${i}` });
      posted.push({ channel, ts: m.ts, user });
      event = m;
    } else if (r === 2) {
      const { channel_type: _, ...m } = messageEvent({ user, channel, team: TEAM, text: `message ${i} (no channel_type)` });
      event = m;
    } else if (r === 3) {
      const parent = posted[posted.length - 1]!;
      event = threadReply(parent, { user, team: TEAM, text: `reply ${i}` });
    } else {
      event = reactionAdded(posted[(i * 7) % posted.length]!, { user, reaction: 'tada' });
    }
    bodies.push({ ...eventCallback(event, { team_id: TEAM, api_app_id: 'A0STRESS' }), event_id: `Ev${run}S${i}` });
  }
  return { bodies, channelPrefix: `C${run}S` };
}

interface Sent {
  latencies: number[];
  non2xx: number;
  firstFailure: string;
  /** The events answered non-2xx, which Slack would deliver again. */
  failed: object[];
}

/** Sends `bodies` from CONCURRENCY senders, event i not before i / RATE seconds (RATE 0: at once). */
async function send(url: string, bodies: object[], retryNum = 0): Promise<Sent> {
  const sent: Sent = { latencies: [], non2xx: 0, firstFailure: '', failed: [] };
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const i = next++;
        if (RATE > 0) {
          const wait = started + (i * 1000) / RATE - performance.now();
          if (wait > 0) await sleep(wait);
        }
        const t0 = performance.now();
        const res = await sendEvent(url, SECRET, bodies[i]!, retryNum ? { retryNum, retryReason: 'http_error' } : {}).catch((error: unknown) => ({ status: 0, text: String(error) }));
        sent.latencies.push(performance.now() - t0);
        if (res.status < 200 || res.status > 299) {
          sent.non2xx++;
          sent.failed.push(bodies[i]!);
          sent.firstFailure ||= `${res.status} ${res.text.slice(0, 200)}`;
        }
      }
    }),
  );
  return sent;
}

/** Rows stored in the channels of one workload, distinct source keys, and rows still waiting for labels. */
async function countRows(db: TestDatabase, channelPrefix: string): Promise<{ rows: number; distinct: number; pending: number }> {
  const sql = (table: string, col: (c: string) => string) =>
    `SELECT count(*) AS rows, count(DISTINCT ${col('sourceKey')}) AS distinct_keys, ` +
    `coalesce(sum(CASE WHEN ${col('labelsPending')} THEN 1 ELSE 0 END), 0) AS pending FROM ${table} ` +
    `WHERE ${col('workspaceId')} = '${TEAM}' AND ${col('channelId')} LIKE '${channelPrefix}%'`;
  if (db.kind === 'sqlite') {
    const conn = new Database(sqliteFilePath(db.url), { readonly: true, timeout: 5000 });
    try {
      const r = conn.prepare(sql('"Activity"', (c) => `"${c}"`)).get() as { rows: number; distinct_keys: number; pending: number };
      return { rows: r.rows, distinct: r.distinct_keys, pending: r.pending };
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const r = (await client.query(sql('"Activity"', (c) => `"${c}"`))).rows[0] as { rows: string; distinct_keys: string; pending: string };
    return { rows: Number(r.rows), distinct: Number(r.distinct_keys), pending: Number(r.pending) };
  } finally {
    await client.end();
  }
}

interface Result {
  sent: Sent;
  calls: number;
  rateLimited: number;
  refused: number;
  stored: { rows: number; distinct: number; pending: number };
  /** Seconds after the fault ended until no label was pending (undefined: not within RECOVERY_SECONDS). */
  recovered: number | undefined;
  /** Rows still waiting for labels when the bench stopped waiting. */
  pendingAtEnd: number;
}

async function runScenario(kind: 'sqlite' | 'postgresql', budget: number, scenario: Scenario): Promise<Result> {
  const db = await createTestDatabase(kind);
  const relay: SlackRelay = await startSlackRelay({ port: sim.port });
  const target = await startTargetProcess('app', `${kind} ${budget} ${scenario}`, {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: relay.apiUrl,
    SLACK_LOOKUP_BUDGET_MS: String(budget),
    DATABASE_URL: db.url,
    BENCH_BOT_ID: 'B0STRESS',
    BENCH_BOT_USER_ID: BOT_USER,
    LOG_LEVEL: 'error',
  }, 3);
  try {
    // Warm-up on a healthy Slack (JIT, sockets, the workspace row), not counted.
    const warm = await send(target.url, workload(WARM_UP_EVENTS).bodies);
    if (warm.non2xx > 0) console.log(`  warm-up: ${warm.non2xx} of ${WARM_UP_EVENTS} events answered non-2xx, e.g. ${warm.firstFailure}`);
    await sleep(1000);
    const { bodies, channelPrefix } = workload(EVENTS);
    const firstCall = sim.calls.length;
    const refusedBefore = relay.refused;
    const faultStarted = performance.now();
    if (scenario === 'slow') sim.delay('*', SLOW_MS);
    if (scenario === 'storm') {
      sim.rateLimit('users.info', { times: Number.MAX_SAFE_INTEGER, retryAfterSec: 1 });
      sim.rateLimit('conversations.info', { times: Number.MAX_SAFE_INTEGER, retryAfterSec: 2 });
    }
    if (scenario === 'unreachable') relay.refuse();
    const sent = await send(target.url, bodies);
    if (scenario === 'storm') await sleep(Math.max(0, faultStarted + STORM_SECONDS * 1000 - performance.now()));
    sim.resetFaults();
    relay.restore();
    const faultCalls = sim.calls.slice(firstCall);
    const result: Omit<Result, 'stored' | 'recovered' | 'pendingAtEnd'> = {
      sent,
      calls: faultCalls.length,
      rateLimited: faultCalls.filter((c) => c.status === 429).length,
      refused: relay.refused - refusedBefore,
    };
    // Slack delivers again what was not acknowledged with a 2xx (the figures above keep the first tries).
    const redelivered = await send(target.url, sent.failed, 1);
    if (redelivered.non2xx > 0) console.log(`  ${redelivered.non2xx} redeliveries answered non-2xx too, e.g. ${redelivered.firstFailure}`);
    // The label filler catches up once Slack is healthy again.
    const ended = performance.now();
    let recovered: number | undefined;
    let pendingAtEnd = 0;
    for (;;) {
      const { pending } = await countRows(db, channelPrefix);
      pendingAtEnd = pending;
      if (pending === 0) {
        recovered = (performance.now() - ended) / 1000;
        break;
      }
      if (performance.now() - ended > RECOVERY_SECONDS * 1000) break;
      await sleep(500);
    }
    await stopTargetProcess(target);
    return { ...result, stored: await countRows(db, channelPrefix), recovered, pendingAtEnd };
  } finally {
    await stopTargetProcess(target);
    sim.resetFaults();
    await relay.close();
    await db.drop();
  }
}

const SCENARIO_NAMES: Record<Scenario, string> = {
  healthy: 'Slack healthy',
  slow: `Slack answers in ${SLOW_MS / 1000} s`,
  storm: `429 storm ${STORM_SECONDS} s`,
  unreachable: 'Slack unreachable',
};

console.log(
  `slack-stress: ${EVENTS} events per scenario from ${EVENTS} distinct members in ${Math.ceil(EVENTS / EVENTS_PER_CHANNEL)} channels, ` +
    `${RATE > 0 ? `${RATE} events/s` : 'unpaced'}, concurrency ${CONCURRENCY}, ${new Date().toISOString()}`,
);
console.log(
  '\ndatabase    budget  scenario              ack ms: p50     p95     p99     max   > 3 s  non-2xx   Web API calls (429)   refused   rows stored / events   labels filled',
);
let failures = 0;
for (const kind of DATABASES) {
  for (const budget of BUDGETS) {
    for (const scenario of SCENARIOS) {
      const r = await runScenario(kind, budget, scenario);
      const l = r.sent.latencies;
      const over = l.filter((ms) => ms > ACK_LIMIT_MS).length;
      const once = r.stored.rows === EVENTS && r.stored.distinct === r.stored.rows;
      const rows = `${r.stored.rows} / ${EVENTS}${r.stored.distinct !== r.stored.rows ? ' DUPLICATES' : once ? ' (exactly once)' : ' MISSING'}`;
      const filled = r.recovered === undefined ? `${r.pendingAtEnd} pending after ${RECOVERY_SECONDS} s` : `${r.recovered.toFixed(1)} s after`;
      if (over > 0 || !once || r.sent.non2xx > 0) failures++;
      console.log(
        `${kind.padEnd(11)} ${String(budget).padStart(6)}  ${SCENARIO_NAMES[scenario].padEnd(20)} ${percentile(l, 50).toFixed(0).padStart(11)} ${percentile(l, 95).toFixed(0).padStart(7)} ` +
          `${percentile(l, 99).toFixed(0).padStart(7)} ${Math.max(...l).toFixed(0).padStart(7)} ${String(over).padStart(7)} ${String(r.sent.non2xx).padStart(8)}   ` +
          `${`${r.calls} (${r.rateLimited})`.padStart(19)}   ${String(r.refused).padStart(7)}   ${rows.padEnd(20)} ${filled}`,
      );
      if (r.sent.non2xx > 0) console.log(`  e.g. ${r.sent.firstFailure}`);
    }
  }
}
await sim.close();
console.log(failures === 0 ? '\nevery ack within 3 s, every event stored exactly once' : `\n${failures} scenario(s) with acks over 3 s, failed or missing events`);
