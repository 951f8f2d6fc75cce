// Bolt's App with one step in front of its dispatch: every body is placed by checkEnvelope
// first (receivers/envelope-check.ts), so a payload Bolt cannot place is answered at once and
// kept as a dead letter, and a body that is not a Slack payload at all gets a 400 with the
// reason over HTTP, instead of a 500 or a 404 after Slack's 3 seconds.
import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import { payloadText, reasonWithTruncation } from '../collect/payload-text';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import { checkEnvelope } from './receivers/envelope-check';

/** Thrown for a body that is not a Slack payload; the HTTP receiver answers it with 400. */
export class MalformedSlackRequest extends Error {
  readonly status = 400;
}

export interface CheckedAppOptions extends AppOptions {
  store: Store;
  appLogger: Logger;
  /** HTTP answers a malformed body with 400; Socket Mode has no status to send, so it keeps a dead letter and acks. */
  rejectMalformed: boolean;
}

const workspaceOf = (body: unknown): string => {
  const b = body as { team_id?: unknown; team?: { id?: unknown } } | null;
  const id = typeof b?.team_id === 'string' ? b.team_id : typeof b?.team?.id === 'string' ? b.team.id : undefined;
  return id ?? 'unknown';
};

export class CheckedApp extends App {
  private readonly store: Store;
  private readonly appLogger: Logger;
  private readonly rejectMalformed: boolean;

  constructor({ store, appLogger, rejectMalformed, ...options }: CheckedAppOptions) {
    super(options);
    this.store = store;
    this.appLogger = appLogger;
    this.rejectMalformed = rejectMalformed;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const verdict = checkEnvelope(event.body);
    if (verdict.kind === 'pass') return super.processEvent(event);
    if (verdict.kind === 'reject' && this.rejectMalformed) throw new MalformedSlackRequest(verdict.message);
    if (verdict.kind === 'ack') {
      this.appLogger.warn({ teamId: workspaceOf(event.body) }, verdict.note);
    } else {
      const kind = verdict.kind === 'reject' ? 'malformed' : verdict.envelopeKind;
      const raw = (event.customProperties as { rawBody?: unknown } | undefined)?.rawBody;
      const payload = payloadText(event.body, typeof raw === 'string' ? raw : undefined);
      const reason = reasonWithTruncation(verdict.kind === 'reject' ? verdict.message : verdict.reason, payload);
      await this.store.deadLetters.keep({ workspaceId: workspaceOf(event.body), source: 'slack_event', kind, rawPayload: payload.text, reason });
      this.appLogger.warn({ kind, reason }, 'Slack payload kept as a dead letter');
    }
    await event.ack();
  }
}
