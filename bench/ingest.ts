// `npm run bench`: signed message/reaction events from a concurrent load generator into
// (1) a bare Bolt app whose listeners store nothing (the ceiling), (2) the app on SQLite and
// (3) the app on PostgreSQL, each in its own process, in one run; then counts the rows to
// prove every event was stored exactly once (a share of the events is redelivered as Slack
// retries, with X-Slack-Retry-Num).
//   npm run bench -- [--events 12000] [--concurrency 32] [--slices 12] [--databases sqlite,postgresql] [--client http|fetch] [--workspaces 50]
//
// How the comparison is kept fair on a small, shared machine (see README, Benchmarks):
// - The three targets run side by side for the whole run and take the load in turns: slice 1
//   to bare Bolt, slice 1 to the app on SQLite, slice 1 to PostgreSQL, then slice 2 to each
//   (starting with the next target), and so on. The machine's speed drifts by tens of percent within a minute (other tenants
//   of the host: see the steal column), so two targets measured a minute apart are not
//   comparable; two measured in alternating second-long slices are.
// - Events per second is a target's events over the time its slices took; "x bare" divides it
//   by bare Bolt's over the same span, and the spread of the per-slice ratios is shown.
// - The generator sends over node:http keep-alive sockets (--client http, the default): with
//   the global fetch it spent about twice the CPU per request that bare Bolt spends answering
//   it, so on a 2-core machine it, not Bolt, set the "ceiling".
// - --workspaces N adds, per database, the app with the OAuth install (bench/oauth-workspaces.ts)
//   installed into N simulated workspaces through its own /slack/install, each with its own
//   members and channels; it takes the same workload spread over the N workspaces in a random
//   order, in the same interleaved slices as the others, and its rate is shown beside the
//   one-workspace (bot token) target's: the cost of finding each payload's installation.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { activityRegistry } from '../src/activities';
import { openStore } from '../src/store/store';
import { startSlackSimulator } from '../src/simulator/web-api-server';
import { createSender, sendEvent as fetchSendEvent } from '../src/simulator/sender';
import { keepAliveFetch } from './keep-alive-fetch';
import { percentile, startTargetProcess, stopTargetProcess } from './target-process';
import { authorization, eventCallback, messageEvent, reactionAdded, threadReply } from '../src/simulator/factories';
import { createTestDatabase, type TestDatabase } from '../test/support/databases';
import {
  checkWorkspaces, installEverywhere, lookupTokens, OAUTH_APP_ID, OAUTH_ENV, perWorkspace, randomPlacement, seedWorkspaces, warmUpPlacement, type BenchWorkspace,
} from './oauth-workspaces';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function count(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}
/** Unique events each target receives (the redeliveries come on top). */
const EVENTS = count('events', 12_000);
const CONCURRENCY = count('concurrency', 32);
/** Turns each target takes; each turn sends EVENTS / SLICES unique events plus their redeliveries. */
const SLICES = count('slices', 12);
if (EVENTS < SLICES * 100) throw new Error(`--events must be at least 100 per slice (--slices ${SLICES}: ${SLICES * 100})`);
const CLIENT = option('client') ?? 'http';
if (CLIENT !== 'http' && CLIENT !== 'fetch') throw new Error('--client must be http or fetch');
/** Which databases the app is measured on (bare Bolt always runs: it is the baseline). */
const DATABASES = (option('databases') ?? 'sqlite,postgresql').split(',');
if (DATABASES.some((d) => d !== 'sqlite' && d !== 'postgresql')) throw new Error('--databases takes sqlite, postgresql or both, comma-separated');
/** With --workspaces N: the app with the OAuth install into N workspaces, beside each one-workspace target. */
const WORKSPACES = option('workspaces') === undefined ? 0 : count('workspaces', 50);
/** The OAuth target's throughput may be at most this much below the one-workspace target's. */
const WORKSPACES_LEAST = 0.9;
const sendEvent = CLIENT === 'http' ? createSender({ fetch: keepAliveFetch(CONCURRENCY + 8) }).sendEvent : fetchSendEvent;
/** Every tenth event is delivered twice, the second time as Slack's retry. */
const RETRY_EVERY = 10;
const WARM_UP_EVENTS = 300;
/** Pause before each turn, so one target's leftover background work settles before the next. */
const SETTLE_MS = 150;
const SECRET = 'bench-signing-secret-0123456789abcdef';
const TOKEN = 'xoxb-fake_bench_token';
const TEAM = 'T0BENCH';
const USERS = Array.from({ length: 20 }, (_, i) => `U0BENCH${i}`);
const CHANNELS = Array.from({ length: 5 }, (_, i) => `C0BENCH${i}`);
const GOALS: Record<string, { name: string; least: number }> = { sqlite: { name: 'SQLite', least: 0.7 }, postgresql: { name: 'PostgreSQL', least: 0.5 } };

