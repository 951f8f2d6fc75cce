// Reads a .env file into the environment, as .env.example promises. Variables already set in
// the environment win over the file (so a process manager or a one-off `PORT=3001 npm start`
// overrides it). Node's own parser (util.parseEnv, the one behind --env-file) reads the file;
// a missing file is not an error: the environment alone may configure the app.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export interface EnvFileResult {
  /** Absolute path of the file read, or undefined when there was none. */
  path: string | undefined;
  /** Names taken from the file (not those the environment already set). */
  applied: string[];
}

export function loadEnvFile(path = '.env', env: NodeJS.ProcessEnv = process.env): EnvFileResult {
  const absolute = resolve(path);
  if (!existsSync(absolute)) return { path: undefined, applied: [] };
  const values = parseEnv(readFileSync(absolute, 'utf8')) as Record<string, string>;
  const applied: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return { path: absolute, applied };
}
