// `npm run bench`: signed message/reaction events from a concurrent load generator into
// (1) a bare Bolt app whose listeners store nothing, (2) the app on SQLite, (3) the app on
// PostgreSQL — each in its own process, in one run — then counts rows to prove every event
// was stored exactly once (a share of the events is redelivered as Slack retries).
//   npm run bench -- --events 4000 --concurrency 32 [--rounds 3] [--client http|fetch]
// The generator sends over node:http keep-alive sockets (--client http, the default): with
// the global fetch it spent about twice the CPU per request that bare Bolt spends answering
// it, so on this 2-core machine it, not Bolt, set the "ceiling" (bare Bolt sat 30% idle).
// Each round runs the three targets back to back; the ratios to bare Bolt are taken within a
// round (the machine's speed drifts between rounds) and their median reported.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { activityRegistry } from '../src/activities';
import { openStore } from '../src/store/store';
import { startSlackSimulator } from '../src/simulator/web-api-server';
import { createSender, sendEvent as fetchSendEvent } from '../src/simulator/sender';
import { keepAliveFetch } from './keep-alive-fetch';
import { eventCallback, messageEvent, reactionAdded, threadReply } from '../src/simulator/factories';
import { createTestDatabase } from '../test/support/databases';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const EVENTS = arg('events', 4000);
const CONCURRENCY = arg('concurrency', 32);
/** Rounds of (bare, SQLite, PostgreSQL), interleaved so background noise hits all alike; medians reported. */
const ROUNDS = arg('rounds', 3);
const CLIENT = process.argv.includes('--client') ? process.argv[process.argv.indexOf('--client') + 1] : 'http';
if (CLIENT !== 'http' && CLIENT !== 'fetch') throw new Error('--client must be http or fetch');
const sendEvent = CLIENT === 'http' ? createSender({ fetch: keepAliveFetch(CONCURRENCY + 8) }).sendEvent : fetchSendEvent;
const RETRY_SHARE = 0.1;
const SECRET = 'bench-signing-secret-0123456789abcdef';
const TOKEN = 'xoxb-fake_bench_token';
const TEAM = 'T0BENCH';
const USERS = Array.from({ length: 20 }, (_, i) => `U0BENCH${i}`);
const CHANNELS = Array.from({ length: 5 }, (_, i) => `C0BENCH${i}`);

const sim = await startSlackSimulator();
sim.state.addTeam({ id: TEAM, name: 'Bench', domain: 'bench' });
sim.state.addBotToken({ token: TOKEN, teamId: TEAM, botUserId: 'U0BENCHBOT', botId: 'B0BENCH', appId: 'A0BENCH' });
for (const id of USERS) sim.state.addUser({ id, team_id: TEAM, name: id.toLowerCase(), profile: { display_name: id.toLowerCase() } });
for (const [i, id] of CHANNELS.entries()) sim.state.addChannel({ id, team_id: TEAM, name: `bench-${i}`, is_private: false, members: USERS });

/** The workload: 60% top-level messages, 20% replies, 20% reactions; unique events. */
function workload(n: number): object[] {
  const bodies: object[] = [];
  const posted: { channel: string; ts: string; user: string }[] = [];
  for (let i = 0; i < n; i++) {
    const user = USERS[i % USERS.length]!;
    const channel = CHANNELS[i % CHANNELS.length]!;
    const r = i % 10;
    let event: { type: string };
    if (r < 6 || posted.length === 0) {
      const m = messageEvent({ user, channel, team: TEAM, text: `message ${i}: shipping the new onboarding flow today` });
      posted.push({ channel, ts: m.ts, user });
      event = m;
    } else if (r < 8) {
      const parent = posted[(i * 7) % posted.length]!;
      event = threadReply({ ts: parent.ts, user: parent.user, channel: parent.channel }, { user, team: TEAM, text: `reply ${i}` });
    } else {
      const target = posted[(i * 13) % posted.length]!;
      event = reactionAdded(target, { user, reaction: ['tada', 'eyes', 'thumbsup'][i % 3]! });
    }
    bodies.push(eventCallback(event, { team_id: TEAM, api_app_id: 'A0BENCH' }));
  }
  return bodies;
}

interface Figures {
  target: string;
  sent: number;
  eventsPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function startTarget(mode: 'bare' | 'app', env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-target.ts', mode], {
    env: {
      ...process.env,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: sim.apiUrl,
      BENCH_BOT_ID: 'B0BENCH',
      BENCH_BOT_USER_ID: 'U0BENCHBOT',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    // The first JSON line with a port says the target is ready; its error logs are shown.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let parsed: { port?: number; level?: number } = {};
      try {
        parsed = JSON.parse(line) as typeof parsed;
      } catch {
        // not JSON: shown below
      }
      if (typeof parsed.port === 'number') resolve(parsed.port);
      else if (parsed.level === undefined || parsed.level >= 50) console.log(`  [${mode} target] ${line.slice(0, 2000)}`);
    });
    child.once('exit', (code) => reject(new Error(`${mode} target exited with ${code}`)));
  });
  return { child, port };
}

