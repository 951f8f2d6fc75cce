// Graceful-shutdown scenario: the app (a real process) gets SIGTERM while signed events arrive
// at high concurrency. Some requests are certainly in its hands at that moment: their headers
// were accepted ("100 Continue") before the signal, and their bodies are sent only once the app
// logged that it is shutting down. The app must drain: exit 0, those held requests answered 200
// and stored, every event it answered 200 stored, and what got no 200 (in flight elsewhere, or
// sent after the listener closed) redelivered to the next start, so that each event ends up
// stored once.
import type { StoreKind } from '../../../src/store/database-url';
import type { AppProcess } from './app-process';
import { chaosEvents, Ledger, seededRandom, send, slackClient, unacked, type ChaosEvent } from './slack-traffic';
import { account, type Accounting } from './stored';
import { createChaosWorld } from './world';

export interface ShutdownOptions {
  kind: StoreKind;
  rounds: number;
  eventsPerRound: number;
  concurrency: number;
  /** Requests per round held in the app's hands at SIGTERM (see above). */
  heldPerRound: number;
  resendShare: number;
  /** Slack's side gives up on a request after this long (Slack: 3000 ms). */
  timeoutMs: number;
  seed: number;
  log?: (line: string) => void;
}

export interface ShutdownFigures extends Omit<Accounting, 'ackedLostKeys'> {
  kind: StoreKind;
  seed: number;
  rounds: number;
  deliveries: number;
  redelivered: number;
  /** Redeliveries of events answered 200 before. */
  resentAfterAck: number;
  /** Load requests in flight when SIGTERM was sent, over all rounds … */
  inFlightAtSigterm: number;
  /** … of which answered 200 (drained) … */
  drained: number;
  /** … and failed, to be redelivered: the connection closed, Slack's side timed out, or non-2xx. */
  cut: number;
  timedOut: number;
  non2xx: number;
  /** Held requests (in the app's hands at SIGTERM), and how many were answered 200. */
  held: number;
  heldDrained: number;
  /** Requests started after SIGTERM: answered 200 (the app had not closed yet) or refused. */
  afterSigterm200: number;
  afterSigtermRefused: number;
  /** Longest time from SIGTERM to the process's exit. */
  maxExitMs: number;
  exitCodes: (number | null)[];
  ackedLostAtExits: number[];
  violations: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with true when `promise` settles within `ms`, false otherwise. */
const within = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true, () => true), sleep(ms).then(() => false)]);

