// Pieces the benchmarks share: a target (bench/serve-target.ts: the real app, or bare Bolt) in
// its own process, so the load generator does not share its event loop, and percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface TargetProcess {
  child: ChildProcess;
  port: number;
  /** The target's Events API URL. */
  url: string;
}

/**
 * Starts bench/serve-target.ts in `mode` with `env` on top of this process's environment (a
 * variable set to undefined is removed from it), and resolves once it printed its port. Its log lines at error level and above (and any line that
 * is not JSON) are shown, prefixed with `label`: the first `logLimit` of them.
 */
export async function startTargetProcess(mode: 'bare' | 'app', label: string, env: Record<string, string | undefined>, logLimit = Infinity): Promise<TargetProcess> {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-target.ts', mode], {
    env: merged,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let shown = 0;
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
      else if (parsed.level === undefined || parsed.level >= 50) {
        if (shown++ < logLimit) console.log(`  [${label} target] ${line.slice(0, 2000)}`);
        else if (shown === logLimit + 1) console.log(`  [${label} target] (more error lines not shown)`);
      }
    });
    child.once('exit', (code) => reject(new Error(`${label} target exited with ${code}`)));
  });
  return { child, port, url: `http://127.0.0.1:${port}/slack/events` };
}

/** SIGTERM, and resolves when the target exited. */
export async function stopTargetProcess(target: { child: ChildProcess }): Promise<void> {
  if (target.child.exitCode !== null || target.child.signalCode !== null) return;
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  await exited;
}

/** The p-th percentile (nearest rank, 0-100) of `xs`; NaN for none. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
