// `npm run chaos`: the long versions of test/integration/chaos/*.int.test.ts, against the app in
// its own process (`node --import tsx src/main.ts`) on SQLite and PostgreSQL, printing figures.
//
//   crash     kill -9 at random moments under load, restart, redeliver (Slack's retry headers)
//   outage    PostgreSQL refusing connections (TCP proxy) / SQLite write-locked by another
//             process for 10 s under load: non-2xx while down, 503 from the API and /readyz,
//             recovery without a restart
//   shutdown  SIGTERM under load: the app drains, exits 0, loses nothing acknowledged
//
// Options: --scenarios crash,outage,shutdown  --databases sqlite,postgresql  --rounds N
// --events N (per round)  --concurrency N  --outage-ms N  --seed N  --quick (the CI sizes).
// Exits 1 if any guarantee broke (each violation is printed). Needs the PostgreSQL server of the
// integration tests (TEST_POSTGRES_URL, default postgresql://root@127.0.0.1:5432/postgres).
import { parseArgs } from 'node:util';
import type { StoreKind } from '../../src/store/database-url';
import { runCrashScenario } from '../../test/support/chaos/crash';
import { runOutageScenario } from '../../test/support/chaos/outage';
import { runShutdownScenario } from '../../test/support/chaos/shutdown';
import { printTable, type Row } from './table';

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: 'crash,outage,shutdown' },
    databases: { type: 'string', default: 'sqlite,postgresql' },
    rounds: { type: 'string' },
    events: { type: 'string' },
    concurrency: { type: 'string' },
    'outage-ms': { type: 'string' },
    seed: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});

const quick = values.quick;
const number = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const seed = number(values.seed, Date.now() % 1_000_000);
const kinds = values.databases.split(',').map((k) => k.trim()) as StoreKind[];
const scenarios = values.scenarios.split(',').map((s) => s.trim());
const log = (line: string) => console.log(line);

const violations: string[] = [];
const started = Date.now();
console.log(`chaos: ${scenarios.join(', ')} on ${kinds.join(', ')}; seed ${seed} (replay with --seed ${seed})`);

if (scenarios.includes('crash')) {
  const rows: Row[] = [];
  for (const kind of kinds) {
    console.log(`\ncrash (${kind}): kill -9 at random moments under load, restart, redeliver`);
    const f = await runCrashScenario({
      kind,
      rounds: number(values.rounds, quick ? 2 : 5),
      eventsPerRound: number(values.events, quick ? 120 : 1_000),
      concurrency: number(values.concurrency, quick ? 16 : 32),
      killsPerRound: quick ? 1 : 2,
      resendShare: 0.2,
      seed,
      log,
    });
    violations.push(...f.violations.map((v) => `crash (${kind}): ${v}`));
    rows.push({
      database: kind,
      rounds: f.rounds,
      'kill -9': f.kills,
      'events sent': f.events,
      requests: f.deliveries,
      acked: f.acked,
      redelivered: f.redelivered,
      'of them after a 200': f.resentAfterAck,
      'failed requests': f.failed,
      rows: f.rows,
      duplicates: f.duplicates,
      'acked, lost at a kill': f.ackedLostAtKills.reduce((a, b) => a + b, 0),
      lost: f.ackedLost,
      'never stored': f.missing,
    });
  }
  printTable('crash: kill -9 under load', rows);
}

if (scenarios.includes('outage')) {
  const rows: Row[] = [];
  for (const kind of kinds) {
    const rounds = number(values.rounds, quick ? 1 : 2);
    for (let round = 1; round <= rounds; round++) {
      console.log(`\noutage (${kind}) ${round}/${rounds}`);
      const f = await runOutageScenario({
        kind,
        outageMs: number(values['outage-ms'], quick ? 3_000 : 10_000),
        events: 20_000,
        concurrency: number(values.concurrency, quick ? 8 : 16),
        resendShare: 0.2,
        seed: seed + round,
        log,
      });
      violations.push(...f.violations.map((v) => `outage (${kind}): ${v}`));
      rows.push({
        database: kind,
        round,
        'outage s': (f.outageMs / 1000).toFixed(1),
        'events sent': f.events,
        requests: f.deliveries,
        acked: f.acked,
        redelivered: f.redelivered,
        'of them after a 200': f.resentAfterAck,
        'non-2xx while down': f.refusedWhileDown,
        '200 while down': f.ackedWhileDown,
        'readyz 503/calls': `${f.readyz503}/${f.readyzWhileDown}`,
        'API 503/calls': `${f.api503}/${f.apiWhileDown}`,
        'ready again ms': f.readyAgainMs,
        restarted: f.samePid ? 'no' : 'YES',
        rows: f.rows,
        duplicates: f.duplicates,
        lost: f.ackedLost,
        'never stored': f.missing,
      });
    }
  }
  printTable('outage: the database unavailable under load', rows);
}

if (scenarios.includes('shutdown')) {
  const rows: Row[] = [];
  for (const kind of kinds) {
    console.log(`\nshutdown (${kind}): SIGTERM under load`);
    const f = await runShutdownScenario({
      kind,
      rounds: number(values.rounds, quick ? 2 : 5),
      eventsPerRound: number(values.events, quick ? 200 : 1_000),
      concurrency: number(values.concurrency, quick ? 16 : 32),
      heldPerRound: quick ? 4 : 8,
      resendShare: 0.2,
      timeoutMs: 3_000,
      seed,
      log,
    });
    violations.push(...f.violations.map((v) => `shutdown (${kind}): ${v}`));
    rows.push({
      database: kind,
      rounds: f.rounds,
      'events sent': f.events,
      requests: f.deliveries,
      acked: f.acked,
      redelivered: f.redelivered,
      'of them after a 200': f.resentAfterAck,
      'in flight at SIGTERM': f.inFlightAtSigterm,
      'drained (200)': f.drained,
      'cut/timeout/non-2xx': `${f.cut}/${f.timedOut}/${f.non2xx}`,
      'held: 200/held': `${f.heldDrained}/${f.held}`,
      'max exit ms': f.maxExitMs,
      'exit codes': [...new Set(f.exitCodes)].join(','),
      rows: f.rows,
      duplicates: f.duplicates,
      lost: f.ackedLost,
      'never stored': f.missing,
    });
  }
  printTable('shutdown: SIGTERM under load', rows);
}

console.log(`\n${violations.length === 0 ? 'every guarantee held' : `${violations.length} violations:`} (${Math.round((Date.now() - started) / 1000)} s, seed ${seed})`);
for (const v of violations) console.log(`  - ${v}`);
process.exit(violations.length === 0 ? 0 : 1);
