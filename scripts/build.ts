// `npm run build`: compiles the app's entry points to plain JavaScript in dist/app/, so that
// `npm start` runs without a TypeScript loader (tsx runs its module hooks on a thread of their
// own, a second V8 isolate, and keeps the compiled sources: about 30 MB idle and 70 MB while
// ingesting; see README, Memory). One esbuild pass, no type check (`npm run typecheck` does that):
//   dist/app/main.mjs   the app          (npm start)
//   dist/app/demo.mjs   the demo         (npm run demo)
//   dist/app/sqlite-writer-worker.mjs   copied as is (already plain JavaScript)
// plus shared chunks. Dependencies stay in node_modules (imported, not bundled): native
// better-sqlite3, Prisma's WASM query compiler and pino load as they are published (bundling
// them too measured 7 MB more idle, not less).
//
// Why dist/app/ and a flat folder: two modules find files relative to their own
// import.meta.url, and the bundle keeps those URLs pointing at the bundle's files.
// src/store/migrate.ts reads `<its folder>/../../prisma` (dist/app/../../prisma is the package
// root's prisma/, as src/store/../../prisma is), and src/store/sqlite-writer.ts starts
// `./sqlite-writer-worker.mjs` beside itself (copied next to the chunk that holds it).
//   npx tsx scripts/build.ts [--if-stale] [--check]
// --if-stale: build only when a file under src/ (or this script, or package.json) is newer than
// the last build, so `npm start` (prestart) writes nothing when nothing changed. --check: then
// verify the files the bundle reads at run time are where it looks for them.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = join(ROOT, 'dist', 'app');

export const ENTRY_POINTS = {
  main: 'src/main.ts',
  demo: 'src/simulator/demo.ts',
} as const;

/** Written last by a successful build: its mtime is the build's. */
const STAMP = '.built';

/** Files the bundle reads at run time, copied next to it unchanged. */
const RUNTIME_FILES = ['src/store/sqlite-writer-worker.mjs'];

export interface BuildResult {
  outDir: string;
  files: string[];
  ms: number;
}

/**
 * Builds every entry point into dist/app/ (replacing what was there). `outDir` must also be a
 * folder two levels below the package root (tests build into dist/<their own>/).
 */
export async function build(outDir = DIST_DIR): Promise<BuildResult> {
  const started = performance.now();
  if (join(outDir, '..', '..') !== ROOT) throw new Error(`the build must go two levels below ${ROOT} (migrations are found at <bundle>/../../prisma), not ${outDir}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await esbuild({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(ENTRY_POINTS).map(([out, entry]) => ({ in: entry, out })),
    outdir: outDir,
    bundle: true,
    // Shared code once, in chunks beside the entry points (flat: see the header).
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20.12',
    // node_modules are imported at run time, as installed: the packages need their own files
    // (a native addon, WASM, worker scripts) and bundling them did not save memory (see the header).
    packages: 'external',
    // Stack traces in logs point at src/*.ts lines when run with --enable-source-maps.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    // The generated Prisma clients and the app name `import.meta.url` on purpose (see header).
    supported: { 'top-level-await': true },
  });
  for (const file of RUNTIME_FILES) copyFileSync(join(ROOT, file), join(outDir, file.split('/').pop()!));
  writeFileSync(join(outDir, STAMP), `${new Date().toISOString()}\n`);
  return { outDir, files: readdirSync(outDir).sort(), ms: performance.now() - started };
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a file removed or renamed changes its folder's mtime
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/app/ is missing or older than a source it is built from. */
export function isStale(): boolean {
  const stamp = join(DIST_DIR, STAMP);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [join(ROOT, 'src'), fileURLToPath(import.meta.url), join(ROOT, 'package.json')];
  return sources.some((source) => newestMtime(source) > built);
}

/** Problems with a build in dist/app/ (empty when the files the bundle needs at run time are where it looks). */
export function checkBuild(outDir = DIST_DIR): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(ENTRY_POINTS)) {
    if (!existsSync(join(outDir, `${name}.mjs`))) problems.push(`missing ${name}.mjs`);
  }
  if (!existsSync(join(outDir, 'sqlite-writer-worker.mjs'))) problems.push('missing sqlite-writer-worker.mjs (the SQLite writer thread)');
  // migrate.ts: join(<bundle dir>, '..', '..', 'prisma').
  if (!existsSync(join(outDir, '..', '..', 'prisma', 'sqlite', 'migrations'))) problems.push(`migrations not found at ${join(outDir, '..', '..', 'prisma')}`);
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  const result = await build();
  const problems = process.argv.includes('--check') ? checkBuild(result.outDir) : [];
  if (problems.length > 0) {
    console.error(`build: ${problems.join('; ')}`);
    process.exit(1);
  }
  console.log(`built ${Object.keys(ENTRY_POINTS).join(' and ')} into ${result.outDir.slice(ROOT.length + 1)}/ in ${result.ms.toFixed(0)} ms`);
}
