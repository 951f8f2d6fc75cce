// `npm run bench:memory`: the app's memory while it ingests a long stream of Slack events.
// Starts the Slack simulator here and the app in a child process, exactly as it is started in
// production (the real entry point: `node dist/app/main.mjs`, or `node --import tsx
// src/main.ts` with --runtime tsx), sends N unique signed message/reply/reaction events from
// many members in many channels (plus every tenth again as Slack's retry) from concurrent
// keep-alive senders, samples the child's RSS every second (from /proc; the kernel's figure,
// worker threads and native memory included) and its main-thread heap (process.memoryUsage(),
// sent by bench/memory-probe.mjs over IPC), and prints: RSS idle after start, at each 10% of
// the events, the peak, the "flat" level (median over the last half) and the rows stored.
//
//   npm run bench:memory -- [--quick] [--events 1000000] [--database sqlite|postgresql]
//     [--runtime compiled|tsx] [--concurrency 32] [--users 10000] [--channels 500]
//     [--node-flags="--max-semi-space-size=2"] [--env MALLOC_ARENA_MAX=2] [--idle-seconds 10]
//     [--heap-snapshots DIR] [--label NAME] [--keep] [--skip-build] [--no-start-flags]
//
// --runtime compiled (the default) builds dist/app and runs node with the flags package.json's
// "start" gives it (--no-start-flags: without them; --skip-build: dist/app as it is, for runs
// side by side). --quick: 50,000 events. --node-flags / --env: added to the app's command /
// environment, to measure a runtime setting (write --node-flags="--flag", with the "=").
// --heap-snapshots DIR: writes the app's heap (main thread) idle, at 50% and at the end into
// DIR, for `npx tsx bench/heap-summary.ts A B` (what grew; a snapshot itself inflates RSS, so
// do not read RSS from such a run). --label names the results file
// bench-results/memory-rss-<label>.json (default <database>-<runtime>). Stopped early (Ctrl-C),
// it stops the app and drops its database.
//
// Linux only (reads /proc). RSS is robust to other load on the machine; events/s is not (the
// generator, the app and the database share the cores): it is printed, not judged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { activityRegistry } from '../src/activities';
import { eventCallback, messageEvent, reactionAdded, threadReply } from '../src/simulator/factories';
import { createSender } from '../src/simulator/sender';
import { startSlackSimulator } from '../src/simulator/web-api-server';
import { openStore } from '../src/store/store';
import { createTestDatabase } from '../test/support/databases';
import { build } from '../scripts/build';
import { keepAliveFetch } from './keep-alive-fetch';
import { cpuSeconds, median, MB, readProcStatus, startScriptFlags, type ProcStatus } from './memory-stats';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string' },
    quick: { type: 'boolean', default: false },
    database: { type: 'string', default: 'sqlite' },
    runtime: { type: 'string', default: 'compiled' },
    concurrency: { type: 'string', default: '32' },
    users: { type: 'string', default: '10000' },
    channels: { type: 'string', default: '500' },
    'node-flags': { type: 'string', default: '' },
    env: { type: 'string', multiple: true, default: [] },
    'idle-seconds': { type: 'string', default: '10' },
    'heap-snapshots': { type: 'string' },
    label: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'no-start-flags': { type: 'boolean', default: false },
  },
});

function whole(name: string, text: string, least = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new Error(`--${name} takes a whole number ≥ ${least}`);
  return value;
}
const EVENTS = whole('events', args.events ?? (args.quick ? '50000' : '1000000'), 100);
const CONCURRENCY = whole('concurrency', args.concurrency!);
const USERS = whole('users', args.users!);
const CHANNELS = whole('channels', args.channels!);
const IDLE_SECONDS = whole('idle-seconds', args['idle-seconds']!, 0);
const DATABASE = args.database!;
if (DATABASE !== 'sqlite' && DATABASE !== 'postgresql') throw new Error('--database takes sqlite or postgresql');
const RUNTIME = args.runtime!;
if (RUNTIME !== 'compiled' && RUNTIME !== 'tsx') throw new Error('--runtime takes compiled or tsx');
const NODE_FLAGS = args['node-flags']!.split(/\s+/).filter(Boolean);
const EXTRA_ENV = Object.fromEntries(
  args.env!.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`--env takes NAME=value, not ${pair}`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  }),
);
const SNAPSHOT_DIR = args['heap-snapshots'] ? resolve(args['heap-snapshots']) : undefined;
const LABEL = args.label ?? `${DATABASE}-${RUNTIME}`;