const sim = await startSlackSimulator();
sim.state.addTeam({ id: TEAM, name: 'Bench', domain: 'bench' });
sim.state.addBotToken({ token: TOKEN, teamId: TEAM, botUserId: 'U0BENCHBOT', botId: 'B0BENCH', appId: 'A0BENCH' });
for (const id of USERS) sim.state.addUser({ id, team_id: TEAM, name: id.toLowerCase(), profile: { display_name: id.toLowerCase() } });
for (const [i, id] of CHANNELS.entries()) sim.state.addChannel({ id, team_id: TEAM, name: `bench-${i}`, is_private: false, members: USERS });
/** --workspaces: as many members and channels in each workspace as in the one above. */
const WORKSPACE_LIST: BenchWorkspace[] = WORKSPACES ? seedWorkspaces(sim, WORKSPACES, USERS.length, CHANNELS.length) : [];

/** Where each event of a workload goes: placement[i] is the index in `workspaces` of event i's workspace. */
interface Spread {
  workspaces: BenchWorkspace[];
  placement: readonly number[];
}

/**
 * The workload: 60% top-level messages, 20% replies, 20% reactions; unique events. With a
 * spread, event i happens in workspace placement[i] (its members, its channels; replies and
 * reactions to that workspace's messages), delivered for the app's installation there.
 */
function workload(n: number, eventIdPrefix: string, spread?: Spread): object[] {
  const bodies: object[] = [];
  const postedIn = new Map<number, { channel: string; ts: string; user: string }[]>();
  for (let i = 0; i < n; i++) {
    const ws = spread?.workspaces[spread.placement[i]!];
    const team = ws?.team ?? TEAM;
    const users = ws?.users ?? USERS;
    const channels = ws?.channels ?? CHANNELS;
    const posted = postedIn.get(spread?.placement[i] ?? 0) ?? [];
    postedIn.set(spread?.placement[i] ?? 0, posted);
    const user = users[i % users.length]!;
    const channel = channels[i % channels.length]!;
    const r = i % 10;
    let event: { type: string };
    if (r < 6 || posted.length === 0) {
      const m = messageEvent({ user, channel, team, text: `message ${i}: shipping the new onboarding flow today` });
      posted.push({ channel, ts: m.ts, user });
      event = m;
    } else if (r < 8) {
      const parent = posted[(i * 7) % posted.length]!;
      event = threadReply({ ts: parent.ts, user: parent.user, channel: parent.channel }, { user, team, text: `reply ${i}` });
    } else {
      const target = posted[(i * 13) % posted.length]!;
      event = reactionAdded(target, { user, reaction: ['tada', 'eyes', 'thumbsup'][i % 3]! });
    }
    const envelope = ws
      ? eventCallback(event, { team_id: team, api_app_id: OAUTH_APP_ID, authorizations: [authorization({ team_id: team, user_id: ws.botUserId })] })
      : eventCallback(event, { team_id: TEAM, api_app_id: 'A0BENCH' });
    bodies.push({ ...envelope, event_id: `${eventIdPrefix}${i}` });
  }
  return bodies;
}

interface Job {
  body: object;
  retryNum: number;
}

/** A slice's jobs: its unique events, then the redeliveries of every tenth of them. */
function jobsOf(bodies: object[]): Job[] {
  return [...bodies.map((body) => ({ body, retryNum: 0 })), ...bodies.filter((_, i) => i % RETRY_EVERY === 0).map((body) => ({ body, retryNum: 1 }))];
}

