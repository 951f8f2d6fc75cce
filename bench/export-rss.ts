// Measures the memory of GET /api/v1/export: seeds a database with N activities (default
// 1,000,000), serves the real API router from a child process, streams the whole export over
// HTTP, checks every row arrived exactly once, and reports the server's peak RSS next to the
// RSS of a small export, so a reader can see memory does not grow with the row count.
//
//   npx tsx bench/export-rss.ts [--rows 1000000] [--db sqlite|postgresql] [--format ndjson|csv]
//
// PostgreSQL uses TEST_POSTGRES_URL (default postgresql://root@127.0.0.1:5432/postgres) to
// create and drop a scratch database. Results also go to bench-results/export-rss-<db>.json.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import express from 'express';
import pg from 'pg';
import { activityRegistry } from '../src/activities';
import { envTokenAuthenticator } from '../src/api/auth';
import { errorHandler } from '../src/api/error-handler';
import { apiRouter } from '../src/api/router';
import { createLogger } from '../src/logger';
import type { NewActivity } from '../src/store/repositories/activity-repository';
import { openStore, type Store } from '../src/store/store';

const WORKSPACE = 'T0BENCH';
const TOKEN = 'bench-token-0123456789abcdef';
const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const MB = 1024 * 1024;

type Kind = 'sqlite' | 'postgresql';

// ---------------------------------------------------------------- server (child process)

async function serve(databaseUrl: string): Promise<void> {
  const store = await openStore({ databaseUrl, registry: activityRegistry, migrate: false });
  const logger = createLogger('silent');
  const web = express();
  web.use('/api/v1', apiRouter({ store, registry: activityRegistry, authenticate: envTokenAuthenticator(TOKEN, () => WORKSPACE) }));
  web.use(errorHandler(logger));
  const server = createServer(web);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 10);
  process.on('message', (message: { cmd: string }) => {
    if (message.cmd === 'reset') {
      global.gc?.();
      peak = process.memoryUsage.rss();
      process.send!({ cmd: 'reset', rss: peak });
    } else if (message.cmd === 'report') {
      sample();
      process.send!({ cmd: 'report', peakRss: peak, rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 });
    } else if (message.cmd === 'stop') {
      clearInterval(timer);
      server.close();
      void store.close().then(() => process.exit(0));
    }
  });
  process.send!({ cmd: 'ready', port: (server.address() as AddressInfo).port, rss: process.memoryUsage.rss() });
}

// ---------------------------------------------------------------- seeding

async function createDatabase(kind: Kind): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'export-rss-'));
    return { url: `file:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';
  const name = `export_rss_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

const COLUMNS = ['id', 'workspaceId', 'type', 'version', 'occurredAt', 'receivedAt', 'initiatorId', 'recipientId', 'channelId', 'channelPrivate', 'metadata', 'searchText', 'source', 'sourceKey', 'labelsPending'];

/** 1,000 real, validated activities, then copies of them shifted back in time up to `rows`. */
async function seed(store: Store, kind: Kind, rows: number): Promise<void> {
  await store.workspaces.ensure(WORKSPACE, { name: 'Bench' });
  const members: string[] = [];
  for (let i = 0; i < 50; i++) members.push(await store.members.ensureByIdentity(WORKSPACE, { externalId: `bench-${i}`, name: `Member, "${i}" 🎉` }));
  const types = activityRegistry.list().filter((d) => d.source === 'external');
  const base = Math.min(1000, rows);
  const drafts: NewActivity[] = Array.from({ length: base }, (_, i) => {
    const definition = types[i % types.length]!;
    const metadata = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'activities', definition.type, `v${definition.versions.length}.json`), 'utf8')) as unknown;
    return {
      workspaceId: WORKSPACE,
      type: definition.type,
      occurredAt: new Date(Date.UTC(2025, 0, 1) - i * 3_600_000),
      initiatorId: members[i % members.length]!,
      recipientId: definition.recipient.kind === 'none' ? null : members[(i + 1) % members.length]!,
      metadata,
      source: 'api',
      sourceKey: `bench:${i}`,
    };
  });
  await store.activities.recordBatch(drafts);
  const copies = Math.ceil(rows / base) - 1;
  const cols = COLUMNS.map((c) => `"${c}"`).join(', ');
  const select = (id: string, occurredAt: string, key: string) =>
    COLUMNS.map((c) => (c === 'id' ? id : c === 'occurredAt' ? occurredAt : c === 'sourceKey' ? key : `a."${c}"`)).join(', ');
  // Copies go in slices so no single statement holds the whole table in a transaction log.
  for (let from = 1; from <= copies; from += 100) {
    const to = Math.min(copies, from + 99);
    if (kind === 'sqlite') {
      await store.db.$executeRawUnsafe(
        `INSERT INTO "Activity" (${cols}) SELECT ${select(`a."id" || '_' || printf('%04d', k.i)`, `strftime('%Y-%m-%dT%H:%M:%f', a."occurredAt", '-' || (k.i * ${base}) || ' hours') || '+00:00'`, `a."sourceKey" || ':' || k.i`)}
         FROM "Activity" a, (WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to}) SELECT i FROM n) k
         WHERE a."workspaceId" = '${WORKSPACE}' AND a."sourceKey" NOT LIKE '%:%:%'`,
      );
    } else {
      await store.db.$executeRawUnsafe(
        `INSERT INTO "Activity" (${cols}) SELECT ${select(`a."id" || '_' || lpad(k::text, 4, '0')`, `a."occurredAt" - make_interval(hours => k * ${base})`, `a."sourceKey" || ':' || k`)}
         FROM "Activity" a CROSS JOIN generate_series(${from}, ${to}) k
         WHERE a."workspaceId" = '${WORKSPACE}' AND a."sourceKey" NOT LIKE '%:%:%'`,
      );
    }
    process.stderr.write(`\rseeding: ${Math.min(rows, (to + 1) * base).toLocaleString('en-US')} rows`);
  }
  process.stderr.write('\n');
  if (kind === 'postgresql') await store.db.$executeRawUnsafe('ANALYZE "Activity"');
}

