// How long browsing takes on a big store: seeds a fresh database with N activities (default
// 1,000,000, over a year, one busy workspace plus a second one) and times, per database, the
// work behind the App Home tab (7-day summary + newest 20 rows + building the view) and behind
// filtered /activity pages (query + building the message), as the listeners do it minus the
// Slack round trips. Target: each under 300 ms.
//
//   npx tsx bench/browse-latency.ts [--rows 1000000] [--db sqlite,postgresql] [--runs 20] [--workers N] [--keep]
//   npx tsx bench/browse-latency.ts --existing <DATABASE_URL> [--runs 20]
// --existing measures a database an earlier --keep run seeded (printed at its start), after
// applying pending migrations: the way to compare a schema change on the same million rows
// (seeding takes minutes, and the machine's speed drifts between runs).
//
// Seeding goes through Prisma's createMany in batches. Prisma 6's client engine compiles every
// createMany (values included) in WASM, about 2,500 rows/s per core, so the rows are split
// across one child process per core (--workers, default: the number of CPUs).
// PostgreSQL uses TEST_POSTGRES_URL (default postgresql://root@127.0.0.1:5432/postgres) to
// create a scratch database, dropped at the end unless --keep.
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { activityRegistry } from '../src/activities';
import type { ViewerScope } from '../src/browse/browse-filter';
import { loadHome } from '../src/browse/home';
import { defaultHomeState, serializeHomeState, type HomeState } from '../src/browse/home-state';
import { listForViewer } from '../src/browse/list-for-viewer';
import { encodePageToken, decodePageToken } from '../src/browse/page-token';
import { parseQuery } from '../src/browse/parse-query';
import { statsForViewer } from '../src/browse/stats';
import { channelRowId, newId, slackMemberId } from '../src/store/ids';
import type { Prisma } from '../src/store/prisma-client';
import { storeKindOf } from '../src/store/database-url';
import { openStore, type Store } from '../src/store/store';
import { activityListMessage, PAGE_SIZE } from '../src/ui/blocks/activity-list-message';
import { homeView } from '../src/ui/blocks/home-view';
import { statsMessage } from '../src/ui/blocks/stats-message';
import { createTestDatabase } from '../test/support/databases';
import { seededRandom } from '../test/support/seeded-random';

type Kind = 'sqlite' | 'postgresql';

const WORKSPACE = 'T0BENCH';
const OTHER = 'T0OTHER';
const MEMBERS = 2_000;
const CHANNELS = 60;
const PRIVATE_CHANNELS = 6;
const DAY = 86_400_000;
const TIME_ZONE = 'Europe/Paris';
const WORDS = 'release launch webhook retry timeout deploy docs question answer thanks great idea bug fix roadmap meetup demo feedback pricing onboarding'.split(' ');

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'sqlite,postgresql' },
    runs: { type: 'string', default: '20' },
    workers: { type: 'string', default: String(availableParallelism()) },
    keep: { type: 'boolean', default: false },
    existing: { type: 'string' },
    // Internal: run as a seeding child for rows [from, to) of --url.
    'seed-worker': { type: 'boolean', default: false },
    url: { type: 'string' },
    end: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
});
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
const KINDS = args.db.split(',').map((k) => k.trim()) as Kind[];

// ---------------------------------------------------------------- seeding

const userId = (i: number) => `U0M${String(i).padStart(5, '0')}`;
const channelId = (i: number) => `C0CH${String(i).padStart(4, '0')}`;
const channelName = (i: number) => (i < PRIVATE_CHANNELS ? `private-${i}` : `channel-${i}`);

async function seedReferenceRows(store: Store): Promise<void> {
  await store.workspaces.ensure(WORKSPACE, { name: 'Bench Community', domain: 'benchcommunity' });
  await store.workspaces.ensure(OTHER, { name: 'Other', domain: 'other' });
  const now = new Date();
  await store.db.member.createMany({
    data: [WORKSPACE, OTHER].flatMap((ws) =>
      Array.from({ length: MEMBERS }, (_, i) => ({ id: slackMemberId(ws, userId(i)), workspaceId: ws, slackUserId: userId(i), displayName: `member${i}`, profileFetchedAt: now })),
    ),
  });
  await store.db.channel.createMany({
    data: Array.from({ length: CHANNELS }, (_, i) => ({
      id: channelRowId(WORKSPACE, channelId(i)),
      workspaceId: WORKSPACE,
      slackChannelId: channelId(i),
      name: channelName(i),
      isPrivate: i < PRIVATE_CHANNELS,
      isCollected: true,
      infoFetchedAt: now,
    })),
  });
}

