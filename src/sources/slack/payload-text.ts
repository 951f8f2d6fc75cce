// The text a dead letter keeps of a Slack payload. Whole, as Slack sent it, when the receiver
// kept the request's raw body (HTTP mode: the exact bytes Slack signed); otherwise the parsed
// payload as JSON. A payload nested too deep for JSON.stringify (which recurses, and overflows
// the stack some thousands of levels down) is kept truncated below MAX_DEPTH levels, and the
// dead letter's reason says so, so nothing is dropped without a word.

/** Levels kept when a payload must be re-serialised without its raw text. */
export const MAX_DEPTH = 200;
const MARK = `[truncated: nested deeper than ${MAX_DEPTH} levels]`;

export interface PayloadText {
  text: string;
  /** Whether deep parts were cut (then `text` holds MARK where they were). */
  truncated: boolean;
}

function depthCapped(value: unknown, depth: number, cut: { any: boolean }): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) {
    cut.any = true;
    return MARK;
  }
  if (Array.isArray(value)) return value.map((v) => depthCapped(v, depth + 1, cut));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = depthCapped(v, depth + 1, cut);
  return out;
}

export function payloadText(body: unknown, raw?: string): PayloadText {
  if (typeof raw === 'string' && raw.length > 0) return { text: raw, truncated: false };
  try {
    return { text: JSON.stringify(body) ?? String(body), truncated: false };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const cut = { any: false };
    return { text: JSON.stringify(depthCapped(body, 0, cut)), truncated: cut.any };
  }
}

/** A dead letter's reason, with the truncation said when there was one. */
export function reasonWithTruncation(reason: string, payload: PayloadText): string {
  return payload.truncated ? `${reason} (payload kept truncated: nested deeper than ${MAX_DEPTH} levels)` : reason;
}