/** CPU seconds (user + system) a thread or process has used so far, from a /proc stat file (Linux). */
function cpuSecondsOf(statPath: string): number {
  try {
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const fields = readFileSync(statPath, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return Number.NaN; // not Linux: the CPU columns show NaN
  }
}

/** The whole machine's CPU seconds stolen by the hypervisor so far (other tenants), from /proc/stat. */
function stealSeconds(): number {
  try {
    return Number(readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)[8]) / 100;
  } catch {
    return Number.NaN;
  }
}

interface Target {
  label: string;
  name: string;
  child: ChildProcess;
  url: string;
  db?: TestDatabase;
  /** An OAuth target (--workspaces): the one-workspace target it is compared with. */
  single?: Target;
  // Accumulated over this target's slices:
  seconds: number;
  events: number;
  latencies: number[];
  non2xx: number;
  mainCpu: number;
  allCpu: number;
  generatorCpuUs: number;
  steal: number;
  sliceRates: number[];
}

async function startTarget(mode: 'bare' | 'app', label: string, name: string, env: Record<string, string | undefined>, db?: TestDatabase): Promise<Target> {
  const profile = process.env.BENCH_CPU_PROFILE;
  const { child, url } = await startTargetProcess(mode, label, {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: sim.apiUrl,
    BENCH_BOT_ID: 'B0BENCH',
    BENCH_BOT_USER_ID: 'U0BENCHBOT',
    LOG_LEVEL: 'error',
    // One profile file per target (see serve-target.ts), started once the warm-up is over.
    ...(profile ? { BENCH_CPU_PROFILE: profile.replace(/(\.cpuprofile)?$/, `-${label}.cpuprofile`) } : {}),
    ...env,
  });
  return {
    label, name, child, url, ...(db ? { db } : {}),
    seconds: 0, events: 0, latencies: [], non2xx: 0, mainCpu: 0, allCpu: 0, generatorCpuUs: 0, steal: 0, sliceRates: [],
  };
}

