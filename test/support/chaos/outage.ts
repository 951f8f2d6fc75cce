// Outage scenario: signed events arrive at a steady pace while the database becomes unavailable
// (PostgreSQL refusing connections through a TCP proxy, or SQLite write-locked by another
// process), then available again. While it is down, no event may be answered 200, the API
// answers 503 store_unavailable with Retry-After and /readyz 503 with a generic reason; after
// it, the same process (no restart) is ready again and stores what Slack redelivers; nothing
// acknowledged is lost and every event ends up stored once.
import type { StoreKind } from '../../../src/store/database-url';
import { TEST_API_TOKEN } from '../app-harness';
import { chaosEvents, Ledger, seededRandom, send, slackClient, unacked, type Attempt } from './slack-traffic';
import { account, type Accounting } from './stored';
import { createChaosWorld } from './world';

export interface OutageOptions {
  kind: StoreKind;
  /** Shortest outage; it lasts until the checks below were each seen at least once, too. */
  outageMs: number;
  /** Events sent before, during and after the outage (the load stops when they run out). */
  events: number;
  concurrency: number;
  /** Pause of each sender between requests (default 40 ms), and after a failed one (default 100 ms). */
  pauseMs?: number;
  pauseAfterFailureMs?: number;
  resendShare: number;
  seed: number;
  log?: (line: string) => void;
}

interface Probe {
  startedAt: number;
  endedAt: number;
  status: number;
  retryAfter: string | null;
  body: string;
}

