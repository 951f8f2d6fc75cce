// Bolt's App with two steps in front of its dispatch, for every payload (events, commands,
// interactions; over HTTP and Socket Mode alike):
// - its text is made storable: a NUL or an unpaired UTF-16 surrogate (which no database
//   query takes) becomes U+FFFD wherever it is, so whatever the payload turns into (an
//   activity, a name, a dead letter's reason, a search) can be stored; Slack is the source
//   of truth, so its text is kept, not refused. The dead letter of such a payload still keeps
//   the text as received (JSON, where those characters are escaped).
// - it is placed by checkEnvelope (receivers/envelope-check.ts), so a payload Bolt cannot
//   place is answered at once and kept as a dead letter, and a body that is not a Slack
//   payload at all gets a 400 with the reason over HTTP, instead of a 500 or a 404 after
//   Slack's 3 seconds.
import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import { payloadText, reasonWithTruncation } from '../sources/slack/payload-text';
import type { Logger } from '../logger';
import { holdsUnstorableText, makeStorableInPlace } from '../storable';
import type { Store } from '../store/store';
import { installationIdOf, payloadSource, type PayloadSource } from './install/payload-source';
import { checkEnvelope, type EnvelopeVerdict } from './receivers/envelope-check';

/** Thrown for a body that is not a Slack payload; the HTTP receiver answers it with 400. */
export class MalformedSlackRequest extends Error {
  readonly status = 400;
}

export interface CheckedAppOptions extends AppOptions {
  store: Store;
  appLogger: Logger;
  /** HTTP answers a malformed body with 400; Socket Mode has no status to send, so it keeps a dead letter and acks. */
  rejectMalformed: boolean;
  /** Whether the app holds an installation for where a payload comes from (slack-access.ts). */
  isInstalled: (source: PayloadSource) => Promise<boolean>;
}

/** Events Slack sends about an installation itself: handled even when it no longer works. */
const INSTALLATION_EVENTS = new Set(['app_uninstalled', 'tokens_revoked']);

const rawBodyOf = (event: ReceiverEvent): string | undefined => {
  const raw = (event.customProperties as { rawBody?: unknown } | undefined)?.rawBody;
  return typeof raw === 'string' ? raw : undefined;
};

/**
 * Repairs a payload's text in place (see the top of this file). The usual payload has nothing
 * to repair: one regex test per string, no copy. Without the raw text (Socket Mode), the text
 * as received is kept first, for a dead letter.
 */
function makeStorable(event: ReceiverEvent): void {
  const body = event.body as unknown;
  if (rawBodyOf(event) === undefined && holdsUnstorableText(body)) {
    event.customProperties = { ...event.customProperties, rawBody: payloadText(body).text };
  }
  makeStorableInPlace(body);
}