/** Sends the jobs from CONCURRENCY senders at once; with `record`, adds the figures to the target's. */
async function send(target: Target, jobs: Job[], record: boolean): Promise<void> {
  const pid = target.child.pid!;
  const main0 = cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`);
  const all0 = cpuSecondsOf(`/proc/${pid}/stat`);
  const generator0 = process.cpuUsage();
  const steal0 = stealSeconds();
  const latencies: number[] = [];
  let non2xx = 0;
  let firstFailure = '';
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t0 = performance.now();
        const res = await sendEvent(target.url, SECRET, job.body, job.retryNum ? { retryNum: job.retryNum, retryReason: 'http_timeout' } : {});
        latencies.push(performance.now() - t0);
        if (res.status < 200 || res.status > 299) {
          non2xx++;
          firstFailure ||= `${res.status} ${res.text.slice(0, 200)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (non2xx > 0) console.log(`  ${target.name}: ${non2xx} of ${jobs.length} answered non-2xx, e.g. ${firstFailure}`);
  if (!record) return;
  const generator = process.cpuUsage(generator0);
  target.seconds += seconds;
  target.events += jobs.length;
  target.latencies.push(...latencies);
  target.non2xx += non2xx;
  target.mainCpu += cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`) - main0;
  target.allCpu += cpuSecondsOf(`/proc/${pid}/stat`) - all0;
  target.generatorCpuUs += generator.user + generator.system;
  target.steal += stealSeconds() - steal0;
  target.sliceRates.push(jobs.length / seconds);
}

/** Rows the app stored for the bench workspace, and how many distinct source keys they hold. */
async function countRows(db: TestDatabase): Promise<{ rows: number; distinct: number }> {
  const store = await openStore({ databaseUrl: db.url, registry: activityRegistry, migrate: false });
  const rows = await store.db.activity.count({ where: { workspaceId: TEAM } });
  const distinct = (await store.db.activity.groupBy({ by: ['sourceKey'], where: { workspaceId: TEAM }, _count: true })).length;
  await store.close();
  return { rows, distinct };
}

const perSlice = Math.ceil(EVENTS / SLICES);
console.log(
  `bench: ${EVENTS} unique events per target (+${Math.ceil(EVENTS / RETRY_EVERY)} redelivered as retries), concurrency ${CONCURRENCY}, ` +
    `${SLICES} interleaved slices of ${perSlice}, ${CLIENT} client${WORKSPACES ? `, ${WORKSPACES} workspaces (OAuth) beside one` : ''}, ${new Date().toISOString()}`,
);

const targets: Target[] = [await startTarget('bare', 'bare', 'bare Bolt (stores nothing)', {})];
for (const kind of DATABASES) {
  const db = await createTestDatabase(kind as 'sqlite' | 'postgresql');
  const single = await startTarget('app', kind, `app on ${kind}`, { DATABASE_URL: db.url }, db);
  targets.push(single);
  if (WORKSPACES) {
    // The same app with the OAuth install (no SLACK_BOT_TOKEN), installed through its own install page.
    const oauthDb = await createTestDatabase(kind as 'sqlite' | 'postgresql');
    const oauth = await startTarget('app', `${kind}-oauth`, `app on ${kind}, ${WORKSPACES} workspaces (OAuth)`, { DATABASE_URL: oauthDb.url, ...OAUTH_ENV }, oauthDb);
    const seconds = await installEverywhere(sim, oauth.url.replace(/\/slack\/events$/, ''), WORKSPACE_LIST);
    console.log(`  ${oauth.name}: installed through /slack/install into ${WORKSPACES} workspaces in ${seconds.toFixed(1)} s`);
    targets.push({ ...oauth, single });
  }
}

// The OAuth targets' warm-up reaches every member and channel of every workspace; their
// events then go to the workspaces in a random order (as many to each, give or take one).
const warmUp: Spread = { workspaces: WORKSPACE_LIST, placement: WORKSPACES ? warmUpPlacement(WORKSPACES, USERS.length, WARM_UP_EVENTS) : [] };
const spread: Spread = { workspaces: WORKSPACE_LIST, placement: WORKSPACES ? randomPlacement(EVENTS, WORKSPACES) : [] };
const expectedPerWorkspace = WORKSPACES ? perWorkspace(warmUp.placement, WORKSPACES).map((n, w) => n + perWorkspace(spread.placement, WORKSPACES)[w]!) : [];

// Warm up (JIT, sockets, label caches) on throw-away events, not counted; then start profiling.
for (const target of targets) {
  const warm = target.single ? workload(warmUp.placement.length, `EvWARM${target.label}`, warmUp) : workload(WARM_UP_EVENTS, `EvWARM${target.label}`);
  await send(target, jobsOf(warm), false);
}
if (process.env.BENCH_CPU_PROFILE) for (const target of targets) target.child.kill('SIGUSR2');

// The same events for every one-workspace target, and the same spread over the workspaces for
// every OAuth target: each has its own database.
const bodies = workload(EVENTS, 'EvBENCH');
const spreadBodies = WORKSPACES ? workload(EVENTS, 'EvBENCH', spread) : [];
for (let slice = 0; slice < SLICES; slice++) {
  const jobs = jobsOf(bodies.slice(slice * perSlice, (slice + 1) * perSlice));
  const spreadJobs = jobsOf(spreadBodies.slice(slice * perSlice, (slice + 1) * perSlice));
  // The order turns with each slice, and each turn starts after a short pause, so that work a
  // target leaves behind (a checkpoint, a GC, PostgreSQL's background writers) does not always
  // land in the same neighbour's turn.
  for (let turn = 0; turn < targets.length; turn++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const target = targets[(slice + turn) % targets.length]!;
    await send(target, target.single ? spreadJobs : jobs, true);
  }
}
for (const target of targets) await stopTargetProcess(target);
const lookups = lookupTokens(sim);
await sim.close();

const bare = targets[0]!;
const rate = (t: Target) => t.events / t.seconds;
const width = Math.max(26, ...targets.map((t) => t.name.length + 1));
console.log(
  `\n${'target'.padEnd(width + 2)}events/s   p50 ms   p99 ms  non-2xx   x bare  (slices: min-max)   CPU us/event: main+other, generator   steal s   rows stored / expected`,
);
const verdicts: string[] = [];
for (const t of targets) {
  const ratios = t.sliceRates.map((r, i) => r / bare.sliceRates[i]!);
  const x = rate(t) / rate(bare);
  let rows = '-';
  if (t.db && t.single) {
    const checked = await checkWorkspaces(t.db.url, WORKSPACE_LIST, expectedPerWorkspace, warmUp.placement.length);
    await t.db.drop();
    rows = checked.cell;
    const y = rate(t) / rate(t.single);
    verdicts.push(`${GOALS[t.single.label]!.name} ${WORKSPACES} workspaces >= ${WORKSPACES_LEAST.toFixed(2)}x one (${y.toFixed(2)}x: ${y >= WORKSPACES_LEAST && checked.ok ? 'met' : 'NOT met'})`);
  } else if (t.db) {
    const stored = await countRows(t.db);
    await t.db.drop();
    const unique = stored.rows - WARM_UP_EVENTS; // the warm-up events are stored too
    rows = `${unique} / ${EVENTS}${stored.distinct !== stored.rows ? ' DUPLICATE ROWS' : unique === EVENTS ? ' (exactly once)' : ' MISMATCH'}`;
    const goal = GOALS[t.label]!;
    verdicts.push(`${goal.name} >= ${goal.least.toFixed(2)}x bare (${x.toFixed(2)}x: ${x >= goal.least && unique === EVENTS ? 'met' : 'NOT met'})`);
  }
  const cpu = (seconds: number) => ((seconds * 1e6) / t.events).toFixed(0);
  console.log(
    `${t.name.padEnd(width)} ${rate(t).toFixed(0).padStart(9)} ${percentile(t.latencies, 50).toFixed(1).padStart(8)} ${percentile(t.latencies, 99).toFixed(1).padStart(8)} ${String(t.non2xx).padStart(8)} ` +
      `${x.toFixed(2).padStart(8)}  ${t === bare ? ''.padEnd(18) : `(${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}, med ${percentile(ratios, 50).toFixed(2)})`.padEnd(18)} ` +
      `${`${cpu(t.mainCpu)}+${cpu(t.allCpu - t.mainCpu)}, ${(t.generatorCpuUs / t.events).toFixed(0)}`.padEnd(37)} ${t.steal.toFixed(1).padStart(7)}   ${rows}`,
  );
}
if (WORKSPACES) {
  // The cost of the per-workspace installation lookup: each OAuth target beside its one-workspace target, slice by slice.
  console.log(`\n${WORKSPACES} workspaces (OAuth) beside one workspace (bot token), the same slices:`);
  for (const t of targets.filter((x) => x.single)) {
    const one = t.single!;
    const ratios = t.sliceRates.map((r, i) => r / one.sliceRates[i]!);
    const y = rate(t) / rate(one);
    const cpu = (x: Target) => (x.mainCpu * 1e6) / x.events;
    console.log(
      `  ${GOALS[one.label]!.name.padEnd(11)} ${rate(t).toFixed(0)} vs ${rate(one).toFixed(0)} events/s: ${y.toFixed(2)}x (slices ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}, med ${percentile(ratios, 50).toFixed(2)}), ` +
        `${Math.abs((1 - y) * 100).toFixed(1)}% ${y <= 1 ? 'slower' : 'faster'}; main-thread CPU ${cpu(t).toFixed(0)} vs ${cpu(one).toFixed(0)} us/event (${cpu(t) >= cpu(one) ? '+' : ''}${((cpu(t) / cpu(one) - 1) * 100).toFixed(1)}%)`,
    );
  }
  console.log(`  Web API lookups (users.info, conversations.info): ${lookups.lookups}, ${lookups.crossed === 0 ? 'each with its own workspace’s token' : `${lookups.crossed} WITH ANOTHER WORKSPACE’S TOKEN`}`);
}
console.log(`\ntargets: ${verdicts.join(', ')}`);
