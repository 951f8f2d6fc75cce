// Slack's side of the chaos tests: distinct signed events (messages, thread replies, reactions
// in the harness's seeded workspace), sent at high concurrency the way Slack sends them
// (a 3-second timeout, redeliveries with X-Slack-Retry-Num / X-Slack-Retry-Reason), and a
// ledger of every attempt: when it started and ended, and what came back.
import { Agent, request } from 'node:http';
import { eventCallback, messageEvent, reactionAdded, threadReply } from '../../../src/simulator/factories';
import { slackRequestHeaders, type RetryReason } from '../../../src/simulator/sender';
import { messageSourceKey } from '../../../src/sources/slack/mapping/map-message';
import { reactionSourceKey } from '../../../src/sources/slack/mapping/map-reaction';
import { TEAM_ID, TEST_SIGNING_SECRET } from '../app-harness';

export { seededRandom } from '../seeded-random';

export interface ChaosEvent {
  index: number;
  /** The signed body Slack would POST. */
  body: ReturnType<typeof eventCallback>;
  /** The activity's source key: the row this event must end up as, exactly once. */
  key: string;
}

const CHANNELS = ['C0GENERAL', 'C0LAUNCH'];
const USERS = ['U0ANA', 'U0BO', 'U0CY'];
const EMOJI = ['tada', 'eyes', 'rocket', 'heart', 'zap'];

/**
 * `count` distinct events, each one activity: about 60% top-level messages, 25% thread replies
 * and 15% reactions, to messages earlier in the list. Indexes start at `firstIndex`, so that
 * several lists can share one Ledger.
 */
export function chaosEvents(count: number, random: () => number, label = 'chaos', firstIndex = 0): ChaosEvent[] {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const posts: { channel: string; ts: string; user: string }[] = [];
  const events: ChaosEvent[] = [];
  for (let index = firstIndex; index < firstIndex + count; index++) {
    const roll = random();
    if (posts.length > 0 && roll < 0.15) {
      const target = pick(posts);
      const user = pick(USERS);
      const reaction = pick(EMOJI);
      const event = reactionAdded(target, { user, reaction });
      events.push({ index, body: eventCallback(event, { team_id: TEAM_ID }), key: reactionSourceKey(target.channel, target.ts, user, reaction, 'added', event.event_ts) });
    } else if (posts.length > 0 && roll < 0.4) {
      const parent = pick(posts);
      const event = threadReply(parent, { user: pick(USERS), text: `${label} reply ${index}` });
      events.push({ index, body: eventCallback(event, { team_id: TEAM_ID }), key: messageSourceKey(parent.channel, event.ts) });
    } else {
      const channel = pick(CHANNELS);
      const user = pick(USERS);
      const event = messageEvent({ user, channel, text: `${label} message ${index}` });
      posts.push({ channel, ts: event.ts, user });
      events.push({ index, body: eventCallback(event, { team_id: TEAM_ID }), key: messageSourceKey(channel, event.ts) });
    }
  }
  return events;
}

export type Outcome = number | 'timeout' | 'connection';

export interface Attempt {
  event: number;
  /** X-Slack-Retry-Num sent (0: first delivery). */
  retryNum: number;
  startedAt: number;
  endedAt: number;
  outcome: Outcome;
  /** For a connection failure: what the socket said. */
  error?: string;
}

/** Every attempt to deliver the events, and which events Slack would count as delivered (a 200). */
export class Ledger {
  readonly attempts: Attempt[] = [];
  readonly acked = new Set<number>();
  private readonly tries = new Map<number, Attempt[]>();

  record(attempt: Attempt): void {
    this.attempts.push(attempt);
    const list = this.tries.get(attempt.event) ?? [];
    list.push(attempt);
    this.tries.set(attempt.event, list);
    if (attempt.outcome === 200) this.acked.add(attempt.event);
  }

  triesOf(event: number): Attempt[] {
    return this.tries.get(event) ?? [];
  }

  /** Slack's retry headers for the next attempt at `event`, from how the previous one went. */
  nextRetry(event: number): { retryNum?: number; retryReason?: RetryReason } {
    const tries = this.triesOf(event);
    const last = tries.at(-1);
    if (!last) return {};
    const reason: RetryReason = last.outcome === 'timeout' || last.outcome === 200 ? 'http_timeout' : last.outcome === 'connection' ? 'connection_failed' : 'http_error';
    return { retryNum: tries.length, retryReason: reason };
  }

  /** Attempts that carried retry headers. */
  get redeliveries(): number {
    return this.attempts.filter((a) => a.retryNum > 0).length;
  }

  /** Redeliveries of events that had been answered 200 already (Slack's duplicates). */
  get resentAfterAck(): number {
    let n = 0;
    for (const tries of this.tries.values()) {
      const firstAck = tries.findIndex((a) => a.outcome === 200);
      if (firstAck >= 0) n += tries.length - firstAck - 1;
    }
    return n;
  }