const ROOT = resolve(import.meta.dirname, '..');
const SECRET = 'bench-signing-secret-0123456789abcdef';
const TOKEN = 'xoxb-fake_memory_bench_token';
const TEAM = 'T0MEMBENCH';
/** Every tenth unique event is delivered a second time, as Slack's retry, about ten events later. */
const RETRY_EVERY = 10;
/**
 * Slack ts of consecutive events, in microseconds: 1M events span 100 s of Slack time, so each of
 * 10,000 members posts about once a Slack-second and the app's once-a-minute lastActiveAt
 * write (record-slack-mapping.ts) comes with about one event in 60, as in a busy workspace.
 */
const TS_STEP_US = 100;

// ------------------------------------------------------------------ the simulated workspace

const sim = await startSlackSimulator();
sim.state.addTeam({ id: TEAM, name: 'Memory bench', domain: 'membench' });
sim.state.addBotToken({ token: TOKEN, teamId: TEAM, botUserId: 'U0MEMBOT', botId: 'B0MEMBOT', appId: 'A0MEMBENCH' });
const userIds = Array.from({ length: USERS }, (_, i) => `U0M${String(i).padStart(7, '0')}`);
const channelIds = Array.from({ length: CHANNELS }, (_, i) => `C0M${String(i).padStart(7, '0')}`);
for (const [i, id] of userIds.entries()) sim.state.addUser({ id, team_id: TEAM, name: `member${i}`, profile: { display_name: `member${i}`, real_name: `Member ${i}` } });
for (const [i, id] of channelIds.entries()) sim.state.addChannel({ id, team_id: TEAM, name: `channel-${i}`, is_private: false, members: [] });

// ------------------------------------------------------------------ the workload, made as it is sent