/** One activity row, with metadata valid for its type (read back through the registry, as the app does). */
function activityRow(i: number, at: number, random: () => number): Prisma.ActivityCreateManyInput {
  const workspaceId = random() < 0.95 ? WORKSPACE : OTHER;
  const channel = Math.floor(random() ** 2 * CHANNELS); // a few busy channels, a long tail
  const cid = channelId(channel);
  const member = Math.floor(random() ** 3 * MEMBERS); // a few very active members
  const other = Math.floor(random() * MEMBERS);
  const ts = `${Math.floor(at / 1000)}.${String(i % 1_000_000).padStart(6, '0')}`;
  const excerpt = Array.from({ length: 4 + Math.floor(random() * 12) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const place = { team_id: workspaceId, channel_id: cid, channel_name: channelName(channel) };
  const r = random();
  let type: string;
  let metadata: Record<string, unknown>;
  let recipient: string | null = null;
  let channelIdValue: string | null = cid;
  if (r < 0.45) {
    type = 'slack_message.created';
    metadata = { ...place, message_ts: ts, excerpt, initiator_name: `member${member}` };
  } else if (r < 0.65) {
    type = 'slack_message.threaded_reply.created';
    recipient = slackMemberId(workspaceId, userId(other));
    metadata = { ...place, message_ts: ts, thread_ts: ts, excerpt, is_broadcast: false, initiator_name: `member${member}`, recipient_name: `member${other}` };
  } else if (r < 0.9) {
    type = 'slack_reaction.added';
    recipient = slackMemberId(workspaceId, userId(other));
    metadata = { ...place, item_ts: ts, item_type: 'message', emoji: ['tada', 'eyes', 'rocket', '+1'][i % 4], initiator_name: `member${member}`, recipient_name: `member${other}` };
  } else if (r < 0.94) {
    type = 'slack_reaction.removed';
    recipient = slackMemberId(workspaceId, userId(other));
    metadata = { ...place, item_ts: ts, item_type: 'message', emoji: 'eyes' };
  } else if (r < 0.98) {
    type = 'slack_message.edited';
    metadata = { ...place, message_ts: ts, edited_ts: ts, excerpt };
  } else if (r < 0.99) {
    type = 'slack_message.deleted';
    metadata = { ...place, message_ts: ts, deleted_ts: ts };
  } else {
    type = 'workspace.user_joined';
    channelIdValue = null;
    metadata = { team_id: workspaceId, user_id: userId(member), display_name: `member${member}` };
  }
  return {
    id: newId('act', at),
    workspaceId,
    type,
    version: 1,
    occurredAt: new Date(at),
    receivedAt: new Date(at + 500),
    initiatorId: slackMemberId(workspaceId, userId(member)),
    recipientId: recipient,
    channelId: channelIdValue,
    channelPrivate: channelIdValue !== null && channel < PRIVATE_CHANNELS,
    metadata: metadata as Prisma.InputJsonValue,
    searchText: 'excerpt' in metadata ? `${excerpt} ${channelName(channel)}` : null,
    source: 'slack',
    sourceKey: `bench:${i}`,
  };
}

/** Rows [from, to) of the history: deterministic per row, so workers can split the range freely. */
async function seedRange(store: Store, kind: Kind, rows: number, from: number, to: number, end: number): Promise<void> {
  const span = 365 * DAY;
  const batch = kind === 'sqlite' ? 2_000 : 4_000;
  for (let done = from; done < to; done += batch) {
    const count = Math.min(batch, to - done);
    const random = seededRandom(42 + done);
    const data = Array.from({ length: count }, (_, k) => {
      const i = done + k;
      // Spread evenly over the year (newest last), with jitter.
      const at = Math.floor(end - span + (span * (i + random())) / rows);
      return activityRow(i, at, random);
    });
    await store.db.activity.createMany({ data });
    process.send?.({ inserted: count });
  }
}

/** Seeds `rows` activities through one child process per worker, reporting progress. */
async function seedActivities(store: Store, kind: Kind, url: string, rows: number): Promise<void> {
  const workers = Math.max(1, Number(args.workers));
  const end = Date.now() - 60_000;
  const started = Date.now();
  let inserted = 0;
  let lastReport = started;
  const slice = Math.ceil(rows / workers);
  // Bulk load: the secondary indexes are dropped during the load and rebuilt after it, as one
  // would for any large import (identical definitions, read back from the database first).
  const indexes = await secondaryIndexes(store, kind);
  for (const index of indexes) await store.db.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const from = w * slice;
      const to = Math.min(rows, from + slice);
      if (from >= to) return Promise.resolve();
      const child = fork(fileURLToPath(import.meta.url), ['--seed-worker', '--url', url, '--db', kind, '--rows', String(rows), '--from', String(from), '--to', String(to), '--end', String(end)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (message: { inserted?: number }) => {
        inserted += message.inserted ?? 0;
        if (Date.now() - lastReport > 15_000) {
          lastReport = Date.now();
          const rate = inserted / ((Date.now() - started) / 1000);
          process.stdout.write(`  ${kind}: ${inserted.toLocaleString('en-US')} rows (${Math.round(rate).toLocaleString('en-US')}/s)\n`);
        }
      });
      return new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding worker exited with ${code}`)))));
    }),
  );
  const rebuilding = Date.now();
  for (const index of indexes) await store.db.$executeRawUnsafe(index.sql);
  process.stdout.write(`  ${kind}: ${indexes.length} indexes rebuilt in ${((Date.now() - rebuilding) / 1000).toFixed(0)} s\n`);
  // Planner statistics, as a live database would have them after autovacuum / `PRAGMA optimize`.
  await store.db.$executeRawUnsafe('ANALYZE');
}

/** The Activity table's non-unique indexes, with the SQL that creates each. */
async function secondaryIndexes(store: Store, kind: Kind): Promise<{ name: string; sql: string }[]> {
  const rows =
    kind === 'postgresql'
      ? await store.db.$queryRawUnsafe<{ name: string; sql: string }[]>(
          `SELECT indexname::text AS name, indexdef::text AS sql FROM pg_indexes WHERE tablename = 'Activity' AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
        )
      : await store.db.$queryRawUnsafe<{ name: string; sql: string }[]>(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Activity' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
        );
  return rows;
}

// ---------------------------------------------------------------- measuring

interface Figure {
  name: string;
  median: number;
  p95: number;
  max: number;
  rows: number;
}

async function time(name: string, fn: () => Promise<number>): Promise<Figure> {
  for (let i = 0; i < 3; i++) await fn(); // warm caches and prepared statements
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    rows = await fn();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { name, median: at(0.5), p95: at(0.95), max: samples[samples.length - 1]!, rows };
}

async function measure(store: Store): Promise<Figure[]> {
  const registry = activityRegistry;
  const now = new Date();
  // A viewer in two of the private channels.
  const scope: ViewerScope = { workspaceId: WORKSPACE, userId: userId(7), privateChannelIds: [channelId(1), channelId(3)] };

  const home = async (state: HomeState) => {
    const data = await loadHome({ store, registry, scope, state, timeZone: TIME_ZONE, now });
    const view = homeView({ data, types: registry.list().map((d) => d.type), workspaceName: 'Bench Community', botUserId: 'U0BOT', links: { domain: 'benchcommunity' }, now, privateMetadata: serializeHomeState(state) });
    JSON.stringify(view);
    return data.page.items.length;
  };
  const page = async (text: string, cursor?: string) => {
    const parsed = parseQuery(text, { registry, viewerId: scope.userId, now, timeZone: TIME_ZONE });
    if (parsed.kind !== 'list') throw new Error(`not a list query: ${text}`);
    const result = await listForViewer({ store, scope, filter: parsed.filter, limit: PAGE_SIZE, after: cursor ?? null });
    const message = activityListMessage({
      filter: parsed.filter,
      items: result.items,
      page: cursor ? 2 : 1,
      links: { domain: 'benchcommunity' },
      nextValue: result.olderCursor ? encodePageToken({ filter: parsed.filter, direction: 'older', cursor: result.olderCursor, page: 2 }) : null,
    });
    JSON.stringify(message);
    return result.items.length;
  };
  // A cursor from deep in the history (page 2 of a query that starts 200 days back).
  const deep = await listForViewer({ store, scope, filter: { channels: [], types: [], until: new Date(now.getTime() - 200 * DAY) }, limit: PAGE_SIZE });
  const deepCursor = deep.olderCursor ?? undefined;
  const token = deepCursor ? decodePageToken(encodePageToken({ filter: { channels: [], types: [] }, direction: 'older', cursor: deepCursor, page: 2 })) : null;

  return [
    await time('Home: newest 20 + 7-day summary + view', () => home(defaultHomeState())),
    await time('Home: type + channel filters, 60 rows', () => home({ v: 1, type: 'slack_message.threaded_reply.created', channel: channelId(9), limit: 60 })),
    await time('/activity (no filter)', () => page('')),
    await time('/activity <#channel> type:replies since:30d', () => page(`<#${channelId(12)}|channel-12> type:replies since:30d`)),
    await time('/activity <@member> type:reactions', () => page(`<@${userId(40)}> type:reactions`)),
    await time('/activity <#quiet channel> <@member> since:90d', () => page(`<#${channelId(55)}> <@${userId(1500)}> since:90d`)),
    await time('/activity type:deletions last week', () => page('type:deletions last week')),
    await time('/activity "roadmap" <#channel>', () => page(`"roadmap" <#${channelId(20)}>`)),
    await time('/activity page 2, 200 days back', () => page('', token?.cursor)),
    await time('/activity stats (7 days)', async () => {
      const parsed = parseQuery('stats', { registry, viewerId: scope.userId, now, timeZone: TIME_ZONE });
      if (parsed.kind !== 'stats') throw new Error('not stats');
      const stats = await statsForViewer({ store, scope, filter: parsed.filter, timeZone: TIME_ZONE, now });
      JSON.stringify(statsMessage(stats));
      return stats.total;
    }),
  ];
}

// ---------------------------------------------------------------- main

function report(kind: Kind, seeded: string, figures: Figure[]): void {
  console.log(`\n${kind}: ${seeded}; ${RUNS} runs each (ms)`);
  console.log(`  ${'case'.padEnd(50)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}  rows`);
  for (const f of figures) {
    const flag = f.p95 < 300 ? '' : '  ⚠ over 300 ms';
    console.log(`  ${f.name.padEnd(50)} ${f.median.toFixed(1).padStart(8)} ${f.p95.toFixed(1).padStart(8)} ${f.max.toFixed(1).padStart(8)}  ${f.rows}${flag}`);
  }
}

async function run(kind: Kind): Promise<void> {
  const database = await createTestDatabase(kind);
  console.log(`${kind}: seeding ${ROWS.toLocaleString('en-US')} activities${args.keep ? ` into ${database.url}` : ''}`);
  const store = await openStore({ databaseUrl: database.url, registry: activityRegistry, sqliteSynchronous: 'NORMAL', poolSize: 4 });
  try {
    const started = Date.now();
    await seedReferenceRows(store);
    await seedActivities(store, kind, database.url, ROWS);
    const seedSeconds = (Date.now() - started) / 1000;
    report(kind, `${ROWS.toLocaleString('en-US')} activities, seeded in ${seedSeconds.toFixed(0)} s`, await measure(store));
  } finally {
    await store.close();
    if (!args.keep) await database.drop();
  }
}

if (args['seed-worker']) {
  const store = await openStore({ databaseUrl: args.url!, registry: activityRegistry, migrate: false, sqliteSynchronous: 'NORMAL', poolSize: 2 });
  try {
    await seedRange(store, KINDS[0]!, ROWS, Number(args.from), Number(args.to), Number(args.end));
  } finally {
    await store.close();
  }
} else if (args.existing) {
  const kind = storeKindOf(args.existing);
  if (kind instanceof Error) throw kind;
  const store = await openStore({ databaseUrl: args.existing, registry: activityRegistry, poolSize: 4 });
  try {
    const rows = await store.db.activity.count();
    report(kind, `existing database, ${rows.toLocaleString('en-US')} activities`, await measure(store));
  } finally {
    await store.close();
  }
} else {
  for (const kind of KINDS) await run(kind);
}