  count(predicate: (a: Attempt) => boolean): number {
    return this.attempts.filter(predicate).length;
  }
}

export interface SlackClient {
  /** POSTs one signed event body, as Slack does; never throws. */
  post(url: string, body: object, opts?: { retryNum?: number; retryReason?: RetryReason }): Promise<{ outcome: Outcome; error?: string; text?: string }>;
  /**
   * Starts a POST whose body waits: the headers go out with `Expect: 100-continue`, and
   * `accepted` resolves once the app answered "100 Continue", i.e. it has the request in hand
   * (from then on a server that stops must finish it, not drop it as an idle connection).
   * `release()` sends the body; `done` is the answer.
   */
  postHeld(url: string, body: object): HeldRequest;
  close(): void;
}

export interface HeldRequest {
  accepted: Promise<void>;
  release(): void;
  done: Promise<{ outcome: Outcome; error?: string; text?: string }>;
}

/** Slack's side: keep-alive connections, and `timeoutMs` (Slack waits 3 seconds) per request. */
export function slackClient(options: { maxSockets?: number; timeoutMs?: number } = {}): SlackClient {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 32 });
  const timeoutMs = options.timeoutMs ?? 3_000;
  return {
    post(url, body, opts = {}) {
      const raw = JSON.stringify(body);
      const headers = { ...slackRequestHeaders(TEST_SIGNING_SECRET, raw, 'application/json', opts), 'content-length': String(Buffer.byteLength(raw)) };
      return new Promise((resolve) => {
        let settled = false;
        const done = (value: { outcome: Outcome; error?: string; text?: string }) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(value);
        };
        const req = request(url, { method: 'POST', headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => done({ outcome: 'connection', error: error.message }));
          res.on('end', () => done({ outcome: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        });
        const timer = setTimeout(() => {
          done({ outcome: 'timeout' });
          req.destroy();
        }, timeoutMs);
        req.on('error', (error: NodeJS.ErrnoException) => done({ outcome: 'connection', error: error.code ?? error.message }));
        req.end(raw);
      });
    },
    postHeld(url, body) {
      const raw = JSON.stringify(body);
      const headers = { ...slackRequestHeaders(TEST_SIGNING_SECRET, raw, 'application/json'), 'content-length': String(Buffer.byteLength(raw)), expect: '100-continue' };
      let accept!: () => void;
      let refuse!: (error: Error) => void;
      const accepted = new Promise<void>((resolve, reject) => {
        accept = resolve;
        refuse = reject;
      });
      // Its own connection: a held request must not queue behind the load on the agent's sockets.
      const req = request(url, { method: 'POST', headers, agent: false });
      req.on('continue', () => accept());
      const done = new Promise<{ outcome: Outcome; error?: string; text?: string }>((resolve) => {
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => resolve({ outcome: 'connection', error: error.message }));
          res.on('end', () => resolve({ outcome: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', (error: NodeJS.ErrnoException) => {
          refuse(error);
          resolve({ outcome: 'connection', error: error.code ?? error.message });
        });
      });
      void accepted.catch(() => undefined); // a failure also shows in `done`
      req.flushHeaders();
      return { accepted, done, release: () => req.end(raw) };
    },
    close() {
      agent.destroy();
    },
  };
}

export interface SendOptions {
  client: SlackClient;
  /** Where to send (read before each request: a restarted app listens on a new port). */
  url: () => string;
  ledger: Ledger;
  concurrency: number;
  /** Stop taking new events once this is true (events not started stay unsent). */
  stop?: () => boolean;
  /** Called after each attempt (e.g. to kill the app after so many). */
  onAttempt?: (attempt: Attempt) => void;
  /** Milliseconds a sender waits after an attempt before its next one (pacing; default none). */
  pauseAfter?: (attempt: Attempt) => number;
}

/**
 * Sends each event once from `concurrency` senders, with retry headers when the event was
 * tried before. Resolves with the events it did not get to (when `stop` said so).
 */
export async function send(events: ChaosEvent[], options: SendOptions): Promise<ChaosEvent[]> {
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < events.length && !options.stop?.()) {
        const event = events[next++]!;
        const retry = options.ledger.nextRetry(event.index);
        const startedAt = Date.now();
        const result = await options.client.post(options.url(), event.body, retry);
        const attempt: Attempt = { event: event.index, retryNum: retry.retryNum ?? 0, startedAt, endedAt: Date.now(), outcome: result.outcome, ...(result.error ? { error: result.error } : {}) };
        options.ledger.record(attempt);
        options.onAttempt?.(attempt);
        const pause = options.pauseAfter?.(attempt) ?? 0;
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }),
  );
  return events.slice(next);
}

/** `items` in a random order (Fisher-Yates with the given source). */
export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Events in `events` that got no 200 yet. */
export function unacked(events: ChaosEvent[], ledger: Ledger): ChaosEvent[] {
  return events.filter((e) => !ledger.acked.has(e.index));
}