const firstTsUs = (Date.now() - 60_000) * 1000 - EVENTS * TS_STEP_US;
const tsOf = (i: number) => {
  const us = firstTsUs + i * TS_STEP_US;
  return `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;
};
/** The last messages posted, for replies and reactions to point at. */
const recent: { channel: string; ts: string; user: string }[] = [];
const RECENT = 2_000;
let posted = 0;

/** Unique event i: 60% top-level messages, 20% thread replies, 20% reactions; members and channels spread evenly. */
function eventBody(i: number): object {
  // A multiplier coprime with the counts spreads consecutive events over members; top-level
  // messages (i % 10 < 6) move to the next channel every ten events, so every channel gets them.
  const user = userIds[(i * 7_919) % USERS]!;
  const channel = channelIds[(i + Math.floor(i / 10)) % CHANNELS]!;
  const ts = tsOf(i);
  const r = i % 10;
  let event: { type: string };
  if (r < 6 || recent.length === 0) {
    event = messageEvent({ user, channel, team: TEAM, ts, text: `message ${i}: shipping the new onboarding flow today, notes in the thread` });
    recent[posted++ % RECENT] = { channel, ts, user };
  } else if (r < 8) {
    const parent = recent[(i * 31) % recent.length]!;
    event = threadReply({ ts: parent.ts, user: parent.user, channel: parent.channel }, { user, team: TEAM, ts, text: `reply ${i}: thanks, looks good` });
  } else {
    const target = recent[(i * 13) % recent.length]!;
    event = reactionAdded(target, { user, reaction: ['tada', 'eyes', 'thumbsup', 'white_check_mark'][i % 4]!, event_ts: ts });
  }
  return { ...eventCallback(event, { team_id: TEAM, api_app_id: 'A0MEMBENCH' }), event_id: `Ev0M${i}` };
}

// ------------------------------------------------------------------ the app, in a child process

const database = await createTestDatabase(DATABASE);
if (RUNTIME === 'compiled' && !args['skip-build']) {
  const built = await build();
  console.log(`built dist/app in ${built.ms.toFixed(0)} ms`);
}
const probe = join(ROOT, 'bench', 'memory-probe.mjs');
const START_FLAGS = RUNTIME === 'compiled' && !args['no-start-flags'] ? startScriptFlags(ROOT) : [];
const appArgs = [
  ...START_FLAGS,
  ...NODE_FLAGS,
  '--import',
  probe,
  ...(RUNTIME === 'tsx' ? ['--import', 'tsx', 'src/main.ts'] : ['dist/app/main.mjs']),
];
console.log(
  `memory bench: ${EVENTS.toLocaleString('en')} unique events (+${Math.floor(EVENTS / RETRY_EVERY).toLocaleString('en')} retries) from ${USERS} members in ${CHANNELS} channels, ` +
    `concurrency ${CONCURRENCY}, ${DATABASE}\napp: ${Object.entries(EXTRA_ENV).map(([k, v]) => `${k}=${v} `).join('')}node ${appArgs.filter((a, i) => a !== probe && appArgs[i + 1] !== probe).join(' ')}  (+ --import bench/memory-probe.mjs)`,
);

interface ProbeMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}
let probed: { memory: ProbeMemory; spaces: Record<string, { size: number; used: number }> } | undefined;
const snapshotWaiters: ((file: string) => void)[] = [];

const child: ChildProcess = spawn(process.execPath, appArgs, {
  cwd: ROOT,
  env: {
    ...process.env,
    ...EXTRA_ENV,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: sim.apiUrl,
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
child.on('message', (message: { probe: string; memory?: ProbeMemory; spaces?: never; file?: string }) => {
  if (message.probe === 'memory') probed = { memory: message.memory!, spaces: message.spaces! };
  else if (message.probe === 'snapshot') snapshotWaiters.shift()?.(message.file!);
});
const exited = new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
// The app must not outlive the bench, whatever stops it; stopped early, the bench drops its database.
process.on('exit', () => child.kill('SIGKILL'));
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `on`, not `once`: a second signal (a wrapper relaying it, say) must not end the bench mid-drop.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    child.kill('SIGKILL');
    void exited.then(() => (args.keep ? undefined : database.drop())).finally(() => process.exit(130));
  });
}
const port = await new Promise<number>((resolvePort, reject) => {
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let parsed: { port?: number; level?: number; msg?: string } = {};
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      console.log(`  [app] ${line}`);
      return;
    }
    if (typeof parsed.port === 'number' && parsed.msg?.includes('listening')) resolvePort(parsed.port);
    else if ((parsed.level ?? 50) >= 40) console.log(`  [app] ${line.slice(0, 1000)}`);
  });
  void exited.then((code) => reject(new Error(`the app exited with ${code} before it listened`)));
});
const pid = child.pid!;
const appUrl = `http://127.0.0.1:${port}/slack/events`;

async function snapshot(name: string): Promise<void> {
  if (!SNAPSHOT_DIR) return;
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const path = join(SNAPSHOT_DIR, `${LABEL}-${name}.heapsnapshot`);
  const written = new Promise<string>((r) => snapshotWaiters.push(r));
  child.send({ probe: 'snapshot', path });
  console.log(`  heap snapshot (${name}): ${await written}`);
}

// ------------------------------------------------------------------ sampling

interface Sample extends ProcStatus {
  seconds: number;
  /** Share of all jobs (unique events and retries) answered, 0..1. */
  progress: number;
  heapUsed?: number;
  heapTotal?: number;
  external?: number;
  arrayBuffers?: number;
  newSpace?: number;
}
const samples: Sample[] = [];
const started = performance.now();
let jobsDone = 0;
let totalJobs = 1;
function sample(): Sample {
  const s: Sample = {
    ...readProcStatus(pid),
    seconds: (performance.now() - started) / 1000,
    progress: jobsDone / totalJobs,
    ...(probed
      ? {
          heapUsed: probed.memory.heapUsed,
          heapTotal: probed.memory.heapTotal,
          external: probed.memory.external,
          arrayBuffers: probed.memory.arrayBuffers,
          newSpace: probed.spaces.new_space?.size,
        }
      : {}),
  };
  samples.push(s);
  return s;
}

const fmt = (bytes: number | undefined) => (bytes === undefined ? '-' : (bytes / MB).toFixed(1));
function row(label: string, s: Sample): string {
  return (
    `${label.padEnd(14)} ${fmt(s.rss).padStart(7)} ${fmt(s.rssAnon).padStart(7)} ${fmt(s.rssFile).padStart(6)} ${fmt(s.hwm).padStart(7)}` +
    ` ${fmt(s.heapUsed).padStart(7)} ${fmt(s.heapTotal).padStart(7)} ${fmt(s.newSpace).padStart(6)} ${fmt(s.external).padStart(7)} ${fmt(s.arrayBuffers).padStart(6)} ${String(s.threads).padStart(4)}`
  );
}
console.log(
  `\n${'MB'.padEnd(14)} ${'RSS'.padStart(7)} ${'anon'.padStart(7)} ${'file'.padStart(6)} ${'HWM'.padStart(7)} ${'heapUsd'.padStart(7)} ${'heapTot'.padStart(7)} ${'new'.padStart(6)} ${'extern'.padStart(7)} ${'arrBuf'.padStart(6)} ${'thr'.padStart(4)}`,
);

// Idle: settle after start (what an operator sees on a quiet day).
await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
child.send({ probe: 'report' });
await new Promise((r) => setTimeout(r, 200));
const idle = sample();
console.log(row('idle', idle));
await snapshot('idle');

// ------------------------------------------------------------------ the load

interface Job {
  index: number;
  retry: boolean;
}
/** Job k: in each run of 11, ten unique events, then the retry of the previous run's first event. */
function jobAt(k: number): Job | undefined {
  const block = Math.floor(k / (RETRY_EVERY + 1));
  const pos = k % (RETRY_EVERY + 1);
  if (pos < RETRY_EVERY) {
    const index = block * RETRY_EVERY + pos;
    return index < EVENTS ? { index, retry: false } : undefined;
  }
  return block >= 1 && (block - 1) * RETRY_EVERY < EVENTS ? { index: (block - 1) * RETRY_EVERY, retry: true } : undefined;
}
const jobs: number[] = [];
{
  // Only the count and order: bodies are made when sent (1M bodies would not fit in memory here).
  const blocks = Math.ceil(EVENTS / RETRY_EVERY) + 1;
  for (let k = 0; k < blocks * (RETRY_EVERY + 1); k++) if (jobAt(k)) jobs.push(k);
}
totalJobs = jobs.length;
const retries = jobs.length - EVENTS;
const awaitingRetry = new Map<number, object>();
const { sendEvent } = createSender({ fetch: keepAliveFetch(CONCURRENCY + 8) });

const checkpoints: { percent: number; sample: Sample }[] = [];
let nextCheckpoint = 10;
let non2xx = 0;
/** Events still refused after Slack's three redeliveries (lost, as they would be with Slack). */
let gaveUp = 0;
let firstFailure = '';
const sampler = setInterval(() => {
  sample();
}, 1000);
let halfSnapshot: Promise<void> | undefined;
let next = 0;
const loadStarted = performance.now();
const cpuBefore = cpuSeconds(pid);
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < jobs.length) {
      const job = jobAt(jobs[next++]!)!;
      let body: object;
      if (job.retry) {
        body = awaitingRetry.get(job.index)!;
        awaitingRetry.delete(job.index);
      } else {
        body = eventBody(job.index);
        if (job.index % RETRY_EVERY === 0) awaitingRetry.set(job.index, body);
      }
      // As Slack does, an answer other than 2xx is redelivered (up to 3 more times).
      let retryNum = job.retry ? 1 : 0;
      for (;;) {
        const res = await sendEvent(appUrl, SECRET, body, retryNum > 0 ? { retryNum, retryReason: job.retry ? 'http_timeout' : 'http_error' } : {});
        if (res.status >= 200 && res.status <= 299) break;
        non2xx++;
        firstFailure ||= `${res.status} ${res.text.slice(0, 200)}`;
        if (++retryNum > 3) {
          gaveUp++;
          break;
        }
      }
      jobsDone++;
      while (jobsDone * 100 >= nextCheckpoint * totalJobs && nextCheckpoint <= 100) {
        const s = sample();
        checkpoints.push({ percent: nextCheckpoint, sample: s });
        const rate = jobsDone / ((performance.now() - loadStarted) / 1000);
        console.log(`${row(`${nextCheckpoint}%`, s)}   ${rate.toFixed(0)} events/s so far`);
        if (nextCheckpoint === 50) halfSnapshot = snapshot('half');
        nextCheckpoint += 10;
      }
    }
  }),
);
await halfSnapshot;
const loadSeconds = (performance.now() - loadStarted) / 1000;
const loadCpuSeconds = cpuSeconds(pid) - cpuBefore;
clearInterval(sampler);

