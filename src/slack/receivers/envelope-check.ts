// What to do with a signed request body before Bolt sees it. Bolt guesses a payload's kind
// from its shape: a body it cannot place gets no listener (and Slack's request waits 3 s for
// a 404), and some shapes make it throw (an `event` that is a string: 500 on every retry).
// So every body is placed here first: passed on to Bolt, answered at once, kept whole as a
// dead letter (authentic, signed, but not understood), or refused as not a Slack payload.
import { cutText } from '../../storable';

export type EnvelopeVerdict =
  | { kind: 'pass' }
  /** Acknowledge and do nothing more (a notice from Slack that needs no listener). */
  | { kind: 'ack'; note: string }
  | { kind: 'dead_letter'; reason: string; envelopeKind: string }
  | { kind: 'reject'; message: string };

/** Payload types Bolt routes to listeners besides events, commands, options and actions. */
const BOLT_TYPES = new Set(['shortcut', 'message_action', 'view_submission', 'view_closed', 'block_suggestion', 'dialog_submission']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkEnvelope(body: unknown): EnvelopeVerdict {
  if (!isObject(body)) return { kind: 'reject', message: 'the body is not a Slack payload: expected a JSON object' };
  const type = typeof body.type === 'string' ? body.type : undefined;
  if (body.event !== undefined) {
    if (!isObject(body.event)) return { kind: 'dead_letter', reason: `${type ?? 'envelope'} without an event object`, envelopeKind: type ?? 'event_callback' };
    if (typeof body.event.type !== 'string') return { kind: 'dead_letter', reason: 'event without a type', envelopeKind: type ?? 'event_callback' };
    return { kind: 'pass' };
  }
  if (body.command !== undefined || body.name !== undefined || body.actions !== undefined) return { kind: 'pass' };
  if (type !== undefined && BOLT_TYPES.has(type)) return { kind: 'pass' };
  // Slack's notice that it dropped events for a minute: worth a log line, nothing to store.
  if (type === 'app_rate_limited') return { kind: 'ack', note: 'Slack rate-limited event delivery to this app (app_rate_limited): some events of the last minute were not sent' };
  if (type !== undefined) return { kind: 'dead_letter', reason: `unknown Slack envelope type "${cutText(type, 100)}"`, envelopeKind: cutText(type, 100) };
  return { kind: 'dead_letter', reason: 'a Slack payload of no known kind (no type, event, command or actions)', envelopeKind: 'unknown' };
}
