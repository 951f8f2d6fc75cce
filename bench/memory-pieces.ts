// Where the app's idle memory goes: each piece started alone in a fresh node process, its RSS
// read from /proc once it settled (1 s), next to node's own. Pieces: the TypeScript loader
// (tsx), each library the app imports, all of them together, a Prisma client with its WASM
// query compiler (SQLite, PostgreSQL, both), the SQLite writer thread, and the whole app idle
// (tsx and compiled). Library imports run as plain ESM; pieces that use the app's own code are
// bundled first with esbuild (as scripts/build.ts does), so tsx is measured only where named.
//
//   npx tsx bench/memory-pieces.ts [--runs 3] [--only name,name]
//
// Each figure is the median of --runs processes. RSS includes node's binary pages that are
// resident (shared between processes, but counted in each one's RSS, as ps and cgroups do).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { startSlackSimulator } from '../src/simulator/web-api-server';
import { createTestDatabase, type TestDatabase } from '../test/support/databases';
import { build as buildApp } from '../scripts/build';
import { median, MB, readProcStatus, startScriptFlags, type ProcStatus } from './memory-stats';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string' } } });
const RUNS = Number(args.runs);
const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, 'dist', 'memory-pieces');
/** The compiled app for the "app idle" pieces: a build of its own, so a running `npm start` keeps dist/app. */
const APP_DIR = join(ROOT, 'dist', 'memory-pieces-app');

interface Piece {
  name: string;
  what: string;
  /** ESM source run by node (imports resolve from the package root). */
  source?: string;
  /** App code (TypeScript) bundled with esbuild before running. */
  bundle?: string;
  /** node arguments before the script (default: none). */
  nodeArgs?: string[];
  /** Run this command instead (the whole app). */
  command?: () => string[];
  env?: () => Record<string, string>;
}

// Every piece ends by reporting once it has settled.
const SETTLE = `await new Promise((r) => setTimeout(r, 1000)); process.send?.(process.memoryUsage()); await new Promise((r) => setTimeout(r, 200)); process.exit(0);`;
const LIBRARIES = [
  ['@slack/bolt', `import '@slack/bolt';`],
  ['@slack/web-api', `import '@slack/web-api';`],
  ['@slack/socket-mode', `import '@slack/socket-mode';`],
  ['express', `import 'express';`],
  ['pino', `import 'pino';`],
  ['zod', `import 'zod';`],
  ['pg', `import 'pg';`],
  ['better-sqlite3', `import 'better-sqlite3';`],
  ['@prisma/client runtime', `import '@prisma/client/runtime/client';`],
  ['prisma adapters', `import '@prisma/adapter-better-sqlite3'; import '@prisma/adapter-pg';`],
] as const;

let sqliteDb: TestDatabase | undefined;
let pgDb: TestDatabase | undefined;
let sim: Awaited<ReturnType<typeof startSlackSimulator>> | undefined;