export async function runShutdownScenario(options: ShutdownOptions): Promise<ShutdownFigures> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const world = await createChaosWorld(options.kind);
  const client = slackClient({ maxSockets: options.concurrency, timeoutMs: options.timeoutMs });
  const ledger = new Ledger();
  const all: ChaosEvent[] = [];
  const violations: string[] = [];
  const exitCodes: (number | null)[] = [];
  const ackedLostAtExits: number[] = [];
  let inFlightAtSigterm = 0;
  let drained = 0;
  let cut = 0;
  let timedOut = 0;
  let heldDrained = 0;
  let afterSigterm200 = 0;
  let afterSigtermRefused = 0;
  let maxExitMs = 0;
  // Room to finish what is in flight, however slow the machine: a cut request would be a failure.
  const env = { SHUTDOWN_TIMEOUT_MS: '30000' };
  let app: AppProcess = await world.startApp(env);
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const events = chaosEvents(options.eventsPerRound, random, `shutdown r${round}`, all.length);
      const held = chaosEvents(options.heldPerRound, random, `held r${round}`, all.length + events.length);
      all.push(...events, ...held);
      const current = app;
      let exited = false;
      void current.exited.then(() => (exited = true));
      const url = () => current.eventsUrl;

      // The load; then the held requests, accepted by the app; then SIGTERM.
      const load = send(events, { client, url, ledger, concurrency: options.concurrency, stop: () => exited });
      await sleep(300 + random() * 700);
      const holds = held.map((event) => ({ event, request: client.postHeld(current.eventsUrl, event.body), startedAt: Date.now() }));
      if (!(await within(Promise.all(holds.map((h) => h.request.accepted)), 30_000))) violations.push(`round ${round}: the app did not accept the held requests' headers within 30 s`);
      const sigtermAt = Date.now();
      current.signal('SIGTERM');
      // Bodies only once the app is shutting down: these requests are in flight across the stop.
      for (let waited = 0; current.logged(/^shutting down/).length === 0 && !exited && waited < 30_000; waited += 5) await sleep(5);
      for (const h of holds) h.request.release();
      const heldOutcomes = await Promise.all(
        holds.map(async (h) => {
          const result = await h.request.done;
          ledger.record({ event: h.event.index, retryNum: 0, startedAt: h.startedAt, endedAt: Date.now(), outcome: result.outcome, ...(result.error ? { error: result.error } : {}) });
          return result.outcome;
        }),
      );
      heldDrained += heldOutcomes.filter((o) => o === 200).length;
      const { code } = await current.exited;
      const exitMs = Date.now() - sigtermAt;
      maxExitMs = Math.max(maxExitMs, exitMs);
      exitCodes.push(code);
      if (code !== 0) violations.push(`round ${round}: exit code ${code} after SIGTERM:\n${current.lines.slice(-10).join('\n')}`);
      if (heldOutcomes.some((o) => o !== 200)) violations.push(`round ${round}: requests in the app's hands at SIGTERM were not answered 200: ${heldOutcomes.join(' ')}`);
      await load;

      const loadIndexes = new Set(events.map((e) => e.index));
      const inFlight = ledger.attempts.filter((a) => loadIndexes.has(a.event) && a.startedAt < sigtermAt && a.endedAt >= sigtermAt);
      inFlightAtSigterm += inFlight.length;
      drained += inFlight.filter((a) => a.outcome === 200).length;
      cut += inFlight.filter((a) => a.outcome === 'connection').length;
      timedOut += inFlight.filter((a) => a.outcome === 'timeout').length;
      const after = ledger.attempts.filter((a) => loadIndexes.has(a.event) && a.startedAt >= sigtermAt);
      afterSigterm200 += after.filter((a) => a.outcome === 200).length;
      afterSigtermRefused += after.filter((a) => a.outcome !== 200).length;

      const afterExit = await account(options.kind, world.directUrl, all, ledger);
      ackedLostAtExits.push(afterExit.ackedLost);
      if (afterExit.ackedLost > 0) violations.push(`round ${round}: ${afterExit.ackedLost} acknowledged events not stored after the exit (${afterExit.ackedLostKeys.join(', ')})`);
      log(
        `  round ${round}: SIGTERM with ${inFlight.length} requests in flight (${inFlight.filter((a) => a.outcome === 200).length} answered 200) and ${holds.length} held (answered ${heldOutcomes.join(' ')}); ` +
          `exit ${code} after ${exitMs} ms; acked ${afterExit.acked}, stored ${afterExit.rows}`,
      );

      // The next start gets what Slack redelivers: everything without a 200, and a share of the rest.
      app = await world.startApp(env);
      const thisRound = [...events, ...held];
      const again = [...unacked(all, ledger), ...thisRound.filter((e) => ledger.acked.has(e.index) && random() < options.resendShare)];
      for (let pass = 1; again.length > 0 && pass <= 10; pass++) {
        await send(again, { client, url: () => app.eventsUrl, ledger, concurrency: options.concurrency });
        again.splice(0, again.length, ...unacked(all, ledger));
      }
      if (again.length > 0) violations.push(`round ${round}: ${again.length} events still not acknowledged after 10 redeliveries`);
    }
    await app.stop();
    const final = await account(options.kind, world.directUrl, all, ledger);
    if (final.duplicates > 0) violations.push(`${final.duplicates} duplicate rows`);
    if (final.missing > 0) violations.push(`${final.missing} events never stored`);
    if (final.ackedLost > 0) violations.push(`${final.ackedLost} acknowledged events not stored: ${final.ackedLostKeys.join(', ')}`);
    const { ackedLostKeys: _keys, ...figures } = final;
    return {
      kind: options.kind,
      seed: options.seed,
      rounds: options.rounds,
      deliveries: ledger.attempts.length,
      redelivered: ledger.redeliveries,
      resentAfterAck: ledger.resentAfterAck,
      inFlightAtSigterm,
      drained,
      cut,
      timedOut,
      non2xx: inFlightAtSigterm - drained - cut - timedOut,
      held: options.heldPerRound * options.rounds,
      heldDrained,
      afterSigterm200,
      afterSigtermRefused,
      maxExitMs,
      exitCodes,
      ackedLostAtExits,
      ...figures,
      violations: violations.length > 0 ? [...violations, `(seed ${options.seed})`] : [],
    };
  } finally {
    client.close();
    await world.close();
  }
}