const workspaceOf = (body: unknown): string => {
  const b = body as { team_id?: unknown; team?: { id?: unknown } } | null;
  const id = typeof b?.team_id === 'string' ? b.team_id : typeof b?.team?.id === 'string' ? b.team.id : undefined;
  return id ?? 'unknown';
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * Why Bolt would throw while placing this payload, or null. Before any listener runs, Bolt reads
 * some fields without checking their types (`'channel' in event.item`, `event.user.id` when
 * `user` is an object, `authorizations[0].team_id` …): such a field with a type Slack never
 * sends made a 500 on every retry. Only what makes Bolt throw is checked here; the mapping
 * judges the rest.
 */
export function boltShapeProblem(body: Record<string, unknown>): string | null {
  const event = body.event;
  if (isObject(event)) {
    const authorizations = body.authorizations;
    if (Array.isArray(authorizations) && authorizations.length > 0 && !isObject(authorizations[0])) {
      return `authorizations[0] is ${kindOf(authorizations[0])}, not an object`;
    }
    if ('channel' in event && typeof event.channel !== 'string' && !isObject(event.channel)) return `event.channel is ${kindOf(event.channel)}`;
    if ('item' in event && !isObject(event.item)) return `event.item is ${kindOf(event.item)}, not an object`;
    if (event.user === null) return 'event.user is null';
    if ('subteam' in event && !isObject(event.subteam)) return `event.subteam is ${kindOf(event.subteam)}, not an object`;
    return null;
  }
  if (body.command !== undefined) return null;
  // Interactions (actions, options, shortcuts, views): Bolt reads user.id, channel.id, view.*.
  if (!isObject(body.user)) return `user is ${kindOf(body.user)}, not an object`;
  if (body.channel !== undefined && !isObject(body.channel)) return `channel is ${kindOf(body.channel)}, not an object`;
  if ((body.type === 'view_submission' || body.type === 'view_closed') && !isObject(body.view)) return `view is ${kindOf(body.view)}, not an object`;
  return null;
}

/** checkEnvelope's verdict, with a payload Bolt would throw on kept as a dead letter. */
function placed(body: unknown): EnvelopeVerdict {
  const verdict = checkEnvelope(body);
  if (verdict.kind !== 'pass') return verdict;
  const payload = body as Record<string, unknown>;
  const problem = boltShapeProblem(payload);
  if (!problem) return verdict;
  const event = payload.event as { type?: unknown } | undefined;
  const kind = typeof event?.type === 'string' ? event.type : typeof payload.type === 'string' ? payload.type : 'unknown';
  return { kind: 'dead_letter', reason: `a Slack payload of a shape Slack never sends: ${problem}`, envelopeKind: kind };
}

export class CheckedApp extends App {
  private readonly store: Store;
  private readonly appLogger: Logger;
  private readonly rejectMalformed: boolean;

  private readonly isInstalled: (source: PayloadSource) => Promise<boolean>;

  constructor({ store, appLogger, rejectMalformed, isInstalled, ...options }: CheckedAppOptions) {
    super(options);
    this.store = store;
    this.appLogger = appLogger;
    this.rejectMalformed = rejectMalformed;
    this.isInstalled = isInstalled;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    makeStorable(event);
    const verdict = placed(event.body);
    if (verdict.kind === 'pass') {
      if (await this.forAnInstallation(event)) return super.processEvent(event);
      return;
    }
    if (verdict.kind === 'reject' && this.rejectMalformed) throw new MalformedSlackRequest(verdict.message);
    if (verdict.kind === 'ack') {
      this.appLogger.warn({ teamId: workspaceOf(event.body) }, verdict.note);
    } else {
      const kind = verdict.kind === 'reject' ? 'malformed' : verdict.envelopeKind;
      const payload = payloadText(event.body, rawBodyOf(event));
      const reason = reasonWithTruncation(verdict.kind === 'reject' ? verdict.message : verdict.reason, payload);
      await this.store.deadLetters.keep({ workspaceId: workspaceOf(event.body), source: 'slack_event', kind, rawPayload: payload.text, reason });
      this.appLogger.warn({ kind, reason }, 'Slack payload kept as a dead letter');
    }
    await event.ack();
  }

  /**
   * Whether the payload is for an installation the app holds. One that is not is never handled
   * (it would be answered with another workspace's data, or stored under another workspace's
   * id): an event is kept as a dead letter, a slash command is answered with a sentence, and
   * each is acknowledged so Slack does not retry.
   */
  private async forAnInstallation(event: ReceiverEvent): Promise<boolean> {
    const body = event.body as Record<string, unknown>;
    const inner = body.event as { type?: unknown } | undefined;
    if (inner && typeof inner.type === 'string' && INSTALLATION_EVENTS.has(inner.type)) return true;
    const source = payloadSource(body);
    if (await this.isInstalled(source)) return true;
    const where = installationIdOf(source) ?? 'an unnamed workspace';
    const reason = `the app is not installed in ${where}: not stored under any other workspace`;
    if (inner) {
      const payload = payloadText(body, rawBodyOf(event));
      await this.store.deadLetters.keep({ workspaceId: source.teamId ?? null, source: 'slack_event', kind: typeof inner.type === 'string' ? inner.type : 'unknown', rawPayload: payload.text, reason });
      this.appLogger.warn({ installation: where }, 'Slack event for a workspace that is not installed kept as a dead letter');
      await event.ack();
    } else if (body.command !== undefined) {
      await event.ack({ response_type: 'ephemeral', text: 'Activity Collector is not installed in this workspace (or its installation was removed). Ask an admin to install it.' } as never);
    } else {
      this.appLogger.warn({ installation: where }, 'Slack interaction for a workspace that is not installed: ignored');
      await event.ack();
    }
    return false;
  }
}
