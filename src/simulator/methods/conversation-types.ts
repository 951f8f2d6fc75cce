// The `types` argument of conversations.list / users.conversations.
import type { ConversationRecord } from '../state';

export type ConversationKind = 'public_channel' | 'private_channel' | 'mpim' | 'im';

const KINDS: readonly ConversationKind[] = ['public_channel', 'private_channel', 'mpim', 'im'];

function isKind(value: string): value is ConversationKind {
  return (KINDS as readonly string[]).includes(value);
}

/** Parses "public_channel,private_channel"; default public_channel; undefined when a type is unknown. */
export function parseTypes(raw: string | undefined): Set<ConversationKind> | undefined {
  if (raw === undefined) return new Set(['public_channel']);
  const kinds = new Set<ConversationKind>();
  for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    if (!isKind(part)) return undefined;
    kinds.add(part);
  }
  return kinds.size === 0 ? new Set(['public_channel']) : kinds;
}

export function kindOf(record: ConversationRecord): ConversationKind {
  const c = record.conversation;
  if (c.is_im) return 'im';
  if (c.is_mpim) return 'mpim';
  return c.is_private ? 'private_channel' : 'public_channel';
}

export function matchesTypes(record: ConversationRecord, types: Set<ConversationKind>): boolean {
  return types.has(kindOf(record));
}
