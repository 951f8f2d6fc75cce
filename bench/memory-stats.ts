// Small helpers shared by the memory benchmarks: a process's memory as the kernel counts it, and
// how `npm start` runs the app.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MB = 1024 * 1024;

export interface ProcStatus {
  /** Resident set size: what `ps` and container limits count. */
  rss: number;
  /** Anonymous memory (heaps, malloc arenas, thread stacks): what the process itself allocated. */
  rssAnon: number;
  /** File-backed pages (node's binary, shared libraries, .node addons) that are resident. */
  rssFile: number;
  /** The highest RSS since the process started (VmHWM). */
  hwm: number;
  threads: number;
}

/** A process's memory from /proc/<pid>/status (Linux). */
export function readProcStatus(pid: number): ProcStatus {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN) * 1024;
  return {
    rss: kb('VmRSS'),
    rssAnon: kb('RssAnon'),
    rssFile: kb('RssFile') + kb('RssShmem'),
    hwm: kb('VmHWM'),
    threads: Number(/^Threads:\s+(\d+)/m.exec(text)?.[1] ?? Number.NaN),
  };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces) start at its closing parenthesis.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** The node flags package.json's "start" script runs dist/app/main.mjs with, so a bench measures what ships. */
export function startScriptFlags(packageRoot: string): string[] {
  const start = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  return /^node\s+(.*?)\s*dist\/app\/main\.mjs/.exec(start)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
}
