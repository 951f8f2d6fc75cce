// Crash scenario: signed events sent at high concurrency while the app is killed with SIGKILL
// (kill -9) at random moments, restarted on the same database, and sent again what got no 200
// (with Slack's retry headers) plus a share of what did, as Slack does when a 200 came too
// late. After each kill, every event acknowledged so far must be stored; at the end, one row
// per distinct event.
import type { StoreKind } from '../../../src/store/database-url';
import type { AppProcess } from './app-process';
import { chaosEvents, Ledger, seededRandom, send, shuffled, slackClient, unacked, type ChaosEvent } from './slack-traffic';
import { account, type Accounting } from './stored';
import { createChaosWorld } from './world';

export interface CrashOptions {
  kind: StoreKind;
  rounds: number;
  eventsPerRound: number;
  concurrency: number;
  /** Kills per round, each after a random number of attempts. */
  killsPerRound: number;
  /** Share (0-1) of acknowledged events sent again anyway. */
  resendShare: number;
  seed: number;
  log?: (line: string) => void;
}

export interface CrashFigures extends Omit<Accounting, 'ackedLostKeys'> {
  kind: StoreKind;
  seed: number;
  rounds: number;
  kills: number;
  /** Requests sent in all. */
  deliveries: number;
  /** Requests carrying X-Slack-Retry-Num … */
  redelivered: number;
  /** … of which for events answered 200 before (each must still be one row). */
  resentAfterAck: number;
  /** Requests that failed (connection cut or refused, timeout, non-2xx). */
  failed: number;
  /** After each kill: acknowledged events not stored (each must be 0). */
  ackedLostAtKills: number[];
  /** Everything that broke a guarantee (empty when all held). */
  violations: string[];
}

/** Runs the scenario on a fresh database and returns its figures (violations listed, not thrown). */
export async function runCrashScenario(options: CrashOptions): Promise<CrashFigures> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const world = await createChaosWorld(options.kind);
  const client = slackClient({ maxSockets: options.concurrency });
  const ledger = new Ledger();
  const all: ChaosEvent[] = [];
  const violations: string[] = [];
  const ackedLostAtKills: number[] = [];
  let kills = 0;
  let app: AppProcess = await world.startApp();
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const events = chaosEvents(options.eventsPerRound, random, `crash r${round}`, all.length);
      all.push(...events);
      let killsLeft = options.killsPerRound;
      let resent = false;
      for (let pass = 1; ; pass++) {
        // What Slack sends now: whatever has no 200 yet, and once per round a share of what has.
        let batch = unacked(events, ledger);
        if (!resent && pass > 1) {
          // Mixed in, as Slack's redeliveries come: a kill in this pass cuts into both kinds.
          resent = true;
          const acked = events.filter((e) => ledger.acked.has(e.index));
          const again = acked.filter(() => random() < options.resendShare);
          if (again.length === 0 && acked.length > 0) again.push(acked[0]!);
          batch = shuffled([...batch, ...again], random);
        }
        if (batch.length === 0) break;
        if (pass > 50) {
          violations.push(`round ${round}: ${batch.length} events still not acknowledged after 50 passes`);
          break;
        }
        const killAfter = killsLeft > 0 ? 1 + Math.floor(random() * Math.max(1, batch.length * 0.8)) : Infinity;
        let attempts = 0;
        let killed = false;
        const current = app;
        await send(batch, {
          client,
          url: () => current.eventsUrl,
          ledger,
          concurrency: options.concurrency,
          stop: () => killed,
          onAttempt: () => {
            if (++attempts >= killAfter && !killed) {
              killed = true;
              current.signal('SIGKILL');
            }
          },
        });
        if (killed) {
          killsLeft--;
          kills++;
          await current.exited;
          const after = await account(options.kind, world.directUrl, all, ledger);
          ackedLostAtKills.push(after.ackedLost);
          if (after.ackedLost > 0) violations.push(`round ${round}, kill ${kills}: ${after.ackedLost} acknowledged events not stored (${after.ackedLostKeys.join(', ')})`);
          log(`  round ${round}: killed (kill -9) after ${attempts} requests; acked so far ${after.acked}, stored ${after.rows}, acked but not stored ${after.ackedLost}`);
          const started = Date.now();
          app = await world.startApp();
          log(`  restarted in ${Date.now() - started} ms`);
        }
      }
    }
    const stopping = Date.now();
    await app.stop();
    log(`  stopped (SIGTERM) in ${Date.now() - stopping} ms`);
    const final = await account(options.kind, world.directUrl, all, ledger);
    if (final.duplicates > 0) violations.push(`${final.duplicates} duplicate rows`);
    if (final.missing > 0) violations.push(`${final.missing} events never stored`);
    if (final.ackedLost > 0) violations.push(`${final.ackedLost} acknowledged events not stored: ${final.ackedLostKeys.join(', ')}`);
    const { ackedLostKeys: _keys, ...figures } = final;
    return {
      kind: options.kind,
      seed: options.seed,
      rounds: options.rounds,
      kills,
      deliveries: ledger.attempts.length,
      redelivered: ledger.redeliveries,
      resentAfterAck: ledger.resentAfterAck,
      failed: ledger.count((a) => a.outcome !== 200),
      ...figures,
      ackedLostAtKills,
      violations: violations.length > 0 ? [...violations, `(seed ${options.seed}; last app output:\n${app.lines.slice(-15).join('\n')})`] : [],
    };
  } finally {
    client.close();
    await world.close();
  }
}
