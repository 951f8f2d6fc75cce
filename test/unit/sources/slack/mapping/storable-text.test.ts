// What a mapping produces must be storable whatever the payload holds: no half of a surrogate
// pair cut off by a length limit, no reason that quotes 200,000 characters of a payload. (The
// payload's own NULs and lone surrogates are repaired before mapping: see src/slack/checked-app.ts.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCERPT_MAX } from '../../../../../src/activities/types/common';
import { mapMessageEvent, mapReactionEvent, mapTeamJoinEvent, profileFromSlackUser } from '../../../../../src/sources/slack/mapping';
import { isStorableText } from '../../../../../src/storable';
import { ctx, expectValidDraft } from './helpers';

const message = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel: 'C0GENERAL',
  user: 'U0ANA',
  ts: '1790000000.000100',
  text: 'hello',
  ...extra,
});

/** Every string in a value (keys included) is storable. */
function expectStorable(value: unknown): void {
  const text = JSON.stringify(value) ?? '';
  // JSON.stringify escapes lone surrogates and NUL as \ud800 and \u0000: look for the escapes.
  expect(text).not.toMatch(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i);
}

describe('excerpts', () => {
  it('never end on half an emoji when the text is cut at the limit', () => {
    // An emoji (two UTF-16 units) across the cut, with no space to cut at instead.
    for (let at = EXCERPT_MAX - 4; at <= EXCERPT_MAX; at++) {
      const text = `${'x'.repeat(at)}🚀${'y'.repeat(20)}`;
      const mapping = mapMessageEvent(message({ text }), ctx());
      expect(mapping.kind).toBe('activity');
      if (mapping.kind !== 'activity') return;
      const excerpt = mapping.draft.metadata.excerpt as string;
      expect(isStorableText(excerpt), `emoji at ${at}: ${JSON.stringify(excerpt.slice(-4))}`).toBe(true);
      expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX);
      expectValidDraft(mapping.draft);
    }
  });

  it('property: the excerpts of a post and of an edit are storable for any well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }), (text, old) => {
        const posted = mapMessageEvent(message({ text }), ctx());
        expectStorable(posted);
        const edited = mapMessageEvent(
          {
            type: 'message',
            subtype: 'message_changed',
            channel: 'C0GENERAL',
            ts: '1790000100.000100',
            event_ts: '1790000100.000100',
            message: { type: 'message', user: 'U0ANA', text, ts: '1790000000.000100', edited: { user: 'U0ANA', ts: '1790000100.000000' } },
            previous_message: { type: 'message', user: 'U0ANA', text: old, ts: '1790000000.000100' },
          },
          ctx(),
        );
        expectStorable(edited);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reasons', () => {
  it('quote a few dozen characters of a payload at most, never cutting a character in two', () => {
    const huge = '🚀'.repeat(100_000);
    const outcomes = [
      mapMessageEvent(message({ subtype: huge }), ctx()),
      mapMessageEvent(message({ channel: huge }), ctx()),
      mapMessageEvent(message({ user: { id: huge } }), ctx()),
      mapMessageEvent(message({ ts: huge }), ctx()),
      mapMessageEvent({ type: huge }, ctx()),
      mapReactionEvent({ type: 'reaction_added', item: { type: huge } }, ctx()),
      mapReactionEvent({ type: 'reaction_added', user: huge, item: { type: 'message', channel: 'C0GENERAL', ts: '1.2' } }, ctx()),
      mapTeamJoinEvent({ type: 'team_join', user: { id: huge } }, ctx()),
      mapMessageEvent(message({ subtype: 'message_changed', message: { ts: '1790000000.000100', subtype: huge, user: 'U0ANA' } }), ctx()),
    ];
    for (const outcome of outcomes) {
      expect(outcome.kind).toBe('unmappable');
      const reason = (outcome as { reason: string }).reason;
      expect(reason.length).toBeLessThan(300);
      expect(isStorableText(reason), reason).toBe(true);
    }
  });

  it('say what a value too deep to quote is, instead of throwing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const outcome = mapMessageEvent(message({ ts: deep }), ctx());
    expect(outcome).toMatchObject({ kind: 'unmappable', reason: expect.stringContaining('array') });
  });
});

describe('profiles from the Web API', () => {
  it('are stored with NUL and unpaired surrogates replaced by U+FFFD', () => {
    expect(profileFromSlackUser({ id: 'U0ANA', real_name: 'Ana\u0000', tz: 'Europe/Paris\ud800', profile: { display_name: '\udc00ana', image_72: 'https://a/\u0000.png' } })).toEqual({
      displayName: '\ufffdana',
      realName: 'Ana\ufffd',
      avatarUrl: 'https://a/\ufffd.png',
      timezone: 'Europe/Paris\ufffd',
    });
  });
});
