// Entry point of `npm run cli -- <command>` (see src/cli/run.ts for the commands).
import { loadEnvFile } from '../env-file';
import { runCli } from './run';

// The CLI reads .env like the app (the environment wins), so both open the same database.
loadEnvFile();

const exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stderrIsTty: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns ?? 80,
});
process.exitCode = exitCode;
