// The messages members "posted" in this simulator session, numbered as they are printed, so
// later commands can reply to, react to, edit or delete them by number. It learns from the
// events themselves (whether typed or played by the story), so an edit or a deletion keeps
// what the next event says about the message right (previous_message, deleted_ts).
import type { MessageChangedEvent, MessageDeletedEvent, OriginalMessage } from '../factories';
import type { MessageRef } from './commands';

export interface BookEntry {
  n: number;
  /** The message as it now stands (text updated by edits). */
  message: OriginalMessage & { user: string };
  deleted: boolean;
}

export type Lookup = { ok: true; entry: BookEntry } | { ok: false; error: string };

// Subtypes that are a member's own new message, as the app counts them.
const NEW_MESSAGE_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

type Loose = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class MessageBook {
  private readonly entries: BookEntry[] = [];

  /** Records what `event` does to the session's messages; returns the entry when it is a new member message. */
  observe(event: { type: string }): BookEntry | undefined {
    if (event.type !== 'message') return undefined;
    const e = event as Loose;
    const subtype = str(e.subtype);
    const channel = str(e.channel);
    if (subtype === 'message_changed') {
      const { message } = event as MessageChangedEvent;
      const entry = this.at(channel, message.ts);
      if (entry) entry.message = { ...entry.message, text: message.text, blocks: message.blocks ?? [], ...(message.edited ? { edited: message.edited } : {}) };
      return undefined;
    }
    if (subtype === 'message_deleted') {
      const entry = this.at(channel, (event as MessageDeletedEvent).deleted_ts);
      if (entry) entry.deleted = true;
      return undefined;
    }
    const user = str(e.user);
    if (!NEW_MESSAGE_SUBTYPES.has(subtype) || e.bot_id !== undefined || !user || !channel || !str(e.ts)) return undefined;
    const entry: BookEntry = { n: this.entries.length + 1, message: event as unknown as BookEntry['message'], deleted: false };
    this.entries.push(entry);
    return entry;
  }

  /** The message a command refers to; deleted ones are refused, as Slack would not show them. */
  find(ref: MessageRef): Lookup {
    const entry = ref.kind === 'number' ? this.entries[ref.n - 1] : this.entries.find((e) => e.message.ts === ref.ts);
    const name = ref.kind === 'number' ? `[${ref.n}]` : `ts ${ref.ts}`;
    if (!entry) {
      const known = this.entries.length === 0 ? 'no messages yet: send one with `message`' : `messages are [1]…[${this.entries.length}] (type messages)`;
      return { ok: false, error: `no message ${name} in this session — ${known}` };
    }
    if (entry.deleted) return { ok: false, error: `message [${entry.n}] was deleted` };
    return { ok: true, entry };
  }

  list(): readonly BookEntry[] {
    return this.entries;
  }

  private at(channel: string | undefined, ts: string | undefined): BookEntry | undefined {
    return this.entries.find((e) => e.message.channel === channel && e.message.ts === ts);
  }
}