const PIECES: Piece[] = [
  { name: 'node', what: 'node itself, an empty ES module', source: '' },
  { name: 'node + tsx', what: 'the TypeScript loader (`--import tsx`), an empty .ts module', nodeArgs: ['--import', 'tsx'], source: '' },
  ...LIBRARIES.map(([name, source]): Piece => ({ name, what: `import ${name}`, source })),
  { name: 'all libraries', what: 'every library above, imported together', source: LIBRARIES.map(([, s]) => s).join('\n') },
  {
    name: 'prisma sqlite',
    what: 'the SQLite Prisma client over its adapter, one query (loads its WASM query compiler)',
    bundle: `import { createPrismaClient } from './src/store/prisma-client'; const db = await createPrismaClient('sqlite', process.env.SQLITE_URL); await db.workspace.count();`,
    env: () => ({ SQLITE_URL: sqliteDb!.url }),
  },
  {
    name: 'prisma postgresql',
    what: 'the PostgreSQL Prisma client over pg, one query',
    bundle: `import { createPrismaClient } from './src/store/prisma-client'; const db = await createPrismaClient('postgresql', process.env.PG_URL); await db.workspace.count();`,
    env: () => ({ PG_URL: pgDb!.url }),
  },
  {
    name: 'prisma both',
    what: 'both clients in one process, one query each',
    bundle: `import { createPrismaClient } from './src/store/prisma-client'; const a = await createPrismaClient('sqlite', process.env.SQLITE_URL); await a.workspace.count(); const b = await createPrismaClient('postgresql', process.env.PG_URL); await b.workspace.count();`,
    env: () => ({ SQLITE_URL: sqliteDb!.url, PG_URL: pgDb!.url }),
  },
  {
    name: 'sqlite writer thread',
    what: "the SQLite writer's worker thread (its own V8 isolate and better-sqlite3), one write",
    bundle: `import { SqliteWriter } from './src/store/sqlite-writer'; import { sqliteFilePath } from './src/store/database-url'; const w = new SqliteWriter(sqliteFilePath(process.env.SQLITE_URL), 'FULL'); await w.run([{ sql: 'SELECT 1', params: [] }]);`,
    env: () => ({ SQLITE_URL: sqliteDb!.url }),
  },
  {
    name: 'writer thread alone',
    what: 'only the worker thread (sqlite-writer-worker.mjs: a V8 isolate, better-sqlite3, the open database), one write',
    source: `import { Worker } from 'node:worker_threads';
const worker = new Worker(new URL('./sqlite-writer-worker.mjs', import.meta.url), { workerData: { path: process.env.SQLITE_PATH, synchronous: 'FULL', lockWaitMs: 10000 } });
await new Promise((resolve) => { worker.once('message', resolve); worker.postMessage({ id: 1, deadline: Date.now() + 10000, batches: [{ sql: 'SELECT 1', params: [] }] }); });`,
    env: () => ({ SQLITE_PATH: sqliteDb!.url.replace(/^file:/, '') }),
  },
  {
    name: 'app idle (tsx)',
    what: 'the app started with `node --import tsx src/main.ts`, SQLite, idle',
    command: () => ['--import', 'tsx', 'src/main.ts'],
    env: () => appEnv(),
  },
  {
    name: 'app idle (compiled)',
    what: 'the app started with `node dist/app/main.mjs` (no flags), SQLite, idle',
    command: () => [join(APP_DIR, 'main.mjs')],
    env: () => appEnv(),
  },
  {
    name: 'app idle (shipped)',
    what: 'the app as `npm start` runs it (its node flags from package.json), SQLite, idle',
    command: () => [...startScriptFlags(ROOT), join(APP_DIR, 'main.mjs')],
    env: () => appEnv(),
  },
];

function appEnv(): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: 'pieces-signing-secret-0123456789abcdef',
    SLACK_BOT_TOKEN: 'xoxb-fake_pieces',
    SLACK_API_URL: sim!.apiUrl,
    DATABASE_URL: sqliteDb!.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
}

