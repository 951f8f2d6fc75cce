// The session's numbered messages follow the events: new member messages get numbers, edits
// update the text the next event will quote, deletions make a number unusable.
import { describe, expect, it } from 'vitest';
import { botMessage, fileShareMessage, messageChanged, messageDeleted, messageEvent, reactionAdded, threadBroadcast, threadReply } from '../../../../src/simulator/factories';
import { MessageBook } from '../../../../src/simulator/cli/message-book';

describe('MessageBook', () => {
  it('numbers member messages (replies, broadcasts and file shares too) but not bot messages or other events', () => {
    const book = new MessageBook();
    const root = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'root' });
    expect(book.observe(root)?.n).toBe(1);
    expect(book.observe(threadReply(root, { user: 'U0BO', text: 'reply' }))?.n).toBe(2);
    expect(book.observe(threadBroadcast(root, { user: 'U0CY', text: 'broadcast' }))?.n).toBe(3);
    expect(book.observe(fileShareMessage({ user: 'U0ANA', channel: 'C0LAUNCH' }))?.n).toBe(4);
    expect(book.observe(botMessage({ channel: 'C0GENERAL' }))).toBeUndefined();
    expect(book.observe(reactionAdded(root))).toBeUndefined();
    expect(book.list().map((e) => e.message.text)).toEqual(['root', 'reply', 'broadcast', expect.any(String)]);
  });

  it('finds by number or ts, keeps edits, refuses deleted and unknown messages', () => {
    const book = new MessageBook();
    const first = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'typo' });
    const second = messageEvent({ user: 'U0BO', channel: 'C0GENERAL', text: 'oops' });
    book.observe(first);
    book.observe(second);

    book.observe(messageChanged(first, { text: 'fixed' }));
    const found = book.find({ kind: 'ts', ts: first.ts });
    expect(found).toMatchObject({ ok: true, entry: { n: 1, message: { text: 'fixed', edited: { user: 'U0ANA' } } } });
    // The next edit quotes the edited text as previous_message, as Slack would.
    if (!found.ok) throw new Error('unreachable');
    expect(messageChanged(found.entry.message, { text: 'again' }).previous_message.text).toBe('fixed');

    book.observe(messageDeleted(second));
    expect(book.find({ kind: 'number', n: 2 })).toEqual({ ok: false, error: 'message [2] was deleted' });
    expect(book.find({ kind: 'number', n: 3 })).toEqual({ ok: false, error: 'no message [3] in this session — messages are [1]…[2] (type messages)' });
    expect(new MessageBook().find({ kind: 'ts', ts: '1.000001' })).toEqual({ ok: false, error: 'no message ts 1.000001 in this session — no messages yet: send one with `message`' });
  });
});
