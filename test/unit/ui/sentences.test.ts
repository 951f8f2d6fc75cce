import { describe, expect, it } from 'vitest';
import { activitySentence, mrkdwnToPlain } from '../../../src/ui/sentences';
import { activityView, ANA, BO, everyTypeExample, member } from './activity-factory';

const place = { team_id: 'T0TEST', channel_id: 'C0GENERAL', channel_name: 'general' };
const plainSentence = (a: Parameters<typeof activitySentence>[0]) => mrkdwnToPlain(activitySentence(a));

describe('activitySentence', () => {
  it('reads like a person wrote it, for messages, replies and reactions', () => {
    expect(plainSentence(activityView({ type: 'slack_message.threaded_reply.created', metadata: { ...place, message_ts: '1.2', thread_ts: '1.1', excerpt: 'sounds good', is_broadcast: false, initiator_name: 'Ana' } }))).toBe(
      'Ana replied in #general: “sounds good”',
    );
    expect(
      plainSentence(
        activityView({
          type: 'slack_reaction.added',
          initiator: BO,
          recipient: ANA,
          metadata: { team_id: 'T0TEST', channel_id: 'C0LAUNCH', channel_name: 'launch', item_ts: '1.2', item_type: 'message', emoji: 'tada', initiator_name: 'Bo', recipient_name: 'Ana' },
        }),
      ),
    ).toBe("Bo reacted :tada: to Ana's message in #launch");
    expect(plainSentence(activityView({ type: 'slack_message.created', metadata: { ...place, message_ts: '1.2', excerpt: 'hello all', initiator_name: 'Ana' } }))).toBe(
      'Ana posted in #general: “hello all”',
    );
  });

  it('uses the names stored with the activity, then the member, then a mention Slack renders', () => {
    const metadata = { ...place, message_ts: '1.2', excerpt: 'hi' };
    expect(activitySentence(activityView({ type: 'slack_message.created', metadata: { ...metadata, initiator_name: 'Ana then' }, initiator: member('U0ANA', 'Ana now') }))).toMatch(/^\*Ana then\*/);
    expect(activitySentence(activityView({ type: 'slack_message.created', metadata, initiator: member('U0ANA', 'Ana now') }))).toMatch(/^\*Ana now\*/);
    expect(activitySentence(activityView({ type: 'slack_message.created', metadata, initiator: member('U0ANA', null) }))).toMatch(/^<@U0ANA> posted in <#C0GENERAL\|general>/);
    expect(activitySentence(activityView({ type: 'slack_message.created', metadata: { team_id: 'T0TEST', channel_id: 'C0X', message_ts: '1.2', excerpt: 'hi' }, initiator: null }))).toBe(
      'Someone posted in <#C0X>: “hi”',
    );
  });

  it('says self-reactions, removals, edits, deletions and joins plainly', () => {
    const reaction = { team_id: 'T0TEST', channel_id: 'C0G', channel_name: 'general', item_ts: '1.2', item_type: 'message', emoji: 'eyes' };
    expect(plainSentence(activityView({ type: 'slack_reaction.added', recipient: ANA, metadata: reaction }))).toBe('Ana reacted :eyes: to their own message in #general');
    expect(plainSentence(activityView({ type: 'slack_reaction.added', metadata: reaction }))).toBe('Ana reacted :eyes: to a message in #general');
    expect(plainSentence(activityView({ type: 'slack_reaction.removed', recipient: BO, metadata: reaction }))).toBe("Ana removed their :eyes: reaction from Bo's message in #general");
    expect(plainSentence(activityView({ type: 'slack_message.edited', metadata: { ...place, message_ts: '1.2', edited_ts: '1.3', excerpt: 'fixed typo' } }))).toBe(
      'Ana edited a message in #general: “fixed typo”',
    );
    expect(plainSentence(activityView({ type: 'slack_message.deleted', metadata: { ...place, message_ts: '1.2', deleted_ts: '1.3' } }))).toBe('A message by Ana was deleted in #general');
    expect(plainSentence(activityView({ type: 'workspace.user_joined', metadata: { team_id: 'T0TEST', user_id: 'U0CY', display_name: 'Cy', is_restricted: true }, initiator: member('U0CY', null) }))).toBe(
      'Cy joined the workspace as a guest',
    );
    expect(plainSentence(activityView({ type: 'slack_message.created', metadata: { ...place, message_ts: '1.2', excerpt: '', deleted_at: '2026-11-01T00:00:00.000Z' } }))).toBe(
      'Ana posted in #general (message since deleted)',
    );
  });

  describe('a message edited since it was posted', () => {
    const editedAt = new Date('2026-11-01T15:00:00Z');
    const post = { ...place, message_ts: '1.2', excerpt: 'relase on friday', initiator_name: 'Ana' };

    it('shows the current text, marked (edited); the stored excerpt (as posted) is not shown', () => {
      const text = activitySentence(activityView({ type: 'slack_message.created', metadata: post, edited: { excerpt: 'release on Thursday', editedAt } }));
      expect(text).toBe('*Ana* posted in <#C0GENERAL|general>: “release on Thursday” _(edited)_');
      expect(mrkdwnToPlain(text)).toBe('Ana posted in #general: “release on Thursday” (edited)');
      expect(text).not.toContain('relase');
    });

    it('marks replies and broadcasts the same way, before the broadcast note', () => {
      const reply = { ...place, message_ts: '1.3', thread_ts: '1.1', excerpt: 'old words', is_broadcast: true, initiator_name: 'Bo', recipient_name: 'Ana' };
      const view = activityView({ type: 'slack_message.threaded_reply.created', initiator: BO, recipient: ANA, metadata: reply, edited: { excerpt: 'new words', editedAt } });
      expect(plainSentence(view)).toBe("Bo replied to Ana's thread in #general: “new words” (edited) (also sent to the channel)");
    });

    it('keeps a file share readable when the edit emptied its caption', () => {
      const file = { ...place, message_ts: '1.4', excerpt: 'caption', subtype: 'file_share', file_ids: ['F1'], initiator_name: 'Ana' };
      expect(plainSentence(activityView({ type: 'slack_message.created', metadata: file, edited: { excerpt: '', editedAt } }))).toBe('Ana shared a file in #general (edited)');
    });

    it('cuts a long current text like any excerpt, and escapes it', () => {
      const long = `${'word '.repeat(100)}<b> & <!channel>`;
      const text = activitySentence(activityView({ type: 'slack_message.created', metadata: post, edited: { excerpt: long.slice(0, 280), editedAt } }));
      expect(text).toMatch(/…” _\(edited\)_$/);
      expect(text.length).toBeLessThan(300);
    });

    it('says "since deleted" and shows no text when the message was deleted, edited or not', () => {
      const deleted = { ...post, excerpt: '', deleted_at: '2026-11-02T00:00:00.000Z' };
      expect(plainSentence(activityView({ type: 'slack_message.created', metadata: deleted, edited: { excerpt: '', editedAt } }))).toBe(
        'Ana posted in #general (message since deleted)',
      );
    });

    it('leaves the edit activity itself as it was: the text after that edit', () => {
      expect(plainSentence(activityView({ type: 'slack_message.edited', metadata: { ...place, message_ts: '1.2', edited_ts: '1.3', excerpt: 'fixed typo' } }))).toBe(
        'Ana edited a message in #general: “fixed typo”',
      );
    });
  });

  it('has a sentence for every registered type, with no gaps', () => {
    for (const activity of everyTypeExample()) {
      const text = activitySentence(activity);
      expect(text, activity.type).not.toMatch(/undefined|null|\[object/);
      expect(text, activity.type).not.toContain(activity.type); // the fallback names the raw type
      expect(text.length, activity.type).toBeGreaterThan(10);
    }
  });

  it('makes user text safe: escaped, one line, mentions kept, broadcasts defused, links shown as words', () => {
    const text = activitySentence(
      activityView({
        type: 'slack_message.created',
        metadata: { ...place, message_ts: '1.2', excerpt: 'a &lt; b &amp; c &gt; d\n<!channel> see <https://example.com|the doc> cc <@U0BO>' },
      }),
    );
    expect(text).toContain('a &lt; b &amp; c &gt; d @channel see the doc cc <@U0BO>');
    expect(text).not.toContain('\n');
    expect(text).not.toContain('<!channel>');
  });

  it('cuts long excerpts cleanly', () => {
    const text = activitySentence(activityView({ type: 'slack_message.created', metadata: { ...place, message_ts: '1.2', excerpt: 'word '.repeat(56).trim() } }));
    expect(text).toMatch(/word…”$/);
    expect(text.length).toBeLessThan(250);
  });
});