async function load(target: string, url: string, bodies: object[]): Promise<Figures> {
  // Warm up (JIT, connections, label caches) on throw-away events, not counted.
  const warm = workload(200).map((b) => ({ ...b, event_id: `EvWARM${Math.random()}` }));
  const warmed = await Promise.all(warm.map((b) => sendEvent(url, SECRET, b)));
  const failed = warmed.filter((r) => r.status < 200 || r.status > 299);
  if (failed.length > 0) console.log(`  ${target}: ${failed.length} warm-up events answered ${[...new Set(failed.map((r) => r.status))].join('/')}: ${failed[0]!.text.slice(0, 200)}`);
  const retries = bodies.filter((_, i) => i % Math.round(1 / RETRY_SHARE) === 0);
  const jobs = [...bodies.map((body) => ({ body, retryNum: 0 })), ...retries.map((body) => ({ body, retryNum: 1 }))];
  const latencies: number[] = [];
  let next = 0;
  let non2xx = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t0 = performance.now();
        const res = await sendEvent(url, SECRET, job.body, job.retryNum ? { retryNum: job.retryNum, retryReason: 'http_timeout' } : {});
        latencies.push(performance.now() - t0);
        if (res.status < 200 || res.status > 299) non2xx++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { target, sent: jobs.length, eventsPerSec: jobs.length / seconds, p50: pct(50), p99: pct(99), non2xx };
}

type Result = Figures & { rows?: number; expected?: number };
const bodies = workload(EVENTS);
console.log(`bench: ${EVENTS} unique events (+${Math.round(EVENTS * RETRY_SHARE)} redelivered as retries), concurrency ${CONCURRENCY}, ${ROUNDS} interleaved rounds, ${CLIENT} client, ${new Date().toISOString()}`);

async function runBare(): Promise<Result> {
  const { child, port } = await startTarget('bare', {});
  const figures = await load('bare Bolt (stores nothing)', `http://127.0.0.1:${port}/slack/events`, bodies);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return figures;
}

async function runApp(kind: 'sqlite' | 'postgresql'): Promise<Result> {
  const db = await createTestDatabase(kind);
  const { child, port } = await startTarget('app', { DATABASE_URL: db.url });
  const figures = await load(`app on ${kind}`, `http://127.0.0.1:${port}/slack/events`, bodies);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const store = await openStore({ databaseUrl: db.url, registry: activityRegistry, migrate: false });
  const rows = await store.db.activity.count({ where: { workspaceId: TEAM } });
  const warmRows = 200; // the warm-up events are stored too: expected rows = 200 + EVENTS
  const distinct = await store.db.activity.groupBy({ by: ['sourceKey'], where: { workspaceId: TEAM }, _count: true });
  await store.close();
  await db.drop();
  return { ...figures, rows: rows - warmRows, expected: EVENTS, ...(distinct.length !== rows ? { target: `${figures.target} (DUPLICATE ROWS!)` } : {}) };
}

const rounds: Result[][] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const r = [await runBare(), await runApp('sqlite'), await runApp('postgresql')];
  rounds.push(r);
  const bare = r[0]!.eventsPerSec;
  console.log(`round ${round}: ${r.map((x, i) => `${x.target} ${x.eventsPerSec.toFixed(0)}/s${i ? ` (${(x.eventsPerSec / bare).toFixed(2)}x, ${x.rows} rows)` : ''}`).join(', ')}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Result[] = [0, 1, 2].map((i) => {
  const all = rounds.map((r) => r[i]!);
  return {
    ...all[0]!,
    eventsPerSec: median(all.map((x) => x.eventsPerSec)),
    p50: median(all.map((x) => x.p50)),
    p99: median(all.map((x) => x.p99)),
    non2xx: all.reduce((n, x) => n + x.non2xx, 0),
    ...(all[0]!.rows !== undefined ? { rows: all.every((x) => x.rows === x.expected) ? all[0]!.rows : -1 } : {}),
  };
});
await sim.close();

/** Median over the rounds of target / bare Bolt in the same round. */
const ratio = (i: number) => median(rounds.map((r) => r[i]!.eventsPerSec / r[0]!.eventsPerSec));
console.log('\nmedians over the rounds (x bare: median of the per-round ratios)\ntarget                        events/s   p50 ms   p99 ms   non-2xx   x bare   rows stored / expected');
for (const [i, r] of results.entries()) {
  console.log(
    `${r.target.padEnd(28)} ${r.eventsPerSec.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.non2xx).padStart(9)} ${(i === 0 ? 1 : ratio(i)).toFixed(2).padStart(8)}   ${r.rows === undefined ? '-' : `${r.rows} / ${r.expected}${r.rows === r.expected ? ' (exactly once)' : ' MISMATCH'}`}`,
  );
}
const sqlite = ratio(1);
const pg = ratio(2);
console.log(`\ntargets: SQLite >= 0.70x bare (${sqlite.toFixed(2)}x: ${sqlite >= 0.7 ? 'met' : 'NOT met'}), PostgreSQL >= 0.50x bare (${pg.toFixed(2)}x: ${pg >= 0.5 ? 'met' : 'NOT met'})`);