// After the load: a few quiet seconds (the label filler, the last group commits), then the end state.
await new Promise((r) => setTimeout(r, 3000));
child.send({ probe: 'report' });
await new Promise((r) => setTimeout(r, 200));
const after = sample();
console.log(row('after (3 s)', after));
await snapshot('end');

child.kill('SIGTERM');
const code = await exited;
await sim.close();

// ------------------------------------------------------------------ the figures

const loadSamples = samples.filter((s) => s.progress > 0 && s.progress <= 1 && s !== after);
const lastHalf = loadSamples.filter((s) => s.progress >= 0.5);
const peak = loadSamples.reduce((a, b) => (b.rss > a.rss ? b : a), idle);
const flat = median(lastHalf.map((s) => s.rss));
const flatHeap = median(lastHalf.flatMap((s) => (s.heapUsed === undefined ? [] : [s.heapUsed])));

const store = await openStore({ databaseUrl: database.url, registry: activityRegistry, migrate: false });
const rows = await store.db.activity.count({ where: { workspaceId: TEAM } });
const distinct = Number(
  ((await store.db.$queryRawUnsafe(`SELECT COUNT(DISTINCT "sourceKey") AS n FROM "Activity" WHERE "workspaceId" = '${TEAM}'`)) as { n: number | bigint }[])[0]!.n,
);
const members = await store.db.member.count({ where: { workspaceId: TEAM } });
const channelsStored = await store.db.channel.count({ where: { workspaceId: TEAM } });
await store.close();
if (!args.keep) await database.drop();
else console.log(`kept the database: DATABASE_URL=${database.url}`);

