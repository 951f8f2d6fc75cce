// What a CLI command talks to: its output streams and environment, injected so tests can run
// commands in-process and see exactly what a person would.
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  stderrIsTty: boolean;
  /** Terminal width for the progress bar. */
  columns?: number;
}

/** A failure a person can fix (bad flag, unknown key): printed without a stack, exit code 2 or 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage mistake: exit code 2, with a hint to --help. */
export function usageError(message: string): CliError {
  return new CliError(`${message}\nRun with --help for usage.`, 2);
}

export function line(out: Writable, text = ''): void {
  out.write(`${text}\n`);
}