// ---------------------------------------------------------------- client (this process)

interface ExportRun {
  rows: number;
  unique: number;
  bytes: number;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
}

type Child = ReturnType<typeof fork>;

function ask<T>(child: Child, cmd: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { cmd: string } & T) => {
      if (message.cmd !== cmd) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send({ cmd });
  });
}

async function exportOnce(child: Child, port: number, query: string, format: string, countIds: boolean): Promise<ExportRun> {
  const { rss: startRss } = await ask<{ rss: number }>(child, 'reset');
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/export?format=${format}${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  const decoder = new TextDecoder();
  const ids = new Set<string>();
  let rows = 0;
  let bytes = 0;
  let carry = '';
  let header = format === 'csv';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    const text = carry + decoder.decode(chunk, { stream: true });
    // Every record starts with its id ("act_…"): count record starts, not line breaks, so
    // CSV fields holding newlines do not inflate the count.
    const lines = text.split('\n');
    carry = lines.pop()!;
    for (const line of lines) {
      if (header) {
        header = false;
        continue;
      }
      const match = format === 'csv' ? /^(act_[0-9A-Z_]+),T0BENCH,/.exec(line) : /^\{"id":"(act_[^"]+)"/.exec(line);
      if (!match) continue;
      rows++;
      if (countIds) ids.add(match[1]!);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const report = await ask<{ peakRss: number }>(child, 'report');
  return { rows, unique: countIds ? ids.size : rows, bytes, seconds, peakRssMb: report.peakRss / MB, startRssMb: startRss / MB };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '1000000' }, db: { type: 'string', default: 'sqlite' }, format: { type: 'string', default: 'ndjson' }, serve: { type: 'string' } },
  });
  if (values.serve) return serve(values.serve);
  const rows = Number(values.rows);
  const kind = values.db as Kind;
  if (kind !== 'sqlite' && kind !== 'postgresql') throw new Error('--db sqlite|postgresql');
  const database = await createDatabase(kind);
  try {
    const store = await openStore({ databaseUrl: database.url, registry: activityRegistry, sqliteSynchronous: 'NORMAL' });
    const seedStart = Date.now();
    await seed(store, kind, rows);
    const stored = await store.activityReads.count({ workspaceId: WORKSPACE });
    await store.close();
    console.log(`seeded ${stored.toLocaleString('en-US')} activities on ${kind} in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const child = fork(fileURLToPath(import.meta.url), ['--serve', database.url], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<{ port: number; rss: number }>((resolve) => child.once('message', (m: { port: number; rss: number }) => resolve(m)));
    // About 1% of the rows (the newest), then all of them: peak RSS should barely differ.
    const small = await exportOnce(child, ready.port, `&since=${new Date(Date.UTC(2025, 0, 1) - Math.ceil(stored / 100) * 3_600_000).toISOString()}`, values.format, false);
    const full = await exportOnce(child, ready.port, '', values.format, true);
    child.send({ cmd: 'stop' });

    const result = {
      database: kind,
      format: values.format,
      node: process.version,
      stored,
      idleRssMb: +(ready.rss / MB).toFixed(1),
      small: { ...small, peakRssMb: +small.peakRssMb.toFixed(1), startRssMb: +small.startRssMb.toFixed(1) },
      full: { ...full, peakRssMb: +full.peakRssMb.toFixed(1), startRssMb: +full.startRssMb.toFixed(1), rowsPerSecond: Math.round(full.rows / full.seconds) },
    };
    console.log(`server RSS idle ${result.idleRssMb} MB`);
    console.log(`export of ${small.rows.toLocaleString('en-US')} rows: peak RSS ${result.small.peakRssMb} MB (${small.seconds.toFixed(1)} s)`);
    console.log(
      `export of ${full.rows.toLocaleString('en-US')} rows (${full.unique.toLocaleString('en-US')} distinct ids, ${(full.bytes / MB).toFixed(0)} MB): peak RSS ${result.full.peakRssMb} MB, ${full.seconds.toFixed(1)} s, ${result.full.rowsPerSecond.toLocaleString('en-US')} rows/s`,
    );
    if (full.rows !== stored || full.unique !== stored) throw new Error(`expected every one of ${stored} rows exactly once, got ${full.rows} rows / ${full.unique} distinct`);
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench-results', `export-rss-${kind}-${values.format}.json`), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await database.drop();
  }
}

await main();
