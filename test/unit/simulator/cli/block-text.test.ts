// Block Kit shown in a terminal: the text a member would read, Slack's <…> markup resolved.
import { describe, expect, it } from 'vitest';
import { blocksToLines, mrkdwnToPlain } from '../../../../src/simulator/cli/block-text';

describe('mrkdwnToPlain', () => {
  const names = (id: string) => ({ U0ANA: 'Ana' })[id];

  it('resolves mentions, channels, dates, specials and links; keeps bold and italics', () => {
    expect(mrkdwnToPlain('*<@U0ANA>* posted in <#C0HELP|help>', names)).toBe('*@Ana* posted in #help');
    expect(mrkdwnToPlain('<@U0NOBODY> and <@U0BO|bo>', names)).toBe('@U0NOBODY and @bo');
    expect(mrkdwnToPlain('<!date^1712345678^{date_short_pretty} at {time}|2024-04-05 19:34 UTC>')).toBe('2024-04-05 19:34 UTC');
    expect(mrkdwnToPlain('<!here> _see_ <https://example.com/a|View message> or <https://example.com/b>')).toBe('@here _see_ View message or https://example.com/b');
    expect(mrkdwnToPlain('#general <#C0GENERAL>')).toBe('#general #C0GENERAL');
  });
});

describe('blocksToLines', () => {
  it('shows headers, sections (text, fields, a button), context, actions and dividers; skips the rest', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Community activity' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'line one\nline two' }, accessory: { type: 'button', text: { type: 'plain_text', text: 'Open' } } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Messages*\n2' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'a' }, { type: 'image', alt_text: 'avatar' }, { type: 'plain_text', text: 'b' }] },
      { type: 'divider' },
      { type: 'actions', elements: [{ type: 'static_select', placeholder: { type: 'plain_text', text: 'Type' } }, { type: 'button', text: { type: 'plain_text', text: 'More' } }] },
      { type: 'rich_text', elements: [] },
      'not a block',
    ];
    expect(blocksToLines(blocks)).toEqual(['Community activity', 'line one', 'line two', '[Open]', '*Messages*', '2', 'a  [avatar]  b', '────────', '[Type ▾]  [More]']);
  });

  it("falls back to the message's text when no block shows any", () => {
    expect(blocksToLines(undefined, undefined, 'plain answer\nsecond')).toEqual(['plain answer', 'second']);
    expect(blocksToLines([{ type: 'divider' }], undefined, 'unused')).toEqual(['────────']);
  });
});
