// `npm run simulator`: a local Slack to run the app against, outside the demo. Starts the
// simulated Web API with a seeded community on port 4000, prints the variables to start the
// app with, then sends the app events on request (a prompt, piped lines, or --run).
//   npm run simulator                       (type help at the prompt)
//   npm run simulator -- --help
import { runSimulator } from './cli/run';

const exitCode = await runSimulator(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
});
// A slow app answer may still hold a socket open; the session is over, so do not wait for it.
process.exit(exitCode);
