// How the simulator hands events to the app, as Slack would: signed HTTP POSTs to the app's
// /slack/events, or envelopes over the Socket Mode WebSocket the app opened. Either way the
// answer comes back as one short verdict plus, when something is off, what to do about it.
import { urlVerification } from '../factories';
import { createSender, type FetchLike } from '../sender';
import { sleep } from '../waiters';
import type { SlackSimulator } from '../web-api-server';

export interface Outcome {
  ok: boolean;
  /** "HTTP 200", "acked over Socket Mode", "not delivered" … */
  summary: string;
  /** A line saying what went wrong and how to fix it. */
  hint?: string;
  /** Set when the app could not be reached at all (callers may stop a batch). */
  unreachable?: boolean;
}

export interface Delivery {
  /** Where events go, for the banner. */
  readonly target: string;
  event(body: object): Promise<Outcome>;
  slashCommand(fields: Record<string, string>): Promise<Outcome>;
  /** Waits until the app answers (or `timeoutMs` passes). */
  waitForApp(timeoutMs: number): Promise<Outcome>;
}

/** Slack gives up on an answer after 3 seconds and redelivers. */
const SLACK_TIMEOUT_MS = 3_000;
/** We wait longer than Slack, to show a slow answer rather than lose it. */
const ANSWER_TIMEOUT_MS = 10_000;
const START_HINT = 'start it with the variables printed above (npm start), then type wait';

/** Whether an app has called this simulator's Web API (auth.test at start): then it runs, just not where events go. */
export type AppSeen = () => boolean;

/** The reason under fetch's "fetch failed" (ECONNREFUSED …), which is what a person needs. */
export function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string; errors?: Array<{ message?: string }> } | undefined) : undefined;
  return cause?.message || cause?.errors?.[0]?.message || cause?.code || (error instanceof Error ? error.message : String(error));
}

function httpOutcome(status: number, text: string, ms: number, secretHint: string): Outcome {
  if (status === 200) {
    const slow = ms > SLACK_TIMEOUT_MS ? { hint: `answered after ${(ms / 1000).toFixed(1)} s: Slack gives up after 3 s and sends the event again` } : {};
    return { ok: true, summary: 'HTTP 200', ...slow };
  }
  if (status === 401) return { ok: false, summary: 'HTTP 401', hint: `the app rejected Slack's signature: start it with ${secretHint}` };
  if (status === 404) return { ok: false, summary: 'HTTP 404', hint: "nothing answers there: point --app-url at the app's /slack/events" };
  const body = text.trim().slice(0, 200);
  return { ok: false, summary: `HTTP ${status}`, ...(body ? { hint: `the app answered: ${body}` } : {}) };
}

/** Signed HTTP POSTs to `appUrl`, exactly as Slack's servers send them. */
export function httpDelivery(appUrl: string, signingSecret: string, appSeen: AppSeen = () => false): Delivery {
  const timedFetch: FetchLike = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
  const sender = createSender({ fetch: timedFetch });
  const secretHint = `SLACK_SIGNING_SECRET=${signingSecret}`;

  function failure(error: unknown): Outcome {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { ok: false, summary: 'no answer', hint: `the app did not answer within ${ANSWER_TIMEOUT_MS / 1000} s (Slack waits 3 s)` };
    }
    const fix = appSeen()
      ? "an app did start against this simulator, so it listens elsewhere: restart the simulator with --app-url http://127.0.0.1:<the app's PORT>/slack/events"
      : `${START_HINT}, or point --app-url at it`;
    return { ok: false, summary: 'not delivered', unreachable: true, hint: `the app is not reachable at ${appUrl} (${networkReason(error)}): ${fix}` };
  }

  async function post(send: () => Promise<{ status: number; text: string }>): Promise<Outcome> {
    const started = Date.now();
    try {
      const res = await send();
      return httpOutcome(res.status, res.text, Date.now() - started, secretHint);
    } catch (error) {
      return failure(error);
    }
  }

  return {
    target: appUrl,
    event: (body) => post(() => sender.sendEvent(appUrl, signingSecret, body)),
    slashCommand: (fields) => post(() => sender.sendSlashCommand(appUrl, signingSecret, fields)),
    // Slack checks a Request URL with a signed url_verification challenge; so do we, which
    // also catches a wrong signing secret before any event is lost to it.
    async waitForApp(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const challenge = urlVerification(`simulator-${Date.now()}`);
      for (;;) {
        try {
          const res = await sender.sendEvent(appUrl, signingSecret, challenge);
          if (res.status === 200 && (res.json as { challenge?: unknown } | undefined)?.challenge === challenge.challenge) {
            return { ok: true, summary: `the app answers at ${appUrl}` };
          }
          return httpOutcome(res.status === 200 ? 500 : res.status, res.text, 0, secretHint);
        } catch (error) {
          if (Date.now() >= deadline) return { ...failure(error), summary: `gave up after ${Math.round(timeoutMs / 1000)} s` };
        }
        await sleep(250);
      }
    },
  };
}

/** Envelopes over the Socket Mode connection the app opened with its app-level token. */
export function socketDelivery(sim: SlackSimulator, appSeen: AppSeen = () => false): Delivery {
  const notConnected = (): Outcome => ({
    ok: false,
    summary: 'not delivered',
    unreachable: true,
    hint: appSeen()
      ? 'no app is connected over Socket Mode, though one started against this simulator: start it with SLACK_APP_TOKEN as printed above'
      : `no app is connected over Socket Mode: ${START_HINT}`,
  });

  async function send(type: 'events_api' | 'slash_commands', payload: object): Promise<Outcome> {
    if (sim.socket.connectionCount === 0) return notConnected();
    try {
      await sim.socket.send(type, payload, { timeoutMs: ANSWER_TIMEOUT_MS });
      return { ok: true, summary: 'acked over Socket Mode' };
    } catch (error) {
      // An unacknowledged envelope is one the app did not store; Slack would send it again.
      return { ok: false, summary: 'no ack', hint: error instanceof Error ? error.message : String(error) };
    }
  }

  return {
    target: 'the app over Socket Mode',
    event: (body) => send('events_api', body),
    slashCommand: (fields) => send('slash_commands', fields),
    async waitForApp(timeoutMs) {
      try {
        await sim.socket.waitForConnection(timeoutMs);
        return { ok: true, summary: 'the app is connected over Socket Mode' };
      } catch {
        return { ...notConnected(), summary: `gave up after ${Math.round(timeoutMs / 1000)} s` };
      }
    },
  };
}