/** The script a piece runs: plain ESM, or its app code bundled. */
async function scriptOf(piece: Piece, index: number): Promise<string> {
  const file = join(WORK, `piece-${index}.${piece.bundle !== undefined ? 'mjs' : piece.nodeArgs?.includes('tsx') ? 'ts' : 'mjs'}`);
  if (piece.bundle === undefined) {
    writeFileSync(file, `${piece.source}\n${SETTLE}\nexport {};\n`);
    return file;
  }
  const entry = join(ROOT, `.memory-piece-${index}.ts`);
  writeFileSync(entry, `${piece.bundle}\n${SETTLE}\n`);
  try {
    await build({ entryPoints: [entry], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20.12', packages: 'external', logLevel: 'error' });
  } finally {
    rmSync(entry, { force: true });
  }
  return file;
}

interface Reading extends ProcStatus {
  heapUsed: number;
  heapTotal: number;
  /** RSS of the process's children (the esbuild service tsx starts, if any). */
  childrenRss: number;
}

function childrenRss(pid: number): number {
  let total = 0;
  for (const tid of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
    try {
      total += readProcStatus(Number(tid)).rss + childrenRss(Number(tid));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

async function measure(args: string[], env: Record<string, string>, waitForLine?: RegExp): Promise<Reading> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  try {
    let memory: NodeJS.MemoryUsage;
    if (waitForLine) {
      // The whole app: wait for it to listen, settle, then read (it has no probe; heap via /proc only).
      await new Promise<void>((resolveReady, reject) => {
        const timer = setInterval(() => {
          if (waitForLine.test(output)) {
            clearInterval(timer);
            resolveReady();
          }
        }, 50);
        void exited.then(() => {
          clearInterval(timer);
          reject(new Error(`exited before it was ready:\n${output}`));
        });
      });
      await new Promise((r) => setTimeout(r, 3000));
      memory = { heapUsed: Number.NaN, heapTotal: Number.NaN } as NodeJS.MemoryUsage;
    } else {
      memory = await new Promise<NodeJS.MemoryUsage>((resolveMemory, reject) => {
        child.once('message', (m) => resolveMemory(m as NodeJS.MemoryUsage));
        void exited.then((code) => reject(new Error(`exited with ${code} before reporting:\n${output}`)));
      });
    }
    const status = readProcStatus(child.pid!);
    return { ...status, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, childrenRss: childrenRss(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const only = args.only?.split(',');
const pieces = PIECES.filter((p) => !only || only.includes(p.name));
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
// The writer thread's script is found beside the bundle that starts it.
copyFileSync(join(ROOT, 'src', 'store', 'sqlite-writer-worker.mjs'), join(WORK, 'sqlite-writer-worker.mjs'));
sqliteDb = await createTestDatabase('sqlite');
pgDb = await createTestDatabase('postgresql');
{
  // Migrated databases, so the Prisma pieces can query them.
  const { migrate } = await import('../src/store/migrate');
  await migrate('sqlite', sqliteDb.url);
  await migrate('postgresql', pgDb.url);
}
if (pieces.some((p) => p.command)) {
  await buildApp(APP_DIR);
  sim = await startSlackSimulator();
  sim.state.addTeam({ id: 'T0PIECES', name: 'Pieces', domain: 'pieces' });
  sim.state.addBotToken({ token: 'xoxb-fake_pieces', teamId: 'T0PIECES', botUserId: 'U0PIECESBOT', botId: 'B0PIECES', appId: 'A0PIECES' });
}

const fmt = (bytes: number) => (Number.isNaN(bytes) ? '-' : (bytes / MB).toFixed(1)).padStart(7);
console.log(`median of ${RUNS} fresh processes each; MB\n${'piece'.padEnd(22)}     RSS    anon    file  heapUsd heapTot  thr  children  what`);
const results: Record<string, Reading> = {};
try {
  for (const [index, piece] of pieces.entries()) {
    const readings: Reading[] = [];
    for (let run = 0; run < RUNS; run++) {
      if (piece.command) readings.push(await measure(piece.command(), piece.env?.() ?? {}, /listening on port/));
      else readings.push(await measure([...(piece.nodeArgs ?? []), await scriptOf(piece, index)], piece.env?.() ?? {}));
    }
    const pick = (f: (r: Reading) => number) => median(readings.map(f));
    const r: Reading = {
      rss: pick((x) => x.rss),
      rssAnon: pick((x) => x.rssAnon),
      rssFile: pick((x) => x.rssFile),
      hwm: pick((x) => x.hwm),
      threads: pick((x) => x.threads),
      heapUsed: pick((x) => x.heapUsed),
      heapTotal: pick((x) => x.heapTotal),
      childrenRss: pick((x) => x.childrenRss),
    };
    results[piece.name] = r;
    console.log(
      `${piece.name.padEnd(22)} ${fmt(r.rss)} ${fmt(r.rssAnon)} ${fmt(r.rssFile)} ${fmt(r.heapUsed)} ${fmt(r.heapTotal)} ${String(r.threads).padStart(4)} ${fmt(r.childrenRss).padStart(9)}  ${piece.what}`,
    );
  }
} finally {
  await sim?.close();
  await sqliteDb.drop();
  await pgDb.drop();
  rmSync(WORK, { recursive: true, force: true });
  rmSync(APP_DIR, { recursive: true, force: true });
}
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results', `memory-pieces${only ? '-only' : ''}.json`), JSON.stringify(results, null, 1));