const exactly = rows === EVENTS && distinct === rows;
console.log(
  `\n${EVENTS.toLocaleString('en')} events + ${retries.toLocaleString('en')} retries in ${loadSeconds.toFixed(0)} s ` +
    `(${((EVENTS + retries) / loadSeconds).toFixed(0)} events/s on a shared 2-core machine: not a throughput figure), ${non2xx} answered non-2xx and redelivered${firstFailure ? ` (e.g. ${firstFailure})` : ''}, ${gaveUp} refused 4 times; app exit code ${code}`,
);
console.log(`app CPU         ${loadCpuSeconds.toFixed(0)} s for the load: ${((loadCpuSeconds * 1e6) / (EVENTS + retries)).toFixed(0)} µs per event (all its threads; less sensitive to a busy machine than events/s)`);
console.log(`idle RSS        ${fmt(idle.rss)} MB (high-water mark at start ${fmt(idle.hwm)} MB)`);
console.log(`peak RSS        ${fmt(peak.rss)} MB sampled at ${Math.round(peak.progress * 100)}%; high-water mark ${fmt(after.hwm)} MB`);
console.log(`flat RSS        ${fmt(flat)} MB (median over the last 50% of the events); heap used ${fmt(flatHeap)} MB`);
console.log(`rows stored     ${rows.toLocaleString('en')} / ${EVENTS.toLocaleString('en')} events, ${distinct.toLocaleString('en')} distinct: ${exactly ? 'exactly once' : 'MISMATCH'}; ${members} members, ${channelsStored} channels`);

mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
const resultFile = join(ROOT, 'bench-results', `memory-rss-${LABEL}.json`);
writeFileSync(
  resultFile,
  JSON.stringify(
    {
      command: process.argv.slice(2),
      app: { runtime: RUNTIME, args: appArgs, env: EXTRA_ENV },
      database: DATABASE,
      events: EVENTS,
      retries,
      users: USERS,
      channels: CHANNELS,
      concurrency: CONCURRENCY,
      loadSeconds,
      loadCpuSeconds,
      non2xx,
      gaveUp,
      idle,
      checkpoints,
      peak,
      flatRss: flat,
      flatHeapUsed: flatHeap,
      after,
      rows,
      distinct,
      samples,
    },
    null,
    1,
  ),
);
console.log(`samples: ${resultFile.slice(ROOT.length + 1)}`);
process.exitCode = exactly ? 0 : 1;