export interface OutageFigures extends Omit<Accounting, 'ackedLostKeys'> {
  kind: StoreKind;
  seed: number;
  outageMs: number;
  deliveries: number;
  redelivered: number;
  /** Redeliveries of events answered 200 before. */
  resentAfterAck: number;
  /** Event requests sent and answered within the outage: all must be non-2xx. */
  refusedWhileDown: number;
  /** Of those, answered 200 (must be 0). */
  ackedWhileDown: number;
  /** /readyz calls made within the outage, and how many answered 503 with the generic reason. */
  readyzWhileDown: number;
  readyz503: number;
  /** API writes made within the outage, and how many answered 503 store_unavailable with Retry-After. */
  apiWhileDown: number;
  api503: number;
  /** Milliseconds from the end of the outage to the first 200 from /readyz. */
  readyAgainMs: number;
  /** The app's process was never restarted. */
  samePid: boolean;
  violations: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOutageScenario(options: OutageOptions): Promise<OutageFigures> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const world = await createChaosWorld(options.kind, { outage: true });
  const outage = world.outage!;
  const client = slackClient({ maxSockets: options.concurrency });
  const ledger = new Ledger();
  const violations: string[] = [];
  const app = await world.startApp();
  const pid = app.pid;
  const databaseName = new URL(world.directUrl).pathname.split('/').pop()!;
  const get = async (path: string, init: RequestInit = {}): Promise<Probe> => {
    const startedAt = Date.now();
    try {
      const response = await fetch(`${app.url}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
      const body = await response.text();
      return { startedAt, endedAt: Date.now(), status: response.status, retryAfter: response.headers.get('retry-after'), body };
    } catch (error) {
      return { startedAt, endedAt: Date.now(), status: 0, retryAfter: null, body: String(error) };
    }
  };
  let apiCount = 0;
  const apiWrite = () =>
    get('/api/v1/activities', {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'award.given',
        occurred_at: '2026-05-01T12:00:00Z',
        initiator: { slack_user_id: 'U0ANA' },
        recipient: { slack_user_id: 'U0BO' },
        metadata: { award_id: 'steady', award_name: 'Steady', points: 1, message: 'kept going', url: 'https://community.example.com/awards/steady' },
        external_id: `outage-${options.seed}-${apiCount++}`,
      }),
    });

  try {
    // Warm-up: caches filled, so the outage is met at the writes themselves.
    const warm = chaosEvents(30, random, 'warm-up');
    await send(warm, { client, url: () => app.eventsUrl, ledger, concurrency: 4 });
    const events = [...warm, ...chaosEvents(options.events, random, 'outage', warm.length)];

    // The load: runs until the events run out or the scenario says stop.
    let stopLoad = false;
    const pause = options.pauseMs ?? 40;
    const pauseAfterFailure = options.pauseAfterFailureMs ?? 100;
    const load = send(events.slice(warm.length), {
      client,
      url: () => app.eventsUrl,
      ledger,
      concurrency: options.concurrency,
      stop: () => stopLoad,
      pauseAfter: (a) => (a.outcome === 200 ? pause : pauseAfterFailure),
    });
    await sleep(1_000);

    await outage.begin();
    const downFrom = Date.now();
    log(`  outage begins: ${outage.description}`);
    const readyz: Probe[] = [];
    const api: Probe[] = [];
    const within = (p: { startedAt: number; endedAt: number }, until: number) => p.startedAt >= downFrom && p.endedAt <= until;
    const goodReady = (p: Probe) => p.status === 503 && p.body === JSON.stringify({ ok: false, reason: 'database unavailable' }) && /^\d+$/.test(p.retryAfter ?? '');
    const goodApi = (p: Probe) => p.status === 503 && /"code":"store_unavailable"/.test(p.body) && /^\d+$/.test(p.retryAfter ?? '') && !p.body.includes(databaseName);
    // Probes run side by side with the load until the outage is over.
    let probing = true;
    const readyLoop = (async () => {
      while (probing) {
        readyz.push(await get('/readyz'));
        await sleep(200);
      }
    })();
    const apiLoop = (async () => {
      while (probing) {
        api.push(await apiWrite());
        await sleep(300);
      }
    })();
    const refusedEvents = () => ledger.attempts.filter((a) => within(a, Date.now()) && a.outcome !== 200).length;
    const deadline = Date.now() + Math.max(60_000, options.outageMs * 4);
    while (Date.now() < deadline) {
      const now = Date.now();
      const seen = readyz.some((p) => within(p, now) && goodReady(p)) && api.some((p) => within(p, now) && goodApi(p)) && refusedEvents() > 0;
      if (now - downFrom >= options.outageMs && seen) break;
      await sleep(100);
    }
    const downUntil = Date.now();
    await outage.end();
    log(`  outage ends after ${downUntil - downFrom} ms`);
    probing = false;
    await Promise.all([readyLoop, apiLoop]);

    // Recovery, in the same process: /readyz says ready again.
    let readyAgainMs = -1;
    for (const started = Date.now(); Date.now() - started < 60_000; await sleep(100)) {
      const probe = await get('/readyz');
      if (probe.status === 200) {
        readyAgainMs = probe.endedAt - downUntil;
        break;
      }
    }
    if (readyAgainMs < 0) violations.push('/readyz did not answer 200 within 60 s of the end of the outage');
    await sleep(500);
    stopLoad = true;
    await load;

    // Slack redelivers what got no 200, and some of what did.
    const sent = events.filter((e) => ledger.triesOf(e.index).length > 0);
    const again = [...unacked(sent, ledger), ...sent.filter((e) => ledger.acked.has(e.index) && random() < options.resendShare)];
    for (let pass = 1; again.length > 0 && pass <= 10; pass++) {
      await send(again, { client, url: () => app.eventsUrl, ledger, concurrency: options.concurrency });
      again.splice(0, again.length, ...unacked(sent, ledger));
    }
    if (again.length > 0) violations.push(`${again.length} events still not acknowledged after 10 redeliveries`);

    const samePid = app.child.exitCode === null && app.child.signalCode === null && app.pid === pid;
    if (!samePid) violations.push(`the app's process ended during the scenario:\n${app.lines.slice(-15).join('\n')}`);

    const whileDown = ledger.attempts.filter((a: Attempt) => within(a, downUntil));
    const ackedWhileDown = whileDown.filter((a) => a.outcome === 200).length;
    if (ackedWhileDown > 0) violations.push(`${ackedWhileDown} events answered 200 while the database was down`);
    if (whileDown.length === 0) violations.push('no event request was both sent and answered during the outage');
    const readyzDown = readyz.filter((p) => within(p, downUntil));
    const readyz503 = readyzDown.filter(goodReady).length;
    if (readyz503 === 0 || readyz503 < readyzDown.length) {
      violations.push(`/readyz during the outage: ${readyzDown.map((p) => `${p.status} ${p.body.slice(0, 80)}`).join('; ') || 'no answer within it'}`);
    }
    const apiDown = api.filter((p) => within(p, downUntil));
    const api503 = apiDown.filter(goodApi).length;
    if (api503 === 0 || api503 < apiDown.length) {
      violations.push(`API writes during the outage: ${apiDown.map((p) => `${p.status} retry-after=${p.retryAfter} ${p.body.slice(0, 120)}`).join('; ') || 'no answer within it'}`);
    }

    const final = await account(options.kind, world.directUrl, sent, ledger);
    if (final.duplicates > 0) violations.push(`${final.duplicates} duplicate rows`);
    if (final.missing > 0) violations.push(`${final.missing} events never stored`);
    if (final.ackedLost > 0) violations.push(`${final.ackedLost} acknowledged events not stored: ${final.ackedLostKeys.join(', ')}`);
    await app.stop();
    const { ackedLostKeys: _keys, ...figures } = final;
    return {
      kind: options.kind,
      seed: options.seed,
      outageMs: downUntil - downFrom,
      deliveries: ledger.attempts.length,
      redelivered: ledger.redeliveries,
      resentAfterAck: ledger.resentAfterAck,
      refusedWhileDown: whileDown.length - ackedWhileDown,
      ackedWhileDown,
      readyzWhileDown: readyzDown.length,
      readyz503,
      apiWhileDown: apiDown.length,
      api503,
      readyAgainMs,
      samePid,
      ...figures,
      violations: violations.length > 0 ? [...violations, `(seed ${options.seed})`] : [],
    };
  } finally {
    client.close();
    await world.close();
  }
}
