// Runs the admin CLI in-process (as src/cli/main.ts does), capturing what it prints, so a test
// sees exactly what an admin would, exit code included.
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/run';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- …args` against DATABASE_URL (and any other variables, e.g. SLACK_API_URL). */
export async function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { stdout: '', stderr: '' };
  stdout.on('data', (d: Buffer) => (text.stdout += d.toString()));
  stderr.on('data', (d: Buffer) => (text.stderr += d.toString()));
  const code = await runCli(args, { stdout, stderr, env, stderrIsTty: false });
  return { code, ...text };
}
