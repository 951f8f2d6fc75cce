import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { parseQuery, type ParsedQuery, type ParseOptions } from '../../../src/browse/parse-query';

// Wednesday 2026-11-04 15:30 UTC = 16:30 in Paris (CET, UTC+1).
const NOW = new Date('2026-11-04T15:30:00Z');
const options: ParseOptions = { registry: activityRegistry, viewerId: 'U0VIEWER', now: NOW, timeZone: 'Europe/Paris' };

function list(text: string, opts: Partial<ParseOptions> = {}) {
  const parsed = parseQuery(text, { ...options, ...opts });
  if (parsed.kind !== 'list') throw new Error(`expected a list query, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function problems(text: string): string[] {
  const parsed: ParsedQuery = parseQuery(text, options);
  if (parsed.kind !== 'invalid') throw new Error(`expected problems, got ${parsed.kind}`);
  return parsed.problems.map((p) => `${p.token} → ${p.message}`);
}

describe('parseQuery', () => {
  it('reads an empty query as the newest activity, unfiltered', () => {
    expect(list('').filter).toEqual({ channels: [], types: [] });
    expect(list('   ').filter).toEqual({ channels: [], types: [] });
  });

  it('reads escaped member and channel mentions, with or without labels', () => {
    const { filter } = list('<@U123|ana> <#C456|general> <#C789>');
    expect(filter.member).toEqual({ slackUserId: 'U123', label: 'ana' });
    expect(filter.channels).toEqual([{ id: 'C456', label: 'general' }, { id: 'C789' }]);
    expect(list('<@W0ENTERPRISE>').filter.member).toEqual({ slackUserId: 'W0ENTERPRISE' });
  });

  it('reads `me` as the viewer', () => {
    expect(list('me').filter.member).toEqual({ slackUserId: 'U0VIEWER', label: 'you' });
  });

  it('reads types by alias, singular, full name, family and comma list', () => {
    expect(list('type:replies').filter.types).toEqual(['slack_message.threaded_reply.created']);
    expect(list('type:reaction').filter.types).toEqual(['slack_reaction.added']);
    expect(list('type:slack_message.created').filter.types).toEqual(['slack_message.created']);
    expect(list('type:messages,joins').filter.types).toEqual(['slack_message.created', 'workspace.user_joined']);
    expect(list('type:slack_message').filter.types.sort()).toEqual(
      ['slack_message.created', 'slack_message.deleted', 'slack_message.edited', 'slack_message.threaded_reply.created'].sort(),
    );
    expect(list('type:edits type:deletions').filter.types).toEqual(['slack_message.edited', 'slack_message.deleted']);
    expect(list('TYPE:Messages').filter.types).toEqual(['slack_message.created']);
  });

  it('reads relative and absolute times in the viewer zone', () => {
    expect(list('since:7d').filter.since).toEqual(new Date(NOW.getTime() - 7 * 86_400_000));
    expect(list('since:24h').filter.since).toEqual(new Date(NOW.getTime() - 86_400_000));
    // Midnight in Paris on Nov 1 (CET) is 23:00 UTC the day before.
    expect(list('since:2026-11-01').filter.since).toEqual(new Date('2026-10-31T23:00:00Z'));
    // until a date includes that whole day.
    expect(list('until:2026-11-01').filter.until).toEqual(new Date('2026-11-01T23:00:00Z'));
    expect(list('since: 2w').filter.since).toEqual(new Date(NOW.getTime() - 14 * 86_400_000));
  });

  it('reads today, yesterday, this week and friends as ranges', () => {
    expect(list('today').filter).toMatchObject({ since: new Date('2026-11-03T23:00:00Z'), rangeLabel: 'today' });
    expect(list('yesterday').filter).toMatchObject({ since: new Date('2026-11-02T23:00:00Z'), until: new Date('2026-11-03T23:00:00Z') });
    // The week starts on Monday Nov 2.
    expect(list('this week').filter).toMatchObject({ since: new Date('2026-11-01T23:00:00Z'), rangeLabel: 'this week' });
    expect(list('last week').filter).toMatchObject({ since: new Date('2026-10-25T23:00:00Z'), until: new Date('2026-11-01T23:00:00Z') });
    expect(list('this month').filter.since).toEqual(new Date('2026-10-31T23:00:00Z'));
    expect(list('last 30 days').filter).toMatchObject({ since: new Date(NOW.getTime() - 30 * 86_400_000), rangeLabel: 'last 30 days' });
    expect(list('7d').filter.rangeLabel).toBe('last 7 days');
  });

  it('follows the viewer zone for "today"', () => {
    // 15:30 UTC is already Nov 5 in Tokyo.
    expect(list('today', { timeZone: 'Asia/Tokyo' }).filter.since).toEqual(new Date('2026-11-04T15:00:00Z'));
    expect(list('today', { timeZone: 'UTC' }).filter.since).toEqual(new Date('2026-11-04T00:00:00Z'));
  });

  it('reads quoted text, with curly quotes and Slack entities', () => {
    expect(list('"sounds good"').filter.text).toBe('sounds good');
    expect(list('“launch   day”').filter.text).toBe('launch day');
    expect(list('"a &amp; b &lt;3"').filter.text).toBe('a & b <3');
  });

  it('combines everything in any order', () => {
    const { filter } = list('"ship it" type:replies since:7d <#C1|general> me');
    expect(filter).toMatchObject({
      text: 'ship it',
      types: ['slack_message.threaded_reply.created'],
      channels: [{ id: 'C1', label: 'general' }],
      member: { slackUserId: 'U0VIEWER' },
    });
    expect(filter.since).toBeInstanceOf(Date);
  });

  it('keeps names typed without autocomplete for lookup', () => {
    const parsed = list('#General @ana');
    expect(parsed.unresolved).toEqual({ channelNames: ['general'], memberName: 'ana' });
  });

  it('knows help and stats', () => {
    expect(parseQuery('help', options)).toEqual({ kind: 'help' });
    expect(parseQuery('HELP me', options)).toEqual({ kind: 'help' });
    const stats = parseQuery('stats', options);
    expect(stats).toMatchObject({ kind: 'stats', filter: { rangeLabel: 'last 7 days', since: new Date(NOW.getTime() - 7 * 86_400_000) } });
    expect(parseQuery('stats 30d <#C1>', options)).toMatchObject({ kind: 'stats', filter: { rangeLabel: 'last 30 days', channels: [{ id: 'C1' }] } });
    expect(parseQuery('stats this week', options)).toMatchObject({ kind: 'stats', filter: { rangeLabel: 'this week' } });
  });

  it('says what it did not understand, all of it', () => {
    expect(problems('sounds good')).toEqual([
      'sounds → I don\'t know "sounds"; free text goes in quotes: "sounds"',
      'good → I don\'t know "good"; free text goes in quotes: "good"',
    ]);
    expect(problems('type:banana')[0]).toMatch(/"banana" is not an activity type/);
    expect(problems('since:soon')[0]).toMatch(/"soon" is not a time/);
    expect(problems('"unclosed')[0]).toMatch(/never closed/);
    expect(problems('color:red')[0]).toMatch(/"color:" is not a filter/);
    expect(problems('<!here>')[0]).toMatch(/only filter by a member/);
    expect(problems('<@U1> <@U2>')[0]).toMatch(/only one member/);
    expect(problems('today since:7d')[0]).toMatch(/two time ranges/);
    expect(problems('since:1d until:2d')[0]).toMatch(/not before its end/);
    expect(problems('"a" "b"')[0]).toMatch(/only one quoted text/);
    expect(problems('since:')[0]).toMatch(/since what/);
    expect(problems('since:2026-02-30')[0]).toMatch(/not a time/);
  });

  it('caps text and channels', () => {
    expect(list(`"${'x'.repeat(500)}"`).filter.text).toHaveLength(200);
    const many = Array.from({ length: 11 }, (_, i) => `<#C${i}>`).join(' ');
    expect(problems(many)[0]).toMatch(/at most 10 channels/);
  });
});
